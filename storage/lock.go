package storage

import (
	"context"
	"slices"
	"sync"
	"time"
)

// LockMode is the mode of a lock on a resource (a table id, or any object id).
type LockMode uint8

// The lock modes. Shared locks are compatible with each other; Exclusive is compatible with
// nothing. Exclusive is stronger than Shared: a holder of Exclusive also has Shared.
const (
	Shared LockMode = iota + 1
	Exclusive
)

// String returns "S" or "X".
func (m LockMode) String() string {
	switch m {
	case Shared:
		return "S"
	case Exclusive:
		return "X"
	}
	return "?"
}

func compatible(a, b LockMode) bool { return a == Shared && b == Shared }

// lockManager grants Shared and Exclusive locks on uint64 resources to lock owners (one per
// transaction). Locks are re-entrant and upgradable, held until releaseAll.
//
// Fairness: a new request waits behind every queued waiter that it conflicts with, even if the
// holders would admit it, so a stream of readers cannot starve a writer. An upgrade (a holder
// asking for a stronger mode) goes ahead of ordinary waiters, which wait for it anyway.
//
// Deadlocks are detected when a request is about to wait: if the wait-for graph (a waiter waits
// for conflicting holders and for conflicting waiters queued ahead of it) would have a cycle
// through the requester, the request fails with ErrDeadlock and the requester does not wait —
// unless the requester asks for Exclusive and a reader in the cycle (holding only Shared locks,
// waiting for Shared) can give way instead: that reader's wait fails with ErrDeadlock and the
// requester waits (readerVictim).
//
// All fields are guarded by mu.
type lockManager struct {
	mu    sync.Mutex
	res   map[uint64]*resource
	waits map[*lockOwner]*waiter // the one request each waiting owner waits on
}

type resource struct {
	id      uint64
	holders map[*lockOwner]LockMode
	queue   []*waiter // waiting requests, upgrades first, then arrival order
}

type waiter struct {
	owner   *lockOwner
	res     *resource
	mode    LockMode
	upgrade bool
	ready   chan struct{} // closed when granted, or when failed (err set)
	granted bool
	err     error // why the request failed while waiting (ErrDeadlock: chosen as the victim)
}

// lockOwner is the identity of a transaction in the lock manager.
type lockOwner struct {
	txnID uint64
	held  map[uint64]LockMode // guarded by lockManager.mu
}

// acquire grants o the lock (id, mode), waiting if needed. timeout < 0 waits without limit;
// timeout 0 fails at once with ErrLockWaitTimeout if the lock cannot be granted immediately.
func (m *lockManager) acquire(ctx context.Context, o *lockOwner, id uint64, mode LockMode, timeout time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m.mu.Lock()
	w, err := m.requestLocked(o, id, mode, timeout == 0)
	m.mu.Unlock()
	if w == nil || err != nil {
		return err
	}
	return m.wait(ctx, w, timeout)
}

// requestLocked grants the lock if it can, or queues and returns a waiter.
// REQUIRES: m.mu held.
func (m *lockManager) requestLocked(o *lockOwner, id uint64, mode LockMode, nowait bool) (*waiter, error) {
	r := m.resourceLocked(id)
	cur := r.holders[o]
	if cur >= mode {
		return nil, nil
	}
	upgrade := cur != 0
	if m.admitsLocked(r, o, mode) && (upgrade || len(r.queue) == 0) {
		m.grantLocked(r, o, mode)
		return nil, nil
	}
	if nowait {
		m.gcLocked(r)
		return nil, ErrLockWaitTimeout
	}
	w := &waiter{owner: o, res: r, mode: mode, upgrade: upgrade, ready: make(chan struct{})}
	r.enqueue(w)
	m.waits[o] = w
	for cycle := m.deadlockLocked(o); cycle != nil; cycle = m.deadlockLocked(o) {
		v := readerVictim(cycle, w, m.waits)
		if v == nil {
			m.removeLocked(w)
			return nil, ErrDeadlock
		}
		m.failLocked(v, ErrDeadlock) // and look for another cycle through o
	}
	if w.granted {
		return nil, nil // failing a victim let o's request through
	}
	return w, nil
}

// readerVictim picks the request to fail instead of w, which closed the cycle: when w asks for
// Exclusive and another owner in the cycle holds only Shared locks and waits for a Shared one,
// that reader gives way, as MariaDB's metadata locks choose the lighter waiter (a LASTVAL in a
// read-only transaction gives way to an INSERT). Otherwise nil: the requester fails.
// REQUIRES: m.mu held.
func readerVictim(cycle []*lockOwner, w *waiter, waits map[*lockOwner]*waiter) *waiter {
	if w.mode != Exclusive {
		return nil
	}
	for _, o := range cycle {
		ow := waits[o]
		if o == w.owner || ow == nil || ow.mode != Shared {
			continue
		}
		reader := true
		for _, mode := range o.held {
			if mode == Exclusive {
				reader = false
			}
		}
		if reader {
			return ow
		}
	}
	return nil
}

// failLocked withdraws a waiting request and makes its wait return err.
// REQUIRES: m.mu held.
func (m *lockManager) failLocked(w *waiter, err error) {
	w.err = err
	m.removeLocked(w)
	close(w.ready)
}

func (m *lockManager) wait(ctx context.Context, w *waiter, timeout time.Duration) error {
	var expired <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(timeout)
		defer t.Stop()
		expired = t.C
	}
	var err error
	select {
	case <-w.ready:
		return w.err
	case <-expired:
		err = ErrLockWaitTimeout
	case <-ctx.Done():
		err = ctx.Err()
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if w.granted {
		return nil // granted while the timer fired; keep it
	}
	if w.err != nil {
		return w.err // failed (and withdrawn) while the timer fired
	}
	m.removeLocked(w)
	return err
}

// releaseAll releases every lock o holds and wakes the waiters that can now run.
func (m *lockManager) releaseAll(o *lockOwner) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for id := range o.held {
		r := m.res[id]
		delete(r.holders, o)
		m.grantWaitersLocked(r)
		m.gcLocked(r)
	}
	o.held = nil
}

// heldBy returns a copy of the locks o holds.
func (m *lockManager) heldBy(o *lockOwner) map[uint64]LockMode {
	m.mu.Lock()
	defer m.mu.Unlock()
	held := make(map[uint64]LockMode, len(o.held))
	for id, mode := range o.held {
		held[id] = mode
	}
	return held
}

// queueLen returns the number of requests waiting on id (for tests).
func (m *lockManager) queueLen(id uint64) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	if r := m.res[id]; r != nil {
		return len(r.queue)
	}
	return 0
}

// REQUIRES: m.mu held.
func (m *lockManager) resourceLocked(id uint64) *resource {
	if m.res == nil {
		m.res = map[uint64]*resource{}
		m.waits = map[*lockOwner]*waiter{}
	}
	r := m.res[id]
	if r == nil {
		r = &resource{id: id, holders: map[*lockOwner]LockMode{}}
		m.res[id] = r
	}
	return r
}

// gcLocked forgets a resource nobody holds or waits for.
// REQUIRES: m.mu held.
func (m *lockManager) gcLocked(r *resource) {
	if len(r.holders) == 0 && len(r.queue) == 0 {
		delete(m.res, r.id)
	}
}

// admitsLocked reports whether the holders of r other than o admit mode.
// REQUIRES: m.mu held.
func (m *lockManager) admitsLocked(r *resource, o *lockOwner, mode LockMode) bool {
	for h, hm := range r.holders {
		if h != o && !compatible(hm, mode) {
			return false
		}
	}
	return true
}

// REQUIRES: m.mu held.
func (m *lockManager) grantLocked(r *resource, o *lockOwner, mode LockMode) {
	mode = max(mode, r.holders[o])
	r.holders[o] = mode
	if o.held == nil {
		o.held = map[uint64]LockMode{}
	}
	o.held[r.id] = mode
}

// grantWaitersLocked grants queued requests in order until one cannot be granted.
// REQUIRES: m.mu held.
func (m *lockManager) grantWaitersLocked(r *resource) {
	for len(r.queue) > 0 {
		w := r.queue[0]
		if !m.admitsLocked(r, w.owner, w.mode) {
			return
		}
		r.queue = r.queue[1:]
		m.grantLocked(r, w.owner, w.mode)
		delete(m.waits, w.owner)
		w.granted = true
		close(w.ready)
	}
}

// removeLocked withdraws a waiting request; requests behind it may now be grantable.
// REQUIRES: m.mu held.
func (m *lockManager) removeLocked(w *waiter) {
	r := w.res
	if i := slices.Index(r.queue, w); i >= 0 {
		r.queue = slices.Delete(r.queue, i, i+1)
	}
	delete(m.waits, w.owner)
	m.grantWaitersLocked(r)
	m.gcLocked(r)
}

// enqueue puts an upgrade behind earlier upgrades and anything else at the end.
func (r *resource) enqueue(w *waiter) {
	i := len(r.queue)
	if w.upgrade {
		i = 0
		for i < len(r.queue) && r.queue[i].upgrade {
			i++
		}
	}
	r.queue = slices.Insert(r.queue, i, w)
}

// blockersLocked returns the owners w waits for: conflicting holders and conflicting requests
// queued ahead of it.
// REQUIRES: m.mu held.
func (m *lockManager) blockersLocked(w *waiter) []*lockOwner {
	var bs []*lockOwner
	for h, hm := range w.res.holders {
		if h != w.owner && !compatible(hm, w.mode) {
			bs = append(bs, h)
		}
	}
	for _, q := range w.res.queue {
		if q == w {
			break
		}
		if q.owner != w.owner && !compatible(q.mode, w.mode) {
			bs = append(bs, q.owner)
		}
	}
	return bs
}

// deadlockLocked returns the owners of a cycle through me in the wait-for graph (me first), or
// nil when me, which has just been queued, cannot reach itself.
// REQUIRES: m.mu held.
func (m *lockManager) deadlockLocked(me *lockOwner) []*lockOwner {
	seen := map[*lockOwner]bool{}
	path := []*lockOwner{me}
	var reaches func(o *lockOwner) bool
	reaches = func(o *lockOwner) bool {
		w := m.waits[o]
		if w == nil {
			return false
		}
		for _, b := range m.blockersLocked(w) {
			if b == me {
				return true
			}
			if !seen[b] {
				seen[b] = true
				path = append(path, b)
				if reaches(b) {
					return true
				}
				path = path[:len(path)-1]
			}
		}
		return false
	}
	if reaches(me) {
		return path
	}
	return nil
}
