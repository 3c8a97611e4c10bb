package sqlengine

import (
	"bytes"
	"encoding/binary"
	"errors"
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
	stats   *tableState         // MyISAM/Aria maintenance flags (admintables.go); nil for other engines
	firstID uint64              // the first AUTO_INCREMENT value the statement generated
	haveID  bool                // firstID is set
	genRow  *any                // the last row given a generated value (REPLACE inserts it again)
	wrote   bool                // the statement changed a row (since StatementBegin)
}

var _ sql.TableEditor = (*editor)(nil)

func (t *Table) newEditor(ctx *sql.Context) *editor {
	txn, err := txnOf(ctx)
	e := &editor{t: t, txn: txn, lockErr: err, stats: t.srv.admin.tables.forWrites(t.meta.def)}
	if err == nil && !t.temp {
		if e.lockErr = checkLocked(ctx, t.Database(), t.Name(), true); e.lockErr == nil {
			e.lockErr = lockForWrite(ctx, txn, t.ID())
		}
	}
	if e.lockErr == nil && t.meta.autoIncOrd >= 0 {
		t.srv.autoInc.beginStatement(t.ID())
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
	e.wrote = false
}

// DiscardChanges implements sql.EditOpenerCloser: everything the statement wrote is undone,
// except in a table of a non-transactional engine (MyISAM, Aria, MEMORY, ...), which keeps the
// rows written before the error, as in MariaDB (nontrans.go).
func (e *editor) DiscardChanges(ctx *sql.Context, _ error) error {
	if len(e.sps) == 0 {
		return nil
	}
	sp := e.sps[len(e.sps)-1]
	e.sps = e.sps[:len(e.sps)-1]
	if !transactionalEngine(e.t.meta.def.Engine) {
		keepNonTransactional(e.txn, e.wrote)
		return e.endSavepoint(e.txn.Release(sp))
	}
	return e.endSavepoint(e.txn.RollbackTo(sp))
}

// endSavepoint is the outcome of ending a statement savepoint. INSERT ... ON DUPLICATE KEY
// UPDATE opens two editors of one table, whose savepoints nest: when the outer one has ended
// first, the inner one is gone with it.
func (e *editor) endSavepoint(err error) error {
	if errors.Is(err, storage.ErrBadSavepoint) {
		return nil
	}
	return translateStorageError(err)
}

// StatementComplete implements sql.EditOpenerCloser. The first AUTO_INCREMENT value the
// statement generated becomes LAST_INSERT_ID(), as in MariaDB also for INSERT ... SELECT and
// REPLACE.
func (e *editor) StatementComplete(ctx *sql.Context) error {
	if e.haveID {
		ctx.GetLastQueryInfo().LastInsertId.Store(int64(e.firstID))
		e.haveID = false
	}
	if len(e.sps) == 0 {
		return nil
	}
	sp := e.sps[len(e.sps)-1]
	e.sps = e.sps[:len(e.sps)-1]
	return e.endSavepoint(e.txn.Release(sp))
}

// Close implements sql.Closer.
func (e *editor) Close(*sql.Context) error { return nil }

// Insert implements sql.RowInserter.
func (e *editor) Insert(ctx *sql.Context, row sql.Row) error {
	if e.lockErr != nil {
		return e.lockErr
	}
	if err := e.archiveInsert(ctx, row); err != nil {
		return err
	}
	m := e.t.meta
	generated, err := e.autoValue(ctx, row)
	if err != nil {
		return err
	}
	if err := e.insert(ctx, row); err != nil {
		if generated && (sql.ErrPrimaryKeyViolation.Is(err) || sql.ErrUniqueKeyViolation.Is(err)) {
			v, _ := explicitAutoValue(ctx, row[m.autoIncOrd])
			e.t.srv.autoInc.unusedValue(e.t.ID(), v)
		}
		return err
	}
	if m.autoIncOrd >= 0 {
		e.t.srv.autoInc.inserted(e.t.ID())
		v, _ := explicitAutoValue(ctx, row[m.autoIncOrd])
		if generated && !e.haveID {
			e.firstID, e.haveID = v, true
		}
		if sess, ok := sessionFromContext(ctx); ok {
			sess.noteAutoValue(v, generated)
		}
	}
	return nil
}

// insert writes a new row after checking its keys.
func (e *editor) insert(ctx *sql.Context, row sql.Row) error {
	m := e.t.meta
	var err error
	var rk []byte
	if m.clustered {
		if rk, err = appendKey(ctx, nil, m.pk, row); err != nil {
			return err
		}
		if existing, ok, err := e.rowAt(ctx, rk); err != nil {
			return err
		} else if ok {
			return e.dupError(ctx, "PRIMARY", m.pk, row, existing, true)
		}
	}
	for _, ix := range m.allIndexes() {
		if err := e.checkUnique(ctx, ix, row, nil); err != nil {
			return err
		}
	}
	if !m.clustered {
		if rk, err = e.newRowID(); err != nil {
			return err
		}
	}
	return e.writeRow(ctx, rk, row)
}

// autoValue reports whether the row's AUTO_INCREMENT value is the one just generated for it,
// and gives a per-group column its value.
func (e *editor) autoValue(ctx *sql.Context, row sql.Row) (bool, error) {
	ord := e.t.meta.autoIncOrd
	if ord < 0 {
		return false, nil
	}
	if e.genRow == &row[0] {
		return true, nil // REPLACE inserts the row again after deleting a conflicting one
	}
	v, ok := explicitAutoValue(ctx, row[ord])
	if !ok || !e.t.srv.autoInc.takeGenerated(e.t.ID(), v) {
		return false, nil
	}
	e.genRow = &row[0]
	if e.t.meta.autoGroup != nil {
		gv, err := e.groupAutoValue(ctx, row)
		if err != nil {
			return false, err
		}
		row[ord] = gv
	}
	return true, nil
}

// Update implements sql.RowUpdater.
func (e *editor) Update(ctx *sql.Context, old, new sql.Row) error {
	if e.lockErr != nil {
		return e.lockErr
	}
	if err := e.beforeUpdate(ctx); err != nil {
		return err
	}
	m := e.t.meta
	oldRK, err := e.existingRowKey(ctx, old)
	if err != nil {
		return err
	}
	newRK := oldRK
	if m.clustered {
		if newRK, err = appendKey(ctx, nil, m.pk, new); err != nil {
			return err
		}
		if !bytes.Equal(oldRK, newRK) {
			if existing, ok, err := e.rowAt(ctx, newRK); err != nil {
				return err
			} else if ok {
				return e.dupError(ctx, "PRIMARY", m.pk, new, existing, true)
			}
		}
	}
	for _, ix := range m.allIndexes() {
		if err := e.checkUnique(ctx, ix, new, oldRK); err != nil {
			return err
		}
	}
	if err := e.deleteRow(ctx, oldRK, old); err != nil {
		return err
	}
	if err := e.writeRow(ctx, newRK, new); err != nil {
		return err
	}
	if m.autoIncOrd >= 0 {
		if err := e.t.giveBack(ctx); err != nil {
			return err
		}
	}
	if ord := m.autoIncOrd; ord >= 0 && new[ord] != nil {
		if cmp, err := e.t.sch[ord].Type.Compare(ctx, old[ord], new[ord]); err != nil || cmp != 0 {
			return e.t.valueUpdated(ctx, new[ord])
		}
	}
	return nil
}

// Delete implements sql.RowDeleter.
func (e *editor) Delete(ctx *sql.Context, row sql.Row) error {
	if e.lockErr != nil {
		return e.lockErr
	}
	if err := e.t.archiveRefuses(); err != nil {
		return err
	}
	rk, err := e.existingRowKey(ctx, row)
	if err != nil {
		return err
	}
	if err := e.deleteRow(ctx, rk, row); err != nil {
		return err
	}
	e.stats.deleted()
	if e.t.meta.reuseSlots && !e.t.meta.clustered {
		e.t.srv.slots.free(e.t.ID(), rk)
	}
	return nil
}

// writeRow stores row under its row key and adds its index entries.
func (e *editor) writeRow(ctx *sql.Context, rk []byte, row sql.Row) error {
	e.stats.wrote()
	e.wrote = true
	noteTxnWrite(ctx, e.txn, e.t)
	val, err := encodeRow(ctx, nil, e.t.sch, row)
	if err != nil {
		return err
	}
	if err := e.txn.Set(storage.RowKey(e.t.ID(), rk), val); err != nil {
		return translateStorageError(err)
	}
	for _, ix := range e.t.meta.allIndexes() {
		key, err := e.indexKey(ctx, ix, row, rk)
		if err != nil {
			return err
		}
		if err := e.txn.Set(key, nil); err != nil {
			return translateStorageError(err)
		}
	}
	return nil
}

// deleteRow removes the row under rk and its index entries.
func (e *editor) deleteRow(ctx *sql.Context, rk []byte, row sql.Row) error {
	e.wrote = true
	noteTxnWrite(ctx, e.txn, e.t)
	if err := e.txn.Delete(storage.RowKey(e.t.ID(), rk)); err != nil {
		return translateStorageError(err)
	}
	for _, ix := range e.t.meta.allIndexes() {
		key, err := e.indexKey(ctx, ix, row, rk)
		if err != nil {
			return err
		}
		if err := e.txn.Delete(key); err != nil {
			return translateStorageError(err)
		}
	}
	return nil
}

// indexEntry returns the key tuple of row in ix.
func (e *editor) indexEntry(ctx *sql.Context, ix *indexMeta, row sql.Row) ([]byte, error) {
	if ix.hash {
		h, err := rowHash(ctx, e.t.sch, row)
		if err != nil {
			return nil, err
		}
		return storage.AppendUint(nil, h), nil
	}
	return appendKey(ctx, nil, ix.parts, row)
}

func (e *editor) indexKey(ctx *sql.Context, ix *indexMeta, row sql.Row, rk []byte) ([]byte, error) {
	entry, err := e.indexEntry(ctx, ix, row)
	if err != nil {
		return nil, err
	}
	return storage.IndexKey(e.t.ID(), ix.def.ID, append(entry, rk...)), nil
}

// rowAt reads the row stored under rk.
func (e *editor) rowAt(ctx *sql.Context, rk []byte) (sql.Row, bool, error) {
	v, ok, err := e.txn.Get(storage.RowKey(e.t.ID(), rk))
	if err != nil || !ok {
		return nil, false, translateStorageError(err)
	}
	row, err := decodeRow(ctx, v, e.t.sch)
	return row, err == nil, err
}

// entries iterates the index entries of ix whose key tuple is entry and calls fn with each
// entry's row key until fn returns false.
func (e *editor) entries(ix *indexMeta, entry []byte, fn func(rk []byte) (bool, error)) error {
	prefix := storage.IndexKey(e.t.ID(), ix.def.ID, entry)
	it, err := e.txn.NewIter(prefix, storage.PrefixEnd(prefix))
	if err != nil {
		return translateStorageError(err)
	}
	defer it.Close()
	for ok := it.First(); ok; ok = it.Next() {
		more, err := fn(bytes.Clone(it.Key()[len(prefix):]))
		if err != nil || !more {
			return err
		}
	}
	return translateStorageError(it.Error())
}

// checkUnique fails if row's values for a unique index (or a heap table's primary key) are
// taken by a row other than the one under self (nil: any row).
func (e *editor) checkUnique(ctx *sql.Context, ix *indexMeta, row sql.Row, self []byte) error {
	if !ix.def.Unique || ix.hash || hasNull(ix.parts, row) {
		return nil
	}
	entry, err := e.indexEntry(ctx, ix, row)
	if err != nil {
		return err
	}
	var dup error
	err = e.entries(ix, entry, func(rk []byte) (bool, error) {
		if self != nil && bytes.Equal(rk, self) {
			return true, nil
		}
		existing, _, err := e.rowAt(ctx, rk)
		if err != nil {
			return false, err
		}
		isPK := ix.def.ID == lookupIndexID
		dup = e.dupError(ctx, ix.def.Name, ix.parts, row, existing, isPK)
		return false, nil
	})
	if err != nil {
		return err
	}
	return dup
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

// newRowID returns the row key of a new row of a heap table: the slot of the last deleted row
// (MyISAM, Aria, MEMORY) if it is still free, else the next row id.
func (e *editor) newRowID() ([]byte, error) {
	m := e.t.meta
	if m.reuseSlots {
		for {
			rk, ok := e.t.srv.slots.take(e.t.ID())
			if !ok {
				break
			}
			if _, used, err := e.txn.Get(storage.RowKey(e.t.ID(), rk)); err != nil {
				return nil, translateStorageError(err)
			} else if !used {
				return rk, nil
			}
		}
	}
	key := storage.RowIDKey(m.def.ID)
	n, _, err := e.txn.Counter(key)
	if err != nil {
		return nil, translateStorageError(err)
	}
	if err := e.txn.SetCounter(key, n+1); err != nil {
		return nil, translateStorageError(err)
	}
	return storage.AppendUint(nil, n+1), nil
}

// existingRowKey returns the key under which row is stored: its primary key when clustered,
// else the row id found through the lookup index (for a keyless table, the first row with the
// same hash and the same values).
func (e *editor) existingRowKey(ctx *sql.Context, row sql.Row) ([]byte, error) {
	m := e.t.meta
	if m.clustered {
		return appendKey(ctx, nil, m.pk, row)
	}
	entry, err := e.indexEntry(ctx, m.lookup, row)
	if err != nil {
		return nil, err
	}
	var want []byte
	if m.lookup.hash {
		if want, err = encodeRow(ctx, nil, e.t.sch, row); err != nil {
			return nil, err
		}
	}
	var found []byte
	err = e.entries(m.lookup, entry, func(rk []byte) (bool, error) {
		if want != nil {
			v, ok, err := e.txn.Get(storage.RowKey(e.t.ID(), rk))
			if err != nil || !ok || !bytes.Equal(v, want) {
				return err == nil, translateStorageError(err)
			}
		}
		found = rk
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	if found == nil {
		return nil, errRowNotFound
	}
	return found, nil
}

// rowHash hashes a row's encoding; keyless rows are found by it.
func rowHash(ctx *sql.Context, sch sql.Schema, row sql.Row) (uint64, error) {
	b, err := encodeRow(ctx, nil, sch, row)
	if err != nil {
		return 0, err
	}
	h := fnv.New64a()
	_, _ = h.Write(b)
	return binary.BigEndian.Uint64(h.Sum(nil)), nil
}
