package storage

import (
	"encoding/hex"
	"errors"
	"math"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/cockroachdb/pebble/v2/vfs"
	"github.com/cockroachdb/pebble/v2/vfs/errorfs"
	"github.com/seqd/seqd/sequences"
)

var goldenState = sequences.State{
	NextNotCached: 1001, MinValue: 1, MaxValue: math.MaxInt64, Start: 1,
	Increment: 1, Cache: 1000, Cycle: true, CycleCount: 2,
	Type: sequences.ValueType{Kind: sequences.Int, Unsigned: true},
}

// TestStateGolden pins the sequence state bytes (FORMAT.md, "Sequence state").
func TestStateGolden(t *testing.T) {
	want := strings.Join([]string{
		"01",               // version
		"00000000000003e9", // next_not_cached_value 1001
		"0000000000000001", // minimum_value
		"7fffffffffffffff", // maximum_value
		"0000000000000001", // start_value
		"0000000000000001", // increment
		"00000000000003e8", // cache_size 1000
		"0000000000000002", // cycle_count
		"03",               // flags: cycle | unsigned
		"04",               // kind: Int
	}, "")
	if got := hex.EncodeToString(encodeState(goldenState)); got != want {
		t.Errorf("encodeState = %s, want %s", got, want)
	}
	got, err := decodeState(encodeState(goldenState))
	if err != nil || got != goldenState {
		t.Errorf("decodeState(encodeState(s)) = %+v, %v; want %+v", got, err, goldenState)
	}
}

func TestStateDecodeErrors(t *testing.T) {
	good := encodeState(goldenState)
	bad := map[string][]byte{
		"empty":   nil,
		"short":   good[:len(good)-1],
		"version": append([]byte{2}, good[1:]...),
		"flags":   append(append([]byte{}, good[:len(good)-2]...), 0x04, 0x00),
		"kind":    append(append([]byte{}, good[:len(good)-1]...), 0x05),
		"long":    append(append([]byte{}, good...), 0),
	}
	for name, b := range bad {
		if _, err := decodeState(b); !errors.Is(err, ErrCorrupt) {
			t.Errorf("decodeState(%s) = %v, want ErrCorrupt", name, err)
		}
	}
}

// createSequence creates a sequence table and its initial state in one transaction.
func createSequence(t testing.TB, db *DB, name string, st sequences.State) *TableDef {
	t.Helper()
	var def *TableDef
	mustCommit(t, db, func(tx *Txn) error {
		if _, ok := tx.Catalog().Database("test"); !ok {
			id, _ := tx.NextObjectID()
			if err := tx.PutDatabase(DatabaseDef{ID: id, Name: "test"}); err != nil {
				return err
			}
		}
		id, err := tx.NextObjectID()
		if err != nil {
			return err
		}
		def = &TableDef{ID: id, DB: "test", Name: name, Sequence: true,
			Columns: []ColumnDef{{Name: "next_not_cached_value", Type: "bigint(21)"}}}
		return errors.Join(tx.PutTable(def), tx.PutSequenceState(id, st))
	})
	return def
}

func TestSequenceStore(t *testing.T) {
	fs := vfs.NewMem()
	db := openTestDB(t, fs)
	store := db.SequenceStore()
	if _, err := store.Load(12345); !errors.Is(err, ErrNotFound) {
		t.Errorf("Load(missing) = %v, want ErrNotFound", err)
	}
	if err := store.Save(12345, goldenState); !errors.Is(err, ErrNotFound) {
		t.Errorf("Save(no such table) = %v, want ErrNotFound", err)
	}
	seq := createSequence(t, db, "s", goldenState)
	if got, err := store.Load(seq.ID); err != nil || got != goldenState {
		t.Fatalf("Load after CREATE = %+v, %v", got, err)
	}
	next := goldenState
	next.NextNotCached = 2001
	if err := store.Save(seq.ID, next); err != nil {
		t.Fatal(err)
	}
	if got, err := db.Begin().SequenceState(seq.ID); err != nil || got != next {
		t.Errorf("SequenceState after Save = %+v, %v", got, err)
	}
	checkAndClose(t, db)
	db = openTestDB(t, fs)
	if got, err := db.SequenceStore().Load(seq.ID); err != nil || got != next {
		t.Errorf("Load after reopen = %+v, %v", got, err)
	}
	mustCommit(t, db, func(tx *Txn) error { return tx.DeleteTable(seq.ID) })
	if err := db.SequenceStore().Save(seq.ID, next); !errors.Is(err, ErrNotFound) {
		t.Errorf("Save after DROP = %v, want ErrNotFound", err)
	}
	if _, err := db.SequenceStore().Load(seq.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Load after DROP = %v, want ErrNotFound", err)
	}
}

// TestSequenceSavesShareSyncs runs concurrent Saves of different sequences on the real disk
// and counts WAL syncs: group commit makes them fewer than the Saves.
func TestSequenceSavesShareSyncs(t *testing.T) {
	if testing.Short() {
		t.Skip("real disk")
	}
	var syncs atomic.Int64
	fs := errorfs.Wrap(vfs.Default, errorfs.InjectorFunc(func(op errorfs.Op) error {
		if isWALSync(op) {
			syncs.Add(1)
		}
		return nil
	}))
	db, err := Open(t.TempDir(), Options{FS: fs})
	if err != nil {
		t.Fatal(err)
	}
	defer checkAndClose(t, db)
	const workers, perWorker = 16, 20
	ids := make([]uint64, workers)
	for i := range ids {
		ids[i] = createSequence(t, db, "s"+string(rune('a'+i)), goldenState).ID
	}
	syncs.Store(0)
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st := goldenState
			for i := range perWorker {
				st.NextNotCached = int64(i)
				if err := db.SequenceStore().Save(id, st); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	t.Logf("%d Saves, %d WAL syncs", workers*perWorker, syncs.Load())
	if syncs.Load() >= workers*perWorker {
		t.Errorf("%d WAL syncs for %d concurrent Saves: no group commit", syncs.Load(), workers*perWorker)
	}
	for _, id := range ids {
		if st, err := db.SequenceStore().Load(id); err != nil || st.NextNotCached != perWorker-1 {
			t.Errorf("Load(%d) = %+v, %v", id, st, err)
		}
	}
}

func isWALSync(op errorfs.Op) bool {
	switch op.Kind {
	case errorfs.OpFileSync, errorfs.OpFileSyncData, errorfs.OpFileSyncTo:
		return strings.HasSuffix(op.Path, ".log")
	}
	return false
}

func TestSequenceStateInTxnRollsBack(t *testing.T) {
	db := openTestDB(t, nil)
	seq := createSequence(t, db, "s", goldenState)
	tx := db.Begin()
	changed := goldenState
	changed.Start = 99
	if err := tx.PutSequenceState(seq.ID, changed); err != nil {
		t.Fatal(err)
	}
	if got, _ := tx.SequenceState(seq.ID); !reflect.DeepEqual(got, changed) {
		t.Errorf("txn SequenceState = %+v, want its own write", got)
	}
	_ = tx.Rollback()
	if got, _ := db.SequenceStore().Load(seq.ID); got != goldenState {
		t.Errorf("Load after Rollback = %+v, want the committed state", got)
	}
}

// TestWALSyncDelayFollowsWaitingSaves checks when the WAL holds back its next sync: not for
// saves one at a time, and while many saves wait at once (concurrent NOCACHE NEXTVAL).
func TestWALSyncDelayFollowsWaitingSaves(t *testing.T) {
	db := openTestDB(t, nil)
	seq := createSequence(t, db, "s", goldenState)
	store := db.SequenceStore()
	st := goldenState
	for i := range 50 {
		st.NextNotCached = int64(100 + i)
		if err := store.Save(seq.ID, st); err != nil {
			t.Fatal(err)
		}
		if d := store.walSyncDelay(); d != 0 {
			t.Fatalf("after %d saves one at a time, the WAL sync delay is %v, want 0", i+1, d)
		}
	}
	// Saves issued together, before any of them is waited for, count as waiting at once.
	var waits []func() error
	for i := range 16 {
		st.NextNotCached = int64(1000 + i)
		w, err := store.Issue(seq.ID, st)
		if err != nil {
			t.Fatal(err)
		}
		waits = append(waits, w)
	}
	if d := store.walSyncDelay(); d != walGroupDelay {
		t.Errorf("with 16 saves waiting, the WAL sync delay is %v, want %v", d, walGroupDelay)
	}
	for _, w := range waits {
		if err := w(); err != nil {
			t.Fatal(err)
		}
	}
	if n := store.waiting.Load(); n != 0 {
		t.Errorf("%d saves still counted as waiting after every wait returned", n)
	}
}
