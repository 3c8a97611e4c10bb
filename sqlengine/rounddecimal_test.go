package sqlengine

import (
	"testing"

	"github.com/cockroachdb/apd/v3"
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/types"
)

func TestDecimalRound(t *testing.T) {
	ctx := sql.NewEmptyContext()
	dec := func(s string) *apd.Decimal {
		d, _, err := apd.NewFromString(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	d52 := types.MustCreateDecimalType(5, 2)
	cases := []struct {
		name     string
		arg      string
		dec      sql.Expression // nil: ROUND(x)
		prec     uint8
		scale    uint8
		want     string
		truncate bool
	}{
		{"round", "10.46", expression.NewLiteral(int8(1), types.Int8), 5, 1, "10.5", false},
		{"round", "-10.45", expression.NewLiteral(int8(1), types.Int8), 5, 1, "-10.5", false},
		{"round", "999.99", nil, 4, 0, "1000", false},
		{"round", "-0.45", nil, 4, 0, "0", false},
		{"round", "10.46", expression.NewUnaryMinus(expression.NewLiteral(int8(1), types.Int8)), 4, 0, "10", false},
		{"round", "10.46", expression.NewLiteral(int8(3), types.Int8), 6, 3, "10.460", false},
		{"truncate", "10.46", expression.NewLiteral(int8(1), types.Int8), 4, 1, "10.4", true},
		{"truncate", "-0.45", expression.NewLiteral(int8(1), types.Int8), 4, 1, "-0.4", true},
		{"round", "10.46", expression.NewGetField(1, types.Int32, "i", true), 5, 2, "10.46", false},
	}
	for _, c := range cases {
		f, _ := decimalRoundFunction(c.name)
		args := []sql.Expression{expression.NewLiteral(dec(c.arg), d52)}
		if c.dec != nil {
			args = append(args, c.dec)
		}
		e, err := f.NewInstance(ctx, args)
		if err != nil {
			t.Fatal(err)
		}
		r, ok := e.(*decimalRound)
		if !ok {
			t.Fatalf("%s: got %T", e, e)
		}
		if typ := r.Type(ctx).(sql.DecimalType); typ.Precision() != c.prec || typ.Scale() != c.scale {
			t.Errorf("%s: type %s, want decimal(%d,%d)", e, typ, c.prec, c.scale)
		}
		v, err := r.Eval(ctx, sql.Row{nil, int32(5)})
		if err != nil {
			t.Fatal(err)
		}
		if got := v.(*apd.Decimal).Text('f'); got != c.want {
			t.Errorf("%s of %s = %s, want %s", e, c.arg, got, c.want)
		}
	}
	// DOUBLE arguments get seqd's DOUBLE ROUND, integers keep GMS's.
	f, _ := decimalRoundFunction("round")
	e, err := f.NewInstance(ctx, []sql.Expression{expression.NewLiteral(2.5, types.Float64)})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := e.(*doubleRound); !ok {
		t.Errorf("ROUND of a DOUBLE: got %T", e)
	}
	e, err = f.NewInstance(ctx, []sql.Expression{expression.NewLiteral(int32(25), types.Int32)})
	if err != nil {
		t.Fatal(err)
	}
	switch e.(type) {
	case *doubleRound, *decimalRound:
		t.Errorf("ROUND of an INT: got %T", e)
	}
}

func TestDoubleRoundValue(t *testing.T) {
	cases := []struct {
		v        float64
		dec      int64
		truncate bool
		want     float64
	}{
		{2.5, 0, false, 2},
		{3.5, 0, false, 4},
		{-2.5, 0, false, -2},
		{1.005, 2, false, 1},
		{2.25, 1, false, 2.2},
		{125, -1, false, 120},
		{135, -1, false, 140},
		{-2.5, 0, true, -2},
		{2.59, 1, true, 2.5},
		{-129, -1, true, -120},
		{5e-324, 400, false, 5e-324},
		{1e308, -400, false, 0},
	}
	for _, c := range cases {
		if got := doubleRoundValue(c.v, c.dec, c.truncate); got != c.want {
			t.Errorf("doubleRoundValue(%v, %d, truncate=%v) = %v, want %v", c.v, c.dec, c.truncate, got, c.want)
		}
	}
}
