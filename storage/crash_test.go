package storage

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cockroachdb/pebble/v2/vfs"
)

// The crash tests run writers on a crashable MemFS, take CrashClones while they run (keeping a
// random share of unsynced data), reopen each clone and check: a commit or Save that returned
// before the clone is present; a commit that had not returned is all-or-nothing.

const crashKeysPerTxn = 5

// crashRowKey is the key of row j of transaction n of committer w.
func crashRowKey(tableID uint64, w, n, j int) []byte {
	return RowKey(tableID, EncodeTuple(IntValue(int64(w)), IntValue(int64(n)), IntValue(int64(j))))
}

func TestCrashCommits(t *testing.T) {
	r := newRand(t)
	fs := vfs.NewCrashableMem()
	db := openTestDB(t, fs)
	tbl := createTable(t, db, "test", "t")
	tbl.PrimaryKey = []IndexColumn{{Name: "w"}, {Name: "n"}, {Name: "j"}}
	tbl.Columns = append(tbl.Columns, ColumnDef{Name: "w", Type: "int"}, ColumnDef{Name: "n", Type: "int"}, ColumnDef{Name: "j", Type: "int"})
	mustCommit(t, db, func(tx *Txn) error { return tx.PutTable(tbl) })
	seq := createSequence(t, db, "s", goldenState)
	const committers = 4
	var done [committers]atomic.Int64 // last transaction number that returned
	var saved atomic.Int64            // last NextNotCached whose Save returned
	for i := range done {
		done[i].Store(-1)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range committers {
		wg.Add(1)
		go func() { defer wg.Done(); crashCommitter(t, db, tbl.ID, w, &done[w], stop) }()
	}
	wg.Add(1)
	go func() { defer wg.Done(); crashSaver(t, db, seq.ID, &saved, stop) }()
	for round := 0; round < 10; round++ {
		time.Sleep(time.Duration(r.IntN(3000)) * time.Microsecond)
		var returned [committers]int64
		for i := range done {
			returned[i] = done[i].Load()
		}
		lastSaved := saved.Load()
		clone := fs.CrashClone(vfs.CrashCloneCfg{UnsyncedDataPercent: r.IntN(101), RNG: rand.New(rand.NewPCG(r.Uint64(), 0))})
		verifyCrashClone(t, clone, tbl.ID, seq.ID, returned[:], lastSaved)
	}
	close(stop)
	wg.Wait()
}

// crashMaxTxns bounds each committer, so that a MemFS without fsync latency does not pile up
// data faster than the clones can be checked.
const crashMaxTxns = 2000

func crashCommitter(t *testing.T, db *DB, tableID uint64, w int, done *atomic.Int64, stop chan struct{}) {
	for n := 0; n < crashMaxTxns; n++ {
		select {
		case <-stop:
			return
		default:
		}
		tx := db.Begin()
		for j := range crashKeysPerTxn {
			_ = tx.Set(crashRowKey(tableID, w, n, j), []byte(fmt.Sprint(n)))
		}
		if err := tx.Commit(); err != nil {
			t.Errorf("committer %d: %v", w, err)
			return
		}
		done.Store(int64(n))
	}
}

func crashSaver(t *testing.T, db *DB, id uint64, saved *atomic.Int64, stop chan struct{}) {
	st := goldenState
	for {
		select {
		case <-stop:
			return
		default:
		}
		st.NextNotCached++
		if err := db.SequenceStore().Save(id, st); err != nil {
			t.Errorf("Save: %v", err)
			return
		}
		saved.Store(st.NextNotCached)
	}
}

// verifyCrashClone opens a crash clone and checks it against what had returned.
func verifyCrashClone(t *testing.T, fs vfs.FS, tableID, seqID uint64, returned []int64, lastSaved int64) {
	t.Helper()
	db, err := Open(testDir, Options{FS: fs})
	if err != nil {
		t.Fatalf("Open(crash clone) = %v", err)
	}
	defer checkAndClose(t, db)
	counts := crashRowCounts(t, db, tableID)
	unreturned := 0
	for w, last := range returned {
		for n := 0; ; n++ {
			c := counts[[2]int{w, n}]
			if c != 0 && c != crashKeysPerTxn {
				t.Errorf("committer %d txn %d: %d of %d keys survived", w, n, c, crashKeysPerTxn)
			}
			if int64(n) <= last && c == 0 {
				t.Errorf("committer %d txn %d returned from Commit but is missing after the crash", w, n)
			}
			if int64(n) > last && c == 0 {
				break
			}
			if int64(n) > last {
				unreturned++
			}
		}
	}
	t.Logf("clone: %d transactions, %d of them survived without having returned", len(counts), unreturned)
	st, err := db.SequenceStore().Load(seqID)
	if err != nil || st.NextNotCached < lastSaved {
		t.Errorf("sequence after crash: %d (%v); a Save of %d had returned", st.NextNotCached, err, lastSaved)
	}
}

// crashRowCounts counts the surviving keys per (committer, txn).
func crashRowCounts(t *testing.T, db *DB, tableID uint64) map[[2]int]int {
	tx := db.Begin()
	defer tx.Rollback()
	lo, hi := RowPrefix(tableID)
	it, err := tx.NewIter(lo, hi)
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	counts := map[[2]int]int{}
	for ok := it.First(); ok; ok = it.Next() {
		_, pk, err := SplitRowKey(it.Key())
		vals, derr := DecodeTuple(pk)
		if err != nil || derr != nil || len(vals) != 3 {
			t.Fatalf("bad row key %x", it.Key())
		}
		counts[[2]int{int(vals[0].Int), int(vals[1].Int)}]++
	}
	return counts
}

// TestCrashDDL checks that a CREATE TABLE with rows that returned survives a crash that keeps no
// unsynced data, and a DROP that returned stays dropped.
func TestCrashDDL(t *testing.T) {
	fs := vfs.NewCrashableMem()
	db := openTestDB(t, fs)
	tbl := createTable(t, db, "test", "t")
	mustCommit(t, db, func(tx *Txn) error { return tx.Set(RowKey(tbl.ID, AppendInt(nil, 1)), []byte("x")) })
	clone := openTestDB(t, fs.CrashClone(vfs.CrashCloneCfg{}))
	if _, ok := clone.Catalog().Table("test", "t"); !ok {
		t.Fatal("table missing after crash")
	}
	lo, hi := RowPrefix(tbl.ID)
	if got := scan(t, clone.Begin(), lo, hi); len(got) != 1 {
		t.Fatalf("rows after crash = %q", got)
	}
	mustCommit(t, db, func(tx *Txn) error { return tx.DeleteTable(tbl.ID) })
	clone = openTestDB(t, fs.CrashClone(vfs.CrashCloneCfg{}))
	if _, ok := clone.Catalog().TableByID(tbl.ID); ok {
		t.Fatal("dropped table back after crash")
	}
	id, _ := clone.Begin().NextObjectID()
	if id <= tbl.ID {
		t.Errorf("NextObjectID after crash = %d, reuses an id <= %d", id, tbl.ID)
	}
}
