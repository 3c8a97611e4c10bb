package sequences

// opKind is the kind of a queued Sequence operation.
type opKind uint8

const (
	opNext opKind = iota
	opNextN
	opSetVal
	opAlter
	opReplace
	opFlush
)

// op is one queued operation with its arguments and, once its group is done, its result.
type op struct {
	kind  opKind
	n     int64    // NextN
	v     int64    // SetVal
	used  bool     // SetVal
	round int64    // SetVal
	opts  *Options // Alter
	row   State    // ReplaceRow

	val   int64 // Next, NextN, SetVal
	step  int64 // NextN
	ok    bool  // SetVal
	notes []*Error
	err   error
}

func (o *op) fail(err error) {
	o.val, o.step, o.ok, o.notes, o.err = 0, 0, false, nil, err
}

// applyLocked applies g.ops in order, as MariaDB would run them one after the other, and
// returns the row to persist (the row as of the last operation that wrote it) and whether
// there is one. It keeps the state before the group in g.snapshot so that a failed Save can be
// undone.
// REQUIRES: s.mu held.
func (s *Sequence) applyLocked(ops []*op) (row State, dirty bool) {
	persisted := s.durable
	for _, o := range ops {
		if s.applyOne(o, persisted) {
			row, dirty, persisted = s.c.row, true, s.c.row
		}
	}
	return row, dirty
}

// applyOne applies o and reports whether it wrote the row. persisted is the row storage holds
// at this point of the group, which FLUSH reloads.
// REQUIRES: s.mu held.
func (s *Sequence) applyOne(o *op, persisted State) bool {
	switch o.kind {
	case opNext:
		v, dirty, ok := s.c.next()
		if !ok {
			o.err = ErrRunOut.New(s.db, s.name)
			return false
		}
		o.val = v
		return dirty
	case opNextN:
		return s.applyNextN(o)
	case opSetVal:
		return s.applySetVal(o)
	case opAlter:
		row, notes, ok := alter(s.c.row, o.opts, s.c.ai())
		return s.install(o, row, notes, ok)
	case opReplace:
		o.row.Type = s.c.row.Type
		row, notes, ok := fromRow(o.row).resolve(s.c.ai())
		return s.install(o, row, notes, ok)
	case opFlush:
		s.c.load(persisted)
	}
	return false
}

// install loads the row written by ALTER or INSERT, or fails o with 4085.
func (s *Sequence) install(o *op, row State, notes []*Error, ok bool) bool {
	if !ok {
		o.err = ErrInvalidData.New(s.db, s.name)
		return false
	}
	o.notes = notes
	s.c.load(row)
	return true
}

func (s *Sequence) applyNextN(o *op) bool {
	v, dirty, e := s.c.nextN(o.n)
	switch e {
	case batchRunOut:
		o.err = ErrRunOut.New(s.db, s.name)
	case batchPastEnd:
		o.err = ErrBatchPastEnd.New(s.db, s.name, o.n)
	case batchWraps:
		o.err = ErrBatchWraps.New(s.db, s.name, o.n)
	default:
		o.val, o.step = v, s.c.realInc
	}
	return dirty
}

func (s *Sequence) applySetVal(o *op) bool {
	switch s.c.setval(o.v, o.used, o.round) {
	case setIgnored:
		return false
	case setRunOut:
		o.err = ErrRunOut.New(s.db, s.name)
		return false
	case setDirty:
		o.val, o.ok = o.v, true
		return true
	}
	o.val, o.ok = o.v, true
	return false
}
