package sequences

import (
	"strconv"
	"sync"
)

// Sequence is one sequence, shared by every connection of the server (MariaDB's cache is
// server-wide). Get it from a Manager.
//
// Concurrency: all methods are safe for concurrent use. A value in the durable cache window is
// served under the mutex alone, without allocating. Every other operation (a new reservation,
// SETVAL, ALTER, INSERT, FLUSH) joins a group; the group's leader applies the group's
// operations in arrival order on the in-memory state, as MariaDB would one after the other,
// and persists the resulting row with a single Store.Save, without holding the mutex. Callers
// arriving meanwhile form the next group, so concurrent NOCACHE callers share one Save.
//
// Over a PipelineStore (storage's store) there are no groups: an operation that writes the row
// issues its save at once, under the mutex, without waiting for earlier saves to sync, and its
// caller then waits until every save issued so far is durable. The store shares one sync among
// all the saves pending at that moment (pipeline.go).
//
// Invariant: a value is returned only after a Store.Save of a row whose next_not_cached_value
// covers it has returned, so a value returned by Next is never returned again, even across a
// crash and restart, unless the sequence is moved back on purpose (CYCLE, ALTER ... RESTART,
// INSERT); values may be skipped (the unused cache), never repeated. The values one caller gets
// from successive calls increase (decrease for a negative increment) under the same proviso.
// Saves of one sequence are issued in order; over a plain Store they never overlap.
//
// With INCREMENT 0 the Manager's auto-increment callback is called with the mutex held.
//
// If Save fails, every operation of the group gets the error, nothing of the group takes
// effect, and the next call starts again from the persisted row. Over a PipelineStore, a failed
// save fails its operation and every operation applied while it was in flight, and the state
// goes back to what it was before that save.
type Sequence struct {
	id        uint64
	store     Store
	temporary bool      // a connection's temporary sequence (Manager.Register)
	pipe      *pipeline // set when store is a PipelineStore: operations do not form groups

	mu        sync.Mutex // protects the fields below
	c         core       // MariaDB's in-memory sequence object
	durable   State      // the row as last persisted: what SELECT shows
	servable  bool       // c.row is durable, so cached values may be served
	busy      bool       // a leader is applying a group or waiting for Store.Save
	queue     *group     // operations waiting for the next leader
	closed    error      // ErrClosed or ErrDropped
	db, name  string     // for error messages
	redefined uint64     // ALTER TABLEs since it was opened (Manager.Redefine)
}

// group is a batch of operations persisted together.
type group struct {
	ops      []*op
	snapshot core          // the state before the group, restored if Save fails
	start    chan struct{} // closed when ops[0]'s caller is to lead the group
	done     chan struct{} // closed when every op has its result
}

// newSequence returns the Sequence of a loaded row.
func newSequence(id uint64, db, name string, row State, store Store, ai func() AutoIncrement) *Sequence {
	s := &Sequence{id: id, store: store, db: db, name: name, durable: row, servable: true}
	if ps, ok := store.(PipelineStore); ok {
		s.pipe = &pipeline{store: ps, issuedAt: row}
	}
	s.c.autoInc = ai
	s.c.load(row)
	return s
}

// ID returns the sequence's id (its table id in the catalog).
func (s *Sequence) ID() uint64 { return s.id }

// Type returns the value type, which says how to read the int64 values of an unsigned sequence.
func (s *Sequence) Type() ValueType {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.c.row.Type
}

// State returns the persisted row: what SELECT * FROM the sequence shows.
func (s *Sequence) State() State {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.durable
}

// TableKey identifies the table the sequence is now, as MariaDB keys a connection's PREVIOUS
// VALUE: its schema and name as last named, and its definition, which ALTER TABLE renews.
func (s *Sequence) TableKey() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := s.db + "." + s.name
	if s.temporary {
		key += " (temporary)" // MariaDB's key of a temporary table differs from the base one's
	}
	return key + "/" + strconv.FormatUint(s.redefined, 10)
}

// SetName records the schema and name used in error messages (after RENAME TABLE).
func (s *Sequence) SetName(db, name string) {
	s.mu.Lock()
	s.db, s.name = db, name
	s.mu.Unlock()
}

// Next returns the next value (NEXTVAL), or ErrRunOut past the end of a NOCYCLE sequence.
func (s *Sequence) Next() (int64, error) {
	s.mu.Lock()
	if s.servable && s.closed == nil && s.c.cached() {
		v := s.c.takeCached()
		s.mu.Unlock()
		return v, nil
	}
	o := &op{kind: opNext}
	s.runLocked(o)
	return o.val, o.err
}

// NextN takes n consecutive values in one step and returns the first and the step between
// them: the values are first, first+step, …, first+(n-1)·step, exactly those n calls of Next
// would return. If the sequence is at its end and cycles, the batch starts the new round. A
// batch that would pass the end fails with ErrBatchPastEnd (NOCYCLE) or ErrBatchWraps (CYCLE)
// and takes nothing; NextN(1) fails as Next does. n < 1 is ErrWrongArguments.
func (s *Sequence) NextN(n int64) (first, step int64, err error) {
	if n < 1 {
		return 0, 0, ErrWrongArguments.New("NEXTVAL")
	}
	o := &op{kind: opNextN, n: n}
	s.mu.Lock()
	s.runLocked(o)
	return o.val, o.step, o.err
}

// SetVal is SETVAL(seq, v, isUsed, round). ok is false when MariaDB returns NULL: (round, v)
// does not move past the values handed out. A value past the end is accepted. A round above
// the current one needs CYCLE, else ErrRunOut. Rounds compare as unsigned numbers.
func (s *Sequence) SetVal(v int64, isUsed bool, round int64) (ok bool, err error) {
	o := &op{kind: opSetVal, v: v, used: isUsed, round: round}
	s.mu.Lock()
	s.runLocked(o)
	return o.ok, o.err
}

// Alter applies ALTER SEQUENCE options: unspecified options keep their values, the cache is
// discarded, and RESTART moves the position (also backwards). It returns ErrInvalidData when
// the position or options end up out of range. notes are Note 1292 of a clamped bound
// (sequences with an AS type).
func (s *Sequence) Alter(o *Options) (notes []*Error, err error) {
	op := &op{kind: opAlter, opts: o}
	s.mu.Lock()
	s.runLocked(op)
	return op.notes, op.err
}

// ReplaceRow is INSERT into the sequence: row replaces the persisted row after the checks of
// CREATE (ErrInvalidData), and the cache is discarded. It may move the sequence backwards. The
// value type of the sequence is kept.
func (s *Sequence) ReplaceRow(row State) (notes []*Error, err error) {
	o := &op{kind: opReplace, row: row}
	s.mu.Lock()
	s.runLocked(o)
	return o.notes, o.err
}

// Flush discards the cache (FLUSH TABLES, RENAME, ALTER TABLE): the next value is the persisted
// next_not_cached_value, and INCREMENT 0 re-reads auto_increment_increment/offset.
func (s *Sequence) Flush() {
	o := &op{kind: opFlush}
	s.mu.Lock()
	s.runLocked(o)
}

// close makes every later call fail with err.
func (s *Sequence) close(err error) {
	s.mu.Lock()
	if s.closed == nil {
		s.closed = err
	}
	s.mu.Unlock()
}

// runLocked runs o in a group and returns when o has its result.
// REQUIRES: s.mu held; it is released on return.
func (s *Sequence) runLocked(o *op) {
	if s.pipe != nil {
		s.runPipelinedLocked(o)
		return
	}
	if !s.busy {
		s.busy = true
		s.lead(&group{ops: []*op{o}})
		return
	}
	g := s.queue
	if g == nil {
		g = &group{start: make(chan struct{}), done: make(chan struct{})}
		s.queue = g
	}
	g.ops = append(g.ops, o)
	leader := g.ops[0] == o
	s.mu.Unlock()
	if !leader {
		<-g.done
		return
	}
	<-g.start
	s.mu.Lock()
	s.lead(g)
}

// lead applies g and persists the result.
// REQUIRES: s.mu held and s.busy set for g; s.mu is released on return.
func (s *Sequence) lead(g *group) {
	if s.closed != nil {
		for _, o := range g.ops {
			o.fail(s.closed)
		}
	} else {
		g.snapshot = s.c
		if row, dirty := s.applyLocked(g.ops); dirty {
			s.persist(g, row)
		}
	}
	if next := s.queue; next != nil {
		s.queue = nil
		close(next.start) // busy stays set: next.ops[0]'s caller leads
	} else {
		s.busy = false
	}
	s.mu.Unlock()
	if g.done != nil {
		close(g.done)
	}
}

// persist saves row with s.mu released; on failure it undoes g.
// REQUIRES: s.mu held; it is held again on return.
func (s *Sequence) persist(g *group, row State) {
	s.servable = false
	s.mu.Unlock()
	err := s.store.Save(s.id, row)
	s.mu.Lock()
	s.servable = true
	if err != nil {
		s.c = g.snapshot
		for _, o := range g.ops {
			o.fail(err)
		}
		return
	}
	s.durable = row
}
