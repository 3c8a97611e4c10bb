package sqlengine

import (
	"math"
	"testing"
)

// The numbers MariaDB 10.11 gives the subqueries of these statements in its 1690 messages.
func TestSelectNumber(t *testing.T) {
	cases := []struct {
		query, sub string
		want       int
	}{
		{"select (select a from t)+1", "select a from t", 2},
		{"select (select 1) , (select a from t)+1", "select a from t", 3},
		{"select 1 union select (select a from t)+1", "select a from t", 3},
		{"insert into t2 values ((select i from t) * 2)", "select i from t", 2},
		{"update t set a = (select i from t2) + 1", "select i from t2", 2},
	}
	for _, c := range cases {
		if got := selectNumber(c.query, c.sub); got != c.want {
			t.Errorf("selectNumber(%q, %q) = %d, want %d", c.query, c.sub, got, c.want)
		}
	}
}

func TestAddHybrid(t *testing.T) {
	cases := []struct {
		a, b hybrid
		want hybrid
		ok   bool
	}{
		{hybrid{mag: math.MaxUint64}, hybrid{mag: 1}, hybrid{}, false},
		{hybrid{mag: 3}, hybrid{neg: true, mag: 3}, hybrid{}, true},
		{hybrid{neg: true, mag: 1 << 63}, hybrid{neg: true, mag: 1 << 63}, hybrid{}, false},
		{hybrid{mag: 2}, hybrid{neg: true, mag: 5}, hybrid{neg: true, mag: 3}, true},
		{hybrid{neg: true, mag: 1 << 63}, hybrid{mag: math.MaxUint64}, hybrid{mag: 1<<63 - 1}, true},
	}
	for _, c := range cases {
		got, ok := addHybrid(c.a, c.b)
		if ok != c.ok || ok && got != c.want {
			t.Errorf("addHybrid(%v, %v) = %v, %v; want %v, %v", c.a, c.b, got, ok, c.want, c.ok)
		}
	}
}
