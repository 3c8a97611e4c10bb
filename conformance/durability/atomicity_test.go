package durability

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// atomicitySetup is the table the failing statements try to change.
var atomicitySetup = []string{
	"CREATE DATABASE a",
	`CREATE TABLE a.t (
	  id INT NOT NULL PRIMARY KEY,
	  u INT,
	  n INT NOT NULL DEFAULT 0,
	  s VARCHAR(5),
	  e ENUM('x','y') DEFAULT 'x',
	  UNIQUE KEY uk_u (u),
	  KEY k_n (n)
	) ENGINE=InnoDB`,
	"INSERT INTO a.t (id, u, s) VALUES (1, 10, 'a'), (2, 20, 'b'), (3, 30, 'c')",
	"CREATE TABLE a.ai (id INT AUTO_INCREMENT PRIMARY KEY, u INT UNIQUE) ENGINE=InnoDB",
	"INSERT INTO a.ai (u) VALUES (1), (2)",
}

// failingStatements each fail with one of the listed MariaDB error numbers and must leave
// the tables as they were. Where MariaDB's strict mode picks one of two numbers depending on
// the value, both are listed.
var failingStatements = []struct {
	q     string
	codes []int
}{
	// A multi-row INSERT that hits a duplicate in its last row.
	{"INSERT INTO t (id, u) VALUES (4, 40), (5, 50), (1, 60)", []int{1062}},
	{"INSERT INTO t (id, u) VALUES (4, 40), (5, 10)", []int{1062}},
	{"INSERT INTO t (id, u) VALUES (4, 40), (5, 40)", []int{1062}},
	{"INSERT INTO ai (u) VALUES (3), (4), (1)", []int{1062}},
	{"REPLACE INTO t (id, u) VALUES (4, 40), (5, 'x')", []int{1366}},
	// An UPDATE that fails on a later row.
	{"UPDATE t SET u = u + 10", []int{1062}},
	{"UPDATE t SET n = n + 1, u = IF(id = 3, 10, u)", []int{1062}},
	{"UPDATE t SET n = IF(id = 3, NULL, n + 1)", []int{1048}},
	{"UPDATE t SET id = 1 WHERE id = 3", []int{1062}},
	// Unknown columns.
	{"INSERT INTO t (id, nope) VALUES (9, 1)", []int{1054}},
	{"UPDATE t SET nope = 1", []int{1054}},
	{"UPDATE t SET n = 5 WHERE nope = 1", []int{1054}},
	{"DELETE FROM t WHERE nope = 1", []int{1054}},
	{"SELECT nope FROM t", []int{1054}},
	// Wrong types and out-of-range values in strict mode.
	{"INSERT INTO t (id, u) VALUES (9, 'abc')", []int{1366}},
	{"INSERT INTO t (id, u, n) VALUES (9, 90, 0), (10, 100, 'abc')", []int{1366}},
	{"INSERT INTO t (id, u) VALUES (9, '12abc')", []int{1265}},
	{"INSERT INTO t (id, e) VALUES (9, 'z')", []int{1265}},
	{"INSERT INTO t (id, s) VALUES (9, 'ok'), (10, 'much too long')", []int{1406}},
	{"INSERT INTO t (id, n) VALUES (9, 99999999999)", []int{1264}},
	{"INSERT INTO t (id, n) VALUES (9, NULL)", []int{1048}},
	{"UPDATE t SET u = 'abc' WHERE id = 2", []int{1366}},
	// Syntax errors.
	{"INSERT INTO t VALUEZ (9)", []int{1064}},
	{"INSERT INTO t (id) VALUES (9", []int{1064}},
	{"UPDATE t SET WHERE id = 1", []int{1064}},
}

// atomicitySnapshot reads both tables.
func atomicitySnapshot(c *client) [][][]string {
	return [][][]string{
		c.rows("SELECT * FROM a.t ORDER BY id"),
		c.rows("SELECT * FROM a.ai ORDER BY id"),
		c.rows("SELECT u FROM a.t ORDER BY u"),
	}
}

// TestStatementAtomicity checks that a failing statement changes nothing and gives MariaDB's
// error number, that ROLLBACK undoes a transaction, and that a statement failing inside a
// transaction undoes only itself. It then kills the server and checks the tables again.
func TestStatementAtomicity(t *testing.T) {
	onSeqdAndMariaDB(t, func(t *testing.T, tg target) {
		c := connect(t, tg.Addr(), "")
		c.execAll(atomicitySetup...)
		c.exec("USE a")
		want := atomicitySnapshot(c)
		check := func(after string) {
			t.Helper()
			if d := cmp.Diff(want, atomicitySnapshot(c)); d != "" {
				t.Errorf("after %s (-want +got):\n%s", after, d)
			}
		}
		for _, st := range failingStatements {
			c.wantErr(st.q, st.codes...)
			check(st.q)
		}

		c.execAll("BEGIN",
			"INSERT INTO t (id, u) VALUES (4, 40), (5, 50)",
			"UPDATE t SET n = 7",
			"DELETE FROM t WHERE id = 1",
			"INSERT INTO ai (u) VALUES (3)",
			"ROLLBACK")
		check("BEGIN ... ROLLBACK")

		// The failing INSERT inside the transaction is undone; the others commit.
		c.execAll("BEGIN", "INSERT INTO t (id, u) VALUES (4, 40)")
		c.wantErr("INSERT INTO t (id, u) VALUES (5, 50), (6, 10)", 1062)
		c.wantErr("UPDATE t SET u = 20 WHERE id = 4", 1062)
		c.execAll("INSERT INTO t (id, u) VALUES (7, 70)", "COMMIT")
		want[0] = append(want[0], []string{"4", "40", "0", "NULL", "x"}, []string{"7", "70", "0", "NULL", "x"})
		want[2] = append(want[2], []string{"40"}, []string{"70"})
		check("a transaction with failed statements")

		if err := tg.Crash(); err != nil {
			t.Fatalf("crash: %v", err)
		}
		c = connect(t, tg.Addr(), "a")
		check("a crash")
		c.wantErr("INSERT INTO t (id, u) VALUES (8, 70)", 1062)
	})
}
