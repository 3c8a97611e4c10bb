package sequences

import "math/big"

// batchErr says why nextN refused a batch.
type batchErr uint8

const (
	batchOK      batchErr = iota
	batchRunOut           // n == 1 and the sequence ran out: exactly NEXTVAL's ER_SEQUENCE_RUN_OUT
	batchPastEnd          // fewer than n values are left and the sequence does not cycle
	batchWraps            // the batch would pass the end of a CYCLE sequence
)

// nextN takes n >= 1 consecutive values v, v+inc, …, v+(n-1)·inc in one step. The result is
// exactly the state n calls of next would leave, computed in O(1): the first value is taken by
// next (so a sequence that is at its end and cycles starts a new round first), and the rest
// must fit before the end. A refused batch leaves c unchanged.
func (c *core) nextN(n int64) (first int64, dirty bool, e batchErr) {
	snap := *c
	v, dirty, ok := c.next()
	switch {
	case !ok && n == 1:
		return 0, false, batchRunOut
	case !ok:
		*c = snap
		return 0, false, batchPastEnd
	case n == 1:
		return v, dirty, batchOK
	}
	t := c.row.Type
	inc := big.NewInt(c.realInc)
	last := new(big.Int).Mul(big.NewInt(n-1), inc)
	last.Add(last, t.big(v))
	if c.pastEnd(last) || (c.allUsed && !c.coveredBig(last)) {
		*c = snap
		if c.row.Cycle {
			return 0, false, batchWraps
		}
		return 0, false, batchPastEnd
	}
	if !c.coveredBig(last) {
		c.row.NextNotCached = c.reserveThrough(last)
		dirty = true
	}
	c.nextFree = t.step(t.fromBig(last), c.realInc, c.row.MinValue, c.row.MaxValue)
	return v, dirty, batchOK
}

// pastEnd reports x > max ascending, x < min descending. Only the end in the direction of the
// increment counts: MariaDB hands out values before MINVALUE (ascending) after a SETVAL into a
// later round, and a batch does the same.
func (c *core) pastEnd(x *big.Int) bool {
	t := c.row.Type
	if c.up() {
		return x.Cmp(t.big(c.row.MaxValue)) > 0
	}
	return x.Cmp(t.big(c.row.MinValue)) < 0
}

// coveredBig reports whether x is inside the reserved window (below next_not_cached_value when
// ascending, above it when descending).
func (c *core) coveredBig(x *big.Int) bool {
	r := c.row.Type.big(c.row.NextNotCached)
	if c.up() {
		return x.Cmp(r) < 0
	}
	return x.Cmp(r) > 0
}

// reserveThrough returns the reservation boundary after the window has been refilled, one
// cache at a time, until it covers last: the first boundary past last, or max+1 (min-1).
// REQUIRES: last is not covered and not past the end.
func (c *core) reserveThrough(last *big.Int) int64 {
	t := c.row.Type
	r := t.big(c.row.NextNotCached)
	add := big.NewInt(c.addTo())
	gap := new(big.Int).Sub(last, r) // >= 0 ascending, <= 0 descending
	j := new(big.Int).Quo(gap, add)  // truncates toward zero; both signs agree
	j.Add(j, big.NewInt(1))
	r.Add(r, j.Mul(j, add))
	if c.up() && r.Cmp(t.big(c.row.MaxValue)) > 0 {
		return c.row.MaxValue + 1
	}
	if !c.up() && r.Cmp(t.big(c.row.MinValue)) < 0 {
		return c.row.MinValue - 1
	}
	return t.fromBig(r)
}

// big returns v in t's reading.
func (t ValueType) big(v int64) *big.Int {
	if t.Unsigned {
		return new(big.Int).SetUint64(uint64(v))
	}
	return big.NewInt(v)
}

// fromBig returns the bit pattern of x. REQUIRES: x is representable in t.
func (t ValueType) fromBig(x *big.Int) int64 {
	if t.Unsigned {
		return int64(x.Uint64())
	}
	return x.Int64()
}
