package sqlengine

import (
	"strings"
	"time"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/information_schema"
	"github.com/dolthub/go-mysql-server/sql/types"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// SHOW CREATE PROCEDURE/FUNCTION and information_schema.ROUTINES, from which GMS answers SHOW
// PROCEDURE STATUS and SHOW FUNCTION STATUS.

// parseShowCreateRoutine parses the rest of SHOW CREATE PROCEDURE/FUNCTION [db.]name.
func parseShowCreateRoutine(s string, l *lexer, typ string) (ast.Statement, error) {
	db, name, ok := readRoutineName(s, l)
	if !ok {
		return nil, parseErrorNear(s, l.pos)
	}
	if t := l.next(); t.kind != tokEOF {
		return nil, parseErrorNear(s, t.start)
	}
	word := "Procedure"
	if typ == storage.RoutineFunction {
		word = "Function"
	}
	sch := sql.Schema{
		{Name: word, Type: isVarchar(64)},
		{Name: "sql_mode", Type: isVarchar(8192)},
		{Name: "Create " + word, Type: isLongtext, Nullable: true},
		{Name: "character_set_client", Type: isVarchar(32)},
		{Name: "collation_connection", Type: isVarchar(64)},
		{Name: "Database Collation", Type: isVarchar(64)},
	}
	return statement("SHOW CREATE "+typ, nil, func(ctx *sql.Context, _ []sql.Expression) (sql.Node, error) {
		return &execNode{name: "SHOW CREATE " + typ, sch: sch, readOnly: true, run: func(ctx *sql.Context) (sql.RowIter, error) {
			srv := srvOf(ctx)
			rdb := db
			if rdb == "" {
				rdb = ctx.GetCurrentDatabase()
			}
			def, ok := srv.catalogOf(ctx).Routine(rdb, typ, name)
			if !ok || !srv.routineVisible(ctx, def) {
				return nil, mariaErr(sequences.ErrSPDoesNotExist, typ, name)
			}
			var create any = routineCreateText(def)
			if !srv.routineFullAccess(ctx, def) {
				create = nil
			}
			return sql.RowsToRowIter(sql.Row{def.Name, def.SQLMode, create, def.CharsetClient,
				def.CollationConnection, def.DBCollation}), nil
		}}, nil
	}), nil
}

// routineVisible reports whether the user may see that a routine exists, as MariaDB decides
// for SHOW CREATE, SHOW ... STATUS and information_schema.ROUTINES: its definer, a holder of
// EXECUTE or ALTER ROUTINE on it, or anyone who may read mysql.proc.
func (s *Server) routineVisible(ctx *sql.Context, def *storage.RoutineDef) bool {
	mdb := s.engine.Analyzer.Catalog.MySQLDb
	if !mdb.Enabled() || s.routineFullAccess(ctx, def) {
		return true
	}
	subject := sql.PrivilegeCheckSubject{Database: def.DB, Routine: def.Name, IsProcedure: def.Type == storage.RoutineProcedure}
	for _, p := range []sql.PrivilegeType{sql.PrivilegeType_Execute, sql.PrivilegeType_AlterRoutine} {
		if mdb.UserHasPrivileges(ctx, sql.NewPrivilegedOperation(subject, p)) {
			return true
		}
	}
	return false
}

// routineFullAccess reports whether the user may read a routine's definition: its definer, or
// anyone who may read mysql.proc.
func (s *Server) routineFullAccess(ctx *sql.Context, def *storage.RoutineDef) bool {
	mdb := s.engine.Analyzer.Catalog.MySQLDb
	if !mdb.Enabled() || def.Definer == s.routineAccount(ctx) {
		return true
	}
	proc := sql.PrivilegeCheckSubject{Database: "mysql", Table: "proc"}
	return mdb.UserHasPrivileges(ctx, sql.NewPrivilegedOperation(proc, sql.PrivilegeType_Select))
}

// routineAccount is the account the session authenticated as, user@host with the host as the
// account names it ('%' for an account of any host), which routines record as their definer.
func (s *Server) routineAccount(ctx *sql.Context) string {
	c := ctx.Session.Client()
	mdb := s.engine.Analyzer.Catalog.MySQLDb
	if mdb.Enabled() {
		rd := mdb.Reader()
		defer rd.Close()
		if u := mdb.GetUser(rd, c.User, c.Address, false); u != nil {
			return u.User + "@" + u.Host
		}
	}
	return currentAccount(ctx)
}

// routineCreateText is the CREATE statement SHOW CREATE PROCEDURE/FUNCTION prints.
func routineCreateText(def *storage.RoutineDef) string {
	var b strings.Builder
	b.WriteString("CREATE DEFINER=")
	user, host := definerParts(def.Definer)
	b.WriteString(quoteIdent(user) + "@" + quoteIdent(host))
	b.WriteString(" " + def.Type + " " + quoteIdent(def.Name) + "(" + def.Params + ")")
	if def.Type == storage.RoutineFunction {
		b.WriteString(" RETURNS " + def.Returns)
	}
	b.WriteString("\n")
	if def.DataAccess != "" {
		b.WriteString("    " + def.DataAccess + "\n")
	}
	if def.Deterministic {
		b.WriteString("    DETERMINISTIC\n")
	}
	if def.Security == "INVOKER" {
		b.WriteString("    SQL SECURITY INVOKER\n")
	}
	if def.Comment != "" {
		b.WriteString("    COMMENT " + quoteString(def.Comment) + "\n")
	}
	b.WriteString(def.Body)
	return b.String()
}

// routinesSchema is MariaDB's information_schema.ROUTINES.
var routinesSchema = isSchema("ROUTINES",
	"SPECIFIC_NAME", isVarchar(64), false,
	"ROUTINE_CATALOG", isVarchar(512), false,
	"ROUTINE_SCHEMA", isVarchar(64), false,
	"ROUTINE_NAME", isVarchar(64), false,
	"ROUTINE_TYPE", isVarchar(13), false,
	"DATA_TYPE", isVarchar(64), false,
	"CHARACTER_MAXIMUM_LENGTH", types.Int32, true,
	"CHARACTER_OCTET_LENGTH", types.Int32, true,
	"NUMERIC_PRECISION", types.Int32, true,
	"NUMERIC_SCALE", types.Int32, true,
	"DATETIME_PRECISION", isBigint, true,
	"CHARACTER_SET_NAME", isVarchar(64), true,
	"COLLATION_NAME", isVarchar(64), true,
	"DTD_IDENTIFIER", isLongtext, true,
	"ROUTINE_BODY", isVarchar(8), false,
	"ROUTINE_DEFINITION", isLongtext, true,
	"EXTERNAL_NAME", isVarchar(64), true,
	"EXTERNAL_LANGUAGE", isVarchar(64), true,
	"PARAMETER_STYLE", isVarchar(8), false,
	"IS_DETERMINISTIC", isVarchar(3), false,
	"SQL_DATA_ACCESS", isVarchar(64), false,
	"SQL_PATH", isVarchar(64), true,
	"SECURITY_TYPE", isVarchar(7), false,
	"CREATED", types.Datetime, false,
	"LAST_ALTERED", types.Datetime, false,
	"SQL_MODE", isVarchar(8192), false,
	"ROUTINE_COMMENT", isLongtext, false,
	"DEFINER", isVarchar(384), false,
	"CHARACTER_SET_CLIENT", isVarchar(32), false,
	"COLLATION_CONNECTION", isVarchar(64), false,
	"DATABASE_COLLATION", isVarchar(64), false,
)

func (s *Server) routinesTable() *information_schema.InformationSchemaTable {
	return &information_schema.InformationSchemaTable{TableName: "ROUTINES", TableSchema: routinesSchema, Reader: s.routinesRows}
}

// routinesRows lists the routines of every database the session can see.
func (s *Server) routinesRows(ctx *sql.Context, cat sql.Catalog) (sql.RowIter, error) {
	var rows []sql.Row
	scat := s.catalogOf(ctx)
	for _, db := range visibleDatabases(ctx, cat) {
		for _, r := range scat.Routines(db.Name()) {
			if s.routineVisible(ctx, r) {
				rows = append(rows, s.routineRow(ctx, r))
			}
		}
	}
	return sql.RowsToRowIter(rows...), nil
}

func (s *Server) routineRow(ctx *sql.Context, r *storage.RoutineDef) sql.Row {
	var dataType, dtd any = "", nil
	var charLen, octetLen, numPrec, numScale, dtPrec, charset, collation any
	if r.Type == storage.RoutineFunction {
		dtd = r.Returns
		if i := strings.Index(r.Returns, " CHARSET "); i >= 0 {
			dtd = r.Returns[:i]
		}
		base := strings.ToLower(dtd.(string))
		if i := strings.IndexAny(base, "( "); i >= 0 {
			base = base[:i]
		}
		dataType = base
		if t, err := parseColumnType(ctx, normalizeCharset(r.Returns)); err == nil {
			switch {
			case types.IsText(t) || types.IsTextBlob(t):
				st := t.(sql.StringType)
				charLen, octetLen = int32(st.MaxCharacterLength()), int32(st.MaxByteLength())
				if tc, ok := t.(sql.TypeWithCollation); ok && !types.IsBinaryType(t) {
					charset, collation = tc.Collation().CharacterSet().Name(), tc.Collation().Name()
				}
			case types.IsInteger(t):
				numPrec, numScale = int32(integerPrecision(t)), int32(0)
			case types.IsDecimal(t):
				dt := t.(sql.DecimalType)
				numPrec, numScale = int32(dt.Precision()), int32(dt.Scale())
			case types.IsTime(t):
				dtPrec = uint64(0)
			}
		}
	}
	det := "NO"
	if r.Deterministic {
		det = "YES"
	}
	var body any = r.Body
	if !s.routineFullAccess(ctx, r) {
		body = nil
	}
	return sql.Row{r.Name, "def", r.DB, r.Name, r.Type, dataType, charLen, octetLen, numPrec, numScale, dtPrec,
		charset, collation, dtd, "SQL", body, nil, nil, "SQL", det, orDefault(r.DataAccess, "CONTAINS SQL"), nil,
		orDefault(r.Security, "DEFINER"), microsTime(r.Created), microsTime(r.Modified), r.SQLMode, r.Comment,
		r.Definer, r.CharsetClient, r.CollationConnection, r.DBCollation}
}

// microsTime is a Unix-microsecond time in the local time zone, to the second.
func microsTime(us int64) time.Time {
	return time.UnixMicro(us).Truncate(time.Second)
}
