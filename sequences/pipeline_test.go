package sequences

import (
	"errors"
	"math/rand"
	"sync"
	"testing"
	"time"
)

// pipeFake is a PipelineStore for tests, not a storage engine. Issue appends the write to a log;
// a wait sleeps (the sync), then makes its write and every write issued before it durable, like
// a WAL sync. A wait can fail (fail(n) for the n-th Issue): its write is then lost unless a later
// sync already covered it. crashNow makes every later Issue and wait fail and returns the
// durable rows.
type pipeFake struct {
	delay time.Duration
	fail  func(n int) error

	mu          sync.Mutex // protects the fields below
	log         []pipeEntry
	synced      int              // log[:synced] is settled: durable or lost
	rows        map[uint64]State // durable rows
	crash       bool
	inflight    int // issued writes whose wait has not returned
	maxInflight int
	syncs       int // successful waits
}

type pipeEntry struct {
	id   uint64
	st   State
	lost bool
}

func newPipeFake() *pipeFake { return &pipeFake{rows: map[uint64]State{}} }

func (f *pipeFake) Load(id uint64) (State, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	row, ok := f.rows[id]
	if !ok {
		return State{}, ErrNotFound
	}
	return row, nil
}

func (f *pipeFake) Save(id uint64, st State) error {
	wait, err := f.Issue(id, st)
	if err != nil {
		return err
	}
	return wait()
}

func (f *pipeFake) Issue(id uint64, st State) (func() error, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.crash {
		return nil, errCrashed
	}
	f.log = append(f.log, pipeEntry{id: id, st: st})
	n := len(f.log)
	f.inflight++
	f.maxInflight = max(f.maxInflight, f.inflight)
	return func() error { return f.wait(n) }, nil
}

func (f *pipeFake) wait(n int) error {
	if f.delay > 0 {
		time.Sleep(f.delay)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.inflight--
	if f.crash {
		return errCrashed
	}
	if f.fail != nil {
		if err := f.fail(n); err != nil {
			if n > f.synced {
				f.log[n-1].lost = true
			}
			return err
		}
	}
	for ; f.synced < n; f.synced++ {
		if e := f.log[f.synced]; !e.lost {
			f.rows[e.id] = e.st
		}
	}
	f.syncs++
	return nil
}

func (f *pipeFake) crashNow() map[uint64]State {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.crash = true
	rows := make(map[uint64]State, len(f.rows))
	for id, r := range f.rows {
		rows[id] = r
	}
	return rows
}

func (f *pipeFake) stats() (issued, syncs, maxInflight int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.log), f.syncs, f.maxInflight
}

var _ PipelineStore = (*pipeFake)(nil)

// TestPipelineNoCache: over a PipelineStore every NOCACHE value issues its own write without
// waiting for the previous one, values stay unique, increasing and gapless, and the row ends at
// the last value + increment.
func TestPipelineNoCache(t *testing.T) {
	store := newPipeFake()
	store.delay = 200 * time.Microsecond
	s := openSeq(t, store, defaultRow(0))
	const workers, n = 16, 300
	max, total := checkUniqueIncreasing(t, hammer(t, s, workers, n))
	if total != workers*n || max != workers*n {
		t.Errorf("handed out %d values up to %d, want %d up to %d (no gaps with NOCACHE)", total, max, workers*n, workers*n)
	}
	issued, _, maxInflight := store.stats()
	if issued != total {
		t.Errorf("%d writes issued for %d NOCACHE values, want one each", issued, total)
	}
	if maxInflight < 2 {
		t.Errorf("at most %d write in flight, want writes issued while earlier ones sync", maxInflight)
	}
	if got := s.State().NextNotCached; got != max+1 {
		t.Errorf("State().NextNotCached = %d, want %d (last value + increment)", got, max+1)
	}
	if saved, _ := store.Load(1); saved.NextNotCached != max+1 {
		t.Errorf("saved next_not_cached_value = %d, want %d", saved.NextNotCached, max+1)
	}
}

// TestPipelineCached: cached values wait for the write that reserved them, never more than one
// write per window.
func TestPipelineCached(t *testing.T) {
	store := newPipeFake()
	store.delay = 50 * time.Microsecond
	s := openSeq(t, store, defaultRow(100))
	max, total := checkUniqueIncreasing(t, hammer(t, s, 8, 1000))
	if issued, _, _ := store.stats(); issued > total/100+1 {
		t.Errorf("%d writes for %d values with cache 100, want at most %d", issued, total, total/100+1)
	}
	if got := s.State().NextNotCached; got <= max || got > max+100 {
		t.Errorf("State().NextNotCached = %d, want in (%d, %d]", got, max, max+100)
	}
}

// TestPipelineNextN: concurrent batches over a PipelineStore are disjoint and covered.
func TestPipelineNextN(t *testing.T) {
	store := newPipeFake()
	store.delay = 100 * time.Microsecond
	s := openSeq(t, store, defaultRow(1000))
	var mu sync.Mutex
	firsts := map[int64]bool{}
	var wg sync.WaitGroup
	for w := 0; w < 16; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				first, step, err := s.NextN(1000)
				if err != nil || step != 1 {
					t.Errorf("NextN(1000) = %d, %d, %v", first, step, err)
					return
				}
				mu.Lock()
				firsts[first] = true
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(firsts) != 16*50 {
		t.Fatalf("%d distinct batches, want %d", len(firsts), 16*50)
	}
	for f := range firsts {
		if (f-1)%1000 != 0 || f > 16*50*1000 {
			t.Errorf("batch starts at %d, want 1 + a multiple of 1000 up to %d", f, 16*50*1000)
		}
	}
	if saved, _ := store.Load(1); saved.NextNotCached != 16*50*1000+1 {
		t.Errorf("saved next_not_cached_value = %d, want %d", saved.NextNotCached, 16*50*1000+1)
	}
}

// TestPipelineSaveFailures: a failed write fails its operation and every operation applied
// after it while it was in flight; the state goes back to before it; later calls go on, and
// values stay unique, increasing and covered by the durable row.
func TestPipelineSaveFailures(t *testing.T) {
	rng := rand.New(rand.NewSource(testSeed(t)))
	var mu sync.Mutex
	for _, cache := range []int64{0, 1, 7} {
		store := newPipeFake()
		store.delay = 20 * time.Microsecond
		store.fail = func(int) error {
			mu.Lock()
			defer mu.Unlock()
			if rng.Intn(4) == 0 {
				return errInjected
			}
			return nil
		}
		s := openSeq(t, store, defaultRow(cache))
		var errs int
		var emu sync.Mutex
		perWorker := make([][]int64, 8)
		var wg sync.WaitGroup
		for w := range perWorker {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for len(perWorker[w]) < 200 {
					v, err := s.Next()
					if err != nil {
						if !errors.Is(err, errInjected) {
							t.Errorf("Next() = %v, want the injected error", err)
							return
						}
						emu.Lock()
						errs++
						emu.Unlock()
						continue
					}
					perWorker[w] = append(perWorker[w], v)
				}
			}(w)
		}
		wg.Wait()
		max, _ := checkUniqueIncreasing(t, perWorker)
		if errs == 0 {
			t.Errorf("cache %d: no write failed; the test injects failures", cache)
		}
		if saved, _ := store.Load(1); saved.NextNotCached <= max {
			t.Errorf("cache %d: saved next_not_cached_value %d does not cover %d", cache, saved.NextNotCached, max)
		}
		if cache == 0 && s.State().NextNotCached != max+1 {
			t.Errorf("NOCACHE: State().NextNotCached = %d, want %d", s.State().NextNotCached, max+1)
		}
	}
}

// TestPipelineCrashNeverRepeats crashes the store while callers run, restarts from its durable
// rows, and checks that no value the old instance returned is handed out again.
func TestPipelineCrashNeverRepeats(t *testing.T) {
	rng := rand.New(rand.NewSource(testSeed(t)))
	for round := 0; round < 20; round++ {
		store := newPipeFake()
		store.delay = time.Duration(rng.Intn(50)) * time.Microsecond
		s := openSeq(t, store, defaultRow(int64(rng.Intn(4))))
		done := make(chan [][]int64)
		go func() { done <- hammer(t, s, 8, 300) }()
		time.Sleep(time.Duration(rng.Intn(2000)) * time.Microsecond)
		rows := store.crashNow()
		before := <-done

		restarted := newPipeFake()
		restarted.rows[1] = rows[1]
		s2, err := NewManager(restarted, nil).Open(1, "test", "s")
		if err != nil {
			t.Fatal(err)
		}
		after := hammer(t, s2, 8, 100)
		checkUniqueIncreasing(t, append(before, after...))
		for _, vals := range before {
			for _, v := range vals {
				if v >= rows[1].NextNotCached {
					t.Fatalf("value %d was handed out but the durable row (%d) did not cover it", v, rows[1].NextNotCached)
				}
			}
		}
	}
}

// TestPipelineKeepsOrder mixes SETVAL, FLUSH and ALTER with concurrent NEXTVAL over a
// PipelineStore: each caller's values still increase and none repeats.
func TestPipelineKeepsOrder(t *testing.T) {
	store := newPipeFake()
	store.delay = 30 * time.Microsecond
	s := openSeq(t, store, defaultRow(3))
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := int64(1); ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			switch i % 3 {
			case 0:
				s.Flush()
			case 1:
				if _, err := s.SetVal(i*1000, true, 0); err != nil {
					t.Error(err)
				}
			case 2:
				if _, err := s.Alter(&Options{Cache: &i}); err != nil {
					t.Error(err)
				}
			}
		}
	}()
	checkUniqueIncreasing(t, hammer(t, s, 8, 300))
	close(stop)
	wg.Wait()
}
