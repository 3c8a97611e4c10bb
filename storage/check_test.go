package storage

import (
	"errors"
	"testing"
)

// TestCheckFindsProblems writes inconsistent data through a transaction and checks that Check
// reports each problem, then repairs it so the cleanup Check passes.
func TestCheckFindsProblems(t *testing.T) {
	db := openTestDB(t, nil)
	tbl := createTable(t, db, "test", "t")
	seq := createSequence(t, db, "s", goldenState)
	bad := map[string]func(tx *Txn) error{
		"orphan data":         func(tx *Txn) error { return tx.Set(RowKey(999, AppendInt(nil, 1)), nil) },
		"bad pk":              func(tx *Txn) error { return tx.Set(RowKey(tbl.ID, []byte{0x10, 1}), nil) },
		"pk with extra bytes": func(tx *Txn) error { return tx.Set(RowKey(tbl.ID, AppendNull(AppendInt(nil, 1))), nil) },
		"unknown index":       func(tx *Txn) error { return tx.Set(IndexKey(tbl.ID, 9, nil), nil) },
		"index value": func(tx *Txn) error {
			return tx.Set(IndexKey(tbl.ID, 1, append(AppendNull(nil), AppendInt(nil, 1)...)), []byte("x"))
		},
		"bad counter":        func(tx *Txn) error { return tx.Set(AutoIncrementKey(tbl.ID), []byte{1}) },
		"state of a table":   func(tx *Txn) error { return tx.Set(SequenceKey(tbl.ID), encodeState(goldenState)) },
		"bad state":          func(tx *Txn) error { return tx.Set(SequenceKey(seq.ID), []byte{1}) },
		"sequence no state":  func(tx *Txn) error { return tx.Delete(SequenceKey(seq.ID)) },
		"bad next object id": func(tx *Txn) error { return tx.Set(nextObjectIDKey, encodeUint64(1)) },
		"table without db":   func(tx *Txn) error { return tx.PutTable(testTable(500, "nodb", "x")) },
		"duplicate name":     func(tx *Txn) error { return tx.PutTable(testTable(501, "test", "t")) },
	}
	for name, corrupt := range bad {
		tx := db.Begin()
		if err := corrupt(tx); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		if err := db.Check(); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: Check = %v, want ErrCorrupt", name, err)
		} else {
			t.Logf("%s: %v", name, err)
		}
		repair(t, db, tbl, seq)
		if err := db.Check(); err != nil {
			t.Fatalf("%s: Check after repair = %v", name, err)
		}
	}
}

func mustEncode(t testing.TB, v any) []byte {
	b, err := encodeJSON(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// repair rewrites the test's data to a consistent state.
func repair(t *testing.T, db *DB, tbl, seq *TableDef) {
	mustCommit(t, db, func(tx *Txn) error {
		lo, hi := TablePrefix(tbl.ID)
		for _, id := range []uint64{500, 501} {
			if _, ok := tx.Catalog().TableByID(id); ok {
				if err := tx.DeleteTable(id); err != nil {
					return err
				}
			}
		}
		return errors.Join(
			tx.DeleteRange(lo, hi),
			tx.DeleteRange(RowKey(999, nil), PrefixEnd(AppendTablePrefix(nil, 999))),
			tx.Set(SequenceKey(seq.ID), encodeState(goldenState)),
			tx.Set(nextObjectIDKey, encodeUint64(1000)),
		)
	})
}

// TestCheckCatalogMismatch: a catalog record written without going through the catalog setters
// makes the published catalog differ from the stored one.
func TestCheckCatalogMismatch(t *testing.T) {
	db := openTestDB(t, nil)
	tbl := createTable(t, db, "test", "t")
	changed := tbl.Clone()
	changed.Comment = "changed behind the catalog's back"
	mustCommit(t, db, func(tx *Txn) error { return tx.Set(tableDefKey(tbl.ID), mustEncode(t, changed)) })
	if err := db.Check(); !errors.Is(err, ErrCorrupt) {
		t.Errorf("Check = %v, want ErrCorrupt", err)
	}
	mustCommit(t, db, func(tx *Txn) error { return tx.PutTable(changed) })
}
