package storage

import (
	"bytes"
	"fmt"

	"github.com/cockroachdb/pebble/v2"
)

// Iter iterates over the keys in [lower, upper) as its transaction saw them when the iterator
// was created: committed data as of that moment, overlaid with the transaction's writes made
// before that moment. Writes the transaction makes later are not visible to it (so INSERT INTO
// t SELECT * FROM t terminates); create a new Iter to see them.
//
// An Iter belongs to its transaction's goroutine. Key and Value return slices that are valid
// until the next positioning call; copy them to keep them. Close every Iter; Commit and Rollback
// close any still open, after which Valid is false and Error returns ErrIterClosed.
type Iter struct {
	txn  *Txn
	it   *pebble.Iterator
	err  error
	open bool
}

// NewIter returns an iterator over [lower, upper); nil bounds are unbounded. It holds the DB
// open: DB.Close waits until it is closed.
func (t *Txn) NewIter(lower, upper []byte) (*Iter, error) {
	if t.done {
		return nil, ErrTxnDone
	}
	if err := t.db.enter(); err != nil {
		return nil, err
	}
	if lower != nil && upper != nil && bytes.Compare(lower, upper) > 0 {
		upper = lower // an empty range; pebble wants lower <= upper
	}
	opts := &pebble.IterOptions{LowerBound: bytes.Clone(lower), UpperBound: bytes.Clone(upper)}
	pit, err := t.reader().NewIter(opts)
	if err != nil {
		t.db.exit()
		return nil, fmt.Errorf("storage: new iterator: %w", err)
	}
	it := &Iter{txn: t, it: pit, open: true}
	if t.iters == nil {
		t.iters = map[*Iter]struct{}{}
	}
	t.iters[it] = struct{}{}
	return it, nil
}

// First moves to the first key and reports whether the iterator is valid.
func (i *Iter) First() bool { return i.open && i.it.First() }

// Last moves to the last key and reports whether the iterator is valid.
func (i *Iter) Last() bool { return i.open && i.it.Last() }

// SeekGE moves to the first key >= key and reports whether the iterator is valid.
func (i *Iter) SeekGE(key []byte) bool { return i.open && i.it.SeekGE(key) }

// SeekLT moves to the last key < key and reports whether the iterator is valid.
func (i *Iter) SeekLT(key []byte) bool { return i.open && i.it.SeekLT(key) }

// Next moves to the next key and reports whether the iterator is valid.
func (i *Iter) Next() bool { return i.open && i.it.Next() }

// Prev moves to the previous key and reports whether the iterator is valid.
func (i *Iter) Prev() bool { return i.open && i.it.Prev() }

// Valid reports whether the iterator is positioned at a key.
func (i *Iter) Valid() bool { return i.open && i.it.Valid() }

// Key returns the current key. REQUIRES: Valid.
func (i *Iter) Key() []byte {
	if !i.open {
		return nil
	}
	return i.it.Key()
}

// Value returns the current value, or nil after recording an error for Error. REQUIRES: Valid.
func (i *Iter) Value() []byte {
	if !i.open {
		return nil
	}
	v, err := i.it.ValueAndErr()
	if err != nil {
		i.err = fmt.Errorf("storage: iterator value: %w", err)
		return nil
	}
	return v
}

// Error returns the first error the iterator met; an iterator that stops being valid without
// error has simply run out of keys.
func (i *Iter) Error() error {
	if i.err != nil {
		return i.err
	}
	if !i.open {
		return ErrIterClosed
	}
	if err := i.it.Error(); err != nil {
		return fmt.Errorf("storage: iterator: %w", err)
	}
	return nil
}

// Close closes the iterator and returns its error, if any. Closing twice is allowed.
func (i *Iter) Close() error {
	if !i.open {
		return i.err
	}
	err := i.closeIter()
	if i.err == nil && err != nil {
		i.err = fmt.Errorf("storage: iterator: %w", err)
	}
	return i.err
}

// closeIter releases the pebble iterator and the DB gate, and retired batches no iterator
// reads any more.
func (i *Iter) closeIter() error {
	err := i.it.Close()
	i.open = false
	i.it = nil
	delete(i.txn.iters, i)
	i.txn.db.exit()
	if len(i.txn.iters) == 0 {
		for _, b := range i.txn.retired {
			i.txn.closeBatch(b)
		}
		i.txn.retired = nil
	}
	return err
}
