package sequences

// IntKind is the integer type of a sequence's values: the AS clause of MariaDB 11.5. The zero value
// is BIGINT, the only type MariaDB 10.11 has.
type IntKind uint8

// The integer kinds a sequence can have.
const (
	Bigint IntKind = iota
	Tinyint
	Smallint
	Mediumint
	Int
)

// ValueType is the value type of a sequence: an integer kind, signed or unsigned.
type ValueType struct {
	Kind     IntKind
	Unsigned bool
}

// State is the persisted state of a sequence: the eight columns of its one-row table, plus its
// value type.
//
// For an unsigned value type, NextNotCached, MinValue, MaxValue and Start hold the bit patterns of
// uint64 values. Increment is always signed.
type State struct {
	NextNotCached int64 // next_not_cached_value: the first value not reserved by any cache
	MinValue      int64 // minimum_value
	MaxValue      int64 // maximum_value
	Start         int64 // start_value
	Increment     int64 // increment; 0 means "use auto_increment_increment/offset"
	Cache         int64 // cache_size; 0 means NOCACHE
	Cycle         bool  // cycle_option
	CycleCount    int64 // cycle_count
	Type          ValueType
}

// Store persists sequence state. storage implements it over pebble.
//
// Invariant: a value returned by Sequence.Next is never returned again, even across a crash and
// restart. Sequence relies on Store for that: it hands out a value only after a Save covering it
// has returned.
type Store interface {
	// Load returns the persisted state of sequence id.
	Load(id uint64) (State, error)
	// Save durably records st as the state of sequence id. It returns only once st is on stable
	// storage (a synced write). It is safe for concurrent use, and concurrent calls should share
	// syncs.
	Save(id uint64, st State) error
}
