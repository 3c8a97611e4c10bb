package sqlengine

import (
	"context"
	"fmt"
	"reflect"

	"github.com/cockroachdb/apd/v3"
	"math"
	"math/bits"
	"strconv"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/expression/function"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"
	"github.com/dolthub/go-mysql-server/sql/types"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
)

// MariaDB computes integer +, -, *, DIV, unary minus and ABS exactly and fails with 1690
// ("BIGINT value is out of range in '<item>'") when the result does not fit the item's type:
// BIGINT UNSIGNED when an operand is unsigned (for -, unless sql_mode has
// NO_UNSIGNED_SUBTRACTION; ABS keeps its argument's), BIGINT otherwise; unary minus is always
// signed. The error names the item as MariaDB prints it. GMS wraps around instead (NEXTVAL(s)
// * 2 near 2^63 is negative) or clamps mixed signed and unsigned operands. checkedInt takes
// the place of GMS's integer arithmetic when a plan runs and computes as MariaDB does.
// Arithmetic with a non-integer operand (DECIMAL, DOUBLE, strings, temporal values) is left
// to GMS: MariaDB computes it in DECIMAL or DOUBLE. Expressions of literals only are also
// folded while parsing (intfold.go).

// checkNodeOverflows returns n with its own expressions' integer arithmetic replaced by
// checkedInt, and whether there was any. The executor builds every node of a plan, and the
// plan of a subquery when it runs it, through priorityBuilder, which calls this first: so
// every path of GMS's analyzer (its simple-select and simple-insert shortcuts too) and
// the column defaults it adds to an INSERT's plan last are covered. The analyzed plan, and
// with it the result's metadata, is left as GMS made it.
func checkNodeOverflows(ctx *sql.Context, n sql.Node) (sql.Node, bool) {
	ex, ok := n.(sql.Expressioner)
	if !ok {
		return n, false
	}
	found := false
	for _, e := range ex.Expressions() {
		if found = transform.InspectExpr(ctx, e, arithmeticToCheck); found {
			break
		}
	}
	if !found {
		return n, false
	}
	nn, same, err := transform.OneNodeExpressions(ctx, n, func(ctx *sql.Context, e sql.Expression) (sql.Expression, transform.TreeIdentity, error) {
		switch e := e.(type) {
		case *checkedInt:
			if e.scope != nil {
				return e, transform.SameTree, nil
			}
			scoped := *e
			scoped.scope = n
			return &scoped, transform.NewTree, nil
		}
		if !arithmeticToCheck(ctx, e) {
			return e, transform.SameTree, nil // most expressions: no sql_mode lookup
		}
		noUnsignedSub := sql.LoadSqlMode(ctx).ModeEnabled("NO_UNSIGNED_SUBTRACTION")
		if c := newCheckedInt(ctx, e, noUnsignedSub, n, false); c != nil {
			return c, transform.NewTree, nil
		}
		if c := newCheckedDouble(ctx, e, n); c != nil {
			return c, transform.NewTree, nil
		}
		return e, transform.SameTree, nil
	})
	if err != nil || same == transform.SameTree {
		return n, false
	}
	return nn, true
}

// arithmeticToCheck reports whether e may become a checkedInt or checkedDouble, or is a
// checkedInt made while planning that has no scope yet.
func arithmeticToCheck(_ *sql.Context, e sql.Expression) bool {
	switch e := e.(type) {
	case *checkedInt:
		return e.scope == nil
	case *expression.Arithmetic, *expression.IntDiv, *expression.UnaryMinus, *function.AbsVal, *expression.Div, *function.Power:
		return true
	}
	return false
}

// checkedInt is MariaDB's integer arithmetic item in place of GMS's expression gms.
type checkedInt struct {
	gms      sql.Expression // the replaced expression: its String names it for GMS
	op       string         // ast.PlusStr, ast.MinusStr, ast.MultStr, ast.IntDivStr, "neg" or "abs"
	args     []sql.Expression
	unsigned bool // the item is BIGINT UNSIGNED
	// typ is GMS's type of the expression, which the analyzed plan's schema has: the result
	// is a value of it where it fits. (GMS makes a mix of signed and unsigned BIGINT.)
	typ sql.Type
	// noUnsignedSub is NO_UNSIGNED_SUBTRACTION when the item was made (MariaDB fixes the
	// item's type then).
	noUnsignedSub bool
	// scope is the plan node the expression is in: its tables give the columns' names as
	// defined, for the error message (GMS lower-cases them).
	scope sql.Node
	// mariaType is set when typ is MariaDB's type of the item (made while planning, see
	// injectArithmetic) rather than GMS's.
	mariaType bool
}

const (
	opNeg = "neg"
	opAbs = "abs"
	// opDecDiv is DIV with an operand that is not an integer: MariaDB divides in DECIMAL and
	// truncates the quotient to the item's integer type.
	opDecDiv = "decdiv"
)

var _ sql.Expression = (*checkedInt)(nil)

// newCheckedInt returns the checkedInt for e, or nil when e is not integer arithmetic.
func newCheckedInt(ctx *sql.Context, e sql.Expression, noUnsignedSub bool, scope sql.Node, mariaType bool) *checkedInt {
	c := &checkedInt{gms: e, noUnsignedSub: noUnsignedSub, scope: scope, mariaType: mariaType}
	switch e := e.(type) {
	case *expression.Arithmetic:
		switch e.Op {
		case ast.PlusStr, ast.MinusStr, ast.MultStr:
			c.op = e.Op
		default:
			return nil
		}
		c.args = []sql.Expression{e.LeftChild, e.RightChild}
	case *expression.IntDiv:
		c.op, c.args = ast.IntDivStr, []sql.Expression{e.LeftChild, e.RightChild}
	case *expression.UnaryMinus:
		// Only a BIGINT can overflow; GMS keeps its own result type for the others.
		if t := e.Child.Type(ctx); t != types.Int64 && t != types.Uint64 {
			return nil
		}
		c.op, c.args = opNeg, []sql.Expression{e.Child}
	case *function.AbsVal:
		if e.Child.Type(ctx) != types.Int64 {
			return nil
		}
		c.op, c.args = opAbs, []sql.Expression{e.Child}
	default:
		return nil
	}
	for _, a := range c.args {
		c.unsigned = c.unsigned || isUnsignedItem(ctx, a)
		if types.IsInteger(a.Type(ctx)) {
			continue
		}
		if c.op != ast.IntDivStr {
			return nil
		}
		c.op = opDecDiv
	}
	if c.op == opNeg || c.op == ast.MinusStr && noUnsignedSub {
		c.unsigned = false
	}
	c.typ = e.Type(ctx)
	if mariaType && c.op != opNeg && c.op != opAbs {
		c.typ = types.Int64
		if c.unsigned {
			c.typ = types.Uint64
		}
	}
	return c
}

// isUnsignedItem reports whether MariaDB's item for e is unsigned. An integer literal is
// unsigned only above 2^63-1 (GMS types 2147483648 as INT UNSIGNED).
func isUnsignedItem(ctx *sql.Context, e sql.Expression) bool {
	switch e := e.(type) {
	case *checkedInt:
		return e.unsigned
	case *expression.Literal:
		u, ok := e.Value().(uint64)
		return ok && u > math.MaxInt64
	}
	return types.IsUnsigned(e.Type(ctx))
}

func (c *checkedInt) String() string                   { return c.gms.String() }
func (c *checkedInt) Resolved() bool                   { return c.gms.Resolved() }
func (c *checkedInt) Type(*sql.Context) sql.Type       { return c.typ }
func (c *checkedInt) IsNullable(ctx *sql.Context) bool { return c.gms.IsNullable(ctx) }
func (c *checkedInt) Children() []sql.Expression       { return c.args }

// WithChildren implements sql.Expression: GMS's expression with the new children, checked
// again if it still is integer arithmetic.
func (c *checkedInt) WithChildren(ctx *sql.Context, children ...sql.Expression) (sql.Expression, error) {
	g, err := c.gms.WithChildren(ctx, children...)
	if err != nil {
		return nil, err
	}
	if n := newCheckedInt(ctx, g, c.noUnsignedSub, c.scope, c.mariaType); n != nil {
		return n, nil
	}
	return g, nil
}

// CollationCoercibility implements sql.CollationCoercible as GMS's arithmetic does.
func (c *checkedInt) CollationCoercibility(*sql.Context) (sql.CollationID, byte) {
	return sql.Collation_binary, 5
}

// evalDecDiv computes DIV in DECIMAL: the quotient truncated toward zero. Operands that do
// not convert to DECIMAL are left to GMS.
func (c *checkedInt) evalDecDiv(ctx *sql.Context, row sql.Row) (any, error) {
	var ops [2]*apd.Decimal
	for i, a := range c.args {
		v, err := a.Eval(ctx, row)
		if err != nil {
			return nil, err
		}
		if v == nil {
			return nil, nil
		}
		d, _, err := types.InternalDecimalType.Convert(ctx, v)
		if err != nil {
			return c.gms.Eval(ctx, row)
		}
		dec, ok := d.(*apd.Decimal)
		if !ok {
			return c.gms.Eval(ctx, row)
		}
		ops[i] = dec
	}
	if ops[1].IsZero() {
		ctx.Warn(sequences.ErrDivisionByZero.Code, "Division by 0")
		return nil, nil
	}
	var q apd.Decimal
	if _, err := apd.BaseContext.WithPrecision(200).QuoInteger(&q, ops[0], ops[1]); err != nil {
		return nil, c.overflow(ctx)
	}
	mag, err := strconv.ParseUint(strings.TrimPrefix(q.Text('f'), "-"), 10, 64)
	if err != nil {
		return nil, c.overflow(ctx)
	}
	if v, ok := c.fit(hybrid{neg: q.Negative && mag != 0, mag: mag}); ok {
		return v, nil
	}
	return nil, c.overflow(ctx)
}

// overflow is MariaDB's error for the item's result out of range.
func (c *checkedInt) overflow(ctx *sql.Context) error {
	name := "BIGINT"
	if c.unsigned {
		name = "BIGINT UNSIGNED"
	}
	return mariaErr(sequences.ErrDataOutOfRangeIn, name, itemText(ctx, itemPrinter{ctx: ctx, scope: c.scope}.print(c, precLowest)))
}

// hybrid is an exact integer in [-2^64, 2^64): its sign and magnitude.
type hybrid struct {
	neg bool
	mag uint64
}

// Eval implements sql.Expression. All operands are evaluated, as MariaDB does, before NULL
// makes the result NULL.
func (c *checkedInt) Eval(ctx *sql.Context, row sql.Row) (any, error) {
	if c.op == opDecDiv {
		return c.evalDecDiv(ctx, row)
	}
	vals := make([]hybrid, len(c.args))
	null := false
	for i, a := range c.args {
		v, err := a.Eval(ctx, row)
		if err != nil {
			return nil, err
		}
		if v == nil {
			null = true
			continue
		}
		h, err := toHybrid(ctx, v, isUnsignedItem(ctx, a))
		if err != nil {
			return nil, err
		}
		vals[i] = h
	}
	if null {
		return nil, nil
	}
	var r hybrid
	ok := true
	switch c.op {
	case ast.PlusStr:
		r, ok = addHybrid(vals[0], vals[1])
	case ast.MinusStr:
		r, ok = addHybrid(vals[0], hybrid{neg: !vals[1].neg && vals[1].mag != 0, mag: vals[1].mag})
	case ast.MultStr:
		hi, lo := bits.Mul64(vals[0].mag, vals[1].mag)
		r, ok = hybrid{neg: vals[0].neg != vals[1].neg && lo != 0, mag: lo}, hi == 0
	case ast.IntDivStr:
		if vals[1].mag == 0 {
			ctx.Warn(sequences.ErrDivisionByZero.Code, "Division by 0")
			return nil, nil
		}
		q := vals[0].mag / vals[1].mag
		r = hybrid{neg: vals[0].neg != vals[1].neg && q != 0, mag: q}
	case opNeg:
		r = hybrid{neg: !vals[0].neg && vals[0].mag != 0, mag: vals[0].mag}
	case opAbs:
		r = hybrid{mag: vals[0].mag}
	}
	if ok {
		var v any
		if v, ok = c.fit(r); ok {
			return v, nil
		}
	}
	return nil, c.overflow(ctx)
}

// fit converts r to the item's type; false when it is out of its range. An unsigned result
// above 2^63-1 stays a uint64 where GMS's type is BIGINT.
func (c *checkedInt) fit(r hybrid) (any, bool) {
	switch {
	case c.unsigned && r.neg:
		return nil, false
	case c.unsigned && (c.typ == types.Uint64 || r.mag > math.MaxInt64):
		return r.mag, true
	case !r.neg && r.mag <= math.MaxInt64:
		return c.signedValue(int64(r.mag))
	case r.neg && r.mag <= 1<<63:
		return c.signedValue(int64(-r.mag))
	}
	return nil, false
}

// signedValue returns v as a value of GMS's type of the expression.
func (c *checkedInt) signedValue(v int64) (any, bool) {
	if c.typ == types.Uint64 {
		return uint64(v), v >= 0
	}
	return v, true
}

// addHybrid adds two exact integers; false when the sum's magnitude reaches 2^64.
func addHybrid(a, b hybrid) (hybrid, bool) {
	if a.neg == b.neg {
		s, carry := bits.Add64(a.mag, b.mag, 0)
		return hybrid{neg: a.neg && s != 0, mag: s}, carry == 0
	}
	if a.mag >= b.mag {
		d := a.mag - b.mag
		return hybrid{neg: a.neg && d != 0, mag: d}, true
	}
	return hybrid{neg: b.neg, mag: b.mag - a.mag}, true
}

// toHybrid reads an integer operand; unsigned is its type's signedness.
func toHybrid(ctx *sql.Context, v any, unsigned bool) (hybrid, error) {
	signed := func(i int64) hybrid {
		if i < 0 {
			return hybrid{neg: true, mag: uint64(-i)}
		}
		return hybrid{mag: uint64(i)}
	}
	switch v := v.(type) {
	case int8:
		return signed(int64(v)), nil
	case int16:
		return signed(int64(v)), nil
	case int32:
		return signed(int64(v)), nil
	case int64:
		return signed(v), nil
	case int:
		return signed(int64(v)), nil
	case uint8:
		return hybrid{mag: uint64(v)}, nil
	case uint16:
		return hybrid{mag: uint64(v)}, nil
	case uint32:
		return hybrid{mag: uint64(v)}, nil
	case uint64:
		return hybrid{mag: v}, nil
	case uint:
		return hybrid{mag: uint64(v)}, nil
	case bool:
		if v {
			return hybrid{mag: 1}, nil
		}
		return hybrid{}, nil
	}
	if unsigned {
		u, _, err := types.Uint64.Convert(ctx, v)
		if err != nil {
			return hybrid{}, err
		}
		return hybrid{mag: u.(uint64)}, nil
	}
	i, _, err := types.Int64.Convert(ctx, v)
	if err != nil {
		return hybrid{}, err
	}
	return signed(i.(int64)), nil
}

// itemPrecedence is MariaDB's precedence of the item a GMS expression stands for.
func itemPrecedence(e sql.Expression) int {
	switch e := e.(type) {
	case *checkedInt:
		switch e.op {
		case ast.PlusStr, ast.MinusStr:
			return precAdd
		case ast.MultStr, ast.IntDivStr, opDecDiv:
			return precMul
		case opNeg:
			return precNeg
		}
	case *expression.Arithmetic:
		return binaryPrecedence(e.Op)
	case *expression.Div, *expression.IntDiv, *expression.Mod:
		return precMul
	case *expression.UnaryMinus:
		return precNeg
	case *checkedDouble:
		return itemPrecedence(e.gms)
	}
	return precDefault
}

// itemPrinter prints a GMS expression as MariaDB prints the item in error messages
// (Item::print): columns as `db`.`table`.`column`, sequence functions with their qualified
// sequence, operators spaced, parentheses only where precedence needs them.
type itemPrinter struct {
	ctx   *sql.Context
	scope sql.Node // where columns are looked up for their names as defined
}

// print prints e; parent is the enclosing operator's precedence.
func (p itemPrinter) print(e sql.Expression, parent int) string {
	prec := itemPrecedence(e)
	s := p.bare(e, prec)
	if prec < parent {
		return "(" + s + ")"
	}
	return s
}

func (p itemPrinter) bare(e sql.Expression, prec int) string {
	binary := func(l sql.Expression, op string, r sql.Expression) string {
		return p.print(l, prec) + " " + op + " " + p.print(r, prec+1)
	}
	switch e := e.(type) {
	case *checkedInt:
		switch e.op {
		case opNeg:
			return "-" + p.print(e.args[0], prec+1)
		case opAbs:
			return "abs(" + p.print(e.args[0], precLowest) + ")"
		case opDecDiv:
			return binary(e.args[0], "DIV", e.args[1])
		}
		return binary(e.args[0], binaryOpText(e.op), e.args[1])
	case *expression.Arithmetic:
		return binary(e.LeftChild, binaryOpText(e.Op), e.RightChild)
	case *expression.IntDiv:
		return binary(e.LeftChild, "DIV", e.RightChild)
	case *expression.Div:
		return binary(e.LeftChild, "/", e.RightChild)
	case *expression.Mod:
		return binary(e.LeftChild, "MOD", e.RightChild)
	case *expression.UnaryMinus:
		return "-" + p.print(e.Child, prec+1)
	case *expression.Literal:
		return printLiteral(e)
	case *expression.GetField:
		s := quoteIdent(p.columnName(e))
		if e.Table() != "" {
			s = quoteIdent(e.Table()) + "." + s
			if e.Database() != "" {
				s = quoteIdent(e.Database()) + "." + s
			}
		}
		return s
	case *expression.Alias:
		return p.print(e.Child, prec)
	case *checkedDouble:
		return p.print(e.gms, prec)
	case *expression.UserVar:
		return "@" + quoteIdent(e.Name)
	case *plan.Subquery:
		return "(select #" + strconv.Itoa(selectNumber(p.ctx.Query(), e.QueryString)) + ")"
	case *expression.Convert:
		return "cast(" + p.print(e.Child, precLowest) + " as " + castTypeName(e) + ")"
	case sql.FunctionExpression:
		if s, ok := e.(fmt.Stringer); ok && isSeqFunction(e) {
			return s.String() // nextval(`db`.`name`), as MariaDB prints it
		}
		name := e.FunctionName()
		if n, ok := mariadbFuncNames[name]; ok {
			name = n
		}
		s := name + "("
		for i, a := range e.Children() {
			if i > 0 {
				s += ","
			}
			s += p.print(a, precLowest)
		}
		return s + ")"
	}
	return e.String()
}

// selectNumber is MariaDB's number of the SELECT of subquery text sub in query: SELECTs are
// numbered in the order they are written, from 1 for the statement's own (which an INSERT
// ... VALUES, UPDATE or DELETE has even without a SELECT keyword). A subquery that is not
// found in the text is taken as the first one.
func selectNumber(query, sub string) int {
	at := strings.Index(query, sub)
	if sub == "" || at < 0 {
		return 2
	}
	n, depth, topLevel := 0, 0, false
	for _, t := range lexAll(query, false) {
		switch {
		case t.isPunct(query, '('):
			depth++
		case t.isPunct(query, ')'):
			depth--
		case t.isWord(query, "select"):
			if depth == 0 {
				topLevel = true
			}
			if t.start <= at {
				n++
			}
		}
	}
	if !topLevel {
		n++
	}
	return n
}

// columnName is the name of the column gf reads as its table defines it.
func (p itemPrinter) columnName(gf *expression.GetField) string {
	name := gf.Name()
	if p.scope == nil || gf.Table() == "" {
		return name
	}
	transform.Inspect(p.scope, func(n sql.Node) bool {
		switch n.(type) {
		case *plan.ResolvedTable, *plan.TableAlias, *plan.IndexedTableAccess:
		default:
			return true
		}
		if nm, ok := n.(sql.Nameable); !ok || !strings.EqualFold(nm.Name(), gf.Table()) {
			return false
		}
		for _, col := range n.Schema(p.ctx) {
			if strings.EqualFold(col.Name, gf.Name()) {
				name = col.Name
				return false
			}
		}
		return false
	})
	return name
}

// printLiteral prints a constant as MariaDB prints the literal.
func printLiteral(l *expression.Literal) string {
	switch v := l.Value().(type) {
	case nil:
		return "NULL"
	case bool:
		if v {
			return "1"
		}
		return "0"
	case string:
		return quoteExprString(v)
	case float64:
		return mariaDouble(v)
	}
	return fmt.Sprint(l.Value())
}

// castTypeName is the type of CAST(... AS type) as MariaDB prints it.
func castTypeName(c *expression.Convert) string {
	t := c.Type(sql.NewEmptyContext())
	switch {
	case types.IsInteger(t) && types.IsUnsigned(t):
		return "unsigned"
	case types.IsInteger(t):
		return "signed"
	}
	return strings.ToLower(t.String())
}

// mariaDouble prints a DOUBLE constant: the shortest form, 1e300 rather than 1e+300.
func mariaDouble(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'g', -1, 64), "e+", "e", 1)
}

// The result type of integer arithmetic is MariaDB's only when the item is made while the
// statement is planned: GMS's schema of a SELECT gives u - 1 (u BIGINT UNSIGNED) the type
// BIGINT, so 18446744073709551614 could not be sent. injectArithmetic replaces +, -, * and DIV
// in a parsed query or DML statement by an injected expression whose builder makes the
// checkedInt, typed BIGINT UNSIGNED when an operand is unsigned, from the resolved operands;
// other operands get GMS's expression, as GMS's planner builds it. Expressions GMS parses
// itself (column defaults) are checked when they run (checkNodeOverflows), with GMS's type.

// injectArithmetic rewrites the arithmetic of stmt (after foldUnsigned).
func injectArithmetic(stmt ast.Statement) {
	switch stmt.(type) {
	case *ast.Select, *ast.SetOp, *ast.Insert, *ast.Update, *ast.Delete, *ast.Set:
		injectValue(reflect.ValueOf(stmt))
	}
}

// injectValue walks the AST under v, operands before the operators that use them.
func injectValue(v reflect.Value) {
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() {
			return
		}
		injectValue(v.Elem())
		if be, ok := v.Interface().(*ast.BinaryExpr); ok && v.CanSet() && injectable(be) {
			v.Set(reflect.ValueOf(ast.Expr(ast.InjectedExpr{
				Auth:       ast.AuthInformation{AuthType: ast.AuthType_IGNORE},
				Expression: &arithInjectable{op: be.Operator, text: ast.String(be)},
				Children:   ast.Exprs{be.Left, be.Right},
			})))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			injectValue(v.Elem())
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				injectValue(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			injectValue(v.Index(i))
		}
	}
}

// injectable reports whether be is arithmetic checkedInt may compute: +, -, * or DIV, not of
// integer literals only (folded already) and not date arithmetic with an INTERVAL.
func injectable(be *ast.BinaryExpr) bool {
	switch strings.ToLower(be.Operator) {
	case ast.PlusStr, ast.MinusStr, ast.MultStr, ast.IntDivStr:
	default:
		return false
	}
	for _, e := range []ast.Expr{be.Left, be.Right} {
		for {
			pe, ok := e.(*ast.ParenExpr)
			if !ok {
				break
			}
			e = pe.Expr
		}
		if _, ok := e.(*ast.IntervalExpr); ok {
			return false
		}
	}
	_, lit, _ := foldBinary(be)
	return !lit
}

// arithInjectable builds the expression of an injected operator from its resolved operands.
type arithInjectable struct {
	op   string
	text string // the operator as written: the AST prints it so
}

// String implements fmt.Stringer.
func (a *arithInjectable) String() string { return a.text }

// WithResolvedChildren implements ast.Injectable.
func (a *arithInjectable) WithResolvedChildren(ctx context.Context, children []any) (any, error) {
	sctx, ok := ctx.(*sql.Context)
	if !ok || len(children) != 2 {
		return nil, fmt.Errorf("sqlengine: operator %s planned without its context or operands", a.op)
	}
	l, lok := children[0].(sql.Expression)
	r, rok := children[1].(sql.Expression)
	if !lok || !rok {
		return nil, fmt.Errorf("sqlengine: operator %s: operands are not expressions", a.op)
	}
	var g sql.Expression
	if strings.EqualFold(a.op, ast.IntDivStr) {
		g = expression.NewIntDiv(l, r)
	} else {
		g = expression.NewArithmetic(l, r, a.op)
	}
	noUnsignedSub := sql.LoadSqlMode(sctx).ModeEnabled("NO_UNSIGNED_SUBTRACTION")
	if c := newCheckedInt(sctx, g, noUnsignedSub, nil, true); c != nil {
		return c, nil
	}
	return g, nil
}

// MariaDB fails a DOUBLE result that is not finite with 1690 too ("DOUBLE value is out of
// range in '1e300 * 1e300'"); GMS returns +Inf. checkedDouble wraps GMS's +, -, *, / of
// DOUBLE operands and POW, and checks their results.
type checkedDouble struct {
	gms   sql.Expression
	scope sql.Node
}

var _ sql.Expression = (*checkedDouble)(nil)

// newCheckedDouble returns the checkedDouble for e, or nil when e is not DOUBLE arithmetic.
func newCheckedDouble(ctx *sql.Context, e sql.Expression, scope sql.Node) *checkedDouble {
	switch e := e.(type) {
	case *expression.Arithmetic:
		if e.Op != ast.PlusStr && e.Op != ast.MinusStr && e.Op != ast.MultStr {
			return nil
		}
	case *expression.Div, *function.Power:
	default:
		return nil
	}
	if !types.IsFloat(e.Type(ctx)) {
		return nil
	}
	return &checkedDouble{gms: e, scope: scope}
}

func (c *checkedDouble) String() string                   { return c.gms.String() }
func (c *checkedDouble) Resolved() bool                   { return c.gms.Resolved() }
func (c *checkedDouble) Type(ctx *sql.Context) sql.Type   { return c.gms.Type(ctx) }
func (c *checkedDouble) IsNullable(ctx *sql.Context) bool { return c.gms.IsNullable(ctx) }
func (c *checkedDouble) Children() []sql.Expression       { return c.gms.Children() }
func (c *checkedDouble) CollationCoercibility(*sql.Context) (sql.CollationID, byte) {
	return sql.Collation_binary, 5
}

// WithChildren implements sql.Expression.
func (c *checkedDouble) WithChildren(ctx *sql.Context, children ...sql.Expression) (sql.Expression, error) {
	g, err := c.gms.WithChildren(ctx, children...)
	if err != nil {
		return nil, err
	}
	if n := newCheckedDouble(ctx, g, c.scope); n != nil {
		return n, nil
	}
	return g, nil
}

// Eval implements sql.Expression.
func (c *checkedDouble) Eval(ctx *sql.Context, row sql.Row) (any, error) {
	v, err := c.gms.Eval(ctx, row)
	if f, ok := v.(float64); ok && err == nil && (math.IsInf(f, 0) || math.IsNaN(f)) {
		return nil, mariaErr(sequences.ErrDataOutOfRangeIn, "DOUBLE", itemText(ctx, itemPrinter{ctx: ctx, scope: c.scope}.print(c.gms, precLowest)))
	}
	return v, err
}

// itemText is an item's text as MariaDB's messages print it under the session's sql_mode:
// with ANSI_QUOTES (ORACLE, ANSI, ...) identifiers are quoted with ".
func itemText(ctx *sql.Context, text string) string {
	if sessionMode(ctx).ANSIQuotes {
		return ansiQuoted(text)
	}
	return text
}
