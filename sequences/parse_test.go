package sequences

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func ptr[T any](v T) *T { return &v }

// diff returns a readable difference of two values (as JSON), or "".
func diff(got, want any) string {
	if reflect.DeepEqual(got, want) {
		return ""
	}
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	return "\n got: " + string(g) + "\nwant: " + string(w)
}

func TestParseStatements(t *testing.T) {
	tests := []struct {
		sql  string
		mode Mode
		want Stmt
	}{
		{"CREATE SEQUENCE s", Mode{}, &CreateSequence{Name: Name{Name: "s"}}},
		{"create or replace temporary sequence if not exists db.`s``1`", Mode{},
			nil}, // 1221, below
		{"CREATE OR REPLACE TEMPORARY SEQUENCE db.`s``1` start with -5 minvalue=-10 maxvalue 10 increment by 2 cache=3 cycle", Mode{},
			&CreateSequence{OrReplace: true, Temporary: true, Name: Name{DB: "db", Name: "s`1"}, Options: Options{
				Start: &Num{V: -5}, Min: &Bound{Value: Num{V: -10}}, Max: &Bound{Value: Num{V: 10}},
				Increment: ptr[int64](2), Cache: ptr[int64](3), Cycle: ptr(true)}}},
		{"create sequence if not exists s nominvalue no maxvalue nocache nocycle", Mode{},
			&CreateSequence{IfNotExists: true, Name: Name{Name: "s"}, Options: Options{
				Min: &Bound{None: true}, Max: &Bound{None: true}, Cache: ptr[int64](0), Cycle: ptr(false)}}},
		{"create sequence s engine=InnoDB comment 'c' min_rows=1 max_rows 2 page_compressed=1 row_format=dynamic", Mode{},
			&CreateSequence{Name: Name{Name: "s"}, Table: TableOptions{Engine: "InnoDB", Comment: ptr("c"),
				MinRows: ptr[uint64](1), MaxRows: ptr[uint64](2), Other: []TableOption{
					{Name: "page_compressed", Value: "1", Kind: ValueNumber, EngineDefined: true},
					{Name: "ROW_FORMAT", Value: "dynamic", Kind: ValueWord}}}}},
		{`create sequence "a b" comment 'x'`, ParseSQLMode("ANSI_QUOTES"),
			&CreateSequence{Name: Name{Name: "a b"}, Table: TableOptions{Comment: ptr("x")}}},
		{"/*!100300 alter sequence */ if exists s restart with 5", Mode{},
			&AlterSequence{IfExists: true, Name: Name{Name: "s"}, Options: Options{Restart: &Restart{Value: &Num{V: 5}}}}},
		{"alter sequence s restart as_of", Mode{}, nil}, // syntax error, below
		{"ALTER SEQUENCE s RESTART", Mode{}, &AlterSequence{Name: Name{Name: "s"}, Options: Options{Restart: &Restart{}}}},
		{"drop temporary sequence if exists a, b.c,`d`", Mode{},
			&DropSequence{Temporary: true, IfExists: true, Names: []Name{{Name: "a"}, {DB: "b", Name: "c"}, {Name: "d"}}}},
		{"show create sequence test.s;", Mode{}, &ShowCreateSequence{Name: Name{DB: "test", Name: "s"}}},
		{"# comment\nSHOW CREATE SEQUENCE s", Mode{}, &ShowCreateSequence{Name: Name{Name: "s"}}},
	}
	for _, tt := range tests {
		got, err := Parse(tt.sql, tt.mode)
		if tt.want == nil {
			if err == nil {
				t.Errorf("Parse(%q) = %v, want an error", tt.sql, got)
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q) error %v", tt.sql, err)
			continue
		}
		if d := diff(got, tt.want); d != "" {
			t.Errorf("Parse(%q):%s", tt.sql, d)
		}
	}
}

func TestParseNotSequenceDDL(t *testing.T) {
	for _, sql := range []string{
		"", "select 1", "create table t (a int)", "create or replace table t (a int)",
		"create temporary table t (a int)", "alter table s engine=innodb", "drop table s",
		"drop temporary table s", "show create table s", "show tables", "create or",
		"create user u", "/* unterminated", "create /* x", "/*!999999 create sequence s */",
		"alter sequences s", "show create", "CREATE OR REPLACE VIEW v AS SELECT 1",
	} {
		if st, err := Parse(sql, Mode{}); !errors.Is(err, ErrNotSequenceDDL) {
			t.Errorf("Parse(%q) = %v, %v; want ErrNotSequenceDDL", sql, st, err)
		}
	}
}

// MariaDB 10.11 has no AS clause (11.5 added it) and takes no number outside BIGINT: both are
// syntax errors at the offending token.
func TestParseNo11_5Syntax(t *testing.T) {
	tests := []struct{ sql, near string }{
		{"create sequence s as int", "as int"},
		{"create sequence s start 5 as bigint unsigned cache 2", "as bigint unsigned cache 2"},
		{"alter sequence s as smallint", "as smallint"},
		{"alter sequence s maxvalue 9223372036854775808", "9223372036854775808"},
		{"create sequence s minvalue -9223372036854775808", "9223372036854775808"},
		{"create sequence s maxvalue 18446744073709551614 increment 2", "18446744073709551614 increment 2"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.sql, Mode{})
		e, ok := AsError(err)
		if !ok || e.Code() != 1064 || !strings.Contains(e.Message, "near '"+tt.near+"'") {
			t.Errorf("Parse(%q) = %v, want 1064 near '%s'", tt.sql, err, tt.near)
		}
	}
}

func TestParseSQLMode(t *testing.T) {
	tests := []struct {
		in   string
		want Mode
	}{
		{"", Mode{}},
		{"STRICT_TRANS_TABLES,ANSI_QUOTES", Mode{ANSIQuotes: true}},
		{"oracle", Mode{ANSIQuotes: true, ForeignDB: true, NoTableOptions: true, NoFieldOptions: true, NoKeyOptions: true, Oracle: true}},
		{"NO_FIELD_OPTIONS,NO_KEY_OPTIONS", Mode{NoFieldOptions: true, NoKeyOptions: true}},
		{"ANSI", Mode{ANSIQuotes: true, ForeignDB: true}},
		{"NO_TABLE_OPTIONS, NO_BACKSLASH_ESCAPES", Mode{NoTableOptions: true, NoBackslashEscapes: true}},
	}
	for _, tt := range tests {
		if got := ParseSQLMode(tt.in); got != tt.want {
			t.Errorf("ParseSQLMode(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

// FuzzParse checks that Parse never panics and that a statement it accepts as sequence DDL
// still parses after its SHOW CREATE text is generated for it.
func FuzzParse(f *testing.F) {
	for _, c := range []string{
		"create sequence s", "create or replace temporary sequence if not exists d.s start with -5 cycle",
		"alter sequence s restart with 5", "drop sequence if exists a, b", "show create sequence s",
		"create sequence s /*!100300 cycle */, x", "create sequence `s` comment 'a\\'b' engine=innodb",
		"create sequence s increment 0 cache := 5 min_rows 1 x='y'", "create sequence s restart",
	} {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, sql string) {
		for _, mode := range []Mode{{}, ParseSQLMode("ORACLE"), {NoBackslashEscapes: true}} {
			st, err := Parse(sql, mode)
			if err != nil {
				if !errors.Is(err, ErrNotSequenceDDL) {
					if _, ok := AsError(err); !ok {
						t.Fatalf("Parse(%q) error %v is not a catalogue error", sql, err)
					}
				}
				continue
			}
			c, ok := st.(*CreateSequence)
			if !ok {
				continue
			}
			row, _, err := Define("d", c.Name.Name, &c.Options, DefaultAutoIncrement)
			if err != nil {
				continue
			}
			text := ShowSpec{Name: c.Name.Name, Row: row}.CreateSequence(mode)
			if _, err := Parse(text, mode); err != nil {
				t.Fatalf("Parse(SHOW CREATE of %q) = %q: %v", sql, text, err)
			}
		}
	})
}
