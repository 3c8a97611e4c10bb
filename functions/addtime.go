package functions

import (
	"regexp"
	"time"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/types"
	"github.com/dolthub/vitess/go/sqltypes"
)

// ADDTIME(t, interval) and SUBTIME(t, interval) add or subtract a TIME interval. The result's
// type follows the first argument's: DATETIME for a DATE, DATETIME or TIMESTAMP, TIME for a
// TIME, and otherwise a string holding a DATETIME or a TIME, whichever the first argument reads
// as. TIME results are clipped to ±838:59:59 with warning 1292.
var (
	addTime = &builtin{name: "addtime", min: 2, max: 2, typ: addTimeType,
		doc:  "adds a time interval to a time or datetime",
		eval: func(ctx *sql.Context, c *call, row sql.Row) (any, error) { return evalAddTime(ctx, c, row, 1) }}
	subTime = &builtin{name: "subtime", min: 2, max: 2, typ: addTimeType,
		doc:  "subtracts a time interval from a time or datetime",
		eval: func(ctx *sql.Context, c *call, row sql.Row) (any, error) { return evalAddTime(ctx, c, row, -1) }}
)

// temporalText is the type of a function result that is a DATETIME or TIME written as text.
var temporalText = types.MustCreateString(sqltypes.VarChar, 26, sql.Collation_utf8mb3_general_ci)

func addTimeType(ctx *sql.Context, args []sql.Expression) sql.Type {
	t := args[0].Type(ctx)
	switch {
	case types.IsTime(t):
		prec := max(precisionOf(ctx, args[0]), precisionOf(ctx, args[1]))
		return types.MustCreateDatetimeType(sqltypes.Datetime, min(prec, 6))
	case types.IsTimespan(t):
		return types.Time
	}
	return temporalText
}

// precisionOf is the number of fraction digits of a temporal argument: a column's or a
// number's scale, the digits a string literal has, six for other text.
func precisionOf(ctx *sql.Context, e sql.Expression) int {
	t := e.Type(ctx)
	switch {
	case types.IsTime(t):
		if dt, ok := t.(sql.DatetimeType); ok {
			return dt.Precision()
		}
		return 0
	case types.IsTimespan(t), types.IsInteger(t):
		// seqd's TIME columns have no fraction (see sqlengine/fields.go).
		return 0
	case types.IsDecimal(t):
		return min(int(t.(sql.DecimalType).Scale()), 6)
	case types.IsText(t):
		if lit, ok := e.(*expression.Literal); ok {
			if s, ok := lit.Value().(string); ok {
				if p := parseTime(s); p.ok {
					return p.dec
				}
			}
		}
	}
	return 6
}

// datetimeText matches text that MariaDB reads as a DATETIME rather than a TIME: a date
// followed by a time of day.
var datetimeText = regexp.MustCompile(`^\s*\d{1,4}[-/.:]\d{1,2}[-/.:]\d{1,2}[ T]+\d`)

func evalAddTime(ctx *sql.Context, c *call, row sql.Row, sign int64) (any, error) {
	vals, null, err := c.values(ctx, row)
	if err != nil || null {
		return nil, err
	}
	if t, ok := vals[1].(time.Time); ok {
		warnIncorrect(ctx, "INTERVAL DAY TO SECOND", text(t))
		return nil, nil
	}
	iv, ok := timeOf(ctx, vals[1], "INTERVAL DAY TO SECOND")
	if !ok {
		return nil, nil
	}
	iv *= sign
	asText := !types.IsTime(c.Type(ctx)) && !types.IsTimespan(c.Type(ctx))
	switch x := vals[0].(type) {
	case time.Time:
		return addToDatetime(x, iv, asText), nil
	case string:
		if datetimeText.MatchString(x) {
			t, _, err := types.DatetimeMaxPrecision.Convert(ctx, x)
			if err != nil || t == nil {
				warnIncorrect(ctx, "datetime", x)
				return nil, nil
			}
			return addToDatetime(t.(time.Time), iv, asText), nil
		}
	}
	us, ok := timeOf(ctx, vals[0], "time")
	if !ok {
		return nil, nil
	}
	if !asText {
		return types.Timespan(clipTime(ctx, us+iv, 6)), nil
	}
	r := clipTime(ctx, us+iv, 6)
	return formatTime(r, fracDigits(r)), nil
}

// addToDatetime adds us microseconds to t; a result outside years 0..9999 is NULL.
func addToDatetime(t time.Time, us int64, asText bool) any {
	r := t.Add(time.Duration(us) * time.Microsecond)
	if r.Year() < 0 || r.Year() > 9999 {
		return nil
	}
	if asText {
		return text(r)
	}
	return r
}
