package storage

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/cockroachdb/pebble/v2"
)

// Txn is a transaction: a write buffer (a pebble indexed batch, created on the first write),
// staged catalog changes, and the table locks it holds.
//
// Reads see the transaction's own writes over the latest committed data (READ COMMITTED):
// every Get and every new Iter reads the data committed at that moment. Isolation between
// writers comes from locks: the SQL layer takes an Exclusive lock on a table before writing it,
// so no other transaction changes rows it reads while it holds the lock.
//
// A Txn is used by one goroutine at a time (a session); only Lock's wait may be interrupted
// from elsewhere, through its context. After Commit or Rollback every method returns ErrTxnDone.
type Txn struct {
	db    *DB
	id    uint64
	owner lockOwner

	batch   *pebble.Batch   // nil until the first write
	retired []*pebble.Batch // batches replaced by RollbackTo; open iterators may still read them
	iters   map[*Iter]struct{}
	ops     []catalogOp   // staged catalog changes, in batch order
	saves   []savepointAt // live savepoints, oldest first
	saveSeq uint64
	view    catalogView // cache for Catalog
	done    bool
}

// Begin starts a transaction. It does not touch pebble until the first read or write.
func (db *DB) Begin() *Txn {
	id := db.txnIDs.Add(1)
	return &Txn{db: db, id: id, owner: lockOwner{txnID: id}}
}

// ID returns the transaction's id, unique within this DB.
func (t *Txn) ID() uint64 { return t.id }

// Commit makes the transaction's writes durable and visible, publishes its catalog changes and
// releases its locks. Open iterators are closed. A transaction without writes commits at no cost.
//
// The batch is applied first (visible to new reads), the catalog published, locks released, and
// only then does Commit wait for the WAL fsync, so concurrent commits share fsyncs (group
// commit). Commit returns only after the fsync: a nil error means the writes are on stable
// storage. An error means the writes may or may not survive a crash (they are all-or-nothing)
// and the DB has failed (ErrFailed) until reopened.
func (t *Txn) Commit() error {
	if t.done {
		return ErrTxnDone
	}
	defer t.finish()
	t.closeIters() // before the batch is handed to pebble
	if t.batch == nil || t.batch.Empty() {
		if f := t.db.failed.Load(); f != nil {
			return *f
		}
		return nil
	}
	if err := t.db.enter(); err != nil {
		return err
	}
	defer t.db.exit()
	if err := t.db.apply(t.batch, t.ops); err != nil {
		return err
	}
	t.releaseLocks()
	if err := t.batch.SyncWait(); err != nil {
		return t.db.fail(fmt.Errorf("commit: %w", err))
	}
	return nil
}

// Rollback discards the transaction's writes and staged catalog changes and releases its
// locks. Open iterators are closed. Rollback after Commit or Rollback does nothing and returns
// nil, so it can be deferred.
func (t *Txn) Rollback() error {
	if t.done {
		return nil
	}
	t.finish()
	return nil
}

// Lock acquires a lock on resource id (a table id) in the given mode, holding it until Commit or
// Rollback. It is re-entrant, and a Shared holder may ask for Exclusive (an upgrade). It blocks
// until granted and fails with ErrLockWaitTimeout after timeout (timeout < 0: no limit;
// timeout 0: do not wait), with ErrDeadlock if waiting would deadlock, or with ctx.Err() when
// ctx is done (KILL). A failed Lock leaves the locks already held unchanged.
func (t *Txn) Lock(ctx context.Context, id uint64, mode LockMode, timeout time.Duration) error {
	if t.done {
		return ErrTxnDone
	}
	return t.db.locks.acquire(ctx, &t.owner, id, mode, timeout)
}

// LockAll locks ids in ascending order (the order every caller should use to lock several
// objects, e.g. DROP DATABASE locking the database and then its tables), each with Lock.
// On error the locks already granted stay held.
func (t *Txn) LockAll(ctx context.Context, ids []uint64, mode LockMode, timeout time.Duration) error {
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	for _, id := range sorted {
		if err := t.Lock(ctx, id, mode, timeout); err != nil {
			return err
		}
	}
	return nil
}

// Locks returns the locks the transaction holds, resource id to mode.
func (t *Txn) Locks() map[uint64]LockMode { return t.db.locks.heldBy(&t.owner) }

func (t *Txn) releaseLocks() { t.db.locks.releaseAll(&t.owner) }

// finish ends the transaction: closes iterators and batches, releases locks.
func (t *Txn) finish() {
	t.done = true
	t.closeIters()
	t.closeBatch(t.batch)
	for _, b := range t.retired {
		t.closeBatch(b)
	}
	t.batch, t.retired, t.ops, t.saves = nil, nil, nil, nil
	t.releaseLocks()
}

func (t *Txn) closeIters() {
	for it := range t.iters {
		_ = it.closeIter()
	}
}

func (t *Txn) closeBatch(b *pebble.Batch) {
	if b != nil {
		_ = b.Close()
	}
}

// retire stops using b for new reads and writes, closing it when no iterator reads it.
func (t *Txn) retire(b *pebble.Batch) {
	if b == nil {
		return
	}
	if len(t.iters) == 0 {
		t.closeBatch(b)
		return
	}
	t.retired = append(t.retired, b)
}

// apply applies a transaction's batch (visible, not yet synced) and publishes its catalog
// changes onto the latest snapshot, in that order under catMu.
func (db *DB) apply(b *pebble.Batch, ops []catalogOp) error {
	if len(ops) > 0 {
		db.catMu.Lock()
		defer db.catMu.Unlock()
	}
	if err := db.pdb.ApplyNoSyncWait(b, pebble.Sync); err != nil {
		return fmt.Errorf("storage: commit: %w", err)
	}
	if len(ops) > 0 {
		cur := db.cat.Load()
		next := cur.apply(ops)
		next.gen = cur.gen + 1
		db.cat.Store(next)
	}
	return nil
}

// writer returns the batch, creating it on the first write.
func (t *Txn) writer() (*pebble.Batch, error) {
	if t.done {
		return nil, ErrTxnDone
	}
	if t.batch == nil {
		if err := t.db.enter(); err != nil {
			return nil, err
		}
		t.batch = t.db.pdb.NewIndexedBatch()
		t.db.exit()
	}
	return t.batch, nil
}

// reader returns what reads go to: the batch over the DB, or the DB before the first write.
func (t *Txn) reader() pebble.Reader {
	if t.batch != nil {
		return t.batch
	}
	return t.db.pdb
}
