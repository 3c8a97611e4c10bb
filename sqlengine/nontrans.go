package sqlengine

import (
	"sync"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/seqd/seqd/storage"
)

// MyISAM, Aria, MEMORY and the other engines but InnoDB are not transactional: a statement
// that fails keeps the rows it wrote before the error (a multi-row INSERT that meets a
// duplicate keeps the rows before it). The editor of such a table keeps them when GMS discards
// the statement's changes and notes it here; the failed autocommit statement's transaction is
// then committed instead of rolled back (endFailedAutocommit).
//
// ROLLBACK of a transaction that changed rows of such a table warns (1196) and keeps those
// rows, as MariaDB. Not followed: when the transaction also changed InnoDB rows, seqd cannot
// part them (one storage transaction) and undoes both, still warning.

// transactionalEngine reports whether an engine undoes a failed statement's writes.
func transactionalEngine(engine string) bool { return engine == "InnoDB" }

// keptWrites holds the transactions in which a failed statement kept non-transactional writes,
// and whether it had changed rows of such a table before it failed.
var keptWrites sync.Map // *storage.Txn -> bool

// keepNonTransactional notes that the failed statement keeps its non-transactional writes in
// txn; wrote says it changed rows there (an editor may note it more than once).
func keepNonTransactional(txn *storage.Txn, wrote bool) {
	if prev, ok := keptWrites.Load(txn); ok && prev.(bool) {
		return
	}
	keptWrites.Store(txn, wrote)
}

// nonTransactionalKept reports whether the failed statement kept writes in txn and whether it
// changed rows of a non-transactional table, and forgets it.
func nonTransactionalKept(txn *storage.Txn) (kept, wrote bool) {
	v, ok := keptWrites.LoadAndDelete(txn)
	return ok, ok && v.(bool)
}

// commitKept ends a failed autocommit statement that kept non-transactional writes: they are
// committed (and so is anything else the statement wrote, as GMS gives one transaction to a
// statement) and the locks are freed. warn: the statement had changed rows of a
// non-transactional table and the server reports a binary log; MariaDB then lists warning 1196
// after the error, as at a ROLLBACK. (With the binary log the statement is a transaction of
// the binlog's handler, which MariaDB rolls back, warning; without it there is nothing to roll
// back and no warning.)
func commitKept(sess *Session, tx *Transaction, warn bool) {
	_ = tx.txn.Commit()
	sess.BaseSession.SetTransaction(nil)
	if warn {
		sess.BaseSession.Warn(&sql.Warning{Level: "Warning", Code: errNonTransRollback,
			Message: "Some non-transactional changed tables couldn't be rolled back"})
	}
}

// noteTxnWrite notes, on the session's transaction, that a row of t changed in txn.
func noteTxnWrite(ctx *sql.Context, txn *storage.Txn, t *Table) {
	tx, ok := ctx.GetTransaction().(*Transaction)
	if !ok || tx == nil || tx.txn != txn || t.temp {
		return
	}
	if transactionalEngine(t.meta.def.Engine) {
		tx.wroteTrans = true
	} else {
		tx.wroteNonTrans = true
	}
}

// errNonTransRollback is ER_WARNING_NOT_COMPLETE_ROLLBACK.
const errNonTransRollback = 1196

// rollbackKeepingNonTrans ends tx for ROLLBACK: see above.
func rollbackKeepingNonTrans(ctx *sql.Context, tx *Transaction) error {
	if !tx.wroteNonTrans {
		tx.txn.Rollback()
		return nil
	}
	ctx.Session.Warn(&sql.Warning{Level: "Warning", Code: errNonTransRollback,
		Message: "Some non-transactional changed tables couldn't be rolled back"})
	if tx.wroteTrans {
		tx.txn.Rollback()
		return nil
	}
	return translateStorageError(tx.txn.Commit())
}
