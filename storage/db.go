package storage

import (
	"errors"
	"fmt"
	iofs "io/fs"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/vfs"
)

// pebbleFormat is the pebble format major version of new data directories; Open ratchets an
// older directory up to it. NB: raising it makes directories unreadable by older seqd builds.
const pebbleFormat = pebble.FormatValueSeparation

// Options configures Open. The zero value opens a directory on the real disk with pebble's
// defaults.
type Options struct {
	// FS is the file system; nil means the real disk. Tests use vfs.NewMem or
	// vfs.NewCrashableMem.
	FS vfs.FS
	// CacheSize is the size of pebble's block cache in bytes; 0 means pebble's default.
	CacheSize int64
	// Logger receives pebble's log output; nil means pebble's default. NB: pebble calls Fatalf
	// when its commit pipeline cannot write the WAL, and the default Fatalf exits the process.
	Logger pebble.Logger
}

// DB is an open data directory. All its methods are safe for concurrent use.
type DB struct {
	pdb    *pebble.DB
	lock   *pebble.Lock
	regKey string // key in openDirs, "" when the FS is not the real disk

	gate   gate                  // counts in-flight operations; Close waits for them
	failed atomic.Pointer[error] // set once, by fail, after a WAL write error

	// catMu is held exclusively while a catalog-changing batch is applied and its snapshot
	// published, so snapshots are published in commit order, and shared by SequenceStore.Issue
	// around its apply, so a save cannot write the state of a table that a concurrent commit
	// drops. Readers load cat without it.
	catMu sync.RWMutex
	cat   atomic.Pointer[Catalog]

	idMu   sync.Mutex // protects nextID and the persisted next-object-id key
	nextID uint64

	locks  lockManager
	txnIDs atomic.Uint64
	seqs   SequenceStore
}

// Open opens the data directory dir, creating it and an empty database if needed. It fails
// with ErrLocked when another process (or another DB in this process) has it open, with
// ErrNotSeqd for a pebble directory seqd did not create, with ErrFormatVersion for a directory
// of another format version, and with ErrCorrupt when a catalog record cannot be decoded.
func Open(dir string, opts Options) (*DB, error) {
	fs := opts.FS
	if fs == nil {
		fs = vfs.Default
	}
	if err := fs.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("storage: create data directory: %w", err)
	}
	db := &DB{}
	db.seqs.db = db
	if err := db.open(dir, fs, opts); err != nil {
		db.release()
		return nil, err
	}
	return db, nil
}

func (db *DB) open(dir string, fs vfs.FS, opts Options) error {
	var err error
	if fs == vfs.Default {
		if db.regKey, err = registerDir(dir); err != nil {
			return err
		}
	}
	if db.lock, err = pebble.LockDirectory(dir, fs); err != nil {
		return lockError(dir, err)
	}
	po := &pebble.Options{FS: fs, Lock: db.lock, FormatMajorVersion: pebbleFormat, Logger: opts.Logger,
		WALMinSyncInterval: db.seqs.walSyncDelay}
	if opts.CacheSize > 0 {
		po.Cache = pebble.NewCache(opts.CacheSize)
		defer po.Cache.Unref()
	}
	if db.pdb, err = pebble.Open(dir, po); err != nil {
		return fmt.Errorf("storage: open %s: %w", dir, err)
	}
	return db.init()
}

// release frees what a failed open acquired.
func (db *DB) release() {
	if db.pdb != nil {
		_ = db.pdb.Close()
	}
	if db.lock != nil {
		_ = db.lock.Close()
	}
	unregisterDir(db.regKey)
}

// Close waits for in-flight operations (commits, reads, open iterators, sequence saves), then
// closes the directory. Operations started after Close returns ErrClosed; transactions still
// open are abandoned (their locks are irrelevant once the process stops using the DB). A second
// Close returns ErrClosed.
func (db *DB) Close() error {
	if !db.gate.close() {
		return ErrClosed
	}
	err := db.pdb.Close()
	if lerr := db.lock.Close(); err == nil {
		err = lerr
	}
	unregisterDir(db.regKey)
	if err != nil {
		return fmt.Errorf("storage: close: %w", err)
	}
	return nil
}

// Catalog returns the latest published catalog snapshot. It is an atomic load.
func (db *DB) Catalog() *Catalog { return db.cat.Load() }

// enter admits one operation; exit must follow.
func (db *DB) enter() error {
	if err := db.gate.enter(); err != nil {
		return err
	}
	if f := db.failed.Load(); f != nil {
		db.gate.exit()
		return *f
	}
	return nil
}

func (db *DB) exit() { db.gate.exit() }

// fail records that a WAL write or sync failed. Pebble has then applied the batch to its
// memtable (it is visible) without making it durable, and its WAL writer stays broken, so
// every later operation fails until the directory is reopened and the WAL replayed.
func (db *DB) fail(cause error) error {
	err := fmt.Errorf("%w: %w", ErrFailed, cause)
	db.failed.CompareAndSwap(nil, &err)
	return err
}

// setSynced writes key = value with its own synced WAL write and waits for the fsync.
func (db *DB) setSynced(key, value []byte) error {
	b := db.pdb.NewBatch()
	defer b.Close()
	_ = b.Set(key, value, nil)
	return db.applySynced(b)
}

// applySynced applies b with a synced WAL write and waits for the fsync. NB: it uses
// ApplyNoSyncWait + SyncWait rather than Batch.Commit because pebble's synchronous path turns
// a WAL write or sync error into Logger.Fatalf, while SyncWait returns it.
func (db *DB) applySynced(b *pebble.Batch) error {
	if err := db.pdb.ApplyNoSyncWait(b, pebble.Sync); err != nil {
		return fmt.Errorf("storage: apply: %w", err)
	}
	if err := b.SyncWait(); err != nil {
		return db.fail(err)
	}
	return nil
}

// lockError maps pebble's directory-lock errors: fcntl's EAGAIN/EACCES from another process
// and MemFS's EAGAIN mean the lock is held; a *PathError means the LOCK file could not be
// created at all.
func lockError(dir string, err error) error {
	var pe *iofs.PathError
	if !errors.As(err, &pe) && (errors.Is(err, syscall.EAGAIN) || errors.Is(err, syscall.EACCES)) {
		return fmt.Errorf("%w (%s: %w)", ErrLocked, dir, err)
	}
	return fmt.Errorf("storage: lock data directory %s: %w", dir, err)
}

// openDirs holds the real-disk directories open in this process. Pebble's own in-process
// check returns an error with no sentinel, so seqd checks first.
var openDirs struct {
	sync.Mutex
	m map[string]bool // guarded by the mutex
}

func registerDir(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("storage: data directory %s: %w", dir, err)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	openDirs.Lock()
	defer openDirs.Unlock()
	if openDirs.m[abs] {
		return "", fmt.Errorf("%w (%s: open in this process)", ErrLocked, dir)
	}
	if openDirs.m == nil {
		openDirs.m = map[string]bool{}
	}
	openDirs.m[abs] = true
	return abs, nil
}

func unregisterDir(key string) {
	if key == "" {
		return
	}
	openDirs.Lock()
	defer openDirs.Unlock()
	delete(openDirs.m, key)
}

// gate counts in-flight operations so that Close can wait for them.
type gate struct {
	state atomic.Int64 // closedBit | number of operations in flight
	done  chan struct{}
	once  sync.Once
}

const closedBit = 1 << 62

func (g *gate) init() { g.once.Do(func() { g.done = make(chan struct{}) }) }

func (g *gate) enter() error {
	for {
		s := g.state.Load()
		if s&closedBit != 0 {
			return ErrClosed
		}
		if g.state.CompareAndSwap(s, s+1) {
			return nil
		}
	}
}

func (g *gate) exit() {
	if g.state.Add(-1) == closedBit {
		g.init()
		close(g.done)
	}
}

// close shuts the gate and waits until no operation is in flight. It reports false if the
// gate was already closed.
func (g *gate) close() bool {
	g.init()
	s := g.state.Or(closedBit)
	if s&closedBit != 0 {
		return false
	}
	if s != 0 {
		<-g.done
	}
	return true
}
