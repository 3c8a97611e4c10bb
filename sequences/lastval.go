package sequences

import "strings"

// LastValues is one connection's memory for PREVIOUS VALUE FOR / LASTVAL. As MariaDB, it keeps
// one entry per table name (Sequence.TableKey: schema and name, with a temporary sequence's
// apart from a base one's), holding the sequence the value came from and its definition, which
// ALTER TABLE renews: a value is only seen from the same sequence under the same name and
// definition. So after RENAME TABLE s2 TO s1, LASTVAL(s1) is NULL, and renamed back s2 has its
// value again, unless another sequence named s2 took a value meanwhile (it replaced the
// entry); after ALTER TABLE it is NULL until the next NEXTVAL; a dropped and re-created
// sequence (a new id) starts at NULL; a temporary sequence shadowing a base one starts at NULL,
// and the base one's value is seen again once the temporary one is dropped. FLUSH TABLES does
// not reset it. SETVAL does not change it.
//
// The zero value is ready to use. Not safe for concurrent use: a connection runs one statement
// at a time.
type LastValues struct {
	m map[string]lastValue // by name
}

// lastValue is the value taken under a name, from which sequence and definition.
type lastValue struct {
	id      uint64
	version string
	v       int64
}

// splitKey splits a Sequence.TableKey into its name and definition version. Names compare
// with case, as MariaDB's on Linux: s1 and S1 are two sequences.
func splitKey(key string) (name, version string) {
	if i := strings.LastIndexByte(key, '/'); i >= 0 {
		return key[:i], key[i+1:]
	}
	return key, ""
}

// Get returns the last value taken from sequence id, whose table key is now key; ok is false
// for NULL.
func (l *LastValues) Get(id uint64, key string) (v int64, ok bool) {
	name, version := splitKey(key)
	e, ok := l.m[name]
	if !ok || e.id != id || e.version != version {
		return 0, false
	}
	return e.v, true
}

// Record notes the outcome of NEXTVAL on sequence id, whose table key is key: its value, or
// NULL when it failed (MariaDB sets PREVIOUS VALUE to NULL after "has run out").
func (l *LastValues) Record(id uint64, key string, v int64, err error) {
	name, version := splitKey(key)
	if err != nil {
		delete(l.m, name)
		return
	}
	if l.m == nil {
		l.m = make(map[string]lastValue)
	}
	l.m[name] = lastValue{id: id, version: version, v: v}
}

// Forget drops the entries of id, for example when the connection learns that it was dropped.
func (l *LastValues) Forget(id uint64) {
	for k, e := range l.m {
		if e.id == id {
			delete(l.m, k)
		}
	}
}
