package sqlengine

import (
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/information_schema"
	"github.com/dolthub/go-mysql-server/sql/types"
)

// information_schema.COLUMNS. GMS's implementation resolves every column's default before the
// query runs (a dynamic-columns table); seqd keeps that machinery and its rows, converts them to
// MariaDB's columns (IS_GENERATED, no SRS_ID) and recomputes the rows of its own tables from
// their definitions.

var columnsSchema = isSchema("COLUMNS",
	"TABLE_CATALOG", isVarchar(512), false,
	"TABLE_SCHEMA", isVarchar(64), false,
	"TABLE_NAME", isVarchar(64), false,
	"COLUMN_NAME", isVarchar(64), false,
	"ORDINAL_POSITION", isBigint, false,
	"COLUMN_DEFAULT", isLongtext, true,
	"IS_NULLABLE", isVarchar(3), false,
	"DATA_TYPE", isVarchar(64), false,
	"CHARACTER_MAXIMUM_LENGTH", isBigint, true,
	"CHARACTER_OCTET_LENGTH", isBigint, true,
	"NUMERIC_PRECISION", isBigint, true,
	"NUMERIC_SCALE", isBigint, true,
	"DATETIME_PRECISION", isBigint, true,
	"CHARACTER_SET_NAME", isVarchar(32), true,
	"COLLATION_NAME", isVarchar(64), true,
	"COLUMN_TYPE", isLongtext, false,
	"COLUMN_KEY", isVarchar(3), false,
	"EXTRA", isVarchar(80), false,
	"PRIVILEGES", isVarchar(80), false,
	"COLUMN_COMMENT", isVarchar(1024), false,
	"IS_GENERATED", isVarchar(6), false,
	"GENERATION_EXPRESSION", isLongtext, true,
)

// GMS's COLUMNS row layout.
const (
	gmsColSchema = 1
	gmsColTable  = 2
	gmsColName   = 3
	gmsColPrivs  = 18
	gmsColGenExp = 20
	gmsColCount  = 22
)

func (s *Server) newColumnsTable() sql.Table {
	gms := information_schema.NewColumnsTable()
	return &information_schema.ColumnsTable{
		TableName:   "COLUMNS",
		TableSchema: columnsSchema,
		RowIter: func(ctx *sql.Context, cat sql.Catalog, allCols sql.Schema) (sql.RowIter, error) {
			return s.columnsRows(ctx, cat, allCols, gms.RowIter)
		},
	}
}

type columnsRowIterFunc func(*sql.Context, sql.Catalog, sql.Schema) (sql.RowIter, error)

// columnsRows converts GMS's rows to MariaDB's.
func (s *Server) columnsRows(ctx *sql.Context, cat sql.Catalog, allCols sql.Schema, gms columnsRowIterFunc) (sql.RowIter, error) {
	it, err := gms(ctx, cat, allCols)
	if err != nil {
		return nil, err
	}
	gmsRows, err := sql.RowIterToRows(ctx, it)
	if err != nil {
		return nil, err
	}
	metas := map[[2]string]*tableMeta{}
	views := map[[2]string][]viewCol{}
	var rows []sql.Row
	for _, r := range gmsRows {
		if len(r) != gmsColCount {
			continue
		}
		db, table, col := toString(r[gmsColSchema]), toString(r[gmsColTable]), toString(r[gmsColName])
		key := [2]string{db, table}
		m, ok := metas[key]
		if !ok {
			m = s.metaOf(ctx, db, table)
			metas[key] = m
			if m == nil {
				views[key] = s.viewColumnsOf(ctx, db, table)
			}
		}
		if m != nil {
			if ord := m.ordinal(col); ord >= 0 {
				rows = append(rows, s.columnRow(ctx, r, m, ord))
				continue
			}
		}
		if vcols := views[key]; vcols != nil {
			if row := viewColumnRow(ctx, r, vcols); row != nil {
				rows = append(rows, row)
				continue
			}
		}
		rows = append(rows, convertGMSColumnRow(r))
	}
	return sql.RowsToRowIter(rows...), nil
}

// metaOf returns the definition of a stored table or sequence, nil for anything else.
func (s *Server) metaOf(ctx *sql.Context, db, table string) *tableMeta {
	def, ok := s.catalogOf(ctx).Table(db, table)
	if !ok {
		return nil
	}
	m, err := s.metas.get(ctx, def)
	if err != nil {
		return nil
	}
	return m
}

// columnRow is the COLUMNS row of a column of seqd's, from its definition; the GMS row supplies
// what does not depend on MariaDB's spelling (lengths, charset, privileges).
func (s *Server) columnRow(ctx *sql.Context, gms sql.Row, m *tableMeta, ord int) sql.Row {
	c := m.columns[ord]
	out := convertGMSColumnRow(gms)
	out[5] = defaultOf(ctx, c).infoSchema()
	out[7] = dataTypeName(c.def.Type, c.typ)
	out[10], out[11] = numericPrecisionScale(c.def.Type, c.typ)
	if cc := columnCollation(c.typ); cc != 0 {
		out[13], out[14] = cc.CharacterSet().Name(), cc.Name()
	} else {
		out[13], out[14] = nil, nil
	}
	out[15] = columnTypeText(c.def.Type, c.typ)
	out[16] = columnKeys(m)[ord]
	out[17] = columnExtra(c)
	if c.def.Generated != "" {
		out[20], out[21] = "ALWAYS", exprText(c.def.Generated)
	}
	return out
}

// convertGMSColumnRow maps GMS's row to MariaDB's columns.
func convertGMSColumnRow(r sql.Row) sql.Row {
	out := make(sql.Row, 0, len(columnsSchema))
	out = append(out, r[:gmsColGenExp]...)
	out[gmsColPrivs] = mariadbPrivilegeOrder(toString(r[gmsColPrivs]))
	if gen := toString(r[gmsColGenExp]); gen != "" {
		out = append(out, "ALWAYS", gen)
	} else {
		out = append(out, "NEVER", nil)
	}
	if out[17] == "DEFAULT_GENERATED" {
		out[17] = ""
	}
	return out
}

// mariadbPrivilegeOrder lists column privileges in MariaDB's order.
func mariadbPrivilegeOrder(privs string) string {
	have := map[string]bool{}
	for _, p := range strings.Split(privs, ",") {
		have[strings.TrimSpace(p)] = true
	}
	var out []string
	for _, p := range []string{"select", "insert", "update", "references"} {
		if have[p] {
			out = append(out, p)
		}
	}
	return strings.Join(out, ",")
}

// viewColumnRow is the COLUMNS row of a view's column (see viewcolumns.go), nil if the column is
// not one of vcols.
func viewColumnRow(ctx *sql.Context, gms sql.Row, vcols []viewCol) sql.Row {
	pos, ok := gms[4].(uint64)
	if !ok {
		if n, isInt := gms[4].(int64); isInt {
			pos, ok = uint64(n), true
		} else if n, isInt := gms[4].(uint32); isInt {
			pos, ok = uint64(n), true
		}
	}
	if !ok || pos < 1 || int(pos) > len(vcols) || !strings.EqualFold(vcols[pos-1].name, toString(gms[gmsColName])) {
		return nil
	}
	vc := vcols[pos-1]
	out := convertGMSColumnRow(gms)
	out[16], out[17] = "", ""
	if vc.base == nil {
		typ := expressionType(toString(gms[15]))
		out[15] = typ
		name := typ
		if i := strings.IndexAny(name, "( "); i >= 0 {
			name = name[:i]
		}
		out[7] = name
		out[5] = expressionDefault(typ, toString(gms[6]) == "YES").infoSchema()
		if toString(gms[14]) == sql.Collation_utf8mb4_0900_bin.Name() {
			if coll, ok := expressionCollation(ctx, types.LongText).(string); ok {
				if id, err := sql.ParseCollation("", coll, false); err == nil {
					out[13], out[14] = id.CharacterSet().Name(), id.Name()
				}
			}
		}
		return out
	}
	c := vc.base
	out[5] = vc.defaultOf(ctx).infoSchema()
	out[6] = "NO"
	if vc.isNullable() {
		out[6] = "YES"
	}
	out[7] = dataTypeName(c.def.Type, c.typ)
	out[10], out[11] = numericPrecisionScale(c.def.Type, c.typ)
	if cc := columnCollation(c.typ); cc != 0 {
		out[13], out[14] = cc.CharacterSet().Name(), cc.Name()
	} else {
		out[13], out[14] = nil, nil
	}
	out[15] = columnTypeText(c.def.Type, c.typ)
	out[19] = c.def.Comment
	return out
}
