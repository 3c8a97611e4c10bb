package sqlengine

import (
	"context"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
)

// MariaDB opens the sequences a table's column defaults use whenever it opens the table for
// INSERT or REPLACE, before any row is read: a missing one fails the statement with 1146 (even
// when every column is given), a table that is not a sequence with 4089. CREATE TABLE and ALTER
// TABLE check the same for the definitions they store.

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

// checkInsertDefaults fails an INSERT or REPLACE into a table whose column defaults use a
// sequence that cannot be opened.
func checkInsertDefaults(ctx context.Context, stmt ast.Statement) error {
	ins, ok := stmt.(*ast.Insert)
	if !ok {
		return nil
	}
	target, ok := insertTarget(ctx, ins)
	if !ok {
		return nil
	}
	sctx, s, db, def, temp := target.ctx, target.srv, target.db, target.def, target.temp
	var refs []seqNameRef
	for _, c := range def.Columns {
		refs = append(refs, sequenceRefsIn(c.Default, db)...)
	}
	for _, r := range refs {
		if err := s.checkSequenceExists(sctx, r.db, r.name); err != nil {
			return err
		}
	}
	if temp {
		return nil
	}
	// Under LOCK TABLES MariaDB opens the default's sequences (which must be locked) and then the
	// target for writing, before any default is evaluated.
	for _, r := range refs {
		if err := checkLocked(sctx, r.db, r.name, false); err != nil {
			return err
		}
	}
	return checkLocked(sctx, db, def.Name, true)
}

// checkUpdateDefaults fails an UPDATE of one table that sets a column to DEFAULT when that
// column's default uses a sequence that does not exist: MariaDB opens it with the table, before
// any row is read (1146). A table that is not a sequence only fails when a row is updated.
func checkUpdateDefaults(ctx context.Context, stmt ast.Statement) error {
	upd, ok := stmt.(*ast.Update)
	if !ok || len(upd.TableExprs) != 1 {
		return nil
	}
	sctx, ok := ctx.(*sql.Context)
	if !ok {
		return nil
	}
	s := srvOf(sctx)
	if s == nil {
		return nil
	}
	db, name, ok := leftmostTable(upd.TableExprs[0])
	if !ok {
		return nil
	}
	if db == "" {
		db = sctx.GetCurrentDatabase()
	}
	def, _, ok := s.findTableDef(sctx, db, name)
	if !ok {
		return nil
	}
	for _, a := range upd.Exprs {
		if _, isDefault := a.Expr.(*ast.Default); !isDefault || a.Name == nil {
			continue
		}
		for _, c := range def.Columns {
			if !strings.EqualFold(c.Name, a.Name.Name.String()) {
				continue
			}
			for _, r := range sequenceRefsIn(c.Default, db) {
				if !s.canOpenTable(sctx, r.db, r.name) {
					return mariaErr(sequences.ErrNoSuchTable, r.db, r.name)
				}
			}
		}
	}
	return nil
}
