package mysqltest

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseArgs(t *testing.T) {
	vars := map[string]string{"PORT": "3306"}
	lookup := func(n string) string { return vars[n] }
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"a b", []string{"a", "b"}},
		{"'a b' \"c''d\" 'e''f'", []string{"a b", "c''d", "e'f"}},
		{`x\ty $PORT MASTER_PORT`, []string{"x\ty", "3306", "MASTER_PORT"}},
	} {
		got, err := parseArgs(tt.in, lookup)
		if err != nil {
			t.Fatalf("parseArgs(%q): %v", tt.in, err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("parseArgs(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestFilters(t *testing.T) {
	subs, err := parseRegexes(`/[0-9]+/N/ /x(y)/\1z/i #a\#b#c#`)
	if err != nil {
		t.Fatal(err)
	}
	f := filters{regex: subs, replace: []replacePair{{"ab", "AB"}, {"abc", "ABC!"}}}
	if got, want := f.apply("12 XY a#b abc ab"), "N Yz c ABC! AB"; got != want {
		t.Errorf("apply = %q, want %q", got, want)
	}
	f = filters{replace: []replacePair{{"ab", "1"}, {"abc", "2"}}}
	if got, want := f.apply("abcab"), "21"; got != want {
		t.Errorf("replace_result apply = %q, want %q", got, want)
	}
}

func TestAppendSorted(t *testing.T) {
	var b strings.Builder
	appendSorted(&b, "h\nc\na\nb\n", true)
	if got, want := b.String(), "h\na\nb\nc\n"; got != want {
		t.Errorf("appendSorted = %q, want %q", got, want)
	}
}
