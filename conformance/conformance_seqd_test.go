// The tests against an in-process seqd: the project's cases (TestConformance) and MariaDB's
// suite run with mysqltest (TestMariaDBSuite).

package conformance

import (
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/seqd/seqd/conformance/mysqltest"
	"github.com/seqd/seqd/conformance/suite"
	"github.com/seqd/seqd/sqlengine"
)

// seqdTarget is an in-process seqd configured like the reference MariaDB: latin1, MyISAM.
type seqdTarget struct {
	cfg sqlengine.Config
	srv *sqlengine.Server
}

func startSeqd(t *testing.T, logBin bool) *seqdTarget {
	t.Helper()
	s := &seqdTarget{cfg: sqlengine.Config{
		DataDir:              filepath.Join(t.TempDir(), "data"),
		BindAddress:          "127.0.0.1",
		CharacterSetServer:   "latin1",
		CollationServer:      "latin1_swedish_ci",
		DefaultStorageEngine: "MyISAM",
		LogBin:               logBin,
		// mtr starts mariadbd with log-bin-trust-function-creators=1 (default_mysqld.cnf),
		// and so does the recorder (mariadbtest.MTRArgs).
		LogBinTrustFunctionCreators: true,
	}}
	var err error
	if s.srv, err = sqlengine.Start(s.cfg); err != nil {
		t.Fatalf("sqlengine.Start: %v", err)
	}
	t.Cleanup(func() {
		if s.srv != nil {
			if err := s.srv.Close(); err != nil {
				t.Errorf("seqd Close: %v", err)
			}
		}
	})
	return s
}

func (s *seqdTarget) Addr() string { return s.srv.Addr() }

// Restart closes the server and starts it again on the same data directory and port.
func (s *seqdTarget) Restart() error {
	_, port, err := net.SplitHostPort(s.srv.Addr())
	if err != nil {
		return err
	}
	if s.cfg.Port, err = strconv.Atoi(port); err != nil {
		return err
	}
	err = s.srv.Close()
	s.srv = nil
	if err != nil {
		return err
	}
	s.srv, err = sqlengine.Start(s.cfg)
	return err
}

// TestConformance runs every case against a fresh in-process seqd and compares the output
// with the result recorded from MariaDB. The cases run one after another: sqlengine installs
// process-wide system variables, so servers are not started concurrently.
func TestConformance(t *testing.T) {
	for _, c := range cases(t) {
		t.Run(c.Name, func(t *testing.T) {
			want, err := os.ReadFile(c.Result)
			if err != nil {
				t.Fatalf("%v; record it with: go test ./conformance -run TestRecord -rewrite", err)
			}
			got, err := RunCase(startSeqd(t, false), c, true)
			if err != nil {
				t.Errorf("%s against seqd:\n%v", c.Test, err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s: seqd differs from MariaDB (-MariaDB +seqd):\n%s", c.Test, diff)
			}
		})
	}
}

// TestMariaDBSuite runs MariaDB's sequence suite against an in-process seqd and enforces the
// ratchet: every test listed in suite_passing.txt must pass, and a test that passes must be
// listed (-update rewrites the file).
func TestMariaDBSuite(t *testing.T) {
	bin := mysqltest.FindBinary()
	if bin == "" {
		t.Skip("mysqltest is not installed; install mariadb-test to run MariaDB's suite")
	}
	if _, err := os.Stat(suite.DefaultMySQLTestDir); err != nil {
		t.Skipf("MariaDB's mysql-test directory is missing: %v", err)
	}
	srv := startSeqd(t, true)
	// MariaDB runs each of these tests in well under a second; 20 s per test keeps a hanging
	// seqd from taking the whole CI budget (reruns after a timeout are skipped).
	rep := runSuite(t, bin, srv.Addr(), 20*time.Second)
	if *update {
		if err := suite.WriteRatchet(ratchetFile, rep); err != nil {
			t.Fatal(err)
		}
		return
	}
	listed, err := suite.ReadRatchet(ratchetFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range suite.CheckRatchet(rep, listed, "conformance/"+ratchetFile) {
		t.Error(p)
	}
}
