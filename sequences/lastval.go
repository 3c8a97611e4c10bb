package sequences

import "strings"

// LastValues is one connection's memory for PREVIOUS VALUE FOR / LASTVAL: the last value
// NEXTVAL returned for each sequence, keyed by sequence id. Ids are never reused, so a dropped
// and re-created sequence, or a temporary sequence shadowing a base one, starts at NULL, and
// the base sequence's value is seen again once the temporary one is dropped. FLUSH TABLES does
// not reset it. SETVAL does not change it. As MariaDB keeps the values by table name, a value
// is only seen under the name the sequence had when it was taken: after RENAME TABLE s2 TO s1,
// LASTVAL(s1) is NULL, and if s1 is renamed back to s2, LASTVAL(s2) is the last value taken
// under that name again. The name callers pass is Sequence.TableKey, which also changes with
// ALTER TABLE: MariaDB keys the values by the table's definition too.
//
// The zero value is ready to use. Not safe for concurrent use: a connection runs one statement
// at a time.
type LastValues struct {
	m map[lastKey]int64
}

// lastKey is a sequence and a name it had.
type lastKey struct {
	id   uint64
	name string // lower case
}

// Get returns the last value taken from sequence id under the name it has now, name; ok is
// false for NULL.
func (l *LastValues) Get(id uint64, name string) (v int64, ok bool) {
	v, ok = l.m[lastKey{id, strings.ToLower(name)}]
	return v, ok
}

// Record notes the outcome of NEXTVAL on sequence id, named name: its value, or NULL when it
// failed (MariaDB sets PREVIOUS VALUE to NULL after "has run out").
func (l *LastValues) Record(id uint64, name string, v int64, err error) {
	k := lastKey{id, strings.ToLower(name)}
	if err != nil {
		delete(l.m, k)
		return
	}
	if l.m == nil {
		l.m = make(map[lastKey]int64)
	}
	l.m[k] = v
}

// Forget drops the entries of id, for example when the connection learns that it was dropped.
func (l *LastValues) Forget(id uint64) {
	for k := range l.m {
		if k.id == id {
			delete(l.m, k)
		}
	}
}
