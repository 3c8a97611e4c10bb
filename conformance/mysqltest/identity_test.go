package mysqltest_test

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seqd/seqd/conformance/mariadbtest"
	"github.com/seqd/seqd/conformance/mysqltest"
)

// TestByteIdentity runs each testdata file with real mysqltest --record and with Run against
// the same scratch MariaDB, resetting the test database in between, and requires identical
// output.
func TestByteIdentity(t *testing.T) {
	bin := mysqltest.FindBinary()
	if bin == "" {
		t.Skip("mysqltest is not installed; install mariadb-test to run this test")
	}
	srv := mariadbtest.New(t, mariadbtest.Options{})
	files, err := filepath.Glob("testdata/*.test")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	continued, _ := filepath.Glob("testdata/continue/*.test")
	for _, file := range append(files, continued...) {
		// The files under testdata/continue fail on purpose and run with --continue-on-error.
		coe := filepath.Base(filepath.Dir(file)) == "continue"
		t.Run(filepath.Base(file), func(t *testing.T) {
			var extra []string
			if coe {
				extra = []string{"--continue-on-error"}
			}
			resetTestDB(t, srv)
			want, err := mysqltest.Record(bin, srv.Addr(), file, t.TempDir(), extra...)
			if err != nil {
				t.Fatalf("mysqltest --record: %v\n%s", err, want)
			}
			resetTestDB(t, srv)
			got, err := mysqltest.Run(srv, file, mysqltest.Options{ContinueOnError: coe})
			if err != nil && !coe {
				t.Fatalf("Run: %v", err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Run(%s) differs from mysqltest --record (-mysqltest +Run):\n%s", file, diff)
			}
		})
	}
}

func resetTestDB(t *testing.T, srv *mariadbtest.Server) {
	t.Helper()
	if err := mysqltest.Exec(srv.Addr(), "DROP DATABASE IF EXISTS test", "CREATE DATABASE test"); err != nil {
		t.Fatal(err)
	}
}
