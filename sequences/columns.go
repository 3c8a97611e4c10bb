package sequences

// Column is one column of a sequence's table, as MariaDB declares it.
type Column struct {
	Name    string
	Type    string // SQL type text, e.g. "bigint(21)" or "tinyint(1) unsigned"
	Comment string
}

// TableColumns returns the eight columns of the table of a sequence of value type t.
func TableColumns(t ValueType) []Column {
	cols := columns(t)
	out := make([]Column, len(cols))
	for i, c := range cols {
		out[i] = Column{Name: c.name, Type: c.typ, Comment: c.comment}
	}
	return out
}

// ColumnSpec describes a column of a CREATE TABLE ... SEQUENCE=1 for CheckTableColumns.
type ColumnSpec struct {
	Name    string
	Type    string // SQL type text; display widths are ignored
	NotNull bool
}

// CheckTableColumns checks columns against the sequence table structure of a BIGINT sequence,
// as MariaDB's CREATE TABLE ... SEQUENCE=1 does. It returns "" when they match, else the reason
// MariaDB's error 4086 gives: "Wrong number of columns", or the name of the first column whose
// name, type, NOT NULL or signedness differs.
func CheckTableColumns(cols []ColumnSpec) string {
	want := columns(ValueType{})
	if len(cols) != len(want) {
		return "Wrong number of columns"
	}
	for i, c := range cols {
		w := want[i]
		if c.Name != w.name || !c.NotNull || baseType(c.Type) != baseType(w.typ) {
			return c.Name
		}
	}
	return ""
}

// baseType reduces a type text to its name and signedness: "bigint(21) unsigned" is
// "bigint unsigned".
func baseType(t string) string {
	out := make([]byte, 0, len(t))
	depth := 0
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c == '(':
			depth++
		case c == ')':
			depth--
		case depth == 0:
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			out = append(out, c)
		}
	}
	s := string(out)
	for len(s) > 0 && s[len(s)-1] == ' ' {
		s = s[:len(s)-1]
	}
	return s
}
