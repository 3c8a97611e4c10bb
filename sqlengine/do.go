package sqlengine

import (
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/transform"

	"github.com/seqd/seqd/functions"
)

// doStatement builds DO expr [, expr ...]: every expression is evaluated, left to right, and the
// results are discarded. mariadb-dump writes DO SETVAL(...).
//
// As in MariaDB, the sequences are opened first, so a missing sequence (4091), a table that is
// not one (4089) or a missing privilege fails the statement; an error while evaluating (a
// sequence that runs out, 4084) does not: DO records it as an Error condition, which SHOW
// WARNINGS lists and the warning count includes, and goes on with the next expression. Within
// an expression, evaluation goes on after a sequence ran out too (seqscope.go), each error
// becoming a condition.
func doStatement(ctx *sql.Context, exprs []sql.Expression) (sql.Node, error) {
	return okNode("DO", func(ctx *sql.Context) (sql.RowIter, error) {
		for _, e := range exprs {
			if err := openSequences(ctx, e); err != nil {
				return nil, err
			}
		}
		for _, e := range exprs {
			failed, err := evalDeferred(ctx, e)
			for _, p := range failed {
				ctx.Session.Warn(&sql.Warning{Level: "Error", Code: p.err.Num, Message: p.err.Message})
			}
			if err != nil {
				se := sqlErrorOf(err)
				if se == nil {
					return nil, err
				}
				ctx.Session.Warn(&sql.Warning{Level: "Error", Code: se.Num, Message: se.Message})
			}
		}
		return okResult(0), nil
	}), nil
}

// openSequences opens the sequences of e's sequence functions, in order.
func openSequences(ctx *sql.Context, e sql.Expression) error {
	var err error
	transform.InspectExpr(ctx, e, func(ctx *sql.Context, x sql.Expression) bool {
		if o, ok := x.(functions.Opener); ok && err == nil {
			err = o.Open(ctx)
		}
		return err != nil
	})
	return err
}
