package suite

import (
	"fmt"
	"os"
	"sort"
	"strings"
)

// ReadRatchet reads a ratchet file: one test name per line; blank lines and lines starting
// with # are ignored.
func ReadRatchet(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			names = append(names, l)
		}
	}
	return names, nil
}

// CheckRatchet compares a report with the tests a ratchet file lists as passing. It returns
// one message per listed test that did not pass and one per passing test that is not
// listed, which must be added.
func CheckRatchet(rep *Report, listed []string, ratchetPath string) []string {
	isListed := map[string]bool{}
	for _, n := range listed {
		isListed[n] = true
	}
	var problems []string
	ran := map[string]bool{}
	for _, r := range rep.Results {
		ran[r.Test] = true
		switch {
		case isListed[r.Test] && r.Outcome != Pass:
			problems = append(problems, fmt.Sprintf("%s is listed in %s but did not pass: %s",
				r.Test, ratchetPath, r))
		case !isListed[r.Test] && r.Outcome == Pass:
			problems = append(problems, fmt.Sprintf("%s passes now: add it to %s (or rerun with -update)",
				r.Test, ratchetPath))
		}
	}
	for _, n := range listed {
		if !ran[n] {
			problems = append(problems, fmt.Sprintf("%s is listed in %s but was not run", n, ratchetPath))
		}
	}
	return problems
}

// WriteRatchet rewrites a ratchet file with the passing tests of rep, keeping the file's
// leading comment block.
func WriteRatchet(path string, rep *Report) error {
	var header []string
	if b, err := os.ReadFile(path); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if !strings.HasPrefix(l, "#") {
				break
			}
			header = append(header, l)
		}
	}
	names := rep.Passing()
	sort.Strings(names)
	lines := append(header, names...)
	return os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644)
}
