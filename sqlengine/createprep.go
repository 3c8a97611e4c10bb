package sqlengine

import (
	"context"
	"strconv"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/plan"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
)

// MariaDB's CREATE OR REPLACE TABLE has no vitess grammar, and GMS's plan of CREATE TABLE does
// not say which CHECK constraints were written on a column. The parser removes OR REPLACE, and
// records both facts in the session for the CreateTable hook (beforeCreateTable). They are reset
// whenever the session parses a statement, so they never outlive it.

// orReplaceTable finds CREATE OR REPLACE [TEMPORARY] TABLE and removes OR REPLACE from the
// text to parse.
func (r *rewrite) orReplaceTable() bool {
	l := &lexer{src: r.text}
	create, or, replace := l.next(), l.next(), l.next()
	if !create.isWord(r.text, "create") || !or.isWord(r.text, "or") || !replace.isWord(r.text, "replace") {
		return false
	}
	next := l.next()
	if next.isWord(r.text, "temporary") {
		next = l.next()
	}
	if !next.isWord(r.text, "table") {
		return false
	}
	r.deleteAt(or.start, replace.end)
	return true
}

// sequenceOptionDefault rewrites the table option SEQUENCE=DEFAULT (not a sequence) of CREATE
// or ALTER TABLE, which vitess does not parse, as SEQUENCE=0.
func (r *rewrite) sequenceOptionDefault() {
	if !containsFold(r.text, "sequence") || !containsFold(r.text, "default") {
		return
	}
	toks := lexAll(r.text, false)
	if !isTableDDL(r.text, toks) {
		return
	}
	depth := 0
	for i, t := range toks {
		switch {
		case t.isPunct(r.text, '('):
			depth++
		case t.isPunct(r.text, ')'):
			depth--
		case depth == 0 && t.isWord(r.text, "sequence"):
			j := i + 1
			if j < len(toks) && toks[j].isPunct(r.text, '=') {
				j++
			}
			if j < len(toks) && toks[j].isWord(r.text, "default") {
				d := toks[j]
				r.deleteAt(d.start, d.end)
				r.insertAt(d.start, "0")
				return
			}
		}
	}
}

// noteCreate records, for ctx's session, the CREATE TABLE facts GMS's plan loses.
func noteCreate(ctx context.Context, stmt ast.Statement, orReplace bool) {
	sctx, ok := ctx.(*sql.Context)
	if !ok {
		return
	}
	sess, ok := sctx.Session.(*Session)
	if !ok {
		return
	}
	sess.pendingReplace, sess.columnChecks, sess.pendingLike = tableName{}, nil, tableName{}
	sess.engineOpts = nil
	ddl, ok := stmt.(*ast.DDL)
	if !ok || ddl.Action != ast.CreateStr {
		return
	}
	if orReplace {
		db := ddl.Table.DbQualifier.String()
		if db == "" {
			db = sctx.GetCurrentDatabase()
		}
		sess.pendingReplace = tableName{db, ddl.Table.Name.String()}
	}
	if ddl.OptLike != nil && len(ddl.OptLike.LikeTables) == 1 {
		lt := ddl.OptLike.LikeTables[0]
		db := lt.DbQualifier.String()
		if db == "" {
			db = sctx.GetCurrentDatabase()
		}
		sess.pendingLike = tableName{db, lt.Name.String()}
	}
	if ddl.TableSpec != nil {
		sess.engineOpts = engineOptionsOf(ddl.TableSpec.TableOpts)
		for _, c := range ddl.TableSpec.Columns {
			if c.Type.Constraint != nil {
				sess.columnChecks = append(sess.columnChecks, c.Name.String())
			}
		}
	}
}

// checkCreateLikeItself fails CREATE TABLE t LIKE t with 1066, as MariaDB does before it looks
// for either table.
func checkCreateLikeItself(ctx context.Context, stmt ast.Statement) error {
	ddl, ok := stmt.(*ast.DDL)
	if !ok || ddl.Action != ast.CreateStr || ddl.OptLike == nil || len(ddl.OptLike.LikeTables) != 1 {
		return nil
	}
	current := ""
	if sctx, ok := ctx.(*sql.Context); ok {
		current = sctx.GetCurrentDatabase()
	}
	dbOf := func(q ast.TableIdent) string {
		if q.String() != "" {
			return q.String()
		}
		return current
	}
	lt := ddl.OptLike.LikeTables[0]
	if lt.Name.String() == ddl.Table.Name.String() && dbOf(lt.DbQualifier) == dbOf(ddl.Table.DbQualifier) {
		return mariaErr(sequences.ErrNonUniqTable, lt.Name.String())
	}
	return nil
}

// validateSequenceCreate is MariaDB's check of CREATE TABLE ... SEQUENCE=1 (and CREATE TABLE ...
// LIKE a sequence): the eight columns, no keys, no constraints; error 4086 names the reason.
func validateSequenceCreate(ctx *sql.Context, db string, ct *plan.CreateTable) error {
	var cols []sequences.ColumnSpec
	for _, c := range ct.PkSchema().Schema {
		cols = append(cols, sequences.ColumnSpec{Name: c.Name, Type: c.Type.String(), NotNull: !c.Nullable})
	}
	reason := sequences.CheckTableColumns(cols)
	if reason == "" {
		if sess, err := sessionOf(ctx); err == nil && len(sess.columnChecks) > 0 {
			reason = sess.columnChecks[0]
		}
	}
	if reason == "" && (len(ct.Indexes()) > 0 || len(ct.PkSchema().PkOrdinals) > 0) {
		reason = "Sequence tables cannot have any keys"
	}
	if reason == "" && len(ct.Checks()) > 0 {
		reason = "Sequence tables cannot have any constraints"
	}
	if reason != "" {
		return mariaErr(sequences.ErrInvalidTableStructure, db, ct.Name(), reason)
	}
	return nil
}

// CREATE TABLE name <table options> [IGNORE | REPLACE] [AS] SELECT ..., without a column list,
// has no vitess grammar. The parser takes the options out of the text (optionsBeforeSelect),
// parses them on their own, and the CreateTable hook adds them to the plan (addSelectOptions).

// selectOptions are the table options taken out of a CREATE TABLE ... SELECT.
type selectOptions struct {
	table tableName
	opts  []*ast.TableOption
}

// optionsBeforeSelect removes the table options between the table name and the SELECT of a
// CREATE TABLE without a column list, and returns them as written ("" if there are none).
func (r *rewrite) optionsBeforeSelect() string {
	if !containsFold(r.text, "select") {
		return ""
	}
	toks := lexAll(r.text, false)
	i, ok := afterCreateTableName(r.text, toks)
	if !ok {
		return ""
	}
	start, end := i, selectStart(r.text, toks, i)
	if end <= start || end >= len(toks) {
		return ""
	}
	text := r.text[toks[start].start:toks[end-1].end]
	if _, ok := parseTableOptions(text); !ok {
		return ""
	}
	r.deleteAt(toks[start].start, toks[end-1].end)
	return text
}

// selectStart returns the index of the token after table options starting at toks[i]: the
// IGNORE, REPLACE, AS, SELECT or "(" that begins the query, or len(toks) if there is none.
// Parentheses after "=" (UNION=(t1,t2)) belong to the options.
func selectStart(q string, toks []token, i int) int {
	for ; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t.isWord(q, "ignore"), t.isWord(q, "replace"), t.isWord(q, "as"), t.isWord(q, "select"):
			return i
		case t.isPunct(q, '('):
			if i == 0 || !toks[i-1].isPunct(q, '=') {
				return i
			}
			for depth := 0; i < len(toks); i++ {
				if toks[i].isPunct(q, '(') {
					depth++
				} else if toks[i].isPunct(q, ')') {
					if depth--; depth == 0 {
						break
					}
				}
			}
		}
	}
	return len(toks)
}

// parseTableOptions parses table options with vitess.
func parseTableOptions(text string) ([]*ast.TableOption, bool) {
	stmt, err := ast.Parse("create table t (c int) " + text)
	if err != nil {
		return nil, false
	}
	ddl, ok := stmt.(*ast.DDL)
	if !ok || ddl.TableSpec == nil || len(ddl.TableSpec.TableOpts) == 0 {
		return nil, false
	}
	return ddl.TableSpec.TableOpts, true
}

// noteSelectOptions records, for ctx's session, the options optionsBeforeSelect took out of
// stmt's text.
func noteSelectOptions(ctx context.Context, stmt ast.Statement, text string) {
	sctx, _ := ctx.(*sql.Context)
	sess, ok := sessionFromContext(sctx)
	if _, isSelect := stmt.(ast.SelectStatement); !ok || isSelect {
		return // GMS parses the SELECTs of views while it runs a statement
	}
	sess.selectOpts = nil
	ddl, ok := stmt.(*ast.DDL)
	if !ok || text == "" || ddl.Action != ast.CreateStr || ddl.OptSelect == nil {
		return
	}
	opts, _ := parseTableOptions(text)
	db := ddl.Table.DbQualifier.String()
	if db == "" {
		db = sess.GetCurrentDatabase()
	}
	sess.selectOpts = &selectOptions{table: tableName{db, ddl.Table.Name.String()}, opts: opts}
	sess.engineOpts = engineOptionsOf(opts)
}

// addSelectOptions adds the options of a CREATE TABLE ... SELECT to its plan, as GMS would
// have from a parsed TableSpec (lower-case names; AUTO_INCREMENT as a number), and the table's
// character set and collation.
func addSelectOptions(sess *Session, db string, ct *plan.CreateTable) error {
	so := sess.selectOpts
	if so == nil || so.table != (tableName{db, ct.Name()}) {
		return nil
	}
	sess.selectOpts = nil
	if ct.TableOpts == nil {
		ct.TableOpts = map[string]any{}
	}
	for _, o := range so.opts {
		name := strings.ToLower(o.Name)
		var v any = o.Value
		if name == "auto_increment" {
			n, err := strconv.ParseUint(o.Value, 10, 64)
			if err != nil {
				return err
			}
			v = n
		}
		ct.TableOpts[name] = v
	}
	charset, _ := ct.TableOpts["character set"].(string)
	collate, _ := ct.TableOpts["collate"].(string)
	if charset != "" || collate != "" {
		coll, err := sql.ParseCollation(charset, collate, false)
		if err != nil {
			return err
		}
		ct.Collation = coll
	}
	return nil
}

// asBeforeSetOp inserts AS before the query of a CREATE TABLE ... SELECT ... UNION (or EXCEPT,
// INTERSECT) written without AS: vitess parses a query without AS only when it is one SELECT,
// MariaDB any query.
func (r *rewrite) asBeforeSetOp() {
	if !containsFold(r.text, "select") {
		return
	}
	toks := lexAll(r.text, false)
	i, ok := afterCreateTableName(r.text, toks)
	if !ok {
		return
	}
	isQuery := func(j int) bool {
		for ; j < len(toks) && toks[j].isPunct(r.text, '('); j++ {
		}
		return j < len(toks) && toks[j].isWord(r.text, "select")
	}
	if i < len(toks) && toks[i].isPunct(r.text, '(') && !isQuery(i) {
		// the column list
		for depth := 0; i < len(toks); i++ {
			if toks[i].isPunct(r.text, '(') {
				depth++
			} else if toks[i].isPunct(r.text, ')') {
				if depth--; depth == 0 {
					i++
					break
				}
			}
		}
	}
	i = selectStart(r.text, toks, i) // after the table options
	if i >= len(toks) || !isQuery(i) {
		return // AS, IGNORE or REPLACE first: left to vitess
	}
	if toks[i].isPunct(r.text, '(') {
		// vitess parses a parenthesized query only after AS, and one alone not even there:
		// (SELECT ...) becomes AS SELECT ..., (SELECT ...) UNION ... AS (SELECT ...) UNION ...
		depth, close := 0, -1
		for j := i; j < len(toks) && close < 0; j++ {
			if toks[j].isPunct(r.text, '(') {
				depth++
			} else if toks[j].isPunct(r.text, ')') {
				if depth--; depth == 0 {
					close = j
				}
			}
		}
		if close == len(toks)-1 || close == len(toks)-2 && toks[close+1].isPunct(r.text, ';') {
			r.deleteAt(toks[close].start, toks[close].end)
			r.deleteAt(toks[i].start, toks[i].end)
		}
		r.insertAt(toks[i].start, "AS ")
		return
	}
	depth := 0
	for _, t := range toks[i:] {
		switch {
		case t.isPunct(r.text, '('):
			depth++
		case t.isPunct(r.text, ')'):
			depth--
		case depth == 0 && (t.isWord(r.text, "union") || t.isWord(r.text, "except") || t.isWord(r.text, "intersect")):
			r.insertAt(toks[i].start, "AS ")
			return
		}
	}
}

// afterCreateTableName returns the index of the token after the table name of CREATE
// [TEMPORARY] TABLE [IF NOT EXISTS] [db.]name; false for other statements.
func afterCreateTableName(q string, toks []token) (int, bool) {
	i := 0
	word := func(w string) bool {
		if i < len(toks) && toks[i].isWord(q, w) {
			i++
			return true
		}
		return false
	}
	if !word("create") {
		return 0, false
	}
	word("temporary")
	if !word("table") {
		return 0, false
	}
	if word("if") && !(word("not") && word("exists")) {
		return 0, false
	}
	if i >= len(toks) || !toks[i].isIdent() {
		return 0, false
	}
	i++
	if i+1 < len(toks) && toks[i].isPunct(q, '.') {
		i += 2
	}
	return i, true
}
