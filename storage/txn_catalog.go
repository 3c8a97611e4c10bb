package storage

import (
	"bytes"
	"fmt"
)

// This file stages catalog changes in a transaction. Each change writes its catalog key into
// the transaction's batch (so it commits atomically with the data) and records a catalogOp that
// Commit publishes onto the latest in-memory snapshot. The SQL layer holds the locks that keep
// two transactions from changing the same object (see doc.go, "Locks").

// catalogView caches the transaction's view of the catalog.
type catalogView struct {
	base *Catalog // the published snapshot it was built on
	ops  int      // how many staged ops it includes
	cat  *Catalog
}

// Catalog returns the catalog as this transaction sees it: the latest published snapshot with
// the transaction's staged changes applied.
func (t *Txn) Catalog() *Catalog {
	base := t.db.Catalog()
	if len(t.ops) == 0 {
		return base
	}
	if t.view.base != base || t.view.ops != len(t.ops) || t.view.cat == nil {
		t.view = catalogView{base: base, ops: len(t.ops), cat: base.apply(t.ops)}
	}
	return t.view.cat
}

// NextObjectID returns a new object id (for a database or table). Ids come from a persisted
// counter, written with a synced write before NextObjectID returns, so an id is never handed out
// twice, even across restarts; a rolled-back transaction's ids are skipped.
func (t *Txn) NextObjectID() (uint64, error) {
	if t.done {
		return 0, ErrTxnDone
	}
	return t.db.allocateID()
}

// PutDatabase creates or replaces the database def.Name. def needs an ID and a name.
func (t *Txn) PutDatabase(def DatabaseDef) error {
	if err := validateDatabase(&def); err != nil {
		return err
	}
	value, err := encodeJSON(&def)
	if err != nil {
		return err
	}
	stored, err := decodeDatabaseDef(value)
	if err != nil {
		return err
	}
	return t.stage(databaseKey(def.Name), value, catalogOp{kind: opPutDatabase, db: stored})
}

// DeleteDatabase drops database name with all its tables (their definitions and data),
// views, triggers and routines. It returns ErrNotFound if the transaction does not see the database.
func (t *Txn) DeleteDatabase(name string) error {
	cat := t.Catalog()
	if _, ok := cat.Database(name); !ok {
		return fmt.Errorf("%w: database %q", ErrNotFound, name)
	}
	for _, tbl := range cat.Tables(name) {
		if err := t.DeleteTable(tbl.ID); err != nil {
			return err
		}
	}
	for _, tr := range cat.Triggers(name) {
		if err := t.DeleteTrigger(tr.DB, tr.Name); err != nil {
			return err
		}
	}
	for _, v := range cat.Views(name) {
		if err := t.DeleteView(v.DB, v.Name); err != nil {
			return err
		}
	}
	if err := t.deleteRoutines(name); err != nil {
		return err
	}
	return t.unstage(databaseKey(name), catalogOp{kind: opDeleteDatabase, name: objName{db: name}})
}

// PutTable creates or replaces the table def.ID (CREATE, ALTER, RENAME). It validates def and
// stores a copy. It does not touch the table's data.
func (t *Txn) PutTable(def *TableDef) error {
	if err := def.Validate(); err != nil {
		return err
	}
	value, err := encodeJSON(def)
	if err != nil {
		return err
	}
	stored, err := decodeTableDef(value)
	if err != nil {
		return err
	}
	return t.stage(tableDefKey(def.ID), value, catalogOp{kind: opPutTable, table: stored})
}

// DeleteTable drops table id: its definition and, with one range deletion, all its data (rows,
// index entries, counters, sequence state). It returns ErrNotFound if the transaction does not
// see the table.
func (t *Txn) DeleteTable(id uint64) error {
	if _, ok := t.Catalog().TableByID(id); !ok {
		return fmt.Errorf("%w: table id %d", ErrNotFound, id)
	}
	if err := t.DeleteRange(TablePrefix(id)); err != nil {
		return err
	}
	return t.unstage(tableDefKey(id), catalogOp{kind: opDeleteTable, id: id})
}

// PutView creates or replaces the view def.DB.def.Name.
func (t *Txn) PutView(def *ViewDef) error {
	if err := validateView(def); err != nil {
		return err
	}
	value, err := encodeJSON(def)
	if err != nil {
		return err
	}
	stored, err := decodeViewDef(value)
	if err != nil {
		return err
	}
	return t.stage(viewKey(def.DB, def.Name), value, catalogOp{kind: opPutView, view: stored})
}

// DeleteView drops view db.name. It returns ErrNotFound if the transaction does not see it.
func (t *Txn) DeleteView(db, name string) error {
	if _, ok := t.Catalog().View(db, name); !ok {
		return fmt.Errorf("%w: view %q.%q", ErrNotFound, db, name)
	}
	return t.unstage(viewKey(db, name), catalogOp{kind: opDeleteView, name: objName{db, name}})
}

// PutTrigger creates or replaces the trigger def.DB.def.Name.
func (t *Txn) PutTrigger(def *TriggerDef) error {
	if err := validateTrigger(def); err != nil {
		return err
	}
	value, err := encodeJSON(def)
	if err != nil {
		return err
	}
	stored, err := decodeTriggerDef(value)
	if err != nil {
		return err
	}
	return t.stage(triggerKey(def.DB, def.Name), value, catalogOp{kind: opPutTrigger, trig: stored})
}

// DeleteTrigger drops trigger db.name. It returns ErrNotFound if the transaction does not see it.
func (t *Txn) DeleteTrigger(db, name string) error {
	if _, ok := t.Catalog().Trigger(db, name); !ok {
		return fmt.Errorf("%w: trigger %q.%q", ErrNotFound, db, name)
	}
	return t.unstage(triggerKey(db, name), catalogOp{kind: opDeleteTrigger, name: objName{db, name}})
}

// PutUsers replaces the users-and-grants blob (what GMS's MySQLDb persister produces; storage
// does not interpret it).
func (t *Txn) PutUsers(blob []byte) error {
	b := bytes.Clone(blob)
	if b == nil {
		b = []byte{}
	}
	if err := t.Set(usersKey, b); err != nil {
		return err
	}
	t.ops = append(t.ops, catalogOp{kind: opPutUsers, users: b})
	return nil
}

// stage writes a catalog record and records its op. The op holds the record decoded from the
// written JSON, so the published catalog equals what a reopen reads (nil and empty slices
// included).
func (t *Txn) stage(key, value []byte, op catalogOp) error {
	if err := t.Set(key, value); err != nil {
		return err
	}
	t.ops = append(t.ops, op)
	return nil
}

// unstage deletes a catalog record and records its op.
func (t *Txn) unstage(key []byte, op catalogOp) error {
	if err := t.Delete(key); err != nil {
		return err
	}
	t.ops = append(t.ops, op)
	return nil
}
