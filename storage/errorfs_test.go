package storage

import (
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/cockroachdb/pebble/v2/vfs"
	"github.com/cockroachdb/pebble/v2/vfs/errorfs"
)

// walFault fails the n-th WAL write or sync after it is armed.
type walFault struct {
	armed    atomic.Bool
	n        int64
	seen     atomic.Int64
	injected atomic.Bool
}

func (f *walFault) String() string { return fmt.Sprintf("walFault(%d)", f.n) }

func (f *walFault) MaybeError(op errorfs.Op) error {
	if !f.armed.Load() || !strings.HasSuffix(op.Path, ".log") {
		return nil
	}
	switch op.Kind {
	case errorfs.OpFileWrite, errorfs.OpFileWriteAt, errorfs.OpFileSync, errorfs.OpFileSyncData, errorfs.OpFileSyncTo:
	default:
		return nil
	}
	if f.seen.Add(1)-1 == f.n {
		f.injected.Store(true)
		return errorfs.ErrInjected
	}
	return nil
}

// testLogger sends pebble's log to the test and turns Fatalf into a panic with a stack.
type testLogger struct{ t testing.TB }

func (l testLogger) Infof(format string, args ...any)  {}
func (l testLogger) Errorf(format string, args ...any) {}
func (l testLogger) Fatalf(format string, args ...any) { panic(fmt.Sprintf(format, args...)) }

// TestErrorInjection fails the k-th WAL write or sync of a workload, for k = 0, 1, ... until the
// workload runs without a fault. Every operation that returned nil must survive a reopen; the
// one that failed must be all-or-nothing; every later operation must fail with ErrFailed.
func TestErrorInjection(t *testing.T) {
	for k := int64(0); ; k++ {
		if !errorRun(t, k) {
			t.Logf("workload completed without a fault at k=%d", k)
			return
		}
		if k > 200 {
			t.Fatal("workload never completed")
		}
	}
}

// errorRun runs the workload with a fault at WAL operation k and reports whether it was
// injected.
func errorRun(t *testing.T, k int64) bool {
	mem := vfs.NewMem()
	setup := openTestDB(t, mem)
	tbl := createTable(t, setup, "test", "t")
	seq := createSequence(t, setup, "s", goldenState)
	checkAndClose(t, setup)

	fault := &walFault{n: k}
	db, err := Open(testDir, Options{FS: errorfs.Wrap(mem, fault), Logger: testLogger{t}})
	if err != nil {
		t.Fatalf("k=%d: Open = %v", k, err)
	}
	fault.armed.Store(true)
	results := runErrorWorkload(db, tbl, seq)
	_ = db.Close()
	if !fault.injected.Load() {
		for i, err := range results {
			if err != nil {
				t.Errorf("k=%d: step %d failed without a fault: %v", k, i, err)
			}
		}
		return false
	}
	verifyAfterFault(t, k, mem, tbl, seq, results)
	return true
}

// The workload: step 0 commits rows 1..5; step 1 saves the sequence; step 2 creates a table
// with a row (catalog + data); step 3 commits row 6.
func runErrorWorkload(db *DB, tbl, seq *TableDef) []error {
	rowKey := func(i int64) []byte { return RowKey(tbl.ID, AppendInt(nil, i)) }
	saved := goldenState
	saved.NextNotCached = 5000
	steps := []func() error{
		func() error {
			tx := db.Begin()
			defer tx.Rollback()
			for i := int64(1); i <= 5; i++ {
				if err := tx.Set(rowKey(i), []byte("v")); err != nil {
					return err
				}
			}
			return tx.Commit()
		},
		func() error { return db.SequenceStore().Save(seq.ID, saved) },
		func() error {
			tx := db.Begin()
			defer tx.Rollback()
			id, err := tx.NextObjectID()
			if err != nil {
				return err
			}
			if err := errors.Join(tx.PutTable(testTable(id, "test", "t2")), tx.Set(RowKey(id, AppendInt(nil, 1)), []byte("x"))); err != nil {
				return err
			}
			return tx.Commit()
		},
		func() error {
			tx := db.Begin()
			defer tx.Rollback()
			if err := tx.Set(rowKey(6), []byte("v")); err != nil {
				return err
			}
			return tx.Commit()
		},
	}
	results := make([]error, len(steps))
	for i, step := range steps {
		results[i] = step()
	}
	return results
}

func verifyAfterFault(t *testing.T, k int64, mem vfs.FS, tbl, seq *TableDef, results []error) {
	t.Helper()
	failed := -1
	for i, err := range results {
		switch {
		case failed < 0 && err != nil:
			failed = i
			if !errors.Is(err, ErrFailed) {
				t.Errorf("k=%d: step %d = %v, want ErrFailed", k, i, err)
			}
		case failed >= 0 && !errors.Is(err, ErrFailed):
			t.Errorf("k=%d: step %d after the failure = %v, want ErrFailed", k, i, err)
		}
	}
	db := openTestDB(t, mem)
	tx := db.Begin()
	defer tx.Rollback()
	lo, hi := RowPrefix(tbl.ID)
	rows := len(scan(t, tx, lo, hi))
	st, _ := db.SequenceStore().Load(seq.ID)
	t2, hasT2 := db.Catalog().Table("test", "t2")
	var t2Rows int
	if hasT2 {
		lo, hi := RowPrefix(t2.ID)
		t2Rows = len(scan(t, tx, lo, hi))
	}
	got := []bool{rows >= 5, st.NextNotCached == 5000, hasT2, rows == 6}
	for i, present := range got {
		if (failed < 0 || i < failed) && !present {
			t.Errorf("k=%d: step %d returned nil but is missing after reopen", k, i)
		}
		if failed >= 0 && i > failed && present {
			t.Errorf("k=%d: step %d failed but is present after reopen", k, i)
		}
	}
	if rows != 0 && rows != 5 && rows != 6 {
		t.Errorf("k=%d: %d rows: a commit survived partly", k, rows)
	}
	if hasT2 != (t2Rows == 1) {
		t.Errorf("k=%d: table t2 present=%v with %d rows: a DDL commit survived partly", k, hasT2, t2Rows)
	}
}

// TestOpenErrorInjection fails the k-th file system operation of Open, for k = 0, 1, ... until
// Open succeeds. A failed Open returns an error, releases the directory, and leaves it intact.
func TestOpenErrorInjection(t *testing.T) {
	mem := vfs.NewMem()
	setup := openTestDB(t, mem)
	tbl := createTable(t, setup, "test", "t")
	checkAndClose(t, setup)
	for k := int32(0); ; k++ {
		db, err := Open(testDir, Options{FS: errorfs.Wrap(mem, errorfs.OnIndex(k)), Logger: testLogger{t}})
		if err == nil {
			t.Logf("Open succeeded at k=%d", k)
			checkAndClose(t, db)
			return
		}
		db = openTestDB(t, mem)
		if _, ok := db.Catalog().TableByID(tbl.ID); !ok {
			t.Fatalf("k=%d: table lost after a failed Open (%v)", k, err)
		}
		checkAndClose(t, db)
		if k > 1000 {
			t.Fatal("Open never succeeded")
		}
	}
}
