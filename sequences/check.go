package sequences

import "math"

// resolve is MariaDB's sequence_definition::check_and_adjust: it fills in defaults for the
// options not given, clamps literals to the value type (11.5 rules only), and checks the
// result. ok is false for ER_SEQUENCE_INVALID_DATA.
func (d def) resolve(ai AutoIncrement) (row State, notes []*Error, ok bool) {
	ai = ai.sane()
	realInc := d.inc
	if realInc == 0 {
		realInc = ai.Increment
	}
	var min, max, start int64
	if d.legacy {
		min, max, start = d.legacyBounds(realInc)
	} else {
		min, max, start, notes = d.typedBounds(realInc)
	}
	reserved := start
	if d.reserved != nil {
		reserved = d.reserved.V
		if !d.legacy {
			reserved = d.typ.truncate(*d.reserved)
		}
	}
	row = State{
		NextNotCached: reserved, MinValue: min, MaxValue: max, Start: start,
		Increment: d.inc, Cache: d.cache, Cycle: d.cycle, CycleCount: d.round, Type: d.typ,
	}
	if !cacheFits(d.cache, realInc) || !ordered(row, realInc) {
		return State{}, nil, false
	}
	if d.legacy && (max == math.MaxInt64 || min == math.MinInt64) {
		return State{}, nil, false
	}
	return row, notes, true
}

// legacyBounds computes MINVALUE, MAXVALUE and START under MariaDB 10.11's rules: a bound that
// was not used gets the default for the direction; a used one keeps its literal.
func (d def) legacyBounds(realInc int64) (min, max, start int64) {
	min, max = d.min.V, d.max.V
	if !d.minUsed {
		min = 1
		if realInc < 0 {
			min = math.MinInt64 + 1
		}
	}
	if !d.maxUsed {
		max = math.MaxInt64 - 1
		if realInc < 0 {
			max = -1
		}
	}
	start = d.start.V
	if !d.startUsed {
		start = min
		if realInc < 0 {
			start = max
		}
	}
	return min, max, start
}

// typedBounds computes MINVALUE, MAXVALUE and START under MariaDB 11.5's rules: literals are
// clamped to the value type, and a bound at or past the type's extreme becomes the extreme
// ± 1 with Note 1292.
func (d def) typedBounds(realInc int64) (min, max, start int64, notes []*Error) {
	t := d.typ
	lo, hi := t.Bounds()
	if !d.minSpecified {
		min = 1
		if realInc < 0 || t.Unsigned {
			min = lo + 1
		}
	} else if min = t.truncate(d.min); !t.Less(lo, min) {
		notes = append(notes, ErrTruncatedWrongValue.New("INTEGER", "MINVALUE"))
		min = lo + 1
	}
	if !d.maxSpecified {
		max = -1
		if realInc > 0 || t.Unsigned {
			max = hi - 1
		}
	} else if max = t.truncate(d.max); !t.Less(max, hi) {
		notes = append(notes, ErrTruncatedWrongValue.New("INTEGER", "MAXVALUE"))
		max = hi - 1
	}
	switch {
	case !d.startUsed && realInc < 0:
		start = max
	case !d.startUsed:
		start = min
	default:
		start = t.truncate(d.start)
	}
	return min, max, start, notes
}

// cacheFits checks 0 <= cache < (LONGLONG_MAX - |inc|) / |inc|, which keeps cache × increment
// from overflowing.
func cacheFits(cache, realInc int64) bool {
	step := absInc(realInc)
	if cache < 0 || step == 0 || step > math.MaxInt64 {
		return false
	}
	return uint64(cache) < (math.MaxInt64-step)/step
}

// ordered checks min < max, min <= start <= max, and that next_not_cached_value is not before
// the first value: >= min ascending, <= max descending. It may be past the end (run out).
func ordered(r State, realInc int64) bool {
	t := r.Type
	if t.Less(r.MaxValue, r.Start) || !t.Less(r.MinValue, r.MaxValue) || t.Less(r.Start, r.MinValue) {
		return false
	}
	if realInc > 0 {
		return !t.Less(r.NextNotCached, r.MinValue)
	}
	return !t.Less(r.MaxValue, r.NextNotCached)
}
