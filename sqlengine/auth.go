package sqlengine

import (
	"net"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/plan"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
)

// GMS's privilege checks fail with "command denied to user 'u'@'%'" (1105), naming the
// account's host pattern and neither the privilege nor the object. authHandler wraps GMS's
// authorization handler and, when a check fails, works out MariaDB's error: 1142 naming the
// missing privileges and the table, 1143 for a column, 1044 for a database, 1227 for a global
// privilege, each naming the user and the host the client connected from.

// authHandler is GMS's authorization handler with MariaDB's errors.
type authHandler struct {
	sql.AuthorizationHandler
	srv *Server
}

// HandleAuth implements sql.AuthorizationHandler.
func (h authHandler) HandleAuth(ctx *sql.Context, state sql.AuthorizationQueryState, auth ast.AuthInformation) error {
	err := h.AuthorizationHandler.HandleAuth(ctx, state, auth)
	if err == nil || !isAccessDenied(err) {
		return err
	}
	if auth.AuthType == ast.AuthType_CREATE && auth.TargetType == ast.AuthTargetType_DatabaseIdentifiers {
		// GMS checks CREATE TABLE against the database; MariaDB also accepts CREATE granted on
		// the table itself, and names the table when it refuses.
		if db, table, ok := createdTable(ctx.Query()); ok {
			if db == "" {
				db = ctx.GetCurrentDatabase()
			}
			auth = ast.AuthInformation{AuthType: auth.AuthType, TargetType: ast.AuthTargetType_SingleTableIdentifier, TargetNames: []string{db, table}}
			subject := sql.PrivilegeCheckSubject{Database: db, Table: table}
			if h.srv.engine.Analyzer.Catalog.MySQLDb.UserHasPrivileges(ctx, sql.NewPrivilegedOperation(subject, sql.PrivilegeType_Create)) {
				return nil
			}
		}
	}
	return h.srv.accessDenied(ctx, auth)
}

// createdTable returns the table a CREATE TABLE statement creates.
func createdTable(q string) (db, table string, ok bool) {
	toks := lexAll(q, false)
	i := 0
	next := func(w string) bool {
		if i < len(toks) && toks[i].isWord(q, w) {
			i++
			return true
		}
		return false
	}
	if !next("create") {
		return "", "", false
	}
	if next("or") && !next("replace") {
		return "", "", false
	}
	next("temporary")
	if !next("table") {
		return "", "", false
	}
	if next("if") && !(next("not") && next("exists")) {
		return "", "", false
	}
	if i >= len(toks) || !toks[i].isIdent() {
		return "", "", false
	}
	table = unquoteName(toks[i].text(q))
	if i+2 < len(toks) && toks[i+1].isPunct(q, '.') && toks[i+2].isIdent() {
		db, table = table, unquoteName(toks[i+2].text(q))
	}
	return db, table, true
}

// CheckDatabase implements sql.AuthorizationHandler.
func (h authHandler) CheckDatabase(ctx *sql.Context, state sql.AuthorizationQueryState, dbName string) error {
	err := h.AuthorizationHandler.CheckDatabase(ctx, state, dbName)
	if err == nil || !isAccessDenied(err) {
		return err
	}
	if dbName == "" {
		dbName = ctx.GetCurrentDatabase()
	}
	user, host := accountOfSession(ctx)
	return mariaErr(sequences.ErrDBAccessDenied, user, host, dbName)
}

// CheckTable implements sql.AuthorizationHandler: GMS checks that a SHOW statement's table is
// visible; MariaDB refuses with 1142 naming SHOW.
func (h authHandler) CheckTable(ctx *sql.Context, state sql.AuthorizationQueryState, dbName, schemaName, tableName string) error {
	err := h.AuthorizationHandler.CheckTable(ctx, state, dbName, schemaName, tableName)
	if err == nil || !isAccessDenied(err) {
		return err
	}
	if dbName == "" {
		dbName = ctx.GetCurrentDatabase()
	}
	user, host := accountOfSession(ctx)
	return mariaErr(sequences.ErrTableAccessDenied, "SHOW", user, host, dbName, tableName)
}

func isAccessDenied(err error) bool {
	return sql.ErrPrivilegeCheckFailed.Is(err) || sql.ErrTableAccessDeniedForUser.Is(err) ||
		sql.ErrDatabaseAccessDeniedForUser.Is(err)
}

// authPrivileges are the privileges GMS checks for each kind of statement, as MariaDB names
// them in its errors.
var authPrivileges = map[string][]sql.PrivilegeType{
	ast.AuthType_ALTER:          {sql.PrivilegeType_Alter},
	ast.AuthType_ALTER_ROUTINE:  {sql.PrivilegeType_AlterRoutine},
	ast.AuthType_CREATE:         {sql.PrivilegeType_Create},
	ast.AuthType_CREATE_ROUTINE: {sql.PrivilegeType_CreateRoutine},
	ast.AuthType_CREATE_TEMP:    {sql.PrivilegeType_CreateTempTable},
	ast.AuthType_CREATE_USER:    {sql.PrivilegeType_CreateUser},
	ast.AuthType_CREATE_VIEW:    {sql.PrivilegeType_CreateView},
	ast.AuthType_DELETE:         {sql.PrivilegeType_Delete},
	ast.AuthType_DROP:           {sql.PrivilegeType_Drop},
	ast.AuthType_EVENT:          {sql.PrivilegeType_Event},
	ast.AuthType_FILE:           {sql.PrivilegeType_File},
	ast.AuthType_FOREIGN_KEY:    {sql.PrivilegeType_References},
	ast.AuthType_INDEX:          {sql.PrivilegeType_Index},
	ast.AuthType_INSERT:         {sql.PrivilegeType_Insert},
	ast.AuthType_LOCK:           {sql.PrivilegeType_Select, sql.PrivilegeType_LockTables},
	ast.AuthType_PROCESS:        {sql.PrivilegeType_Process},
	ast.AuthType_RELOAD:         {sql.PrivilegeType_Reload},
	ast.AuthType_REPLACE:        {sql.PrivilegeType_Insert, sql.PrivilegeType_Delete},
	ast.AuthType_SELECT:         {sql.PrivilegeType_Select},
	ast.AuthType_SUPER:          {sql.PrivilegeType_Super},
	ast.AuthType_TRIGGER:        {sql.PrivilegeType_Trigger},
	ast.AuthType_UPDATE:         {sql.PrivilegeType_Update},
}

// accessDenied returns MariaDB's error for a failed check of auth.
func (s *Server) accessDenied(ctx *sql.Context, auth ast.AuthInformation) error {
	user, host := accountOfSession(ctx)
	privs := authPrivileges[auth.AuthType]
	mdb := s.engine.Analyzer.Catalog.MySQLDb
	missing := func(subject sql.PrivilegeCheckSubject) string {
		var names []string
		for _, p := range privs {
			if !mdb.UserHasPrivileges(ctx, sql.NewPrivilegedOperation(subject, p)) {
				names = append(names, privilegeName(p))
			}
		}
		if len(names) == 0 {
			for _, p := range privs {
				names = append(names, privilegeName(p))
			}
		}
		return strings.Join(names, ", ")
	}
	dbOf := func(name string) string {
		if name == "" {
			return ctx.GetCurrentDatabase()
		}
		return name
	}
	n := auth.TargetNames
	switch {
	case len(privs) == 0:
	case auth.TargetType == ast.AuthTargetType_SingleTableIdentifier && len(n) >= 2,
		auth.TargetType == ast.AuthTargetType_MultipleTableIdentifiers && len(n) >= 2:
		for i := 0; i+1 < len(n); i += 2 {
			subject := sql.PrivilegeCheckSubject{Database: dbOf(n[i]), Table: n[i+1]}
			if !mdb.UserHasPrivileges(ctx, sql.NewPrivilegedOperation(subject, privs...)) {
				return mariaErr(sequences.ErrTableAccessDenied, missing(subject), user, host, subject.Database, subject.Table)
			}
		}
	case auth.TargetType == ast.AuthTargetType_TableColumn && len(n) >= 3:
		subject := sql.PrivilegeCheckSubject{Database: dbOf(n[0]), Table: n[1], Column: n[2]}
		return mariaErr(sequences.ErrColumnAccessDenied, missing(subject), user, host, n[2], n[1])
	case auth.TargetType == ast.AuthTargetType_DatabaseIdentifiers && len(n) >= 1:
		for _, db := range n {
			subject := sql.PrivilegeCheckSubject{Database: dbOf(db)}
			if !mdb.UserHasPrivileges(ctx, sql.NewPrivilegedOperation(subject, privs...)) {
				return mariaErr(sequences.ErrDBAccessDenied, user, host, subject.Database)
			}
		}
	case auth.TargetType == ast.AuthTargetType_Global:
		if db, ok := databaseDDLTarget(ctx.Query()); ok {
			return mariaErr(sequences.ErrDBAccessDenied, user, host, db) // CREATE/DROP DATABASE
		}
		return mariaErr(sequences.ErrSpecificAccessDenied, missing(sql.PrivilegeCheckSubject{}))
	}
	if len(privs) > 0 {
		return mariaErr(sequences.ErrSpecificAccessDenied, missing(sql.PrivilegeCheckSubject{}))
	}
	return mariaErr(sequences.ErrDBAccessDenied, user, host, ctx.GetCurrentDatabase())
}

// privilegeName is a privilege as MariaDB's errors spell it.
func privilegeName(p sql.PrivilegeType) string {
	return strings.ToUpper(p.String())
}

// accountOfSession returns the user and the host MariaDB names in access errors: the host the
// client connected from ("localhost" over loopback), not the account's host pattern.
func accountOfSession(ctx *sql.Context) (string, string) {
	user := ctx.Session.Client().User
	if sess, ok := ctx.Session.(*Session); ok && sess.host != "" {
		return user, sess.host
	}
	return user, "localhost"
}

// connectionHost is MariaDB's name for the host of a client address ("ip:port").
func connectionHost(addr string) string {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsLoopback() {
		return "localhost"
	}
	return host
}

// tablePrivileges are the privileges that make a table visible to SHOW statements.
var tablePrivileges = []sql.PrivilegeType{
	sql.PrivilegeType_Select, sql.PrivilegeType_Insert, sql.PrivilegeType_Update,
	sql.PrivilegeType_Delete, sql.PrivilegeType_Create, sql.PrivilegeType_Drop,
	sql.PrivilegeType_References, sql.PrivilegeType_Index, sql.PrivilegeType_Alter,
	sql.PrivilegeType_CreateView, sql.PrivilegeType_ShowView, sql.PrivilegeType_Trigger,
}

// checkAnyTablePrivilege fails with 1142 "<command> command denied" unless the user holds some
// privilege on db.table (MariaDB's rule for SHOW CREATE TABLE/SEQUENCE and SHOW COLUMNS).
func (s *Server) checkAnyTablePrivilege(ctx *sql.Context, command, db, table string) error {
	mdb := s.engine.Analyzer.Catalog.MySQLDb
	if !mdb.Enabled() || strings.EqualFold(db, "information_schema") {
		return nil
	}
	subject := sql.PrivilegeCheckSubject{Database: db, Table: table}
	for _, p := range tablePrivileges {
		if mdb.UserHasPrivileges(ctx, sql.NewPrivilegedOperation(subject, p)) {
			return nil
		}
	}
	user, host := accountOfSession(ctx)
	return mariaErr(sequences.ErrTableAccessDenied, command, user, host, db, table)
}

// checkShowCreate applies checkAnyTablePrivilege to SHOW CREATE TABLE of a stored table.
func (s *Server) checkShowCreate(ctx *sql.Context, n *plan.ShowCreateTable) error {
	if n.IsView {
		return nil
	}
	rt, ok := n.Child.(*plan.ResolvedTable)
	if !ok || rt.Database() == nil {
		return nil
	}
	switch t := unwrapTable(rt.UnderlyingTable()).(type) {
	case *Table:
		if t.temp {
			return nil
		}
	case *sequenceTable:
		if t.temp {
			return nil
		}
	}
	return s.checkAnyTablePrivilege(ctx, "SHOW", rt.Database().Name(), rt.Name())
}

// databaseDDLTarget returns the database of a CREATE/DROP/ALTER DATABASE (SCHEMA) statement.
func databaseDDLTarget(q string) (string, bool) {
	toks := lexAll(q, false)
	if len(toks) < 3 || !(toks[0].isWord(q, "create") || toks[0].isWord(q, "drop") || toks[0].isWord(q, "alter")) ||
		!(toks[1].isWord(q, "database") || toks[1].isWord(q, "schema")) {
		return "", false
	}
	i := 2
	for i < len(toks) && (toks[i].isWord(q, "if") || toks[i].isWord(q, "not") || toks[i].isWord(q, "exists")) {
		i++
	}
	if i >= len(toks) || !toks[i].isIdent() {
		return "", false
	}
	return unquoteName(toks[i].text(q)), true
}
