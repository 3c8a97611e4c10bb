package sqlengine

import (
	"errors"
	"time"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/plan"

	"github.com/seqd/seqd/storage"
)

// lockWaitTimeout is the session's innodb_lock_wait_timeout.
func lockWaitTimeout(ctx *sql.Context) time.Duration {
	if v, err := ctx.GetSessionVariable(ctx, "innodb_lock_wait_timeout"); err == nil {
		if n, ok := toUint(v); ok {
			return time.Duration(n) * time.Second
		}
	}
	return 50 * time.Second
}

// lockForWrite takes a table's exclusive lock for the rest of the transaction. A deadlock rolls
// the whole transaction back, as InnoDB does.
func lockForWrite(ctx *sql.Context, txn *storage.Txn, id uint64) error {
	return lockResult(ctx, txn, txn.Lock(ctx, id, storage.Exclusive, lockWaitTimeout(ctx)))
}

// lockAllForWrite takes several tables' exclusive locks.
func lockAllForWrite(ctx *sql.Context, txn *storage.Txn, ids []uint64) error {
	if len(ids) == 0 {
		return nil
	}
	return lockResult(ctx, txn, txn.LockAll(ctx, ids, storage.Exclusive, lockWaitTimeout(ctx)))
}

func lockResult(ctx *sql.Context, txn *storage.Txn, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, storage.ErrDeadlock) {
		_ = txn.Rollback()
		ctx.SetTransaction(nil)
	}
	return translateStorageError(err)
}

// lockSequenceInTransaction takes a Shared lock on a sequence that a statement of an open
// transaction uses, held until the transaction ends, as MariaDB holds the sequence's metadata
// lock: INSERT INTO the sequence, ALTER and DROP from other sessions wait for the transaction.
// Autocommit statements take no lock (theirs would end with the statement).
func lockSequenceInTransaction(ctx *sql.Context, id uint64) error {
	if !inTransaction(ctx) {
		return nil
	}
	txn, err := txnOf(ctx)
	if err != nil {
		return nil
	}
	return lockResult(ctx, txn, txn.Lock(ctx, id, storage.Shared, lockWaitTimeout(ctx)))
}

// inTransaction reports whether the session's statements run in a transaction that outlives
// them: after START TRANSACTION, or with autocommit off.
func inTransaction(ctx *sql.Context) bool {
	if ctx.GetIgnoreAutoCommit() {
		return true
	}
	on, err := plan.IsSessionAutocommit(ctx)
	return err == nil && !on
}
