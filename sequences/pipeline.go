package sequences

// PipelineStore is a Store that can issue a save and wait for it separately. A Sequence over
// a PipelineStore issues each save as soon as an operation needs one, while earlier saves are
// still waiting for their sync, instead of waiting for the previous save to finish: the store
// then shares syncs among all the saves pending at that moment (pebble's group commit), and the
// disk never idles between one group and the next.
type PipelineStore interface {
	Store
	// Issue starts a durable write of st as the state of sequence id and returns a function
	// that waits until the write is on stable storage; it must be called exactly once. Writes
	// take effect in the order of their Issue calls: when one Issue returns before another
	// starts, the later state replaces the earlier one, in memory and after a crash. A failed
	// Issue wrote nothing. A failed wait means the write may or may not survive a crash.
	Issue(id uint64, st State) (wait func() error, err error)
}

// save is a write issued to a PipelineStore and not yet retired.
type save struct {
	no       uint64
	row      State
	snapshot core          // the state before the operation that issued it, restored if it fails
	done     chan struct{} // closed when retired: every save up to this one has finished
	finished bool          // its wait has returned
	err      error         // its wait's error, or the error of an earlier failed save
}

// pipeline is the state of a Sequence over a PipelineStore. All fields are protected by the
// Sequence's mutex.
//
// Invariant: an operation's result is returned only once every save issued up to the moment it
// was applied is durable (retired without error). Saves retire in issue order. When a save
// fails, the in-memory state goes back to the snapshot before it, and it and every save issued
// before the failure was noticed fail their operations: none of their results was returned, so
// nothing built on the failed save is visible.
type pipeline struct {
	store    PipelineStore
	inflight []*save // issued and not retired, oldest first
	issued   uint64  // number of the last save issued
	issuedAt State   // the row storage will hold once the issued saves finish: what FLUSH reloads
	tainted  uint64  // saves numbered up to tainted fail with taintErr
	taintErr error
}

// runPipelinedLocked applies o at once and, if o wrote the row, issues the save without waiting
// for earlier ones; o's caller then waits until every save issued so far is durable.
// REQUIRES: s.mu held and s.pipe set; s.mu is released on return.
func (s *Sequence) runPipelinedLocked(o *op) {
	if s.closed != nil {
		o.fail(s.closed)
		s.mu.Unlock()
		return
	}
	p := s.pipe
	snap := s.c
	if !s.applyOne(o, p.issuedAt) {
		s.awaitLocked(o, nil, nil)
		return
	}
	wait, err := p.store.Issue(s.id, s.c.row)
	if err != nil {
		s.c = snap
		o.fail(err)
		s.mu.Unlock()
		return
	}
	p.issued++
	sv := &save{no: p.issued, row: s.c.row, snapshot: snap, done: make(chan struct{})}
	p.inflight = append(p.inflight, sv)
	p.issuedAt = s.c.row
	s.servable = false
	s.awaitLocked(o, sv, wait)
}

// awaitLocked waits until every save issued so far has retired, after waiting for own (the save
// o issued, if any), and fails o if one of them failed.
// REQUIRES: s.mu held; it is released on return.
func (s *Sequence) awaitLocked(o *op, own *save, wait func() error) {
	p := s.pipe
	if len(p.inflight) == 0 {
		s.mu.Unlock()
		return
	}
	last := p.inflight[len(p.inflight)-1]
	s.mu.Unlock()
	if own != nil {
		err := wait()
		s.mu.Lock()
		s.finishLocked(own, err)
		s.mu.Unlock()
	}
	<-last.done
	if last.err != nil {
		o.fail(last.err)
	}
}

// finishLocked records that sv's wait returned err and retires the finished saves at the head of
// the queue, in order.
// REQUIRES: s.mu held.
func (s *Sequence) finishLocked(sv *save, err error) {
	p := s.pipe
	sv.finished, sv.err = true, err
	for len(p.inflight) > 0 && p.inflight[0].finished {
		f := p.inflight[0]
		p.inflight[0] = nil
		p.inflight = p.inflight[1:]
		switch {
		case f.no <= p.tainted:
			if f.err == nil {
				f.err = p.taintErr
			}
		case f.err != nil:
			// Undo f and everything applied after it; the saves issued meanwhile fail too.
			s.c = f.snapshot
			p.issuedAt = s.durable
			p.tainted, p.taintErr = p.issued, f.err
		default:
			s.durable = f.row
		}
		close(f.done)
	}
	if len(p.inflight) == 0 {
		p.inflight = nil
		s.servable = true
	}
}
