package sqlengine

import (
	"context"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
)

// information_schema.STATISTICS and SHOW INDEX as MariaDB 10.11 has them (MariaDB's IGNORED
// column where MySQL 8 has VISIBLE and EXPRESSION; keys in MariaDB's order; prefix lengths).

var statisticsSchema = isSchema("STATISTICS",
	"TABLE_CATALOG", isVarchar(512), false,
	"TABLE_SCHEMA", isVarchar(64), false,
	"TABLE_NAME", isVarchar(64), false,
	"NON_UNIQUE", types.Int64, false,
	"INDEX_SCHEMA", isVarchar(64), false,
	"INDEX_NAME", isVarchar(64), false,
	"SEQ_IN_INDEX", types.Uint32, false,
	"COLUMN_NAME", isVarchar(64), false,
	"COLLATION", isVarchar(1), true,
	"CARDINALITY", types.Int64, true,
	"SUB_PART", types.Int64, true,
	"PACKED", isVarchar(10), true,
	"NULLABLE", isVarchar(3), false,
	"INDEX_TYPE", isVarchar(16), false,
	"COMMENT", isVarchar(16), true,
	"INDEX_COMMENT", isVarchar(1024), false,
	"IGNORED", isVarchar(3), false,
)

func (s *Server) statisticsRows(ctx *sql.Context, cat sql.Catalog) (sql.RowIter, error) {
	var rows []sql.Row
	for _, db := range visibleDatabases(ctx, cat) {
		names, err := db.GetTableNames(ctx)
		if err != nil {
			return nil, err
		}
		inner := unwrapDB(db)
		for _, name := range names {
			t, ok, err := inner.GetTableInsensitive(ctx, name)
			if err != nil || !ok {
				continue
			}
			var m *tableMeta
			var temp bool
			switch tt := unwrapTable(t).(type) {
			case *Table:
				m, temp = tt.meta, tt.temp
			default:
				continue
			}
			rs, err := s.indexRows(ctx, m, temp)
			if err != nil {
				return nil, err
			}
			rows = append(rows, rs...)
		}
	}
	return sql.RowsToRowIter(rows...), nil
}

// indexRows are the STATISTICS rows of one table, in MariaDB's key order.
func (s *Server) indexRows(ctx *sql.Context, m *tableMeta, temp bool) ([]sql.Row, error) {
	keys := orderedKeys(m)
	if len(keys) == 0 {
		return nil, nil
	}
	n, err := s.countRows(ctx, m, temp)
	if err != nil {
		return nil, err
	}
	var rows []sql.Row
	for _, k := range keys {
		nonUnique := int64(1)
		if k.unique {
			nonUnique = 0
		}
		var card any
		if k.unique || m.def.Engine == "InnoDB" {
			card = int64(n)
		}
		indexType := "BTREE"
		if k.kind != "" {
			indexType = k.kind
		}
		archive := m.def.Engine == archiveEngine // ha_archive reports no index details
		if archive {
			card, indexType = nil, "NONE"
		}
		ignored := "NO"
		if k.ignored {
			ignored = "YES"
		}
		for i, c := range k.columns {
			null := ""
			if ord := m.ordinal(c.Name); ord >= 0 && m.columns[ord].def.Nullable {
				null = "YES"
			}
			var subPart any
			if c.Prefix > 0 {
				subPart = int64(c.Prefix)
			}
			var collation any = "A"
			if c.Desc {
				collation = "D"
			}
			if archive {
				collation = nil
			}
			rows = append(rows, sql.Row{
				"def", m.def.DB, m.def.Name, nonUnique, m.def.DB, k.name, uint32(i + 1), c.Name,
				collation, card, subPart, nil, null, indexType, "", k.comment, ignored,
			})
		}
	}
	return rows, nil
}

// showIndexQuery is SHOW INDEX over information_schema.STATISTICS; the %s are the database and
// table.
const showIndexQuery = "SELECT TABLE_NAME AS `Table`, NON_UNIQUE AS `Non_unique`, INDEX_NAME AS `Key_name`, " +
	"SEQ_IN_INDEX AS `Seq_in_index`, COLUMN_NAME AS `Column_name`, COLLATION AS `Collation`, " +
	"CARDINALITY AS `Cardinality`, SUB_PART AS `Sub_part`, PACKED AS `Packed`, NULLABLE AS `Null`, " +
	"INDEX_TYPE AS `Index_type`, COMMENT AS `Comment`, INDEX_COMMENT AS `Index_comment`, IGNORED AS `Ignored` " +
	"FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = '%s' AND TABLE_NAME = '%s'"

// showIndexStatement returns the query that answers SHOW INDEX FROM t [FROM db] [WHERE ...].
func showIndexStatement(ctx context.Context, s *ast.Show) (ast.Statement, error) {
	db := s.Table.DbQualifier.String()
	if s.Database != "" {
		db = s.Database
	}
	sctx, _ := ctx.(*sql.Context)
	if db == "" && sctx != nil {
		db = sctx.GetCurrentDatabase()
	}
	if db == "" {
		return nil, mariaErr(sequences.ErrNoDB)
	}
	table := s.Table.Name.String()
	if sess, ok := sessionFromContext(sctx); ok {
		if _, isTemp := sess.srv.sessionTemp(sctx).get(db, table); !isTemp {
			if _, exists := sess.srv.catalogOf(sctx).Table(db, table); !exists {
				return nil, mariaErr(sequences.ErrNoSuchTable, db, table)
			}
		}
	}
	esc := func(v string) string { return strings.ReplaceAll(v, "'", "''") }
	inner := strings.Replace(strings.Replace(showIndexQuery, "%s", esc(db), 1), "%s", esc(table), 1)
	stmt, err := ast.Parse("SELECT * FROM (" + inner + ") AS `keys`")
	if err != nil {
		return nil, err
	}
	sel := stmt.(*ast.Select)
	if s.ShowIndexFilterOpt != nil {
		sel.Where = &ast.Where{Type: ast.WhereStr, Expr: s.ShowIndexFilterOpt}
	}
	return sel, nil
}
