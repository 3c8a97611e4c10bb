package difftest

import "testing"

// TestDiffAutoRepair checks that MariaDB's conditions of an automatic MyISAM repair after its
// own crash are not a divergence, and that other warnings still are.
func TestDiffAutoRepair(t *testing.T) {
	repaired := &Outcome{Cols: []string{"a"}, Rows: [][]string{{"1"}}, WarnCount: 3, Warnings: [][]string{
		{"Error", "145", "Table './test/s3' is marked as crashed and should be repaired"},
		{"Warning", "1034", "1 client is using or hasn't closed the table properly"},
		{"Note", "1034", "Table is fixed"},
	}}
	plain := &Outcome{Cols: []string{"a"}, Rows: [][]string{{"1"}}}
	if d := Diff(repaired, plain); d != "" {
		t.Errorf("Diff(repaired, plain) = %q, want agreement", d)
	}
	other := *repaired
	other.WarnCount = 4
	other.Warnings = append(append([][]string(nil), repaired.Warnings...), []string{"Warning", "1264", "Out of range value for column 'a' at row 1"})
	if d := Diff(&other, plain); d != "warnings" {
		t.Errorf("Diff(other, plain) = %q, want warnings", d)
	}
	if d := Diff(plain, repaired); d != "warnings" {
		t.Errorf("Diff(plain, repaired) = %q, want warnings: only MariaDB's repair is left out", d)
	}
}
