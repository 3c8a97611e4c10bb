package storage

import (
	"flag"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/cockroachdb/pebble/v2/vfs"
)

var seedFlag = flag.Uint64("seed", 0, "seed for randomised tests (0: time-based)")

// testSeed returns the seed of a randomised test and logs it, so a failure can be replayed
// with -seed.
func testSeed(t testing.TB) uint64 {
	t.Helper()
	s := *seedFlag
	if s == 0 {
		s = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (replay with -seed %d)", s, s)
	return s
}

func newRand(t testing.TB) *rand.Rand {
	s := testSeed(t)
	return rand.New(rand.NewPCG(s, s^0x9e3779b97f4a7c15))
}

const testDir = "data"

// openTestDB opens a DB on fs (a new MemFS if nil). At the end of the test it runs Check and
// closes the DB, unless the test closed it.
func openTestDB(t testing.TB, fs vfs.FS) *DB {
	t.Helper()
	if fs == nil {
		fs = vfs.NewMem()
	}
	db, err := Open(testDir, Options{FS: fs, Logger: testLogger{t}})
	if err != nil {
		t.Fatalf("Open = %v", err)
	}
	t.Cleanup(func() { checkAndClose(t, db) })
	return db
}

func checkAndClose(t testing.TB, db *DB) {
	t.Helper()
	if err := db.Check(); err != nil && err != ErrClosed {
		t.Errorf("Check = %v", err)
	}
	if err := db.Close(); err != nil && err != ErrClosed {
		t.Errorf("Close = %v", err)
	}
}

// mustCommit runs f in a transaction and commits it.
func mustCommit(t testing.TB, db *DB, f func(tx *Txn) error) {
	t.Helper()
	tx := db.Begin()
	if err := f(tx); err != nil {
		_ = tx.Rollback()
		t.Fatalf("txn body = %v", err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatalf("Commit = %v", err)
	}
}

func mustGet(t testing.TB, tx *Txn, key string) (string, bool) {
	t.Helper()
	v, ok, err := tx.Get([]byte(key))
	if err != nil {
		t.Fatalf("Get(%q) = %v", key, err)
	}
	return string(v), ok
}

// scan returns the keys and values of [lo, hi) as tx sees them, as "k=v" strings.
func scan(t testing.TB, tx *Txn, lo, hi []byte) []string {
	t.Helper()
	it, err := tx.NewIter(lo, hi)
	if err != nil {
		t.Fatalf("NewIter = %v", err)
	}
	var out []string
	for ok := it.First(); ok; ok = it.Next() {
		out = append(out, string(it.Key())+"="+string(it.Value()))
	}
	if err := it.Close(); err != nil {
		t.Fatalf("Iter.Close = %v", err)
	}
	return out
}

// testTable returns a valid table definition.
func testTable(id uint64, db, name string) *TableDef {
	return &TableDef{
		ID: id, DB: db, Name: name,
		Columns: []ColumnDef{
			{Name: "id", Type: "bigint(20)"},
			{Name: "v", Type: "varchar(20)", Nullable: true, Default: "NULL"},
		},
		PrimaryKey: []IndexColumn{{Name: "id"}},
		Indexes:    []IndexDef{{ID: 1, Name: "v", Columns: []IndexColumn{{Name: "v"}}}},
		Engine:     "InnoDB",
	}
}

// createTable creates database db (if needed) and a table in it, returning the table.
func createTable(t testing.TB, d *DB, db, name string) *TableDef {
	t.Helper()
	var def *TableDef
	mustCommit(t, d, func(tx *Txn) error {
		if _, ok := tx.Catalog().Database(db); !ok {
			id, err := tx.NextObjectID()
			if err != nil {
				return err
			}
			if err := tx.PutDatabase(DatabaseDef{ID: id, Name: db}); err != nil {
				return err
			}
		}
		id, err := tx.NextObjectID()
		if err != nil {
			return err
		}
		def = testTable(id, db, name)
		return tx.PutTable(def)
	})
	return def
}

func newRandSeed(s uint64) *rand.Rand { return rand.New(rand.NewPCG(s, s^0x9e3779b97f4a7c15)) }
