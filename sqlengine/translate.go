package sqlengine

import (
	"context"
	"regexp"
	"strconv"
	"strings"

	"github.com/dolthub/vitess/go/mysql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// GMS reports many errors with MySQL 8's or its own texts, often as 1105 (unknown error).
// translate rewrites them into MariaDB 10.11's number, SQLSTATE and text. Where MariaDB's text
// names something GMS's does not (the clause of an unknown column, the column of an out-of-range
// value, the kind of object a DROP missed), the statement is parsed and searched for it.

// translation rewrites one GMS error message into MariaDB's error; nil when it does not apply
// after all (the following translations are tried).
type translation struct {
	re *regexp.Regexp
	fn func(t *translator, m []string) error
}

// translator is the context of one error: the session and the statement that failed.
type translator struct {
	sess  *Session
	query string
	stmt  ast.Statement
	tried bool
}

// statement parses the failing statement, once; nil if it does not parse.
func (t *translator) statement() ast.Statement {
	if !t.tried {
		t.tried = true
		if t.query != "" {
			stmt, _, _, err := newParser().parse(context.Background(), t.query, ';', true, parseMode{})
			if err == nil {
				t.stmt = stmt
			}
		}
	}
	return t.stmt
}

func (t *translator) currentDB() string {
	if t.sess == nil {
		return ""
	}
	return t.sess.GetCurrentDatabase()
}

func re(s string) *regexp.Regexp { return regexp.MustCompile(s) }

// translations are tried in order against GMS's message text.
var translations = []translation{
	// A MariaDB error of seqd's that GMS wrapped: its text ends with the number and SQLSTATE.
	{re(`(?s)^(.*) \(errno (\d+)\) \(sqlstate (\w+)\)$`), func(t *translator, m []string) error {
		code, _ := strconv.Atoi(m[2])
		return mysql.NewSQLError(code, m[3], "%s", m[1])
	}},
	{re(`^table not found: (.+)$`), func(t *translator, m []string) error {
		if col := t.qualifiedColumnOf(m[1]); col != nil {
			return t.unknownColumn([]string{m[0], col.qualifier + "." + col.name})
		}
		if t.namesInfoSchemaTable(m[1]) {
			return mariaErr(sequences.ErrUnknownTable, m[1], "information_schema")
		}
		db, name := t.sess.missingTable(m[1])
		return mariaErr(sequences.ErrNoSuchTable, db, name)
	}},
	{re(`^tables cannot be created on database (.+)$`), func(t *translator, m []string) error {
		user, host := t.account()
		return mariaErr(sequences.ErrDBAccessDenied, user, host, m[1])
	}},
	{re(`^table doesn't support (INSERT INTO|UPDATE|DELETE FROM)$`), func(t *translator, m []string) error {
		if t.namesInfoSchemaTable("") {
			user, host := t.account()
			return mariaErr(sequences.ErrDBAccessDenied, user, host, "information_schema")
		}
		return mysql.NewSQLError(mysql.ERUnknownError, mysql.SSUnknownSQLState, "%s", m[0])
	}},
	{re(`^database not found: (.+)$`), (*translator).databaseNotFound},
	{re(`^operand should have (\d+) columns, but has \d+$`), func(t *translator, m []string) error {
		n, _ := strconv.Atoi(m[1])
		return mariaErr(sequences.ErrOperandColumns, n)
	}},
	{re(`^table with name (.+) already exists$`), func(t *translator, m []string) error {
		return mariaErr(sequences.ErrTableExists, m[1])
	}},
	{re(`^can't create database (.+); database exists$`), func(t *translator, m []string) error {
		return mariaErr(sequences.ErrDBCreateExists, m[1])
	}},
	{re(`^Access denied for user '(.*)'@'(.*)' to database '(.*)'$`), func(t *translator, m []string) error {
		return mariaErr(sequences.ErrDBAccessDenied, m[1], m[2], m[3])
	}},
	{re(`^View '([^.]*)\.(.+)' references invalid table\(s\)`), func(t *translator, m []string) error {
		return mariaErr(sequences.ErrViewInvalid, m[1], m[2])
	}},
	{re(`^Check constraint "(seqd view check .*)" violated$`), func(t *translator, m []string) error {
		if err, ok := viewCheckFailed(m[1]); ok {
			return err
		}
		return mysql.NewSQLError(mysql.ERUnknownError, "HY000", "%s", m[0])
	}},
	{re(`^no database selected$`), func(t *translator, m []string) error {
		return mariaErr(sequences.ErrNoDB)
	}},
	{re(`^Variable '(.+)' is a GLOBAL variable and should be set with SET GLOBAL$`), func(t *translator, m []string) error {
		if _, isSet := t.statement().(*ast.Set); isSet {
			return mariaErr(sequences.ErrGlobalVariable, m[1])
		}
		return mariaErr(sequences.ErrIncorrectGlobalLocalVar, m[1], "GLOBAL")
	}},
	{re(`^Variable '(.+)' is a SESSION variable and can't be used with SET GLOBAL$`), func(t *translator, m []string) error {
		if _, isSet := t.statement().(*ast.Set); isSet {
			return mariaErr(sequences.ErrLocalVariable, m[1])
		}
		return mariaErr(sequences.ErrIncorrectGlobalLocalVar, m[1], "SESSION")
	}},
	{re(archiveDupPattern), func(t *translator, m []string) error {
		return mysql.NewSQLError(sequences.ErrDupKey.Code, sequences.ErrDupKey.State, "%s", m[1])
	}},
	{re(`^duplicate (?:primary|unique) key given: (.+)$`), func(t *translator, m []string) error {
		return mysql.NewSQLError(sequences.ErrDupEntry.Code, sequences.ErrDupEntry.State, "Duplicate entry %s", m[1])
	}},
	{re(`^column "(.+)" could not be found in any table in scope$`), (*translator).unknownColumn},
	{re(`^Unknown column '(.+)' in '(.+)'$`), (*translator).unknownColumn},
	{re(`^table "(.+)" does not have column "(.+)"$`), func(t *translator, m []string) error {
		if t.altersDrop("column", m[2]) {
			return mariaErr(sequences.ErrCantDropFieldOrKey, "COLUMN", m[2])
		}
		return t.unknownColumn([]string{m[0], m[2]})
	}},
	{re(`^column name '(.+)' is non-nullable but attempted to set a value of null$`), func(t *translator, m []string) error {
		return mariaErr(sequences.ErrBadNull, m[1])
	}},
	// A NOT NULL column's default expression gave NULL (DEFAULT (LASTVAL(s)) before any NEXTVAL).
	{re(`^default value attempted to return null but column is non-nullable$`), func(t *translator, m []string) error {
		col := t.defaultColumn(func(c storage.ColumnDef, _ string) bool {
			return !c.Nullable && c.Default != "" && c.Default != "NULL"
		})
		if col == "" {
			return nil
		}
		return mariaErr(sequences.ErrBadNull, col)
	}},
	// An ENUM or SET value that is not a member, in strict mode (GMS names the row).
	{re(`^Data truncated for column '(.+)' at row (\d+)$`), func(t *translator, m []string) error {
		row, _ := strconv.Atoi(m[2])
		return mariaErr(sequences.ErrWarnDataTruncated, m[1], row)
	}},
	{re(`^Field '(.+)' doesn't have a default value$`), func(t *translator, m []string) error {
		return mariaErr(sequences.ErrNoDefaultForField, m[1])
	}},
	{re(`^number of values does not match number of columns provided$`), func(t *translator, m []string) error {
		return mariaErr(sequences.ErrWrongValueCountOnRow, 1)
	}},
	{re("^duplicate column name: `(.+)`$"), func(t *translator, m []string) error {
		return mariaErr(sequences.ErrDupFieldName, m[1])
	}},
	{re(`^Column "(.+)" already exists$`), func(t *translator, m []string) error {
		return mariaErr(sequences.ErrDupFieldName, m[1])
	}},
	{re(`^Duplicate key name '(.+)'$`), func(t *translator, m []string) error {
		return mariaErr(sequences.ErrDupKeyName, m[1])
	}},
	{re(`^an index with id "(.+)" has already been registered$`), func(t *translator, m []string) error {
		return mariaErr(sequences.ErrDupKeyName, m[1])
	}},
	{re(`^error: Multiple primary keys defined$`), func(t *translator, m []string) error {
		return mariaErr(sequences.ErrMultiplePriKey)
	}},
	{re(`^(?:error: incorrect table definition: )?there can be only one auto(?:_increment)? column`), func(t *translator, m []string) error {
		return mariaErr(sequences.ErrWrongAutoKey)
	}},
	{re(`^key column '(.+)' doesn't exist in table$`), func(t *translator, m []string) error {
		return mariaErr(sequences.ErrKeyColumnDoesNotExist, m[1])
	}},
	{re(`^error: can't drop '(.+)'; check that column/key exists$`), func(t *translator, m []string) error {
		kind := "INDEX"
		if t.altersDrop("column", m[1]) {
			kind = "COLUMN"
		}
		return mariaErr(sequences.ErrCantDropFieldOrKey, kind, m[1])
	}},
	{re(`^column '(.+)' specified twice$`), func(t *translator, m []string) error {
		return mariaErr(sequences.ErrFieldSpecifiedTwice, m[1])
	}},
	{re(`^Unknown system variable '(.*)'$`), func(t *translator, m []string) error {
		return mariaErr(sequences.ErrUnknownSystemVariable, len(m[1]), m[1])
	}},
	{re(`^Variable '(.+)' can't be set to the value of '(.*)'$`), func(t *translator, m []string) error {
		return mariaErr(sequences.ErrWrongValueForVar, m[1], m[2])
	}},
	{re(`^value (.*) was not found in the set$`), func(t *translator, m []string) error {
		return mariaErr(sequences.ErrWrongValueForVar, t.setVariableWithValue(m[1]), m[1])
	}},
	{re(`^function: '(.+)' not found$`), func(t *translator, m []string) error {
		return mariaErr(sequences.ErrSPDoesNotExist, "FUNCTION", t.currentDB()+"."+m[1])
	}},
	{re(`^database "(.+)" doesn't support stored procedures$`), func(t *translator, m []string) error {
		return mariaErr(sequences.ErrSPDoesNotExist, "PROCEDURE", m[1]+"."+t.calledProcedure())
	}},
	{re(`^stored procedure "(.+)" does not exist$`), func(t *translator, m []string) error {
		return mariaErr(sequences.ErrSPDoesNotExist, "PROCEDURE", t.currentDB()+"."+m[1])
	}},
	{re(`^the view (.+) does not exist$`), func(t *translator, m []string) error {
		return mariaErr(sequences.ErrUnknownView, m[1])
	}},
	{re(`^the used SELECT statements have a different number of columns`), func(t *translator, m []string) error {
		return mariaErr(sequences.ErrWrongNumberOfColumnsInSelect)
	}},
	{re(`^Not unique table/alias: (.+)$`), func(t *translator, m []string) error {
		return mariaErr(sequences.ErrNonUniqTable, strings.Trim(m[1], "'"))
	}},
	{re(`^Invalid constraint expression, function not supported: (\w+)\(`), func(t *translator, m []string) error {
		fn := strings.ToLower(m[1])
		return mariaErr(sequences.ErrGeneratedColumnFunctionNotAllowed, fn+"()", "CHECK", t.checkUsing(fn))
	}},
	{re(`^limit expression expected to be numeric or procedure parameter, found invalid column: (.+)$`), func(t *translator, m []string) error {
		return mariaErr(sequences.ErrSPUndeclaredVar, m[1])
	}},
	{re(`^(?i)(?:the )?subquery return(?:s|ed) more than 1 row`), func(t *translator, m []string) error {
		return mariaErr(sequences.ErrSubqueryNo1Row)
	}},
	{re(`(?s)^string '(.*)' is too large for column '(.+)'$`), func(t *translator, m []string) error {
		return mariaErr(sequences.ErrDataTooLong, m[2], t.rowOfValue(strValue(m[1])))
	}},
	{re(`^(-?[0-9.eE+]+) out of range for (.+)$`), func(t *translator, m []string) error {
		col, row := t.columnOfRangeError(numValue(m[1]), m[2])
		if col == "" {
			col = t.sequenceDefaultColumn()
		}
		if col == "" {
			if ai := t.autoIncrementColumn(); ai != "" {
				// A generated AUTO_INCREMENT value past the type's maximum.
				msg := sequences.ErrDataOutOfRange.New(ai, row).Message
				return mysql.NewSQLError(haErrAutoincErange, sequences.ErrDataOutOfRange.State, "%s", msg)
			}
		}
		return mariaErr(sequences.ErrDataOutOfRange, col, row)
	}},
	{re(`(?s)^error: '(.*)' is not a valid value for '(.+)'$`), func(t *translator, m []string) error {
		if hasNumericPrefix(m[1]) {
			// '12abc': MariaDB converts the leading number and reports the rest as truncated.
			col, row := t.columnOfValue(strValue(m[1]))
			return mariaErr(sequences.ErrWarnDataTruncated, col, row)
		}
		return t.incorrectValue(typeWord(m[2]), m[1])
	}},
	{re(`^Data truncated for column '(.+)' at row (\d+)$`), func(t *translator, m []string) error {
		row, _ := strconv.Atoi(m[2])
		return mariaErr(sequences.ErrWarnDataTruncated, m[1], row)
	}},
	{re(`(?s)^Incorrect (date|datetime|time|timestamp) value: '(.*)'$`), func(t *translator, m []string) error {
		return t.incorrectValue("", m[2])
	}},
}

// translate rewrites an error GMS produced into MariaDB's number, SQLSTATE and text. Errors seqd
// produced itself already carry MariaDB's and pass through.
func (s *Server) translate(c *mysql.Conn, err error) error {
	return s.translateQuery(c, "", err)
}

// translateQuery is translate for an error of query (the statement text, or text that starts
// with it).
func (s *Server) translateQuery(c *mysql.Conn, query string, err error) error {
	return translateFor(s.sessions.get(c.ConnectionID), query, err)
}

// translateFor is translate for an error of query in session sess.
func translateFor(sess *Session, query string, err error) error {
	if err == nil {
		return nil
	}
	se, ok := err.(*mysql.SQLError)
	if !ok {
		se = mysql.NewSQLError(mysql.ERUnknownError, mysql.SSUnknownSQLState, "%s", err.Error())
	}
	t := &translator{sess: sess, query: query}
	msg := strings.TrimSpace(se.Message)
	for _, tr := range translations {
		if m := tr.re.FindStringSubmatch(msg); m != nil {
			if err := tr.fn(t, m); err != nil {
				return err
			}
			// nil: the translation does not apply after all; try the next.
		}
	}
	return se
}

// missingTable returns the database and name for a 1146 error about name: the last table
// lookup that missed, or the current database.
func (s *Session) missingTable(name string) (string, string) {
	if s == nil {
		return "", name
	}
	if s.lastMiss.name != "" && strings.EqualFold(s.lastMiss.name, name) {
		return s.lastMiss.db, s.lastMiss.name
	}
	return s.GetCurrentDatabase(), name
}

// databaseNotFound: MariaDB says 1146 for a table in a missing database, 1008 for DROP
// DATABASE, and 1049 otherwise.
func (t *translator) databaseNotFound(m []string) error {
	db := m[1]
	switch s := t.statement().(type) {
	case *ast.DBDDL:
		if strings.EqualFold(s.Action, ast.DropStr) {
			return mariaErr(sequences.ErrDBDropExists, db)
		}
	case *ast.Use:
	default:
		if table := tableInDB(s, db); table != "" {
			return mariaErr(sequences.ErrNoSuchTable, db, table)
		}
	}
	return mariaErr(sequences.ErrBadDB, db)
}

// tableInDB returns the name of the first table of db the statement references.
func tableInDB(stmt ast.Statement, db string) string {
	found := ""
	visitAST(stmt, func(n any) bool {
		if tn, ok := n.(ast.TableName); ok && strings.EqualFold(tn.DbQualifier.String(), db) {
			found = tn.Name.String()
		}
		return found == ""
	})
	return found
}

// unknownColumn is 1054 with the clause MariaDB names.
func (t *translator) unknownColumn(m []string) error {
	col := m[1]
	clause := "field list"
	if len(m) > 2 {
		clause = m[2]
	}
	if stmt := t.statement(); stmt != nil {
		ref := parseColumnRef(col)
		if c := unknownColumnClause(stmt, ref); c != "" {
			clause = c
		}
		if u, ok := stmt.(*ast.Update); ok && clause == "SET" {
			if name, c := t.unknownBeforeSet(u); name != "" {
				return mariaErr(sequences.ErrBadField, name, c)
			}
		}
		if ref.qualifier == "" {
			// GMS drops the qualifier the user wrote; MariaDB shows it.
			if q := qualifierOf(stmt, ref.name); q != "" {
				col = q + "." + col
			}
		}
	}
	return mariaErr(sequences.ErrBadField, col, clause)
}

// unknownBeforeSet returns the first column of a single-table UPDATE's WHERE or ORDER BY that
// its table does not have, with the clause: MariaDB resolves both before the SET list, GMS
// after it. Subqueries and columns qualified by another name are left to GMS.
func (t *translator) unknownBeforeSet(u *ast.Update) (string, string) {
	if len(u.TableExprs) != 1 || t.sess == nil {
		return "", ""
	}
	at, ok := u.TableExprs[0].(*ast.AliasedTableExpr)
	if !ok {
		return "", ""
	}
	tn, ok := at.Expr.(ast.TableName)
	if !ok {
		return "", ""
	}
	db := tn.DbQualifier.String()
	if db == "" {
		db = t.currentDB()
	}
	def, ok := t.tableDef(db, tn.Name.String())
	if !ok {
		return "", ""
	}
	alias := tn.Name.String()
	if !at.As.IsEmpty() {
		alias = at.As.String()
	}
	missing := func(node ast.SQLNode) string {
		found := ""
		_ = ast.Walk(func(n ast.SQLNode) (bool, error) {
			switch n := n.(type) {
			case *ast.Subquery:
				return false, nil
			case *ast.ColName:
				q := n.Qualifier.Name.String()
				if found == "" && (q == "" || strings.EqualFold(q, alias)) && !hasColumn(def, n.Name.String()) {
					found = n.Name.String()
					if q != "" {
						found = q + "." + found
					}
				}
			}
			return found == "", nil
		}, node)
		return found
	}
	if u.Where != nil {
		if name := missing(u.Where.Expr); name != "" {
			return name, "WHERE"
		}
	}
	if name := missing(u.OrderBy); name != "" {
		return name, "ORDER BY"
	}
	return "", ""
}

// hasColumn reports whether a table has a column of that name.
func hasColumn(def *storage.TableDef, name string) bool {
	for _, c := range def.Columns {
		if strings.EqualFold(c.Name, name) {
			return true
		}
	}
	return false
}

// qualifiedColumnOf returns the column reference qualified by name when the statement uses name
// only as a column qualifier, never as a table: MariaDB reports such a reference as an unknown
// column, GMS as an unknown table.
func (t *translator) qualifiedColumnOf(name string) *columnRef {
	stmt := t.statement()
	if stmt == nil {
		return nil
	}
	var col *columnRef
	isTable := false
	visitAST(stmt, func(n any) bool {
		switch n := n.(type) {
		case *ast.ColName:
			if col == nil && strings.EqualFold(n.Qualifier.Name.String(), name) {
				col = &columnRef{qualifier: n.Qualifier.Name.String(), name: n.Name.String()}
			}
		case *ast.AliasedTableExpr:
			if strings.EqualFold(n.As.String(), name) {
				isTable = true
			}
			if tn, ok := n.Expr.(ast.TableName); ok && strings.EqualFold(tn.Name.String(), name) {
				isTable = true
			}
		}
		return true
	})
	if isTable {
		return nil
	}
	return col
}

// qualifierOf returns the qualifier of the first reference to column name, if it has one.
func qualifierOf(stmt ast.Statement, name string) string {
	q := ""
	visitAST(stmt, func(n any) bool {
		if c, ok := n.(*ast.ColName); ok && strings.EqualFold(c.Name.String(), name) {
			q = c.Qualifier.Name.String()
			return false
		}
		return true
	})
	return q
}

// checkUsing names the CHECK constraint of the failing CREATE/ALTER TABLE that calls function
// fn (MariaDB names column-level checks after their column).
func (t *translator) checkUsing(fn string) string {
	name := ""
	visitAST(t.statement(), func(n any) bool {
		c, ok := n.(*ast.ConstraintDefinition)
		if !ok {
			return true
		}
		if _, isCheck := c.Details.(*ast.CheckConstraintDefinition); !isCheck {
			return true
		}
		visitAST(c.Details, func(m any) bool {
			if f, ok := m.(*ast.FuncExpr); ok && f.Name.Lowered() == fn {
				name = c.Name
			}
			return name == ""
		})
		return name == ""
	})
	return name
}

// altersDrop reports whether the statement is an ALTER TABLE that drops a column (what is
// "column") or an index (anything else) called name.
func (t *translator) altersDrop(what, name string) bool {
	at, ok := t.statement().(*ast.AlterTable)
	if !ok {
		return false
	}
	for _, d := range at.Statements {
		if what == "column" && d.ColumnAction == ast.DropStr && strings.EqualFold(d.Column.String(), name) {
			return true
		}
	}
	return false
}

// setVariableWithValue names the variable of a SET statement assigned value, for GMS's errors
// about set-typed variables (sql_mode), which do not name it.
func (t *translator) setVariableWithValue(value string) string {
	set, ok := t.statement().(*ast.Set)
	if !ok {
		return ""
	}
	for _, e := range set.Exprs {
		if strings.Contains(strings.ToLower(ast.String(e.Expr)), strings.ToLower(value)) {
			return strings.TrimPrefix(strings.ToLower(e.Name.String()), "@@")
		}
	}
	if len(set.Exprs) > 0 {
		return strings.ToLower(set.Exprs[0].Name.String())
	}
	return ""
}

// calledProcedure is the procedure name of a CALL statement.
func (t *translator) calledProcedure() string {
	if c, ok := t.statement().(*ast.Call); ok {
		return c.ProcName.Name.String()
	}
	return ""
}

// incorrectValue is 1366 (or 1292 for temporal columns): a value that does not convert to the
// column's type. typ is MariaDB's type word, "" to take it from the column.
func (t *translator) incorrectValue(typ, value string) error {
	loc := t.locateValue(strValue(value))
	if loc.column == "" {
		loc.column = "?"
	}
	if loc.typeWord != "" {
		typ = loc.typeWord
	}
	k := sequences.ErrTruncatedWrongValueForField
	if typ == "date" || typ == "datetime" || typ == "time" || typ == "timestamp" {
		msg := mysqlSprintf(k, typ, value, loc.db, loc.table, loc.column, loc.row)
		return mysql.NewSQLError(sequences.ErrTruncatedWrongValue.Code, sequences.ErrTruncatedWrongValue.State, "%s", msg)
	}
	return mariaErr(k, typ, value, loc.db, loc.table, loc.column, loc.row)
}

// numericPrefix matches a number at the start of a string, after leading spaces.
var numericPrefix = regexp.MustCompile(`^\s*[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?`)

// hasNumericPrefix reports whether s starts with a number followed by something else.
func hasNumericPrefix(s string) bool {
	loc := numericPrefix.FindStringIndex(s)
	return loc != nil && strings.TrimSpace(s[loc[1]:]) != ""
}

// mysqlSprintf renders a catalogue format.
func mysqlSprintf(k *sequences.Kind, args ...any) string { return k.New(args...).Message }

// typeWord is MariaDB's word for a GMS type name in "Incorrect %s value".
func typeWord(gms string) string {
	t := strings.ToLower(gms)
	if i := strings.IndexByte(t, '('); i >= 0 {
		t = t[:i]
	}
	switch {
	case strings.Contains(t, "int"):
		return "integer"
	case strings.HasPrefix(t, "decimal"):
		return "decimal"
	case strings.HasPrefix(t, "float"), strings.HasPrefix(t, "double"):
		return "double"
	}
	return t
}

// haErrAutoincErange is the handler error MariaDB returns when the next AUTO_INCREMENT value does
// not fit the column (HA_ERR_AUTOINC_ERANGE); its text is ER_WARN_DATA_OUT_OF_RANGE's.
const haErrAutoincErange = 167

// autoIncrementColumn is the AUTO_INCREMENT column of the table the failing INSERT writes.
func (t *translator) autoIncrementColumn() string {
	_, def, _, ok := t.insertTable()
	if !ok {
		return ""
	}
	for _, c := range def.Columns {
		if c.AutoIncrement {
			return c.Name
		}
	}
	return ""
}

// sequenceDefaultColumn is the first column of the failing INSERT's table that takes its
// default and whose default uses a sequence: a value out of range that is no literal of the
// statement came from there (DEFAULT NEXT VALUE FOR s in a column too small for it).
func (t *translator) sequenceDefaultColumn() string {
	return t.defaultColumn(func(c storage.ColumnDef, db string) bool { return len(sequenceRefsIn(c.Default, db)) > 0 })
}

// defaultColumn is the first column of the failing INSERT's table that takes its default and
// that want accepts.
func (t *translator) defaultColumn(want func(c storage.ColumnDef, db string) bool) string {
	in, def, db, ok := t.insertTable()
	if !ok {
		return ""
	}
	rows := insertValues(in)
	var first ast.ValTuple
	if len(rows) > 0 {
		first = rows[0]
	}
	for i, c := range def.Columns {
		if !want(c, db) {
			continue
		}
		pos := i
		if len(in.Columns) > 0 {
			pos = -1
			for j, name := range in.Columns {
				if strings.EqualFold(name.String(), c.Name) {
					pos = j
				}
			}
			if pos < 0 {
				return c.Name // not listed: it takes its default
			}
		}
		if pos < len(first) {
			if _, isDefault := first[pos].(*ast.Default); isDefault {
				return c.Name
			}
		}
	}
	return ""
}

// sqlErrorOf returns err as a client error, nil if it is not one.
func sqlErrorOf(err error) *mysql.SQLError {
	se, _ := err.(*mysql.SQLError)
	return se
}

// insertTable is the failing statement when it is an INSERT or REPLACE, with the definition
// and database of the table it writes; false for other statements or an unknown table.
func (t *translator) insertTable() (*ast.Insert, *storage.TableDef, string, bool) {
	in, ok := t.statement().(*ast.Insert)
	if !ok || t.sess == nil {
		return nil, nil, "", false
	}
	db := in.Table.DbQualifier.String()
	if db == "" {
		db = t.currentDB()
	}
	def, ok := t.sess.srv.catalogOf(nil).Table(db, in.Table.Name.String())
	return in, def, db, ok
}
