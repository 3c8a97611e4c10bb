package suite

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestResolve(t *testing.T) {
	mt := DefaultMySQLTestDir
	tests := []struct{ in, want string }{
		{"sql_sequence.next", "sql_sequence.next"},
		{"next", "sql_sequence.next"},
		{"compat/oracle.sequence", "compat/oracle.sequence"},
		{"main.auto_increment", "main.auto_increment"},
		{mt + "/suite/sql_sequence/next.test", "sql_sequence.next"},
		{mt + "/suite/compat/oracle/t/sequence.test", "compat/oracle.sequence"},
		{mt + "/main/auto_increment.test", "main.auto_increment"},
	}
	for _, tt := range tests {
		got, err := Resolve(mt, tt.in)
		if err != nil {
			t.Skipf("Resolve(%q): %v (is mariadb-test installed?)", tt.in, err)
		}
		if got.Name != tt.want {
			t.Errorf("Resolve(%q).Name = %q, want %q", tt.in, got.Name, tt.want)
		}
	}
	if got, _ := Resolve(mt, "compat/oracle.sequence"); got.FileBase() != "compat-oracle-sequence" {
		t.Errorf("FileBase() = %q, want compat-oracle-sequence", got.FileBase())
	}
}

func TestNeeds(t *testing.T) {
	mt := DefaultMySQLTestDir
	for name, want := range map[string]string{
		"sql_sequence.read_only":   "restarts the server (restart_mysqld.inc)",
		"sql_sequence.replication": "needs a replica (master-slave.inc)",
		"sql_sequence.next":        "",
	} {
		tt, err := Resolve(mt, name)
		if err != nil {
			t.Skipf("Resolve(%q): %v (is mariadb-test installed?)", name, err)
		}
		if got := needs(mt, tt).skip; got != want {
			t.Errorf("needs(%s).skip = %q, want %q", name, got, want)
		}
	}
}

func TestLCSLen(t *testing.T) {
	a := []string{"a", "b", "c", "d"}
	for _, tt := range []struct {
		b    []string
		want int
	}{
		{nil, 0}, {[]string{"a", "b", "c", "d"}, 4}, {[]string{"b", "x", "d"}, 2}, {[]string{"d", "c", "b", "a"}, 1},
	} {
		if got := lcsLen(a, tt.b); got != tt.want {
			t.Errorf("lcsLen(%q, %q) = %d, want %d", a, tt.b, got, tt.want)
		}
	}
}

func TestCheckRatchet(t *testing.T) {
	rep := &Report{Results: []Result{
		{Test: "a", Outcome: Pass}, {Test: "b", Outcome: Fail}, {Test: "c", Outcome: Pass},
	}}
	got := CheckRatchet(rep, []string{"a", "b"}, "r.txt")
	want := []string{
		"b is listed in r.txt but did not pass: FAIL b",
		"c passes now: add it to r.txt (or rerun with -update)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("CheckRatchet (-want +got):\n%s", diff)
	}
}
