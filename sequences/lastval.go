package sequences

// LastValues is one connection's memory for PREVIOUS VALUE FOR / LASTVAL: the last value
// NEXTVAL returned for each sequence, keyed by sequence id. Ids are never reused, so a dropped
// and re-created sequence, or a temporary sequence shadowing a base one, starts at NULL, and
// the base sequence's value is seen again once the temporary one is dropped. FLUSH TABLES does
// not reset it. SETVAL does not change it.
//
// The zero value is ready to use. Not safe for concurrent use: a connection runs one statement
// at a time.
type LastValues struct {
	m map[uint64]int64
}

// Get returns the last value of sequence id; ok is false for NULL.
func (l *LastValues) Get(id uint64) (v int64, ok bool) {
	v, ok = l.m[id]
	return v, ok
}

// Record notes the outcome of NEXTVAL on sequence id: its value, or NULL when it failed (MariaDB
// sets PREVIOUS VALUE to NULL after "has run out").
func (l *LastValues) Record(id uint64, v int64, err error) {
	if err != nil {
		delete(l.m, id)
		return
	}
	if l.m == nil {
		l.m = make(map[uint64]int64)
	}
	l.m[id] = v
}

// Forget drops the entry of id, for example when the connection learns that it was dropped.
func (l *LastValues) Forget(id uint64) { delete(l.m, id) }
