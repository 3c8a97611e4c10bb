package sqlengine

import (
	"sort"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/analyzer"
	"github.com/dolthub/go-mysql-server/sql/information_schema"
	"github.com/dolthub/go-mysql-server/sql/mysql_db"
	"github.com/dolthub/go-mysql-server/sql/types"
	"github.com/dolthub/vitess/go/sqltypes"
)

// information_schema as MariaDB 10.11 has it. GMS's information_schema is MySQL 8's; seqd wraps
// it and replaces the tables whose rows or columns differ from MariaDB's (TABLES, COLUMNS,
// ENGINES, PLUGINS) or that only MariaDB has (SYSTEM_VARIABLES, SESSION_VARIABLES,
// GLOBAL_VARIABLES). MariaDB's test suite gates whole groups of tests on queries of these tables
// (docs: mariadb-suite.md section 9).

// infoSchemaDB is information_schema: seqd's tables first, then GMS's.
type infoSchemaDB struct {
	sql.Database
	tables map[string]func() sql.Table // lower-case name -> new instance of the table
}

var _ sql.Database = (*infoSchemaDB)(nil)

// installInfoSchema replaces the catalog's information_schema with seqd's.
func (s *Server) installInfoSchema(a *analyzer.Analyzer) {
	db := &infoSchemaDB{Database: a.Catalog.InfoSchema, tables: map[string]func() sql.Table{}}
	for _, t := range s.infoSchemaTables() {
		db.tables[strings.ToLower(t.TableName)] = func() sql.Table {
			c := *t // the analyzer assigns the catalog to the instance it resolves
			return &c
		}
	}
	db.tables["columns"] = s.newColumnsTable
	a.Catalog.InfoSchema = db
}

// infoSchemaTables returns seqd's information_schema tables.
func (s *Server) infoSchemaTables() []*information_schema.InformationSchemaTable {
	return []*information_schema.InformationSchemaTable{
		{TableName: "ENGINES", TableSchema: enginesSchema, Reader: s.enginesRows},
		{TableName: "PLUGINS", TableSchema: pluginsSchema, Reader: s.pluginsRows},
		{TableName: "SYSTEM_VARIABLES", TableSchema: systemVariablesSchema, Reader: systemVariablesRows},
		{TableName: "SESSION_VARIABLES", TableSchema: variablesSchema("SESSION_VARIABLES"), Reader: sessionVariablesRows},
		{TableName: "GLOBAL_VARIABLES", TableSchema: variablesSchema("GLOBAL_VARIABLES"), Reader: globalVariablesRows},
		{TableName: "TABLES", TableSchema: tablesSchema, Reader: s.tablesRows},
		{TableName: "PARTITIONS", TableSchema: partitionsSchema, Reader: s.partitionsRows},
		{TableName: "STATISTICS", TableSchema: statisticsSchema, Reader: s.statisticsRows},
		{TableName: "INNODB_SYS_TABLES", TableSchema: innodbSysTablesSchema, Reader: s.innodbSysTablesRows},
		s.viewsTable(),
		s.routinesTable(),
		s.referentialConstraintsTable(),
	}
}

// GetTableInsensitive implements sql.Database.
func (d *infoSchemaDB) GetTableInsensitive(ctx *sql.Context, name string) (sql.Table, bool, error) {
	if newTable, ok := d.tables[strings.ToLower(name)]; ok {
		return newTable(), true, nil
	}
	return d.Database.GetTableInsensitive(ctx, name)
}

// GetTableNames implements sql.Database.
func (d *infoSchemaDB) GetTableNames(ctx *sql.Context) ([]string, error) {
	names, err := d.Database.GetTableNames(ctx)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		if _, mine := d.tables[strings.ToLower(n)]; !mine {
			out = append(out, n)
			seen[strings.ToLower(n)] = true
		}
	}
	for _, newTable := range d.tables {
		out = append(out, newTable().Name())
	}
	sort.Strings(out)
	return out, nil
}

// Column types of MariaDB's information_schema tables (utf8mb3_general_ci, so comparisons such
// as variable_name='have_sanitizer' ignore case as in MariaDB).
func isVarchar(n int64) sql.Type {
	return types.MustCreateString(sqltypes.VarChar, n, sql.Collation_Information_Schema_Default)
}

var (
	isLongtext = types.MustCreateString(sqltypes.Text, types.LongTextBlobMax/3, sql.Collation_Information_Schema_Default)
	isBigint   = types.Uint64
	isDatetime = types.DatetimeMaxPrecision
)

// isColumn is one column of an information_schema table.
func isColumn(table, name string, typ sql.Type, nullable bool) *sql.Column {
	return &sql.Column{Name: name, Type: typ, Nullable: nullable, Source: table, DatabaseSource: "information_schema"}
}

// isSchema builds a schema from name/type/nullable triples.
func isSchema(table string, cols ...any) sql.Schema {
	var sch sql.Schema
	for i := 0; i+2 < len(cols); i += 3 {
		sch = append(sch, isColumn(table, cols[i].(string), cols[i+1].(sql.Type), cols[i+2].(bool)))
	}
	return sch
}

// visibleDatabases returns the databases the session may see, in name order, unwrapped from
// GMS's privilege wrapper (whose GetTableNames still filters by privileges).
func visibleDatabases(ctx *sql.Context, cat sql.Catalog) []sql.Database {
	dbs := cat.AllDatabases(ctx)
	sort.Slice(dbs, func(i, j int) bool { return dbs[i].Name() < dbs[j].Name() })
	return dbs
}

// unwrapDB returns the database under GMS's privilege wrapper.
func unwrapDB(db sql.Database) sql.Database {
	if p, ok := db.(mysql_db.PrivilegedDatabase); ok {
		return p.Unwrap()
	}
	return db
}
