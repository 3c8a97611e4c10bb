package sqlengine

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/dolthub/vitess/go/sqltypes"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/types"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// mariadbFormatter is GMS's schema formatter with MariaDB's conventions where GMS consults it.
type mariadbFormatter struct{ sql.MySqlSchemaFormatter }

// showCreateTable prints SHOW CREATE TABLE as MariaDB 10.11 does. Views are left to GMS.
func (s *Server) showCreateTable(ctx *sql.Context, n *plan.ShowCreateTable) (sql.RowIter, error) {
	if n.IsView {
		return nil, nil
	}
	rt, ok := n.Child.(sql.TableNode)
	if !ok {
		return nil, nil
	}
	var def *storage.TableDef
	var temp bool
	switch t := rt.UnderlyingTable().(type) {
	case *Table:
		def, temp = t.meta.def, t.temp
	case *sequenceTable:
		spec, err := s.showSpec(t.meta.def, t.temp)
		if err != nil {
			return nil, err
		}
		return sql.RowsToRowIter(sql.Row{t.Name(), spec.CreateTable(sessionMode(ctx))}), nil
	default:
		return nil, nil
	}
	text, err := s.createTableText(ctx, def, temp)
	if err != nil {
		return nil, err
	}
	return sql.RowsToRowIter(sql.Row{def.Name, text}), nil
}

// createTableText is MariaDB's CREATE TABLE text for a base table.
func (s *Server) createTableText(ctx *sql.Context, def *storage.TableDef, temp bool) (string, error) {
	m, err := s.metas.get(ctx, def)
	if err != nil {
		return "", err
	}
	tableColl := (&Table{meta: m}).Collation()
	var lines []string
	for i, c := range m.columns {
		lines = append(lines, "  "+columnText(c, tableColl, i, def))
	}
	if len(def.PrimaryKey) > 0 {
		lines = append(lines, "  PRIMARY KEY ("+keyColumnsText(def.PrimaryKey)+")")
	}
	for _, ix := range def.Indexes {
		kind := "KEY"
		if ix.Unique {
			kind = "UNIQUE KEY"
		}
		line := "  " + kind + " " + quoteIdent(ix.Name) + " (" + keyColumnsText(ix.Columns) + ")"
		if ix.Comment != "" {
			line += " COMMENT " + quoteString(ix.Comment)
		}
		lines = append(lines, line)
	}
	for _, ck := range def.Checks {
		lines = append(lines, "  CONSTRAINT "+quoteIdent(ck.Name)+" CHECK ("+ck.Expr+")")
	}
	var b strings.Builder
	b.WriteString("CREATE ")
	if temp {
		b.WriteString("TEMPORARY ")
	}
	b.WriteString("TABLE " + quoteIdent(def.Name) + " (\n")
	b.WriteString(strings.Join(lines, ",\n"))
	b.WriteString("\n) ENGINE=" + def.Engine)
	if err := s.writeAutoIncrement(ctx, &b, m); err != nil {
		return "", err
	}
	b.WriteString(tableOptionsText(def))
	return b.String(), nil
}

// writeAutoIncrement prints AUTO_INCREMENT=n when the counter is past 1.
func (s *Server) writeAutoIncrement(ctx *sql.Context, b *strings.Builder, m *tableMeta) error {
	if m.autoIncOrd < 0 {
		return nil
	}
	t := newTable(s, m, false)
	v, err := t.PeekNextAutoIncrementValue(ctx)
	if err != nil {
		return err
	}
	if v > 1 {
		b.WriteString(" AUTO_INCREMENT=" + strconv.FormatUint(v, 10))
	}
	return nil
}

// tableOptionsText prints the charset, collation, other options and comment.
func tableOptionsText(def *storage.TableDef) string {
	var b strings.Builder
	var keys []string
	for k := range def.Options {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		b.WriteString(" " + k + "=" + def.Options[k])
	}
	if def.Charset != "" {
		b.WriteString(" DEFAULT CHARSET=" + def.Charset)
	}
	if def.Collation != "" {
		b.WriteString(" COLLATE=" + def.Collation)
	}
	if def.Comment != "" {
		b.WriteString(" COMMENT=" + quoteString(def.Comment))
	}
	return b.String()
}

func keyColumnsText(cols []storage.IndexColumn) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		p := quoteIdent(c.Name)
		if c.Prefix > 0 {
			p += "(" + strconv.Itoa(c.Prefix) + ")"
		}
		if c.Desc {
			p += " DESC"
		}
		parts[i] = p
	}
	return strings.Join(parts, ",")
}

// columnText prints one column definition as MariaDB does.
func columnText(c columnMeta, tableColl sql.CollationID, ord int, def *storage.TableDef) string {
	cd := c.def
	s := quoteIdent(cd.Name) + " " + typeText(c.typ, tableColl)
	isTimestamp := c.typ.Type() == sqltypes.Timestamp
	if !cd.Nullable {
		s += " NOT NULL"
	} else if isTimestamp {
		s += " NULL"
	}
	switch {
	case cd.Generated != "":
		s += " GENERATED ALWAYS AS " + parenthesize(cd.Generated)
		if cd.Stored {
			s += " STORED"
		} else {
			s += " VIRTUAL"
		}
	case cd.Default != "":
		s += " DEFAULT " + defaultText(cd.Default, c.typ)
	case cd.Nullable && !cd.AutoIncrement:
		s += " DEFAULT NULL"
	}
	if cd.OnUpdate != "" {
		s += " ON UPDATE " + lowerFuncs(cd.OnUpdate)
	}
	if cd.AutoIncrement {
		s += " AUTO_INCREMENT"
	}
	if cd.Invisible {
		s += " INVISIBLE"
	}
	if cd.Comment != "" {
		s += " COMMENT " + quoteString(cd.Comment)
	}
	if types.IsJSON(c.typ) {
		s += " CHECK (json_valid(" + quoteIdent(cd.Name) + "))"
	}
	_ = ord
	_ = def
	return s
}

// typeText prints a column type as MariaDB 10.11 does: display widths on integers, charset and
// collation only where they differ from the table's.
func typeText(t sql.Type, tableColl sql.CollationID) string {
	if nt, ok := t.(sql.NumberType); ok && types.IsInteger(t) {
		return integerTypeText(nt)
	}
	switch {
	case types.IsJSON(t):
		return "longtext CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
	case types.IsYear(t):
		return "year(4)"
	}
	if tc, ok := t.(sql.TypeWithCollation); ok {
		return tc.StringWithTableCollation(tableColl)
	}
	return t.String()
}

// integerTypeText is int(11), int(10) unsigned, tinyint(1) and so on.
func integerTypeText(t sql.NumberType) string {
	name := strings.Fields(t.String())[0]
	if i := strings.IndexByte(name, '('); i >= 0 {
		name = name[:i]
	}
	unsigned := types.IsUnsigned(t)
	width := map[string][2]int{
		"tinyint": {4, 3}, "smallint": {6, 5}, "mediumint": {9, 8}, "int": {11, 10}, "bigint": {20, 20},
	}[name]
	w := width[0]
	if unsigned {
		w = width[1]
	}
	if dw, ok := t.(interface{ DisplayWidth() int }); ok && dw.DisplayWidth() > 0 {
		w = dw.DisplayWidth()
	}
	s := name + "(" + strconv.Itoa(w) + ")"
	if unsigned {
		s += " unsigned"
	}
	return s
}

// defaultText prints a stored DEFAULT as MariaDB shows it: literals bare (numbers) or quoted
// (strings), function defaults without the parentheses GMS adds.
func defaultText(d string, t sql.Type) string {
	d = strings.TrimSpace(d)
	if strings.EqualFold(d, "NULL") {
		return "NULL"
	}
	if strings.HasPrefix(d, "(") && strings.HasSuffix(d, ")") {
		inner := d[1 : len(d)-1]
		if isFunctionCall(inner) {
			return lowerFuncs(inner)
		}
		return d
	}
	if strings.HasPrefix(d, "'") || strings.HasPrefix(d, "\"") {
		if types.IsNumber(t) {
			return strings.Trim(d, "'\"")
		}
		if types.IsBit(t) {
			return d
		}
		return "'" + strings.Trim(d, "'\"") + "'"
	}
	if isFunctionCall(d) || strings.EqualFold(d, "CURRENT_TIMESTAMP") {
		return lowerFuncs(d)
	}
	if types.IsText(t) || types.IsEnum(t) || types.IsSet(t) || types.IsTime(t) {
		return "'" + d + "'"
	}
	return d
}

// isFunctionCall reports whether s is a single call f(...).
func isFunctionCall(s string) bool {
	i := strings.IndexByte(s, '(')
	if i <= 0 || !strings.HasSuffix(s, ")") {
		return false
	}
	for _, c := range s[:i] {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 && j != len(s)-1 {
				return false
			}
		}
	}
	return true
}

// lowerFuncs prints CURRENT_TIMESTAMP as MariaDB does: current_timestamp().
func lowerFuncs(s string) string {
	up := strings.ToUpper(s)
	switch {
	case up == "CURRENT_TIMESTAMP" || up == "NOW()" || up == "CURRENT_TIMESTAMP()":
		return "current_timestamp()"
	case strings.HasPrefix(up, "CURRENT_TIMESTAMP(") || strings.HasPrefix(up, "NOW("):
		return "current_timestamp(" + s[strings.IndexByte(s, '(')+1:]
	}
	if i := strings.IndexByte(s, '('); i > 0 {
		return strings.ToLower(s[:i]) + s[i:]
	}
	return s
}

func parenthesize(s string) string {
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		return s
	}
	return "(" + s + ")"
}

func quoteIdent(s string) string { return sequences.QuoteIdent(s, '`') }

// quoteString quotes a string literal as MariaDB's SHOW CREATE does.
func quoteString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `'`, `''`)
	return "'" + r.Replace(s) + "'"
}

var _ = fmt.Sprintf
