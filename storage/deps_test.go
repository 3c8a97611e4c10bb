package storage

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImports keeps the dependency direction of docs/design.md: storage imports the standard
// library, pebble and seqd's sequences package, and never github.com/dolthub/... . Tests may
// also use pebble's vfs/errorfs (part of pebble).
func TestImports(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if !allowedImport(path) {
				t.Errorf("%s imports %q; storage may import only the standard library, pebble and sequences", name, path)
			}
		}
	}
}

func allowedImport(path string) bool {
	switch {
	case strings.HasPrefix(path, "github.com/dolthub/"):
		return false
	case path == "github.com/seqd/seqd/sequences",
		path == "github.com/cockroachdb/pebble/v2",
		strings.HasPrefix(path, "github.com/cockroachdb/pebble/v2/"):
		return true
	}
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".") // standard library paths have no dot in the first element
}

// TestPackageDoc checks that the package doc lives in doc.go and nowhere else.
func TestPackageDoc(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, parser.PackageClauseOnly|parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		if hasDoc := f.Doc != nil; hasDoc != (name == "doc.go") {
			t.Errorf("%s: package doc present = %v, want it only in doc.go", name, hasDoc)
		}
	}
}
