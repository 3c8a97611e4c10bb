package durability

import (
	"fmt"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dolthub/vitess/go/mysql"
)

// nextvalQueries are the spellings the load cycles through: the two hot statements and one
// that goes through the general query path.
var nextvalQueries = []string{
	"SELECT NEXT VALUE FOR s",
	"SELECT NEXTVAL(s)",
	"SELECT 0 + NEXTVAL(s)",
}

// nextvalWorker returns a worker that takes values from sequence s until stop is set or a
// query fails, appending them to got[w]. A failure while killed is false is an error.
func nextvalWorker(got [][]int64, limit int, killed *atomic.Bool) worker {
	return func(w int, c *mysql.Conn, ack func()) error {
		q := nextvalQueries[w%len(nextvalQueries)]
		for i := 0; limit == 0 || i < limit; i++ {
			r, err := c.ExecuteFetch(q, 1, false)
			if err != nil {
				if killed != nil && killed.Load() {
					return nil
				}
				return fmt.Errorf("%s after %d values: %w", q, i, err)
			}
			v, err := firstInt(r)
			if err != nil {
				return fmt.Errorf("%s: %v: %w", q, r.Rows, err)
			}
			got[w] = append(got[w], v)
			ack()
		}
		return nil
	}
}

// checkIncreasing reports a connection whose values do not strictly increase.
func checkIncreasing(t testing.TB, got [][]int64) {
	t.Helper()
	for w, vs := range got {
		for i := 1; i < len(vs); i++ {
			if vs[i] <= vs[i-1] {
				t.Errorf("connection %d (%s): value %d followed %d", w, nextvalQueries[w%len(nextvalQueries)], vs[i], vs[i-1])
				break
			}
		}
	}
}

// TestKillDuringNextval kills seqd with SIGKILL while 8 connections take values from one
// sequence, restarts it, and checks that no value ever reaches a client twice: the first
// values after a restart are above every value received before, and no value repeats across
// all rounds. MariaDB fails this (shared docs, performance.md section 4).
func TestKillDuringNextval(t *testing.T) {
	for _, tc := range []struct{ name, options string }{
		{"cache1000", "CACHE 1000"},
		{"nocache", "NOCACHE"},
	} {
		t.Run(tc.name, func(t *testing.T) { killDuringNextval(t, tc.options) })
	}
}

func killDuringNextval(t *testing.T, options string) {
	const clients, rounds = 8, 5
	rng := newRand(t)
	s := startServer(t)
	connect(t, s.Addr(), "").execAll("CREATE DATABASE d", "CREATE SEQUENCE d.s "+options)

	seen := map[int64]int{} // value -> round it was received in
	var maxSeen int64
	record := func(round int, v int64) {
		if r, dup := seen[v]; dup {
			t.Errorf("round %d: value %d was already received in round %d", round, v, r)
		}
		seen[v] = round
		maxSeen = max(maxSeen, v)
	}
	for round := 1; round <= rounds; round++ {
		before := maxSeen
		got := make([][]int64, clients)
		var killed atomic.Bool
		l := startLoad(t, s.Addr(), "d", clients, nextvalWorker(got, 0, &killed))
		l.waitProgress(int64(100+rng.IntN(3000)), 30*time.Second)
		killed.Store(true)
		s.kill()
		for w, err := range l.wait(30 * time.Second) {
			if err != nil {
				t.Errorf("round %d connection %d: %v", round, w, err)
			}
		}
		checkIncreasing(t, got)
		n, roundMax := 0, int64(0)
		for _, vs := range got {
			for _, v := range vs {
				if v <= before {
					t.Errorf("round %d: value %d not above %d, the largest value received before the restart", round, v, before)
				}
				record(round, v)
				n++
				roundMax = max(roundMax, v)
			}
		}

		if err := s.start(); err != nil {
			t.Fatalf("round %d: restart after SIGKILL: %v", round, err)
		}
		c := connect(t, s.Addr(), "d")
		var first []int64
		for _, q := range nextvalQueries {
			v := c.int(q)
			if v <= maxSeen {
				t.Errorf("round %d: %s after restart = %d, want above %d, the largest value received", round, q, v, maxSeen)
			}
			first = append(first, v)
		}
		for _, v := range first {
			record(round, v)
		}
		t.Logf("round %d: killed after %d values (largest received %d); first values after restart %v (skipped %d)",
			round, n, roundMax, first, first[0]-roundMax-1)
		if t.Failed() {
			return
		}
	}
	t.Logf("%d distinct values received over %d rounds", len(seen), rounds)
}

// TestNextvalConcurrency has 64 connections take values from one sequence without a crash:
// no value twice, each connection's values strictly increase, and together the values are
// exactly start..start+n-1: no gaps, for NOCACHE and for a cache shared by all connections.
func TestNextvalConcurrency(t *testing.T) {
	const clients, perClient = 64, 100
	s := startServer(t)
	root := connect(t, s.Addr(), "")
	root.exec("CREATE DATABASE d")
	for _, tc := range []struct {
		name, options string
		start         int64
	}{
		{"nocache", "NOCACHE", 1},
		{"cache1000", "CACHE 1000", 1},
		{"cache10", "START WITH 100 CACHE 10", 100},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root.execAll("DROP SEQUENCE IF EXISTS d.s", "CREATE SEQUENCE d.s "+tc.options)
			got := make([][]int64, clients)
			start := time.Now()
			l := startLoad(t, s.Addr(), "d", clients, nextvalWorker(got, perClient, nil))
			for w, err := range l.wait(60 * time.Second) {
				if err != nil {
					t.Fatalf("connection %d: %v", w, err)
				}
			}
			elapsed := time.Since(start)
			checkIncreasing(t, got)
			all := slices.Concat(got...)
			slices.Sort(all)
			if len(all) != clients*perClient {
				t.Fatalf("%d values, want %d", len(all), clients*perClient)
			}
			if all[0] != tc.start {
				t.Errorf("smallest value = %d, want %d", all[0], tc.start)
			}
			for i := 1; i < len(all); i++ {
				if all[i] == all[i-1] {
					t.Errorf("value %d handed out twice", all[i])
				} else if all[i] != all[i-1]+1 {
					t.Errorf("gap: %d follows %d", all[i], all[i-1])
				}
			}
			t.Logf("%d connections × %d values in %v: %d..%d", clients, perClient, elapsed.Round(time.Millisecond), all[0], all[len(all)-1])
		})
	}
}
