package sqlengine

import (
	"context"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/vitess/go/sqltypes"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"
)

// _rowid names a table's primary key when it is one integer column (MariaDB's
// rowid_field_offset; a table without a PRIMARY KEY takes its first UNIQUE key of NOT NULL
// columns). rewriteRowid replaces _rowid in SELECT statements by that column, keeping "_rowid"
// as the result column's name; where no table of the SELECT has one it stays, and fails as an
// unknown column.

// rewriteRowid rewrites the _rowid references of stmt's SELECTs.
func rewriteRowid(ctx context.Context, stmt ast.Statement) {
	sctx, ok := ctx.(*sql.Context)
	if !ok || !strings.Contains(strings.ToLower(sctx.Query()), "_rowid") {
		return
	}
	s := srvOf(sctx)
	if s == nil {
		return
	}
	_ = ast.Walk(func(n ast.SQLNode) (bool, error) {
		switch n := n.(type) {
		case *ast.Select:
			s.rowidQuery(sctx, n.From, n.SelectExprs, n.SelectExprs, n.GroupBy, n.OrderBy, n.Where, n.Having)
		case *ast.Update:
			s.rowidQuery(sctx, n.TableExprs, nil, n.Exprs, n.OrderBy, n.Where)
		case *ast.Delete:
			s.rowidQuery(sctx, n.TableExprs, nil, n.OrderBy, n.Where)
		}
		return true, nil
	}, stmt)
}

// rowidTable is a table of a SELECT's FROM clause.
type rowidTable struct {
	alias string // the name its columns are qualified with
	rowid string // its _rowid column, "" if none
}

// rowidQuery rewrites the _rowid references in the parts of one statement over the tables of
// from (not those of its subqueries); a bare _rowid select item keeps its name.
func (s *Server) rowidQuery(ctx *sql.Context, from ast.TableExprs, items ast.SelectExprs, parts ...ast.SQLNode) {
	var tables []rowidTable
	_ = ast.Walk(func(n ast.SQLNode) (bool, error) {
		switch n := n.(type) {
		case *ast.AliasedTableExpr:
			if tn, ok := n.Expr.(ast.TableName); ok {
				tables = append(tables, s.rowidOf(ctx, tn, n.As.String()))
			}
			return false, nil
		case *ast.Subquery:
			return false, nil
		}
		return true, nil
	}, from)
	for _, se := range items {
		if ae, ok := se.(*ast.AliasedExpr); ok && ae.As.IsEmpty() {
			if cn, ok := ae.Expr.(*ast.ColName); ok && isRowid(cn) && rowidColumn(tables, cn) != "" {
				ae.As = ast.NewColIdent(cn.Name.String())
			}
		}
	}
	var nodes []ast.SQLNode
	for _, p := range parts {
		if w, ok := p.(*ast.Where); !ok || w != nil {
			nodes = append(nodes, p)
		}
	}
	_ = ast.Walk(func(n ast.SQLNode) (bool, error) {
		switch n := n.(type) {
		case *ast.Subquery:
			return false, nil
		case *ast.ColName:
			if isRowid(n) {
				if c := rowidColumn(tables, n); c != "" {
					n.Name = ast.NewColIdent(c)
				}
			}
		}
		return true, nil
	}, nodes...)
}

func isRowid(cn *ast.ColName) bool { return cn.Name.EqualString("_rowid") }

// rowidColumn returns the column a _rowid reference names, "" when it names none.
func rowidColumn(tables []rowidTable, cn *ast.ColName) string {
	q := cn.Qualifier.Name.String()
	found := ""
	for _, t := range tables {
		switch {
		case q != "" && strings.EqualFold(t.alias, q):
			return t.rowid
		case q == "" && t.rowid != "":
			if found != "" {
				return "" // ambiguous
			}
			found = t.rowid
		}
	}
	return found
}

// rowidOf returns a FROM table with its _rowid column.
func (s *Server) rowidOf(ctx *sql.Context, tn ast.TableName, as string) rowidTable {
	t := rowidTable{alias: tn.Name.String()}
	if as != "" {
		t.alias = as
	}
	db := tn.DbQualifier.String()
	if db == "" {
		db = ctx.GetCurrentDatabase()
	}
	def, _, ok := s.findTableDef(ctx, db, tn.Name.String())
	if !ok {
		return t
	}
	m, err := s.metas.get(ctx, def)
	if err != nil {
		return t
	}
	keys := orderedKeys(m)
	if len(keys) == 0 || !keys[0].unique || keys[0].nullable || keys[0].prefix || len(keys[0].columns) != 1 {
		return t
	}
	if ord := m.ordinal(keys[0].columns[0].Name); ord >= 0 && sqltypes.IsIntegral(m.columns[ord].typ.Type()) {
		t.rowid = m.columns[ord].def.Name
	}
	return t
}
