package sqlengine

import (
	"sync/atomic"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"
)

// The global read lock (readlock.go) and XA transactions (xa.go) restrict what statements may
// run. Both are rare, so the restriction costs one atomic load per planned node while neither
// is in use: gate checks adminServer.active first.

// adminServer is the server-wide state of FLUSH TABLES WITH READ LOCK, XA and the table
// maintenance statements.
type adminServer struct {
	// active counts the holders of the global read lock plus the sessions in an XA
	// transaction; while it is 0, gate lets everything through.
	active   atomic.Int32
	readLock globalReadLock
	xa       xaRegistry
	tables   tableStates
}

// adminSession is a session's part of that state. Only the session's goroutine uses it.
type adminSession struct {
	readLock bool      // the session holds the global read lock
	xa       *xaBranch // the session's XA transaction; nil when none
}

// gate runs before GMS executes node n (the priority builder sees every node, the statement's
// root first): statements an XA transaction's state forbids fail with 1399, and writes wait for
// the global read lock or fail with 1223 in the session holding it.
func (s *Server) gate(ctx *sql.Context, n sql.Node) error {
	if s.admin.active.Load() == 0 {
		return nil
	}
	sess, err := sessionOf(ctx)
	if err != nil {
		return nil
	}
	if b := sess.admin.xa; b != nil {
		if err := b.admit(ctx, n); err != nil {
			return err
		}
	}
	if !s.admin.readLock.isHeld() {
		return nil
	}
	if commitsWrites(ctx, n) {
		if err := s.waitReadLock(ctx, sess); err != nil {
			// MariaDB rolls the transaction back when its COMMIT gives up.
			ctx.SetTransaction(nil)
			ctx.SetIgnoreAutoCommit(false)
			return err
		}
		return nil
	}
	if writesBaseObjects(ctx, n) {
		return s.waitReadLock(ctx, sess)
	}
	return nil
}

// commitsWrites reports whether n is a COMMIT of a transaction that wrote: the global read
// lock holds it back, as MariaDB's does.
func commitsWrites(ctx *sql.Context, n sql.Node) bool {
	if _, ok := n.(*plan.Commit); !ok {
		return false
	}
	tx, ok := ctx.GetTransaction().(*Transaction)
	return ok && tx != nil && len(tx.txn.Locks()) > 0
}

// writesBaseObjects reports whether running n changes a base table, a sequence or the catalog,
// which the global read lock forbids. Temporary tables may still be written.
func writesBaseObjects(ctx *sql.Context, n sql.Node) bool {
	switch n := n.(type) {
	case *plan.InsertInto:
		return touchesBaseTable(n.Destination)
	case *plan.Update, *plan.DeleteFrom, *plan.Truncate:
		return touchesBaseTable(n)
	case *plan.CreateTable:
		return !n.Temporary()
	case *plan.LockTables:
		for _, l := range n.Locks {
			if l.Write {
				return true
			}
		}
		return false
	case *execNode:
		return writingExecNode(ctx, n.name)
	case *plan.Grant, *plan.Revoke, *plan.CreateUser, *plan.DropUser, *plan.RenameUser,
		*plan.CreateRole, *plan.DropRole, *plan.GrantRole, *plan.RevokeRole, *plan.AlterUser:
		return true
	}
	return plan.IsDDLNode(n)
}

// writingExecNode reports whether a statement seqd runs itself writes base objects.
func writingExecNode(ctx *sql.Context, name string) bool {
	switch name {
	case "CREATE SEQUENCE", "DROP SEQUENCE", "DROP TABLE":
		return !statementIsTemporary(ctx.Query())
	case "ALTER SEQUENCE", "ALTER TABLE", "DROP VIEW", "CREATE VIEW", "ALTER VIEW", "NEXT VALUES":
		return true
	}
	return false
}

// touchesBaseTable reports whether n reads or writes a table or sequence that is not
// temporary.
func touchesBaseTable(n sql.Node) bool {
	base := false
	transform.Inspect(n, func(c sql.Node) bool {
		if rt, ok := c.(*plan.ResolvedTable); ok {
			if !isTemporaryTable(rt.UnderlyingTable()) && !plan.IsDualTable(rt) {
				base = true
			}
		}
		return !base
	})
	return base
}

func isTemporaryTable(t sql.Table) bool {
	tt, ok := t.(sql.TemporaryTable)
	return ok && tt.IsTemporary()
}

// statementIsTemporary reports whether a CREATE or DROP statement names TEMPORARY among its
// first words (CREATE [OR REPLACE] TEMPORARY ..., DROP TEMPORARY ...).
func statementIsTemporary(q string) bool {
	l := &lexer{src: q}
	for i := 0; i < 4; i++ {
		t := l.next()
		if t.kind != tokWord {
			return false
		}
		switch {
		case t.isWord(q, "temporary"):
			return true
		case t.isWord(q, "table"), t.isWord(q, "tables"), t.isWord(q, "sequence"):
			return false
		}
	}
	return false
}

// endAdminSession releases what a closing session holds: the global read lock, and its XA
// transaction (a prepared one stays for XA RECOVER and XA COMMIT from another session).
func (s *Server) endAdminSession(sess *Session) {
	if sess.admin.readLock {
		sess.admin.readLock = false
		s.admin.readLock.release()
		s.admin.active.Add(-1)
	}
	if sess.admin.xa != nil {
		s.endXASession(sess)
	}
}
