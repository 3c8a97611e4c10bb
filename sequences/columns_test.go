package sequences

import "testing"

// CREATE TABLE ... SEQUENCE=1 column checks from suite/sql_sequence/create.test.
func TestCheckTableColumns(t *testing.T) {
	good := func() []ColumnSpec {
		var cols []ColumnSpec
		for _, c := range TableColumns(ValueType{}) {
			cols = append(cols, ColumnSpec{Name: c.Name, Type: c.Type, NotNull: true})
		}
		return cols
	}
	tests := []struct {
		name   string
		change func([]ColumnSpec) []ColumnSpec
		want   string
	}{
		{"the eight columns", func(c []ColumnSpec) []ColumnSpec { return c }, ""},
		{"renamed last column", func(c []ColumnSpec) []ColumnSpec { c[7].Name = "cycle_count_not_exists"; return c }, "cycle_count_not_exists"},
		{"int instead of bigint", func(c []ColumnSpec) []ColumnSpec { c[0].Type = "int(21)"; return c }, "next_not_cached_value"},
		{"cycle bigint unsigned", func(c []ColumnSpec) []ColumnSpec { c[6] = ColumnSpec{"cycle", "bigint(21) unsigned", true}; return c }, "cycle"},
		{"nullable", func(c []ColumnSpec) []ColumnSpec { c[0].NotNull = false; return c }, "next_not_cached_value"},
		{"extra column", func(c []ColumnSpec) []ColumnSpec { return append(c, ColumnSpec{"extra_field", "bigint(21)", false}) }, "Wrong number of columns"},
		{"swapped", func(c []ColumnSpec) []ColumnSpec { c[0], c[1] = c[1], c[0]; return c }, "minimum_value"},
	}
	for _, tt := range tests {
		if got := CheckTableColumns(tt.change(good())); got != tt.want {
			t.Errorf("%s: CheckTableColumns = %q, want %q", tt.name, got, tt.want)
		}
	}
}
