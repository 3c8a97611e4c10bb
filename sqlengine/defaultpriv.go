package sqlengine

import (
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/transform"

	"github.com/seqd/seqd/functions"
	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// checkDefaultSequences fails, as MariaDB does, when a column default of a table being created
// or altered uses a sequence that does not exist (1146), a table that is not a sequence (4089),
// or a sequence the user may not both SELECT from and INSERT into (1142).
func (s *Server) checkDefaultSequences(ctx *sql.Context, cols ...*sql.Column) error {
	for _, col := range cols {
		if col == nil || col.Default == nil || col.Default.Expr == nil {
			continue
		}
		var err error
		transform.InspectExpr(ctx, col.Default.Expr, func(ctx *sql.Context, e sql.Expression) bool {
			r, ok := e.(*functions.Ref)
			if !ok {
				return false
			}
			db := r.DB
			if db == "" {
				db = ctx.GetCurrentDatabase()
			}
			if err = s.checkSequenceExists(ctx, db, r.Name); err == nil {
				err = s.checkTablePrivileges(ctx, db, r.Name, sql.PrivilegeType_Select, sql.PrivilegeType_Insert)
			}
			return err != nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// checkStoredDefaults fails with 1146 when a table definition ALTER TABLE is about to store has
// a default using a sequence that is missing: MariaDB opens the new definition's sequences as
// base tables (a temporary sequence does not count, a table that is not a sequence does), for
// every change but a plain rename. CREATE TABLE adds its keys, checks and foreign keys through
// the same calls, but its defaults were checked as the statement's own sequences (temporary
// ones count there, see checkDefaultSequences), so it is not checked again.
func (s *Server) checkStoredDefaults(ctx *sql.Context, db string, cols []storage.ColumnDef) error {
	if runningCreateTable(ctx) {
		return nil
	}
	for _, c := range cols {
		for _, r := range sequenceRefsIn(c.Default, db) {
			if _, ok := s.catalogOf(ctx).Table(r.db, r.name); !ok {
				return mariaErr(sequences.ErrNoSuchTable, r.db, r.name)
			}
		}
	}
	return nil
}

// runningCreateTable reports whether the statement being run is CREATE [OR REPLACE]
// [TEMPORARY] TABLE.
func runningCreateTable(ctx *sql.Context) bool {
	q := ctx.Query()
	l := &lexer{src: q}
	if !l.next().isWord(q, "create") {
		return false
	}
	for i := 0; i < 4; i++ {
		t := l.next()
		switch {
		case t.isWord(q, "table"):
			return true
		case t.isWord(q, "or") || t.isWord(q, "replace") || t.isWord(q, "temporary"):
		default:
			return false
		}
	}
	return false
}
