package mysqltest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReaderSplitsLikeMysqltest(t *testing.T) {
	src := "# comment\n" +
		"SELECT 1;\n" +
		"\n" +
		"SELECT 'a;b',\n   \"c\\\"d\" ;  # trailing\n" +
		"--echo hi;\n" +
		"  -- a dash comment\n" +
		"delimiter //;\n" +
		"CREATE PROCEDURE p() BEGIN SELECT 1; END//\n"
	path := filepath.Join(t.TempDir(), "x.test")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var rd reader
	if err := rd.push(path); err != nil {
		t.Fatal(err)
	}
	type cmd struct {
		Kind rawKind
		Text string
		Line int
	}
	var got []cmd
	delim := ";"
	for {
		c, ok, err := rd.next(delim)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		if c.kind == rawUnknown && c.text == "delimiter //" {
			delim = "//"
		}
		got = append(got, cmd{c.kind, c.text, c.line})
	}
	want := []cmd{
		{rawComment, "# comment", 1},
		{rawUnknown, "SELECT 1", 2},
		{rawEmptyLine, "", 3},
		{rawUnknown, "SELECT 'a;b',\n\"c\\\"d\" ", 4},
		{rawComment, "# trailing", 5},
		{rawCommentWithCommand, "echo hi;", 6},
		{rawCommentWithCommand, "a dash comment", 7},
		{rawUnknown, "delimiter //", 8},
		{rawUnknown, "CREATE PROCEDURE p() BEGIN SELECT 1; END", 9},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("commands (-want +got):\n%s", diff)
	}
}

func TestConvertToFormatV1(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"a\n   b", "a\nb"},
		{"a\n\n  b", "a\nb"},
		{"'x\n  y'\n  z", "'x\n  y'\n  z"},
		{"'x'\n  y", "'x'\n  y"},
		{"'x' \n  y", "'x' \ny"},
	} {
		if got := string(convertToFormatV1([]byte(tt.in))); got != tt.want {
			t.Errorf("convertToFormatV1(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
