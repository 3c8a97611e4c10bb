package sqlengine

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// TestPrintExpr checks printExpr against the texts MariaDB 10.11 gives for the same CHECK
// expressions (testdata/exprprint.txt, generated from a real server).
func TestPrintExpr(t *testing.T) {
	f, err := os.Open("testdata/exprprint.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		in, want, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("bad line %q", line)
		}
		e, ok := parseExpr(in)
		if !ok {
			t.Errorf("parseExpr(%q) failed", in)
			continue
		}
		if got := printExpr(e); got != want {
			t.Errorf("printExpr(%q) = %q, want %q", in, got, want)
		}
	}
}
