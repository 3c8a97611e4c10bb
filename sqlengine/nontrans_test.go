package sqlengine

import (
	"slices"
	"testing"
)

// TestFailedStatementNonTransWarning checks warning 1196 after the error of a failed autocommit
// statement that changed MyISAM rows: MariaDB 10.11 lists it only when it writes a binary log
// (checked against mariadbd --log-bin and without it; the conformance case
// nontrans_failed_statement_warning is recorded without), only when a row changed, and not
// inside an explicit transaction (its ROLLBACK warns).
func TestFailedStatementNonTransWarning(t *testing.T) {
	for _, logBin := range []bool{false, true} {
		srv := startTestServer(t, func(c *Config) { c.LogBin = logBin })
		c := connect(t, srv, "root", "", "")
		mustExec(t, c, "CREATE DATABASE d", "USE d", "CREATE TABLE u (a INT UNIQUE)")
		codes := func(q string) []string {
			t.Helper()
			if _, err := c.ExecuteFetch(q, 10, false); err == nil {
				t.Fatalf("%s succeeded", q)
			}
			res, err := c.ExecuteFetch("SHOW WARNINGS", 10, false)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, r := range res.Rows {
				out = append(out, r[1].ToString())
			}
			return out
		}
		want := []string{"1062"}
		if logBin {
			want = []string{"1062", "1196"}
		}
		if got := codes("INSERT INTO u VALUES (1), (1)"); !slices.Equal(got, want) {
			t.Errorf("log_bin=%v: multi-row INSERT: warnings %v, want %v", logBin, got, want)
		}
		if got := codes("INSERT INTO u VALUES (1), (2)"); !slices.Equal(got, []string{"1062"}) {
			t.Errorf("log_bin=%v: INSERT failing on its first row: warnings %v, want [1062]", logBin, got)
		}
		mustExec(t, c, "BEGIN")
		if got := codes("INSERT INTO u VALUES (3), (3)"); !slices.Equal(got, []string{"1062"}) {
			t.Errorf("log_bin=%v: INSERT in BEGIN: warnings %v, want [1062]", logBin, got)
		}
		mustExec(t, c, "COMMIT")
	}
}
