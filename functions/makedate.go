package functions

import (
	"time"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
)

// MAKEDATE(year, dayofyear) and TO_SECONDS(datetime): conversions between dates and numbers.
var (
	makeDate = &builtin{name: "makedate", min: 2, max: 2, eval: evalMakeDate,
		typ: func(*sql.Context, []sql.Expression) sql.Type { return types.Date },
		doc: "returns the date of a year and a day of that year"}
	toSeconds = &builtin{name: "to_seconds", min: 1, max: 1, eval: evalToSeconds,
		typ: func(*sql.Context, []sql.Expression) sql.Type { return types.Int64 },
		doc: "returns the number of seconds since year 0"}
)

// maxDays bounds a day count: 10,000 years, more than any valid date is away from year 0.
const maxDays = 10000 * 366

func evalMakeDate(ctx *sql.Context, c *call, row sql.Row) (any, error) {
	vals, null, err := c.values(ctx, row)
	if err != nil || null {
		return nil, err
	}
	y, d := intArg(ctx, vals[0]), intArg(ctx, vals[1])
	if d <= 0 || d > maxDays || y < 0 || y > 9999 {
		return nil, nil
	}
	// Two-digit years as MariaDB reads them: 00..69 are 2000..2069, 70..99 are 1970..1999.
	if y < 70 {
		y += 2000
	} else if y < 100 {
		y += 1900
	}
	t := time.Date(int(y), time.January, int(d), 0, 0, 0, 0, time.UTC)
	if t.Year() > 9999 {
		return nil, nil
	}
	return t, nil
}

// yearZero is 0000-01-01, from which TO_SECONDS counts (in the proleptic Gregorian calendar,
// year 0 a leap year).
var yearZero = time.Date(0, time.January, 1, 0, 0, 0, 0, time.UTC)

func evalToSeconds(ctx *sql.Context, c *call, row sql.Row) (any, error) {
	v, err := c.args[0].Eval(ctx, row)
	if err != nil || v == nil {
		return nil, err
	}
	t, ok := datetimeOf(ctx, v)
	if !ok {
		return nil, nil
	}
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	days := (day.Unix() - yearZero.Unix()) / 86400
	return days*86400 + int64(t.Hour()*3600+t.Minute()*60+t.Second()), nil
}

// datetimeOf converts a non-NULL value to a DATETIME. A TIME is taken on the current date.
// A value that is no valid date gives warning 1292 "Incorrect datetime value" and ok false.
func datetimeOf(ctx *sql.Context, v any) (time.Time, bool) {
	switch x := v.(type) {
	case time.Time:
		if x.Year() == 0 && x.Month() <= 1 && x.Day() <= 1 && x.Equal(types.ZeroTime) {
			warnIncorrect(ctx, "datetime", text(x))
			return time.Time{}, false
		}
		return x, true
	case types.Timespan:
		now := ctx.QueryTime()
		day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
		return day.Add(time.Duration(x.AsMicroseconds()) * time.Microsecond), true
	}
	if n, ok := integerOf(v); ok {
		if t, ok := numberDatetime(n); ok {
			return t, true
		}
		warnIncorrect(ctx, "datetime", text(v))
		return time.Time{}, false
	}
	t, _, err := types.DatetimeMaxPrecision.Convert(ctx, v)
	r, ok := t.(time.Time)
	if err != nil || !ok || r.Equal(types.ZeroTime) {
		warnIncorrect(ctx, "datetime", text(v))
		return time.Time{}, false
	}
	return r, true
}

// numberDatetime reads a number as MariaDB reads a date written as digits: YYMMDD, YYYYMMDD,
// YYMMDDHHMMSS or YYYYMMDDHHMMSS, two-digit years being 1970..2069.
func numberDatetime(n int64) (time.Time, bool) {
	if n < 101 {
		return time.Time{}, false
	}
	var date, clock int64
	switch {
	case n <= 99991231:
		date = n
	case n < 101000000:
		return time.Time{}, false
	default:
		date, clock = n/1000000, n%1000000
	}
	y, m, d := date/10000, date/100%100, date%100
	if date <= 991231 {
		if y < 70 {
			y += 2000
		} else {
			y += 1900
		}
	}
	h, mi, s := clock/10000, clock/100%100, clock%100
	if y > 9999 || m < 1 || m > 12 || d < 1 || h > 23 || mi > 59 || s > 59 {
		return time.Time{}, false
	}
	t := time.Date(int(y), time.Month(m), int(d), int(h), int(mi), int(s), 0, time.UTC)
	if t.Day() != int(d) {
		return time.Time{}, false
	}
	return t, true
}
