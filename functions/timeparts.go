package functions

import (
	"time"

	"github.com/cockroachdb/apd/v3"
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
)

// TIME_TO_SEC, HOUR, MINUTE, SECOND and MICROSECOND read their argument as a TIME the way
// MariaDB does: '10:00' is ten hours, '100:00:00' has hour 100, a DATETIME gives its time of
// day. They replace GMS's functions of the same names, which read text as a DATETIME only.
var (
	timeToSec = &builtin{name: "time_to_sec", min: 1, max: 1, eval: evalTimeToSec, typ: timeToSecType,
		doc: "returns the number of seconds of a time"}
	hourFn = &builtin{name: "hour", min: 1, max: 1, doc: "returns the hours of a time",
		typ: longType, eval: timePart(func(us int64) int64 { return us / usPerHour })}
	minuteFn = &builtin{name: "minute", min: 1, max: 1, doc: "returns the minutes of a time",
		typ: longType, eval: timePart(func(us int64) int64 { return us / usPerMinute % 60 })}
	secondFn = &builtin{name: "second", min: 1, max: 1, doc: "returns the seconds of a time",
		typ: longType, eval: timePart(func(us int64) int64 { return us / usPerSecond % 60 })}
	microsecondFn = &builtin{name: "microsecond", min: 1, max: 1, doc: "returns the microseconds of a time",
		typ: longType, eval: timePart(func(us int64) int64 { return us % usPerSecond })}
)

func longType(*sql.Context, []sql.Expression) sql.Type { return types.Int32 }

// timeToSecType is BIGINT, or a DECIMAL with the argument's fraction digits.
func timeToSecType(ctx *sql.Context, args []sql.Expression) sql.Type {
	dec := precisionOf(ctx, args[0])
	if dec == 0 {
		return types.Int64
	}
	return types.MustCreateDecimalType(uint8(17+dec), uint8(dec))
}

// timeArg converts a non-NULL argument to a TIME within the TIME range; text holding a date
// and a time gives the time. ok is false (with a warning) when v is no time.
func timeArg(ctx *sql.Context, v any, dec int) (int64, bool) {
	if s, ok := v.(string); ok && datetimeText.MatchString(s) {
		if t, _, err := types.DatetimeMaxPrecision.Convert(ctx, s); err == nil && t != nil {
			v = t.(time.Time)
		}
	}
	us, ok := timeOf(ctx, v, "time")
	if !ok {
		return 0, false
	}
	return clipTime(ctx, us, dec), true
}

func evalTimeToSec(ctx *sql.Context, c *call, row sql.Row) (any, error) {
	v, err := c.args[0].Eval(ctx, row)
	if err != nil || v == nil {
		return nil, err
	}
	dec := precisionOf(ctx, c.args[0])
	us, ok := timeArg(ctx, v, dec)
	if !ok {
		return nil, nil
	}
	if dec == 0 {
		return us / usPerSecond, nil
	}
	unit := usPerSecond
	for range dec {
		unit /= 10
	}
	return apd.New(us/unit, -int32(dec)), nil
}

// timePart returns the evaluation of a function that returns a part of its argument's time,
// of the time's absolute value.
func timePart(part func(us int64) int64) func(*sql.Context, *call, sql.Row) (any, error) {
	return func(ctx *sql.Context, c *call, row sql.Row) (any, error) {
		v, err := c.args[0].Eval(ctx, row)
		if err != nil || v == nil {
			return nil, err
		}
		us, ok := timeArg(ctx, v, 6)
		if !ok {
			return nil, nil
		}
		return int32(part(abs(us))), nil
	}
}
