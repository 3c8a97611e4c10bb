package storage

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/vfs"
)

func TestOpenCreatesAndReopens(t *testing.T) {
	fs := vfs.NewMem()
	db := openTestDB(t, fs)
	tbl := createTable(t, db, "test", "t1")
	checkAndClose(t, db)

	db = openTestDB(t, fs)
	got, ok := db.Catalog().Table("test", "t1")
	if !ok || got.ID != tbl.ID {
		t.Fatalf("Table(test, t1) after reopen = %v, %v; want id %d", got, ok, tbl.ID)
	}
	id, err := db.Begin().NextObjectID()
	if err != nil || id <= tbl.ID {
		t.Errorf("NextObjectID after reopen = %d, %v; want > %d", id, err, tbl.ID)
	}
}

func TestOpenLockedMem(t *testing.T) {
	fs := vfs.NewMem()
	openTestDB(t, fs)
	if _, err := Open(testDir, Options{FS: fs}); !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open = %v, want ErrLocked", err)
	}
}

func TestOpenLockedDiskSameProcess(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer checkAndClose(t, db)
	_, err = Open(filepath.Join(dir, "."), Options{})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open = %v, want ErrLocked", err)
	}
	t.Logf("error text: %v", err)
}

// TestOpenLockedDiskOtherProcess opens the directory in a child process (this test binary
// re-executed) and checks that Open in the parent fails with ErrLocked.
func TestOpenLockedDiskOtherProcess(t *testing.T) {
	if dir := os.Getenv("SEQD_STORAGE_HOLD_DIR"); dir != "" {
		holdDirectory(dir)
		return
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestOpenLockedDiskOtherProcess$")
	cmd.Env = append(os.Environ(), "SEQD_STORAGE_HOLD_DIR="+dir)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = stdin.Close(); _ = cmd.Wait() }()
	buf := make([]byte, 5)
	if _, err := stdout.Read(buf); err != nil || string(buf) != "ready" {
		t.Fatalf("child said %q, %v", buf, err)
	}
	_, err = Open(dir, Options{})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("Open while another process holds the directory = %v, want ErrLocked", err)
	}
	t.Logf("error text: %v", err)
}

// holdDirectory is the child side: open dir, say "ready", hold it until stdin closes.
func holdDirectory(dir string) {
	db, err := Open(dir, Options{})
	if err != nil {
		os.Stdout.WriteString("error")
		os.Exit(1)
	}
	os.Stdout.WriteString("ready")
	_, _ = os.Stdin.Read(make([]byte, 1))
	_ = db.Close()
}

func TestOpenFormatVersionMismatch(t *testing.T) {
	fs := vfs.NewMem()
	db := openTestDB(t, fs)
	checkAndClose(t, db)
	rawSet(t, fs, formatVersionKey, encodeFormatVersion(FormatVersion+1))
	_, err := Open(testDir, Options{FS: fs})
	if !errors.Is(err, ErrFormatVersion) {
		t.Fatalf("Open = %v, want ErrFormatVersion", err)
	}
	t.Logf("error text: %v", err)
}

func TestOpenNotSeqd(t *testing.T) {
	fs := vfs.NewMem()
	pdb, err := pebble.Open(testDir, &pebble.Options{FS: fs})
	if err != nil {
		t.Fatal(err)
	}
	if err := pdb.Set([]byte("foreign"), []byte("x"), pebble.Sync); err != nil {
		t.Fatal(err)
	}
	if err := pdb.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(testDir, Options{FS: fs}); !errors.Is(err, ErrNotSeqd) {
		t.Fatalf("Open(foreign pebble dir) = %v, want ErrNotSeqd", err)
	}
	// The lock was released: a raw pebble open still works.
	pdb, err = pebble.Open(testDir, &pebble.Options{FS: fs})
	if err != nil {
		t.Fatalf("pebble.Open after failed Open = %v", err)
	}
	_ = pdb.Close()
}

func TestOpenCorruptCatalog(t *testing.T) {
	fs := vfs.NewMem()
	db := openTestDB(t, fs)
	tbl := createTable(t, db, "test", "t1")
	checkAndClose(t, db)
	rawSet(t, fs, tableDefKey(tbl.ID), []byte(`{"id":`))
	if _, err := Open(testDir, Options{FS: fs}); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Open = %v, want ErrCorrupt", err)
	}
}

// rawSet writes a key into the closed data directory with pebble directly.
func rawSet(t *testing.T, fs vfs.FS, key, value []byte) {
	t.Helper()
	pdb, err := pebble.Open(testDir, &pebble.Options{FS: fs, FormatMajorVersion: pebbleFormat})
	if err != nil {
		t.Fatal(err)
	}
	if err := pdb.Set(key, value, pebble.Sync); err != nil {
		t.Fatal(err)
	}
	if err := pdb.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestClosed(t *testing.T) {
	db := openTestDB(t, nil)
	tx := db.Begin()
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); !errors.Is(err, ErrClosed) {
		t.Errorf("second Close = %v, want ErrClosed", err)
	}
	if _, _, err := tx.Get([]byte("k")); !errors.Is(err, ErrClosed) {
		t.Errorf("Get after Close = %v, want ErrClosed", err)
	}
	if err := tx.Set([]byte("k"), nil); !errors.Is(err, ErrClosed) {
		t.Errorf("Set after Close = %v, want ErrClosed", err)
	}
	if _, err := db.SequenceStore().Load(1); !errors.Is(err, ErrClosed) {
		t.Errorf("Load after Close = %v, want ErrClosed", err)
	}
	if err := tx.Commit(); err != nil {
		t.Errorf("Commit of a txn without writes after Close = %v", err)
	}
}

func TestCloseWaitsForIterators(t *testing.T) {
	db := openTestDB(t, nil)
	tx := db.Begin()
	it, err := tx.NewIter(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	closed := make(chan error)
	go func() { closed <- db.Close() }()
	select {
	case err := <-closed:
		t.Fatalf("Close returned %v with an iterator open", err)
	case <-time.After(50 * time.Millisecond):
	}
	if err := it.Close(); err != nil {
		t.Fatal(err)
	}
	if err := <-closed; err != nil {
		t.Fatalf("Close = %v", err)
	}
}
