package sequences

import (
	"math"
	"strconv"
)

// Values of a sequence are int64 bit patterns. For an unsigned value type the pattern is read as
// a uint64, so BIGINT UNSIGNED reaches 18446744073709551614. Every comparison and every step
// goes through a ValueType so that both readings are handled; steps are checked so that nothing
// wraps around near the int64/uint64 limits.

// Num is a literal number from a statement: MariaDB's Longlong_hybrid. V holds the value; when
// Unsigned is set V's bits are a uint64 above math.MaxInt64.
type Num struct {
	V        int64
	Unsigned bool
}

// IntNum returns the Num for v.
func IntNum(v int64) Num { return Num{V: v} }

// FitsInt64 reports whether n is a signed 64-bit value other than math.MinInt64, the literals
// MariaDB 10.11's grammar accepts (it parses the sign and the magnitude separately).
func (n Num) FitsInt64() bool { return !n.Unsigned && n.V != math.MinInt64 }

// String formats n in decimal.
func (n Num) String() string {
	if n.Unsigned {
		return strconv.FormatUint(uint64(n.V), 10)
	}
	return strconv.FormatInt(n.V, 10)
}

// String returns the SQL spelling of t, as SHOW CREATE SEQUENCE prints it after "as".
func (t ValueType) String() string {
	s := [...]string{Bigint: "bigint", Tinyint: "tinyint", Smallint: "smallint",
		Mediumint: "mediumint", Int: "int"}[t.Kind]
	if t.Unsigned {
		s += " unsigned"
	}
	return s
}

// IsDefault reports whether t is signed BIGINT, the only type of MariaDB 10.11.
func (t ValueType) IsDefault() bool { return t == ValueType{} }

// Bounds returns the extremes of t's range (MariaDB's value_type_min and value_type_max). They
// are outside a sequence's usable range: MINVALUE > lo and MAXVALUE < hi.
func (t ValueType) Bounds() (lo, hi int64) {
	bits := [...]uint{Bigint: 64, Tinyint: 8, Smallint: 16, Mediumint: 24, Int: 32}[t.Kind]
	if t.Unsigned {
		if bits == 64 {
			return 0, -1 // hi is math.MaxUint64
		}
		return 0, int64(1)<<bits - 1
	}
	return -(int64(1) << (bits - 1)), int64(1)<<(bits-1) - 1
}

// Less reports a < b in t's reading of the bit patterns.
func (t ValueType) Less(a, b int64) bool {
	if t.Unsigned {
		return uint64(a) < uint64(b)
	}
	return a < b
}

// Format formats v in t's reading.
func (t ValueType) Format(v int64) string {
	if t.Unsigned {
		return strconv.FormatUint(uint64(v), 10)
	}
	return strconv.FormatInt(v, 10)
}

// truncate clamps a literal to t's range (MariaDB's sequence_definition::truncate_value).
func (t ValueType) truncate(n Num) int64 {
	lo, hi := t.Bounds()
	if t.Unsigned {
		switch {
		case !n.Unsigned && n.V < 0:
			return 0
		case uint64(n.V) > uint64(hi):
			return hi
		}
		return n.V
	}
	switch {
	case n.Unsigned || n.V > hi:
		return hi
	case n.V < lo:
		return lo
	}
	return n.V
}

// dist returns b-a for a <= b in t's reading; the result is exact as a uint64.
func dist(a, b int64) uint64 { return uint64(b) - uint64(a) }

// absInc returns |inc| as a uint64 (exact for math.MinInt64).
func absInc(inc int64) uint64 {
	if inc < 0 {
		return uint64(-inc)
	}
	return uint64(inc)
}

// step adds inc to v, clamping to max+1 (inc > 0) or min-1 (inc < 0) when the result would
// pass the bound; it never overflows. This is MariaDB's SEQUENCE::increment_value.
// REQUIRES: min-1 and max+1 are representable, which validate guarantees.
func (t ValueType) step(v, inc, min, max int64) int64 {
	if inc >= 0 {
		if t.Less(max, v) || absInc(inc) > dist(v, max) {
			return max + 1
		}
		return int64(uint64(v) + uint64(inc))
	}
	if t.Less(v, min) || absInc(inc) > dist(min, v) {
		return min - 1
	}
	return int64(uint64(v) - absInc(inc))
}

// within reports whether v is below upper (increasing) or above lower (decreasing): MariaDB's
// SEQUENCE::within_bound.
func (t ValueType) within(v, upper, lower int64, increasing bool) bool {
	if increasing {
		return t.Less(v, upper)
	}
	return t.Less(lower, v)
}
