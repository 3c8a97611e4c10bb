package functions

import (
	"testing"
	"time"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/types"
)

func TestParseTime(t *testing.T) {
	for _, tc := range []struct {
		in   string
		us   int64
		dec  int
		rest string
		ok   bool
	}{
		{"10:00:00", 10 * usPerHour, 0, "", true},
		{"-10:00:00.5", -(10*usPerHour + usPerSecond/2), 1, "", true},
		{"1 01:00:00.25", 25*usPerHour + usPerSecond/4, 2, "", true},
		{"900:00:00", 900 * usPerHour, 0, "", true},
		{"1:2", usPerHour + 2*usPerMinute, 0, "", true},
		{"123456", 12*usPerHour + 34*usPerMinute + 56*usPerSecond, 0, "", true},
		{"5", 5 * usPerSecond, 0, "", true},
		{"12.3456789", 12*usPerSecond + 345678, 6, "", true},
		{"2024-01-01", 20*usPerMinute + 24*usPerSecond, 0, "-01-01", true},
		{" 10:00 ", 10 * usPerHour, 0, "", true},
		{"10:60:00", 0, 0, "", false},
		{"10:00:61", 0, 0, "", false},
		{"99999999999999999999999", 0, 0, "", false},
		{"99999999999999999999:00:00", 0, 0, "", false},
		{"4000000000:00:00", maxHours * usPerHour, 0, "", true},
		{"xx", 0, 0, "", false},
		{"", 0, 0, "", false},
		{"-", 0, 0, "", false},
	} {
		p := parseTime(tc.in)
		if p.ok != tc.ok || (tc.ok && (p.us != tc.us || p.dec != tc.dec || p.rest != tc.rest)) {
			t.Errorf("parseTime(%q) = %+v, want us=%d dec=%d rest=%q ok=%v", tc.in, p, tc.us, tc.dec, tc.rest, tc.ok)
		}
	}
}

func TestFormatTime(t *testing.T) {
	for _, tc := range []struct {
		us   int64
		dec  int
		want string
	}{
		{0, 0, "00:00:00"},
		{-3661 * usPerSecond, 0, "-01:01:01"},
		{timeMax(6), 6, "838:59:59.999999"},
		{timeMax(1), 1, "838:59:59.9"},
		{900 * usPerHour, 0, "900:00:00"},
	} {
		if got := formatTime(tc.us, tc.dec); got != tc.want {
			t.Errorf("formatTime(%d, %d) = %q, want %q", tc.us, tc.dec, got, tc.want)
		}
	}
}

func TestPeriods(t *testing.T) {
	ctx := sql.NewEmptyContext()
	for _, tc := range []struct {
		f    *builtin
		a, b any
		want any
	}{
		{periodAdd, int64(202401), int64(3), int64(202404)},
		{periodAdd, int64(2401), int64(13), int64(202502)},
		{periodAdd, int64(0), int64(1), int64(0)},
		{periodAdd, int64(202401), int64(-13), int64(202212)},
		{periodAdd, int64(-1), int64(1), int64(200002)},
		{periodAdd, int64(999913), int64(0), int64(0)},
		{periodAdd, int64(202401), int64(99999999999), int64(10131470608)},
		{periodAdd, int64(202401), int64(-24289), int64(35791394104)},
		{periodAdd, nil, int64(1), nil},
		{periodDiff, int64(2401), int64(9912), int64(289)},
		{periodDiff, int64(202413), int64(1), int64(300)},
		{periodDiff, int64(-1), int64(0), int64(0)},
		{periodDiff, int64(1), nil, nil},
	} {
		c := &call{fn: tc.f, args: []sql.Expression{lit(tc.a), lit(tc.b)}}
		got, err := c.Eval(ctx, nil)
		if err != nil || got != tc.want {
			t.Errorf("%s(%v, %v) = %v, %v, want %v", tc.f.name, tc.a, tc.b, got, err, tc.want)
		}
	}
}

func TestTimeClipping(t *testing.T) {
	ctx := sql.NewEmptyContext()
	for _, tc := range []struct {
		f    *builtin
		args []any
		want any
	}{
		{secToTime, []any{int64(3020399)}, types.Timespan(timeMax(0))},
		{secToTime, []any{int64(3020400)}, types.Timespan(timeMax(0))},
		{secToTime, []any{int64(-9223372036854775808)}, types.Timespan(-timeMax(0))},
		{secToTime, []any{"-12.5"}, types.Timespan(-12*usPerSecond - usPerSecond/2)},
		{makeTime, []any{int64(-838), int64(59), int64(59)}, types.Timespan(-timeMax(0))},
		{makeTime, []any{int64(9223372036854775807), int64(0), int64(0)}, types.Timespan(timeMax(0))},
		{makeTime, []any{int64(1), int64(2), int64(60)}, nil},
		{makeTime, []any{int64(1), int64(-1), int64(0)}, nil},
		{addTime, []any{"838:59:59", "1"}, "838:59:59.999999"},
		{subTime, []any{"-838:59:59", "10:00"}, "-838:59:59.999999"},
		{addTime, []any{"00:00:00", "99999999999999999999:00:00"}, nil},
		{addTime, []any{"00:00:00", "4000000000:00:00"}, "838:59:59.999999"},
		{makeDate, []any{int64(9223372036854775807), int64(1)}, nil},
		{makeDate, []any{int64(2024), int64(9223372036854775807)}, nil},
		{makeDate, []any{int64(24), int64(366)}, time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)},
		{toSeconds, []any{int64(99991231235959)}, int64(315569519999)},
		{toSeconds, []any{int64(100)}, nil},
		{toSeconds, []any{int64(20240230)}, nil},
	} {
		args := make([]sql.Expression, len(tc.args))
		for i, a := range tc.args {
			args[i] = lit(a)
		}
		c := &call{fn: tc.f, args: args}
		got, err := c.Eval(ctx, nil)
		if err != nil || got != tc.want {
			t.Errorf("%s(%v) = %v, %v, want %v", tc.f.name, tc.args, got, err, tc.want)
		}
	}
}

// lit is a literal of a Go value with the type GMS gives such a literal.
func lit(v any) sql.Expression {
	switch v.(type) {
	case nil:
		return expression.NewLiteral(nil, types.Null)
	case string:
		return expression.NewLiteral(v, types.LongText)
	}
	return expression.NewLiteral(v, types.Int64)
}

func TestHugeArguments(t *testing.T) {
	ctx := sql.NewEmptyContext()
	for _, tc := range []struct {
		f    *builtin
		args []any
		want any
	}{
		{makeTime, []any{int64(-9223372036854775808), int64(0), int64(0)}, types.Timespan(-timeMax(0))},
		{addTime, []any{int64(99999999999999), "1"}, nil},
		{addTime, []any{int64(9000000), "1"}, "838:59:59.999999"},
		{secToTime, []any{"1000000000000000000000000"}, types.Timespan(timeMax(6))},
		{periodAdd, []any{"99999999999999999999999", int64(1)}, int64(200002)},
	} {
		args := make([]sql.Expression, len(tc.args))
		for i, a := range tc.args {
			args[i] = lit(a)
		}
		c := &call{fn: tc.f, args: args}
		got, err := c.Eval(ctx, nil)
		if err != nil || got != tc.want {
			t.Errorf("%s(%v) = %v, %v, want %v", tc.f.name, tc.args, got, err, tc.want)
		}
	}
	if w := ctx.Session.Warnings(); len(w) == 0 {
		t.Errorf("no warnings for clipped values")
	}
}
