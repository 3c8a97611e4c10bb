package sqlengine

import (
	"sync"
	"sync/atomic"

	"github.com/seqd/seqd/storage"
)

// MyISAM and Aria answer CHECK ... CHANGED, ANALYZE and OPTIMIZE with "Table is already up to
// date" when nothing changed since the last such statement; they keep flags in the table's
// state for it. tableStates models those flags for seqd's tables of those engines, in memory:
//
//   - a write sets changed and notAnalyzed; a DELETE also sets deleted;
//   - CHECK (not FAST or CHANGED) clears changed and notAnalyzed; CHECK FAST or CHANGED does
//     so too, and answers "up to date" when changed is clear;
//   - ANALYZE answers OK and clears notAnalyzed, or "up to date" when it is clear;
//   - OPTIMIZE answers OK and clears everything when notAnalyzed or deleted is set, else "up
//     to date"; REPAIR clears changed and sets notAnalyzed and deleted (the rebuilt index
//     wants sorting and statistics).
//
// A table first seen after a restart starts clean if it is empty, else with changed and
// notAnalyzed. Row updates that grow a dynamic-format MyISAM row are not modeled.

// tableState holds one table's flags.
type tableState struct {
	flags atomic.Uint32
}

const (
	stateKnown       uint32 = 1 << iota // initialized by a maintenance statement
	stateChanged                        // written since the last CHECK
	stateNotAnalyzed                    // written since the last ANALYZE, CHECK or OPTIMIZE
	stateDeleted                        // rows deleted or index rebuilt since the last OPTIMIZE
)

// tableStates maps table ids to their flags.
type tableStates struct {
	m sync.Map // uint64 -> *tableState
}

// forWrites returns the flags an editor of def updates, or nil for engines without them.
func (ts *tableStates) forWrites(def *storage.TableDef) *tableState {
	if !keepsMaintenanceState(def.Engine) {
		return nil
	}
	return ts.get(def.ID)
}

func (ts *tableStates) get(id uint64) *tableState {
	if v, ok := ts.m.Load(id); ok {
		return v.(*tableState)
	}
	v, _ := ts.m.LoadOrStore(id, &tableState{})
	return v.(*tableState)
}

// keepsMaintenanceState reports whether an engine keeps the flags: MyISAM and Aria.
func keepsMaintenanceState(engine string) bool {
	return engine == "MyISAM" || engine == "Aria"
}

// wrote records an inserted or updated row. It is safe on a nil state.
func (st *tableState) wrote() {
	if st != nil && st.flags.Load()&(stateChanged|stateNotAnalyzed) != stateChanged|stateNotAnalyzed {
		st.flags.Or(stateChanged | stateNotAnalyzed)
	}
}

// deleted records a deleted row. It is safe on a nil state.
func (st *tableState) deleted() {
	if st != nil {
		st.flags.Or(stateChanged | stateNotAnalyzed | stateDeleted)
	}
}

// init gives a state first seen by a maintenance statement its starting flags.
func (st *tableState) init(empty bool) {
	if st.flags.Load()&stateKnown != 0 {
		return
	}
	start := stateKnown
	if !empty {
		start |= stateChanged | stateNotAnalyzed
	}
	st.flags.Or(start)
}

func (st *tableState) has(f uint32) bool { return st.flags.Load()&f != 0 }

func (st *tableState) clear(f uint32) { st.flags.And(^f) }

// rowsExist reports whether table id has a row in txn.
func rowsExist(txn *storage.Txn, id uint64) (bool, error) {
	lo, hi := storage.RowPrefix(id)
	it, err := txn.NewIter(lo, hi)
	if err != nil {
		return false, translateStorageError(err)
	}
	defer it.Close()
	ok := it.First()
	return ok, translateStorageError(it.Error())
}

// countTableRows counts the rows of table id in txn.
func countTableRows(txn *storage.Txn, id uint64) (int64, error) {
	lo, hi := storage.RowPrefix(id)
	it, err := txn.NewIter(lo, hi)
	if err != nil {
		return 0, translateStorageError(err)
	}
	defer it.Close()
	var n int64
	for ok := it.First(); ok; ok = it.Next() {
		n++
	}
	return n, translateStorageError(it.Error())
}
