package storage

import (
	"errors"
	"testing"

	"github.com/cockroachdb/pebble/v2/vfs"
)

// TestSequenceIssueOrder issues several saves of one sequence before waiting for any, waits for
// them in reverse order, and checks that the last one issued is what reads and a crash see.
func TestSequenceIssueOrder(t *testing.T) {
	fs := vfs.NewCrashableMem()
	db := openTestDB(t, fs)
	seq := createSequence(t, db, "s", goldenState)
	store := db.SequenceStore()
	var waits []func() error
	st := goldenState
	for _, next := range []int64{2001, 3001, 4001} {
		st.NextNotCached = next
		wait, err := store.Issue(seq.ID, st)
		if err != nil {
			t.Fatalf("Issue(%d) = %v", next, err)
		}
		waits = append(waits, wait)
	}
	for i := len(waits) - 1; i >= 0; i-- {
		if err := waits[i](); err != nil {
			t.Fatalf("wait %d = %v", i, err)
		}
	}
	if got, err := store.Load(seq.ID); err != nil || got != st {
		t.Errorf("Load = %+v, %v, want the last issued %+v", got, err, st)
	}
	clone := openTestDB(t, fs.CrashClone(vfs.CrashCloneCfg{}))
	if got, err := clone.SequenceStore().Load(seq.ID); err != nil || got != st {
		t.Errorf("Load after crash = %+v, %v, want the last issued %+v", got, err, st)
	}
	if _, err := store.Issue(12345, st); !errors.Is(err, ErrNotFound) {
		t.Errorf("Issue(no such table) = %v, want ErrNotFound", err)
	}
}
