package storage

import (
	"fmt"

	"github.com/cockroachdb/pebble/v2"
)

// Savepoint marks a point in a transaction. RollbackTo undoes everything the transaction wrote
// and staged after it; locks stay held. The SQL layer takes one at the start of each statement
// (statement atomicity) and one per named SAVEPOINT.
type Savepoint struct {
	txn *Txn
	seq uint64
}

// savepointAt is a live savepoint: the batch record count and staged catalog ops at the time.
type savepointAt struct {
	seq   uint64
	count uint32
	ops   int
}

// Savepoint records the transaction's current state.
func (t *Txn) Savepoint() Savepoint {
	if t.done {
		return Savepoint{}
	}
	t.saveSeq++
	var count uint32
	if t.batch != nil {
		count = t.batch.Count()
	}
	t.saves = append(t.saves, savepointAt{seq: t.saveSeq, count: count, ops: len(t.ops)})
	return Savepoint{txn: t, seq: t.saveSeq}
}

// RollbackTo undoes the writes and catalog changes made after sp and discards the savepoints
// taken after sp; sp itself stays valid. It rebuilds the write batch from the records written
// before sp, so a failed statement leaves nothing behind. Iterators opened before RollbackTo
// keep reading what they read before; open new ones. It returns ErrBadSavepoint for a savepoint
// that was released, discarded by an earlier RollbackTo, or belongs to another transaction.
func (t *Txn) RollbackTo(sp Savepoint) error {
	i, err := t.findSavepoint(sp)
	if err != nil {
		return err
	}
	at := t.saves[i]
	if err := t.truncateBatch(at.count); err != nil {
		return err
	}
	t.ops = t.ops[:at.ops]
	t.saves = t.saves[:i+1]
	return nil
}

// Release forgets sp and every savepoint taken after it (RELEASE SAVEPOINT; the end of a
// successful statement). The writes stay.
func (t *Txn) Release(sp Savepoint) error {
	i, err := t.findSavepoint(sp)
	if err != nil {
		return err
	}
	t.saves = t.saves[:i]
	return nil
}

func (t *Txn) findSavepoint(sp Savepoint) (int, error) {
	if t.done {
		return 0, ErrTxnDone
	}
	if sp.txn == t {
		for i := len(t.saves) - 1; i >= 0; i-- {
			if t.saves[i].seq == sp.seq {
				return i, nil
			}
		}
	}
	return 0, ErrBadSavepoint
}

// truncateBatch replaces the batch by one holding only its first n records.
func (t *Txn) truncateBatch(n uint32) error {
	old := t.batch
	if old == nil || old.Count() == n {
		return nil
	}
	if n == 0 {
		t.batch = nil
		t.retire(old)
		return nil
	}
	if err := t.db.enter(); err != nil {
		return err
	}
	nb := t.db.pdb.NewIndexedBatch()
	t.db.exit()
	if err := copyRecords(nb, old, n); err != nil {
		_ = nb.Close()
		return err
	}
	t.batch = nb
	t.retire(old)
	return nil
}

// copyRecords copies the first n records of src into dst.
func copyRecords(dst, src *pebble.Batch, n uint32) error {
	r := src.Reader()
	for copied := uint32(0); copied < n; {
		kind, key, value, ok, err := r.Next()
		if err != nil || !ok {
			return fmt.Errorf("%w: batch ended after %d of %d records: %w", ErrCorrupt, copied, n, err)
		}
		switch kind {
		case pebble.InternalKeyKindSet:
			err = dst.Set(key, value, nil)
		case pebble.InternalKeyKindDelete:
			err = dst.Delete(key, nil)
		case pebble.InternalKeyKindRangeDelete:
			err = dst.DeleteRange(key, value, nil)
		case pebble.InternalKeyKindLogData:
			continue // not counted
		default:
			err = fmt.Errorf("%w: unexpected batch record kind %v", ErrCorrupt, kind)
		}
		if err != nil {
			return err
		}
		copied++
	}
	return nil
}
