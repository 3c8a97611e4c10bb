package sequences

import "math"

// Options are the sequence options of a CREATE or ALTER SEQUENCE statement as written; nil
// means "not given". Parse fills them; Define (CREATE) and Sequence.Alter (ALTER) apply them
// with MariaDB's defaults and checks.
type Options struct {
	Increment *int64   // INCREMENT [BY|=] n
	Min       *Bound   // MINVALUE [=] n | NO MINVALUE | NOMINVALUE
	Max       *Bound   // MAXVALUE [=] n | NO MAXVALUE | NOMAXVALUE
	Start     *Num     // START [WITH|=] n
	Cache     *int64   // CACHE [=] n; NOCACHE is 0
	Cycle     *bool    // CYCLE | NOCYCLE
	Restart   *Restart // RESTART [[WITH|=] n], ALTER only
}

// Bound is a MINVALUE or MAXVALUE option. None marks NO MINVALUE/NOMINVALUE (NO MAXVALUE/
// NOMAXVALUE).
//
// NB: MariaDB 10.11 does not compute a default for NO MINVALUE: it keeps its built-in literal, 1
// for MINVALUE and 9223372036854775806 for MAXVALUE, so CREATE SEQUENCE s INCREMENT -1 NO
// MINVALUE fails with 4085 (checked on 10.11.14). With an AS clause (11.5) NO MINVALUE gets the
// computed default. ALTER always uses the literal.
type Bound struct {
	None  bool
	Value Num
}

// Restart is ALTER's RESTART option; a nil Value restarts from the start value.
type Restart struct {
	Value *Num
}

// defaultMin and defaultMax are the literals NO MINVALUE and NO MAXVALUE stand for.
var (
	defaultMin = IntNum(1)
	defaultMax = IntNum(math.MaxInt64 - 1)
)

func (b *Bound) literal(def Num) Num {
	if b == nil || b.None {
		return def
	}
	return b.Value
}

// def is a sequence definition before MariaDB's check_and_adjust: sequence_definition with its
// used_fields. The row's values are computed by resolve.
type def struct {
	typ          ValueType
	legacy       bool // MariaDB 10.11 rules: no AS clause and a signed BIGINT sequence
	inc, cache   int64
	cycle        bool
	min, max     Num
	minSpecified bool // MINVALUE n given (or, for ALTER and INSERT, every field is given)
	maxSpecified bool
	minUsed      bool // MINVALUE n or NO MINVALUE given
	maxUsed      bool
	start        Num
	startUsed    bool
	reserved     *Num // next_not_cached_value; nil: the start value (CREATE)
	round        int64
}

// Define computes the row CREATE SEQUENCE creates, with MariaDB's defaults, or returns 4085
// (ErrInvalidData) for db.name. notes are MariaDB 11.5's Note 1292 for MINVALUE/MAXVALUE
// clamped to the AS type. ai is the global auto_increment_increment/offset: with INCREMENT 0 it
// decides the defaults and the largest cache.
//
// NB: MariaDB checks the options while parsing, so 4085 comes before the storage engine (1286)
// and before the existence check (1050); callers should keep that order.
func Define(db, name string, o *Options, ai AutoIncrement) (State, []*Error, error) {
	d := def{inc: 1, cache: 1000, min: defaultMin, max: defaultMax, start: IntNum(1), legacy: true}
	if o.Increment != nil {
		d.inc = *o.Increment
	}
	if o.Cache != nil {
		d.cache = *o.Cache
	}
	if o.Cycle != nil {
		d.cycle = *o.Cycle
	}
	d.minUsed, d.minSpecified, d.min = o.Min != nil, o.Min != nil && !o.Min.None, o.Min.literal(defaultMin)
	d.maxUsed, d.maxSpecified, d.max = o.Max != nil, o.Max != nil && !o.Max.None, o.Max.literal(defaultMax)
	if o.Start != nil {
		d.start, d.startUsed = *o.Start, true
	}
	row, notes, ok := d.resolve(ai)
	if !ok {
		return State{}, nil, ErrInvalidData.New(db, name)
	}
	return row, notes, nil
}

// fromRow returns the definition of an existing row with every field given, as MariaDB's
// read_fields does (used_fields = ~0).
func fromRow(row State) def {
	num := func(v int64) Num { return Num{V: v, Unsigned: row.Type.Unsigned && v < 0} }
	reserved := num(row.NextNotCached)
	return def{
		typ: row.Type, legacy: row.Type.IsDefault(),
		inc: row.Increment, cache: row.Cache, cycle: row.Cycle,
		min: num(row.MinValue), max: num(row.MaxValue), start: num(row.Start),
		minSpecified: true, maxSpecified: true, minUsed: true, maxUsed: true, startUsed: true,
		reserved: &reserved, round: row.CycleCount,
	}
}

// ValidateRow checks a full row written with INSERT (ha_sequence::write_row): every value is
// taken as given and checked as CREATE checks them, with next_not_cached_value allowed past the
// end. It returns the row to store or 4085 for db.name.
func ValidateRow(db, name string, row State, ai AutoIncrement) (State, []*Error, error) {
	out, notes, ok := fromRow(row).resolve(ai)
	if !ok {
		return State{}, nil, ErrInvalidData.New(db, name)
	}
	return out, notes, nil
}

// alter applies ALTER SEQUENCE options to cur (Sql_cmd_alter_sequence::execute). ok is false
// for 4085. The new definition starts a new round: MariaDB copies every field the statement
// does not set except round, so cycle_count is 0 after any ALTER SEQUENCE.
func alter(cur State, o *Options, ai AutoIncrement) (State, []*Error, bool) {
	d := fromRow(cur)
	d.round = 0
	if o.Increment != nil {
		d.inc = *o.Increment
	}
	if o.Min != nil {
		d.min = o.Min.literal(defaultMin)
	}
	if o.Max != nil {
		d.max = o.Max.literal(defaultMax)
	}
	if o.Start != nil {
		d.start = *o.Start
	}
	if o.Cache != nil {
		d.cache = *o.Cache
	}
	if o.Cycle != nil {
		d.cycle = *o.Cycle
	}
	if o.Restart != nil {
		r := d.start
		if o.Restart.Value != nil {
			r = *o.Restart.Value
		}
		d.reserved = &r
	}
	return d.resolve(ai)
}
