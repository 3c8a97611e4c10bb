package functions

import (
	"fmt"
	"strconv"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
)

// SEC_TO_TIME(seconds) and MAKETIME(hour, minute, second) build a TIME from numbers. Values
// beyond ±838:59:59 are clipped with warning 1292.
var (
	secToTime = &builtin{name: "sec_to_time", min: 1, max: 1, typ: timeType, eval: evalSecToTime,
		doc: "converts a number of seconds to a time"}
	makeTime = &builtin{name: "maketime", min: 3, max: 3, typ: timeType, eval: evalMakeTime,
		doc: "returns the time of an hour, minute and second"}
)

func timeType(*sql.Context, []sql.Expression) sql.Type { return types.Time }

// seconds reads a seconds argument: its whole seconds and microseconds, both signed. Text that
// is not a number gives warning 1292 "Truncated incorrect DECIMAL value" and what could be read.
func seconds(ctx *sql.Context, v any) (whole, us int64) {
	if s, ok := v.(string); ok {
		n, rest, ok := decimalPrefix(s)
		if !ok || rest != "" {
			warnTruncated(ctx, "DECIMAL", s)
		}
		if n.neg {
			return -n.whole, -n.us
		}
		return n.whole, n.us
	}
	if t, ok := v.(types.Timespan); ok {
		n := timeNumber(t.AsMicroseconds())
		return n, 0
	}
	whole, us, _ = numberOf(v)
	return whole, us
}

// secondsText writes seconds as MariaDB does in a warning: the fraction, if any, in six digits.
func secondsText(whole, us int64) string {
	if us == 0 {
		return strconv.FormatInt(whole, 10)
	}
	sign := ""
	if whole < 0 || us < 0 {
		sign, whole, us = "-", -whole, -us
	}
	return fmt.Sprintf("%s%d.%06d", sign, whole, us)
}

func evalSecToTime(ctx *sql.Context, c *call, row sql.Row) (any, error) {
	v, err := c.args[0].Eval(ctx, row)
	if err != nil || v == nil {
		return nil, err
	}
	whole, us := seconds(ctx, v)
	dec := numberPrecision(ctx, c.args[0])
	max := timeMax(dec)
	if whole > timeMaxSeconds || whole < -timeMaxSeconds || whole*usPerSecond+us > max || whole*usPerSecond+us < -max {
		warnTruncated(ctx, "seconds", secondsText(whole, us))
		if whole < 0 || us < 0 {
			return types.Timespan(-max), nil
		}
		return types.Timespan(max), nil
	}
	return types.Timespan(whole*usPerSecond + us), nil
}

func evalMakeTime(ctx *sql.Context, c *call, row sql.Row) (any, error) {
	vals, null, err := c.values(ctx, row)
	if err != nil || null {
		return nil, err
	}
	h, m := intArg(ctx, vals[0]), intArg(ctx, vals[1])
	s, us := seconds(ctx, vals[2])
	if m < 0 || m > 59 {
		return nil, nil
	}
	if s < 0 || us < 0 || s > 59 {
		warnTruncated(ctx, "seconds", secondsText(s, us))
		return nil, nil
	}
	dec := numberPrecision(ctx, c.args[2])
	if h > 838 || h < -838 {
		text := fmt.Sprintf("%d:%02d:%02d", h, m, s)
		if us != 0 {
			text += fmt.Sprintf(".%06d", us)
		}
		warnTruncated(ctx, "time", text)
		if h < 0 {
			return types.Timespan(-timeMax(dec)), nil
		}
		return types.Timespan(timeMax(dec)), nil
	}
	t := abs(h)*usPerHour + m*usPerMinute + s*usPerSecond + us
	if h < 0 {
		t = -t
	}
	if t > timeMax(dec) {
		t = timeMax(dec)
	}
	return types.Timespan(t), nil
}

// numberPrecision is the number of fraction digits of a numeric argument: an integer's none, a
// decimal's scale, six for anything else.
func numberPrecision(ctx *sql.Context, e sql.Expression) int {
	t := e.Type(ctx)
	switch {
	case types.IsInteger(t), types.IsTimespan(t):
		return 0
	case types.IsDecimal(t):
		return min(int(t.(sql.DecimalType).Scale()), 6)
	}
	return 6
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}
