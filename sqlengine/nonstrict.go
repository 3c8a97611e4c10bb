package sqlengine

import (
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/plan"

	"github.com/seqd/seqd/sequences"
)

// Outside strict mode (neither STRICT_TRANS_TABLES nor STRICT_ALL_TABLES), MariaDB's UPDATE
// stores the column's implicit default (0, '', the zero date) where it would store NULL in a
// NOT NULL column, with warning 1048, instead of failing. GMS always fails; nonStrictUpdate
// wraps such assignments in notNullValue.

// nonStrictUpdate returns the UPDATE source with its assignments to NOT NULL columns wrapped,
// and false when nothing needs to change (strict mode, already wrapped).
func nonStrictUpdate(ctx *sql.Context, n *plan.UpdateSource) (sql.Node, bool) {
	if sql.LoadSqlMode(ctx).Strict() {
		return nil, false
	}
	exprs := n.Expressions()
	out := make([]sql.Expression, len(exprs))
	changed := false
	for i, e := range exprs {
		out[i] = e
		sf, ok := e.(*expression.SetField)
		if !ok {
			continue
		}
		gf, ok := sf.LeftChild.(*expression.GetField)
		if !ok || gf.IsNullable(ctx) {
			continue
		}
		if _, done := sf.RightChild.(*notNullValue); done {
			continue
		}
		col := &sql.Column{Name: gf.Name(), Type: gf.Type(ctx)}
		out[i] = expression.NewSetField(gf, &notNullValue{UnaryExpressionStub: expression.UnaryExpressionStub{Child: sf.RightChild}, col: col})
		changed = true
	}
	if !changed {
		return nil, false
	}
	nn, err := n.WithExpressions(ctx, out...)
	return nn, err == nil
}

// notNullValue is a value stored into a NOT NULL column outside strict mode: NULL becomes the
// column's implicit default, with warning 1048.
type notNullValue struct {
	expression.UnaryExpressionStub
	col *sql.Column
}

var _ sql.Expression = (*notNullValue)(nil)

// Eval implements sql.Expression.
func (v *notNullValue) Eval(ctx *sql.Context, row sql.Row) (any, error) {
	val, err := v.Child.Eval(ctx, row)
	if err != nil || val != nil {
		return val, err
	}
	ctx.Session.Warn(warning("Warning", sequences.ErrBadNull, v.col.Name))
	return v.col.Type.Zero(), nil
}

// Type implements sql.Expression.
func (v *notNullValue) Type(ctx *sql.Context) sql.Type { return v.Child.Type(ctx) }

// IsNullable implements sql.Expression.
func (v *notNullValue) IsNullable(*sql.Context) bool { return false }

// String implements sql.Expression.
func (v *notNullValue) String() string { return v.Child.String() }

// WithChildren implements sql.Expression.
func (v *notNullValue) WithChildren(_ *sql.Context, children ...sql.Expression) (sql.Expression, error) {
	if len(children) != 1 {
		return nil, sql.ErrInvalidChildrenNumber.New(v, len(children), 1)
	}
	return &notNullValue{UnaryExpressionStub: expression.UnaryExpressionStub{Child: children[0]}, col: v.col}, nil
}
