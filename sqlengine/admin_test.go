package sqlengine

import (
	"errors"
	"testing"
	"time"

	"github.com/dolthub/vitess/go/mysql"
	"github.com/google/go-cmp/cmp"
)

func TestParseAdmin(t *testing.T) {
	for _, tc := range []struct {
		q    string
		want adminStmt
	}{
		{"check table t1", adminStmt{op: opCheck, tables: []adminTarget{{name: "t1"}}}},
		{"CHECK TABLES test.t1, `x``y` QUICK FAST", adminStmt{op: opCheck, tables: []adminTarget{{"test", "t1"}, {name: "x`y"}}, changedOnly: true}},
		{"check table t for upgrade", adminStmt{op: opCheck, tables: []adminTarget{{name: "t"}}}},
		{"repair no_write_to_binlog table t use_frm", adminStmt{op: opRepair, tables: []adminTarget{{name: "t"}}, useFrm: true}},
		{"repair local tables a, b quick extended force", adminStmt{op: opRepair, tables: []adminTarget{{name: "a"}, {name: "b"}}}},
		{"optimize table t wait 5", adminStmt{op: opOptimize, tables: []adminTarget{{name: "t"}}}},
		{"analyze table t persistent for all", adminStmt{op: opAnalyze, tables: []adminTarget{{name: "t"}}, persistent: true}},
		{"analyze table t persistent for columns (a, b) indexes ()", adminStmt{op: opAnalyze, tables: []adminTarget{{name: "t"}}, persistent: true}},
		{"analyze local table t", adminStmt{op: opAnalyze, tables: []adminTarget{{name: "t"}}}},
	} {
		got, ok, err := parseAdminSpec(tc.q, parseMode{})
		if !ok || err != nil {
			t.Errorf("parseAdminSpec(%q) = ok %v, err %v", tc.q, ok, err)
			continue
		}
		if diff := cmp.Diff(&tc.want, got, cmp.AllowUnexported(adminStmt{}, adminTarget{})); diff != "" {
			t.Errorf("parseAdminSpec(%q) (-want +got):\n%s", tc.q, diff)
		}
	}
}

func TestParseAdminErrors(t *testing.T) {
	for _, q := range []string{"check table", "check table t frm", "repair table t fast", "optimize table t wait", "analyze table t persistent"} {
		_, ok, err := parseAdmin(q, parseMode{})
		var se *mysql.SQLError
		if !ok || !errors.As(err, &se) || se.Num != 1064 {
			t.Errorf("parseAdmin(%q) = ok %v, err %v, want a 1064 error", q, ok, err)
		}
	}
	for _, q := range []string{"check view v", "analyze select 1", "repair t"} {
		if _, ok, _ := parseAdmin(q, parseMode{}); ok {
			t.Errorf("parseAdmin(%q) claimed a statement it does not parse", q)
		}
	}
}

func TestParseXA(t *testing.T) {
	for _, tc := range []struct {
		q   string
		err int // expected MariaDB error number; 0: parses
	}{
		{"xa start 'a'", 0},
		{"XA BEGIN 'a', 'b', 3", 0},
		{"xa start 0x6162, X'78'", 0},
		{"xa end 'a' suspend for migrate", 0},
		{"xa commit 'a' one phase", 0},
		{"xa recover format='SQL'", 0},
		{"xa start a", 1064},
		{"xa start 1", 1064},
		{"xa start 'a', 'b', -1", 1064},
		{"xa start 'a', 'b', 99999999999", 1064},
		{"xa commit 'a' two phase", 1064},
		{"xa start '" + string(make([]byte, 65)) + "'", 1064},
		{"xa frobnicate", 1064},
	} {
		_, err := parseXA(tc.q, parseMode{})
		if tc.err == 0 {
			if err != nil {
				t.Errorf("parseXA(%q) = %v, want no error", tc.q, err)
			}
			continue
		}
		var se *mysql.SQLError
		if !errors.As(err, &se) || se.Num != tc.err {
			t.Errorf("parseXA(%q) = %v, want error %d", tc.q, err, tc.err)
		}
	}
}

func TestXIDSQL(t *testing.T) {
	for _, tc := range []struct {
		x    xid
		want string
	}{
		{xid{gtrid: "a", format: 1}, "'a'"},
		{xid{gtrid: "ab", bqual: "x", format: 1}, "'ab','x'"},
		{xid{gtrid: "a", format: 7}, "'a','',7"},
		{xid{gtrid: "a'b", format: 1}, "X'612762'"},
	} {
		if got := xidSQL(tc.x); got != tc.want {
			t.Errorf("xidSQL(%+v) = %q, want %q", tc.x, got, tc.want)
		}
	}
}

// TestTableStates walks the MyISAM flags through sequences checked against MariaDB 10.11
// (conformance/testdata/admin_tables.test has them end to end).
func TestTableStates(t *testing.T) {
	var st tableState
	st.init(true)
	if st.has(stateChanged | stateNotAnalyzed | stateDeleted) {
		t.Fatalf("a new empty table has flags %b, want none", st.flags.Load())
	}
	st.wrote()
	if !st.has(stateChanged) || !st.has(stateNotAnalyzed) || st.has(stateDeleted) {
		t.Errorf("after a write: flags %b, want changed and notAnalyzed", st.flags.Load())
	}
	st.deleted()
	if !st.has(stateDeleted) {
		t.Errorf("after a delete: flags %b, want deleted", st.flags.Load())
	}
	var nilState *tableState
	nilState.wrote() // other engines: no state, no panic
	nilState.deleted()

	var old tableState
	old.init(false)
	if !old.has(stateChanged) || !old.has(stateNotAnalyzed) {
		t.Errorf("a non-empty table first seen: flags %b, want changed and notAnalyzed", old.flags.Load())
	}
	old.clear(stateChanged)
	old.init(true) // only the first init counts
	if old.has(stateChanged) {
		t.Errorf("a second init changed the flags to %b", old.flags.Load())
	}
}

func TestStatementIsTemporary(t *testing.T) {
	for q, want := range map[string]bool{
		"create temporary sequence s":             true,
		"CREATE OR REPLACE TEMPORARY TABLE t (a)": true,
		"drop temporary table t":                  true,
		"create sequence s":                       false,
		"drop table temporary":                    false,
	} {
		if got := statementIsTemporary(q); got != want {
			t.Errorf("statementIsTemporary(%q) = %v, want %v", q, got, want)
		}
	}
}

func TestGlobalReadLockRelease(t *testing.T) {
	var g globalReadLock
	if g.released() != nil || g.isHeld() {
		t.Fatal("a new lock is held")
	}
	g.acquire()
	g.acquire()
	free := g.released()
	g.release()
	select {
	case <-free:
		t.Fatal("released with a holder left")
	default:
	}
	g.release()
	select {
	case <-free:
	case <-time.After(time.Second):
		t.Fatal("not released after the last holder")
	}
	if g.isHeld() {
		t.Error("held after the last release")
	}
}
