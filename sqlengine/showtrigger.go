package sqlengine

import (
	"strings"
	"time"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
	"github.com/dolthub/vitess/go/sqltypes"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
)

// SHOW CREATE TRIGGER as MariaDB answers it: the trigger's sql_mode, its statement with the
// DEFINER clause, and the character sets and database collation of its creation (GMS prints
// an empty sql_mode and the current session's character sets).

var showCreateTriggerSchema = sql.Schema{
	{Name: "Trigger", Type: types.MustCreateStringWithDefaults(sqltypes.VarChar, 64)},
	{Name: "sql_mode", Type: types.LongText},
	{Name: "SQL Original Statement", Type: types.LongText},
	{Name: "character_set_client", Type: types.MustCreateStringWithDefaults(sqltypes.VarChar, 32)},
	{Name: "collation_connection", Type: types.MustCreateStringWithDefaults(sqltypes.VarChar, 64)},
	{Name: "Database Collation", Type: types.MustCreateStringWithDefaults(sqltypes.VarChar, 64)},
	{Name: "Created", Type: types.MustCreateDatetimeType(sqltypes.Timestamp, 2), Nullable: true},
}

// showCreateTriggerStatement replaces vitess's SHOW CREATE TRIGGER.
func showCreateTriggerStatement(stmt ast.Statement) (ast.Statement, bool) {
	sh, ok := stmt.(*ast.Show)
	if !ok || strings.ToLower(sh.Type) != ast.CreateTriggerStr {
		return nil, false
	}
	db, name := sh.Table.DbQualifier.String(), sh.Table.Name.String()
	return statement("SHOW CREATE TRIGGER", nil, func(ctx *sql.Context, _ []sql.Expression) (sql.Node, error) {
		return &execNode{name: "SHOW CREATE TRIGGER", sch: showCreateTriggerSchema, readOnly: true,
			run: func(ctx *sql.Context) (sql.RowIter, error) { return srvOf(ctx).showCreateTrigger(ctx, db, name) }}, nil
	}), true
}

// showCreateTrigger runs SHOW CREATE TRIGGER db.name.
func (s *Server) showCreateTrigger(ctx *sql.Context, db, name string) (sql.RowIter, error) {
	if db == "" {
		db = ctx.GetCurrentDatabase()
		if db == "" {
			return nil, mariaErr(sequences.ErrNoDB)
		}
	}
	for _, t := range s.catalogOf(ctx).Triggers(db) {
		if !strings.EqualFold(t.Name, name) {
			continue
		}
		if _, ok := s.catalogOf(ctx).Table(db, t.Table); !ok {
			break
		}
		dbColl := t.DBCollation
		if dbColl == "" {
			dbColl = (&Database{srv: s, name: db}).GetCollation(ctx).Name()
		}
		return sql.RowsToRowIter(sql.Row{
			t.Name, t.SQLMode, t.CreateStatement,
			orDefault(t.CharsetClient, sessionString(ctx, "character_set_client")),
			orDefault(t.CollationConnection, sessionString(ctx, "collation_connection")),
			dbColl,
			time.UnixMicro(t.CreatedAt).Truncate(10 * time.Millisecond),
		}), nil
	}
	return nil, mariaErr(sequences.ErrTrgDoesNotExist)
}
