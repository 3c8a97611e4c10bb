package storage

import (
	"bytes"
	"fmt"
)

// Get returns a copy of the value of key as this transaction sees it, and whether the key
// exists.
func (t *Txn) Get(key []byte) (value []byte, ok bool, err error) {
	if t.done {
		return nil, false, ErrTxnDone
	}
	if err := t.db.enter(); err != nil {
		return nil, false, err
	}
	defer t.db.exit()
	return getFrom(t.reader(), key)
}

// Set writes key = value in the transaction. The arguments may be reused after Set returns.
func (t *Txn) Set(key, value []byte) error {
	b, err := t.writer()
	if err != nil {
		return err
	}
	return wrapBatchErr(b.Set(key, value, nil))
}

// Delete deletes key in the transaction.
func (t *Txn) Delete(key []byte) error {
	b, err := t.writer()
	if err != nil {
		return err
	}
	return wrapBatchErr(b.Delete(key, nil))
}

// DeleteRange deletes every key in [lo, hi) in the transaction, including keys the transaction
// wrote itself; later reads in the transaction do not see them. It costs one record regardless
// of how many keys it covers (TRUNCATE, DROP).
//
// An empty range (lo >= hi) deletes nothing; hi must not be nil.
func (t *Txn) DeleteRange(lo, hi []byte) error {
	if hi == nil {
		return fmt.Errorf("%w: DeleteRange without an upper bound", ErrBadKey)
	}
	b, err := t.writer()
	if err != nil || bytes.Compare(lo, hi) >= 0 {
		return err
	}
	return wrapBatchErr(b.DeleteRange(lo, hi, nil))
}

func wrapBatchErr(err error) error {
	if err != nil {
		return fmt.Errorf("storage: batch: %w", err)
	}
	return nil
}

// Counter reads a uint64 counter key (AutoIncrementKey, RowIDKey). ok is false if the key does
// not exist. The SQL layer owns the counters' meaning; it writes one only while it holds the
// table's Exclusive lock, so a read-modify-write under that lock loses no update.
func (t *Txn) Counter(key []byte) (v uint64, ok bool, err error) {
	b, ok, err := t.Get(key)
	if err != nil || !ok {
		return 0, ok, err
	}
	v, err = decodeUint64(b)
	return v, err == nil, err
}

// SetCounter writes a uint64 counter key (8 bytes, big-endian).
func (t *Txn) SetCounter(key []byte, v uint64) error {
	return t.Set(key, encodeUint64(v))
}
