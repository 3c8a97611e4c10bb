package sqlengine

import (
	"math"
	"sync"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
	"github.com/dolthub/vitess/go/mysql"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// AUTO_INCREMENT follows MariaDB/InnoDB: the counter is the next value to hand out; a NULL or 0
// (without NO_AUTO_VALUE_ON_ZERO) gets the counter's value aligned to auto_increment_increment
// and auto_increment_offset; an explicit value at or above the counter moves it past that value;
// negative values never move it. Values handed out are never given back, even when the
// statement fails or the transaction rolls back.
//
// The counter lives in memory per table and is written to the table's AutoIncrementKey in the
// same transaction as the rows: writers hold the table's exclusive lock, so the stored counter
// only grows, and after a crash it is at least one past every committed id.

// autoIncState is the in-memory counter of one table.
type autoIncState struct {
	mu     sync.Mutex // protects following fields
	loaded bool
	next   uint64 // next value to hand out; 0 = not loaded
	// pending is the value GetNextAutoIncrementValue generated for the row GMS is about to
	// insert (havePending), so that the editor knows the row's value was generated: writers
	// hold the table's exclusive lock, so the row comes next.
	pending     uint64
	havePending bool
	rows        uint64 // rows the running statement has inserted, for "at row N"
	unused      uint64 // a value generated for a row that met a duplicate key; 0 if none
}

// autoIncrements holds the counters of all tables by id.
type autoIncrements struct {
	m sync.Map // uint64 -> *autoIncState
}

func (a *autoIncrements) state(id uint64) *autoIncState {
	s, _ := a.m.LoadOrStore(id, &autoIncState{})
	return s.(*autoIncState)
}

func (a *autoIncrements) forget(id uint64) { a.m.Delete(id) }

// loadLocked reads the stored counter.
// REQUIRES: s.mu held.
func (s *autoIncState) loadLocked(txn *storage.Txn, id uint64) error {
	if s.loaded {
		return nil
	}
	v, ok, err := txn.Counter(storage.AutoIncrementKey(id))
	if err != nil {
		return translateStorageError(err)
	}
	s.next = 1
	if ok && v > 0 {
		s.next = v
	}
	s.loaded = true
	return nil
}

// incrementSettings returns auto_increment_increment and auto_increment_offset of the session.
func incrementSettings(ctx *sql.Context) (inc, off uint64) {
	inc, off = 1, 1
	if v, err := ctx.GetSessionVariable(ctx, "auto_increment_increment"); err == nil {
		if n, ok := toUint(v); ok && n > 0 {
			inc = n
		}
	}
	if v, err := ctx.GetSessionVariable(ctx, "auto_increment_offset"); err == nil {
		if n, ok := toUint(v); ok && n > 0 {
			off = n
		}
	}
	if off > inc {
		off = 1 // MariaDB ignores an offset larger than the increment
	}
	return inc, off
}

func toUint(v any) (uint64, bool) {
	switch x := v.(type) {
	case int64:
		return uint64(x), x >= 0
	case uint64:
		return x, true
	case int:
		return uint64(x), x >= 0
	case int8:
		return uint64(x), x >= 0
	case int32:
		return uint64(x), x >= 0
	}
	return 0, false
}

// alignUp returns the smallest value >= v of the form off + k*inc; ok is false when there is
// none below 2^64.
func alignUp(v, inc, off uint64) (uint64, bool) {
	if inc <= 1 || v <= off {
		return max(v, off), true
	}
	k := (v - off + inc - 1) / inc
	if v-off > math.MaxUint64-(inc-1) || k > (math.MaxUint64-off)/inc {
		return math.MaxUint64, false
	}
	return off + k*inc, true
}

// nextAfter is the counter after value v: the next aligned value, or the largest BIGINT
// UNSIGNED value, on which generating fails.
func nextAfter(v, inc, off uint64) uint64 {
	if v == math.MaxUint64 {
		return v
	}
	n, _ := alignUp(v+1, inc, off)
	return n
}

// GetNextAutoIncrementValue implements sql.AutoIncrementTable. GMS calls it for every inserted
// row: with the value given for the column (nil for NULL/0) it returns the value to use, and a
// given value moves the counter past it.
func (t *Table) GetNextAutoIncrementValue(ctx *sql.Context, given any) (uint64, error) {
	if t.rewrite != nil {
		return t.rewrite.nextValue(ctx, given), nil
	}
	if failedRow(ctx) {
		return 0, nil // the row fails (seqscope.go): nothing is handed out
	}
	txn, s, err := t.lockedState(ctx)
	if err != nil {
		return 0, err
	}
	defer s.mu.Unlock()
	s.havePending = false
	if given != nil {
		v, _ := explicitAutoValue(ctx, given)
		return v, t.explicitValueLocked(ctx, txn, s, given)
	}
	if t.meta.autoGroup != nil {
		// The editor computes the value from the row's group (groupAutoValue); 1 stands in.
		s.pending, s.havePending = 1, true
		return 1, nil
	}
	inc, off := incrementSettings(ctx)
	v, err := t.generateLocked(s, inc, off)
	if err != nil {
		return 0, err
	}
	if max := maxForType(t.autoType()); v > max {
		return v, nil // the column's type rejects it with MariaDB's out-of-range error
	}
	s.pending, s.havePending = v, true
	return v, t.storeCounterLocked(txn, s, nextAfter(v, 1, 1))
}

// generateLocked returns the next value of the counter, aligned to auto_increment_increment
// and auto_increment_offset. As MariaDB, a counter at the largest BIGINT UNSIGNED value fails
// with 1467 and an alignment past it with 167.
// REQUIRES: s.mu held.
func (t *Table) generateLocked(s *autoIncState, inc, off uint64) (uint64, error) {
	if s.next == math.MaxUint64 {
		return 0, mariaErr(sequences.ErrAutoincReadFailed)
	}
	v, ok := alignUp(s.next, inc, off)
	if !ok {
		return 0, t.autoRangeError()
	}
	return v, nil
}

// explicitValueLocked moves the counter past an explicit value at or above it.
// REQUIRES: s.mu held.
func (t *Table) explicitValueLocked(ctx *sql.Context, txn *storage.Txn, s *autoIncState, given any) error {
	v, ok := explicitAutoValue(ctx, given)
	if !ok || v < s.next || t.meta.autoGroup != nil {
		return nil
	}
	if max := maxForType(t.autoType()); v > max {
		// Out of the column's range: a strict statement fails on it and MariaDB's counter
		// stays; otherwise the column's largest value is stored.
		if sql.LoadSqlMode(ctx).Strict() {
			return nil
		}
		v = max
	}
	inc, off := incrementSettings(ctx)
	return t.storeCounterLocked(txn, s, nextAfter(v, inc, off))
}

// autoType is the type of the AUTO_INCREMENT column.
func (t *Table) autoType() sql.Type { return t.sch[t.meta.autoIncOrd].Type }

// autoRangeError is MariaDB's HA_ERR_AUTOINC_ERANGE for the row being inserted.
func (t *Table) autoRangeError() error {
	name := t.sch[t.meta.autoIncOrd].Name
	return mysql.NewSQLError(haErrAutoincErange, sequences.ErrDataOutOfRange.State, "%s",
		sequences.ErrDataOutOfRange.New(name, t.srv.autoInc.rowOf(t.ID())).Message)
}

// beginStatement forgets what an earlier statement left: a pending value whose row was never
// inserted, and the row count.
func (a *autoIncrements) beginStatement(id uint64) {
	s := a.state(id)
	s.mu.Lock()
	s.havePending, s.rows, s.unused = false, 0, 0
	s.mu.Unlock()
}

// unusedValue notes that the value generated for a row was not inserted: the row met a
// duplicate key, and INSERT ... ON DUPLICATE KEY UPDATE may update the other row instead.
func (a *autoIncrements) unusedValue(id, v uint64) {
	s := a.state(id)
	s.mu.Lock()
	s.unused = v
	s.mu.Unlock()
}

// giveBack returns the value of a row INSERT ... ON DUPLICATE KEY UPDATE turned into an update
// to the counter, when it is the last one handed out, as MariaDB does (restore_auto_increment).
func (t *Table) giveBack(ctx *sql.Context) error {
	txn, s, err := t.lockedState(ctx)
	if err != nil {
		return err
	}
	defer s.mu.Unlock()
	v := s.unused
	s.unused = 0
	if v == 0 || s.next != v+1 {
		return nil
	}
	s.next = v
	if t.temp {
		return nil
	}
	return translateStorageError(txn.SetCounter(storage.AutoIncrementKey(t.ID()), v))
}

// inserted counts a row the running statement inserted.
func (a *autoIncrements) inserted(id uint64) {
	s := a.state(id)
	s.mu.Lock()
	s.rows++
	s.mu.Unlock()
}

// rowOf is the number of the row the running statement is inserting, from 1.
// REQUIRES: the table's state lock held by the caller's GetNextAutoIncrementValue.
func (a *autoIncrements) rowOf(id uint64) uint64 {
	v, _ := a.m.Load(id)
	return v.(*autoIncState).rows + 1
}

// takeGenerated reports whether v is the value just generated for the table's next row, and
// forgets it.
func (a *autoIncrements) takeGenerated(id, v uint64) bool {
	s := a.state(id)
	s.mu.Lock()
	defer s.mu.Unlock()
	ok := s.havePending && s.pending == v
	s.havePending = false
	return ok
}

// valueUpdated moves the counter past a value an UPDATE wrote into the AUTO_INCREMENT column,
// as MariaDB does for every engine. A per-group column (autoGroup) has no counter to move.
func (t *Table) valueUpdated(ctx *sql.Context, v any) error {
	if t.meta.autoGroup != nil || v == nil {
		return nil
	}
	txn, s, err := t.lockedState(ctx)
	if err != nil {
		return err
	}
	defer s.mu.Unlock()
	return t.explicitValueLocked(ctx, txn, s, v)
}

// lockedState returns the statement's transaction and the table's counter, loaded, with its
// lock held; the caller unlocks s.mu.
func (t *Table) lockedState(ctx *sql.Context) (*storage.Txn, *autoIncState, error) {
	txn, err := txnOf(ctx)
	if err != nil {
		return nil, nil, err
	}
	s := t.srv.autoInc.state(t.ID())
	s.mu.Lock()
	if err := s.loadLocked(txn, t.ID()); err != nil {
		s.mu.Unlock()
		return nil, nil, err
	}
	return txn, s, nil
}

// storeCounterLocked sets the counter and writes it in the statement's transaction.
// REQUIRES: s.mu held.
func (t *Table) storeCounterLocked(txn *storage.Txn, s *autoIncState, next uint64) error {
	if next <= s.next {
		return nil
	}
	s.next = next
	if t.temp {
		return nil
	}
	return translateStorageError(txn.SetCounter(storage.AutoIncrementKey(t.ID()), next))
}

// explicitAutoValue converts an explicit AUTO_INCREMENT column value; negative values report false.
func explicitAutoValue(ctx *sql.Context, v any) (uint64, bool) {
	c, _, err := types.Uint64.Convert(ctx, v)
	if err != nil {
		return 0, false
	}
	if i, _, err := types.Int64.Convert(ctx, v); err == nil {
		if n, ok := i.(int64); ok && n < 0 {
			return 0, false
		}
	}
	u, ok := c.(uint64)
	return u, ok
}

// maxForType is the largest value an integer column type holds.
func maxForType(t sql.Type) uint64 {
	if nt, ok := t.(sql.NumberType); ok {
		switch t {
		case types.Int8:
			return math.MaxInt8
		case types.Int16:
			return math.MaxInt16
		case types.Int24:
			return 1<<23 - 1
		case types.Int32:
			return math.MaxInt32
		case types.Int64:
			return math.MaxInt64
		case types.Uint8:
			return math.MaxUint8
		case types.Uint16:
			return math.MaxUint16
		case types.Uint24:
			return 1<<24 - 1
		case types.Uint32:
			return math.MaxUint32
		}
		_ = nt
	}
	return math.MaxUint64
}

// PeekNextAutoIncrementValue implements sql.AutoIncrementGetter.
func (t *Table) PeekNextAutoIncrementValue(ctx *sql.Context) (uint64, error) {
	_, s, err := t.lockedState(ctx)
	if err != nil {
		return 0, err
	}
	defer s.mu.Unlock()
	return s.next, nil
}

// AutoIncrementSetter implements sql.AutoIncrementTable.
func (t *Table) AutoIncrementSetter(ctx *sql.Context) sql.AutoIncrementSetter {
	return &autoIncSetter{t: t}
}

type autoIncSetter struct{ t *Table }

// SetAutoIncrementValue sets the counter (ALTER TABLE ... AUTO_INCREMENT=n, TRUNCATE). As in
// MariaDB it never goes at or below the largest value in the table.
func (s *autoIncSetter) SetAutoIncrementValue(ctx *sql.Context, v uint64) error {
	t := s.t
	txn, err := txnOf(ctx)
	if err != nil {
		return err
	}
	floor, err := t.maxAutoValue(ctx)
	if err != nil {
		return err
	}
	if v <= floor {
		v = floor + 1
	}
	st := t.srv.autoInc.state(t.ID())
	st.mu.Lock()
	defer st.mu.Unlock()
	st.next, st.loaded = v, true
	if t.temp {
		return nil
	}
	return translateStorageError(txn.SetCounter(storage.AutoIncrementKey(t.ID()), v))
}

// AcquireAutoIncrementLock implements sql.AutoIncrementSetter. Writers already hold the table's
// exclusive lock.
func (s *autoIncSetter) AcquireAutoIncrementLock(*sql.Context) (func(), error) { return func() {}, nil }

// Close implements sql.Closer.
func (s *autoIncSetter) Close(*sql.Context) error { return nil }

// maxAutoValue returns the largest value of the AUTO_INCREMENT column, 0 if none.
func (t *Table) maxAutoValue(ctx *sql.Context) (uint64, error) {
	ord := t.meta.autoIncOrd
	if ord < 0 {
		return 0, nil
	}
	it, err := t.fullScan(ctx)
	if err != nil {
		return 0, err
	}
	defer it.Close(ctx)
	var m uint64
	for {
		row, err := it.Next(ctx)
		if err != nil {
			if isEOF(err) {
				return m, nil
			}
			return 0, err
		}
		if v, ok := explicitAutoValue(ctx, row[ord]); ok && v > m {
			m = v
		}
	}
}
