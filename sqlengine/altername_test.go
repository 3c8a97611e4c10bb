package sqlengine

import (
	"testing"

	ast "github.com/dolthub/vitess/go/vt/sqlparser"
)

func TestQuoteAlterColumnNames(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ALTER TABLE t1 ADD COLUMN note CHAR(5) AFTER name", "ALTER TABLE t1 ADD COLUMN note CHAR(5) AFTER `name`"},
		{"alter table t1 change status s int", "alter table t1 change `status` `s` int"},
		{"alter table t1 change column x comment int after value", "alter table t1 change column `x` `comment` int after `value`"},
		{"alter table t1 alter column comment set default 1", "alter table t1 alter column `comment` set default 1"},
		{"alter table t1 rename column position to date", "alter table t1 rename column `position` to `date`"},
		{"alter table t1 add column c int after `name`", ""},
		{"alter table t1 add key (a) , add column c int first", ""},
		{"select 1 after name", ""},
	}
	for _, tt := range tests {
		got, ok := quoteAlterColumnNames(tt.in, false)
		if !ok {
			got = ""
		}
		if got != tt.want {
			t.Errorf("quoteAlterColumnNames(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if ok {
			if _, err := ast.Parse(got); err != nil {
				t.Errorf("vitess cannot parse %q: %v", got, err)
			}
		}
	}
}
