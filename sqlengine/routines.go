package sqlengine

import (
	"context"
	"reflect"
	"strings"
	"time"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// Stored procedures and functions. vitess has no CREATE FUNCTION, and GMS keeps procedures in a
// form that cannot hold MariaDB's characteristics, so seqd parses the routine DDL itself: the
// header (names, parameters, RETURNS, characteristics) here, the body with vitess as the body of
// a CREATE PROCEDURE, which proves it is valid SQL and finds where it ends. The routine is kept
// in the catalog as storage.RoutineDef with its texts as written; CALL and function calls parse
// the body again and run it (routinerun.go).

// routineSpec is a parsed CREATE PROCEDURE or CREATE FUNCTION.
type routineSpec struct {
	orReplace, ifNotExists bool
	definer                string // user@host as written, "" for the current user
	typ                    string // storage.RoutineProcedure or storage.RoutineFunction
	db, name               string // db is "" when not qualified
	params                 string
	returns                string // the return type as written
	body                   string
	comment, security      string
	dataAccess             string
	deterministic          bool
	bodyStmt               ast.Statement // the parsed body, for the checks at CREATE
	// seen records the characteristics given ("comment", "security", "access"), which ALTER
	// changes; detPos is where [NOT] DETERMINISTIC was, which ALTER does not accept, or -1.
	seen   map[string]bool
	detPos int
}

// parseRoutineDDL parses CREATE/DROP PROCEDURE/FUNCTION, SHOW CREATE PROCEDURE/FUNCTION and
// CALL; ok is false for any other statement. n is the length of the statement's text in s,
// including its ';' if any.
func parseRoutineDDL(ctx context.Context, s string, multi bool, mode parseMode) (stmt ast.Statement, n int, ok bool, err error) {
	l := &lexer{src: s, ansiQuotes: mode.opts.AnsiQuotes}
	first := l.next()
	switch {
	case first.isWord(s, "create"):
		spec, bodyStart, ok := readRoutineHeader(s, l)
		if !ok {
			return nil, 0, false, nil
		}
		end, err := parseRoutineBody(ctx, s, bodyStart, multi, spec, mode)
		if err != nil {
			return nil, 0, true, err
		}
		return createRoutineStatement(spec), end, true, nil
	case first.isWord(s, "alter"):
		typ, ok := routineWord(s, l.next())
		if !ok {
			return nil, 0, false, nil
		}
		end := statementEnd(s, mode)
		stmt, err := parseAlterRoutine(s[:end.stmtEnd], l, typ)
		return stmt, end.next, true, err
	case first.isWord(s, "drop"):
		typ, ok := routineWord(s, l.next())
		if !ok {
			return nil, 0, false, nil
		}
		end := statementEnd(s, mode)
		stmt, err := parseDropRoutine(s[:end.stmtEnd], l, typ)
		return stmt, end.next, true, err
	case first.isWord(s, "show"):
		t := l.next()
		if t.isWord(s, "create") {
			typ, ok := routineWord(s, l.next())
			if !ok {
				return nil, 0, false, nil
			}
			end := statementEnd(s, mode)
			stmt, err := parseShowCreateRoutine(s[:end.stmtEnd], l, typ)
			return stmt, end.next, true, err
		}
		return nil, 0, false, nil
	case first.isWord(s, "call"):
		end := statementEnd(s, mode)
		stmt, err := parseCall(ctx, s[:end.stmtEnd], first.end, mode)
		return stmt, end.next, true, err
	}
	return nil, 0, false, nil
}

// routineWord reads PROCEDURE or FUNCTION.
func routineWord(s string, t token) (string, bool) {
	switch {
	case t.isWord(s, "procedure"):
		return storage.RoutineProcedure, true
	case t.isWord(s, "function"):
		return storage.RoutineFunction, true
	}
	return "", false
}

// readRoutineName reads [db.]name.
func readRoutineName(s string, l *lexer) (db, name string, ok bool) {
	t := l.next()
	if !t.isIdent() {
		return "", "", false
	}
	name = identText(s, t)
	save := l.pos
	if l.next().isPunct(s, '.') {
		t = l.next()
		if !t.isIdent() {
			return "", "", false
		}
		return name, identText(s, t), true
	}
	l.pos = save
	return "", name, true
}

// readRoutineHeader reads CREATE [OR REPLACE] [DEFINER = account] PROCEDURE|FUNCTION
// [IF NOT EXISTS] [db.]name (params) [RETURNS type] [characteristics] and returns the offset of
// the body. ok is false when the statement is not a stored routine's CREATE (a view, a table,
// a loadable function: CREATE FUNCTION f RETURNS STRING SONAME ...).
func readRoutineHeader(s string, l *lexer) (*routineSpec, int, bool) {
	spec := &routineSpec{}
	t := l.next()
	if t.isWord(s, "or") {
		if !l.next().isWord(s, "replace") {
			return nil, 0, false
		}
		spec.orReplace = true
		t = l.next()
	}
	if t.isWord(s, "definer") {
		if !l.next().isPunct(s, '=') {
			return nil, 0, false
		}
		d, next, ok := readDefiner(s, l)
		if !ok {
			return nil, 0, false
		}
		spec.definer, t = d, next
	}
	typ, ok := routineWord(s, t)
	if !ok {
		return nil, 0, false
	}
	spec.typ = typ
	save := l.pos
	if l.next().isWord(s, "if") {
		if !l.next().isWord(s, "not") || !l.next().isWord(s, "exists") {
			return nil, 0, false
		}
		spec.ifNotExists = true
	} else {
		l.pos = save
	}
	if spec.db, spec.name, ok = readRoutineName(s, l); !ok {
		return nil, 0, false
	}
	open := l.next()
	if !open.isPunct(s, '(') {
		return nil, 0, false
	}
	depth, close := 1, token{}
	for depth > 0 {
		t := l.next()
		switch {
		case t.kind == tokEOF:
			return nil, 0, false
		case t.isPunct(s, '('):
			depth++
		case t.isPunct(s, ')'):
			depth--
			close = t
		}
	}
	spec.params = strings.TrimSpace(s[open.end:close.start])
	if typ == storage.RoutineFunction {
		if !l.next().isWord(s, "returns") {
			return nil, 0, false
		}
		start, end, ok := readReturnType(s, l)
		if !ok {
			return nil, 0, false
		}
		spec.returns = s[start:end]
	}
	return spec, spec.characteristics(s, l), true
}

// characteristicWords start a routine characteristic or end a RETURNS type.
var characteristicWords = map[string]bool{
	"language": true, "not": true, "deterministic": true, "contains": true, "no": true,
	"reads": true, "modifies": true, "sql": true, "comment": true,
}

// readReturnType reads the type after RETURNS: words and parenthesised lengths up to the first
// characteristic or the body. SET belongs to the type only after CHARACTER.
func readReturnType(s string, l *lexer) (start, end int, ok bool) {
	start, end = -1, -1
	prev := ""
	for {
		save := l.pos
		t := l.next()
		w := strings.ToLower(t.text(s))
		switch {
		case t.kind == tokWord && start >= 0 && (characteristicWords[w] || w == "begin" || w == "return" ||
			(w == "set" && prev != "character") || isStatementWord(w)):
			l.pos = save
			return start, end, true
		case t.kind == tokWord || t.kind == tokQuoted || t.kind == tokString:
		case t.isPunct(s, '('):
			depth := 1
			for depth > 0 {
				u := l.next()
				switch {
				case u.kind == tokEOF:
					return 0, 0, false
				case u.isPunct(s, '('):
					depth++
				case u.isPunct(s, ')'):
					depth--
				}
				t.end = u.end
			}
		case t.isPunct(s, '='): // CHARSET = x is not MariaDB syntax, but harmless to stop at
			l.pos = save
			return start, end, start >= 0
		default:
			l.pos = save
			return start, end, start >= 0
		}
		if start < 0 {
			start = t.start
		}
		end, prev = t.end, w
	}
}

// isStatementWord reports whether w starts a statement a routine body may consist of, which
// ends the RETURNS type of a function.
func isStatementWord(w string) bool {
	switch w {
	case "select", "insert", "update", "delete", "replace", "if", "case", "while", "loop", "repeat",
		"declare", "call", "with", "values", "do", "leave", "iterate", "signal", "resignal":
		return true
	}
	return false
}

// characteristics reads the characteristics before the body and returns the body's offset.
func (r *routineSpec) characteristics(s string, l *lexer) int {
	r.seen, r.detPos = map[string]bool{}, -1
	for {
		save := l.pos
		t := l.next()
		next := func(w string) bool {
			p := l.pos
			if l.next().isWord(s, w) {
				return true
			}
			l.pos = p
			return false
		}
		switch {
		case t.isWord(s, "language") && next("sql"):
		case t.isWord(s, "deterministic"):
			r.deterministic = true
			if r.detPos < 0 {
				r.detPos = t.start
			}
		case t.isWord(s, "not") && next("deterministic"):
			r.deterministic = false
			if r.detPos < 0 {
				r.detPos = t.start
			}
		case t.isWord(s, "contains") && next("sql"):
			r.dataAccess, r.seen["access"] = "", true
		case t.isWord(s, "no") && next("sql"):
			r.dataAccess, r.seen["access"] = "NO SQL", true
		case t.isWord(s, "reads") && next("sql") && next("data"):
			r.dataAccess, r.seen["access"] = "READS SQL DATA", true
		case t.isWord(s, "modifies") && next("sql") && next("data"):
			r.dataAccess, r.seen["access"] = "MODIFIES SQL DATA", true
		case t.isWord(s, "sql") && next("security"):
			r.seen["security"] = true
			w := l.next()
			switch {
			case w.isWord(s, "invoker"):
				r.security = "INVOKER"
			case w.isWord(s, "definer"):
				r.security = ""
			default:
				l.pos = save
				return t.start
			}
		case t.isWord(s, "comment"):
			c := l.next()
			if c.kind != tokString {
				l.pos = save
				return t.start
			}
			r.comment, r.seen["comment"] = unquoteString(c.text(s)), true
		default:
			l.pos = save
			return t.start
		}
	}
}

// procedureHead is the text that makes a routine body parse as the body of a CREATE PROCEDURE.
const procedureHead = "CREATE PROCEDURE p() "

// parseRoutineBody parses the body of a routine starting at s[start:] and stores its text in
// spec. It returns the length of the statement's text in s.
func parseRoutineBody(ctx context.Context, s string, start int, multi bool, spec *routineSpec, mode parseMode) (int, error) {
	stmt, rw, n, err := parseBody(ctx, s[start:], mode)
	if err != nil {
		return 0, syntaxErrorAt(s, start, rw, err, len(procedureHead)-start)
	}
	end := start + n
	rest := strings.TrimSpace(s[end:])
	if !multi && rest != "" && rest != ";" {
		return 0, parseErrorNear(s, end)
	}
	spec.body = strings.TrimRight(strings.TrimSpace(s[start:end]), "; \t\n")
	spec.bodyStmt = stmt
	if err := checkUndoHandlers(s, start, stmt); err != nil {
		return 0, err
	}
	if strings.HasPrefix(rest, ";") {
		end += strings.Index(s[end:], ";") + 1
	}
	return end, nil
}

// parseBody parses a routine body with vitess and returns it with the length of its text.
func parseBody(ctx context.Context, body string, mode parseMode) (ast.Statement, *rewrite, int, error) {
	rw := prepass(procedureHead+body, mode.oracle, mode.opts.AnsiQuotes)
	stmt, ri, err := ast.ParseOneWithOptions(ctx, rw.text, mode.opts)
	if err != nil {
		return nil, rw, 0, err
	}
	ddl, ok := stmt.(*ast.DDL)
	if !ok || ddl.ProcedureSpec == nil || ddl.ProcedureSpec.Body == nil {
		return nil, rw, 0, errNotSupportedYet("this routine body")
	}
	if ri == 0 {
		ri = len(rw.text)
	}
	n := rw.origPos(ri, false) - len(procedureHead)
	if err := patchAST(ddl.ProcedureSpec.Body, rw, false); err != nil {
		return nil, rw, 0, err
	}
	// vitess leaves the text of select expressions inside compound statements empty; GMS would
	// name their columns after the printed expression (with variables already replaced).
	walkAST(reflect.ValueOf(ddl.ProcedureSpec.Body), func(v reflect.Value) {
		ae, ok := v.Interface().(*ast.AliasedExpr)
		if !ok || ae.InputExpression != "" || ae.EndParsePos <= ae.StartParsePos {
			return
		}
		start, end := rw.origPos(ae.StartParsePos, false), rw.origPos(ae.EndParsePos, true)
		if start >= 0 && end <= len(rw.orig) && start < end {
			ae.InputExpression = strings.Trim(rw.orig[start:end], " \n\t")
		}
	})
	return ddl.ProcedureSpec.Body, rw, n, nil
}

// checkRoutineBody applies MariaDB's checks at CREATE: RETURN only in functions (1313), a
// function has a RETURN (1320) and returns no result set (1415).
func checkRoutineBody(spec *routineSpec, db string, body ast.Statement) error {
	var hasReturn, resultSet bool
	walkStatements(body, func(st ast.Statement) {
		switch n := st.(type) {
		case *ast.Return:
			hasReturn = true
		case *ast.Select:
			if n.Into == nil {
				resultSet = true
			}
		case *ast.Show:
			resultSet = true
		}
	})
	if spec.typ == storage.RoutineProcedure {
		if hasReturn {
			return mariaErr(sequences.ErrSPBadReturn)
		}
		return nil
	}
	if resultSet {
		return mariaErr(sequences.ErrSPNoRetset, "function")
	}
	if !hasReturn {
		return mariaErr(sequences.ErrSPNoReturn, db+"."+spec.name)
	}
	return nil
}

// checkUndoHandlers fails with MariaDB's syntax error for DECLARE UNDO HANDLER, which vitess
// parses and MariaDB's grammar does not have.
func checkUndoHandlers(s string, start int, body ast.Statement) error {
	undo := false
	walkStatements(body, func(st ast.Statement) {
		if d, ok := st.(*ast.Declare); ok && d.Handler != nil && d.Handler.Action == ast.DeclareHandlerAction_Undo {
			undo = true
		}
		if b, ok := st.(*ast.BeginEndBlock); ok {
			for _, x := range b.Statements {
				if d, ok := x.(*ast.Declare); ok && d.Handler != nil && d.Handler.Action == ast.DeclareHandlerAction_Undo {
					undo = true
				}
			}
		}
	})
	if !undo {
		return nil
	}
	l := &lexer{src: s, pos: start}
	for {
		t := l.next()
		if t.kind == tokEOF {
			return parseErrorNear(s, start)
		}
		if t.isWord(s, "undo") {
			return parseErrorNear(s, t.start)
		}
	}
}

// checkRoutineNames fails, as MariaDB does at CREATE, when the body reads into an undeclared
// variable (1327) or uses an undeclared cursor (1324).
func checkRoutineNames(body ast.Statement, params []routineParam) error {
	top := &varScope{vars: map[string]*spVar{}}
	for _, p := range params {
		top.vars[strings.ToLower(p.name)] = &spVar{name: p.name, typ: p.typ}
	}
	return (&routineCall{}).bindBody(body, top)
}

// walkStatements calls visit for st and every statement nested in its compound statements.
func walkStatements(st ast.Statement, visit func(ast.Statement)) {
	visit(st)
	each := func(list ast.Statements) {
		for _, x := range list {
			walkStatements(x, visit)
		}
	}
	switch n := st.(type) {
	case *ast.BeginEndBlock:
		each(n.Statements)
	case *ast.IfStatement:
		for _, c := range n.Conditions {
			each(c.Statements)
		}
		each(n.Else)
	case *ast.While:
		each(n.Statements)
	case *ast.Loop:
		each(n.Statements)
	case *ast.Repeat:
		each(n.Statements)
	case *ast.CaseStatement:
		for _, c := range n.Cases {
			each(c.Statements)
		}
		each(n.Else)
	}
}

// createRoutineStatement is the injected CREATE PROCEDURE/FUNCTION.
func createRoutineStatement(spec *routineSpec) ast.Statement {
	name := "CREATE " + spec.typ
	return statement(name, nil, func(ctx *sql.Context, _ []sql.Expression) (sql.Node, error) {
		return okNode(name, func(ctx *sql.Context) (sql.RowIter, error) {
			if err := srvOf(ctx).createRoutine(ctx, spec); err != nil {
				return nil, err
			}
			return okResult(0), nil
		}), nil
	})
}

// routineDB returns the database of a routine name, the current one when not qualified.
func routineDB(ctx *sql.Context, db string) (string, error) {
	if db != "" {
		return db, nil
	}
	if db = ctx.GetCurrentDatabase(); db == "" {
		return "", mariaErr(sequences.ErrNoDB)
	}
	return db, nil
}

// createRoutine runs CREATE [OR REPLACE] PROCEDURE/FUNCTION [IF NOT EXISTS].
func (s *Server) createRoutine(ctx *sql.Context, spec *routineSpec) error {
	if spec.orReplace && spec.ifNotExists {
		return mariaErr(sequences.ErrWrongUsage, "OR REPLACE", "IF NOT EXISTS")
	}
	db, err := routineDB(ctx, spec.db)
	if err != nil {
		return err
	}
	if err := checkRoutineBody(spec, db, spec.bodyStmt); err != nil {
		return err
	}
	if err := s.requireDatabase(ctx, db); err != nil {
		return err
	}
	if err := s.checkRoutineDBPrivilege(ctx, db, sql.PrivilegeType_CreateRoutine); err != nil {
		return err
	}
	if spec.typ == storage.RoutineFunction && s.cfg.LogBin && !trustFunctionCreators(ctx) &&
		!spec.deterministic && spec.dataAccess != "NO SQL" && spec.dataAccess != "READS SQL DATA" {
		return mariaErr(sequences.ErrBinlogUnsafeRoutine)
	}
	returns := ""
	if spec.typ == storage.RoutineFunction {
		if returns, err = s.routineTypeText(ctx, db, spec.returns); err != nil {
			return err
		}
	}
	params, err := routineParams(spec.params)
	if err != nil {
		return err
	}
	if err := checkRoutineNames(spec.bodyStmt, params); err != nil {
		return err
	}
	return s.ddl(ctx, func(txn *storage.Txn) error {
		old, exists := txn.Catalog().Routine(db, spec.typ, spec.name)
		if exists && !spec.orReplace {
			if spec.ifNotExists {
				note(ctx, sequences.ErrSPAlreadyExists, spec.typ, spec.name)
				return nil
			}
			return mariaErr(sequences.ErrSPAlreadyExists, spec.typ, spec.name)
		}
		now := time.Now().UnixMicro()
		def := &storage.RoutineDef{
			DB: db, Name: spec.name, Type: spec.typ, Params: spec.params, Returns: returns, Body: spec.body,
			Definer: spec.definer, Created: now, Modified: now, SQLMode: sessionString(ctx, "sql_mode"),
			Comment: spec.comment, Security: spec.security, Deterministic: spec.deterministic,
			DataAccess: spec.dataAccess, CharsetClient: sessionString(ctx, "character_set_client"),
			CollationConnection: sessionString(ctx, "collation_connection"),
			DBCollation:         s.databaseCollation(ctx, db),
		}
		if exists {
			def.Name = old.Name
			if err := txn.DeleteRoutine(db, spec.typ, old.Name); err != nil {
				return translateStorageError(err)
			}
			def.Name = spec.name
		}
		if def.Definer == "" {
			def.Definer = s.routineAccount(ctx)
		} else if user, host := definerParts(def.Definer); s.engine.Analyzer.Catalog.MySQLDb.Enabled() && !s.accountExists(user, host) {
			note(ctx, sequences.ErrNoSuchUser, user, host)
		}
		return translateStorageError(txn.PutRoutine(def))
	})
}

// trustFunctionCreators reads @@log_bin_trust_function_creators.
func trustFunctionCreators(ctx *sql.Context) bool {
	_, v, ok := sql.SystemVariables.GetGlobal("log_bin_trust_function_creators")
	if !ok {
		return false
	}
	b, _ := sql.ConvertToBool(ctx, v)
	return b
}

// routineTypeText checks a RETURNS type and returns it as MariaDB prints it: a character type
// with its character set and collation, those of database db unless given.
func (s *Server) routineTypeText(ctx *sql.Context, db, text string) (string, error) {
	ct, err := astColumnType(text)
	if err != nil {
		return "", err
	}
	t, err := types.ColumnTypeToType(ct)
	if err != nil {
		return "", errNotSupportedYet("the type " + text)
	}
	out := columnTypeText(text, t)
	if !(types.IsText(t) || types.IsEnum(t) || types.IsSet(t)) || types.IsBinaryType(t) {
		return out, nil
	}
	collation := strings.ToLower(ct.Collate)
	if collation == "" {
		if ct.Charset != "" {
			cs, err := sql.ParseCharacterSet(strings.ToLower(ct.Charset))
			if err != nil {
				return "", errNotSupportedYet("the character set " + ct.Charset)
			}
			collation = cs.DefaultCollation().Name()
		} else {
			collation = s.databaseCollation(ctx, db)
		}
	}
	coll, err := sql.ParseCollation("", collation, false)
	if err != nil {
		return "", errNotSupportedYet("the collation " + collation)
	}
	return out + " CHARSET " + coll.CharacterSet().Name() + " COLLATE " + coll.Name(), nil
}

// astColumnType parses a type as the type of a table column.
func astColumnType(text string) (*ast.ColumnType, error) {
	const head = "create table t (a "
	stmt, err := ast.Parse(head + text + ")")
	if err != nil {
		return nil, parseErrorNear(text, 0)
	}
	ddl, ok := stmt.(*ast.DDL)
	if !ok || ddl.TableSpec == nil || len(ddl.TableSpec.Columns) != 1 {
		return nil, parseErrorNear(text, 0)
	}
	return &ddl.TableSpec.Columns[0].Type, nil
}

// routineParam is one parameter of a routine.
type routineParam struct {
	dir  ast.ProcedureParamDirection
	name string
	typ  sql.Type
}

// routineParams parses a parameter list as written: [IN | OUT | INOUT] name type, ... . The
// types are parsed as column types, since vitess's procedure parameters take no character set.
func routineParams(text string) ([]routineParam, error) {
	var out []routineParam
	seen := map[string]bool{}
	for _, part := range splitTopLevel(text) {
		l := &lexer{src: part}
		t := l.next()
		if t.kind == tokEOF {
			if len(strings.TrimSpace(text)) == 0 {
				return nil, nil
			}
			return nil, parseErrorNear(text, 0)
		}
		dir := ast.ProcedureParamDirection_In
		switch {
		case t.isWord(part, "in"):
			t = l.next()
		case t.isWord(part, "out"):
			dir, t = ast.ProcedureParamDirection_Out, l.next()
		case t.isWord(part, "inout"):
			dir, t = ast.ProcedureParamDirection_Inout, l.next()
		}
		if !t.isIdent() {
			return nil, parseErrorNear(part, t.start)
		}
		name := identText(part, t)
		if seen[strings.ToLower(name)] {
			return nil, mariaErr(sequences.ErrSPDupParam, name)
		}
		seen[strings.ToLower(name)] = true
		ct, err := astColumnType(strings.TrimSpace(part[t.end:]))
		if err != nil {
			return nil, parseErrorNear(part, t.end)
		}
		typ, err := types.ColumnTypeToType(ct)
		if err != nil {
			return nil, errNotSupportedYet("the type " + ct.Type)
		}
		out = append(out, routineParam{dir: dir, name: name, typ: typ})
	}
	return out, nil
}

// splitTopLevel splits text at the commas outside parentheses.
func splitTopLevel(text string) []string {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	var parts []string
	l := &lexer{src: text}
	depth, start := 0, 0
	for {
		t := l.next()
		switch {
		case t.kind == tokEOF:
			return append(parts, text[start:])
		case t.isPunct(text, '('):
			depth++
		case t.isPunct(text, ')'):
			depth--
		case t.isPunct(text, ',') && depth == 0:
			parts = append(parts, text[start:t.start])
			start = t.end
		}
	}
}

// parseDropRoutine parses the rest of DROP PROCEDURE/FUNCTION [IF EXISTS] [db.]name.
func parseDropRoutine(s string, l *lexer, typ string) (ast.Statement, error) {
	ifExists := false
	save := l.pos
	if l.next().isWord(s, "if") {
		if !l.next().isWord(s, "exists") {
			return nil, parseErrorNear(s, save)
		}
		ifExists = true
	} else {
		l.pos = save
	}
	db, name, ok := readRoutineName(s, l)
	if !ok {
		return nil, parseErrorNear(s, l.pos)
	}
	if t := l.next(); t.kind != tokEOF {
		return nil, parseErrorNear(s, t.start)
	}
	stmtName := "DROP " + typ
	return statement(stmtName, nil, func(ctx *sql.Context, _ []sql.Expression) (sql.Node, error) {
		return okNode(stmtName, func(ctx *sql.Context) (sql.RowIter, error) {
			if err := srvOf(ctx).dropRoutine(ctx, typ, db, name, ifExists); err != nil {
				return nil, err
			}
			return okResult(0), nil
		}), nil
	}), nil
}

// parseAlterRoutine parses the rest of ALTER PROCEDURE/FUNCTION [db.]name [characteristics].
func parseAlterRoutine(s string, l *lexer, typ string) (ast.Statement, error) {
	spec := &routineSpec{typ: typ}
	var ok bool
	if spec.db, spec.name, ok = readRoutineName(s, l); !ok {
		return nil, parseErrorNear(s, l.pos)
	}
	end := spec.characteristics(s, l)
	if spec.detPos >= 0 {
		return nil, parseErrorNear(s, spec.detPos)
	}
	if end < len(s) {
		return nil, parseErrorNear(s, end)
	}
	name := "ALTER " + typ
	return statement(name, nil, func(ctx *sql.Context, _ []sql.Expression) (sql.Node, error) {
		return okNode(name, func(ctx *sql.Context) (sql.RowIter, error) {
			if err := srvOf(ctx).alterRoutine(ctx, spec); err != nil {
				return nil, err
			}
			return okResult(0), nil
		}), nil
	}), nil
}

// alterRoutine runs ALTER PROCEDURE/FUNCTION: it changes the characteristics given.
func (s *Server) alterRoutine(ctx *sql.Context, spec *routineSpec) error {
	db, err := routineDB(ctx, spec.db)
	if err != nil {
		return err
	}
	old, ok := s.catalogOf(ctx).Routine(db, spec.typ, spec.name)
	if !ok {
		return mariaErr(sequences.ErrSPDoesNotExist, spec.typ, db+"."+spec.name)
	}
	if err := s.checkRoutinePrivilege(ctx, db, old.Name, spec.typ, sql.PrivilegeType_AlterRoutine); err != nil {
		return err
	}
	return s.ddl(ctx, func(txn *storage.Txn) error {
		cur, ok := txn.Catalog().Routine(db, spec.typ, spec.name)
		if !ok {
			return mariaErr(sequences.ErrSPDoesNotExist, spec.typ, db+"."+spec.name)
		}
		def := *cur
		if spec.seen["comment"] {
			def.Comment = spec.comment
		}
		if spec.seen["security"] {
			def.Security = spec.security
		}
		if spec.seen["access"] {
			def.DataAccess = spec.dataAccess
		}
		def.Modified = time.Now().UnixMicro()
		return translateStorageError(txn.PutRoutine(&def))
	})
}

// dropRoutine runs DROP PROCEDURE/FUNCTION.
func (s *Server) dropRoutine(ctx *sql.Context, typ, db, name string, ifExists bool) error {
	db, err := routineDB(ctx, db)
	if err != nil {
		return err
	}
	if _, ok := s.catalogOf(ctx).Routine(db, typ, name); !ok {
		if ifExists {
			note(ctx, sequences.ErrSPDoesNotExist, typ, db+"."+name)
			return s.implicitCommit(ctx)
		}
		return mariaErr(sequences.ErrSPDoesNotExist, typ, db+"."+name)
	}
	if err := s.checkRoutinePrivilege(ctx, db, name, typ, sql.PrivilegeType_AlterRoutine); err != nil {
		return err
	}
	return s.ddl(ctx, func(txn *storage.Txn) error {
		if _, ok := txn.Catalog().Routine(db, typ, name); !ok {
			return mariaErr(sequences.ErrSPDoesNotExist, typ, db+"."+name)
		}
		return translateStorageError(txn.DeleteRoutine(db, typ, name))
	})
}

// checkRoutineDBPrivilege fails with 1044 unless the user holds priv on database db.
func (s *Server) checkRoutineDBPrivilege(ctx *sql.Context, db string, priv sql.PrivilegeType) error {
	mdb := s.engine.Analyzer.Catalog.MySQLDb
	if !mdb.Enabled() {
		return nil
	}
	if mdb.UserHasPrivileges(ctx, sql.NewPrivilegedOperation(sql.PrivilegeCheckSubject{Database: db}, priv)) {
		return nil
	}
	user, host := accountOfSession(ctx)
	return mariaErr(sequences.ErrDBAccessDenied, user, host, db)
}

// checkRoutinePrivilege fails with 1370 unless the user holds priv (EXECUTE or ALTER ROUTINE)
// on the routine, its database or globally.
func (s *Server) checkRoutinePrivilege(ctx *sql.Context, db, name, typ string, priv sql.PrivilegeType) error {
	mdb := s.engine.Analyzer.Catalog.MySQLDb
	if !mdb.Enabled() {
		return nil
	}
	subject := sql.PrivilegeCheckSubject{Database: db, Routine: name, IsProcedure: typ == storage.RoutineProcedure}
	if mdb.UserHasPrivileges(ctx, sql.NewPrivilegedOperation(subject, priv)) {
		return nil
	}
	user, host := accountOfSession(ctx)
	return mariaErr(sequences.ErrProcAccessDenied, strings.ToLower(priv.String()), user, host, db+"."+name)
}

// normalizeCharset spells CHARSET as CHARACTER SET, for the parsers that accept only the
// latter.
func normalizeCharset(text string) string {
	l := &lexer{src: text}
	var b strings.Builder
	last := 0
	for {
		t := l.next()
		if t.kind == tokEOF {
			break
		}
		if t.isWord(text, "charset") {
			b.WriteString(text[last:t.start])
			b.WriteString("CHARACTER SET")
			last = t.end
		}
	}
	b.WriteString(text[last:])
	return b.String()
}
