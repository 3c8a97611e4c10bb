package sqlengine

import (
	"strings"
	"testing"
)

func TestFunctionSpellings(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"select interval(5, 1, 10)", "select `interval`(5, 1, 10)"},
		{"select INTERVAL (1+1) day", "select INTERVAL (1+1) day"},
		{"select date_add(d, interval (1) day), interval(f(1,2), 3)", "select date_add(d, interval (1) day), `interval`(f(1,2), 3)"},
		{"select last_value(a, b), last_value(a) over (), last_value(a, b) over ()", "select seqd_last_value(a, b), last_value(a) over (), last_value(a, b) over ()"},
		{"select last_value(a) from t", "select seqd_last_value(a) from t"},
		{"create table last_value (a int)", "create table last_value (a int)"},
		{"insert into last_value (a) values (last_value(1))", "insert into last_value (a) values (seqd_last_value(1))"},
		{"call last_value(1, 2)", "call last_value(1, 2)"},
		{"select test.last_value(1, 2)", "select test.last_value(1, 2)"},
		{"select 'interval(1,2)', interval(1,2", "select 'interval(1,2)', interval(1,2"},
	} {
		r := &rewrite{orig: tc.in, text: tc.in}
		r.functionSpellings()
		if r.text != tc.want {
			t.Errorf("functionSpellings(%q) = %q, want %q", tc.in, r.text, tc.want)
		}
	}
	// The rewritten name maps back to the name as typed, for result column names.
	in := "select next value for s, LAST_VALUE(1, 2), Interval(1, 2)"
	r := prepass(in, false, false)
	r.functionSpellings()
	for _, name := range []string{"seqd_last_value", "`interval`"} {
		start := strings.Index(r.text, name)
		if got := in[r.origPos(start, false):r.origPos(start+len(name), true)]; got != map[string]string{"seqd_last_value": "LAST_VALUE", "`interval`": "Interval"}[name] {
			t.Errorf("%s maps back to %q", name, got)
		}
	}
}
