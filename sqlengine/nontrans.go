package sqlengine

import (
	"sync"

	"github.com/seqd/seqd/storage"
)

// MyISAM, Aria, MEMORY and the other engines but InnoDB are not transactional: a statement
// that fails keeps the rows it wrote before the error (a multi-row INSERT that meets a
// duplicate keeps the rows before it). The editor of such a table keeps them when GMS discards
// the statement's changes and notes it here; the failed autocommit statement's transaction is
// then committed instead of rolled back (endFailedAutocommit).
//
// Not followed: ROLLBACK of an explicit transaction undoes them too, where MariaDB keeps them
// and warns (1196).

// transactionalEngine reports whether an engine undoes a failed statement's writes.
func transactionalEngine(engine string) bool { return engine == "InnoDB" }

// keptWrites holds the transactions in which a failed statement kept non-transactional writes.
var keptWrites sync.Map // *storage.Txn -> struct{}

func keepNonTransactional(txn *storage.Txn) { keptWrites.Store(txn, struct{}{}) }

// nonTransactionalKept reports whether the failed statement kept writes in txn, and forgets it.
func nonTransactionalKept(txn *storage.Txn) bool {
	_, ok := keptWrites.LoadAndDelete(txn)
	return ok
}

// commitKept ends a failed autocommit statement that kept non-transactional writes: they are
// committed (and so is anything else the statement wrote, as GMS gives one transaction to a
// statement) and the locks are freed.
func commitKept(sess *Session, tx *Transaction) {
	_ = tx.txn.Commit()
	sess.BaseSession.SetTransaction(nil)
}
