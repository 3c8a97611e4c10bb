package sqlengine

import (
	"math"
	"testing"
	"time"

	"github.com/cockroachdb/apd/v3"
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/types"
	"github.com/dolthub/vitess/go/sqltypes"
	querypb "github.com/dolthub/vitess/go/vt/proto/query"
)

func TestExactResultRounding(t *testing.T) {
	dec := func(s string) *apd.Decimal {
		d, _, err := apd.NewFromString(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	cases := []struct {
		sum   string
		n     int64
		avg   bool
		scale int
		want  string
	}{
		{"2", 3, true, 4, "0.6667"},
		{"-2", 3, true, 4, "-0.6667"},
		{"1", 3, true, 4, "0.3333"},
		{"0.00005", 1, true, 4, "0.0001"},   // half rounds away from zero
		{"-0.00005", 1, true, 4, "-0.0001"}, // on both sides
		{"-0.00004", 1, true, 4, "0.0000"},  // no negative zero
		{"0.3", 1, false, 1, "0.3"},
		{"7", 1, false, 2, "7.00"},
		{"36893488147419103230", 2, true, 4, "18446744073709551615.0000"},
		{"24691357802469135780.2469135782", 4, true, 14, "6172839450617283945.06172839455000"},
	}
	for _, c := range cases {
		got, err := exactResult(dec(c.sum), c.n, c.avg, c.scale)
		if err != nil {
			t.Fatal(err)
		}
		if s := got.(*apd.Decimal).Text('f'); s != c.want {
			t.Errorf("exactResult(%s, %d, avg=%v, %d) = %s, want %s", c.sum, c.n, c.avg, c.scale, s, c.want)
		}
	}
	if got, _ := exactResult(dec("5"), 0, true, 4); got != nil {
		t.Errorf("no values: got %v, want NULL", got)
	}
}

func TestExactTemporalNumbers(t *testing.T) {
	ts := time.Date(2001, 2, 3, 4, 5, 6, 125000000, time.UTC)
	if got := temporalNumber(types.Date, ts).Text('f'); got != "20010203" {
		t.Errorf("DATE: %s", got)
	}
	if got := temporalNumber(types.DatetimeMaxPrecision, ts).Text('f'); got != "20010203040506.125000" {
		t.Errorf("DATETIME: %s", got)
	}
	if d, err := exactValue(sql.NewEmptyContext(), types.Date, "2001-01-02"); err != nil || d.Text('f') != "20010102" {
		t.Errorf("DATE as text: %v, %v", d, err)
	}
	if got := timeNumber(types.Timespan(-(10*3600 + 1) * 1_000_000)).Text('f'); got != "-100001.000000" {
		t.Errorf("TIME: %s", got)
	}
	if got := timeNumber(types.Timespan((838*3600 + 59*60 + 59) * 1_000_000)).Text('f'); got != "8385959.000000" {
		t.Errorf("TIME: %s", got)
	}
}

func TestExactArgument(t *testing.T) {
	ctx := sql.NewEmptyContext()
	col := func(typ sql.Type) sql.Expression { return expression.NewGetField(0, typ, "c", true) }
	cases := []struct {
		e           sql.Expression
		prec, scale int
		ok          bool
	}{
		{col(types.Int8), 3, 0, true},
		{col(types.Uint16), 5, 0, true},
		{col(types.Int24), 8, 0, true},
		{col(types.Int32), 10, 0, true},
		{col(types.Int64), 19, 0, true},
		{col(types.Uint64), 20, 0, true},
		{col(types.MustCreateDecimalType(30, 10)), 30, 10, true},
		{col(types.MustCreateBitType(8)), 8, 0, true},
		{col(types.Year), 4, 0, true},
		{col(types.Date), 8, 0, true},
		{col(types.MustCreateDatetimeType(sqltypes.Datetime, 3)), 17, 3, true},
		{col(types.Float64), 0, 0, false},
		{col(types.Float32), 0, 0, false},
		{col(types.Text), 0, 0, false},
		{expression.NewLiteral(int8(1), types.Int8), 1, 0, true},
		{expression.NewDistinctExpression(col(types.Int32)), 10, 0, true},
		{expression.NewPlus(col(types.Int32), expression.NewLiteral(int8(1), types.Int8)), 11, 0, true},
		{expression.NewMult(col(types.Int32), col(types.MustCreateDecimalType(2, 1))), 12, 1, true},
		{expression.NewMinus(col(types.MustCreateDecimalType(6, 2)), col(types.MustCreateDecimalType(10, 4))), 11, 4, true},
		{expression.NewUnaryMinus(col(types.Int64)), 19, 0, true},
		{expression.NewPlus(col(types.Float64), col(types.Int32)), 0, 0, false},
	}
	for _, c := range cases {
		p, s, ok := exactArgument(ctx, c.e)
		if p != c.prec || s != c.scale || ok != c.ok {
			t.Errorf("%s (%s): got %d,%d,%v want %d,%d,%v", c.e, c.e.Type(ctx), p, s, ok, c.prec, c.scale, c.ok)
		}
	}
}

func TestStringDouble(t *testing.T) {
	cases := []struct {
		in    string
		want  float64
		level string // the warning's level, "" for none
	}{
		{"12abc", 12, "Warning"},
		{" 1e2", 100, ""},
		{"3.5 ", 3.5, "Note"},
		{"-.5e1x", -5, "Warning"},
		{"1e", 1, "Warning"},
		{"", 0, "Warning"},
		{"inf", 0, "Warning"},
		{"0x10", 0, "Warning"},
		{"+7.", 7, ""},
		{"1e500", math.MaxFloat64, "Warning"},
		{"-1e500", -math.MaxFloat64, "Warning"},
	}
	for _, c := range cases {
		ctx := sql.NewEmptyContext()
		got := stringDouble(ctx, c.in, false)
		if got != c.want {
			t.Errorf("stringDouble(%q) = %v, want %v", c.in, got, c.want)
		}
		ws := ctx.Session.Warnings()
		switch {
		case c.level == "" && len(ws) != 0:
			t.Errorf("stringDouble(%q): unexpected warnings %v", c.in, ws)
		case c.level != "" && (len(ws) != 1 || ws[0].Level != c.level || ws[0].Code != 1292):
			t.Errorf("stringDouble(%q): warnings %v, want one %s 1292", c.in, ws, c.level)
		}
		quiet := sql.NewEmptyContext()
		stringDouble(quiet, c.in, true)
		if ws := quiet.Session.Warnings(); len(ws) != 0 {
			t.Errorf("stringDouble(%q, quiet): warnings %v", c.in, ws)
		}
	}
}

func TestDoubleResult(t *testing.T) {
	if got := doubleResult(3, 0, false); got != nil {
		t.Errorf("no values: %v", got)
	}
	if got := doubleResult(3, 2, true); got != 1.5 {
		t.Errorf("AVG: %v", got)
	}
	if got := doubleResult(math.Inf(1), 2, false); got != float64(0) {
		t.Errorf("overflow: %v", got)
	}
}

func TestDoubleFieldDecimals(t *testing.T) {
	fields := []*querypb.Field{
		{Name: "d", Type: sqltypes.Float64},
		{Name: "f", Type: sqltypes.Float32},
		{Name: "r", Type: sqltypes.Float64, Decimals: 2},
		{Name: "n", Type: sqltypes.Decimal, Decimals: 0},
	}
	mariadbFields(fields)
	for i, want := range []uint32{31, 31, 2, 0} {
		if fields[i].Decimals != want {
			t.Errorf("%s: decimals %d, want %d", fields[i].Name, fields[i].Decimals, want)
		}
	}
}
