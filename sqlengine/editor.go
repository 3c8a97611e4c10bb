package sqlengine

import (
	"bytes"
	"encoding/binary"
	"hash/fnv"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/seqd/seqd/storage"
)

// editor writes rows of one table within the statement's transaction. It implements every GMS
// row-editing interface. Creating it takes the table's exclusive lock (held until the transaction
// ends); a failure to lock is reported by the first edit.
type editor struct {
	t       *Table
	txn     *storage.Txn
	lockErr error
	sps     []storage.Savepoint // open statement savepoints, innermost last
}

var _ sql.TableEditor = (*editor)(nil)

func (t *Table) newEditor(ctx *sql.Context) *editor {
	txn, err := txnOf(ctx)
	e := &editor{t: t, txn: txn, lockErr: err}
	if err == nil && !t.temp {
		e.lockErr = lockForWrite(ctx, txn, t.ID())
	}
	return e
}

// Inserter implements sql.InsertableTable.
func (t *Table) Inserter(ctx *sql.Context) sql.RowInserter { return t.newEditor(ctx) }

// Updater implements sql.UpdatableTable.
func (t *Table) Updater(ctx *sql.Context) sql.RowUpdater { return t.newEditor(ctx) }

// Deleter implements sql.DeletableTable.
func (t *Table) Deleter(ctx *sql.Context) sql.RowDeleter { return t.newEditor(ctx) }

// Replacer implements sql.ReplaceableTable.
func (t *Table) Replacer(ctx *sql.Context) sql.RowReplacer { return t.newEditor(ctx) }

// StatementBegin implements sql.EditOpenerCloser.
func (e *editor) StatementBegin(ctx *sql.Context) {
	if e.txn != nil {
		e.sps = append(e.sps, e.txn.Savepoint())
	}
}

// DiscardChanges implements sql.EditOpenerCloser: everything the statement wrote is undone.
func (e *editor) DiscardChanges(ctx *sql.Context, _ error) error {
	if len(e.sps) == 0 {
		return nil
	}
	sp := e.sps[len(e.sps)-1]
	e.sps = e.sps[:len(e.sps)-1]
	return translateStorageError(e.txn.RollbackTo(sp))
}

// StatementComplete implements sql.EditOpenerCloser.
func (e *editor) StatementComplete(ctx *sql.Context) error {
	if len(e.sps) == 0 {
		return nil
	}
	sp := e.sps[len(e.sps)-1]
	e.sps = e.sps[:len(e.sps)-1]
	return translateStorageError(e.txn.Release(sp))
}

// Close implements sql.Closer.
func (e *editor) Close(*sql.Context) error { return nil }

// Insert implements sql.RowInserter.
func (e *editor) Insert(ctx *sql.Context, row sql.Row) error {
	if e.lockErr != nil {
		return e.lockErr
	}
	m := e.t.meta
	pk, err := e.newRowKey(ctx, row)
	if err != nil {
		return err
	}
	if len(m.pk) > 0 {
		if existing, ok, err := e.rowAt(ctx, pk); err != nil {
			return err
		} else if ok {
			return e.dupError(ctx, "PRIMARY", m.pk, row, existing, true)
		}
	}
	for i := range m.indexes {
		if err := e.checkUnique(ctx, &m.indexes[i], row, nil); err != nil {
			return err
		}
	}
	return e.writeRow(ctx, pk, row)
}

// Update implements sql.RowUpdater.
func (e *editor) Update(ctx *sql.Context, old, new sql.Row) error {
	if e.lockErr != nil {
		return e.lockErr
	}
	m := e.t.meta
	oldPK, err := e.existingRowKey(ctx, old)
	if err != nil {
		return err
	}
	newPK := oldPK
	if len(m.pk) > 0 {
		if newPK, err = appendKey(ctx, nil, m.pk, new); err != nil {
			return err
		}
		if !bytes.Equal(oldPK, newPK) {
			if existing, ok, err := e.rowAt(ctx, newPK); err != nil {
				return err
			} else if ok {
				return e.dupError(ctx, "PRIMARY", m.pk, new, existing, true)
			}
		}
	}
	for i := range m.indexes {
		if err := e.checkUnique(ctx, &m.indexes[i], new, oldPK); err != nil {
			return err
		}
	}
	if err := e.deleteRow(ctx, oldPK, old); err != nil {
		return err
	}
	return e.writeRow(ctx, newPK, new)
}

// Delete implements sql.RowDeleter.
func (e *editor) Delete(ctx *sql.Context, row sql.Row) error {
	if e.lockErr != nil {
		return e.lockErr
	}
	pk, err := e.existingRowKey(ctx, row)
	if err != nil {
		return err
	}
	return e.deleteRow(ctx, pk, row)
}

// writeRow stores row under pk and adds its index entries.
func (e *editor) writeRow(ctx *sql.Context, pk []byte, row sql.Row) error {
	m := e.t.meta
	val, err := encodeRow(ctx, nil, e.t.sch, row)
	if err != nil {
		return err
	}
	if err := e.txn.Set(storage.RowKey(m.def.ID, pk), val); err != nil {
		return translateStorageError(err)
	}
	for i := range m.indexes {
		key, err := e.indexKey(ctx, &m.indexes[i], row, pk)
		if err != nil {
			return err
		}
		if err := e.txn.Set(key, nil); err != nil {
			return translateStorageError(err)
		}
	}
	return nil
}

// deleteRow removes the row under pk and its index entries.
func (e *editor) deleteRow(ctx *sql.Context, pk []byte, row sql.Row) error {
	m := e.t.meta
	if err := e.txn.Delete(storage.RowKey(m.def.ID, pk)); err != nil {
		return translateStorageError(err)
	}
	for i := range m.indexes {
		key, err := e.indexKey(ctx, &m.indexes[i], row, pk)
		if err != nil {
			return err
		}
		if err := e.txn.Delete(key); err != nil {
			return translateStorageError(err)
		}
	}
	return nil
}

func (e *editor) indexKey(ctx *sql.Context, ix *indexMeta, row sql.Row, pk []byte) ([]byte, error) {
	entry, err := appendKey(ctx, nil, ix.parts, row)
	if err != nil {
		return nil, err
	}
	return storage.IndexKey(e.t.meta.def.ID, ix.def.ID, append(entry, pk...)), nil
}

// rowAt reads the row stored under pk.
func (e *editor) rowAt(ctx *sql.Context, pk []byte) (sql.Row, bool, error) {
	v, ok, err := e.txn.Get(storage.RowKey(e.t.meta.def.ID, pk))
	if err != nil || !ok {
		return nil, false, translateStorageError(err)
	}
	row, err := decodeRow(ctx, v, e.t.sch)
	return row, err == nil, err
}

// checkUnique fails if row's values for a UNIQUE index are taken by a row other than the one
// under self (nil: any row).
func (e *editor) checkUnique(ctx *sql.Context, ix *indexMeta, row sql.Row, self []byte) error {
	if !ix.def.Unique || hasNull(ix.parts, row) {
		return nil
	}
	entry, err := appendKey(ctx, nil, ix.parts, row)
	if err != nil {
		return err
	}
	prefix := storage.IndexKey(e.t.meta.def.ID, ix.def.ID, entry)
	it, err := e.txn.NewIter(prefix, storage.PrefixEnd(prefix))
	if err != nil {
		return translateStorageError(err)
	}
	defer it.Close()
	for ok := it.First(); ok; ok = it.Next() {
		pk := bytes.Clone(it.Key()[len(prefix):])
		if self != nil && bytes.Equal(pk, self) {
			continue
		}
		existing, _, err := e.rowAt(ctx, pk)
		if err != nil {
			return err
		}
		return e.dupError(ctx, ix.def.Name, ix.parts, row, existing, false)
	}
	return translateStorageError(it.Error())
}

// dupError is GMS's unique-key error, which INSERT ... ON DUPLICATE KEY UPDATE and REPLACE act
// on. Its text carries MariaDB's "'<value>' for key '<name>'" so that the error translation can
// produce "Duplicate entry ... for key ...".
func (e *editor) dupError(ctx *sql.Context, keyName string, parts []keyPart, row, existing sql.Row, isPK bool) error {
	vals := make([]string, len(parts))
	for i, p := range parts {
		vals[i] = displayValue(ctx, p.typ, row[p.ord])
	}
	return sql.NewUniqueKeyErr("'"+strings.Join(vals, "-")+"' for key '"+keyName+"'", isPK, existing)
}

func displayValue(ctx *sql.Context, typ sql.Type, v any) string {
	if v == nil {
		return "NULL"
	}
	sv, err := typ.SQL(ctx, nil, v)
	if err != nil {
		return ""
	}
	return sv.ToString()
}

// newRowKey returns the key for a row being inserted: its primary key, or a fresh hidden row
// key for a keyless table.
func (e *editor) newRowKey(ctx *sql.Context, row sql.Row) ([]byte, error) {
	m := e.t.meta
	if len(m.pk) > 0 {
		return appendKey(ctx, nil, m.pk, row)
	}
	h, err := rowHash(ctx, e.t.sch, row)
	if err != nil {
		return nil, err
	}
	key := storage.RowIDKey(m.def.ID)
	n, _, err := e.txn.Counter(key)
	if err != nil {
		return nil, translateStorageError(err)
	}
	if err := e.txn.SetCounter(key, n+1); err != nil {
		return nil, translateStorageError(err)
	}
	return storage.AppendUint(storage.AppendUint(nil, h), n+1), nil
}

// existingRowKey returns the key under which row is stored. A keyless table's rows are found by
// content: their key starts with a hash of the row.
func (e *editor) existingRowKey(ctx *sql.Context, row sql.Row) ([]byte, error) {
	m := e.t.meta
	if len(m.pk) > 0 {
		return appendKey(ctx, nil, m.pk, row)
	}
	h, err := rowHash(ctx, e.t.sch, row)
	if err != nil {
		return nil, err
	}
	want, err := encodeRow(ctx, nil, e.t.sch, row)
	if err != nil {
		return nil, err
	}
	prefix := storage.RowKey(m.def.ID, storage.AppendUint(nil, h))
	it, err := e.txn.NewIter(prefix, storage.PrefixEnd(prefix))
	if err != nil {
		return nil, translateStorageError(err)
	}
	defer it.Close()
	for ok := it.First(); ok; ok = it.Next() {
		if bytes.Equal(it.Value(), want) {
			_, pk, err := storage.SplitRowKey(it.Key())
			return bytes.Clone(pk), translateStorageError(err)
		}
	}
	if err := it.Error(); err != nil {
		return nil, translateStorageError(err)
	}
	return nil, errRowNotFound
}

// rowHash hashes a row's encoding; keyless rows are keyed by it.
func rowHash(ctx *sql.Context, sch sql.Schema, row sql.Row) (uint64, error) {
	b, err := encodeRow(ctx, nil, sch, row)
	if err != nil {
		return 0, err
	}
	h := fnv.New64a()
	_, _ = h.Write(b)
	return binary.BigEndian.Uint64(h.Sum(nil)), nil
}
