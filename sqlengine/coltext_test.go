package sqlengine

import (
	"testing"

	"github.com/dolthub/go-mysql-server/sql"
)

// TestColumnTypeText checks MariaDB's type text for stored type texts; the expectations are
// MariaDB 10.11's SHOW CREATE TABLE output for the same declarations
// (conformance/testdata/show_create_table.result).
func TestColumnTypeText(t *testing.T) {
	ctx := sql.NewEmptyContext()
	tests := []struct{ stored, want string }{
		{"int", "int(11)"},
		{"int unsigned", "int(10) unsigned"},
		{"smallint(3) unsigned zerofill", "smallint(3) unsigned zerofill"},
		{"int(10) unsigned zerofill", "int(10) unsigned zerofill"},
		{"tinyint(1)", "tinyint(1)"},
		{"bigint unsigned", "bigint(20) unsigned"},
		{"mediumint(5)", "mediumint(5)"},
		{"float", "float"},
		{"float(7,4)", "float(7,4)"},
		{"double(10,3)", "double(10,3)"},
		{"float unsigned", "float unsigned"},
		{"decimal(6,2) unsigned zerofill", "decimal(6,2) unsigned zerofill"},
		{"decimal(10,2)", "decimal(10,2)"},
		{"year", "year(4)"},
		{"json", "longtext"},
		{"varchar(10) CHARACTER SET latin1 COLLATE latin1_swedish_ci", "varchar(10)"},
		{"bit(5)", "bit(5)"},
	}
	for _, tt := range tests {
		typ, err := parseColumnType(ctx, tt.stored)
		if err != nil {
			t.Fatalf("parseColumnType(%q): %v", tt.stored, err)
		}
		if got := columnTypeText(tt.stored, typ); got != tt.want {
			t.Errorf("columnTypeText(%q) = %q, want %q", tt.stored, got, tt.want)
		}
	}
}

func TestFloatValueText(t *testing.T) {
	tests := []struct {
		v      any
		single bool
		want   string
	}{
		{float64(1500), false, "1500"},
		{float32(0.1), true, "0.1"},
		{float64(1e20), false, "1e20"},
		{float64(-1.25), false, "-1.25"},
		{float64(0.25), false, "0.25"},
	}
	for _, tt := range tests {
		if got := floatValueText(tt.v, tt.single); got != tt.want {
			t.Errorf("floatValueText(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestGMSBytesText(t *testing.T) {
	if got := gmsBytesText("[116 111 111]"); got != "too" {
		t.Errorf("gmsBytesText = %q, want too", got)
	}
	if got := gmsBytesText("plain"); got != "plain" {
		t.Errorf("gmsBytesText(plain) = %q", got)
	}
}
