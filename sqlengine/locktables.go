package sqlengine

import (
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/plan"

	"github.com/seqd/seqd/sequences"
)

// LOCK TABLES follows MariaDB within the session: while it is in effect, a statement may only
// use the tables it names, reading tables locked READ and writing tables locked WRITE, else
// errors 1100 and 1099. LOCK TABLES commits the open transaction and releases earlier locks;
// UNLOCK TABLES releases them. Locks do not block other sessions (README, "Not done").

// lockedTable is one table of the session's LOCK TABLES.
type lockedTable struct {
	write bool
}

// lockTables runs LOCK TABLES.
func (s *Server) lockTables(ctx *sql.Context, n *plan.LockTables) (sql.RowIter, error) {
	sess, err := sessionOf(ctx)
	if err != nil {
		return nil, err
	}
	if err := s.implicitCommit(ctx); err != nil {
		return nil, err
	}
	set := map[tableName]lockedTable{}
	for _, l := range n.Locks {
		db, name, ok := lockTarget(ctx, l.Table)
		if !ok {
			continue
		}
		k := tableName{db, name}
		set[k] = lockedTable{write: set[k].write || l.Write}
	}
	sess.locked = set
	return sql.RowsToRowIter(), nil
}

// unlockTables runs UNLOCK TABLES.
func (s *Server) unlockTables(ctx *sql.Context) (sql.RowIter, error) {
	if sess, err := sessionOf(ctx); err == nil {
		sess.locked = nil
	}
	return sql.RowsToRowIter(), nil
}

// lockTarget returns the database and name of a LOCK TABLES entry.
func lockTarget(ctx *sql.Context, n sql.Node) (string, string, bool) {
	for {
		switch t := n.(type) {
		case *plan.SubqueryAlias: // a view
			return ctx.GetCurrentDatabase(), t.Name(), true
		case *plan.TableAlias:
			n = t.Child
			continue
		case *plan.ResolvedTable:
			switch u := t.Table.(type) {
			case *Table:
				return u.Database(), u.Name(), true
			case *sequenceTable:
				return u.Database(), u.Name(), true
			}
			if db := t.Database(); db != nil {
				return db.Name(), t.Name(), true
			}
			return "", t.Name(), true
		}
		return "", "", false
	}
}

// checkLocked enforces the session's LOCK TABLES for a read (write false) or write of db.name.
func checkLocked(ctx *sql.Context, db, name string, write bool) error {
	sess, err := sessionOf(ctx)
	if err != nil || sess.locked == nil {
		return nil
	}
	l, ok := sess.locked[tableName{db, name}]
	if !ok {
		return mariaErr(sequences.ErrTableNotLocked, name)
	}
	if write && !l.write {
		return mariaErr(sequences.ErrTableNotLockedForWrite, name)
	}
	return nil
}
