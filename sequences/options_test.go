package sequences

import (
	"errors"
	"fmt"
	"testing"
)

// defineCases are CREATE SEQUENCE statements with the row MariaDB creates (SELECT * FROM the
// sequence) or the error. From suite/sql_sequence/create.test unless marked "recorded" (from
// MariaDB 10.11.14). testdata/verify_define.py replays them against a server.
var defineCases = []struct {
	sql  string
	auto int64 // auto_increment_increment (0: 1)
	want string
}{
	{"create sequence t1", 0, "1 1 9223372036854775806 1 1 1000 0 0"},
	{"create sequence t1 start with 10", 0, "10 1 9223372036854775806 10 1 1000 0 0"},
	{"create sequence t1 minvalue=11", 0, "11 11 9223372036854775806 11 1 1000 0 0"},
	{"create sequence t1 maxvalue=13 increment by -1", 0, "13 -9223372036854775807 13 13 -1 1000 0 0"},
	{"create sequence t1 increment by -1 cache 100", 0, "-1 -9223372036854775807 -1 -1 -1 100 0 0"},
	{"create sequence t1 cycle", 0, "1 1 9223372036854775806 1 1 1000 1 0"},
	{"create sequence t1 cycle minvalue= 14", 0, "14 14 9223372036854775806 14 1 1000 1 0"},
	{"create sequence t1 cycle increment by -1", 0, "-1 -9223372036854775807 -1 -1 -1 1000 1 0"},
	{"create sequence t1 start with 10 minvalue=10 maxvalue=11 nocache cycle", 0, "10 10 11 10 1 0 1 0"},
	{"create sequence t1 start with 10 minvalue=-10 maxvalue=11 cache=10 cycle increment by 10", 0, "10 -10 11 10 10 10 1 0"},
	{"create sequence t1 start with 10 NO MAXVALUE NO MINVALUE", 0, "10 1 9223372036854775806 10 1 1000 0 0"},
	{"create sequence t1 start with 10 maxvalue 10", 0, "10 1 10 10 1 1000 0 0"},
	{"create sequence t1 start with 10 minvalue 10", 0, "10 10 9223372036854775806 10 1 1000 0 0"},
	{"create sequence t1 start with 10 minvalue 10 maxvalue 11 cycle", 0, "10 10 11 10 1 1000 1 0"},
	{"create sequence t1 start with 10 maxvalue=9223372036854775806", 0, "10 1 9223372036854775806 10 1 1000 0 0"},
	{"create sequence t1 start with 10 minvalue=-9223372036854775807", 0, "10 -9223372036854775807 9223372036854775806 10 1 1000 0 0"},
	{"create sequence t1 increment by 0", 0, "1 1 9223372036854775806 1 0 1000 0 0"},
	{"create sequence t1 start with 10 NO MINVALUE minvalue=1", 0, "10 1 9223372036854775806 10 1 1000 0 0"},
	{"create sequence t1 start with 10 maxvalue=9", 0, "ERROR 4085"},
	{"create sequence t1 minvalue= 100 maxvalue=10", 0, "ERROR 4085"},
	{"create sequence t1 start with 9 minvalue=10", 0, "ERROR 4085"},
	{"create sequence t1 start with 10 maxvalue=9223372036854775807", 0, "ERROR 4085"},
	{"create sequence x start with 1 increment by 123456789012345678", 0, "ERROR 4085"},
	{"create sequence seq1 start with 1 cache -1", 0, "ERROR 4085"},
	{"create sequence t1 minvalue 5 maxvalue 5", 0, "ERROR 4085"},                                                                                                                                                    // recorded
	{"create sequence t1 increment 0 nocache minvalue 5 maxvalue 4", 0, "ERROR 4085"},                                                                                                                                // recorded
	{"create sequence t1 increment 0 nocache minvalue 5 maxvalue 6", 0, "5 5 6 5 0 0 0 0"},                                                                                                                           // recorded
	{"create sequence s1 minvalue 5 minvalue 7", 0, "7 7 9223372036854775806 7 1 1000 0 0"},                                                                                                                          // recorded
	{"create sequence s1 increment -1 no minvalue", 0, "ERROR 4085"},                                                                                                                                                 // recorded
	{"create sequence s1 increment -1 no maxvalue", 0, "9223372036854775806 -9223372036854775807 9223372036854775806 9223372036854775806 -1 1000 0 0"},                                                               // recorded
	{"create sequence s1 increment -1 nomaxvalue nominvalue", 0, "9223372036854775806 1 9223372036854775806 9223372036854775806 -1 1000 0 0"},                                                                        // recorded
	{"create sequence s1 start with +5 increment by +2 cache = +3 minvalue = -0", 0, "5 0 9223372036854775806 5 2 3 0 0"},                                                                                            // recorded
	{"create sequence s1 start -5 minvalue -10 maxvalue -1", 0, "-5 -10 -1 -5 1 1000 0 0"},                                                                                                                           // recorded
	{"create sequence s1 cache 9223372036854775805 increment 1", 0, "1 1 9223372036854775806 1 1 9223372036854775805 0 0"},                                                                                           // recorded
	{"create sequence s1 cache 4611686018427387902 increment 2", 0, "ERROR 4085"},                                                                                                                                    // recorded
	{"create sequence s1 cache 4611686018427387901 increment 2", 0, "1 1 9223372036854775806 1 2 4611686018427387901 0 0"},                                                                                           // recorded
	{"create sequence s1 increment 0 cache 9223372036854775805", 2, "ERROR 4085"},                                                                                                                                    // recorded
	{"create sequence s1 increment 0 cache 4611686018427387901", 2, "1 1 9223372036854775806 1 0 4611686018427387901 0 0"},                                                                                           // recorded
	{"create sequence s1 increment 9223372036854775807", 0, "ERROR 4085"},                                                                                                                                            // recorded
	{"create sequence s1 increment -9223372036854775807 cache 0", 0, "ERROR 4085"},                                                                                                                                   // recorded
	{"create sequence s1 minvalue -9223372036854775807 maxvalue -9223372036854775806 increment -1 cache 2 cycle", 0, "-9223372036854775806 -9223372036854775807 -9223372036854775806 -9223372036854775806 -1 2 1 0"}, // recorded
}

func TestDefine(t *testing.T) {
	for _, c := range defineCases {
		ai := DefaultAutoIncrement
		if c.auto != 0 {
			ai.Increment = c.auto
		}
		if got := define(t, c.sql, ai); got != c.want {
			t.Errorf("Define(%q, auto %d) = %s, want %s", c.sql, c.auto, got, c.want)
		}
	}
}

func define(t *testing.T, sql string, ai AutoIncrement) string {
	t.Helper()
	st, err := Parse(sql, Mode{})
	if err != nil {
		t.Fatalf("Parse(%q) = %v", sql, err)
	}
	row, _, err := Define("test", "t1", &st.(*CreateSequence).Options, ai)
	if err != nil {
		if !errors.Is(err, ErrInvalidData) {
			t.Errorf("Define(%q) error = %v, want ErrInvalidData", sql, err)
		}
		return result("", err)
	}
	return formatRow(row)
}

func TestValidateRow(t *testing.T) {
	tests := []struct {
		row  State
		want string
	}{
		// other.test: insert with next_not_cached 0 and min 1 is refused.
		{State{NextNotCached: 0, MinValue: 1, MaxValue: 4, Start: 1, Increment: 1, Cache: 1}, "ERROR 4085"},
		{State{NextNotCached: 2000, MinValue: 1, MaxValue: 4, Start: 1, Increment: 1, Cache: 1}, "2000 1 4 1 1 1 0 0"},
		{State{NextNotCached: 5, MinValue: 1, MaxValue: 4, Start: 1, Increment: -1, Cache: 1}, "ERROR 4085"},
		{State{NextNotCached: 0, MinValue: 1, MaxValue: 4, Start: 1, Increment: -1, Cache: 1}, "0 1 4 1 -1 1 0 0"},
		{State{NextNotCached: 1, MinValue: 1, MaxValue: 1<<63 - 1, Start: 1, Increment: 1}, "ERROR 4085"},
		{State{NextNotCached: 1, MinValue: -1 << 63, MaxValue: 5, Start: 1, Increment: 1}, "ERROR 4085"},
		{State{NextNotCached: 1, MinValue: 1, MaxValue: 5, Start: 1, Increment: -1 << 63}, "ERROR 4085"},
		{State{NextNotCached: 1, MinValue: 1, MaxValue: 5, Start: 1, Increment: 1, Cache: -1}, "ERROR 4085"},
	}
	for _, tt := range tests {
		row, _, err := ValidateRow("test", "s", tt.row, DefaultAutoIncrement)
		if got := result(formatRow(row), err); got != tt.want {
			t.Errorf("ValidateRow(%+v) = %s, want %s", tt.row, got, tt.want)
		}
	}
}

func ExampleDefine() {
	st, _ := Parse("CREATE SEQUENCE s INCREMENT BY -1 CACHE 100", Mode{})
	row, _, _ := Define("test", "s", &st.(*CreateSequence).Options, DefaultAutoIncrement)
	fmt.Println(row.Start, row.MinValue, row.MaxValue)
	// Output: -1 -9223372036854775807 -1
}
