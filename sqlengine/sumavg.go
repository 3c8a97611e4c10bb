package sqlengine

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cockroachdb/apd/v3"
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/expression/function/aggregation"
	"github.com/dolthub/go-mysql-server/sql/transform"
	"github.com/dolthub/go-mysql-server/sql/types"
	"github.com/dolthub/vitess/go/sqltypes"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
)

// SUM and AVG as MariaDB computes them. GMS sums everything in float64 and calls the result
// DOUBLE; MariaDB sums integer, DECIMAL, BIT, YEAR and temporal arguments exactly and answers
// DECIMAL (Item_sum_sum::fix_length_and_dec_decimal, Item_sum_avg::fix_length_and_dec_decimal):
//
//   - SUM of an argument with decimal precision p and scale s is DECIMAL(min(p+22, 65), s).
//   - AVG is DECIMAL(p+4, min(s+4, 38)): div_precision_increment (4) more digits, the quotient
//     rounded half away from zero.
//
// p is the argument's precision as MariaDB counts it: the digits of the integer types' display
// widths without sign (TINYINT 3, SMALLINT 5, MEDIUMINT 8, INT 10, BIGINT 19, BIGINT UNSIGNED
// 20), BIT(n) n, YEAR 4, DATE 8, DATETIME/TIMESTAMP 14 and TIME 7 plus their fractional digits.
// Temporal values are summed as their numbers (20010101, 20010101100000.5, -100001). For
// + - * / % of exact arguments p and s follow MariaDB's result precision of the operator.
// Literal integers count their digits and conditions one.
//
// ENUM and SET are their numbers too. Other arguments (FLOAT, DOUBLE, strings, JSON) are summed
// in DOUBLE: strings converted as MariaDB converts them, their longest numeric prefix, with
// warning 1292 for anything else after it (a note when that is only spaces), and a sum that
// leaves the DOUBLE range is 0.
//
// seqd resolves the names sum and avg before GMS's registry (Provider.Function) to a sumAvg,
// which chooses exact or DOUBLE arithmetic by the argument's type. The planbuilder builds the
// same function for the aggregate form (with DISTINCT wrapped around the argument), GROUP BY
// and the window form, so one replacement serves all of them.
//
// GMS's DecimalType has at most 65 digits and 30 decimals: an AVG whose MariaDB type is wider
// (arguments with more than 61 digits or 26 decimals) reports DECIMAL(65,30) in its metadata,
// while its values still carry MariaDB's digits.

// sumAvgIncrement is MariaDB's div_precision_increment default: AVG's extra decimals.
const sumAvgIncrement = 4

// sumAvgFunction returns seqd's SUM or AVG for the lower-case function name.
func sumAvgFunction(name string) (sql.Function, bool) {
	switch strings.ToLower(name) {
	case "sum":
		return sql.Function1{Name: "sum", Fn: func(ctx *sql.Context, arg sql.Expression) sql.Expression {
			return newSumAvg(ctx, arg, false)
		}}, true
	case "avg":
		return sql.Function1{Name: "avg", Fn: func(ctx *sql.Context, arg sql.Expression) sql.Expression {
			return newSumAvg(ctx, arg, true)
		}}, true
	}
	return nil, false
}

// newSumAvg returns SUM (AVG when avg is set) of arg. The planbuilder wraps the argument of
// SUM(DISTINCT ...) in a DistinctExpression, which tells values apart by their text; sumAvg
// takes DISTINCT over itself and compares the values it sums, as MariaDB does (the strings '5'
// and '5.0' are one DOUBLE).
func newSumAvg(ctx *sql.Context, arg sql.Expression, avg bool) *sumAvg {
	a := &sumAvg{child: arg, avg: avg}
	if d, ok := arg.(*expression.DistinctExpression); ok {
		a.child, a.distinct = d.Child, true
	}
	_, _, exact := exactArgument(ctx, a.child)
	a.double = !exact
	return a
}

// exactArgument reports whether MariaDB sums e exactly, with e's decimal precision and scale.
func exactArgument(ctx *sql.Context, e sql.Expression) (prec, scale int, ok bool) {
	if d, isDistinct := e.(*expression.DistinctExpression); isDistinct {
		e = d.Child
	}
	if c, isChecked := e.(*checkedInt); isChecked {
		e = c.gms // the same operands and operator
	}
	switch x := e.(type) {
	case expression.Comparer, *expression.And, *expression.Or, *expression.Not,
		*expression.IsNull:
		// Conditions are 0 or 1: one digit.
		return 1, 0, true
	case *expression.Arithmetic:
		// MariaDB's precision of + - * (Item_func_additive_op::result_precision,
		// Item_func_mul::result_precision), when GMS computes them exactly too.
		if t := x.Type(ctx); t == nil || !(types.IsInteger(t) || types.IsDecimal(t)) {
			break
		}
		lp, ls, lok := exactArgument(ctx, x.LeftChild)
		rp, rs, rok := exactArgument(ctx, x.RightChild)
		if !lok || !rok {
			break
		}
		switch x.Operator() {
		case ast.PlusStr, ast.MinusStr:
			s := max(ls, rs)
			return max(lp-ls, rp-rs) + 1 + s, s, true
		case ast.MultStr:
			return lp + rp, min(ls+rs, 38), true
		}
	case *expression.Div, *expression.Mod:
		// Item_func_div::fix_length_and_dec_decimal and Item_func_mod::result_precision.
		b := x.(expression.BinaryExpression)
		if t := x.Type(ctx); t == nil || !(types.IsInteger(t) || types.IsDecimal(t)) {
			break
		}
		lp, ls, lok := exactArgument(ctx, b.Left())
		rp, rs, rok := exactArgument(ctx, b.Right())
		if !lok || !rok {
			break
		}
		if _, isDiv := x.(*expression.Div); isDiv {
			s := min(ls+sumAvgIncrement, 38)
			return lp - ls + rs + s, s, true
		}
		s := max(ls, rs)
		return max(lp-ls, rp-rs) + s, s, true
	case *expression.UnaryMinus:
		if p, s, ok := exactArgument(ctx, x.Child); ok {
			return p, s, true
		}
	case *expression.Literal:
		switch v := x.Value().(type) {
		case int8, int16, int32, int64, uint8, uint16, uint32, uint64:
			s := strings.TrimPrefix(fmt.Sprint(v), "-")
			return len(s), 0, true
		}
	}
	t := e.Type(ctx)
	if t == nil {
		return 0, 0, false
	}
	switch t.Type() {
	case sqltypes.Int8, sqltypes.Uint8:
		return 3, 0, true
	case sqltypes.Int16, sqltypes.Uint16:
		return 5, 0, true
	case sqltypes.Int24, sqltypes.Uint24:
		return 8, 0, true
	case sqltypes.Int32, sqltypes.Uint32:
		return 10, 0, true
	case sqltypes.Int64:
		return 19, 0, true
	case sqltypes.Uint64:
		return 20, 0, true
	case sqltypes.Year:
		return 4, 0, true
	case sqltypes.Bit:
		if b, isBit := t.(types.BitType); isBit {
			return int(b.NumberOfBits()), 0, true
		}
		return 64, 0, true
	case sqltypes.Decimal:
		if d, isDec := t.(sql.DecimalType); isDec {
			return int(d.Precision()), int(d.Scale()), true
		}
	case sqltypes.Date:
		return 8, 0, true
	case sqltypes.Datetime, sqltypes.Timestamp:
		fsp := 0
		if d, isDT := t.(sql.DatetimeType); isDT {
			fsp = d.Precision()
		}
		return 14 + fsp, fsp, true
	case sqltypes.Time:
		return 7, 0, true
	case sqltypes.Enum:
		// An ENUM is its index; MariaDB counts the longest value's characters.
		if e, isEnum := t.(sql.EnumType); isEnum {
			n := 1
			for _, v := range e.Values() {
				n = max(n, utf8.RuneCountInString(v))
			}
			return n, 0, true
		}
	case sqltypes.Set:
		// A SET is its bits; MariaDB counts the characters of all values with their commas.
		if st, isSet := t.(sql.SetType); isSet {
			n := 0
			for _, v := range st.Values() {
				n += utf8.RuneCountInString(v) + 1
			}
			return max(n-1, 1), 0, true
		}
	}
	return 0, 0, false
}

// sumAvg is SUM or AVG, accumulated in decimals or, when double is set, in DOUBLE.
type sumAvg struct {
	child    sql.Expression
	avg      bool
	double   bool
	distinct bool // SUM(DISTINCT ...): each value once
	window   *sql.WindowDefinition
	id       sql.ColumnId
}

var (
	_ sql.Aggregation               = (*sumAvg)(nil)
	_ sql.FunctionExpression        = (*sumAvg)(nil)
	_ sql.CollationCoercible        = (*sumAvg)(nil)
	_ sql.AggregationBuffer         = (*exactBuffer)(nil)
	_ sql.WindowFunction            = (*exactWindow)(nil)
	_ sql.DebugStringer             = (*sumAvg)(nil)
	_ sql.IdExpression              = (*sumAvg)(nil)
	_ sql.WindowAdaptableExpression = (*sumAvg)(nil)
)

// resultScale returns the scale of the result: the argument's for SUM, four more for AVG.
func (a *sumAvg) resultScale(ctx *sql.Context) int {
	_, s, _ := exactArgument(ctx, a.child)
	if a.avg {
		s = min(s+sumAvgIncrement, 38)
	}
	return s
}

// Type implements sql.Expression: DOUBLE, or MariaDB's DECIMAL within what GMS's DecimalType
// holds.
func (a *sumAvg) Type(ctx *sql.Context) sql.Type {
	if a.double {
		return types.Float64
	}
	p, s, _ := exactArgument(ctx, a.child)
	if a.avg {
		p, s = p+sumAvgIncrement, s+sumAvgIncrement
	} else {
		p += 22
	}
	p, s = min(p, types.DecimalTypeMaxPrecision), min(s, types.DecimalTypeMaxScale)
	t, err := types.CreateDecimalType(uint8(p), uint8(s))
	if err != nil {
		return types.InternalDecimalType
	}
	return t
}

// IsNullable implements sql.Expression: an empty group gives NULL.
func (a *sumAvg) IsNullable(*sql.Context) bool { return true }

// FunctionName implements sql.FunctionExpression.
func (a *sumAvg) FunctionName() string {
	if a.avg {
		return "avg"
	}
	return "sum"
}

// Description implements sql.FunctionExpression.
func (a *sumAvg) Description() string {
	if a.avg {
		return "returns the average value of expr in all rows"
	}
	return "returns the sum of expr in all rows"
}

// CollationCoercibility implements sql.CollationCoercible: a number.
func (a *sumAvg) CollationCoercibility(*sql.Context) (sql.CollationID, byte) {
	return sql.Collation_binary, 5
}

// String implements sql.Expression, in GMS's spelling, which the planbuilder uses to tell
// aggregates apart.
func (a *sumAvg) String() string {
	name := strings.ToUpper(a.FunctionName())
	if a.window != nil {
		pr := sql.NewTreePrinter()
		_ = pr.WriteNode("%s", name)
		_ = pr.WriteChildren(a.window.String(), a.argString(a.child.String()))
		return pr.String()
	}
	return name + "(" + a.argString(a.child.String()) + ")"
}

// DebugString implements sql.DebugStringer.
func (a *sumAvg) DebugString(ctx *sql.Context) string {
	name := strings.ToUpper(a.FunctionName())
	if a.window != nil {
		pr := sql.NewTreePrinter()
		_ = pr.WriteNode("%s", name)
		_ = pr.WriteChildren(sql.DebugString(ctx, a.window), a.argString(sql.DebugString(ctx, a.child)))
		return pr.String()
	}
	return name + "(" + a.argString(sql.DebugString(ctx, a.child)) + ")"
}

// argString is the argument's text with DISTINCT, as GMS writes it.
func (a *sumAvg) argString(s string) string {
	if a.distinct {
		return "DISTINCT " + s
	}
	return s
}

// Resolved implements sql.Expression.
func (a *sumAvg) Resolved() bool {
	if !a.child.Resolved() {
		return false
	}
	if a.window == nil {
		return true
	}
	for _, e := range a.window.ToExpressions() {
		if !e.Resolved() {
			return false
		}
	}
	return true
}

// Children implements sql.Expression: the argument, then the window's expressions.
func (a *sumAvg) Children() []sql.Expression {
	children := []sql.Expression{a.child}
	if a.window != nil {
		children = append(children, a.window.ToExpressions()...)
	}
	return children
}

// WithChildren implements sql.Expression.
func (a *sumAvg) WithChildren(ctx *sql.Context, children ...sql.Expression) (sql.Expression, error) {
	if len(children) < 1 {
		return nil, sql.ErrInvalidChildrenNumber.New(a, len(children), 1)
	}
	na := *a
	na.child = children[0]
	if len(children) > 1 && a.window != nil {
		w, err := a.window.FromExpressions(ctx, children[1:])
		if err != nil {
			return nil, err
		}
		na.window = w
	}
	return &na, nil
}

// Eval implements sql.Expression; aggregates are evaluated through their buffers.
func (a *sumAvg) Eval(*sql.Context, sql.Row) (any, error) {
	return nil, aggregation.ErrEvalUnsupportedOnAggregation.New(a.FunctionName())
}

// Id implements sql.IdExpression.
func (a *sumAvg) Id() sql.ColumnId { return a.id }

// WithId implements sql.IdExpression.
func (a *sumAvg) WithId(id sql.ColumnId) sql.IdExpression {
	na := *a
	na.id = id
	return &na
}

// Window implements sql.WindowAdaptableExpression.
func (a *sumAvg) Window() *sql.WindowDefinition { return a.window }

// WithWindow implements sql.WindowAdaptableExpression.
func (a *sumAvg) WithWindow(_ *sql.Context, w *sql.WindowDefinition) sql.WindowAdaptableExpression {
	na := *a
	na.window = w
	return &na
}

// NewBuffer implements sql.Aggregation. The argument is cloned so that the DISTINCT filter
// is per group.
func (a *sumAvg) NewBuffer(ctx *sql.Context) (sql.AggregationBuffer, error) {
	child, err := transform.Clone(ctx, a.child)
	if err != nil {
		return nil, err
	}
	b := &exactBuffer{agg: a, expr: child, typ: child.Type(ctx), scale: a.resultScale(ctx), sum: new(apd.Decimal)}
	if a.distinct {
		b.seen = map[any]struct{}{}
	}
	return b, nil
}

// NewWindowFunction implements sql.WindowAdaptableExpression. Framing is GMS's: the frame
// of its own SUM for the same window.
func (a *sumAvg) NewWindowFunction(ctx *sql.Context) (sql.WindowFunction, error) {
	if a.distinct {
		return nil, mariaErr(sequences.ErrNotSupportedYet, strings.ToUpper(a.FunctionName())+"(DISTINCT) aggregate as window function")
	}
	child, err := transform.Clone(ctx, a.child)
	if err != nil {
		return nil, err
	}
	var framing sql.WindowFunction = aggregation.NewSumAgg(child)
	if a.window != nil {
		if framing, err = aggregation.NewSumAgg(child).WithWindow(ctx, a.window); err != nil {
			return nil, err
		}
	}
	return &exactWindow{agg: a, expr: child, scale: a.resultScale(ctx), framing: framing}, nil
}

// exactBuffer accumulates one group.
type exactBuffer struct {
	agg   *sumAvg
	expr  sql.Expression
	typ   sql.Type
	scale int
	sum   *apd.Decimal
	f     float64 // the sum of a DOUBLE sumAvg
	n     int64
	seen  map[any]struct{} // the values summed, for DISTINCT
}

// Update implements sql.AggregationBuffer.
func (b *exactBuffer) Update(ctx *sql.Context, row sql.Row) error {
	v, err := b.expr.Eval(ctx, row)
	if err != nil || v == nil {
		return err
	}
	if b.agg.double {
		// MariaDB reads the strings of SUM(DISTINCT) without warnings.
		f, err := doubleValue(ctx, v, b.seen != nil)
		if err != nil {
			return err
		}
		if b.seen != nil {
			if _, dup := b.seen[f]; dup {
				return nil
			}
			b.seen[f] = struct{}{}
		}
		b.f += f
		b.n++
		return nil
	}
	d, err := exactValue(ctx, b.typ, v)
	if err != nil {
		return err
	}
	if b.seen != nil {
		var r apd.Decimal
		r.Reduce(d)
		key := r.String()
		if _, dup := b.seen[key]; dup {
			return nil
		}
		b.seen[key] = struct{}{}
	}
	if _, err := exactCtx.Add(b.sum, b.sum, d); err != nil {
		return err
	}
	b.n++
	return nil
}

// Eval implements sql.AggregationBuffer.
func (b *exactBuffer) Eval(*sql.Context) (any, error) {
	if b.agg.double {
		return doubleResult(b.f, b.n, b.agg.avg), nil
	}
	return exactResult(b.sum, b.n, b.agg.avg, b.scale)
}

// Dispose implements sql.Disposable.
func (b *exactBuffer) Dispose(ctx *sql.Context) { expression.Dispose(ctx, b.expr) }

// exactWindow computes SUM or AVG over window frames from prefix sums of its partition.
type exactWindow struct {
	agg     *sumAvg
	expr    sql.Expression
	scale   int
	framing sql.WindowFunction // GMS's SUM for the same window, for its framer only

	start   int           // the partition's first row in the buffer
	prefix  []apd.Decimal // prefix[i]: the sum of the partition's rows 0..i
	prefixF []float64     // the same for a DOUBLE sumAvg
	counts  []int64       // counts[i]: the non-NULL values among them
}

// Dispose implements sql.Disposable.
func (w *exactWindow) Dispose(ctx *sql.Context) { expression.Dispose(ctx, w.expr) }

// DefaultFramer implements sql.WindowFunction.
func (w *exactWindow) DefaultFramer() sql.WindowFramer { return w.framing.DefaultFramer() }

// StartPartition implements sql.WindowFunction.
func (w *exactWindow) StartPartition(ctx *sql.Context, interval sql.WindowInterval, buf sql.WindowBuffer) error {
	w.Dispose(ctx)
	w.start = interval.Start
	n := interval.End - interval.Start
	if w.agg.double {
		w.prefix, w.prefixF = nil, make([]float64, n)
	} else {
		w.prefix, w.prefixF = make([]apd.Decimal, n), nil
	}
	w.counts = make([]int64, n)
	var sum apd.Decimal
	var sumF float64
	var count int64
	typ := w.expr.Type(ctx)
	for i := 0; i < n; i++ {
		v, err := w.expr.Eval(ctx, buf[interval.Start+i])
		if err != nil {
			return err
		}
		switch {
		case v != nil && w.agg.double:
			f, err := doubleValue(ctx, v, false)
			if err != nil {
				return err
			}
			sumF += f
			count++
		case v != nil:
			d, err := exactValue(ctx, typ, v)
			if err != nil {
				return err
			}
			if _, err := exactCtx.Add(&sum, &sum, d); err != nil {
				return err
			}
			count++
		}
		if w.agg.double {
			w.prefixF[i] = sumF
		} else {
			w.prefix[i].Set(&sum)
		}
		w.counts[i] = count
	}
	return nil
}

// Compute implements sql.WindowFunction.
func (w *exactWindow) Compute(_ *sql.Context, interval sql.WindowInterval, _ sql.WindowBuffer) (any, error) {
	if interval.End <= interval.Start {
		return nil, nil
	}
	end, first := interval.End-w.start-1, interval.Start-w.start-1
	if end < 0 || end >= len(w.counts) || first >= end {
		return nil, nil
	}
	if w.agg.double {
		sum, n := w.prefixF[end], w.counts[end]
		if first >= 0 {
			sum, n = sum-w.prefixF[first], n-w.counts[first]
		}
		return doubleResult(sum, n, w.agg.avg), nil
	}
	sum := new(apd.Decimal).Set(&w.prefix[end])
	n := w.counts[end]
	if first >= 0 {
		if _, err := exactCtx.Sub(sum, sum, &w.prefix[first]); err != nil {
			return nil, err
		}
		n -= w.counts[first]
	}
	return exactResult(sum, n, w.agg.avg, w.scale)
}

// exactCtx adds and divides without rounding away digits a DECIMAL(65) sum can have.
var exactCtx = apd.BaseContext.WithPrecision(200)

// exactResult is the value of SUM (or AVG, when avg is set) of n values summing to sum, at
// the result's scale: NULL for no values.
func exactResult(sum *apd.Decimal, n int64, avg bool, scale int) (any, error) {
	if n == 0 {
		return nil, nil
	}
	res := new(apd.Decimal)
	if avg {
		// Truncating the quotient below the result's last digit and then rounding half up
		// gives the correctly rounded quotient.
		c := exactCtx
		c.Rounding = apd.RoundDown
		if _, err := c.Quo(res, sum, apd.New(n, 0)); err != nil {
			return nil, err
		}
	} else {
		res.Set(sum)
	}
	c := exactCtx
	c.Rounding = apd.RoundHalfUp
	if _, err := c.Quantize(res, res, -int32(scale)); err != nil {
		return nil, err
	}
	if res.IsZero() {
		res.Negative = false
	}
	return res, nil
}

// exactValue converts a value of an exact argument to a decimal: numbers as they are, BIT
// as its unsigned value, and temporal values as MariaDB reads them as numbers.
func exactValue(ctx *sql.Context, t sql.Type, v any) (*apd.Decimal, error) {
	switch x := v.(type) {
	case *apd.Decimal:
		return x, nil
	case apd.Decimal:
		return &x, nil
	case int8:
		return apd.New(int64(x), 0), nil
	case int16:
		return apd.New(int64(x), 0), nil
	case int32:
		return apd.New(int64(x), 0), nil
	case int64:
		return apd.New(x, 0), nil
	case int:
		return apd.New(int64(x), 0), nil
	case uint8:
		return apd.New(int64(x), 0), nil
	case uint16:
		return apd.New(int64(x), 0), nil
	case uint32:
		return apd.New(int64(x), 0), nil
	case uint64:
		return types.DecimalFromUint64(x), nil
	case uint:
		return types.DecimalFromUint64(uint64(x)), nil
	case bool:
		if x {
			return apd.New(1, 0), nil
		}
		return apd.New(0, 0), nil
	case time.Time:
		return temporalNumber(t, x), nil
	case types.Timespan:
		return timeNumber(x), nil
	case string:
		switch et := t.(type) {
		case sql.DatetimeType:
			// A DATE or DATETIME that reached here as text, as from a UNION of literals.
			if tm, err := et.ConvertWithoutRangeCheck(ctx, x); err == nil {
				return temporalNumber(t, tm), nil
			}
		case sql.EnumType:
			return apd.New(int64(max(et.IndexOf(x), 0)), 0), nil
		case sql.SetType:
			if bits, _, err := et.Convert(ctx, x); err == nil {
				if u, ok := bits.(uint64); ok {
					return types.DecimalFromUint64(u), nil
				}
			}
		}
	}
	d, _, err := types.InternalDecimalType.Convert(ctx, v)
	if err != nil {
		return nil, err
	}
	if dec, ok := d.(*apd.Decimal); ok {
		return dec, nil
	}
	return apd.New(0, 0), nil
}

// temporalNumber is a DATE as YYYYMMDD and a DATETIME or TIMESTAMP as YYYYMMDDhhmmss with its
// microseconds.
func temporalNumber(t sql.Type, v time.Time) *apd.Decimal {
	date := int64(v.Year())*10000 + int64(v.Month())*100 + int64(v.Day())
	if t != nil && t.Type() == sqltypes.Date {
		return apd.New(date, 0)
	}
	n := date*1_000_000 + int64(v.Hour())*10000 + int64(v.Minute())*100 + int64(v.Second())
	// YYYYMMDDhhmmss with six more digits does not fit in an int64.
	d, _, err := apd.NewFromString(fmt.Sprintf("%d.%06d", n, v.Nanosecond()/1000))
	if err != nil {
		return apd.New(n, 0)
	}
	return d
}

// timeNumber is a TIME as [-]hhhmmss with its microseconds.
func timeNumber(v types.Timespan) *apd.Decimal {
	us := v.AsMicroseconds()
	neg := us < 0
	if neg {
		us = -us
	}
	secs := us / 1_000_000
	n := (secs/3600)*10000 + (secs/60%60)*100 + secs%60
	d := apd.New(n*1_000_000+us%1_000_000, -6)
	d.Negative = neg && !d.IsZero()
	return d
}

// doubleResult is the value of a DOUBLE SUM (or AVG) of n values summing to sum: NULL for no
// values, 0 when the sum left the DOUBLE range.
func doubleResult(sum float64, n int64, avg bool) any {
	if n == 0 {
		return nil
	}
	if avg {
		sum /= float64(n)
	}
	if math.IsInf(sum, 0) || math.IsNaN(sum) {
		return float64(0)
	}
	return sum
}

// doubleValue converts a value of a DOUBLE argument as MariaDB does: numbers as they are,
// strings (and whatever is not a number, as its text) by stringDouble.
func doubleValue(ctx *sql.Context, v any, quiet bool) (float64, error) {
	switch x := v.(type) {
	case float64:
		return x, nil
	case float32:
		return float64(x), nil
	case int8, int16, int32, int64, int, uint8, uint16, uint32, uint64, uint, bool, *apd.Decimal, apd.Decimal:
		f, _, err := types.Float64.Convert(ctx, x)
		if err != nil {
			return 0, err
		}
		return f.(float64), nil
	case string:
		return stringDouble(ctx, x, quiet), nil
	case []byte:
		return stringDouble(ctx, string(x), quiet), nil
	}
	s, _, err := types.LongText.Convert(ctx, v)
	if err != nil {
		return 0, err
	}
	str, ok := s.(string)
	if !ok {
		return 0, nil
	}
	return stringDouble(ctx, str, quiet), nil
}

// stringDouble reads a string as a DOUBLE the way MariaDB does: leading white space is
// skipped and the longest prefix that is a number is read, warning 1292 when something other
// than spaces follows (a note when only spaces do) and when there is no number or it
// overflows, which gives the largest DOUBLE. quiet leaves the warnings out.
func stringDouble(ctx *sql.Context, s string, quiet bool) float64 {
	warn := func(level string) {
		if !quiet {
			warnTruncatedDouble(ctx, level, s)
		}
	}
	i := 0
	for i < len(s) && isSpaceByte(s[i]) {
		i++
	}
	start := i
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i, digits = i+1, digits+1
	}
	if i < len(s) && s[i] == '.' {
		j := i + 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j, digits = j+1, digits+1
		}
		if digits > 0 {
			i = j
		}
	}
	if digits > 0 && i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		k := j
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if k > j {
			i = k
		}
	}
	if digits == 0 {
		warn("Warning")
		return 0
	}
	f, err := strconv.ParseFloat(s[start:i], 64)
	if err != nil && math.IsInf(f, 0) {
		warn("Warning")
		return math.Copysign(math.MaxFloat64, f)
	}
	if rest := s[i:]; rest != "" {
		level := "Note"
		for j := 0; j < len(rest); j++ {
			if rest[j] != ' ' {
				level = "Warning"
				break
			}
		}
		warn(level)
	}
	return f
}

// isSpaceByte reports the white space MariaDB skips before a number.
func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// warnTruncatedDouble adds MariaDB's 1292 for a string read as a DOUBLE.
func warnTruncatedDouble(ctx *sql.Context, level, s string) {
	w := &sql.Warning{Level: level, Code: 1292, Message: "Truncated incorrect DOUBLE value: '" + s + "'"}
	if sess, err := sessionOf(ctx); err == nil {
		sess.WarnVerbatim(w)
		return
	}
	ctx.Session.Warn(w)
}

// checkDistinctWindows returns MariaDB's error 1235 for SUM, AVG or COUNT with DISTINCT used as
// a window function, which GMS computes without DISTINCT. MariaDB reports it when the window
// is computed, so over no rows it gives no error; seqd refuses the statement.
func checkDistinctWindows(stmt ast.Statement) error {
	var found error
	_ = ast.Walk(func(node ast.SQLNode) (bool, error) {
		f, ok := node.(*ast.FuncExpr)
		if !ok || f.Over == nil || !f.Distinct {
			return found == nil, nil
		}
		switch name := f.Name.Lowered(); name {
		case "sum", "avg", "count":
			found = mariaErr(sequences.ErrNotSupportedYet, strings.ToUpper(name)+"(DISTINCT) aggregate as window function")
		}
		return found == nil, nil
	}, stmt)
	return found
}
