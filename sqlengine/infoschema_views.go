package sqlengine

import (
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/information_schema"
)

// information_schema.VIEWS as MariaDB 10.11 has it: VIEW_DEFINITION is the stored canonical
// text (views.go), IS_UPDATABLE as viewupdate.go decides.

var viewsSchema = isSchema("VIEWS",
	"TABLE_CATALOG", isVarchar(512), false,
	"TABLE_SCHEMA", isVarchar(64), false,
	"TABLE_NAME", isVarchar(64), false,
	"VIEW_DEFINITION", isLongtext, false,
	"CHECK_OPTION", isVarchar(8), false,
	"IS_UPDATABLE", isVarchar(3), false,
	"DEFINER", isVarchar(384), false,
	"SECURITY_TYPE", isVarchar(7), false,
	"CHARACTER_SET_CLIENT", isVarchar(32), false,
	"COLLATION_CONNECTION", isVarchar(64), false,
	"ALGORITHM", isVarchar(10), false,
)

// viewsTable is seqd's information_schema.VIEWS.
func (s *Server) viewsTable() *information_schema.InformationSchemaTable {
	return &information_schema.InformationSchemaTable{TableName: "VIEWS", TableSchema: viewsSchema, Reader: s.viewsRows}
}

// viewsRows lists the views of every database the session can see.
func (s *Server) viewsRows(ctx *sql.Context, cat sql.Catalog) (sql.RowIter, error) {
	var rows []sql.Row
	scat := s.catalogOf(ctx)
	for _, db := range visibleDatabases(ctx, cat) {
		for _, v := range scat.Views(db.Name()) {
			check := v.CheckOption
			if check == "" {
				check = "NONE"
			}
			updatable := "NO"
			if s.viewIsUpdatable(ctx, v) {
				updatable = "YES"
			}
			rows = append(rows, sql.Row{"def", v.DB, v.Name, v.Definition, check, updatable, v.Definer,
				orDefault(v.SQLSecurity, "DEFINER"), v.ClientCharset, v.Collation, orDefault(v.Algorithm, "UNDEFINED")})
		}
	}
	return sql.RowsToRowIter(rows...), nil
}
