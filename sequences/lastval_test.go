package sequences

import (
	"testing"
)

// The PREVIOUS VALUE rules of suite/sql_sequence/next.test and create.test, with sequence ids
// standing for table versions.
func TestLastValues(t *testing.T) {
	var l LastValues // the zero value is ready
	if _, ok := l.Get(1, "db.s"); ok {
		t.Errorf("Get(1) on a new connection = ok, want NULL")
	}
	s := openSeq(t, NewMemStore(), State{NextNotCached: 1, MinValue: 1, MaxValue: 3, Start: 1, Increment: 1, Cache: 2})
	for want := int64(1); want <= 3; want++ {
		v, err := s.Next()
		l.Record(1, "db.s", v, err)
		if got, ok := l.Get(1, "db.s"); !ok || got != want {
			t.Errorf("Get(1) after NEXTVAL %d = %d, %v", want, got, ok)
		}
	}
	s.Flush() // FLUSH TABLES does not reset PREVIOUS VALUE
	if got, ok := l.Get(1, "db.s"); !ok || got != 3 {
		t.Errorf("Get(1) after FLUSH = %d, %v; want 3", got, ok)
	}
	v, err := s.Next() // next.test: NULL after "has run out"
	l.Record(1, "db.s", v, err)
	if got, ok := l.Get(1, "db.s"); ok {
		t.Errorf("Get(1) after run out = %d, want NULL", got)
	}
	// create.test: a temporary sequence (another id) shadowing the base one starts at NULL, and
	// the base one's value is back after it is dropped.
	l.Record(1, "db.s", 1, nil)
	l.Record(2, "db.s (temporary)", 100, nil)
	l.Forget(2)
	if got, ok := l.Get(1, "db.s"); !ok || got != 1 {
		t.Errorf("Get(1) = %d, %v; want 1", got, ok)
	}
	if _, ok := l.Get(2, "db.s (temporary)"); ok {
		t.Errorf("Get(2) after Forget = ok, want NULL")
	}
	// MariaDB keys the values by name: after RENAME TABLE s TO r, LASTVAL(r) is NULL, and the
	// value is back under the old name.
	if _, ok := l.Get(1, "db.r"); ok {
		t.Errorf("Get(1) under a new name = ok, want NULL")
	}
	if got, ok := l.Get(1, "db.s"); !ok || got != 1 {
		t.Errorf("Get(1) under the old name = %d, %v; want 1", got, ok)
	}
	// One entry per name: another sequence (id 3) taking a value under the name db.s replaces
	// it, and sequence 1, renamed back to db.s, finds none. A new definition (ALTER TABLE)
	// does not see the value either.
	l.Record(3, "db.s/0", 7, nil)
	l.Forget(3)
	if _, ok := l.Get(1, "db.s/0"); ok {
		t.Errorf("Get(1) after another sequence took a value under its name = ok, want NULL")
	}
	l.Record(1, "db.s/0", 5, nil)
	if _, ok := l.Get(1, "db.s/1"); ok {
		t.Errorf("Get(1) under a new definition = ok, want NULL")
	}
	// Names compare with case: sequence 4 named db.S keeps its own entry.
	l.Record(4, "db.S/0", 9, nil)
	if got, ok := l.Get(1, "db.s/0"); !ok || got != 5 {
		t.Errorf("Get(1) after db.S took a value = %d, %v; want 5", got, ok)
	}
}
