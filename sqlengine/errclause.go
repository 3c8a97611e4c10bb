package sqlengine

import (
	"reflect"
	"strings"

	ast "github.com/dolthub/vitess/go/vt/sqlparser"
)

// MariaDB 10.11 names the clause of an unknown column: Unknown column 'x' in 'WHERE'. GMS only
// says that the column is not in scope, so seqd finds the column in the statement and names
// the clause MariaDB would be resolving when it meets it. MariaDB resolves a SELECT's clauses
// in the order FROM (USING), SELECT, WHERE, ON, GROUP BY, HAVING, ORDER BY, and a subquery's
// clauses when it reaches the subquery; the first unresolvable reference in that order is the
// one reported. The orders here were observed on MariaDB 10.11 (see
// conformance/testdata/errors_unknown_column.test).

// columnRef is the column of an 1054 error: [qualifier.]name, lower-cased.
type columnRef struct{ qualifier, name string }

func parseColumnRef(s string) columnRef {
	s = strings.ToLower(strings.Trim(s, "`"))
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		return columnRef{qualifier: s[:i], name: s[i+1:]}
	}
	return columnRef{name: s}
}

func (r columnRef) matches(c *ast.ColName) bool {
	if !strings.EqualFold(c.Name.String(), r.name) {
		return false
	}
	return r.qualifier == "" || strings.EqualFold(c.Qualifier.Name.String(), r.qualifier)
}

// unknownColumnClause returns the clause MariaDB names for an unknown column in stmt, or "".
func unknownColumnClause(stmt ast.Statement, ref columnRef) string {
	f := clauseFinder{ref: ref}
	switch s := stmt.(type) {
	case ast.SelectStatement:
		return f.selectStatement(s)
	case *ast.Update:
		return f.update(s)
	case *ast.Delete:
		return f.delete(s)
	case *ast.Insert:
		return f.insert(s)
	case *ast.DDL:
		if s.OptSelect != nil {
			return f.any(s.OptSelect.Select, "SELECT")
		}
		if s.ViewSpec != nil && s.ViewSpec.ViewExpr != nil {
			return f.any(s.ViewSpec.ViewExpr, "SELECT")
		}
	case ast.InjectedStatement:
		return f.any(s.Children, "DO")
	}
	return f.any(stmt, "SELECT")
}

type clauseFinder struct{ ref columnRef }

// step is one clause of a statement, searched in order.
type step struct {
	node   any
	clause string
}

func (f clauseFinder) steps(steps ...step) string {
	for _, s := range steps {
		if c := f.any(s.node, s.clause); c != "" {
			return c
		}
	}
	return ""
}

func (f clauseFinder) selectStatement(s ast.SelectStatement) string {
	switch s := s.(type) {
	case *ast.Select:
		return f.selectClauses(s)
	case *ast.SetOp:
		if c := f.selectStatement(s.Left); c != "" {
			return c
		}
		if c := f.selectStatement(s.Right); c != "" {
			return c
		}
		return f.any(s.OrderBy, "ORDER BY")
	case *ast.ParenSelect:
		return f.selectStatement(s.Select)
	}
	return ""
}

func (f clauseFinder) selectClauses(s *ast.Select) string {
	using, on := joinParts(s.From)
	var where, having any
	if s.Where != nil {
		where = s.Where.Expr
	}
	if s.Having != nil {
		having = s.Having.Expr
	}
	return f.steps(
		step{s.With, "SELECT"},
		step{using, "FROM"},
		step{derivedTables(s.From), "SELECT"},
		step{s.SelectExprs, "SELECT"},
		step{where, "WHERE"},
		step{on, "ON"},
		step{s.GroupBy, "GROUP BY"},
		step{having, "HAVING"},
		step{s.OrderBy, "ORDER BY"},
	)
}

// joinParts collects the USING columns and ON conditions of a FROM clause.
func joinParts(from ast.TableExprs) (using []ast.Columns, on []ast.Expr) {
	var walk func(te ast.TableExpr)
	walk = func(te ast.TableExpr) {
		switch t := te.(type) {
		case *ast.JoinTableExpr:
			walk(t.LeftExpr)
			walk(t.RightExpr)
			if t.Condition.Using != nil {
				using = append(using, t.Condition.Using)
			}
			if t.Condition.On != nil {
				on = append(on, t.Condition.On)
			}
		case *ast.ParenTableExpr:
			for _, e := range t.Exprs {
				walk(e)
			}
		}
	}
	for _, te := range from {
		walk(te)
	}
	return using, on
}

// derivedTables collects the subqueries of a FROM clause.
func derivedTables(from ast.TableExprs) []*ast.Subquery {
	var out []*ast.Subquery
	var walk func(te ast.TableExpr)
	walk = func(te ast.TableExpr) {
		switch t := te.(type) {
		case *ast.AliasedTableExpr:
			if sq, ok := t.Expr.(*ast.Subquery); ok {
				out = append(out, sq)
			}
		case *ast.JoinTableExpr:
			walk(t.LeftExpr)
			walk(t.RightExpr)
		case *ast.ParenTableExpr:
			for _, e := range t.Exprs {
				walk(e)
			}
		}
	}
	for _, te := range from {
		walk(te)
	}
	return out
}

func (f clauseFinder) update(u *ast.Update) string {
	_, on := joinParts(u.TableExprs)
	var where any
	if u.Where != nil {
		where = u.Where.Expr
	}
	multi := len(u.TableExprs) > 1 || len(on) > 0
	valuesClause := "SET"
	if multi {
		valuesClause = "SELECT"
	}
	var names, values []any
	for _, a := range u.Exprs {
		names = append(names, a.Name)
		values = append(values, a.Expr)
	}
	return f.steps(
		step{on, "ON"},
		step{where, "WHERE"},
		step{names, "SET"},
		step{values, valuesClause},
		step{u.OrderBy, "ORDER BY"},
	)
}

func (f clauseFinder) delete(d *ast.Delete) string {
	_, on := joinParts(d.TableExprs)
	var where any
	if d.Where != nil {
		where = d.Where.Expr
	}
	return f.steps(step{on, "ON"}, step{where, "WHERE"}, step{d.OrderBy, "ORDER BY"})
}

func (f clauseFinder) insert(in *ast.Insert) string {
	var names, values []any
	for _, a := range in.OnDup {
		names = append(names, a.Name)
		values = append(values, a.Expr)
	}
	var rows any = in.Rows
	rowsClause := "VALUES"
	if sel, ok := in.Rows.(ast.SelectStatement); ok {
		if c := f.selectStatement(sel); c != "" {
			return c
		}
		rows = nil
	}
	if cols := f.columnList(in.Columns); cols != "" {
		return f.steps(step{rows, rowsClause}, step{cols, "INSERT INTO"})
	}
	return f.steps(step{rows, rowsClause}, step{names, "UPDATE"}, step{values, "SELECT"})
}

// columnList returns "INSERT INTO" if the column list names the column.
func (f clauseFinder) columnList(cols ast.Columns) string {
	if f.ref.qualifier != "" {
		return ""
	}
	for _, c := range cols {
		if strings.EqualFold(c.String(), f.ref.name) {
			return "INSERT INTO"
		}
	}
	return ""
}

// any searches node depth-first, left to right, and returns clause if the column is referenced
// there directly, or the clause inside a subquery that references it.
func (f clauseFinder) any(node any, clause string) string {
	if node == nil {
		return ""
	}
	if s, ok := node.(string); ok {
		return s // a precomputed clause
	}
	found := ""
	f.walk(reflect.ValueOf(node), clause, &found)
	return found
}

func (f clauseFinder) walk(v reflect.Value, clause string, found *string) {
	if *found != "" || !v.IsValid() {
		return
	}
	switch v.Kind() {
	case reflect.Interface, reflect.Pointer:
		if v.IsNil() {
			return
		}
		switch n := v.Interface().(type) {
		case *ast.ColName:
			if f.ref.matches(n) {
				*found = clause
			}
			return
		case *ast.Subquery:
			*found = f.selectStatement(n.Select)
			return
		case *ast.Over:
			f.walk(reflect.ValueOf(n.PartitionBy), "GROUP BY", found)
			f.walk(reflect.ValueOf(n.OrderBy), "ORDER BY", found)
			return
		case *ast.WindowDef:
			f.walk(reflect.ValueOf(n.PartitionBy), "GROUP BY", found)
			f.walk(reflect.ValueOf(n.OrderBy), "ORDER BY", found)
			return
		}
		f.walk(v.Elem(), clause, found)
	case reflect.Struct:
		if _, ok := v.Interface().(ast.ColIdent); ok {
			return // a name, not a column reference (aliases, function names)
		}
		t := v.Type()
		for i := 0; i < v.NumField() && *found == ""; i++ {
			if t.Field(i).IsExported() {
				f.walk(v.Field(i), clause, found)
			}
		}
	case reflect.Slice, reflect.Array:
		if cols, ok := v.Interface().(ast.Columns); ok {
			for _, c := range cols {
				if f.ref.qualifier == "" && strings.EqualFold(c.String(), f.ref.name) {
					*found = clause
					return
				}
			}
			return
		}
		for i := 0; i < v.Len() && *found == ""; i++ {
			f.walk(v.Index(i), clause, found)
		}
	}
}
