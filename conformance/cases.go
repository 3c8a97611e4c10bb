package conformance

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/seqd/seqd/conformance/mysqltest"
)

// Case is one case: a .test file and the .result recorded for it.
type Case struct {
	Name   string // file name without .test, e.g. "sequence"
	Test   string
	Result string
}

// Cases lists the cases in dir, sorted by name.
func Cases(dir string) ([]Case, error) {
	tests, err := filepath.Glob(filepath.Join(dir, "*.test"))
	if err != nil {
		return nil, err
	}
	sort.Strings(tests)
	var cases []Case
	for _, t := range tests {
		base := strings.TrimSuffix(t, ".test")
		cases = append(cases, Case{Name: filepath.Base(base), Test: t, Result: base + ".result"})
	}
	return cases, nil
}

// Header returns the "# Covers:" and "# Source:" texts of a case's leading comment block
// and fails when either is missing or the file does not start with "# Covers:".
func (c Case) Header() (covers, source string, err error) {
	f, err := os.Open(c.Test)
	if err != nil {
		return "", "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for first := true; sc.Scan(); first = false {
		line := sc.Text()
		if !strings.HasPrefix(line, "#") {
			break
		}
		switch {
		case strings.HasPrefix(line, "# Covers: "):
			covers = strings.TrimPrefix(line, "# Covers: ")
		case strings.HasPrefix(line, "# Source: "):
			source = strings.TrimPrefix(line, "# Source: ")
		case first:
			return "", "", fmt.Errorf("%s: the first line must be \"# Covers: ...\"", c.Test)
		}
	}
	if covers == "" || source == "" {
		return "", "", fmt.Errorf("%s: the leading comment needs \"# Covers: ...\" and \"# Source: ...\" lines", c.Test)
	}
	return covers, source, sc.Err()
}

// UsesRestart reports whether the case restarts the server, which real mysqltest cannot do.
func (c Case) UsesRestart() (bool, error) {
	b, err := os.ReadFile(c.Test)
	if err != nil {
		return false, err
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(l) == mysqltest.RestartDirective {
			return true, nil
		}
	}
	return false, nil
}

// RunCase recreates the test database on target and runs the case. With continueOnError the
// run goes on after a failure, so the output shows every difference.
func RunCase(target mysqltest.Target, c Case, continueOnError bool) (string, error) {
	if err := mysqltest.Exec(target.Addr(), "DROP DATABASE IF EXISTS test", "CREATE DATABASE test"); err != nil {
		return "", fmt.Errorf("recreating database test: %w", err)
	}
	return mysqltest.Run(target, c.Test, mysqltest.Options{ContinueOnError: continueOnError})
}
