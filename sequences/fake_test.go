package sequences

import (
	"errors"
	"sync"
	"time"
)

// fakeStore is a Store for tests, not a storage engine: it keeps rows in memory, counts Saves,
// and can delay Saves, fail chosen ones, or "crash" (every Save from then on fails, and the
// rows saved before are what a restart sees). A Save's delay happens before it takes the lock,
// like the wait for a disk sync; the crash check and the write happen under the lock, so a
// Save either completed before the crash or failed.
type fakeStore struct {
	delay time.Duration     // slept by every Save
	fail  func(n int) error // the error for the n-th Save (1-based), or nil
	mu    sync.Mutex        // protects the fields below
	rows  map[uint64]State  //
	saves int               // Saves that wrote a row
	calls int               // Save calls
	crash bool              //
}

var (
	errInjected = errors.New("test: injected Save failure")
	errCrashed  = errors.New("test: store crashed")
)

func newFakeStore() *fakeStore { return &fakeStore{rows: map[uint64]State{}} }

func (f *fakeStore) Load(id uint64) (State, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	row, ok := f.rows[id]
	if !ok {
		return State{}, ErrNotFound
	}
	return row, nil
}

func (f *fakeStore) Save(id uint64, st State) error {
	if f.delay > 0 {
		time.Sleep(f.delay)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.crash {
		return errCrashed
	}
	if f.fail != nil {
		if err := f.fail(f.calls); err != nil {
			return err
		}
	}
	f.saves++
	f.rows[id] = st
	return nil
}

func (f *fakeStore) set(id uint64, st State) {
	f.mu.Lock()
	f.rows[id] = st
	f.mu.Unlock()
}

// count returns the number of successful Saves.
func (f *fakeStore) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.saves
}

// crashNow makes every later Save fail and returns the rows a restart would load.
func (f *fakeStore) crashNow() map[uint64]State {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.crash = true
	rows := make(map[uint64]State, len(f.rows))
	for id, r := range f.rows {
		rows[id] = r
	}
	return rows
}

var _ Store = (*fakeStore)(nil)
