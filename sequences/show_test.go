package sequences

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestShowCreateLikeMariaDB replays testdata/show_mariadb.jsonl: CREATE SEQUENCE statements
// with the SHOW CREATE SEQUENCE and SHOW CREATE TABLE text MariaDB 10.11.14 printed in several
// sql_modes. Each statement goes through Parse, Define and ResolveEngine first.
func TestShowCreateLikeMariaDB(t *testing.T) {
	f, err := os.Open("testdata/show_mariadb.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		var c struct{ SQL, Mode, Sequence, Table string }
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		n++
		spec := showSpec(t, c.SQL)
		mode := ParseSQLMode(c.Mode)
		if got := spec.CreateSequence(mode); got != c.Sequence {
			t.Errorf("%s [%s]\nSHOW CREATE SEQUENCE = %s\nwant                   %s", c.SQL, c.Mode, got, c.Sequence)
		}
		if got := spec.CreateTable(mode); got != c.Table {
			t.Errorf("%s [%s]\nSHOW CREATE TABLE = %s\nwant                %s", c.SQL, c.Mode, got, c.Table)
		}
	}
	if n < 90 {
		t.Errorf("read %d cases, want at least 90", n)
	}
}

func showSpec(t *testing.T, sql string) ShowSpec {
	t.Helper()
	st, err := Parse(sql, Mode{})
	if err != nil {
		t.Fatalf("Parse(%q) = %v", sql, err)
	}
	c := st.(*CreateSequence)
	row, _, err := Define("test", c.Name.Name, &c.Options, DefaultAutoIncrement)
	if err != nil {
		t.Fatalf("Define(%q) = %v", sql, err)
	}
	tbl := c.Table
	if tbl.Engine == "" {
		tbl.Engine = "MyISAM" // the server's default_storage_engine
	}
	if tbl.Engine, err = ResolveEngine(tbl.Engine); err != nil {
		t.Fatalf("ResolveEngine(%q) = %v", c.Table.Engine, err)
	}
	return ShowSpec{Name: c.Name.Name, Temporary: c.Temporary, Row: row, Table: tbl}
}

// SHOW CREATE TABLE of CREATE TABLE ... SEQUENCE=1 without column comments, and the suite's
// PAGE_COMPRESSED engine option, from suite/sql_sequence/create.test.
func TestShowCreatePlainColumnsAndEngineOptions(t *testing.T) {
	spec := ShowSpec{Name: "seq", Row: State{NextNotCached: 1, MinValue: 1, MaxValue: 9223372036854775806,
		Start: 1, Increment: 1, Cache: 1000},
		Table: TableOptions{Engine: "InnoDB", Other: []TableOption{{Name: "PAGE_COMPRESSED",
			Value: "ON", Kind: ValueString, EngineDefined: true}}},
		PlainColumns: true}
	wantSeq := "CREATE SEQUENCE `seq` start with 1 minvalue 1 maxvalue 9223372036854775806 increment by 1 cache 1000 nocycle ENGINE=InnoDB `PAGE_COMPRESSED`='ON'"
	wantTable := "CREATE TABLE `seq` (\n" +
		"  `next_not_cached_value` bigint(21) NOT NULL,\n" +
		"  `minimum_value` bigint(21) NOT NULL,\n" +
		"  `maximum_value` bigint(21) NOT NULL,\n" +
		"  `start_value` bigint(21) NOT NULL,\n" +
		"  `increment` bigint(21) NOT NULL,\n" +
		"  `cache_size` bigint(21) unsigned NOT NULL,\n" +
		"  `cycle_option` tinyint(1) unsigned NOT NULL,\n" +
		"  `cycle_count` bigint(21) NOT NULL\n" +
		") ENGINE=InnoDB SEQUENCE=1 `PAGE_COMPRESSED`='ON'"
	if got := spec.CreateSequence(Mode{}); got != wantSeq {
		t.Errorf("CreateSequence = %s\nwant %s", got, wantSeq)
	}
	if got := spec.CreateTable(Mode{}); got != wantTable {
		t.Errorf("CreateTable = %s\nwant %s", got, wantTable)
	}
}

// The AS types of MariaDB 11.5, from its source (show_create_sequence and sequence_structure);
// not checked against an 11.5 server.
func TestShowCreateAs(t *testing.T) {
	row := State{NextNotCached: 1, MinValue: 1, MaxValue: -2, Start: 1, Increment: 1, Cache: 1000,
		Type: ValueType{Unsigned: true}}
	spec := ShowSpec{Name: "s", Row: row, Table: TableOptions{Engine: "MyISAM"}}
	want := "CREATE SEQUENCE `s` as bigint unsigned start with 1 minvalue 1 maxvalue 18446744073709551614 increment by 1 cache 1000 nocycle ENGINE=MyISAM"
	if got := spec.CreateSequence(Mode{}); got != want {
		t.Errorf("CreateSequence = %s\nwant %s", got, want)
	}
	if got := spec.CreateSequence(ParseSQLMode("ORACLE")); strings.Contains(got, " as ") {
		t.Errorf("CreateSequence in ORACLE mode = %s, want no AS clause", got)
	}
	spec.Row.Type = ValueType{Kind: Tinyint}
	if got := spec.CreateTable(Mode{}); !strings.Contains(got, "`next_not_cached_value` tinyint(5) NOT NULL,") ||
		!strings.Contains(got, "`increment` bigint(21) NOT NULL") {
		t.Errorf("CreateTable for AS tinyint = %s, want tinyint(5) value columns and a bigint increment", got)
	}
}

func TestResolveEngine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"myisam", "MyISAM"}, {"INNODB", "InnoDB"}, {"innobase", "InnoDB"}, {"maria", "Aria"},
		{"Aria", "Aria"},
		{"sequence", "ERROR 1286"}, {"sql_sequence", "ERROR 1286"}, {"foo", "ERROR 1286"},
		{"archive", "ERROR 1478"}, {"memory", "ERROR 1478"}, {"heap", "ERROR 1478"},
	}
	for _, tt := range tests {
		got, err := ResolveEngine(tt.in)
		if r := result(got, err); r != tt.want {
			t.Errorf("ResolveEngine(%q) = %s, want %s", tt.in, r, tt.want)
		}
	}
	_, err := ResolveEngine("sql_sequence")
	if e, _ := AsError(err); e == nil || e.Message != "Unknown storage engine 'sql_sequence'" { // create.test
		t.Errorf("ResolveEngine(sql_sequence) = %v", err)
	}
	_, err = ResolveEngine("archive")
	if e, _ := AsError(err); e == nil || e.Message != "Table storage engine 'ARCHIVE' does not support the create option 'SEQUENCE'" { // create_archive.test
		t.Errorf("ResolveEngine(archive) = %v", err)
	}
}
