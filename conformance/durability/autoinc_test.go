package durability

import (
	"fmt"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dolthub/vitess/go/mysql"
)

// insertRow is one row of the load table as a client sent it.
type insertRow struct {
	round, client, seq int
}

const loadTable = `CREATE TABLE d.t (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  round INT NOT NULL,
  client INT NOT NULL,
  seq INT NOT NULL,
  UNIQUE KEY payload (round, client, seq)
) ENGINE=InnoDB`

// TestConcurrentAutoIncrement runs 16 connections × 500 autocommit INSERTs into one
// AUTO_INCREMENT table. Every id a client received, in the OK packet and from
// LAST_INSERT_ID(), must be in the table with the row the client sent, and ids are unique.
func TestConcurrentAutoIncrement(t *testing.T) {
	const clients, perClient = 16, 500
	s := startServer(t)
	root := connect(t, s.Addr(), "")
	root.execAll("CREATE DATABASE d", loadTable)

	got := make([]map[int64]insertRow, clients) // got[w]: id -> row, as worker w received it
	start := time.Now()
	l := startLoad(t, s.Addr(), "d", clients, func(w int, c *mysql.Conn, _ func()) error {
		got[w] = make(map[int64]insertRow, perClient)
		for i := 0; i < perClient; i++ {
			r, err := c.ExecuteFetch(fmt.Sprintf("INSERT INTO t (round, client, seq) VALUES (0, %d, %d)", w, i), 0, false)
			if err != nil {
				return fmt.Errorf("client %d insert %d: %w", w, i, err)
			}
			id := int64(r.InsertID)
			lr, err := c.ExecuteFetch("SELECT LAST_INSERT_ID()", 1, false)
			if err != nil {
				return fmt.Errorf("client %d: SELECT LAST_INSERT_ID(): %w", w, err)
			}
			if lid, err := firstInt(lr); err != nil || lid != id {
				return fmt.Errorf("client %d insert %d: LAST_INSERT_ID() = %d (%v), want %d from the OK packet", w, i, lid, err, id)
			}
			if prev, dup := got[w][id]; dup {
				return fmt.Errorf("client %d received id %d twice: for %v and %d", w, id, prev, i)
			}
			got[w][id] = insertRow{0, w, i}
		}
		return nil
	})
	for w, err := range l.wait(60 * time.Second) {
		if err != nil {
			t.Fatalf("worker %d: %v", w, err)
		}
	}
	t.Logf("%d connections × %d INSERTs in %v", clients, perClient, time.Since(start).Round(time.Millisecond))

	all := make(map[int64]insertRow, clients*perClient)
	for w := range got {
		for id, row := range got[w] {
			if prev, dup := all[id]; dup {
				t.Errorf("id %d was received by two clients: %v and %v", id, prev, row)
			}
			all[id] = row
		}
	}
	if n := root.int("SELECT count(*) FROM d.t"); n != clients*perClient {
		t.Errorf("count(*) = %d, want %d", n, clients*perClient)
	}
	if n := root.int("SELECT count(DISTINCT id) FROM d.t"); n != clients*perClient {
		t.Errorf("count(DISTINCT id) = %d, want %d", n, clients*perClient)
	}
	checkRowsPresent(t, root, all)
}

// TestKillDuringInserts kills seqd with SIGKILL while 16 connections insert, restarts it and
// checks that every acknowledged row is there and that new ids are above every acknowledged
// id. The rounds run on one data directory.
func TestKillDuringInserts(t *testing.T) {
	const clients, rounds = 16, 4
	rng := newRand(t)
	s := startServer(t)
	root := connect(t, s.Addr(), "")
	root.execAll("CREATE DATABASE d", loadTable)

	acked := map[int64]insertRow{} // every acknowledged insert of every round
	var maxAcked int64
	for round := 1; round <= rounds; round++ {
		got := make([]map[int64]insertRow, clients)
		var killed atomic.Bool
		l := startLoad(t, s.Addr(), "d", clients, func(w int, c *mysql.Conn, ack func()) error {
			got[w] = map[int64]insertRow{}
			for i := 0; ; i++ {
				r, err := c.ExecuteFetch(fmt.Sprintf("INSERT INTO t (round, client, seq) VALUES (%d, %d, %d)", round, w, i), 0, false)
				if err != nil {
					if !killed.Load() {
						return fmt.Errorf("insert failed before the kill: %w", err)
					}
					return nil
				}
				got[w][int64(r.InsertID)] = insertRow{round, w, i}
				ack()
			}
		})
		l.waitProgress(int64(200+rng.IntN(800)), 30*time.Second)
		killed.Store(true)
		s.kill()
		for w, err := range l.wait(30 * time.Second) {
			if err != nil {
				t.Errorf("round %d worker %d: %v", round, w, err)
			}
		}
		roundAcked, roundMax := 0, int64(0)
		var minThisRound int64 = -1
		for w := range got {
			for id, row := range got[w] {
				if prev, dup := acked[id]; dup {
					t.Errorf("round %d: id %d acknowledged twice: %v and %v", round, id, prev, row)
				}
				if id <= maxAcked {
					t.Errorf("round %d: id %d not above %d, the largest id acknowledged before the last restart", round, id, maxAcked)
				}
				acked[id] = row
				roundAcked++
				roundMax = max(roundMax, id)
				if minThisRound < 0 || id < minThisRound {
					minThisRound = id
				}
			}
		}
		maxAcked = max(maxAcked, roundMax)

		if err := s.start(); err != nil {
			t.Fatalf("round %d: restart after SIGKILL: %v", round, err)
		}
		root = connect(t, s.Addr(), "d")
		present := checkRowsPresent(t, root, acked)
		unacked := len(present) - len(acked) // committed without reaching a client, all rounds
		maxPresent := int64(0)
		for id := range present {
			maxPresent = max(maxPresent, id)
		}
		first := int64(root.exec(fmt.Sprintf("INSERT INTO t (round, client, seq) VALUES (%d, -1, 0)", round)).InsertID)
		if first <= maxAcked || first <= maxPresent {
			t.Errorf("round %d: first id after restart = %d, want above %d (largest acknowledged) and %d (largest present)", round, first, maxAcked, maxPresent)
		}
		acked[first] = insertRow{round, -1, 0}
		maxAcked = max(maxAcked, first)
		t.Logf("round %d: killed after %d acknowledged inserts (ids %d..%d); after restart %d rows, %d of them never acknowledged; first id after restart %d",
			round, roundAcked, minThisRound, roundMax, len(present), unacked, first)
		if t.Failed() {
			return
		}
	}
}

// checkRowsPresent reads the whole table and checks that every row in want is there with
// its payload, that ids and payloads are unique, and that count(*) agrees. It returns the
// rows read.
func checkRowsPresent(t testing.TB, c *client, want map[int64]insertRow) map[int64]insertRow {
	t.Helper()
	rows := c.rows("SELECT id, round, client, seq FROM d.t")
	present := make(map[int64]insertRow, len(rows))
	payloads := make(map[insertRow]int64, len(rows))
	for _, r := range rows {
		var v [4]int64
		for i := range v {
			n, err := strconv.ParseInt(r[i], 10, 64)
			if err != nil {
				t.Fatalf("row %v: %v", r, err)
			}
			v[i] = n
		}
		row := insertRow{int(v[1]), int(v[2]), int(v[3])}
		if _, dup := present[v[0]]; dup {
			t.Errorf("id %d appears twice", v[0])
		}
		if other, dup := payloads[row]; dup {
			t.Errorf("row %v stored twice, as ids %d and %d", row, other, v[0])
		}
		present[v[0]], payloads[row] = row, v[0]
	}
	if n := c.int("SELECT count(*) FROM d.t"); n != int64(len(rows)) {
		t.Errorf("count(*) = %d, but a full scan returned %d rows", n, len(rows))
	}
	missing := 0
	for id, row := range want {
		if got, ok := present[id]; !ok {
			if missing++; missing <= 10 {
				t.Errorf("acknowledged row id %d %v is missing", id, row)
			}
		} else if got != row {
			t.Errorf("id %d = %v, want %v as acknowledged", id, got, row)
		}
	}
	if missing > 0 {
		t.Errorf("%d of %d acknowledged rows are missing", missing, len(want))
	}
	return present
}
