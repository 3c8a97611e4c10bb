package sqlengine

import (
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/plan"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"
)

// The columns of a view as DESCRIBE, SHOW COLUMNS and information_schema.COLUMNS show them.
// MariaDB describes a view column that reads a table column (directly or through other views)
// as that column: its type, collation, comment and DEFAULT, except that an AUTO_INCREMENT
// column's default reads 0 and that no view column has a key or an Extra. A column of the inner
// table of an outer join is nullable. Other view columns (expressions) get the type of the
// expression and the default of a temporary column: NULL when nullable, else the type's zero.
// GMS shows its own type names (int, longtext CHARACTER SET ...) for all of them.

// viewCol is one column of a view.
type viewCol struct {
	name     string
	base     *columnMeta // the table column it reads; nil for an expression
	nullable bool        // an outer join made the base column nullable
}

// maxViewDepth bounds the views followed through other views.
const maxViewDepth = 16

// viewColumnsOf returns the columns of view db.name, nil if it is not a view of the catalog.
func (s *Server) viewColumnsOf(ctx *sql.Context, db, name string) []viewCol {
	return s.viewColumnsDepth(ctx, db, name, 0)
}

func (s *Server) viewColumnsDepth(ctx *sql.Context, db, name string, depth int) []viewCol {
	v, ok := s.catalogOf(ctx).View(db, name)
	if !ok || depth > maxViewDepth {
		return nil
	}
	names, err := viewColumnNames(v)
	if err != nil {
		return nil
	}
	stmt, err := storedViewSelect(v)
	if err != nil {
		return nil
	}
	out := make([]viewCol, len(names))
	for i := range names {
		out[i].name = names[i]
	}
	sel, ok := stmt.(*ast.Select)
	if !ok {
		return out // a UNION: every column is an expression
	}
	sources := viewSources(sel.From, v.DB, false)
	for i, se := range sel.SelectExprs {
		if i >= len(out) {
			break
		}
		ae, ok := se.(*ast.AliasedExpr)
		if !ok {
			continue
		}
		col, ok := ae.Expr.(*ast.ColName)
		if !ok {
			continue
		}
		src := sourceOf(sources, col)
		if src == nil {
			continue
		}
		base, nullable := s.sourceColumn(ctx, src, col.Name.String(), depth)
		if base != nil {
			out[i].base = base
			out[i].nullable = nullable || src.outer
		}
	}
	return out
}

// viewSourceTable is a table or view of a FROM clause.
type viewSourceTable struct {
	db, name, alias string
	outer           bool // the inner table of an outer join: its columns may be NULL
}

// viewSources lists the tables and views of a FROM clause.
func viewSources(from ast.TableExprs, db string, outer bool) []viewSourceTable {
	var out []viewSourceTable
	var add func(e ast.TableExpr, outer bool)
	add = func(e ast.TableExpr, outer bool) {
		switch t := e.(type) {
		case *ast.AliasedTableExpr:
			if tn, ok := t.Expr.(ast.TableName); ok {
				d := tn.DbQualifier.String()
				if d == "" {
					d = db
				}
				out = append(out, viewSourceTable{db: d, name: tn.Name.String(), alias: t.As.String(), outer: outer})
			}
		case *ast.ParenTableExpr:
			for _, x := range t.Exprs {
				add(x, outer)
			}
		case *ast.JoinTableExpr:
			join := strings.ToLower(t.Join)
			add(t.LeftExpr, outer || strings.Contains(join, "right"))
			add(t.RightExpr, outer || strings.Contains(join, "left"))
		}
	}
	for _, e := range from {
		add(e, outer)
	}
	return out
}

// sourceOf returns the table a column reference reads.
func sourceOf(sources []viewSourceTable, c *ast.ColName) *viewSourceTable {
	q := c.Qualifier.Name.String()
	if q == "" {
		if len(sources) == 1 {
			return &sources[0]
		}
		return nil
	}
	qdb := c.Qualifier.DbQualifier.String()
	for i := range sources {
		s := &sources[i]
		switch {
		case s.alias != "":
			if s.alias == q && qdb == "" {
				return s
			}
		case s.name == q && (qdb == "" || qdb == s.db):
			return s
		}
	}
	return nil
}

// sourceColumn returns the table column that column col of src is, and whether an outer join
// in a view on the way made it nullable.
func (s *Server) sourceColumn(ctx *sql.Context, src *viewSourceTable, col string, depth int) (*columnMeta, bool) {
	if m := s.metaOf(ctx, src.db, src.name); m != nil {
		if ord := m.ordinal(col); ord >= 0 && !m.def.Sequence {
			return &m.columns[ord], false
		}
		return nil, false
	}
	for _, vc := range s.viewColumnsDepth(ctx, src.db, src.name, depth+1) {
		if strings.EqualFold(vc.name, col) {
			return vc.base, vc.nullable
		}
	}
	return nil, false
}

// isNullable is the Null column of the view column.
func (vc viewCol) isNullable() bool {
	return vc.nullable || vc.base.def.Nullable
}

// defaultOf is the view column's DEFAULT: its table column's, 0 for AUTO_INCREMENT.
func (vc viewCol) defaultOf(ctx *sql.Context) columnDefault {
	if vc.base.def.AutoIncrement {
		return columnDefault{kind: defaultLiteral, text: "0"}
	}
	return defaultOf(ctx, *vc.base)
}

// expressionType is MariaDB's spelling of the type GMS gives a view's expression column (GMS's
// name without a character set, integers with MariaDB's display widths).
func expressionType(gms string) string {
	t := strings.TrimSpace(gms)
	if i := strings.Index(t, " CHARACTER SET "); i >= 0 {
		t = t[:i]
	}
	if i := strings.Index(t, " COLLATE "); i >= 0 {
		t = t[:i]
	}
	unsigned := strings.HasSuffix(t, " unsigned")
	base := strings.TrimSuffix(t, " unsigned")
	widths := map[string][2]string{
		"tinyint": {"4", "3"}, "smallint": {"6", "5"}, "mediumint": {"9", "8"},
		"int": {"11", "10"}, "bigint": {"20", "20"},
	}
	if w, ok := widths[base]; ok {
		if unsigned {
			return base + "(" + w[1] + ") unsigned"
		}
		return base + "(" + w[0] + ")"
	}
	if base == "null" {
		return "binary(0)"
	}
	return t
}

// expressionDefault is the DEFAULT of a view's expression column: none (NULL) when nullable,
// else the zero value of its type, as a temporary column has.
func expressionDefault(typ string, nullable bool) columnDefault {
	if nullable {
		return columnDefault{kind: defaultNull}
	}
	name := typ
	if i := strings.IndexAny(name, "( "); i >= 0 {
		name = name[:i]
	}
	switch name {
	case "tinyint", "smallint", "mediumint", "int", "bigint", "decimal", "float", "double", "year", "bit":
		return columnDefault{kind: defaultLiteral, text: "0"}
	case "date":
		return columnDefault{kind: defaultLiteral, text: "0000-00-00", quoted: true}
	case "datetime", "timestamp":
		return columnDefault{kind: defaultLiteral, text: "0000-00-00 00:00:00", quoted: true}
	case "time":
		return columnDefault{kind: defaultLiteral, text: "00:00:00", quoted: true}
	case "char", "varchar", "binary", "varbinary", "enum", "set":
		return columnDefault{kind: defaultLiteral, text: "", quoted: true}
	}
	return columnDefault{kind: defaultNull}
}

// showViewColumns serves SHOW [FULL] COLUMNS for a view; nil when it is not one of the catalog.
func (s *Server) showViewColumns(ctx *sql.Context, n *plan.ShowColumns, sa *plan.SubqueryAlias) (sql.RowIter, error) {
	db := showColumnsDB(ctx)
	cols := s.viewColumnsOf(ctx, db, sa.Name())
	sch := sa.Schema(ctx)
	if cols == nil || len(cols) != len(sch) {
		return nil, nil
	}
	rows := make([]sql.Row, 0, len(cols))
	for i, vc := range cols {
		var typ, def, coll, comment any
		nullable := sch[i].Nullable
		if vc.base != nil {
			nullable = vc.isNullable()
			typ = columnTypeText(vc.base.def.Type, vc.base.typ)
			def = vc.defaultOf(ctx).showColumns(vc.base.typ)
			if cc := columnCollation(vc.base.typ); cc != 0 {
				coll = cc.Name()
			}
			comment = vc.base.def.Comment
		} else {
			t := expressionType(sch[i].Type.String())
			typ = t
			def = expressionDefault(t, nullable).showColumns(sch[i].Type)
			coll = expressionCollation(ctx, sch[i].Type)
			comment = ""
		}
		null := "NO"
		if nullable {
			null = "YES"
		}
		if n.Full {
			rows = append(rows, sql.Row{vc.name, typ, coll, null, "", def, "", columnPrivileges, comment})
		} else {
			rows = append(rows, sql.Row{vc.name, typ, null, "", def, ""})
		}
	}
	return sql.RowsToRowIter(rows...), nil
}

// expressionCollation is the collation of a view's expression column: GMS's, except that its
// MySQL 8 default (which MariaDB lacks) stands for the connection's collation.
func expressionCollation(ctx *sql.Context, t sql.Type) any {
	cc := columnCollation(t)
	if cc == 0 {
		return nil
	}
	if cc == sql.Collation_utf8mb4_0900_bin {
		if v, err := ctx.GetSessionVariable(ctx, "collation_connection"); err == nil {
			if name, ok := v.(string); ok && name != "" {
				return name
			}
		}
	}
	return cc.Name()
}

// showColumnsDB is the database a SHOW COLUMNS or DESCRIBE statement names (FROM db, or db.t),
// the current one if it names none.
func showColumnsDB(ctx *sql.Context) string {
	if stmt, err := ast.Parse(ctx.Query()); err == nil {
		if sh, ok := stmt.(*ast.Show); ok {
			if sh.ShowTablesOpt != nil && sh.ShowTablesOpt.DbName != "" {
				return sh.ShowTablesOpt.DbName
			}
			if db := sh.Table.DbQualifier.String(); db != "" {
				return db
			}
		}
	}
	return ctx.GetCurrentDatabase()
}
