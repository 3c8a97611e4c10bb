package sqlengine

import (
	"github.com/dolthub/go-mysql-server/sql"
)

// doStatement builds DO expr [, expr ...]: every expression is evaluated, left to right, and the
// results are discarded. mariadb-dump writes DO SETVAL(...).
func doStatement(ctx *sql.Context, exprs []sql.Expression) (sql.Node, error) {
	return okNode("DO", func(ctx *sql.Context) (sql.RowIter, error) {
		for _, e := range exprs {
			if _, err := e.Eval(ctx, nil); err != nil {
				return nil, err
			}
		}
		return okResult(0), nil
	}), nil
}
