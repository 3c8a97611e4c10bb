// Command suiterun runs MariaDB's mysql-test sequence suite with mysqltest against a server
// and prints one PASS/FAIL/SKIP/ERROR line per test and the totals.
//
//	go run ./conformance/cmd/suiterun -target 127.0.0.1:3306          # any server
//	go run ./conformance/cmd/suiterun -mariadb -log-bin               # a scratch reference MariaDB
//	go run ./conformance/cmd/suiterun -mariadb -all                   # all 31 tests
//	go run ./conformance/cmd/suiterun -target ... -ratchet conformance/suite_passing.txt
//
// Without test names it runs the 19 fair tests plus compat/oracle.sequence (-all: the 31
// tests of docs/mariadb-suite.md). It exits 1 when a test fails or errors, or when the
// ratchet file is given and does not match (-update rewrites it instead).
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/seqd/seqd/conformance/mariadbtest"
	"github.com/seqd/seqd/conformance/mysqltest"
	"github.com/seqd/seqd/conformance/suite"
)

func main() {
	var (
		target   = flag.String("target", "", "server to test, host:port")
		mariadb  = flag.Bool("mariadb", false, "start a scratch MariaDB configured like mtr and test it")
		logBin   = flag.Bool("log-bin", false, "with -mariadb: add --log-bin --binlog-format=row (unlocks compat/oracle.sequence)")
		archive  = flag.Bool("archive", true, "with -mariadb: load ha_archive.so (create.test of MariaDB < 10.11.19 needs it)")
		all      = flag.Bool("all", false, "run all 31 tests instead of the fair ones")
		out      = flag.String("out", "", "output directory (default: a new temporary directory)")
		varDir   = flag.String("vardir", "", "mtr's $MYSQLTEST_VARDIR (default: a fresh directory); with -mariadb, \"server\" uses the server's")
		user     = flag.String("user", "root", "account mysqltest connects as")
		password = flag.String("password", "", "password of that account")
		mtDir    = flag.String("mysql-test-dir", suite.DefaultMySQLTestDir, "MariaDB's mysql-test directory")
		share    = flag.Bool("share", true, "rerun failures with --continue-on-error to measure the share of expected lines")
		ratchet  = flag.String("ratchet", "", "ratchet file listing the tests that must pass")
		update   = flag.Bool("update", false, "with -ratchet: rewrite the ratchet file with the passing tests")
	)
	flag.Parse()
	if err := run(*target, *mariadb, *logBin, *archive, *all, *out, *varDir, *user, *password, *mtDir,
		*share, *ratchet, *update, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "suiterun:", err)
		os.Exit(1)
	}
}

func run(target string, mariadb, logBin, archive, all bool, out, varDir, user, password, mtDir string,
	share bool, ratchet string, update bool, tests []string) error {
	bin := mysqltest.FindBinary()
	if bin == "" {
		return fmt.Errorf("mysqltest is not installed (Debian package mariadb-test)")
	}
	if mariadb {
		var args []string
		if logBin {
			args = append(args, "--log-bin", "--binlog-format=row")
		}
		if archive {
			args = append(args, "--plugin-load-add=ha_archive.so")
		}
		srv, err := mariadbtest.Start(mariadbtest.Options{Args: args})
		if err != nil {
			return err
		}
		defer srv.Stop()
		target = srv.Addr()
		if varDir == "server" {
			varDir = srv.VarDir()
		}
		fmt.Printf("# scratch MariaDB at %s, options %s\n", target, strings.Join(append(mariadbtest.MTRArgs, args...), " "))
	}
	if target == "" {
		return fmt.Errorf("give -target host:port or -mariadb")
	}
	if out == "" {
		var err error
		if out, err = os.MkdirTemp("", "suiterun"); err != nil {
			return err
		}
	}
	if all && len(tests) == 0 {
		tests = suite.AllTests
	}
	fmt.Printf("# output in %s\n", out)
	rep, err := suite.Run(bin, suite.Config{Addr: target, User: user, Password: password, Tests: tests,
		MySQLTestDir: mtDir, OutDir: out, VarDir: varDir, Share: share, Progress: os.Stdout})
	if err != nil {
		return err
	}
	fmt.Println(rep.Summary())
	if ratchet != "" {
		if update {
			return suite.WriteRatchet(ratchet, rep)
		}
		listed, err := suite.ReadRatchet(ratchet)
		if err != nil {
			return err
		}
		if problems := suite.CheckRatchet(rep, listed, ratchet); len(problems) > 0 {
			return fmt.Errorf("ratchet:\n%s", strings.Join(problems, "\n"))
		}
		return nil
	}
	if rep.Count(suite.Fail)+rep.Count(suite.Error) > 0 {
		return fmt.Errorf("%d failed, %d errors", rep.Count(suite.Fail), rep.Count(suite.Error))
	}
	return nil
}
