package sqlengine

import (
	"fmt"
	"strings"
	"time"

	"github.com/cockroachdb/apd/v3"
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/expression/function/aggregation"
	"github.com/dolthub/go-mysql-server/sql/transform"
	"github.com/dolthub/go-mysql-server/sql/types"
	"github.com/dolthub/vitess/go/sqltypes"
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
// Temporal values are summed as their numbers (20010101, 20010101100000.5, -100001).
//
// seqd resolves the names sum and avg before GMS's registry (Provider.Function) to exactSum,
// which chooses by the argument's type: exact arguments get an exactAgg, others (FLOAT,
// DOUBLE, strings, which MariaDB sums as DOUBLE with its conversion warnings) keep GMS's
// aggregation. The planbuilder builds the same function for the aggregate form (with
// DISTINCT wrapped around the argument), GROUP BY and the window form, so one replacement
// serves all of them.
//
// GMS's DecimalType has at most 65 digits and 30 decimals: an AVG whose MariaDB type is wider
// (arguments with more than 61 digits or 26 decimals) reports DECIMAL(65,30) in its metadata,
// while its values still carry MariaDB's digits.

// sumAvgIncrement is MariaDB's div_precision_increment default: AVG's extra decimals.
const sumAvgIncrement = 4

// exactAggregate returns seqd's SUM or AVG for the lower-case function name.
func exactAggregate(name string) (sql.Function, bool) {
	switch strings.ToLower(name) {
	case "sum":
		return sql.Function1{Name: "sum", Fn: func(ctx *sql.Context, arg sql.Expression) sql.Expression {
			if _, _, ok := exactArgument(ctx, arg); ok {
				return &exactAgg{child: arg}
			}
			return aggregation.NewSum(arg)
		}}, true
	case "avg":
		return sql.Function1{Name: "avg", Fn: func(ctx *sql.Context, arg sql.Expression) sql.Expression {
			if _, _, ok := exactArgument(ctx, arg); ok {
				return &exactAgg{child: arg, avg: true}
			}
			return aggregation.NewAvg(arg)
		}}, true
	}
	return nil, false
}

// exactArgument reports whether MariaDB sums e exactly, with e's decimal precision and scale.
func exactArgument(ctx *sql.Context, e sql.Expression) (prec, scale int, ok bool) {
	if d, isDistinct := e.(*expression.DistinctExpression); isDistinct {
		e = d.Child
	}
	switch x := e.(type) {
	case expression.Comparer, *expression.And, *expression.Or, *expression.Not,
		*expression.IsNull:
		// Conditions are 0 or 1: one digit.
		return 1, 0, true
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
	}
	return 0, 0, false
}

// exactAgg is SUM or AVG of an exact argument, accumulated in decimals.
type exactAgg struct {
	child  sql.Expression
	avg    bool
	window *sql.WindowDefinition
	id     sql.ColumnId
}

var (
	_ sql.Aggregation               = (*exactAgg)(nil)
	_ sql.FunctionExpression        = (*exactAgg)(nil)
	_ sql.CollationCoercible        = (*exactAgg)(nil)
	_ sql.AggregationBuffer         = (*exactBuffer)(nil)
	_ sql.WindowFunction            = (*exactWindow)(nil)
	_ sql.DebugStringer             = (*exactAgg)(nil)
	_ sql.IdExpression              = (*exactAgg)(nil)
	_ sql.WindowAdaptableExpression = (*exactAgg)(nil)
)

// resultScale returns the scale of the result: the argument's for SUM, four more for AVG.
func (a *exactAgg) resultScale(ctx *sql.Context) int {
	_, s, _ := exactArgument(ctx, a.child)
	if a.avg {
		s = min(s+sumAvgIncrement, 38)
	}
	return s
}

// Type implements sql.Expression: MariaDB's DECIMAL, within what GMS's DecimalType holds.
func (a *exactAgg) Type(ctx *sql.Context) sql.Type {
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
func (a *exactAgg) IsNullable(*sql.Context) bool { return true }

// FunctionName implements sql.FunctionExpression.
func (a *exactAgg) FunctionName() string {
	if a.avg {
		return "avg"
	}
	return "sum"
}

// Description implements sql.FunctionExpression.
func (a *exactAgg) Description() string {
	if a.avg {
		return "returns the average value of expr in all rows"
	}
	return "returns the sum of expr in all rows"
}

// CollationCoercibility implements sql.CollationCoercible: a number.
func (a *exactAgg) CollationCoercibility(*sql.Context) (sql.CollationID, byte) {
	return sql.Collation_binary, 5
}

// String implements sql.Expression, in GMS's spelling, which the planbuilder uses to tell
// aggregates apart.
func (a *exactAgg) String() string {
	name := strings.ToUpper(a.FunctionName())
	if a.window != nil {
		pr := sql.NewTreePrinter()
		_ = pr.WriteNode("%s", name)
		_ = pr.WriteChildren(a.window.String(), a.child.String())
		return pr.String()
	}
	return name + "(" + a.child.String() + ")"
}

// DebugString implements sql.DebugStringer.
func (a *exactAgg) DebugString(ctx *sql.Context) string {
	name := strings.ToUpper(a.FunctionName())
	if a.window != nil {
		pr := sql.NewTreePrinter()
		_ = pr.WriteNode("%s", name)
		_ = pr.WriteChildren(sql.DebugString(ctx, a.window), sql.DebugString(ctx, a.child))
		return pr.String()
	}
	return name + "(" + sql.DebugString(ctx, a.child) + ")"
}

// Resolved implements sql.Expression.
func (a *exactAgg) Resolved() bool {
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
func (a *exactAgg) Children() []sql.Expression {
	children := []sql.Expression{a.child}
	if a.window != nil {
		children = append(children, a.window.ToExpressions()...)
	}
	return children
}

// WithChildren implements sql.Expression.
func (a *exactAgg) WithChildren(ctx *sql.Context, children ...sql.Expression) (sql.Expression, error) {
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
func (a *exactAgg) Eval(*sql.Context, sql.Row) (any, error) {
	return nil, aggregation.ErrEvalUnsupportedOnAggregation.New(a.FunctionName())
}

// Id implements sql.IdExpression.
func (a *exactAgg) Id() sql.ColumnId { return a.id }

// WithId implements sql.IdExpression.
func (a *exactAgg) WithId(id sql.ColumnId) sql.IdExpression {
	na := *a
	na.id = id
	return &na
}

// Window implements sql.WindowAdaptableExpression.
func (a *exactAgg) Window() *sql.WindowDefinition { return a.window }

// WithWindow implements sql.WindowAdaptableExpression.
func (a *exactAgg) WithWindow(_ *sql.Context, w *sql.WindowDefinition) sql.WindowAdaptableExpression {
	na := *a
	na.window = w
	return &na
}

// NewBuffer implements sql.Aggregation. The argument is cloned so that the DISTINCT filter
// is per group.
func (a *exactAgg) NewBuffer(ctx *sql.Context) (sql.AggregationBuffer, error) {
	child, err := transform.Clone(ctx, a.child)
	if err != nil {
		return nil, err
	}
	return &exactBuffer{agg: a, expr: child, typ: child.Type(ctx), scale: a.resultScale(ctx), sum: new(apd.Decimal)}, nil
}

// NewWindowFunction implements sql.WindowAdaptableExpression. Framing is GMS's: the frame
// of its own SUM for the same window.
func (a *exactAgg) NewWindowFunction(ctx *sql.Context) (sql.WindowFunction, error) {
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
	agg   *exactAgg
	expr  sql.Expression
	typ   sql.Type
	scale int
	sum   *apd.Decimal
	n     int64
}

// Update implements sql.AggregationBuffer.
func (b *exactBuffer) Update(ctx *sql.Context, row sql.Row) error {
	v, err := b.expr.Eval(ctx, row)
	if err != nil || v == nil {
		return err
	}
	d, err := exactValue(ctx, b.typ, v)
	if err != nil {
		return err
	}
	if _, err := exactCtx.Add(b.sum, b.sum, d); err != nil {
		return err
	}
	b.n++
	return nil
}

// Eval implements sql.AggregationBuffer.
func (b *exactBuffer) Eval(*sql.Context) (any, error) {
	return exactResult(b.sum, b.n, b.agg.avg, b.scale)
}

// Dispose implements sql.Disposable.
func (b *exactBuffer) Dispose(ctx *sql.Context) { expression.Dispose(ctx, b.expr) }

// exactWindow computes SUM or AVG over window frames from prefix sums of its partition.
type exactWindow struct {
	agg     *exactAgg
	expr    sql.Expression
	scale   int
	framing sql.WindowFunction // GMS's SUM for the same window, for its framer only

	start  int           // the partition's first row in the buffer
	prefix []apd.Decimal // prefix[i]: the sum of the partition's rows 0..i
	counts []int64       // counts[i]: the non-NULL values among them
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
	w.prefix = make([]apd.Decimal, n)
	w.counts = make([]int64, n)
	var sum apd.Decimal
	var count int64
	typ := w.expr.Type(ctx)
	for i := 0; i < n; i++ {
		v, err := w.expr.Eval(ctx, buf[interval.Start+i])
		if err != nil {
			return err
		}
		if v != nil {
			d, err := exactValue(ctx, typ, v)
			if err != nil {
				return err
			}
			if _, err := exactCtx.Add(&sum, &sum, d); err != nil {
				return err
			}
			count++
		}
		w.prefix[i].Set(&sum)
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
	if end < 0 || end >= len(w.prefix) || first >= end {
		return nil, nil
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
