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
	// Other arguments keep GMS's functions.
	f, _ := decimalRoundFunction("round")
	e, err := f.NewInstance(ctx, []sql.Expression{expression.NewLiteral(2.5, types.Float64)})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := e.(*decimalRound); ok {
		t.Errorf("ROUND of a DOUBLE: got seqd's DECIMAL ROUND")
	}
}
