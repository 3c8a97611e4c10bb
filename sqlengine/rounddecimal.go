package sqlengine

import (
	"fmt"
	"math"
	"strings"

	"github.com/cockroachdb/apd/v3"
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/expression/function"
	"github.com/dolthub/go-mysql-server/sql/types"
)

// ROUND and TRUNCATE of a DECIMAL as MariaDB types them (Item_func_round::fix_arg_decimal).
// GMS keeps the argument's type, so ROUND(d, 1) of a DECIMAL(5,2) showed 10.50 where MariaDB
// shows 10.5. With a constant number of decimals d, MariaDB's result has max(d, 0) decimals
// (at most 38) and the argument's precision adjusted by the decimals dropped or added, plus one
// digit for the carry of rounding (ROUND only); with a variable d it keeps the argument's
// type. Like AVG (sumavg.go), a result with more than 30 decimals reports 30 in its metadata
// and shows all of them. ROUND rounds half away from zero, TRUNCATE towards zero, and a zero result is never
// negative.
//
// ROUND and TRUNCATE of FLOAT, DOUBLE and strings are MariaDB's my_double_round: DOUBLE
// arithmetic, ROUND to the nearest even at a tie of the scaled value (ROUND(2.5e0) is 2), a
// string read as a DOUBLE with MariaDB's warnings. GMS rounded half up through DECIMAL, gave
// NULL for strings and failed on DOUBLEs beyond DECIMAL's range. MariaDB also shows such a
// result with the constant number of decimals (2.50); seqd shows the shortest form (2.5).
// Integer arguments keep GMS's functions.

// decimalRoundFunction returns seqd's ROUND or TRUNCATE for the lower-case name.
func decimalRoundFunction(name string) (sql.Function, bool) {
	name = strings.ToLower(name)
	if name != "round" && name != "truncate" {
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
	truncate := name == "truncate"
	return sql.FunctionN{Name: name, Fn: func(ctx *sql.Context, args ...sql.Expression) (sql.Expression, error) {
		if len(args) == 2 || (len(args) == 1 && !truncate) {
			if t := args[0].Type(ctx); types.IsFloat(t) || types.IsText(t) {
				r := &doubleRound{roundCall{num: args[0], truncate: truncate}}
				if len(args) == 2 {
					r.dec = args[1]
				}
				return r, nil
			}
		}
		if (len(args) == 2 || (len(args) == 1 && !truncate)) && types.IsDecimal(args[0].Type(ctx)) {
			r := &decimalRound{roundCall: roundCall{num: args[0], truncate: truncate}}
			if len(args) == 2 {
				r.dec = args[1]
			}
			if t, scale, ok := r.resultType(ctx); ok {
				r.typ, r.scale = t, scale
				return r, nil
			}
		}
		return gms.NewInstance(ctx, args)
	}}, true
}

// decimalRound is ROUND(num[, dec]) or TRUNCATE(num, dec) of a DECIMAL num.
type decimalRound struct {
	roundCall
	typ   sql.DecimalType
	scale int // the result's decimals, which may exceed what typ holds
}

var (
	_ sql.FunctionExpression = (*decimalRound)(nil)
	_ sql.CollationCoercible = (*decimalRound)(nil)
)

// constantDecimals returns the value of dec when it is a constant: a literal, possibly
// negated. null reports a NULL constant.
func constantDecimals(ctx *sql.Context, dec sql.Expression) (n int64, null, ok bool) {
	if dec == nil {
		return 0, false, true
	}
	e := dec
	if m, isMinus := e.(*expression.UnaryMinus); isMinus {
		e = m.Child
	}
	if _, isLit := e.(*expression.Literal); !isLit {
		return 0, false, false
	}
	v, err := dec.Eval(ctx, nil)
	if err != nil {
		return 0, false, false
	}
	if v == nil {
		return 0, true, true
	}
	i, _, err := types.Int64.Convert(ctx, v)
	if err != nil {
		return 0, false, false
	}
	return i.(int64), false, true
}

// resultType is MariaDB's type of the call (Item_func_round::fix_length_and_dec_decimal),
// within what GMS's DecimalType holds, and its decimals; ok is false when the decimals are a
// NULL constant.
func (r *decimalRound) resultType(ctx *sql.Context) (sql.DecimalType, int, bool) {
	arg, ok := r.num.Type(ctx).(sql.DecimalType)
	if !ok {
		return nil, 0, false
	}
	n, null, constant := constantDecimals(ctx, r.dec)
	if null {
		return nil, 0, false
	}
	if !constant {
		return arg, int(arg.Scale()), true
	}
	scale := int(min(max(n, 0), 38))
	delta := int(arg.Scale()) - scale
	prec := int(arg.Precision()) - delta
	if delta > 0 && !r.truncate {
		prec++
	}
	prec = min(max(prec, scale, 1), types.DecimalTypeMaxPrecision)
	t, err := types.CreateDecimalType(uint8(prec), uint8(min(scale, types.DecimalTypeMaxScale)))
	if err != nil {
		return nil, 0, false
	}
	return t, scale, true
}

// Type implements sql.Expression.
func (r *decimalRound) Type(*sql.Context) sql.Type { return r.typ }

// WithChildren implements sql.Expression.
func (r *decimalRound) WithChildren(ctx *sql.Context, children ...sql.Expression) (sql.Expression, error) {
	nr := *r
	if err := nr.setChildren(r, children); err != nil {
		return nil, err
	}
	return &nr, nil
}

// Eval implements sql.Expression.
func (r *decimalRound) Eval(ctx *sql.Context, row sql.Row) (any, error) {
	v, err := r.num.Eval(ctx, row)
	if err != nil || v == nil {
		return nil, err
	}
	d, err := exactValue(ctx, r.num.Type(ctx), v)
	if err != nil {
		return nil, err
	}
	n := int64(0)
	if r.dec != nil {
		dv, err := r.dec.Eval(ctx, row)
		if err != nil || dv == nil {
			return nil, err
		}
		i, _, err := types.Int64.Convert(ctx, dv)
		if err != nil {
			return nil, err
		}
		n = i.(int64)
	}
	// Digits beyond DECIMAL's 65 places change nothing.
	n = min(max(n, -70), 70)
	c := exactCtx
	c.Rounding = apd.RoundHalfUp
	if r.truncate {
		c.Rounding = apd.RoundDown
	}
	res := new(apd.Decimal)
	if int64(-d.Exponent) > n {
		if _, err := c.Quantize(res, d, -int32(n)); err != nil {
			return nil, err
		}
	} else {
		res.Set(d)
	}
	// Shown with the result type's decimals: more places are zeros, fewer were rounded away.
	if _, err := c.Quantize(res, res, -int32(r.scale)); err != nil {
		return nil, err
	}
	if res.IsZero() {
		res.Negative = false
	}
	return res, nil
}

// doubleRound is ROUND(num[, dec]) or TRUNCATE(num, dec) of a FLOAT, DOUBLE or string num.
type doubleRound struct {
	roundCall
}

var (
	_ sql.FunctionExpression = (*doubleRound)(nil)
	_ sql.CollationCoercible = (*doubleRound)(nil)
)

// Type implements sql.Expression.
func (r *doubleRound) Type(*sql.Context) sql.Type { return types.Float64 }

// WithChildren implements sql.Expression.
func (r *doubleRound) WithChildren(ctx *sql.Context, children ...sql.Expression) (sql.Expression, error) {
	nr := *r
	if err := nr.setChildren(r, children); err != nil {
		return nil, err
	}
	return &nr, nil
}

// Eval implements sql.Expression.
func (r *doubleRound) Eval(ctx *sql.Context, row sql.Row) (any, error) {
	v, err := r.num.Eval(ctx, row)
	if err != nil || v == nil {
		return nil, err
	}
	f, err := doubleValue(ctx, v, false)
	if err != nil {
		return nil, err
	}
	n := int64(0)
	if r.dec != nil {
		dv, err := r.dec.Eval(ctx, row)
		if err != nil || dv == nil {
			return nil, err
		}
		i, _, err := types.Int64.Convert(ctx, dv)
		if err != nil {
			return nil, err
		}
		n = i.(int64)
	}
	return doubleRoundValue(f, n, r.truncate), nil
}

// doubleRoundValue is MariaDB's my_double_round.
func doubleRoundValue(v float64, dec int64, truncate bool) float64 {
	abs := dec
	if abs < 0 {
		abs = -abs
	}
	tmp := math.Inf(1)
	if abs <= 308 {
		tmp = math.Pow10(int(abs))
	}
	div, mul := v/tmp, v*tmp
	switch {
	case dec < 0 && math.IsInf(tmp, 0):
		return 0
	case dec >= 0 && math.IsInf(mul, 0):
		return v
	case truncate && v >= 0 && dec < 0:
		return math.Floor(div) * tmp
	case truncate && v >= 0:
		return math.Floor(mul) / tmp
	case truncate && dec < 0:
		return math.Ceil(div) * tmp
	case truncate:
		return math.Ceil(mul) / tmp
	case dec < 0:
		return math.RoundToEven(div) * tmp
	}
	return math.RoundToEven(mul) / tmp
}

// roundCall is what seqd's ROUND and TRUNCATE share: the arguments and the expression methods
// that depend only on them.
type roundCall struct {
	num, dec sql.Expression // dec is nil for ROUND(num)
	truncate bool
}

// FunctionName implements sql.FunctionExpression.
func (r *roundCall) FunctionName() string {
	if r.truncate {
		return "truncate"
	}
	return "round"
}

// Description implements sql.FunctionExpression.
func (r *roundCall) Description() string {
	if r.truncate {
		return "truncates the number to decimals decimal places."
	}
	return "rounds the number to decimals decimal places."
}

// String implements sql.Expression, as GMS writes ROUND and TRUNCATE.
func (r *roundCall) String() string {
	if r.dec == nil {
		return fmt.Sprintf("%s(%s,0)", r.FunctionName(), r.num)
	}
	return fmt.Sprintf("%s(%s,%s)", r.FunctionName(), r.num, r.dec)
}

// IsNullable implements sql.Expression.
func (r *roundCall) IsNullable(ctx *sql.Context) bool {
	return r.num.IsNullable(ctx) || (r.dec != nil && r.dec.IsNullable(ctx))
}

// Resolved implements sql.Expression.
func (r *roundCall) Resolved() bool {
	return r.num.Resolved() && (r.dec == nil || r.dec.Resolved())
}

// CollationCoercibility implements sql.CollationCoercible: a number.
func (r *roundCall) CollationCoercibility(*sql.Context) (sql.CollationID, byte) {
	return sql.Collation_binary, 5
}

// Children implements sql.Expression.
func (r *roundCall) Children() []sql.Expression {
	if r.dec == nil {
		return []sql.Expression{r.num}
	}
	return []sql.Expression{r.num, r.dec}
}

// setChildren replaces the arguments for WithChildren of e, the expression r belongs to.
func (r *roundCall) setChildren(e sql.Expression, children []sql.Expression) error {
	if len(children) != len(r.Children()) {
		return sql.ErrInvalidChildrenNumber.New(e, len(children), len(r.Children()))
	}
	r.num = children[0]
	if len(children) == 2 {
		r.dec = children[1]
	}
	return nil
}
