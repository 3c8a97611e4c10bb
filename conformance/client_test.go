// Transcripts of the mariadb command-line client: what a user typing into `mariadb` sees,
// including what the project's mysqltest runner cannot observe (the OK packet's info line,
// "Query OK, N rows affected"). Each testdata/client/NAME.sql is run with
// `mariadb --force --unbuffered -vvv --table` in a fresh `test` database; NAME.out is its
// transcript recorded from MariaDB 10.11 (go test ./conformance -run TestRecordClient -rewrite).

package conformance

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/seqd/seqd/conformance/mariadbtest"
)

// clientScripts lists testdata/client/*.sql.
func clientScripts(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "client", "*.sql"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no client scripts: %v", err)
	}
	sort.Strings(files)
	return files
}

// clientBinary finds the mariadb (or mysql) command-line client, skipping t without one.
func clientBinary(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"mariadb", "mysql"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("the mariadb command-line client is not installed (apt-get install mariadb-client)")
	return ""
}

// timing is the client's "(0.001 sec)", which differs from run to run.
var timing = regexp.MustCompile(` \([0-9.]+ sec\)`)

// transcript runs script with the client against the server at addr in a fresh database test.
func transcript(t *testing.T, bin, addr, script string) string {
	t.Helper()
	host, port, _ := strings.Cut(addr, ":")
	args := []string{"-h" + host, "-P" + port, "-uroot", "--skip-ssl"}
	reset := exec.Command(bin, append(args, "-e", "drop database if exists test; create database test")...)
	if out, err := reset.CombinedOutput(); err != nil {
		t.Fatalf("resetting database test at %s: %v\n%s", addr, err, out)
	}
	in, err := os.Open(script)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	cmd := exec.Command(bin, append(args, "test", "--force", "--unbuffered", "-vvv", "--table", "--local-infile=1")...)
	cmd.Stdin = in
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out // errors interleave with the statements, as a user sees them
	if err := cmd.Run(); err != nil {
		if _, exited := err.(*exec.ExitError); !exited {
			t.Fatalf("running %s: %v", bin, err)
		}
	}
	return timing.ReplaceAllString(out.String(), "")
}

// outFile is the recorded transcript of a script.
func outFile(script string) string { return strings.TrimSuffix(script, ".sql") + ".out" }

// TestClientTranscripts runs every client script against an in-process seqd and compares the
// transcript with the one recorded from MariaDB.
func TestClientTranscripts(t *testing.T) {
	bin := clientBinary(t)
	seqd := startSeqd(t, false)
	for _, script := range clientScripts(t) {
		t.Run(filepath.Base(script), func(t *testing.T) {
			want, err := os.ReadFile(outFile(script))
			if err != nil {
				t.Fatalf("%v; record it with: go test ./conformance -run TestRecordClient -rewrite", err)
			}
			got := transcript(t, bin, seqd.Addr(), script)
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s: seqd differs from MariaDB (-MariaDB +seqd):\n%s", script, diff)
			}
		})
	}
}

// TestRecordClient records the transcripts from a scratch MariaDB (with -rewrite), or checks
// that MariaDB still gives the recorded ones.
func TestRecordClient(t *testing.T) {
	bin := clientBinary(t)
	srv := mariadbtest.New(t, mariadbtest.Options{Args: recordArgs})
	for _, script := range clientScripts(t) {
		t.Run(filepath.Base(script), func(t *testing.T) {
			got := transcript(t, bin, srv.Addr(), script)
			if *rewrite {
				if err := os.WriteFile(outFile(script), []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(outFile(script))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s: MariaDB no longer matches %s (-recorded +MariaDB):\n%s", script, outFile(script), diff)
			}
		})
	}
}
