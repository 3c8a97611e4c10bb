package sequences

import (
	"strconv"
	"strings"
)

// ShowSpec is what SHOW CREATE SEQUENCE and SHOW CREATE TABLE print for a sequence.
type ShowSpec struct {
	Name      string
	Temporary bool
	Row       State
	// Table holds the table options; Engine must be the canonical engine name (ResolveEngine).
	Table TableOptions
	// PlainColumns marks a sequence created with CREATE TABLE ... SEQUENCE=1 from columns
	// without comments: SHOW CREATE TABLE then prints the columns without comments.
	PlainColumns bool
}

// CreateSequence returns the "Create Table" column of SHOW CREATE SEQUENCE, e.g.
//
//	CREATE SEQUENCE `t1` start with 1 minvalue 1 maxvalue 9223372036854775806 increment by 1 cache 1000 nocycle ENGINE=MyISAM
//
// Every option is printed, in this order; cache 0 prints nocache. Table options follow unless
// the mode suppresses them (ORACLE, ANSI, NO_TABLE_OPTIONS, …): ENGINE, then COMMENT,
// CONNECTION, engine-defined options and directories; MIN_ROWS and the like are not printed.
//
// A sequence with an AS type other than BIGINT prints " as <type>" after the name, except in
// ORACLE mode (taken from MariaDB 11.5's source; unverified against a server).
func (s ShowSpec) CreateSequence(mode Mode) string {
	var b strings.Builder
	r, t := s.Row, s.Row.Type
	b.WriteString("CREATE SEQUENCE ")
	b.WriteString(QuoteIdent(s.Name, mode.quote()))
	if !t.IsDefault() && !mode.Oracle {
		b.WriteString(" as " + t.String())
	}
	b.WriteString(" start with " + t.Format(r.Start))
	b.WriteString(" minvalue " + t.Format(r.MinValue))
	b.WriteString(" maxvalue " + t.Format(r.MaxValue))
	b.WriteString(" increment by " + strconv.FormatInt(r.Increment, 10))
	if r.Cache != 0 {
		b.WriteString(" cache " + strconv.FormatInt(r.Cache, 10))
	} else {
		b.WriteString(" nocache")
	}
	if r.Cycle {
		b.WriteString(" cycle")
	} else {
		b.WriteString(" nocycle")
	}
	if mode.tableOptions() {
		writeEngine(&b, s.Table)
		writeEndOptions(&b, s.Table, mode)
	}
	return b.String()
}

// CreateTable returns the "Create Table" column of SHOW CREATE TABLE for a sequence: the
// eight columns and ENGINE, MIN_ROWS, MAX_ROWS, …, SEQUENCE=1, COMMENT, … (no DEFAULT
// CHARSET). TEMPORARY sequences print CREATE TEMPORARY TABLE.
func (s ShowSpec) CreateTable(mode Mode) string {
	var b strings.Builder
	q := mode.quote()
	b.WriteString("CREATE ")
	if s.Temporary {
		b.WriteString("TEMPORARY ")
	}
	b.WriteString("TABLE " + QuoteIdent(s.Name, q) + " (\n")
	for i, c := range columns(s.Row.Type) {
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString("  " + QuoteIdent(c.name, q) + " " + c.typ + " NOT NULL")
		if c.comment != "" && !s.PlainColumns {
			b.WriteString(" COMMENT " + quoteString(c.comment))
		}
	}
	b.WriteString("\n)")
	if mode.tableOptions() {
		writeEngine(&b, s.Table)
		writeTableOptions(&b, s.Table)
		b.WriteString(" SEQUENCE=1")
		writeEndOptions(&b, s.Table, mode)
	}
	return b.String()
}

type column struct{ name, typ, comment string }

// columns returns the sequence table's columns (sequence_structure in sql_sequence.cc). With
// MariaDB 11.5's AS the first four take the value type, with a display width one more than the
// type's maximum display length (from the 11.5 source; unverified against a server).
func columns(t ValueType) []column {
	vt := "bigint(21)"
	if !t.IsDefault() {
		width := [...]int{Bigint: 20, Tinyint: 4, Smallint: 6, Mediumint: 9, Int: 11}[t.Kind] + 1
		vt = strings.Fields(t.String())[0] + "(" + strconv.Itoa(width) + ")"
		if t.Unsigned {
			vt += " unsigned"
		}
	}
	return []column{
		{"next_not_cached_value", vt, ""},
		{"minimum_value", vt, ""},
		{"maximum_value", vt, ""},
		{"start_value", vt, "start value when sequences is created or value if RESTART is used"},
		{"increment", "bigint(21)", "increment value"},
		{"cache_size", "bigint(21) unsigned", ""},
		{"cycle_option", "tinyint(1) unsigned", "0 if no cycles are allowed, 1 if the sequence should begin a new cycle when maximum_value is passed"},
		{"cycle_count", "bigint(21)", "How many cycles have been done"},
	}
}

func (m Mode) quote() byte {
	if m.ANSIQuotes {
		return '"'
	}
	return '`'
}

func (m Mode) tableOptions() bool { return !m.NoTableOptions && !m.ForeignDB }

func writeEngine(b *strings.Builder, t TableOptions) {
	if t.Engine != "" {
		b.WriteString(" ENGINE=" + t.Engine)
	}
}

// writeTableOptions writes the options SHOW CREATE TABLE prints between ENGINE and SEQUENCE=1,
// in MariaDB's order and spelling (add_table_options in sql_show.cc).
func writeTableOptions(b *strings.Builder, t TableOptions) {
	if t.MinRows != nil && *t.MinRows != 0 {
		b.WriteString(" MIN_ROWS=" + strconv.FormatUint(*t.MinRows, 10))
	}
	if t.MaxRows != nil && *t.MaxRows != 0 {
		b.WriteString(" MAX_ROWS=" + strconv.FormatUint(*t.MaxRows, 10))
	}
	for _, name := range []string{"AVG_ROW_LENGTH", "PACK_KEYS", "STATS_PERSISTENT",
		"STATS_AUTO_RECALC", "STATS_SAMPLE_PAGES", "CHECKSUM", "PAGE_CHECKSUM",
		"DELAY_KEY_WRITE", "ROW_FORMAT", "TRANSACTIONAL"} {
		if v, ok := printedValue(t, name); ok {
			b.WriteString(" " + name + "=" + v)
		}
	}
	if v, ok := printedValue(t, "KEY_BLOCK_SIZE"); ok {
		b.WriteString(" KEY_BLOCK_SIZE=" + v)
	}
}

// printedValue returns how SHOW CREATE TABLE prints MariaDB table option name, if at all.
func printedValue(t TableOptions, name string) (string, bool) {
	o, ok := t.other(name)
	if !ok || o.Kind == ValueDefault {
		return "", false
	}
	switch name {
	case "CHECKSUM", "DELAY_KEY_WRITE", "PACK_KEYS", "STATS_PERSISTENT", "STATS_AUTO_RECALC",
		"PAGE_CHECKSUM", "TRANSACTIONAL":
		if o.Value != "0" && strings.Trim(o.Value, "0") != "" {
			return "1", true
		}
		return "0", name != "CHECKSUM" && name != "DELAY_KEY_WRITE"
	case "ROW_FORMAT":
		return strings.ToUpper(o.Value), !strings.EqualFold(o.Value, "DEFAULT")
	}
	return o.Value, strings.Trim(o.Value, "0") != ""
}

// writeEndOptions writes COMMENT, CONNECTION, the engine-defined options and the directories.
func writeEndOptions(b *strings.Builder, t TableOptions, mode Mode) {
	if t.Comment != nil && *t.Comment != "" {
		b.WriteString(" COMMENT=" + quoteString(*t.Comment))
	}
	if o, ok := t.other("CONNECTION"); ok && o.Value != "" {
		b.WriteString(" CONNECTION=" + quoteString(o.Value))
	}
	for _, o := range t.Other {
		if !o.EngineDefined {
			continue
		}
		b.WriteString(" " + QuoteIdent(o.Name, mode.quote()) + "=")
		if o.Kind == ValueString {
			b.WriteString(quoteString(o.Value))
		} else {
			b.WriteString(o.Value)
		}
	}
	for _, name := range []string{"DATA DIRECTORY", "INDEX DIRECTORY"} {
		if o, ok := t.other(name); ok {
			b.WriteString(" " + name + "=" + quoteString(o.Value))
		}
	}
}

func (t TableOptions) other(name string) (TableOption, bool) {
	for _, o := range t.Other {
		if !o.EngineDefined && o.Name == name {
			return o, true
		}
	}
	return TableOption{}, false
}

// quoteString quotes s as SHOW CREATE does (append_unescaped): ' doubled, and \, NUL, newline
// and carriage return escaped with a backslash.
func quoteString(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case 0:
			b.WriteString(`\0`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\\':
			b.WriteString(`\\`)
		case '\'':
			b.WriteString(`''`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('\'')
	return b.String()
}
