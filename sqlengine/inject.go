package sqlengine

import (
	"context"
	"fmt"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"
)

// injected is the AST side of a statement seqd parses itself: GMS's planbuilder resolves its
// children (if any) and calls WithResolvedChildren, which builds the executable node.
type injected struct {
	name  string
	build func(ctx *sql.Context, children []sql.Expression) (sql.Node, error)
}

var _ ast.Injectable = (*injected)(nil)

// String implements fmt.Stringer (GMS prints it in errors and EXPLAIN).
func (i *injected) String() string { return i.name }

// WithResolvedChildren implements ast.Injectable.
func (i *injected) WithResolvedChildren(ctx context.Context, children []any) (any, error) {
	sctx, ok := ctx.(*sql.Context)
	if !ok {
		return nil, fmt.Errorf("sqlengine: %s planned without a sql.Context", i.name)
	}
	exprs := make([]sql.Expression, len(children))
	for j, c := range children {
		e, ok := c.(sql.Expression)
		if !ok {
			return nil, fmt.Errorf("sqlengine: %s: child %d is %T, not an expression", i.name, j, c)
		}
		exprs[j] = e
	}
	return i.build(sctx, exprs)
}

// statement wraps an injected statement for the AST.
func statement(name string, children ast.Exprs, build func(*sql.Context, []sql.Expression) (sql.Node, error)) ast.Statement {
	return ast.InjectedStatement{
		Auth:      ast.AuthInformation{AuthType: ast.AuthType_IGNORE},
		Statement: &injected{name: name, build: build},
		Children:  children,
	}
}

// execNode is an executable statement node with no child nodes: GMS runs it by calling RowIter.
type execNode struct {
	name     string
	sch      sql.Schema
	readOnly bool
	run      func(ctx *sql.Context) (sql.RowIter, error)
}

var _ sql.ExecSourceRel = (*execNode)(nil)

// okNode returns a node whose result is an OK packet.
func okNode(name string, run func(ctx *sql.Context) (sql.RowIter, error)) *execNode {
	return &execNode{name: name, sch: types.OkResultSchema, run: run}
}

// okResult is the row iterator of an OK packet.
func okResult(rowsAffected int) sql.RowIter {
	return sql.RowsToRowIter(sql.NewRow(types.NewOkResult(rowsAffected)))
}

func (n *execNode) String() string                                           { return n.name }
func (n *execNode) Resolved() bool                                           { return true }
func (n *execNode) Schema(*sql.Context) sql.Schema                           { return n.sch }
func (n *execNode) Children() []sql.Node                                     { return nil }
func (n *execNode) IsReadOnly() bool                                         { return n.readOnly }
func (n *execNode) RowIter(ctx *sql.Context, _ sql.Row) (sql.RowIter, error) { return n.run(ctx) }

// WithChildren implements sql.Node.
func (n *execNode) WithChildren(_ *sql.Context, children ...sql.Node) (sql.Node, error) {
	if len(children) != 0 {
		return nil, sql.ErrInvalidChildrenNumber.New(n, len(children), 0)
	}
	return n, nil
}

// CollationCoercibility implements sql.CollationCoercible.
func (n *execNode) CollationCoercibility(*sql.Context) (sql.CollationID, byte) {
	return sql.Collation_binary, 7
}
