package sqlengine

import (
	"context"

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
