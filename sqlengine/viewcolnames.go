package sqlengine

import (
	"context"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"
)

// MariaDB names a result column that is a plain reference to a view's column after the view's
// column, not as typed: `SELECT user FROM mysql.user` has the column User (mysql.user is a view
// in MariaDB), `SELECT abc FROM v` has Abc when v's column is Abc. nameViewColumns gives such
// select expressions the view's column name.

// nameViewColumns renames plain column references to view columns in stmt's select lists.
func nameViewColumns(ctx context.Context, stmt ast.Statement) {
	sctx, ok := ctx.(*sql.Context)
	if !ok {
		return
	}
	s := srvOf(sctx)
	if s == nil {
		return
	}
	visitAST(stmt, func(n any) bool {
		sel, ok := n.(*ast.Select)
		if !ok {
			return true
		}
		views := s.viewColumnsInFrom(sctx, sel.From)
		if len(views) == 0 {
			return true
		}
		for _, e := range sel.SelectExprs {
			ae, ok := e.(*ast.AliasedExpr)
			if !ok || !ae.As.IsEmpty() {
				continue
			}
			col, ok := ae.Expr.(*ast.ColName)
			if !ok {
				continue
			}
			if name, ok := viewColumn(views, col); ok {
				ae.InputExpression = name
			}
		}
		return true
	})
}

// fromView is a view (or mysql.user) in a FROM clause with its column names.
type fromView struct {
	name, alias string
	cols        []string
}

// viewColumnsInFrom returns the views of a FROM clause.
func (s *Server) viewColumnsInFrom(ctx *sql.Context, from ast.TableExprs) []fromView {
	var out []fromView
	for _, te := range from {
		at, ok := te.(*ast.AliasedTableExpr)
		if !ok {
			continue
		}
		tn, ok := at.Expr.(ast.TableName)
		if !ok {
			continue
		}
		db, name := tn.DbQualifier.String(), tn.Name.String()
		if db == "" {
			db = ctx.GetCurrentDatabase()
		}
		var cols []string
		if strings.EqualFold(db, "mysql") && strings.EqualFold(name, "user") {
			cols = s.mysqlUserColumns(ctx)
		} else if v, ok := s.catalogOf(ctx).View(db, name); ok {
			cols, _ = viewColumnNames(v)
		}
		if cols != nil {
			out = append(out, fromView{name: name, alias: at.As.String(), cols: cols})
		}
	}
	return out
}

// viewColumn finds the view column col refers to.
func viewColumn(views []fromView, col *ast.ColName) (string, bool) {
	q := col.Qualifier.Name.String()
	for _, v := range views {
		if q != "" && !strings.EqualFold(q, v.alias) && !(v.alias == "" && strings.EqualFold(q, v.name)) {
			continue
		}
		for _, c := range v.cols {
			if strings.EqualFold(c, col.Name.String()) {
				return c, true
			}
		}
	}
	return "", false
}

// mysqlUserColumns returns the column names of mysql.user.
func (s *Server) mysqlUserColumns(ctx *sql.Context) []string {
	db, err := s.engine.Analyzer.Catalog.Database(ctx, "mysql")
	if err != nil {
		return nil
	}
	t, ok, err := db.GetTableInsensitive(ctx, "user")
	if err != nil || !ok {
		return nil
	}
	var cols []string
	for _, c := range t.Schema(ctx) {
		cols = append(cols, c.Name)
	}
	return cols
}
