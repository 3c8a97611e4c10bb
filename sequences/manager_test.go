package sequences

import (
	"errors"
	"sync"
	"testing"
)

func TestManagerOpenLoadsOnce(t *testing.T) {
	store := &loadCounter{fakeStore: newFakeStore()}
	store.set(7, defaultRow(10))
	m := NewManager(store, nil)
	var wg sync.WaitGroup
	seqs := make([]*Sequence, 20)
	for i := range seqs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			s, err := m.Open(7, "test", "s")
			if err != nil {
				t.Error(err)
			}
			seqs[i] = s
		}(i)
	}
	wg.Wait()
	for _, s := range seqs {
		if s != seqs[0] {
			t.Fatalf("Open returned different Sequences for one id")
		}
	}
	if n := store.loadCount(); n != 1 {
		t.Errorf("Store.Load called %d times, want 1", n)
	}
}

type loadCounter struct {
	*fakeStore
	mu    sync.Mutex
	loads int
}

func (l *loadCounter) Load(id uint64) (State, error) {
	l.mu.Lock()
	l.loads++
	l.mu.Unlock()
	return l.fakeStore.Load(id)
}

func (l *loadCounter) loadCount() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.loads
}

func TestManagerFlushAllAndRename(t *testing.T) {
	store := newFakeStore()
	m := NewManager(store, nil)
	a := m.Register(1, "test", "a", defaultRow(10), false)
	b := m.Register(2, "test", "b", defaultRow(10), false)
	a.Next()
	b.Next()
	m.FlushAll()
	for _, s := range []*Sequence{a, b} {
		if v, _ := s.Next(); v != 11 {
			t.Errorf("Next() after FlushAll = %d, want 11", v)
		}
	}
	// alter.test: RENAME reopens the table and discards the cache; errors name the new table.
	m.Rename(1, "test", "a2")
	if v, _ := a.Next(); v != 21 {
		t.Errorf("Next() after Rename = %d, want 21", v)
	}
	if _, err := a.SetVal(1, false, 7); err == nil || err.Error() != "Sequence 'test.a2' has run out" {
		t.Errorf("SetVal into a later round = %v, want run out naming test.a2", err)
	}
}

func TestManagerTemporary(t *testing.T) {
	store := newFakeStore()
	m := NewManager(store, nil)
	s := m.Register(9, "test", "tmp", defaultRow(1), true)
	for i := 0; i < 3; i++ {
		s.Next()
	}
	if n := store.count(); n != 0 {
		t.Errorf("temporary sequence saved %d rows to the Manager's store, want 0", n)
	}
	if got := s.State().NextNotCached; got != 4 {
		t.Errorf("temporary sequence row = %d, want 4", got)
	}
	m.Close()
	if _, err := s.Next(); !errors.Is(err, ErrClosed) {
		t.Errorf("Next() after Close = %v, want ErrClosed", err)
	}
}

func TestManagerAutoIncrement(t *testing.T) {
	ai := AutoIncrement{Increment: 2, Offset: 2}
	m := NewManager(newFakeStore(), func() AutoIncrement { return ai })
	if got := m.AutoIncrement(); got != ai {
		t.Errorf("AutoIncrement() = %+v, want %+v", got, ai)
	}
	ai = AutoIncrement{Increment: 0, Offset: 70000} // out of range: MariaDB's defaults
	if got := m.AutoIncrement(); got != DefaultAutoIncrement {
		t.Errorf("AutoIncrement() = %+v, want %+v", got, DefaultAutoIncrement)
	}
}
