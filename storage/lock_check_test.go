package storage

import "fmt"

// check verifies the lock table's invariants: holders are pairwise compatible, holders and
// owners agree, and every queued waiter is registered as waiting.
func (m *lockManager) check() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for id, r := range m.res {
		var x, s int
		for o, mode := range r.holders {
			if o.held[id] != mode {
				return fmt.Errorf("resource %d: holder mode %v, owner says %v", id, mode, o.held[id])
			}
			if mode == Exclusive {
				x++
			} else {
				s++
			}
		}
		if x > 1 || (x == 1 && s > 0) {
			return fmt.Errorf("resource %d: %d exclusive and %d shared holders", id, x, s)
		}
		for _, w := range r.queue {
			if m.waits[w.owner] != w || w.granted {
				return fmt.Errorf("resource %d: queued waiter of txn %d not registered", id, w.owner.txnID)
			}
		}
	}
	return nil
}
