package sqlengine

import (
	"strings"

	"github.com/cockroachdb/apd/v3"
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression/function"
)

// GMS's FLOOR and CEIL of a DECIMAL round the argument's *apd.Decimal in place: when the argument
// is a column, the row's value changes, so SELECT FLOOR(d), d showed d rounded and later
// expressions over d computed with the rounded value. seqd gives them a copy of the value.

// inPlaceDecimalFunctions are the built-ins that modify their DECIMAL argument.
var inPlaceDecimalFunctions = map[string]bool{"floor": true, "ceil": true, "ceiling": true}

// decimalSafeFunction returns GMS's built-in name with its argument copied first, for the
// functions in inPlaceDecimalFunctions.
func decimalSafeFunction(name string) (sql.Function, bool) {
	name = strings.ToLower(name)
	if !inPlaceDecimalFunctions[name] {
		return nil, false
	}
	var gms sql.Function
	for _, f := range function.BuiltIns {
		if strings.EqualFold(f.FunctionName(), name) {
			gms = f
		}
	}
	if gms == nil {
		return nil, false
	}
	return sql.FunctionN{Name: name, Fn: func(ctx *sql.Context, args ...sql.Expression) (sql.Expression, error) {
		wrapped := make([]sql.Expression, len(args))
		for i, a := range args {
			wrapped[i] = &decimalCopy{child: a}
		}
		return gms.NewInstance(ctx, wrapped)
	}}, true
}

// decimalCopy evaluates its child and copies a DECIMAL value, so that the caller may change it.
type decimalCopy struct {
	child sql.Expression
}

var _ sql.Expression = (*decimalCopy)(nil)

func (d *decimalCopy) Eval(ctx *sql.Context, row sql.Row) (any, error) {
	v, err := d.child.Eval(ctx, row)
	if dec, ok := v.(*apd.Decimal); ok && err == nil {
		return new(apd.Decimal).Set(dec), nil
	}
	return v, err
}

func (d *decimalCopy) Resolved() bool                   { return d.child.Resolved() }
func (d *decimalCopy) String() string                   { return d.child.String() }
func (d *decimalCopy) Type(ctx *sql.Context) sql.Type   { return d.child.Type(ctx) }
func (d *decimalCopy) IsNullable(ctx *sql.Context) bool { return d.child.IsNullable(ctx) }
func (d *decimalCopy) Children() []sql.Expression       { return []sql.Expression{d.child} }
func (d *decimalCopy) CollationCoercibility(ctx *sql.Context) (sql.CollationID, byte) {
	return sql.GetCoercibility(ctx, d.child)
}
func (d *decimalCopy) WithChildren(_ *sql.Context, children ...sql.Expression) (sql.Expression, error) {
	if len(children) != 1 {
		return nil, sql.ErrInvalidChildrenNumber.New(d, len(children), 1)
	}
	return &decimalCopy{child: children[0]}, nil
}
