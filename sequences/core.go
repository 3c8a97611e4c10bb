package sequences

// AutoIncrement holds the global auto_increment_increment and auto_increment_offset, which a
// sequence with INCREMENT 0 uses as its step and alignment. Increment is 1..65535.
type AutoIncrement struct {
	Increment int64
	Offset    int64
}

// DefaultAutoIncrement is MariaDB's default: increment 1, offset 1.
var DefaultAutoIncrement = AutoIncrement{Increment: 1, Offset: 1}

// maxAutoIncrement is MariaDB's MAX_AUTO_INCREMENT_VALUE, the largest auto_increment_increment.
const maxAutoIncrement = 65535

func (a AutoIncrement) sane() AutoIncrement {
	if a.Increment < 1 || a.Increment > maxAutoIncrement {
		a.Increment = 1
	}
	if a.Offset < 1 || a.Offset > maxAutoIncrement {
		a.Offset = 1
	}
	return a
}

// core is MariaDB's SEQUENCE object (sql/sql_sequence.cc): the row as MariaDB holds it in
// memory plus the position inside the cache. It is a plain state machine: no locking, no I/O.
// Sequence serialises access to it and persists row when a step says so.
//
// Invariant (ascending; mirrored when descending): values below row.NextNotCached are
// reserved; nextFree is the value the next call returns if it is below row.NextNotCached.
type core struct {
	row      State // MariaDB's in-memory row: reserved_until, options, round
	nextFree int64 // next_free_value
	realInc  int64 // increment, or auto_increment_increment when increment is 0
	allUsed  bool  // all_values_used: set by a run-out, cleared whenever the row is written
	autoInc  func() AutoIncrement
}

func (c *core) ai() AutoIncrement {
	if c.autoInc == nil {
		return DefaultAutoIncrement
	}
	return c.autoInc().sane()
}

// load installs a row read from storage or written by CREATE/ALTER/INSERT and drops the cache:
// the next value is the row's next_not_cached_value (SEQUENCE::copy, read_stored_values).
func (c *core) load(row State) {
	c.row = row
	c.adjust(row.NextNotCached)
	c.allUsed = false
}

// adjust sets nextFree to next, aligned for INCREMENT 0 to auto_increment_offset modulo
// auto_increment_increment (sequence_definition::adjust_values).
func (c *core) adjust(next int64) {
	c.nextFree = next
	c.realInc = c.row.Increment
	if c.realInc != 0 {
		return
	}
	ai := c.ai()
	c.realInc = ai.Increment
	offset := int64(0)
	if ai.Increment != 1 {
		offset = ai.Offset % ai.Increment
	}
	var off int64
	if c.row.Type.Unsigned {
		off = int64(uint64(next) % uint64(ai.Increment))
	} else {
		off = next % ai.Increment
		if off < 0 {
			off += ai.Increment
		}
	}
	toAdd := (ai.Increment + offset - off) % ai.Increment
	t, max := c.row.Type, c.row.MaxValue
	if t.Less(max, next) || uint64(toAdd) > dist(next, max) {
		c.nextFree = max + 1
		return
	}
	c.nextFree = int64(uint64(next) + uint64(toAdd))
}

func (c *core) up() bool { return c.realInc > 0 }

// addTo is the size of one reservation: cache × increment, or one increment for NOCACHE.
// validate bounds cache so that it cannot overflow.
func (c *core) addTo() int64 {
	if c.row.Cache == 0 {
		return c.realInc
	}
	return c.realInc * c.row.Cache
}

// cached reports whether nextFree lies in the reserved window.
func (c *core) cached() bool {
	return c.row.Type.within(c.nextFree, c.row.NextNotCached, c.row.NextNotCached, c.up())
}

// takeCached returns a value from the window. REQUIRES: c.cached().
func (c *core) takeCached() int64 {
	v := c.nextFree
	c.nextFree = c.row.Type.step(v, c.realInc, c.row.MinValue, c.row.MaxValue)
	return v
}

// next is SEQUENCE::next_value. It returns the value and whether the row changed (a new
// reservation, or a new round), in which case the row must be persisted before the value is
// handed out. ok is false when the sequence has run out.
func (c *core) next() (v int64, dirty, ok bool) {
	for second := false; ; second = true {
		res := c.nextFree
		t := c.row.Type
		c.nextFree = t.step(res, c.realInc, c.row.MinValue, c.row.MaxValue)
		if t.within(res, c.row.NextNotCached, c.row.NextNotCached, c.up()) {
			return res, dirty, true
		}
		if c.allUsed {
			return 0, dirty, false
		}
		add := c.addTo()
		c.row.NextNotCached = t.step(c.row.NextNotCached, add, c.row.MinValue, c.row.MaxValue)
		if t.within(res, c.row.MaxValue+1, c.row.MinValue-1, add > 0) {
			return res, true, true
		}
		if !c.row.Cycle || second {
			c.allUsed = true
			return 0, dirty, false
		}
		c.row.CycleCount++
		if c.up() {
			c.row.NextNotCached = c.row.MinValue
		} else {
			c.row.NextNotCached = c.row.MaxValue
		}
		c.adjust(c.row.NextNotCached)
		dirty = true // the loop runs again to check that the new round is not empty
	}
}

// setResult is the outcome of SETVAL.
type setResult int

const (
	setIgnored setResult = iota // not past the current position: SETVAL returns NULL
	setApplied                  // accepted, nothing to persist
	setDirty                    // accepted, the row must be persisted
	setRunOut                   // a later round without CYCLE: ER_SEQUENCE_RUN_OUT
)

// setval is SEQUENCE::set_value: move forward to (round, v), or v+increment when isUsed.
// Rounds compare as unsigned, as MariaDB's ulonglong round does.
func (c *core) setval(v int64, isUsed bool, round int64) setResult {
	t := c.row.Type
	if isUsed {
		v = t.step(v, c.realInc, c.row.MinValue, c.row.MaxValue)
	}
	cur := uint64(c.row.CycleCount)
	store := false
	switch {
	case cur > uint64(round):
		return setIgnored
	case cur == uint64(round):
		if t.within(v, c.nextFree, c.nextFree, c.up()) {
			return setIgnored
		}
		if v == c.nextFree {
			return setApplied
		}
	case !c.row.Cycle:
		return setRunOut
	default:
		store = true
	}
	c.row.CycleCount = round
	c.adjust(v)
	if store || t.within(c.row.NextNotCached, c.nextFree, c.nextFree, c.up()) {
		c.row.NextNotCached = c.nextFree
		// NB: MariaDB clears all_values_used on every write of the row (ha_sequence::
		// write_row), so a SETVAL that writes lets NEXTVAL try a new reservation again
		// (checked on 10.11.14).
		c.allUsed = false
		return setDirty
	}
	return setApplied
}
