package conformance

import (
	"flag"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seqd/seqd/conformance/mariadbtest"
	"github.com/seqd/seqd/conformance/mysqltest"
)

var (
	rewrite = flag.Bool("rewrite", false, "TestRecord: record the .result files from a scratch MariaDB")
	update  = flag.Bool("update", false, "TestMariaDBSuite: rewrite suite_passing.txt with the tests that pass")
)

const testdata = "testdata"

// recordArgs configure the MariaDB the cases are recorded from beyond mtr's options: seqd has
// the ARCHIVE engine, which MariaDB 10.11 has with ha_archive.so loaded (as mtr loads it for
// include/have_archive.inc).
var recordArgs = []string{"--plugin-load-add=ha_archive.so"}

func cases(t *testing.T) []Case {
	t.Helper()
	cs, err := Cases(testdata)
	if err != nil || len(cs) == 0 {
		t.Fatalf("Cases(%s) = %v, %v; want some cases", testdata, cs, err)
	}
	return cs
}

// TestCaseFiles checks that every case says what it covers and where it came from, and has
// a recorded result.
func TestCaseFiles(t *testing.T) {
	for _, c := range cases(t) {
		if _, _, err := c.Header(); err != nil {
			t.Error(err)
		}
		if _, err := os.Stat(c.Result); err != nil {
			t.Errorf("%s has no result; record it with: go test ./conformance -run TestRecord -rewrite", c.Test)
		}
	}
}

// TestRecord records every case's .result from a scratch MariaDB. It runs only with
// -rewrite, and only ever against MariaDB. Cases without a restart are also run through the
// real mysqltest, when installed, which must agree byte for byte.
func TestRecord(t *testing.T) {
	if !*rewrite {
		t.Skip("run with -rewrite to record the .result files from MariaDB")
	}
	srv := mariadbtest.New(t, mariadbtest.Options{Args: recordArgs})
	for _, c := range cases(t) {
		t.Run(c.Name, func(t *testing.T) {
			got, err := RunCase(srv, c, false)
			if err != nil {
				t.Fatalf("%s against MariaDB: %v\noutput so far:\n%s", c.Test, err, got)
			}
			checkWithMysqltest(t, srv, c, got, "runner")
			if err := os.WriteFile(c.Result, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestLiveMariaDB checks every recorded result against a scratch MariaDB.
func TestLiveMariaDB(t *testing.T) {
	if *rewrite {
		t.Skip("recording with -rewrite")
	}
	srv := mariadbtest.New(t, mariadbtest.Options{Args: recordArgs})
	if mysqltest.FindBinary() == "" {
		t.Log("mysqltest is not installed: the results are not cross-checked with it")
	}
	for _, c := range cases(t) {
		t.Run(c.Name, func(t *testing.T) {
			want, err := os.ReadFile(c.Result)
			if err != nil {
				t.Fatalf("%v; record it with: go test ./conformance -run TestRecord -rewrite", err)
			}
			got, err := RunCase(srv, c, false)
			if err != nil {
				t.Errorf("%s against MariaDB: %v", c.Test, err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s: MariaDB no longer matches %s (-recorded +MariaDB):\n%s", c.Test, c.Result, diff)
			}
			checkWithMysqltest(t, srv, c, string(want), "recorded")
		})
	}
}

// checkWithMysqltest runs a case without restarts through the real mysqltest and compares
// its output with want, which is what the Go runner or the recording (wantName) says.
func checkWithMysqltest(t *testing.T, srv *mariadbtest.Server, c Case, want, wantName string) {
	t.Helper()
	bin := mysqltest.FindBinary()
	restarts, err := c.UsesRestart()
	if bin == "" || restarts || err != nil {
		return
	}
	if err := mysqltest.Exec(srv.Addr(), "DROP DATABASE IF EXISTS test", "CREATE DATABASE test"); err != nil {
		t.Fatal(err)
	}
	got, err := mysqltest.Record(bin, srv.Addr(), c.Test, t.TempDir())
	if err != nil {
		t.Fatalf("mysqltest --record %s: %v\n%s", c.Test, err, got)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s: mysqltest disagrees (-%s +mysqltest):\n%s", c.Test, wantName, diff)
	}
}
