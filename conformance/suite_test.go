package conformance

import (
	"os"
	"testing"
	"time"

	"github.com/seqd/seqd/conformance/mariadbtest"
	"github.com/seqd/seqd/conformance/mysqltest"
	"github.com/seqd/seqd/conformance/suite"
)

// ratchetFile lists the tests of suite.DefaultTests that pass against seqd.
const ratchetFile = "suite_passing.txt"

// referenceArgs configure the reference MariaDB for the suite beyond mtr's options: the
// binary log unlocks compat/oracle.sequence, and MariaDB 10.11 before 10.11.19 gates
// sql_sequence.create on the archive engine (mtr loads it from include/have_archive.opt).
var referenceArgs = []string{"--log-bin", "--binlog-format=row", "--plugin-load-add=ha_archive.so"}

// TestMariaDBSuiteReference validates the suite runner: against a scratch MariaDB every
// default test (the 19 fair ones and compat/oracle.sequence) must pass.
func TestMariaDBSuiteReference(t *testing.T) {
	if testing.Short() {
		t.Skip("runs MariaDB's suite; skipped with -short")
	}
	bin := mysqltest.FindBinary()
	if bin == "" {
		t.Skip("mysqltest is not installed; install mariadb-test to run MariaDB's suite")
	}
	if _, err := os.Stat(suite.DefaultMySQLTestDir); err != nil {
		t.Skipf("MariaDB's mysql-test directory is missing: %v", err)
	}
	srv := mariadbtest.New(t, mariadbtest.Options{Args: referenceArgs})
	rep := runSuite(t, bin, srv.Addr(), 0)
	if got, want := rep.Count(suite.Pass), len(suite.DefaultTests); got != want {
		t.Errorf("against MariaDB: %s; want all %d passing", rep.Summary(), want)
	}
}

// TestRatchetFile checks that suite_passing.txt names only tests of suite.DefaultTests.
func TestRatchetFile(t *testing.T) {
	listed, err := suite.ReadRatchet(ratchetFile)
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, n := range suite.DefaultTests {
		known[n] = true
	}
	for _, n := range listed {
		if !known[n] {
			t.Errorf("%s lists %q, which is not one of suite.DefaultTests", ratchetFile, n)
		}
	}
}

// runSuite runs suite.DefaultTests against addr with a per-test timeout (zero: the
// default), logging one line per test and the totals.
func runSuite(t *testing.T, bin, addr string, timeout time.Duration) *suite.Report {
	t.Helper()
	out := t.TempDir()
	rep, err := suite.Run(bin, suite.Config{Addr: addr, OutDir: out, Share: true, Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rep.Results {
		t.Log(r)
	}
	t.Log(rep.Summary())
	return rep
}
