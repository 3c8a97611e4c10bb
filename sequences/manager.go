package sequences

import (
	"errors"
	"sync"
)

// Manager holds the open sequences of one server: at most one Sequence per id, so that every
// connection shares its cache. Sequences are loaded from the Store on first use and stay in
// memory until Forget, Drop or Close.
//
// Concurrency: safe for concurrent use. Open loads a row at most once even when called
// concurrently for the same id; loads of different ids do not wait for each other.
type Manager struct {
	store   Store
	autoInc func() AutoIncrement

	mu   sync.Mutex        // protects seqs
	seqs map[uint64]*entry // open and loading sequences
}

// entry is a sequence being loaded (done open) or loaded.
type entry struct {
	done chan struct{} // closed when seq or err is set
	seq  *Sequence
	err  error
}

// NewManager returns a Manager over store. autoInc returns the current global
// auto_increment_increment and auto_increment_offset; sequences with INCREMENT 0 call it, with
// their mutex held, when they are opened, flushed, altered or wrap around, so it must be cheap
// and must not call back into this package. nil means MariaDB's defaults (1, 1).
func NewManager(store Store, autoInc func() AutoIncrement) *Manager {
	if autoInc == nil {
		autoInc = func() AutoIncrement { return DefaultAutoIncrement }
	}
	return &Manager{store: store, autoInc: autoInc, seqs: make(map[uint64]*entry)}
}

// AutoIncrement returns the current auto_increment settings from the Manager's callback, for
// Define and ValidateRow.
func (m *Manager) AutoIncrement() AutoIncrement { return m.autoInc().sane() }

// Open returns sequence id, loading its row from the Store if it is not open. db and name are
// used in error messages (see Sequence.SetName).
func (m *Manager) Open(id uint64, db, name string) (*Sequence, error) {
	m.mu.Lock()
	e, ok := m.seqs[id]
	if !ok {
		e = &entry{done: make(chan struct{})}
		m.seqs[id] = e
	}
	m.mu.Unlock()
	if ok {
		<-e.done
		return e.seq, e.err
	}
	row, err := m.store.Load(id)
	if err != nil {
		e.err = err
		m.mu.Lock()
		if m.seqs[id] == e {
			delete(m.seqs, id)
		}
		m.mu.Unlock()
	} else {
		e.seq = newSequence(id, db, name, row, m.store, m.autoInc)
	}
	close(e.done)
	return e.seq, e.err
}

// Register installs a sequence whose row the caller has just written (CREATE SEQUENCE,
// CREATE TABLE ... SEQUENCE=1), replacing and closing any open sequence with that id. A
// temporary sequence lives only in memory: its row is never saved to the Manager's Store.
func (m *Manager) Register(id uint64, db, name string, row State, temporary bool) *Sequence {
	store := m.store
	if temporary {
		store = NewMemStore()
	}
	s := newSequence(id, db, name, row, store, m.autoInc)
	s.temporary = temporary
	e := &entry{done: make(chan struct{}), seq: s}
	close(e.done)
	m.mu.Lock()
	old := m.seqs[id]
	m.seqs[id] = e
	m.mu.Unlock()
	closeEntry(old, ErrClosed)
	return s
}

// Rename records a new schema and name for error messages (RENAME TABLE). It also discards the
// cache of a base sequence, as MariaDB does when it reopens a renamed table; a temporary
// sequence is renamed in place and keeps it.
func (m *Manager) Rename(id uint64, db, name string) {
	if s := m.loaded(id); s != nil {
		s.SetName(db, name)
		if !s.temporary {
			s.Flush()
		}
	}
}

// Redefine notes that ALTER TABLE gave sequence id a new definition: MariaDB's connections
// no longer see the PREVIOUS VALUE they took from the old one (Sequence.TableKey).
func (m *Manager) Redefine(id uint64) {
	if s := m.loaded(id); s != nil {
		s.mu.Lock()
		s.redefined++
		s.mu.Unlock()
	}
}

// Forget closes sequence id and removes it from memory; the next Open loads it from the Store
// again. Calls on the old Sequence return ErrClosed. Use it when the persisted row changed
// behind the Manager (for example a rebuilt table). A temporary sequence is lost by it: its row
// is only in memory.
func (m *Manager) Forget(id uint64) { m.remove(id, ErrClosed) }

// Drop closes sequence id for good (DROP SEQUENCE, DROP TABLE); calls on it return ErrDropped.
func (m *Manager) Drop(id uint64) { m.remove(id, ErrDropped) }

// Flush discards the cache of sequence id if it is open, as MariaDB does when it closes the
// table (FLUSH TABLE s, TRUNCATE TABLE s).
func (m *Manager) Flush(id uint64) {
	if s := m.loaded(id); s != nil {
		s.Flush()
	}
}

// FlushAll discards the cache of every open base sequence (FLUSH TABLES): MariaDB closes the
// base tables, not a connection's temporary ones.
func (m *Manager) FlushAll() {
	for _, s := range m.open() {
		if !s.temporary {
			s.Flush()
		}
	}
}

// Close closes every open sequence; later calls on them return ErrClosed.
func (m *Manager) Close() {
	m.mu.Lock()
	seqs := m.seqs
	m.seqs = make(map[uint64]*entry)
	m.mu.Unlock()
	for _, e := range seqs {
		closeEntry(e, ErrClosed)
	}
}

func (m *Manager) remove(id uint64, err error) {
	m.mu.Lock()
	e := m.seqs[id]
	delete(m.seqs, id)
	m.mu.Unlock()
	closeEntry(e, err)
}

// loaded returns sequence id if it is open and loaded, else nil.
func (m *Manager) loaded(id uint64) *Sequence {
	m.mu.Lock()
	e := m.seqs[id]
	m.mu.Unlock()
	if e == nil {
		return nil
	}
	<-e.done
	return e.seq
}

func (m *Manager) open() []*Sequence {
	m.mu.Lock()
	es := make([]*entry, 0, len(m.seqs))
	for _, e := range m.seqs {
		es = append(es, e)
	}
	m.mu.Unlock()
	var out []*Sequence
	for _, e := range es {
		if <-e.done; e.seq != nil {
			out = append(out, e.seq)
		}
	}
	return out
}

func closeEntry(e *entry, err error) {
	if e == nil {
		return
	}
	<-e.done
	if e.seq != nil {
		e.seq.close(err)
	}
}

// ErrNotFound is returned by MemStore.Load for an id it does not hold.
var ErrNotFound = errors.New("sequences: sequence not found")

// MemStore is a Store in memory, for temporary sequences and tests. Save is immediate.
// Safe for concurrent use.
type MemStore struct {
	mu   sync.Mutex // protects rows
	rows map[uint64]State
}

// NewMemStore returns an empty MemStore.
func NewMemStore() *MemStore { return &MemStore{rows: make(map[uint64]State)} }

// Load returns the row of id or ErrNotFound.
func (s *MemStore) Load(id uint64) (State, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	row, ok := s.rows[id]
	if !ok {
		return State{}, ErrNotFound
	}
	return row, nil
}

// Save stores st as the row of id.
func (s *MemStore) Save(id uint64, st State) error {
	s.mu.Lock()
	s.rows[id] = st
	s.mu.Unlock()
	return nil
}

var _ Store = (*MemStore)(nil)
