package storage

import (
	"errors"
	"fmt"
	"reflect"
	"testing"
)

func TestTxnReadYourWritesAndReadCommitted(t *testing.T) {
	db := openTestDB(t, nil)
	a, b := db.Begin(), db.Begin()
	defer a.Rollback()
	defer b.Rollback()
	if err := a.Set([]byte("k"), []byte("a")); err != nil {
		t.Fatal(err)
	}
	if v, ok := mustGet(t, a, "k"); !ok || v != "a" {
		t.Errorf("a.Get(k) = %q, %v; want a", v, ok)
	}
	if v, ok := mustGet(t, b, "k"); ok {
		t.Errorf("b.Get(k) before a commits = %q, want absent", v)
	}
	if err := a.Commit(); err != nil {
		t.Fatal(err)
	}
	if v, ok := mustGet(t, b, "k"); !ok || v != "a" {
		t.Errorf("b.Get(k) after a commits = %q, %v; want a (READ COMMITTED)", v, ok)
	}
	if _, _, err := a.Get([]byte("k")); !errors.Is(err, ErrTxnDone) {
		t.Errorf("Get after Commit = %v, want ErrTxnDone", err)
	}
	if err := a.Commit(); !errors.Is(err, ErrTxnDone) {
		t.Errorf("second Commit = %v, want ErrTxnDone", err)
	}
	if err := a.Rollback(); err != nil {
		t.Errorf("Rollback after Commit = %v, want nil", err)
	}
}

func TestTxnRollbackDiscards(t *testing.T) {
	db := openTestDB(t, nil)
	tx := db.Begin()
	if err := tx.Set([]byte("k"), []byte("v")); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if v, ok := mustGet(t, db.Begin(), "k"); ok {
		t.Errorf("Get(k) after Rollback = %q, want absent", v)
	}
}

// TestIterDoesNotSeeLaterWrites is INSERT INTO t SELECT * FROM t: copying each row to a new,
// larger key while iterating must terminate after the original rows.
func TestIterDoesNotSeeLaterWrites(t *testing.T) {
	db := openTestDB(t, nil)
	tbl := createTable(t, db, "test", "t")
	mustCommit(t, db, func(tx *Txn) error {
		for i := int64(1); i <= 10; i++ {
			if err := tx.Set(RowKey(tbl.ID, AppendInt(nil, i)), []byte("committed")); err != nil {
				return err
			}
		}
		return nil
	})
	tx := db.Begin()
	defer tx.Rollback()
	// A write made before the iterator is created is visible to it.
	if err := tx.Set(RowKey(tbl.ID, AppendInt(nil, 11)), []byte("own")); err != nil {
		t.Fatal(err)
	}
	lo, hi := RowPrefix(tbl.ID)
	it, err := tx.NewIter(lo, hi)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for ok := it.First(); ok; ok = it.Next() {
		if n++; n > 100 {
			t.Fatal("iterator sees its transaction's later writes")
		}
		if err := tx.Set(RowKey(tbl.ID, AppendInt(nil, int64(n+100))), it.Value()); err != nil {
			t.Fatal(err)
		}
	}
	if err := it.Close(); err != nil {
		t.Fatal(err)
	}
	if n != 11 {
		t.Errorf("iterated %d rows, want 11", n)
	}
	if got := len(scan(t, tx, lo, hi)); got != 22 {
		t.Errorf("new iterator sees %d rows, want 22", got)
	}
}

func TestDeleteRangeHidesKeys(t *testing.T) {
	db := openTestDB(t, nil)
	tbl := createTable(t, db, "test", "t")
	key := func(i int64) []byte { return RowKey(tbl.ID, AppendInt(nil, i)) }
	mustCommit(t, db, func(tx *Txn) error { return tx.Set(key(1), []byte("c1")) })
	tx := db.Begin()
	if err := tx.Set(key(2), []byte("own2")); err != nil {
		t.Fatal(err)
	}
	lo, hi := RowPrefix(tbl.ID)
	if err := tx.DeleteRange(lo, hi); err != nil {
		t.Fatal(err)
	}
	for _, i := range []int64{1, 2} {
		if _, ok, _ := tx.Get(key(i)); ok {
			t.Errorf("Get(row %d) after DeleteRange: present", i)
		}
	}
	if got := scan(t, tx, lo, hi); len(got) != 0 {
		t.Errorf("scan after DeleteRange = %q, want empty", got)
	}
	if err := tx.Set(key(3), []byte("own3")); err != nil {
		t.Fatal(err)
	}
	if got := len(scan(t, tx, lo, hi)); got != 1 {
		t.Errorf("scan after DeleteRange and Set = %d rows, want 1", got)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := len(scan(t, db.Begin(), lo, hi)); got != 1 {
		t.Errorf("committed rows = %d, want 1", got)
	}
}

func TestCommitClosesIterators(t *testing.T) {
	db := openTestDB(t, nil)
	tx := db.Begin()
	if err := tx.Set([]byte("\x03k"), []byte("v")); err != nil {
		t.Fatal(err)
	}
	it, err := tx.NewIter(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The key has no table, so the Check at cleanup would object: remove it again.
	if err := tx.Delete([]byte("\x03k")); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if it.Valid() || it.First() || !errors.Is(it.Error(), ErrIterClosed) {
		t.Errorf("iterator after Commit: Valid/First true or Error = %v, want ErrIterClosed", it.Error())
	}
	if err := it.Close(); err != nil {
		t.Errorf("Close of an iterator the commit closed = %v", err)
	}
}

func TestIterPositioning(t *testing.T) {
	db := openTestDB(t, nil)
	tbl := createTable(t, db, "test", "t")
	tx := db.Begin()
	defer tx.Rollback()
	for i := int64(1); i <= 5; i++ {
		if err := tx.Set(RowKey(tbl.ID, AppendInt(nil, i*10)), []byte(fmt.Sprint(i*10))); err != nil {
			t.Fatal(err)
		}
	}
	lo, hi := RowPrefix(tbl.ID)
	it, err := tx.NewIter(lo, hi)
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	val := func() string {
		if !it.Valid() {
			return "-"
		}
		return string(it.Value())
	}
	var got []string
	it.Last()
	got = append(got, val())
	it.Prev()
	got = append(got, val())
	it.SeekGE(RowKey(tbl.ID, AppendInt(nil, 25)))
	got = append(got, val())
	it.SeekLT(RowKey(tbl.ID, AppendInt(nil, 25)))
	got = append(got, val())
	it.SeekGE(RowKey(tbl.ID, AppendInt(nil, 51)))
	got = append(got, val())
	it.First()
	got = append(got, val())
	if want := []string{"50", "40", "30", "20", "-", "10"}; !reflect.DeepEqual(got, want) {
		t.Errorf("positions = %q, want %q", got, want)
	}
}

func TestCounters(t *testing.T) {
	db := openTestDB(t, nil)
	tbl := createTable(t, db, "test", "t")
	tx := db.Begin()
	if _, ok, err := tx.Counter(AutoIncrementKey(tbl.ID)); ok || err != nil {
		t.Fatalf("Counter of a new table = %v, %v; want absent", ok, err)
	}
	if err := tx.SetCounter(AutoIncrementKey(tbl.ID), 42); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if v, ok, err := db.Begin().Counter(AutoIncrementKey(tbl.ID)); v != 42 || !ok || err != nil {
		t.Errorf("Counter = %d, %v, %v; want 42", v, ok, err)
	}
}

func TestReadOnlyCommit(t *testing.T) {
	db := openTestDB(t, nil)
	tx := db.Begin()
	mustGet(t, tx, "k")
	if err := tx.Commit(); err != nil {
		t.Fatalf("read-only Commit = %v", err)
	}
}

func TestEmptyRanges(t *testing.T) {
	db := openTestDB(t, nil)
	tbl := createTable(t, db, "test", "t")
	tx := db.Begin()
	defer tx.Rollback()
	k1, k2 := RowKey(tbl.ID, AppendInt(nil, 1)), RowKey(tbl.ID, AppendInt(nil, 2))
	_ = tx.Set(k1, []byte("a"))
	if err := tx.DeleteRange(k2, k1); err != nil {
		t.Errorf("DeleteRange(hi, lo) = %v, want a no-op", err)
	}
	if err := tx.DeleteRange(k1, nil); !errors.Is(err, ErrBadKey) {
		t.Errorf("DeleteRange(lo, nil) = %v, want ErrBadKey", err)
	}
	if got := scan(t, tx, k2, k1); len(got) != 0 {
		t.Errorf("scan of an inverted range = %q", got)
	}
	if _, ok := mustGet(t, tx, string(k1)); !ok {
		t.Error("row lost")
	}
}

func TestTxnAfterClose(t *testing.T) {
	db := openTestDB(t, nil)
	tx := db.Begin()
	if err := tx.Set([]byte("\x01x"), []byte("v")); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); !errors.Is(err, ErrClosed) {
		t.Errorf("Commit after Close = %v, want ErrClosed", err)
	}
	if err := db.Begin().Rollback(); err != nil {
		t.Errorf("Rollback after Close = %v", err)
	}
}
