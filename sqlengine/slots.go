package sqlengine

import "sync"

// freeSlots remembers, per heap table, the row ids of deleted rows, so that a new row takes the
// slot of the last deleted one, as MyISAM places rows. It lives in memory only: after a restart
// new rows are appended. A slot is reused only after checking that it is still free, so a slot
// remembered by a delete that was rolled back does no harm.
type freeSlots struct {
	mu sync.Mutex          // protects m
	m  map[uint64][][]byte // table id -> free row keys, last deleted last
}

func (f *freeSlots) free(table uint64, rk []byte) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.m == nil {
		f.m = map[uint64][][]byte{}
	}
	f.m[table] = append(f.m[table], rk)
}

func (f *freeSlots) take(table uint64) ([]byte, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	s := f.m[table]
	if len(s) == 0 {
		return nil, false
	}
	rk := s[len(s)-1]
	f.m[table] = s[:len(s)-1]
	return rk, true
}

// forget drops the free slots of a table (dropped, truncated or rewritten).
func (f *freeSlots) forget(table uint64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.m, table)
}
