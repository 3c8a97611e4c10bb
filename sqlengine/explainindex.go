package sqlengine

import (
	"reflect"
	"strings"

	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/storage"
)

// Without a WHERE, GROUP BY or ORDER BY, MariaDB reads a single table through an index when
// one holds every column the query needs (type index, "Using index"), choosing the shortest
// key; it answers COUNT(*) of a MyISAM or Aria table, and MIN/MAX of an indexed column, without
// reading the table at all ("Select tables optimized away"). These rules cover the common
// cases checked against MariaDB 10.11; key lengths are known for integer columns only, so
// indexes on other types are not considered.

// scanOnlyQuery returns the SELECT when it reads one table with no WHERE, GROUP BY, HAVING or
// ORDER BY.
func (q *explainedQuery) scanOnlyQuery() (*ast.Select, bool) {
	sel, ok := q.stmt.(*ast.Select)
	if !ok || len(q.tables) != 1 || sel.Where != nil || len(sel.GroupBy) > 0 || sel.Having != nil || len(sel.OrderBy) > 0 || len(sel.From) != 1 {
		return nil, false
	}
	return sel, true
}

// answersFromMetadata reports whether every select item is an aggregate MariaDB answers from the
// table's metadata or an index end.
func (q *explainedQuery) answersFromMetadata(t *explainedTable) bool {
	sel, ok := q.scanOnlyQuery()
	if !ok || len(sel.SelectExprs) == 0 {
		return false
	}
	for _, se := range sel.SelectExprs {
		ae, ok := se.(*ast.AliasedExpr)
		if !ok {
			return false
		}
		f, ok := ae.Expr.(*ast.FuncExpr)
		if !ok || len(f.Exprs) != 1 || f.Distinct {
			return false
		}
		switch f.Name.Lowered() {
		case "count":
			if _, star := f.Exprs[0].(*ast.StarExpr); !star || (t.def.Engine != "MyISAM" && t.def.Engine != "Aria") {
				return false
			}
		case "min", "max":
			arg, ok := f.Exprs[0].(*ast.AliasedExpr)
			if !ok {
				return false
			}
			col, ok := arg.Expr.(*ast.ColName)
			if !ok || !leadsAnIndex(t.def, col.Name.String()) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// leadsAnIndex reports whether column is the first column of the primary key or an index.
func leadsAnIndex(def *storage.TableDef, column string) bool {
	if len(def.PrimaryKey) > 0 && strings.EqualFold(def.PrimaryKey[0].Name, column) {
		return true
	}
	for _, ix := range def.Indexes {
		if ix.Kind == "" && len(ix.Columns) > 0 && strings.EqualFold(ix.Columns[0].Name, column) {
			return true
		}
	}
	return false
}

// coveringIndex finds the shortest index holding every column the query uses. It returns the
// index name ("PRIMARY" for the primary key) and its key length.
func (q *explainedQuery) coveringIndex(t *explainedTable) (string, int, bool) {
	sel, ok := q.scanOnlyQuery()
	if !ok {
		return "", 0, false
	}
	used, ok := usedColumns(sel, t.def)
	if !ok {
		return "", 0, false
	}
	best, bestLen := "", 0
	consider := func(name string, cols []storage.IndexColumn, extra []storage.IndexColumn) {
		n, ok := keyLength(t.def, cols)
		if !ok || (best != "" && n >= bestLen) {
			return
		}
		covered := map[string]bool{}
		for _, c := range append(append([]storage.IndexColumn(nil), cols...), extra...) {
			if c.Prefix != 0 {
				return
			}
			covered[strings.ToLower(c.Name)] = true
		}
		for c := range used {
			if !covered[c] {
				return
			}
		}
		best, bestLen = name, n
	}
	if len(t.def.PrimaryKey) > 0 {
		consider("PRIMARY", t.def.PrimaryKey, nil)
	}
	var clustered []storage.IndexColumn
	if t.def.Engine == "InnoDB" {
		clustered = t.def.PrimaryKey // InnoDB's secondary indexes end with the primary key
	}
	for _, ix := range t.def.Indexes {
		if ix.Kind == "" && !ix.Ignored {
			consider(ix.Name, ix.Columns, clustered)
		}
	}
	return best, bestLen, best != ""
}

// usedColumns returns the lower-case names of the columns the select list uses; false if it
// uses something this analysis does not follow (a subquery).
func usedColumns(sel *ast.Select, def *storage.TableDef) (map[string]bool, bool) {
	used := map[string]bool{}
	ok := true
	for _, se := range sel.SelectExprs {
		if _, star := se.(*ast.StarExpr); star {
			for _, c := range def.Columns {
				used[strings.ToLower(c.Name)] = true
			}
			continue
		}
		// COUNT(*) needs no column.
		walkAST(reflect.ValueOf(se), func(v reflect.Value) {
			switch n := v.Interface().(type) {
			case *ast.ColName:
				used[strings.ToLower(n.Name.String())] = true
			case *ast.Subquery:
				ok = false
			}
		})
	}
	return used, ok
}

// keyLength is MariaDB's key_len of an index over integer columns: the bytes of each column,
// plus one for a nullable one.
func keyLength(def *storage.TableDef, cols []storage.IndexColumn) (int, bool) {
	n := 0
	for _, ic := range cols {
		var col *storage.ColumnDef
		for i := range def.Columns {
			if strings.EqualFold(def.Columns[i].Name, ic.Name) {
				col = &def.Columns[i]
			}
		}
		if col == nil {
			return 0, false
		}
		b := intTypeBytes(col.Type)
		if b == 0 {
			return 0, false
		}
		if col.Nullable {
			b++
		}
		n += b
	}
	return n, true
}

// intTypeBytes is the storage size of an integer column type given as SQL text, 0 for others.
func intTypeBytes(typ string) int {
	t := strings.ToLower(typ)
	switch {
	case strings.HasPrefix(t, "tinyint"):
		return 1
	case strings.HasPrefix(t, "smallint"):
		return 2
	case strings.HasPrefix(t, "mediumint"):
		return 3
	case strings.HasPrefix(t, "int"):
		return 4
	case strings.HasPrefix(t, "bigint"):
		return 8
	}
	return 0
}
