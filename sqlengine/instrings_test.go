package sqlengine

import (
	"testing"

	ast "github.com/dolthub/vitess/go/vt/sqlparser"
)

func TestRewriteStringIns(t *testing.T) {
	tests := []struct{ in, want string }{
		{"select * from t where a in ('x', 'y')", "select * from t where (a = 'x' or a = 'y')"},
		{"select * from t where a not in ('x')", "select * from t where not (a = 'x')"},
		{"select a in ('x') from t", "select (a = 'x') from t"},
		{"select * from t where a in ('x', null)", "select * from t where (a = 'x' or a = null)"},
		{"select * from t where a in (1, 2)", "select * from t where a in (1, 2)"},
		{"select * from t where a in ('x', b)", "select * from t where a in ('x', b)"},
		{"update t set b = 1 where a in ('x')", "update t set b = 1 where (a = 'x')"},
	}
	for _, tt := range tests {
		stmt, err := ast.Parse(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		rewriteStringIns(stmt)
		if got := ast.String(stmt); got != tt.want {
			t.Errorf("rewriteStringIns(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
