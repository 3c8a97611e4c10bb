package sqlengine

import (
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/information_schema"
	"github.com/dolthub/go-mysql-server/sql/types"
	"github.com/dolthub/vitess/go/sqltypes"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/storage"
)

// information_schema.TABLES and COLUMNS with MariaDB's columns and values: TABLE_TYPE SEQUENCE
// for sequences, ENGINE as created, MariaDB's column types and defaults.

var tablesSchema = isSchema("TABLES",
	"TABLE_CATALOG", isVarchar(512), false,
	"TABLE_SCHEMA", isVarchar(64), false,
	"TABLE_NAME", isVarchar(64), false,
	"TABLE_TYPE", isVarchar(64), false,
	"ENGINE", isVarchar(64), true,
	"VERSION", isBigint, true,
	"ROW_FORMAT", isVarchar(10), true,
	"TABLE_ROWS", isBigint, true,
	"AVG_ROW_LENGTH", isBigint, true,
	"DATA_LENGTH", isBigint, true,
	"MAX_DATA_LENGTH", isBigint, true,
	"INDEX_LENGTH", isBigint, true,
	"DATA_FREE", isBigint, true,
	"AUTO_INCREMENT", isBigint, true,
	"CREATE_TIME", isDatetime, true,
	"UPDATE_TIME", isDatetime, true,
	"CHECK_TIME", isDatetime, true,
	"TABLE_COLLATION", isVarchar(64), true,
	"CHECKSUM", isBigint, true,
	"CREATE_OPTIONS", isVarchar(2048), true,
	"TABLE_COMMENT", isVarchar(2048), false,
	"MAX_INDEX_LENGTH", isBigint, true,
	"TEMPORARY", isVarchar(1), true,
)

// tableStatus is one table's row of TABLES and SHOW TABLE STATUS.
type tableStatus struct {
	db, name, tableType string
	row                 sql.Row // from ENGINE on, as in SHOW TABLE STATUS
}

// tablesRows lists the tables, sequences and views of every database the session can see.
func (s *Server) tablesRows(ctx *sql.Context, cat sql.Catalog) (sql.RowIter, error) {
	var rows []sql.Row
	for _, db := range visibleDatabases(ctx, cat) {
		sts, err := s.databaseStatus(ctx, db)
		if err != nil {
			return nil, err
		}
		for _, st := range sts {
			row := append(sql.Row{"def", st.db, st.name, st.tableType}, st.row...)
			rows = append(rows, row)
		}
	}
	return sql.RowsToRowIter(rows...), nil
}

// databaseStatus returns the status of each table and view of db, ordered by name.
func (s *Server) databaseStatus(ctx *sql.Context, db sql.Database) ([]tableStatus, error) {
	names, err := db.GetTableNames(ctx)
	if err != nil {
		return nil, err
	}
	inner := unwrapDB(db)
	var out []tableStatus
	for _, name := range names {
		st, ok, err := s.tableStatusOf(ctx, inner, name)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, st)
		}
	}
	views, err := information_schema.ViewsInDatabase(ctx, inner)
	if err != nil {
		return nil, err
	}
	for _, v := range views {
		out = append(out, tableStatus{db: inner.Name(), name: v.Name, tableType: "VIEW", row: viewStatusRow()})
	}
	sortStatus(out)
	return out, nil
}

func sortStatus(sts []tableStatus) {
	for i := 1; i < len(sts); i++ {
		for j := i; j > 0 && sts[j].name < sts[j-1].name; j-- {
			sts[j], sts[j-1] = sts[j-1], sts[j]
		}
	}
}

func viewStatusRow() sql.Row {
	return sql.Row{nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, "VIEW", nil, nil}
}

// tableStatusOf returns the status of one table of db. MariaDB 10.11's information_schema.TABLES
// and SHOW TABLE STATUS list base tables only: a temporary table, even one that hides a base
// table of its name, is not shown.
func (s *Server) tableStatusOf(ctx *sql.Context, db sql.Database, name string) (tableStatus, bool, error) {
	var t sql.Table
	var ok bool
	var err error
	if d, isOurs := db.(*Database); isOurs {
		if def, found := s.catalogOf(ctx).Table(d.name, name); found {
			t, err = s.tableFor(ctx, def, false)
			ok = err == nil
		}
	} else {
		t, ok, err = db.GetTableInsensitive(ctx, name)
	}
	if err != nil || !ok {
		return tableStatus{}, false, err
	}
	st := tableStatus{db: db.Name(), name: t.Name(), tableType: "BASE TABLE"}
	switch tt := unwrapTable(t).(type) {
	case *Table:
		row, err := s.baseTableStatus(ctx, tt.meta, tt.temp)
		if err != nil {
			return tableStatus{}, false, err
		}
		st.row = row
	case *sequenceTable:
		st.tableType = "SEQUENCE"
		st.row = sequenceStatusRow(ctx, tt.meta.def, s.databaseCollation(ctx, db.Name()))
	default:
		st.row, st.tableType = systemTableStatus(db, t)
	}
	return st, true, nil
}

// baseTableStatus is ENGINE .. TEMPORARY of a base table. Sizes are MariaDB's values for an
// engine's empty table; seqd's data lives in pebble, so they do not measure anything.
func (s *Server) baseTableStatus(ctx *sql.Context, m *tableMeta, temp bool) (sql.Row, error) {
	def := m.def
	n, err := s.countRows(ctx, m, temp)
	if err != nil {
		return nil, err
	}
	var autoInc any
	if v, err := s.nextAutoIncrement(ctx, m); err != nil {
		return nil, err
	} else if m.autoIncOrd >= 0 {
		autoInc = v
	}
	sz := engineSizes(def.Engine)
	temporary := "N"
	if temp {
		temporary = "Y"
	}
	return sql.Row{
		def.Engine, frmVersion(def), rowFormat(m), n, uint64(0), sz.data, sz.maxData, sz.index,
		uint64(0), autoInc, nil, nil, nil, def.Collation, checksumValue(def), createOptionsText(ctx, def),
		def.Comment, sz.maxIndex, temporary,
	}, nil
}

// sequenceStatusRow is a sequence's status: one row, sized as MariaDB reports it (the row of
// eight columns is 58 bytes in MyISAM's and Aria's fixed format; InnoDB says one page).
func sequenceStatusRow(ctx *sql.Context, def *storage.TableDef, dbCollation string) sql.Row {
	sz := engineSizes(def.Engine)
	avg := uint64(0)
	switch def.Engine {
	case "MyISAM", "Aria":
		avg, sz.data, sz.maxData = 58, 58, 16325548649218047
	case "InnoDB":
		avg = sz.data
	}
	coll := def.Collation
	if coll == "" {
		coll = dbCollation
	}
	return sql.Row{
		def.Engine, uint64(10), "Fixed", uint64(1), avg, sz.data, sz.maxData, sz.index,
		uint64(0), nil, nil, nil, nil, coll, nil, sequenceCreateOptions(ctx, def), def.Comment, sz.maxIndex, "N",
	}
}

// sequenceCreateOptions is a sequence's CREATE_OPTIONS: its table options and, for Aria, the
// transactional=0 MariaDB creates every Aria sequence with.
func sequenceCreateOptions(ctx *sql.Context, def *storage.TableDef) string {
	text := createOptionsText(ctx, def)
	if _, given := def.Options["TRANSACTIONAL"]; def.Engine == "Aria" && !given {
		text = strings.TrimSpace(text + " transactional=0")
	}
	return text
}

// databaseCollation is a database's default collation.
func (s *Server) databaseCollation(ctx *sql.Context, db string) string {
	return s.databaseCollationID(ctx, db).Name()
}

// databaseCollationID is a database's default collation.
func (s *Server) databaseCollationID(ctx *sql.Context, db string) sql.CollationID {
	return (&Database{srv: s, name: db}).GetCollation(ctx)
}

// systemTableStatus is the status of an information_schema or mysql table.
func systemTableStatus(db sql.Database, t sql.Table) (sql.Row, string) {
	if strings.EqualFold(db.Name(), "information_schema") {
		return sql.Row{"MEMORY", uint64(11), "Fixed", nil, uint64(0), uint64(0), uint64(0), uint64(0),
			uint64(0), nil, nil, nil, nil, t.Collation().Name(), nil, "", "", uint64(0), "Y"}, "SYSTEM VIEW"
	}
	return sql.Row{"Aria", uint64(10), "Page", nil, uint64(0), uint64(8192), uint64(0), uint64(8192),
		uint64(0), nil, nil, nil, nil, t.Collation().Name(), nil, "", "", uint64(0), "N"}, "BASE TABLE"
}

type sizes struct{ data, maxData, index, maxIndex uint64 }

// engineSizes are the sizes MariaDB reports for an empty table of an engine.
func engineSizes(engine string) sizes {
	switch engine {
	case "InnoDB":
		return sizes{data: 16384}
	case "MyISAM":
		return sizes{index: 1024, maxIndex: 17179868160}
	case "Aria":
		return sizes{data: 8192, maxData: 17592186011648, index: 8192, maxIndex: 9007199254732800}
	}
	return sizes{}
}

// frmVersion is VERSION: 11 when the table has expression defaults, generated columns or
// checks (MariaDB's FRM_VER_EXPRESSSIONS), else 10.
func frmVersion(def *storage.TableDef) uint64 {
	if len(def.Checks) > 0 {
		return 11
	}
	for _, c := range def.Columns {
		if c.Generated != "" {
			return 11
		}
		if d := strings.TrimSpace(c.Default); d != "" {
			if e, ok := parseExpr(d); ok {
				if _, lit := literalValue(e); !lit && !isCurrentTimestamp(e) {
					return 11
				}
			}
		}
		if t := strings.ToLower(c.Type); strings.HasPrefix(t, "json") {
			return 11
		}
	}
	return 10
}

// isCurrentTimestamp reports whether e is CURRENT_TIMESTAMP/NOW, which old table formats could
// express.
func isCurrentTimestamp(e ast.Expr) bool {
	f, ok := e.(*ast.FuncExpr)
	if !ok {
		return false
	}
	switch f.Name.Lowered() {
	case "current_timestamp", "now", "localtime", "localtimestamp":
		return true
	}
	return false
}

// rowFormat is ROW_FORMAT: as created, else the engine's default.
func rowFormat(m *tableMeta) string {
	if m.def.Engine == archiveEngine {
		return "Compressed" // whatever ROW_FORMAT says
	}
	if v, ok := m.def.Options["ROW_FORMAT"]; ok {
		return strings.ToUpper(v[:1]) + strings.ToLower(v[1:])
	}
	switch m.def.Engine {
	case "InnoDB":
		return "Dynamic"
	case "Aria":
		return "Page"
	case "MyISAM":
		for _, c := range m.columns {
			if isVarLength(c.typ) {
				return "Dynamic"
			}
		}
	}
	return "Fixed"
}

// isVarLength reports whether a column makes a MyISAM row dynamic.
func isVarLength(t sql.Type) bool {
	return types.IsTextBlob(t) || types.IsJSON(t) || t.Type() == sqltypes.VarChar || t.Type() == sqltypes.VarBinary
}

func checksumValue(def *storage.TableDef) any {
	if def.Options["CHECKSUM"] == "1" {
		return uint64(0)
	}
	return nil
}

// createOptionsText is CREATE_OPTIONS: the table options given, lower-case names.
func createOptionsText(ctx *sql.Context, def *storage.TableDef) string {
	var parts []string
	for _, k := range tableOptionOrder {
		if v, ok := def.Options[k]; ok {
			parts = append(parts, strings.ToLower(k)+"="+tableOptionValue(k, v))
		}
	}
	if e := engineOptionsText(ctx, def, false); e != "" {
		parts = append(parts, e)
	}
	return strings.Join(parts, " ")
}

// countRows counts a table's rows in the statement's transaction.
func (s *Server) countRows(ctx *sql.Context, m *tableMeta, temp bool) (uint64, error) {
	txn, err := txnOf(ctx)
	if err != nil {
		return 0, err
	}
	n, err := newTable(s, m, temp).countRows(ctx, txn)
	return uint64(n), err
}

// information_schema.PARTITIONS: MariaDB lists every table and sequence, with one row of NULL
// partition columns for an unpartitioned one (seqd has no partitioning).
var partitionsSchema = isSchema("PARTITIONS",
	"TABLE_CATALOG", isVarchar(512), false,
	"TABLE_SCHEMA", isVarchar(64), false,
	"TABLE_NAME", isVarchar(64), false,
	"PARTITION_NAME", isVarchar(64), true,
	"SUBPARTITION_NAME", isVarchar(64), true,
	"PARTITION_ORDINAL_POSITION", isBigint, true,
	"SUBPARTITION_ORDINAL_POSITION", isBigint, true,
	"PARTITION_METHOD", isVarchar(18), true,
	"SUBPARTITION_METHOD", isVarchar(12), true,
	"PARTITION_EXPRESSION", isLongtext, true,
	"SUBPARTITION_EXPRESSION", isLongtext, true,
	"PARTITION_DESCRIPTION", isLongtext, true,
	"TABLE_ROWS", isBigint, false,
	"AVG_ROW_LENGTH", isBigint, false,
	"DATA_LENGTH", isBigint, false,
	"MAX_DATA_LENGTH", isBigint, true,
	"INDEX_LENGTH", isBigint, false,
	"DATA_FREE", isBigint, false,
	"CREATE_TIME", isDatetime, true,
	"UPDATE_TIME", isDatetime, true,
	"CHECK_TIME", isDatetime, true,
	"CHECKSUM", isBigint, true,
	"PARTITION_COMMENT", isVarchar(80), false,
	"NODEGROUP", isVarchar(12), false,
	"TABLESPACE_NAME", isVarchar(64), true,
)

func (s *Server) partitionsRows(ctx *sql.Context, cat sql.Catalog) (sql.RowIter, error) {
	var rows []sql.Row
	for _, db := range visibleDatabases(ctx, cat) {
		if strings.EqualFold(db.Name(), "information_schema") {
			continue
		}
		sts, err := s.databaseStatus(ctx, db)
		if err != nil {
			return nil, err
		}
		for _, st := range sts {
			if st.tableType == "VIEW" {
				continue
			}
			r := st.row // ENGINE, VERSION, ROW_FORMAT, TABLE_ROWS, AVG_ROW_LENGTH, DATA_LENGTH, MAX_DATA_LENGTH, INDEX_LENGTH, DATA_FREE, AUTO_INCREMENT, CREATE_TIME, UPDATE_TIME, CHECK_TIME, ...
			rows = append(rows, sql.Row{
				"def", st.db, st.name, nil, nil, nil, nil, nil, nil, nil, nil, nil,
				zeroIfNil(r[3]), zeroIfNil(r[4]), zeroIfNil(r[5]), r[6], zeroIfNil(r[7]), zeroIfNil(r[8]),
				r[10], r[11], r[12], nil, "", "", nil,
			})
		}
	}
	return sql.RowsToRowIter(rows...), nil
}

func zeroIfNil(v any) any {
	if v == nil {
		return uint64(0)
	}
	return v
}
