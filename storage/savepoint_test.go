package storage

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"testing"
)

func TestSavepointRollsBackStatement(t *testing.T) {
	db := openTestDB(t, nil)
	tbl := createTable(t, db, "test", "t")
	key := func(i int64) []byte { return RowKey(tbl.ID, AppendInt(nil, i)) }
	tx := db.Begin()
	defer tx.Rollback()
	if err := tx.Set(key(1), []byte("a")); err != nil {
		t.Fatal(err)
	}
	sp := tx.Savepoint()
	for i := int64(2); i <= 4; i++ {
		if err := tx.Set(key(i), []byte("b")); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Delete(key(1)); err != nil {
		t.Fatal(err)
	}
	if err := tx.RollbackTo(sp); err != nil {
		t.Fatal(err)
	}
	lo, hi := RowPrefix(tbl.ID)
	if got, want := scan(t, tx, lo, hi), []string{string(key(1)) + "=a"}; !reflect.DeepEqual(got, want) {
		t.Errorf("after RollbackTo: %q, want %q", got, want)
	}
	// The savepoint stays valid and can be used again.
	if err := tx.Set(key(5), []byte("c")); err != nil {
		t.Fatal(err)
	}
	if err := tx.RollbackTo(sp); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := len(scan(t, db.Begin(), lo, hi)); got != 1 {
		t.Errorf("committed %d rows, want 1", got)
	}
}

func TestSavepointRollsBackCatalog(t *testing.T) {
	db := openTestDB(t, nil)
	tbl := createTable(t, db, "test", "t")
	tx := db.Begin()
	sp := tx.Savepoint()
	if err := tx.DeleteTable(tbl.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok := tx.Catalog().TableByID(tbl.ID); ok {
		t.Fatal("txn catalog still has the dropped table")
	}
	if err := tx.RollbackTo(sp); err != nil {
		t.Fatal(err)
	}
	if _, ok := tx.Catalog().TableByID(tbl.ID); !ok {
		t.Fatal("txn catalog lost the table after RollbackTo")
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, ok := db.Catalog().TableByID(tbl.ID); !ok {
		t.Fatal("table gone after committing a rolled-back drop")
	}
}

func TestSavepointValidity(t *testing.T) {
	db := openTestDB(t, nil)
	tx, other := db.Begin(), db.Begin()
	defer tx.Rollback()
	defer other.Rollback()
	sp1 := tx.Savepoint()
	_ = tx.Set([]byte("\x01x"), nil)
	sp2 := tx.Savepoint()
	if err := tx.RollbackTo(sp1); err != nil {
		t.Fatal(err)
	}
	if err := tx.RollbackTo(sp2); !errors.Is(err, ErrBadSavepoint) {
		t.Errorf("RollbackTo(later savepoint) after RollbackTo(earlier) = %v, want ErrBadSavepoint", err)
	}
	if err := other.RollbackTo(sp1); !errors.Is(err, ErrBadSavepoint) {
		t.Errorf("RollbackTo(another txn's savepoint) = %v, want ErrBadSavepoint", err)
	}
	if err := tx.Release(sp1); err != nil {
		t.Fatal(err)
	}
	if err := tx.RollbackTo(sp1); !errors.Is(err, ErrBadSavepoint) {
		t.Errorf("RollbackTo(released) = %v, want ErrBadSavepoint", err)
	}
	_ = tx.Rollback()
	if err := tx.RollbackTo(Savepoint{}); !errors.Is(err, ErrTxnDone) {
		t.Errorf("RollbackTo after Rollback = %v, want ErrTxnDone", err)
	}
}

// TestSavepointIterator checks that an iterator opened before RollbackTo keeps its view and a new
// one sees the rolled-back state.
func TestSavepointIterator(t *testing.T) {
	db := openTestDB(t, nil)
	tbl := createTable(t, db, "test", "t")
	tx := db.Begin()
	defer tx.Rollback()
	sp := tx.Savepoint()
	for i := int64(0); i < 3; i++ {
		_ = tx.Set(RowKey(tbl.ID, AppendInt(nil, i)), []byte("x"))
	}
	lo, hi := RowPrefix(tbl.ID)
	it, err := tx.NewIter(lo, hi)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.RollbackTo(sp); err != nil {
		t.Fatal(err)
	}
	n := 0
	for ok := it.First(); ok; ok = it.Next() {
		n++
	}
	if err := it.Close(); err != nil || n != 3 {
		t.Errorf("old iterator saw %d rows (%v), want 3", n, err)
	}
	if got := scan(t, tx, lo, hi); len(got) != 0 {
		t.Errorf("new iterator sees %q, want nothing", got)
	}
}

// TestSavepointModel runs random writes, savepoints and rollbacks against a map model.
func TestSavepointModel(t *testing.T) {
	r := newRand(t)
	db := openTestDB(t, nil)
	tbl := createTable(t, db, "test", "t")
	tx := db.Begin()
	defer tx.Rollback()
	model := map[int64]string{}
	type saved struct {
		sp    Savepoint
		model map[int64]string
	}
	var stack []saved
	key := func(i int64) []byte { return RowKey(tbl.ID, AppendInt(nil, i)) }
	for step := 0; step < 3000; step++ {
		k := int64(r.IntN(20))
		var err error
		switch op := r.IntN(10); {
		case op < 4:
			v := fmt.Sprint(step)
			err, model[k] = tx.Set(key(k), []byte(v)), v
		case op < 6:
			err = tx.Delete(key(k))
			delete(model, k)
		case op < 7:
			hiK := k + int64(r.IntN(5))
			err = tx.DeleteRange(key(k), key(hiK))
			maps.DeleteFunc(model, func(i int64, _ string) bool { return i >= k && i < hiK })
		case op < 8:
			stack = append(stack, saved{tx.Savepoint(), maps.Clone(model)})
		case len(stack) > 0:
			i := r.IntN(len(stack))
			err = tx.RollbackTo(stack[i].sp)
			model = maps.Clone(stack[i].model)
			stack = stack[:i+1]
		}
		if err != nil {
			t.Fatalf("step %d: %v", step, err)
		}
		if step%50 == 0 {
			compareModel(t, tx, tbl.ID, model, step)
		}
	}
	compareModel(t, tx, tbl.ID, model, -1)
}

func compareModel(t *testing.T, tx *Txn, tableID uint64, model map[int64]string, step int) {
	t.Helper()
	var want []string
	for _, k := range slices.Sorted(maps.Keys(model)) {
		want = append(want, string(RowKey(tableID, AppendInt(nil, k)))+"="+model[k])
	}
	lo, hi := RowPrefix(tableID)
	if got := scan(t, tx, lo, hi); !reflect.DeepEqual(got, want) {
		t.Fatalf("step %d: txn holds %d rows, model %d", step, len(got), len(want))
	}
}
