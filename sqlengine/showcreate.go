package sqlengine

import (
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
	switch t := unwrapTable(rt.UnderlyingTable()).(type) {
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

// createTableText is MariaDB's CREATE TABLE text for a base table, as the session's sql_mode
// has it printed: ANSI_QUOTES quotes identifiers with "; NO_TABLE_OPTIONS leaves out the
// options after the column list, NO_FIELD_OPTIONS a column's AUTO_INCREMENT and ON UPDATE and
// the keys' options, NO_KEY_OPTIONS the keys' options; ANSI, ORACLE and the modes of other
// databases (MariaDB's foreign_db_mode) leave out the table and key options (all but ANSI
// include NO_FIELD_OPTIONS).
func (s *Server) createTableText(ctx *sql.Context, def *storage.TableDef, temp bool) (string, error) {
	m, err := s.metas.get(ctx, def)
	if err != nil {
		return "", err
	}
	mode := sessionMode(ctx)
	fieldOpts := !mode.NoFieldOptions
	keyOpts := fieldOpts && !mode.NoKeyOptions && !mode.ForeignDB
	tableOpts := !mode.NoTableOptions && !mode.ForeignDB
	tableColl := (&Table{meta: m}).Collation()
	colChecks := columnChecks(def)
	var lines []string
	for _, c := range m.columns {
		lines = append(lines, "  "+columnText(ctx, c, tableColl, colChecks[strings.ToLower(c.def.Name)], fieldOpts))
	}
	lines = append(lines, keysText(m, keyOpts)...)
	lines = append(lines, foreignKeyLines(def)...)
	for _, ck := range def.Checks {
		if _, ok := colChecks[strings.ToLower(ck.Name)]; ok && isColumnCheck(def, ck) {
			continue
		}
		lines = append(lines, "  CONSTRAINT "+quoteIdent(ck.Name)+" CHECK ("+exprText(ck.Expr)+")")
	}
	var b strings.Builder
	b.WriteString("CREATE ")
	if temp {
		b.WriteString("TEMPORARY ")
	}
	b.WriteString("TABLE " + quoteIdent(def.Name) + " (\n")
	b.WriteString(strings.Join(lines, ",\n"))
	b.WriteString("\n)")
	if tableOpts {
		b.WriteString(" ENGINE=" + def.Engine)
		if err := s.writeAutoIncrement(ctx, &b, m); err != nil {
			return "", err
		}
		b.WriteString(tableOptionsText(ctx, def))
	}
	if mode.ANSIQuotes {
		return ansiQuoted(b.String()), nil
	}
	return b.String(), nil
}

// ansiQuoted turns the backquoted identifiers of a SHOW CREATE text into "-quoted ones, as
// MariaDB prints them under ANSI_QUOTES; string literals are left as they are.
func ansiQuoted(text string) string {
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		switch c := text[i]; c {
		case '\'':
			j := i + 1
			for j < len(text) {
				if text[j] == '\\' {
					j += 2
					continue
				}
				if text[j] == '\'' {
					if j+1 < len(text) && text[j+1] == '\'' {
						j += 2
						continue
					}
					break
				}
				j++
			}
			end := min(j+1, len(text))
			b.WriteString(text[i:end])
			i = end - 1
		case '`':
			var id strings.Builder
			j := i + 1
			for j < len(text) {
				if text[j] == '`' {
					if j+1 < len(text) && text[j+1] == '`' {
						id.WriteByte('`')
						j += 2
						continue
					}
					break
				}
				id.WriteByte(text[j])
				j++
			}
			b.WriteString(sequences.QuoteIdent(id.String(), '"'))
			i = j
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// writeAutoIncrement prints AUTO_INCREMENT=n when the counter is past 1.
func (s *Server) writeAutoIncrement(ctx *sql.Context, b *strings.Builder, m *tableMeta) error {
	v, err := s.nextAutoIncrement(ctx, m)
	if err != nil {
		return err
	}
	if v > 1 {
		b.WriteString(" AUTO_INCREMENT=" + strconv.FormatUint(v, 10))
	}
	return nil
}

// nextAutoIncrement is the table's AUTO_INCREMENT counter, 0 for a table without one.
func (s *Server) nextAutoIncrement(ctx *sql.Context, m *tableMeta) (uint64, error) {
	if m.autoIncOrd < 0 {
		return 0, nil
	}
	return newTable(s, m, false).PeekNextAutoIncrementValue(ctx)
}

// tableOptionOrder is the order in which MariaDB prints table options (store_create_info in
// sql_show.cc), after ENGINE, AUTO_INCREMENT and the character set.
var tableOptionOrder = []string{
	"MIN_ROWS", "MAX_ROWS", "AVG_ROW_LENGTH", "PACK_KEYS", "STATS_PERSISTENT", "STATS_AUTO_RECALC",
	"STATS_SAMPLE_PAGES", "CHECKSUM", "PAGE_CHECKSUM", "DELAY_KEY_WRITE", "ROW_FORMAT",
	"TRANSACTIONAL", "KEY_BLOCK_SIZE",
}

// tableOptionsText prints the charset, collation, other options, comment and engine-defined
// options.
func tableOptionsText(ctx *sql.Context, def *storage.TableDef) string {
	var b strings.Builder
	if def.Charset != "" {
		b.WriteString(" DEFAULT CHARSET=" + def.Charset)
	}
	if def.Collation != "" {
		b.WriteString(" COLLATE=" + def.Collation)
	}
	opts := map[string]string{}
	for k, v := range def.Options {
		opts[strings.ToUpper(k)] = v
	}
	if def.Engine == "Aria" {
		if _, ok := opts["PAGE_CHECKSUM"]; !ok {
			opts["PAGE_CHECKSUM"] = "1"
		}
	}
	for _, k := range tableOptionOrder {
		if v, ok := opts[k]; ok {
			b.WriteString(" " + k + "=" + tableOptionValue(k, v))
			delete(opts, k)
		}
	}
	var rest []string
	for k := range opts {
		rest = append(rest, k)
	}
	sort.Strings(rest)
	for _, k := range rest {
		b.WriteString(" " + k + "=" + opts[k])
	}
	if def.Comment != "" {
		b.WriteString(" COMMENT=" + quoteString(def.Comment))
	}
	if e := engineOptionsText(ctx, def, true); e != "" {
		b.WriteString(" " + e)
	}
	return b.String()
}

func tableOptionValue(k, v string) string {
	v = strings.Trim(v, "'\"")
	if k == "ROW_FORMAT" {
		return strings.ToUpper(v)
	}
	return v
}

// tableKey is a primary key or index of a table.
type tableKey struct {
	name                                        string // PRIMARY for the primary key
	columns                                     []storage.IndexColumn
	primary, unique, nullable, prefix, fulltext bool
	kind, comment                               string // kind is "", FULLTEXT or SPATIAL
	ignored                                     bool
	pos                                         int
}

// orderedKeys returns the primary key and the indexes in MariaDB's order (sort_keys in
// sql_table.cc): unique keys first (NOT NULL ones, then the primary key, then those without
// prefix parts), then the others, FULLTEXT last; otherwise as created.
func orderedKeys(m *tableMeta) []tableKey {
	def := m.def
	parts := func(cols []storage.IndexColumn) (null, prefix bool) {
		for _, c := range cols {
			if ord := m.ordinal(c.Name); ord >= 0 && m.columns[ord].def.Nullable {
				null = true
			}
			if c.Prefix > 0 {
				prefix = true
			}
		}
		return null, prefix
	}
	var keys []tableKey
	if len(def.PrimaryKey) > 0 {
		_, prefix := parts(def.PrimaryKey)
		keys = append(keys, tableKey{name: "PRIMARY", columns: def.PrimaryKey, primary: true, unique: true, prefix: prefix, pos: -1})
	}
	for i, ix := range def.Indexes {
		null, prefix := parts(ix.Columns)
		keys = append(keys, tableKey{name: ix.Name, columns: ix.Columns, unique: ix.Unique, nullable: null, prefix: prefix,
			fulltext: ix.Kind == "FULLTEXT", kind: ix.Kind, comment: ix.Comment, ignored: ix.Ignored, pos: i})
	}
	sort.SliceStable(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.unique != b.unique {
			return a.unique
		}
		if a.unique {
			if a.nullable != b.nullable {
				return !a.nullable
			}
			if a.primary != b.primary {
				return a.primary
			}
			if a.prefix != b.prefix {
				return !a.prefix
			}
		}
		if a.fulltext != b.fulltext {
			return !a.fulltext
		}
		return a.pos < b.pos
	})
	return keys
}

// keysText prints the keys of SHOW CREATE TABLE.
func keysText(m *tableMeta, keyOpts bool) []string {
	var lines []string
	for _, k := range orderedKeys(m) {
		if k.primary {
			lines = append(lines, "  PRIMARY KEY ("+keyColumnsText(k.columns)+")")
			continue
		}
		kind := "KEY"
		switch {
		case k.unique:
			kind = "UNIQUE KEY"
		case k.kind != "":
			kind = k.kind + " KEY"
		}
		line := "  " + kind + " " + quoteIdent(k.name) + " (" + keyColumnsText(k.columns) + ")"
		if k.comment != "" && keyOpts {
			line += " COMMENT " + quoteString(k.comment)
		}
		if k.ignored {
			line += " IGNORED"
		}
		lines = append(lines, line)
	}
	return lines
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

// columnChecks maps lower-case column names to their column-level check expression.
func columnChecks(def *storage.TableDef) map[string]string {
	out := map[string]string{}
	for _, ck := range def.Checks {
		if isColumnCheck(def, ck) {
			out[strings.ToLower(ck.Name)] = ck.Expr
		}
	}
	return out
}

// isColumnCheck reports whether a check is column-level: MariaDB names those after their
// column (see coltypes.go).
func isColumnCheck(def *storage.TableDef, ck storage.CheckDef) bool {
	for _, c := range def.Columns {
		if strings.EqualFold(c.Name, ck.Name) {
			return true
		}
	}
	return false
}

// columnText prints one column definition as MariaDB does; without fieldOpts (NO_FIELD_OPTIONS)
// it leaves out ON UPDATE and AUTO_INCREMENT.
func columnText(ctx *sql.Context, c columnMeta, tableColl sql.CollationID, check string, fieldOpts bool) string {
	cd := c.def
	s := quoteIdent(cd.Name) + " " + columnTypeText(cd.Type, c.typ) + charsetText(c.typ, tableColl)
	if !cd.Nullable {
		s += " NOT NULL"
	} else if c.typ.Type() == sqltypes.Timestamp {
		s += " NULL"
	}
	if cd.Generated != "" {
		s += " GENERATED ALWAYS AS (" + exprText(cd.Generated) + ")"
		if cd.Stored {
			s += " STORED"
		} else {
			s += " VIRTUAL"
		}
	}
	if cd.Invisible {
		s += " INVISIBLE"
	}
	if d := defaultOf(ctx, c).showCreate(); d != "" && cd.Generated == "" {
		s += " DEFAULT " + d
	}
	if cd.OnUpdate != "" && fieldOpts {
		s += " ON UPDATE " + onUpdateText(cd.OnUpdate)
	}
	if cd.AutoIncrement && fieldOpts {
		s += " AUTO_INCREMENT"
	}
	if cd.Comment != "" {
		s += " COMMENT " + quoteString(cd.Comment)
	}
	if check != "" {
		s += " CHECK (" + exprText(check) + ")"
	} else if types.IsJSON(c.typ) {
		s += " CHECK (json_valid(" + quoteIdent(cd.Name) + "))"
	}
	return s
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

func quoteIdent(s string) string { return sequences.QuoteIdent(s, '`') }

// quoteString quotes a string literal as MariaDB's SHOW CREATE does.
func quoteString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `'`, `''`)
	return "'" + r.Replace(s) + "'"
}
