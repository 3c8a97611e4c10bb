package sqlengine

import (
	"io"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/plan"
)

// seqWhere makes a WHERE clause over one table take as many sequence values as MariaDB's
// optimizer does, where GMS evaluates the whole condition once per row:
//
//   - A conjunct that reads no column but calls a sequence function (WHERE NEXT VALUE FOR s > 0)
//     is a constant condition to MariaDB: it is evaluated once when the query is optimized and,
//     when true, once more before the rows are read; false either time, the query returns no
//     rows. A table without rows is never read, and the condition never evaluated.
//   - key = expr, where key is the first column of an index (seq in seq_1_to_N) and expr calls
//     a sequence function and reads no column, is a ref access: expr is evaluated once to look
//     the rows up, and the WHERE clause is then checked again on each row found.
//
// It returns the filter with a seqConstCond and a seqKeyLookup put under it (the filter keeps
// the other conjuncts), and false when nothing changes. It runs when the filter is executed
// (priorityBuilder): GMS's analyzer skips custom rules for a simple SELECT ... WHERE.
func seqWhere(ctx *sql.Context, f *plan.Filter) (sql.Node, bool) {
	tbl := scannedTable(f.Child)
	if tbl == nil || !hasSeqCall(ctx, f.Expression) {
		return nil, false
	}
	var consts, rest []sql.Expression
	for _, c := range expression.SplitConjunction(ctx, f.Expression) {
		if seqWithoutTables(ctx, c, nil) {
			c, _ = wrapSeqEval(ctx, c, seqEvalItem, nil)
			consts = append(consts, c)
		} else {
			rest = append(rest, c)
		}
	}
	var child sql.Node = f.Child
	if gf, key := keyEquality(ctx, rest, tbl); gf != nil {
		child = &seqKeyLookup{UnaryNode: plan.UnaryNode{Child: child}, field: gf, key: key}
	}
	if len(consts) > 0 {
		child = &seqConstCond{UnaryNode: plan.UnaryNode{Child: child}, conds: consts}
	}
	switch {
	case child == f.Child:
		return nil, false
	case len(rest) == 0:
		return child, true
	}
	return plan.NewFilter(ctx, expression.JoinAnd(rest...), child), true
}

// scannedTable returns the table a node scans (a table, perhaps aliased, not DUAL), or nil.
func scannedTable(n sql.Node) sql.Table {
	if a, ok := n.(*plan.TableAlias); ok {
		n = a.Child
	}
	rt, ok := n.(*plan.ResolvedTable)
	if !ok || plan.IsDualTable(rt) { // without a table, MariaDB evaluates WHERE once
		return nil
	}
	t := rt.Table
	for {
		w, ok := t.(sql.TableWrapper)
		if !ok {
			return t
		}
		t = w.Underlying()
	}
}

// keyEquality finds a conjunct key = expr (either way round) where key is the first column of
// an index of tbl and expr calls a sequence function and reads no column.
func keyEquality(ctx *sql.Context, conjs []sql.Expression, tbl sql.Table) (*expression.GetField, sql.Expression) {
	for _, c := range conjs {
		eq, ok := c.(*expression.Equals)
		if !ok {
			continue
		}
		for _, side := range [][2]sql.Expression{{eq.Left(), eq.Right()}, {eq.Right(), eq.Left()}} {
			gf, ok := side[0].(*expression.GetField)
			if ok && seqWithoutTables(ctx, side[1], nil) && leadsIndex(ctx, tbl, gf.Name()) {
				return gf, side[1]
			}
		}
	}
	return nil, nil
}

// leadsIndex reports whether col is the first column of an index of t; seq is the key of
// MariaDB's seq_1_to_N tables.
func leadsIndex(ctx *sql.Context, t sql.Table, col string) bool {
	if _, ok := t.(*seqEngineTable); ok {
		return strings.EqualFold(col, "seq")
	}
	ia, ok := t.(sql.IndexAddressable)
	if !ok {
		return false
	}
	idxs, err := ia.GetIndexes(ctx)
	if err != nil {
		return false
	}
	for _, ix := range idxs {
		exprs := ix.Expressions()
		if len(exprs) == 0 {
			continue
		}
		first := exprs[0]
		if i := strings.LastIndexByte(first, '.'); i >= 0 {
			first = first[i+1:]
		}
		if strings.EqualFold(strings.Trim(first, "`"), col) {
			return true
		}
	}
	return false
}

// seqConstCond passes its child's rows when its conditions hold: see seqWhere.
type seqConstCond struct {
	plan.UnaryNode
	conds []sql.Expression
}

var _ sql.Node = (*seqConstCond)(nil)

// String implements sql.Node.
func (c *seqConstCond) String() string {
	return "ConstCondition(" + expression.JoinAnd(c.conds...).String() + ")"
}

// IsReadOnly implements sql.Node.
func (c *seqConstCond) IsReadOnly() bool { return c.Child.IsReadOnly() }

// WithChildren implements sql.Node.
func (c *seqConstCond) WithChildren(_ *sql.Context, children ...sql.Node) (sql.Node, error) {
	if len(children) != 1 {
		return nil, sql.ErrInvalidChildrenNumber.New(c, len(children), 1)
	}
	nc := *c
	nc.Child = children[0]
	return &nc, nil
}

// seqKeyLookup passes the rows of its child whose field equals key, evaluated once: see
// seqWhereRule.
type seqKeyLookup struct {
	plan.UnaryNode
	field *expression.GetField
	key   sql.Expression
}

var _ sql.Node = (*seqKeyLookup)(nil)

// String implements sql.Node.
func (l *seqKeyLookup) String() string {
	return "KeyLookup(" + l.field.String() + " = " + l.key.String() + ")"
}

// IsReadOnly implements sql.Node.
func (l *seqKeyLookup) IsReadOnly() bool { return l.Child.IsReadOnly() }

// WithChildren implements sql.Node.
func (l *seqKeyLookup) WithChildren(_ *sql.Context, children ...sql.Node) (sql.Node, error) {
	if len(children) != 1 {
		return nil, sql.ErrInvalidChildrenNumber.New(l, len(children), 1)
	}
	nl := *l
	nl.Child = children[0]
	return &nl, nil
}

// seqConstIter is seqConstCond's iterator.
type seqConstIter struct {
	child   sql.RowIter
	conds   sql.Expression
	started bool
}

func (it *seqConstIter) Next(ctx *sql.Context) (sql.Row, error) {
	if it.started {
		return it.child.Next(ctx)
	}
	it.started = true
	first, err := it.child.Next(ctx)
	if err != nil {
		return nil, err
	}
	for range 2 { // once when MariaDB optimizes the query, once before it reads the rows
		v, err := it.conds.Eval(ctx, nil)
		if err != nil {
			return nil, err
		}
		if ok, err := sql.ConvertToBool(ctx, v); err != nil || !ok {
			return nil, io.EOF
		}
	}
	return first, nil
}

func (it *seqConstIter) Close(ctx *sql.Context) error { return it.child.Close(ctx) }

// seqKeyIter is seqKeyLookup's iterator.
type seqKeyIter struct {
	child sql.RowIter
	field sql.Expression
	key   sql.Expression
	eq    sql.Expression // field = the key's value, once evaluated
	none  bool           // the key is NULL: no row matches
}

func (it *seqKeyIter) Next(ctx *sql.Context) (sql.Row, error) {
	if it.eq == nil && !it.none {
		v, err := it.key.Eval(ctx, nil)
		if err != nil {
			return nil, err
		}
		if v == nil {
			it.none = true
		} else {
			it.eq = expression.NewEquals(it.field, expression.NewLiteral(v, it.key.Type(ctx)))
		}
	}
	if it.none {
		return nil, io.EOF
	}
	for {
		row, err := it.child.Next(ctx)
		if err != nil {
			return nil, err
		}
		v, err := it.eq.Eval(ctx, row)
		if err != nil {
			return nil, err
		}
		if ok, err := sql.ConvertToBool(ctx, v); err == nil && ok {
			return row, nil
		}
	}
}

func (it *seqKeyIter) Close(ctx *sql.Context) error { return it.child.Close(ctx) }

// buildSeqWhere builds the iterators of seqConstCond and seqKeyLookup.
func (b *priorityBuilder) buildSeqWhere(ctx *sql.Context, n sql.Node, r sql.Row) (sql.RowIter, error) {
	switch n := n.(type) {
	case *seqConstCond:
		child, err := b.base.Build(ctx, n.Child, r)
		if err != nil {
			return nil, err
		}
		return &seqConstIter{child: child, conds: expression.JoinAnd(n.conds...)}, nil
	case *seqKeyLookup:
		child, err := b.base.Build(ctx, n.Child, r)
		if err != nil {
			return nil, err
		}
		return &seqKeyIter{child: child, field: n.field, key: n.key}, nil
	}
	return nil, nil
}
