package functions

import (
	"errors"
	"strings"
	"testing"
)

func TestJSONFind(t *testing.T) {
	for _, tc := range []struct {
		doc, path string
		want      string
		found     bool
		pathOK    bool
		syntaxErr bool
	}{
		{`{"a" : { "b" :  1 } }`, `$.a`, `{ "b" :  1 }`, true, true, false},
		{`{"a":[1]} garbage`, `$.a`, `[1]`, true, true, false},
		{`{"a":1`, `$.b`, ``, false, true, true},
		{`[[1],[2],[3]]`, `$[last-1]`, `[2]`, true, true, false},
		{`[[1],[2],[3]]`, `$[last-5]`, ``, false, true, false},
		{`{"x":1,"a b":[1]}`, `$."a b"`, `[1]`, true, true, false},
		{`{"a\u0062":2}`, `$.ab`, `2`, true, true, false},
		{`[1,2]`, `$.a`, ``, false, true, false},
		{`{"a":{"b":[3]}}`, `$**.b`, ``, false, false, false},
		{`{}`, `a`, ``, false, false, false},
		{`[1e5, -2.5E-3, "x\"y"]`, `$[2]`, `"x\"y"`, true, true, false},
		{`[1.]`, `$[0]`, ``, false, true, true},
		{`"unterminated`, `$`, ``, false, true, true},
	} {
		steps, ok := parseJSONPath(tc.path)
		if ok != tc.pathOK {
			t.Errorf("parseJSONPath(%q) ok = %v, want %v", tc.path, ok, tc.pathOK)
			continue
		}
		if !ok {
			continue
		}
		got, found, err := jsonFind(tc.doc, steps)
		if got != tc.want && found || found != tc.found || (err != nil) != tc.syntaxErr {
			t.Errorf("jsonFind(%q, %q) = %q, %v, %v; want %q, %v, error %v", tc.doc, tc.path, got, found, err, tc.want, tc.found, tc.syntaxErr)
		}
	}
}

func TestJSONDepth(t *testing.T) {
	deep := func(n int) string { return strings.Repeat("[", n) + "1" + strings.Repeat("]", n) }
	if _, found, err := jsonFind(deep(31), []jsonStep{}); !found || err != nil {
		t.Errorf("31 levels: found %v, %v; want the document", found, err)
	}
	if _, _, err := jsonFind(deep(32), []jsonStep{}); !errors.Is(err, errJSONDepth) {
		t.Errorf("32 levels: %v, want errJSONDepth", err)
	}
	if found, err := jsonReaches(deep(100000), []jsonStep{{index: 0}, {index: 0}}); !found || err != nil {
		t.Errorf("jsonReaches of a shallow path in a deep document = %v, %v; want true", found, err)
	}
}
