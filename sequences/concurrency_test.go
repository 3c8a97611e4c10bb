package sequences

import (
	"errors"
	"math/rand"
	"sync"
	"testing"
	"time"
)

// hammer runs workers goroutines that each call Next n times (retrying after an injected Save
// failure, stopping at a run-out or a crashed store) and returns every worker's values in the
// order it got them.
func hammer(t *testing.T, s *Sequence, workers, n int) [][]int64 {
	t.Helper()
	out := make([][]int64, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for len(out[w]) < n {
				v, err := s.Next()
				switch {
				case errors.Is(err, ErrRunOut), errors.Is(err, errCrashed):
					return
				case errors.Is(err, errInjected):
					continue
				case err != nil:
					t.Errorf("Next() = %v", err)
					return
				}
				out[w] = append(out[w], v)
			}
		}(w)
	}
	wg.Wait()
	return out
}

// checkUniqueIncreasing checks that no value was handed out twice and that each worker's values
// increase. It returns the largest value.
func checkUniqueIncreasing(t *testing.T, perWorker [][]int64) (max int64, total int) {
	t.Helper()
	seen := map[int64]int{}
	for w, vals := range perWorker {
		for i, v := range vals {
			if prev, dup := seen[v]; dup {
				t.Fatalf("value %d handed out to workers %d and %d", v, prev, w)
			}
			seen[v] = w
			if i > 0 && v <= vals[i-1] {
				t.Fatalf("worker %d got %d after %d", w, v, vals[i-1])
			}
			if v > max {
				max = v
			}
			total++
		}
	}
	return max, total
}

func openSeq(t testing.TB, store Store, row State) *Sequence {
	t.Helper()
	m := NewManager(store, nil)
	return m.Register(1, "test", "s", row, false)
}

func defaultRow(cache int64) State {
	return State{NextNotCached: 1, MinValue: 1, MaxValue: 1<<63 - 2, Start: 1, Increment: 1, Cache: cache}
}

// TestConcurrentNoCacheSharesSaves: with NOCACHE every value needs a write, but concurrent
// callers share them, and the row still shows exactly last value + increment.
func TestConcurrentNoCacheSharesSaves(t *testing.T) {
	store := newFakeStore()
	store.delay = 200 * time.Microsecond
	s := openSeq(t, store, defaultRow(0))
	const workers, n = 16, 300
	max, total := checkUniqueIncreasing(t, hammer(t, s, workers, n))
	if total != workers*n || max != workers*n {
		t.Errorf("handed out %d values up to %d, want %d up to %d (no gaps with NOCACHE)", total, max, workers*n, workers*n)
	}
	if saves := store.count(); saves > total/4 {
		t.Errorf("%d Saves for %d values, want groups of callers to share Saves", saves, total)
	} else {
		t.Logf("%d Saves for %d values", saves, total)
	}
	if got := s.State().NextNotCached; got != max+1 {
		t.Errorf("saved next_not_cached_value = %d, want %d (last value + increment)", got, max+1)
	}
}

// TestConcurrentCached: with a cache, values are served from memory between reservations.
func TestConcurrentCached(t *testing.T) {
	store := newFakeStore()
	store.delay = 50 * time.Microsecond
	s := openSeq(t, store, defaultRow(100))
	max, total := checkUniqueIncreasing(t, hammer(t, s, 8, 1000))
	if saves := store.count(); saves > total/100+1 {
		t.Errorf("%d Saves for %d values with cache 100, want at most %d", saves, total, total/100+1)
	}
	if got := s.State().NextNotCached; got <= max || got > max+100 {
		t.Errorf("saved next_not_cached_value = %d, want in (%d, %d]", got, max, max+100)
	}
}

// TestConcurrentSaveFailures: a failed Save hands out nothing of its group; every waiter gets
// the error; later calls retry from the saved row, and values stay unique and covered.
func TestConcurrentSaveFailures(t *testing.T) {
	rng := rand.New(rand.NewSource(testSeed(t)))
	var mu sync.Mutex
	store := newFakeStore()
	store.delay = 20 * time.Microsecond
	store.fail = func(int) error {
		mu.Lock()
		defer mu.Unlock()
		if rng.Intn(4) == 0 {
			return errInjected
		}
		return nil
	}
	for _, cache := range []int64{0, 1, 7} {
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
			t.Errorf("cache %d: no Save failed; the test injects failures", cache)
		}
		if saved, _ := store.Load(1); saved.NextNotCached <= max {
			t.Errorf("cache %d: saved next_not_cached_value %d does not cover %d", cache, saved.NextNotCached, max)
		}
		if cache == 0 && s.State().NextNotCached != max+1 {
			t.Errorf("NOCACHE: saved next_not_cached_value %d, want %d", s.State().NextNotCached, max+1)
		}
	}
}

// TestCrashNeverRepeats crashes the store while callers run, restarts from the rows it had
// saved, and checks that the new instance never hands out a value the old one returned.
func TestCrashNeverRepeats(t *testing.T) {
	rng := rand.New(rand.NewSource(testSeed(t)))
	for round := 0; round < 20; round++ {
		store := newFakeStore()
		store.delay = time.Duration(rng.Intn(50)) * time.Microsecond
		s := openSeq(t, store, defaultRow(int64(rng.Intn(4))))
		var rows map[uint64]State
		done := make(chan [][]int64)
		go func() { done <- hammer(t, s, 8, 300) }()
		time.Sleep(time.Duration(rng.Intn(2000)) * time.Microsecond)
		rows = store.crashNow()
		before := <-done

		restarted := newFakeStore()
		restarted.set(1, rows[1])
		s2, err := NewManager(restarted, nil).Open(1, "test", "s")
		if err != nil {
			t.Fatal(err)
		}
		after := hammer(t, s2, 8, 100)
		checkUniqueIncreasing(t, append(before, after...))
		for _, vals := range before {
			for _, v := range vals {
				if v >= rows[1].NextNotCached {
					t.Fatalf("value %d was handed out but the saved row (%d) did not cover it", v, rows[1].NextNotCached)
				}
			}
		}
	}
}

// TestGroupsKeepOrder mixes SETVAL, FLUSH and ALTER with concurrent NEXTVAL: each caller's values
// still increase and none repeats (ALTER only moves forward here).
func TestGroupsKeepOrder(t *testing.T) {
	store := newFakeStore()
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

// TestClosedSequence: after Drop or Forget a Sequence refuses work; Open after Forget reloads.
func TestClosedSequence(t *testing.T) {
	store := newFakeStore()
	m := NewManager(store, nil)
	store.set(1, defaultRow(10))
	s, err := m.Open(1, "test", "s")
	if err != nil {
		t.Fatal(err)
	}
	if v, err := s.Next(); err != nil || v != 1 {
		t.Fatalf("Next() = %d, %v; want 1", v, err)
	}
	m.Forget(1)
	if _, err := s.Next(); !errors.Is(err, ErrClosed) {
		t.Errorf("Next() after Forget = %v, want ErrClosed", err)
	}
	s, _ = m.Open(1, "test", "s")
	if v, err := s.Next(); err != nil || v != 11 {
		t.Errorf("Next() after reopening = %d, %v; want 11 (the cache is lost)", v, err)
	}
	m.Drop(1)
	if _, err := s.Next(); !errors.Is(err, ErrDropped) {
		t.Errorf("Next() after Drop = %v, want ErrDropped", err)
	}
	if _, err := m.Open(2, "test", "nosuch"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Open(missing) = %v, want ErrNotFound", err)
	}
}
