package sqlengine

import (
	"context"
	"io"
	"slices"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"
	"github.com/dolthub/vitess/go/mysql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/functions"
	"github.com/seqd/seqd/sequences"
)

// When NEXT VALUE FOR fails (the sequence ran out), MariaDB does not stop there: the function
// returns NULL with the error recorded, and evaluation goes on to the end of the unit being
// computed. SELECT nextval(s1) - nextval(s2) takes a value from s2 after s1 has run out, and
// SHOW WARNINGS lists every error raised on the way. The units are:
//
//   - a select item, a WHERE condition, a DO expression: the statement fails at its end, so
//     the select items after a failed one are not evaluated;
//   - a row an INSERT writes: its explicit values, then its columns' DEFAULT expressions, are
//     all computed, each failed value going into a NOT NULL column adding 1048 after its
//     error; the row then fails. In a single-row INSERT ... VALUES the first such NULL ends
//     the row at once, with 1105 (an explicit value) or 4028 (a DEFAULT) after the 1048.
//
// GMS stops an expression at the first error, so seqd defers the error instead: inside a
// seqEval wrapper, NEXTVAL records its error in the session (seqDeferral) and returns NULL;
// the wrapper (a select item) or the INSERT's row check (insertConversionIter) then fails with
// the first recorded error and lists the others after it.

// failedRow reports whether the row being computed has failed values: an INSERT then
// generates no AUTO_INCREMENT value for it, as MariaDB generates it only when it writes a row.
func failedRow(ctx *sql.Context) bool {
	sess, err := sessionOf(ctx)
	return err == nil && len(sess.seqDefer.pending) > 0
}

// seqDeferral is a session's sequence errors recorded for the unit being evaluated.
type seqDeferral struct {
	depth   int          // seqEval wrappers being evaluated; NEXTVAL defers only inside one
	pending []seqPending // the errors recorded, in order
}

// seqPending is one recorded error.
type seqPending struct {
	err     *mysql.SQLError
	nullCol string // the failed value went into this NOT NULL column: 1048 follows the error
	fatal   *sql.Warning
}

// take removes and returns the errors recorded from index from on.
func (d *seqDeferral) take(from int) []seqPending {
	p := append([]seqPending(nil), d.pending[from:]...)
	d.pending = d.pending[:from]
	return p
}

// Defer implements functions.Sequences.
func (r seqResolver) Defer(ctx *sql.Context, err error) bool {
	sess, e := sessionOf(ctx)
	se := sqlErrorOf(err)
	if e != nil || se == nil || sess.seqDefer.depth == 0 {
		return false
	}
	sess.seqDefer.pending = append(sess.seqDefer.pending, seqPending{err: se})
	return true
}

// seqEvalMode is what a seqEval does with the errors recorded while its child is evaluated.
type seqEvalMode uint8

const (
	// seqEvalItem fails at the end of the expression: a select item, WHERE, DO.
	seqEvalItem seqEvalMode = iota
	// seqEvalValue leaves the errors for the end of the INSERT row.
	seqEvalValue
)

// seqCol is the column an INSERT stores a seqEvalValue into.
type seqCol struct {
	name    string
	notNull bool // NOT NULL and not AUTO_INCREMENT: NULL from a failed value adds 1048
	fatal   int  // in a single-row INSERT ... VALUES: how the row ends after that 1048
}

// seqStop in seqCol.fatal ends the row after the 1048 with no other condition.
const seqStop = -1

// seqEval evaluates an expression that calls NEXTVAL with its sequence errors deferred.
type seqEval struct {
	expression.UnaryExpressionStub
	mode seqEvalMode
	col  *seqCol // seqEvalValue: the column written, nil if unknown
}

var (
	_ sql.Expression                 = (*seqEval)(nil)
	_ sql.CollationCoercible         = (*seqEval)(nil)
	_ sql.NonDeterministicExpression = (*seqEval)(nil)
)

// Eval implements sql.Expression.
func (e *seqEval) Eval(ctx *sql.Context, row sql.Row) (any, error) {
	sess, err := sessionOf(ctx)
	if err != nil {
		return e.Child.Eval(ctx, row)
	}
	d := &sess.seqDefer
	start := len(d.pending)
	d.depth++
	v, err := e.Child.Eval(ctx, row)
	d.depth--
	if len(d.pending) == start {
		if e.mode == seqEvalValue && sql.ErrColumnDefaultReturnedNull.Is(err) {
			v, err = nil, nil // GMS's check of a NOT NULL column's default: 1048 below
		}
		if err == nil && v == nil && e.mode == seqEvalValue && e.col != nil && e.col.notNull && e.col.fatal != 0 {
			// NULL in a NOT NULL column of a single-row INSERT: MariaDB fails at once,
			// before it computes the rest of the row.
			if w := fatalAfterNull(e.col); w != nil {
				notesAfterError(ctx, []*sql.Warning{w})
			}
			return nil, mariaErr(sequences.ErrBadNull, e.col.name)
		}
		return v, err
	}
	if e.mode == seqEvalValue && sql.ErrColumnDefaultReturnedNull.Is(err) {
		v, err = nil, nil // a DEFAULT expression whose sequence failed: NULL, as in MariaDB
	}
	switch {
	case e.mode == seqEvalItem && d.depth > 0:
		// Inside another unit (a subquery in a select item): that unit fails at its end.
		return v, err
	case e.mode == seqEvalItem:
		return nil, seqFailure(ctx, d.take(start), err, "Error")
	case err != nil:
		return nil, seqFailure(ctx, d.take(0), err, "Error")
	case v == nil && e.col != nil && e.col.notNull:
		last := &d.pending[len(d.pending)-1]
		last.nullCol = e.col.name
		if e.col.fatal != 0 {
			last.fatal = fatalAfterNull(e.col)
			return nil, seqFailure(ctx, d.take(0), nil, "Error")
		}
	}
	return v, nil
}

// evalDeferred evaluates e with the sequence errors deferred, and returns those errors and the
// error that stopped the evaluation, if any.
func evalDeferred(ctx *sql.Context, e sql.Expression) ([]seqPending, error) {
	sess, err := sessionOf(ctx)
	if err != nil {
		_, err = e.Eval(ctx, nil)
		return nil, err
	}
	d := &sess.seqDefer
	start := len(d.pending)
	d.depth++
	_, err = e.Eval(ctx, nil)
	d.depth--
	return d.take(start), err
}

// fatalAfterNull is the condition that ends a single-row INSERT after NULL from a failed value
// went into col, nil for none.
func fatalAfterNull(col *seqCol) *sql.Warning {
	switch col.fatal {
	case sequences.ErrCalculatingDefault.Code:
		return warning("Error", sequences.ErrCalculatingDefault, col.name)
	case sequences.ErrUnknownError.Code:
		return warning("Error", sequences.ErrUnknownError)
	}
	return nil
}

// seqFailure is the error a statement fails with for the recorded errors p (then err, an error
// that stopped the evaluation, if any): the first of them; the others are listed after it in
// SHOW WARNINGS, each 1048 with level nullLevel.
func seqFailure(ctx *sql.Context, p []seqPending, err error, nullLevel string) error {
	var conds []*sql.Warning
	for _, x := range p {
		conds = append(conds, &sql.Warning{Level: "Error", Code: x.err.Num, Message: x.err.Message})
		if x.nullCol != "" {
			conds = append(conds, warning(nullLevel, sequences.ErrBadNull, x.nullCol))
		}
		if x.fatal != nil {
			conds = append(conds, x.fatal)
		}
	}
	if se := sqlErrorOf(err); se != nil {
		conds = append(conds, &sql.Warning{Level: "Error", Code: se.Num, Message: se.Message})
	}
	notesAfterError(ctx, conds[1:])
	return p[0].err
}

// Type implements sql.Expression.
func (e *seqEval) Type(ctx *sql.Context) sql.Type { return e.Child.Type(ctx) }

// CollationCoercibility implements sql.CollationCoercible.
func (e *seqEval) CollationCoercibility(ctx *sql.Context) (sql.CollationID, byte) {
	return sql.GetCoercibility(ctx, e.Child)
}

// IsNonDeterministic implements sql.NonDeterministicExpression.
func (e *seqEval) IsNonDeterministic() bool { return true }

// String implements sql.Expression.
func (e *seqEval) String() string { return e.Child.String() }

// WithChildren implements sql.Expression.
func (e *seqEval) WithChildren(_ *sql.Context, children ...sql.Expression) (sql.Expression, error) {
	if len(children) != 1 {
		return nil, sql.ErrInvalidChildrenNumber.New(e, len(children), 1)
	}
	ne := *e
	ne.Child = children[0]
	return &ne, nil
}

// hasNextVal reports whether e calls NEXTVAL (or SETVAL, which can fail the same way).
func hasNextVal(ctx *sql.Context, e sql.Expression) bool {
	return transform.InspectExpr(ctx, e, func(_ *sql.Context, x sql.Expression) bool {
		switch x.(type) {
		case *functions.NextVal, *functions.SetVal:
			return true
		}
		return false
	})
}

// isSeqEval reports whether e is or contains a seqEval: it was wrapped already (an INSERT's
// source, or a node the priority builder rebuilt, perhaps with other wrappers around it).
func isSeqEval(e sql.Expression) bool {
	found := false
	transform.InspectExpr(nil, e, func(_ *sql.Context, x sql.Expression) bool {
		_, found = x.(*seqEval)
		return found
	})
	return found
}

// wrapSeqEval wraps e in a seqEval when it calls NEXTVAL; an alias stays outermost, as the
// result column takes its name.
func wrapSeqEval(ctx *sql.Context, e sql.Expression, mode seqEvalMode, col *seqCol) (sql.Expression, bool) {
	return wrapSeqEvalIf(ctx, e, mode, col, hasNextVal(ctx, e))
}

// wrapSeqEvalIf is wrapSeqEval wrapping when wrap is true.
func wrapSeqEvalIf(ctx *sql.Context, e sql.Expression, mode seqEvalMode, col *seqCol, wrap bool) (sql.Expression, bool) {
	if isSeqEval(e) || !wrap {
		return e, false
	}
	if a, ok := e.(*expression.Alias); ok {
		na, err := a.WithChildren(ctx, wrapSeqEval1(a.Child, mode, col))
		if err != nil {
			return e, false
		}
		return na, true
	}
	return wrapSeqEval1(e, mode, col), true
}

func wrapSeqEval1(e sql.Expression, mode seqEvalMode, col *seqCol) sql.Expression {
	return &seqEval{UnaryExpressionStub: expression.UnaryExpressionStub{Child: e}, mode: mode, col: col}
}

// seqItems returns n with each of its expressions that call NEXTVAL evaluated as a unit
// (seqEvalItem), and false when there is none left to wrap. It is for the select list
// (Project) and WHERE (Filter).
func seqItems(ctx *sql.Context, n sql.Node) (sql.Node, bool) {
	ex, ok := n.(sql.Expressioner)
	if !ok || slices.ContainsFunc(ex.Expressions(), isSeqEval) {
		return n, false // wrapped already (an INSERT's source, or built before)
	}
	return rewriteExprs(ctx, n, func(e sql.Expression) (sql.Expression, bool) {
		return wrapSeqEval(ctx, e, seqEvalItem, nil)
	})
}

// seqInsertSource returns an INSERT's source with the expressions that call NEXTVAL evaluated
// as parts of the row (seqEvalValue): the projection that puts the row in the destination's
// column order (its DEFAULT expressions), and below it the select list or the VALUES rows.
// dest is the destination's columns; singleRow says the source is one row of VALUES, and
// columnList that the INSERT names its columns.
func seqInsertSource(ctx *sql.Context, src sql.Node, dest sql.Schema, singleRow, columnList bool) sql.Node {
	cols := make([]*seqCol, len(dest))
	for i, c := range dest {
		cols[i] = &seqCol{name: c.Name, notNull: !c.Nullable && !c.AutoIncrement}
	}
	explicit := seqStop // MariaDB's fill_record for the table's fields: the row just ends
	if columnList {
		explicit = sequences.ErrUnknownError.Code
	}
	fatal := func(col *seqCol, e sql.Expression) *seqCol {
		if col == nil || !singleRow {
			return col
		}
		c := *col
		c.fatal = explicit
		if _, ok := e.(*sql.ColumnDefaultValue); ok {
			c.fatal = sequences.ErrCalculatingDefault.Code
		}
		return &c
	}
	// The explicit values of a single-row INSERT whose row calls NEXTVAL are checked for NULL
	// as they are computed, so that a NULL ends the row before the sequences are used.
	force := false
	if singleRow {
		transform.InspectExpressions(ctx, src, func(ctx *sql.Context, e sql.Expression) bool {
			force = force || hasNextVal(ctx, e)
			return !force
		})
	}
	return seqInsertNode(ctx, src, cols, fatal, force)
}

// seqInsertNode wraps the values of n, whose columns go to cols (nil: unknown); fatal gives the
// column description for a value expression; force wraps every VALUES expression whose NULL
// would end the row.
func seqInsertNode(ctx *sql.Context, n sql.Node, cols []*seqCol, fatal func(*seqCol, sql.Expression) *seqCol, force bool) sql.Node {
	colAt := func(i int) *seqCol {
		if i < len(cols) {
			return cols[i]
		}
		return nil
	}
	switch n := n.(type) {
	case *plan.Project:
		childCols := make([]*seqCol, len(n.Child.Schema(ctx)))
		exprs := append([]sql.Expression(nil), n.Projections...)
		for j, e := range exprs {
			if gf, ok := e.(*expression.GetField); ok {
				if k := gf.Index(); k >= 0 && k < len(childCols) {
					childCols[k] = colAt(j)
				}
				continue
			}
			// A column's expression default that gives NULL for a NOT NULL column stores
			// NULL, as in MariaDB: in a single-row INSERT that ends the row with 1048 and
			// 4028 (TABLE::update_default_fields), else the row fails with 1048 or, not
			// strict, takes the type's zero with warning 1048. GMS would fail the statement.
			col := fatal(colAt(j), e)
			wrap := hasNextVal(ctx, e) || (isExprDefault(e) && col != nil && col.notNull)
			if cd, ok := e.(*sql.ColumnDefaultValue); ok && !cd.IsLiteral() && !isSeqEval(cd) {
				// An expression default stays a ColumnDefaultValue, which GMS's projection
				// computes after the row's other values, as it may read them; the seqEval
				// goes inside it. Its value goes to the insertConversion as computed,
				// without GMS's conversion to the column's type: a value the column cannot
				// hold is then converted with a warning, or fails, by the row's strictness
				// and with its row number, as in MariaDB (GMS failed the statement with
				// 1264 "at row 1").
				raw := *cd
				raw.OutType = nil
				if wrap {
					// seqEval sees the NULL and does what MariaDB does with it.
					raw.Expr, raw.ReturnNil = wrapSeqEval1(cd.Expr, seqEvalValue, col), true
				}
				exprs[j] = &raw
				continue
			}
			exprs[j], _ = wrapSeqEvalIf(ctx, e, seqEvalValue, col, wrap)
		}
		child := seqInsertNode(ctx, n.Child, childCols, fatal, force)
		nn, err := n.WithExpressions(ctx, exprs...)
		if err != nil {
			return n
		}
		if nn, err = nn.WithChildren(ctx, child); err != nil {
			return n
		}
		return nn
	case *plan.Values:
		if len(n.ExpressionTuples) == 0 {
			return n
		}
		exprs := n.Expressions()
		width := len(n.ExpressionTuples[0])
		changed := false
		for i, e := range exprs {
			col := fatal(colAt(i%width), nil)
			wrap := hasNextVal(ctx, e) || (force && col != nil && col.notNull && col.fatal != 0)
			var ch bool
			exprs[i], ch = wrapSeqEvalIf(ctx, e, seqEvalValue, col, wrap)
			changed = changed || ch
		}
		if !changed {
			return n
		}
		nn, err := n.WithExpressions(ctx, exprs...)
		if err != nil {
			return n
		}
		return nn
	}
	return n
}

// noteInsertColumns notes for the session whether the INSERT being planned names its columns
// (a column list or SET): MariaDB's errors for a single-row INSERT differ (1105).
func noteInsertColumns(ctx context.Context, stmt ast.Statement) {
	ins, ok := stmt.(*ast.Insert)
	sctx, isSQL := ctx.(*sql.Context)
	if !ok || !isSQL {
		return
	}
	if sess, err := sessionOf(sctx); err == nil {
		sess.insertColumnList = len(ins.Columns) > 0
	}
}

// seqUpdate returns an UPDATE's source with the SET values that call NEXTVAL evaluated as parts
// of the row (seqEvalValue), and false when there is none left to wrap. MariaDB computes every
// SET value of a row before it fails the row.
func seqUpdate(ctx *sql.Context, n *plan.UpdateSource) (sql.Node, bool) {
	for _, e := range n.Expressions() {
		if sf, ok := e.(*expression.SetField); ok && isSeqEval(sf.RightChild) {
			return n, false
		}
	}
	return rewrapSetFields(ctx, n, func(sf *expression.SetField) (sql.Expression, bool) {
		var col *seqCol
		if gf, ok := sf.LeftChild.(*expression.GetField); ok {
			col = &seqCol{name: gf.Name(), notNull: !gf.IsNullable(ctx)}
		}
		// SET col = DEFAULT whose expression gives NULL for a NOT NULL column stores NULL,
		// which fails (1048) or, when not strict, stores the type's zero with a warning.
		wrap := hasNextVal(ctx, sf.RightChild) || (isExprDefault(sf.RightChild) && col != nil && col.notNull)
		return wrapSeqEvalIf(ctx, sf.RightChild, seqEvalValue, col, wrap)
	})
}

// seqSet returns SET with its values that call NEXTVAL evaluated as units (seqEvalItem), and
// false when there is none left to wrap.
func seqSet(ctx *sql.Context, n *plan.Set) (sql.Node, bool) {
	return rewrapSetFields(ctx, n, func(sf *expression.SetField) (sql.Expression, bool) {
		if isSeqEval(sf.RightChild) {
			return sf.RightChild, false
		}
		return wrapSeqEval(ctx, sf.RightChild, seqEvalItem, nil)
	})
}

// rewrapSetFields returns n with the value of each of its SetField expressions replaced by
// what wrap returns, and false when wrap changed none.
func rewrapSetFields(ctx *sql.Context, n sql.Node, wrap func(*expression.SetField) (sql.Expression, bool)) (sql.Node, bool) {
	return rewriteExprs(ctx, n, func(e sql.Expression) (sql.Expression, bool) {
		sf, ok := e.(*expression.SetField)
		if !ok {
			return e, false
		}
		w, changed := wrap(sf)
		if !changed {
			return e, false
		}
		return expression.NewSetField(sf.LeftChild, w), true
	})
}

// rewriteExprs returns n with each of its expressions replaced by what f returns, and false
// when f changed none.
func rewriteExprs(ctx *sql.Context, n sql.Node, f func(sql.Expression) (sql.Expression, bool)) (sql.Node, bool) {
	ex, ok := n.(sql.Expressioner)
	if !ok {
		return n, false
	}
	exprs := ex.Expressions()
	var out []sql.Expression
	for i, e := range exprs {
		w, changed := f(e)
		if !changed {
			continue
		}
		if out == nil {
			out = append([]sql.Expression(nil), exprs...)
		}
		out[i] = w
	}
	if out == nil {
		return n, false
	}
	nn, err := ex.WithExpressions(ctx, out...)
	if err != nil {
		return n, false
	}
	return nn, true
}

// seqRowCheck fails a row whose values recorded sequence errors (seqUpdate).
type seqRowCheck struct {
	sql.RowIter
	sess      *Session
	nullLevel string // the level of the 1048s
}

// Next implements sql.RowIter.
func (it *seqRowCheck) Next(ctx *sql.Context) (sql.Row, error) {
	r, err := it.RowIter.Next(ctx)
	if len(it.sess.seqDefer.pending) == 0 {
		return r, err
	}
	if err == io.EOF {
		err = nil
	}
	return nil, seqFailure(ctx, it.sess.seqDefer.take(0), err, it.nullLevel)
}

// isExprDefault reports whether e is a column's default that is an expression (DEFAULT in an
// UPDATE comes wrapped).
func isExprDefault(e sql.Expression) bool {
	if w, ok := e.(*expression.Wrapper); ok {
		e = w.Unwrap()
	}
	cd, ok := e.(*sql.ColumnDefaultValue)
	return ok && !cd.IsLiteral()
}
