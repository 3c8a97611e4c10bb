package sqlengine

import (
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/storage"
)

// Whether a view is updatable, as information_schema.VIEWS.IS_UPDATABLE reports it and WITH
// CHECK OPTION requires (mysql_create_view and st_lex::can_be_merged in MariaDB's
// sql/sql_view.cc and sql/sql_lex.cc): not ALGORITHM=TEMPTABLE, one SELECT that can be merged
// into the query (no DISTINCT, GROUP BY, HAVING, LIMIT or aggregate) over at least one table,
// every table a base table, a derived table or an updatable view, and at least one select item
// a plain column.

// aggregateFuncs are the aggregate functions that make a SELECT unmergeable.
var aggregateFuncs = map[string]bool{
	"count": true, "sum": true, "avg": true, "min": true, "max": true, "bit_and": true, "bit_or": true,
	"bit_xor": true, "std": true, "stddev": true, "stddev_pop": true, "stddev_samp": true, "var_pop": true,
	"var_samp": true, "variance": true, "json_arrayagg": true, "json_objectagg": true,
}

// viewUpdatable reports whether view v is updatable.
func (s *Server) viewUpdatable(ctx *sql.Context, v *storage.ViewDef) bool {
	return s.viewUpdatableDepth(ctx, v, 0)
}

func (s *Server) viewUpdatableDepth(ctx *sql.Context, v *storage.ViewDef, depth int) bool {
	if v.Algorithm == "TEMPTABLE" || depth > 32 {
		return false
	}
	sel, err := storedViewSelect(v)
	if err != nil {
		return false
	}
	return s.selectUpdatable(ctx, sel, depth)
}

// viewMergeable reports whether ALGORITHM=MERGE can be used for view v (st_lex::can_be_merged).
func (s *Server) viewMergeable(ctx *sql.Context, v *storage.ViewDef) bool {
	sel, err := storedViewSelect(v)
	if err != nil {
		return false
	}
	first, ok := unparen(sel).(*ast.Select)
	return ok && mergeable(first)
}

// unparen removes the parentheses around a SELECT.
func unparen(st ast.SelectStatement) ast.SelectStatement {
	for {
		p, ok := st.(*ast.ParenSelect)
		if !ok {
			return st
		}
		st = p.Select
	}
}

// selectUpdatable reports whether a view or derived table SELECT is updatable.
func (s *Server) selectUpdatable(ctx *sql.Context, st ast.SelectStatement, depth int) bool {
	sel, ok := unparen(st).(*ast.Select)
	if !ok || !mergeable(sel) {
		return false
	}
	for _, te := range realFrom(sel.From) {
		if !s.tablesUpdatable(ctx, te, depth) {
			return false
		}
	}
	for _, se := range sel.SelectExprs {
		if ae, ok := se.(*ast.AliasedExpr); ok {
			if _, isCol := ae.Expr.(*ast.ColName); isCol {
				return true
			}
		}
	}
	return false
}

// mergeable is st_lex::can_be_merged for one SELECT.
func mergeable(sel *ast.Select) bool {
	if sel.QueryOpts.Distinct || len(sel.GroupBy) > 0 || sel.Having != nil || sel.Limit != nil || len(realFrom(sel.From)) == 0 {
		return false
	}
	ok := true
	for _, se := range sel.SelectExprs {
		ast.Walk(func(n ast.SQLNode) (bool, error) {
			switch n := n.(type) {
			case *ast.Subquery:
				return false, nil
			case *ast.GroupConcatExpr:
				ok = false
			case *ast.FuncExpr:
				if aggregateFuncs[n.Name.Lowered()] || n.Over != nil {
					ok = false
				}
			}
			return ok, nil
		}, se)
	}
	return ok
}

// tablesUpdatable reports whether every table of a FROM element can be updated through a view.
func (s *Server) tablesUpdatable(ctx *sql.Context, te ast.TableExpr, depth int) bool {
	switch te := te.(type) {
	case *ast.AliasedTableExpr:
		switch e := te.Expr.(type) {
		case ast.TableName:
			db, name := e.DbQualifier.String(), e.Name.String()
			if db == "" {
				return true // a common table expression
			}
			cat := s.catalogOf(ctx)
			if v, ok := cat.View(db, name); ok {
				return s.viewUpdatableDepth(ctx, v, depth+1)
			}
			_, ok := cat.Table(db, name)
			return ok
		case *ast.Subquery:
			return true // a derived table is merged or materialized; either way its columns count
		}
		return false
	case *ast.JoinTableExpr:
		return s.tablesUpdatable(ctx, te.LeftExpr, depth) && s.tablesUpdatable(ctx, te.RightExpr, depth)
	case *ast.ParenTableExpr:
		for _, x := range te.Exprs {
			if !s.tablesUpdatable(ctx, x, depth) {
				return false
			}
		}
		return true
	}
	return false
}

// viewIsUpdatable is information_schema.VIEWS.IS_UPDATABLE (get_schema_views_record), which
// asks less than WITH CHECK OPTION does: not ALGORITHM=TEMPTABLE, a SELECT that can be merged,
// and a select item that is a column of a table, directly or through the views it reads.
func (s *Server) viewIsUpdatable(ctx *sql.Context, v *storage.ViewDef) bool {
	return s.viewIsUpdatableDepth(ctx, v, 0)
}

func (s *Server) viewIsUpdatableDepth(ctx *sql.Context, v *storage.ViewDef, depth int) bool {
	if v.Algorithm == "TEMPTABLE" || depth > 32 {
		return false
	}
	st, err := storedViewSelect(v)
	if err != nil {
		return false
	}
	sel, ok := unparen(st).(*ast.Select)
	if !ok || !mergeable(sel) {
		return false
	}
	for _, se := range sel.SelectExprs {
		if ae, ok := se.(*ast.AliasedExpr); ok {
			if c, ok := ae.Expr.(*ast.ColName); ok && s.columnIsField(ctx, sel, c, depth) {
				return true
			}
		}
	}
	return false
}

// columnIsField reports whether column c of sel is a column of a table: a plain table's, a
// derived table's or a non-mergeable view's (both materialized), or a mergeable view's column
// that is one in turn.
func (s *Server) columnIsField(ctx *sql.Context, sel *ast.Select, c *ast.ColName, depth int) bool {
	if !c.Qualifier.DbQualifier.IsEmpty() {
		return true
	}
	var view *storage.ViewDef
	ast.Walk(func(n ast.SQLNode) (bool, error) {
		at, ok := n.(*ast.AliasedTableExpr)
		if !ok {
			return view == nil, nil
		}
		tn, isName := at.Expr.(ast.TableName)
		if isName && (at.As.String() == c.Qualifier.Name.String() || at.As.IsEmpty() && tn.Name.String() == c.Qualifier.Name.String()) {
			view, _ = s.catalogOf(ctx).View(tn.DbQualifier.String(), tn.Name.String())
		}
		return false, nil
	}, sel.From)
	if view == nil {
		return true
	}
	if view.Algorithm == "TEMPTABLE" || !s.viewMergeable(ctx, view) {
		return true
	}
	st, err := storedViewSelect(view)
	if err != nil {
		return false
	}
	inner, ok := unparen(st).(*ast.Select)
	if !ok {
		return false
	}
	for _, se := range inner.SelectExprs {
		ae, ok := se.(*ast.AliasedExpr)
		if !ok || !strings.EqualFold(ae.As.String(), c.Name.String()) {
			continue
		}
		ic, isCol := ae.Expr.(*ast.ColName)
		return isCol && s.columnIsField(ctx, inner, ic, depth+1)
	}
	return false
}
