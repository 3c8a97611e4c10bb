package sqlengine

import (
	"context"

	"github.com/dolthub/go-mysql-server/sql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// MariaDB opens the sequences a table's column defaults use whenever it opens the table for
// INSERT or REPLACE (see openDefaultSequences), before any row is read: a missing one fails the
// statement with 1146 even when every column is given. CREATE TABLE and ALTER TABLE check the
// definitions they store.

// seqNameRef is a sequence named in a column default.
type seqNameRef struct{ db, name string }

// sequenceRefsIn returns the sequences the default expression text names, as NEXTVAL(...),
// LASTVAL(...) or SETVAL(...) (the stored form of NEXT VALUE FOR and PREVIOUS VALUE FOR).
// Unqualified names are in db.
func sequenceRefsIn(text, db string) []seqNameRef {
	if !needsPatch(text) {
		return nil
	}
	toks := lexAll(text, false)
	var refs []seqNameRef
	for i := 0; i+2 < len(toks); i++ {
		t := toks[i]
		if !(t.isWord(text, "nextval") || t.isWord(text, "lastval") || t.isWord(text, "setval")) ||
			!toks[i+1].isPunct(text, '(') || !toks[i+2].isIdent() {
			continue
		}
		ref := seqNameRef{db: db, name: unquoteName(toks[i+2].text(text))}
		if i+4 < len(toks) && toks[i+3].isPunct(text, '.') && toks[i+4].isIdent() {
			ref = seqNameRef{db: ref.name, name: unquoteName(toks[i+4].text(text))}
		}
		refs = append(refs, ref)
	}
	return refs
}

// checkSequenceExists returns MariaDB's error when db.name is not a sequence that can be opened.
func (s *Server) checkSequenceExists(ctx *sql.Context, db, name string) error {
	def, _, ok := s.findTableDef(ctx, db, name)
	if !ok {
		if _, isView := s.catalogOf(ctx).View(db, name); isView {
			return mariaErr(sequences.ErrNotSequence, db, name)
		}
		return mariaErr(sequences.ErrNoSuchTable, db, name)
	}
	if !def.Sequence {
		return mariaErr(sequences.ErrNotSequence, db, name)
	}
	return nil
}

// openDefaultSequences fails a statement that opens a table whose column defaults use a
// sequence that is missing (1146). MariaDB opens those sequences with the table when the
// statement may evaluate a default: for the target of an INSERT or REPLACE, and for every
// table of a statement that uses DEFAULT or DEFAULT(col) (thd->lex->default_used), before any
// row is read and even when no default is evaluated. It opens them as base tables, so a
// temporary sequence of the same name does not count, and after the statement's own tables
// and sequences, whose errors come first. A table that is not a sequence opens (LASTVAL of it
// is NULL).
func openDefaultSequences(ctx context.Context, stmt ast.Statement, text string) error {
	sctx, ok := ctx.(*sql.Context)
	if !ok {
		return nil
	}
	s := srvOf(sctx)
	if s == nil {
		return nil
	}
	var target *storage.TableDef
	var targetTemp bool
	var tables []seqNameRef
	if ins, isInsert := stmt.(*ast.Insert); isInsert {
		t, ok := insertTarget(ctx, ins)
		if !ok {
			return nil
		}
		target, targetTemp = t.def, t.temp
		tables = append(tables, seqNameRef{db: t.db, name: t.def.Name})
	}
	var all []seqNameRef
	if usesDefault(stmt, text) {
		all = statementTables(sctx, stmt)
		tables = append(tables, all...)
	}
	var refs []seqNameRef
	for _, t := range tables {
		if def, _, ok := s.findTableDef(sctx, t.db, t.name); ok {
			for _, c := range def.Columns {
				refs = append(refs, sequenceRefsIn(c.Default, t.db)...)
			}
		}
	}
	if len(refs) == 0 {
		return nil
	}
	if all == nil {
		all = statementTables(sctx, stmt)
	}
	for _, t := range all {
		if !s.canOpenTable(sctx, t.db, t.name) {
			return nil // the planner reports the missing table first
		}
	}
	for _, r := range refs {
		if _, ok := s.catalogOf(sctx).Table(r.db, r.name); !ok {
			return mariaErr(sequences.ErrNoSuchTable, r.db, r.name)
		}
	}
	if target == nil || targetTemp {
		return nil
	}
	// Under LOCK TABLES MariaDB opens the default's sequences (which must be locked) and then the
	// target for writing, before any default is evaluated.
	for _, r := range refs {
		if err := checkLocked(sctx, r.db, r.name, false); err != nil {
			return err
		}
	}
	return checkLocked(sctx, target.DB, target.Name, true)
}

// usesDefault reports whether stmt, whose text is text, uses DEFAULT as a value or
// DEFAULT(col).
func usesDefault(stmt ast.Statement, text string) bool {
	if !containsFold(text, "default") {
		return false
	}
	if containsFold(text, defaultFuncName) {
		return true
	}
	used := false
	visitAST(stmt, func(n any) bool {
		if _, ok := n.(*ast.Default); ok {
			used = true
		}
		return !used
	})
	return used
}

// statementTables lists the tables stmt names: its target and the tables of its FROM clauses
// and subqueries.
func statementTables(ctx *sql.Context, stmt ast.Statement) []seqNameRef {
	refs := []seqNameRef{}
	add := func(tn ast.TableName) {
		db := tn.DbQualifier.String()
		if db == "" {
			db = ctx.GetCurrentDatabase()
		}
		refs = append(refs, seqNameRef{db: db, name: tn.Name.String()})
	}
	if ins, ok := stmt.(*ast.Insert); ok {
		add(ins.Table)
	}
	visitAST(stmt, func(n any) bool {
		if te, ok := n.(*ast.AliasedTableExpr); ok {
			if tn, isName := te.Expr.(ast.TableName); isName {
				add(tn)
			}
		}
		return true
	})
	return refs
}
