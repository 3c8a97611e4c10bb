package sqlengine

import (
	"fmt"
	"testing"

	"github.com/dolthub/vitess/go/mysql"
	querypb "github.com/dolthub/vitess/go/vt/proto/query"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestRecognizeFast(t *testing.T) {
	tests := []struct {
		q    string
		want fastStmt
		ok   bool
	}{
		{"SELECT NEXT VALUE FOR s", fastStmt{kind: fastNext, name: "s", header: "NEXT VALUE FOR s"}, true},
		{"select  next value  for  db.s ;", fastStmt{kind: fastNext, db: "db", name: "s", header: "next value  for  db.s"}, true},
		{"SELECT NEXTVAL(`a``b`)", fastStmt{kind: fastNext, name: "a`b", header: "NEXTVAL(`a``b`)"}, true},
		{"SELECT lastval(s1)", fastStmt{kind: fastLast, name: "s1", header: "lastval(s1)"}, true},
		{"SELECT PREVIOUS VALUE FOR s1", fastStmt{kind: fastLast, name: "s1", header: "PREVIOUS VALUE FOR s1"}, true},
		{"SELECT NEXT 1000 VALUES FROM s", fastStmt{kind: fastBatch, name: "s", n: 1000, header: "nextval"}, true},
		{"SELECT NEXT VALUE FROM db.s", fastStmt{kind: fastBatch, db: "db", name: "s", n: 1, header: "nextval"}, true},
		{"SELECT NEXT VALUE FOR s AS x", fastStmt{}, false},
		{"SELECT NEXT VALUE FOR s, 1", fastStmt{}, false},
		{"SELECT /* c */ NEXT VALUE FOR s", fastStmt{}, false},
		{"SELECT NEXTVAL(s) FROM t", fastStmt{}, false},
		{"SELECT NEXT 0 VALUES FROM s", fastStmt{}, false},
		{"SELECT 1", fastStmt{}, false},
		{"INSERT INTO t VALUES (NEXT VALUE FOR s)", fastStmt{}, false},
	}
	for _, tt := range tests {
		got, ok := recognizeFast(tt.q)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("recognizeFast(%q) = %+v, %v, want %+v, %v", tt.q, got, ok, tt.want, tt.ok)
		}
	}
}

// fastSetup creates what the statements of TestFastPathMatchesGeneralPath use.
var fastSetup = []string{
	"CREATE DATABASE other",
	"CREATE SEQUENCE test.s1", "CREATE SEQUENCE test.s2 MAXVALUE 3 NOCACHE", "CREATE SEQUENCE other.s3 INCREMENT BY -5",
	"CREATE TABLE test.t1 (a INT)", "CREATE VIEW test.v1 AS SELECT 1 AS a",
	"CREATE USER ro@localhost", "GRANT SELECT ON test.* TO ro@localhost",
}

// fastStatements are run, in order, on a fresh server with and without the fast path.
var fastStatements = []string{
	"SELECT PREVIOUS VALUE FOR s1", "SELECT LASTVAL(s1)",
	"SELECT NEXT VALUE FOR s1", "SELECT NEXTVAL(s1)", "select nextval(test.s1);",
	"SELECT PREVIOUS VALUE FOR s1", "SELECT lastval(`s1`)",
	"SELECT NEXTVAL(other.s3)", "SELECT LASTVAL(other.s3)",
	"SELECT NEXTVAL(s2)", "SELECT NEXTVAL(s2)", "SELECT NEXTVAL(s2)", "SELECT NEXTVAL(s2)", "SELECT LASTVAL(s2)",
	"SELECT NEXTVAL(nosuch)", "SELECT LASTVAL(nosuch)", "SELECT NEXT VALUE FOR t1", "SELECT NEXT VALUE FOR v1",
	"SELECT NEXTVAL(nodb.s1)",
	"SELECT NEXT 10 VALUES FROM s1", "SELECT NEXT VALUE FROM s1", "SELECT LASTVAL(s1)",
	"SELECT NEXT 10 VALUES FROM s2", "SELECT NEXT VALUE FROM t1", "SELECT NEXT VALUE FROM nosuch",
}

// roStatements run as a user with only SELECT on test.
var roStatements = []string{
	"SELECT NEXTVAL(s1)", "SELECT LASTVAL(s1)", "SELECT NEXT 5 VALUES FROM s1", "SELECT NEXTVAL(other.s3)",
}

type outcome struct {
	Fields []*querypb.Field
	Rows   string
	Err    string
}

func runAll(t *testing.T, noFast bool) []outcome {
	srv := startTestServer(t, func(c *Config) { c.NoFastPath = noFast })
	mustExec(t, connect(t, srv, "root", "", ""), "CREATE DATABASE test")
	mustExec(t, connect(t, srv, "root", "", "test"), fastSetup...)
	root := connect(t, srv, "root", "", "")
	var out []outcome
	run := func(c *mysql.Conn, q string) {
		r, err := c.ExecuteFetch(q, 10, true)
		o := outcome{}
		if err != nil {
			o.Err = err.Error()
		} else {
			o.Fields, o.Rows = r.Fields, fmt.Sprint(r.Rows)
		}
		out = append(out, o)
	}
	run(root, "SELECT NEXTVAL(s1)") // no database selected
	c := connect(t, srv, "root", "", "test")
	for _, q := range fastStatements {
		run(c, q)
	}
	ro := connect(t, srv, "ro", "", "test")
	for _, q := range roStatements {
		run(ro, q)
	}
	return out
}

// TestFastPathMatchesGeneralPath runs the fast-path statements against a server with the fast
// path and one without and requires the same results, metadata and errors.
func TestFastPathMatchesGeneralPath(t *testing.T) {
	fast := runAll(t, false)
	general := runAll(t, true)
	if diff := cmp.Diff(general, fast, cmpopts.IgnoreUnexported(querypb.Field{})); diff != "" {
		t.Errorf("fast path differs from the general path (-general +fast):\n%s", diff)
	}
}
