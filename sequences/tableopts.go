package sequences

import (
	"strconv"
	"strings"
)

// TableOptions are the table options of CREATE SEQUENCE, after the sequence options.
type TableOptions struct {
	Engine  string  // ENGINE as written, the last one given; "" if none (see ResolveEngine)
	Comment *string // COMMENT
	MinRows *uint64 // MIN_ROWS: SHOW CREATE TABLE prints it, SHOW CREATE SEQUENCE does not
	MaxRows *uint64 // MAX_ROWS
	Other   []TableOption
}

// TableOption is any other table option, as written, for the caller to apply, print or reject
// (MariaDB rejects an unknown engine-defined option with 1911 ErrUnknownOption).
type TableOption struct {
	Name          string // upper case for MariaDB's own options; as written when EngineDefined
	Value         string // string contents, digits or word
	Kind          ValueKind
	EngineDefined bool // name=value with a name that is not a MariaDB keyword
}

// ValueKind says how a TableOption's value was written.
type ValueKind uint8

// The kinds of TableOption values.
const (
	ValueString  ValueKind = iota // 'text'
	ValueNumber                   // digits
	ValueWord                     // an identifier or keyword
	ValueDefault                  // DEFAULT
)

// tableOptionKinds maps MariaDB's keyword table options to the values they take.
var tableOptionKinds = map[string]string{
	"AUTO_INCREMENT": "n", "AVG_ROW_LENGTH": "n", "CHECKSUM": "n", "TABLE_CHECKSUM": "n",
	"PAGE_CHECKSUM": "n", "DELAY_KEY_WRITE": "n", "KEY_BLOCK_SIZE": "n", "TRANSACTIONAL": "n",
	"MIN_ROWS": "n", "MAX_ROWS": "n",
	"PACK_KEYS": "nd", "STATS_AUTO_RECALC": "nd", "STATS_PERSISTENT": "nd",
	"STATS_SAMPLE_PAGES": "nd", "SEQUENCE": "nd",
	"COMMENT": "s", "PASSWORD": "s", "CONNECTION": "s",
	"ROW_FORMAT": "wd", "INSERT_METHOD": "w", "TABLESPACE": "w", "ENGINE": "ws",
	"CHARSET": "wsd", "COLLATE": "wsd", "DATA DIRECTORY": "s", "INDEX DIRECTORY": "s",
}

// optionWords are the words some options accept (space-delimited).
var optionWords = map[string]string{
	"ROW_FORMAT":    " FIXED DYNAMIC COMPRESSED REDUNDANT COMPACT PAGE ",
	"INSERT_METHOD": " NO FIRST LAST ",
}

// tableOptions parses table options, separated by spaces or commas. A comma must be followed
// by another option.
func (p *parser) tableOptions(o *TableOptions) {
	for p.ok() && p.tableOption(o) {
		if p.tok.isPunct(',') {
			p.advance()
			if p.ok() && !p.tableOption(o) {
				p.fail(p.tok)
			}
		}
	}
}

// tableOption parses one option; false means the current token starts none.
func (p *parser) tableOption(o *TableOptions) bool {
	t := p.tok
	if t.kind == tQuotedIdent || t.kind == tWord && !isKeyword(t.text) {
		p.engineDefined(o, t)
		return true
	}
	if t.kind != tWord {
		return false
	}
	name := p.optionName()
	if name == "" {
		return false
	}
	p.equal()
	t = p.tok
	v, kind := p.optionValue(tableOptionKinds[name])
	if words, ok := optionWords[name]; ok && kind == ValueWord && !strings.Contains(words, " "+strings.ToUpper(v)+" ") {
		p.fail(t)
	}
	if p.ok() {
		o.set(name, v, kind)
	}
	return true
}

// optionName consumes the keywords that name a table option and returns its canonical name,
// or "" (consuming nothing) if the current keyword starts none.
func (p *parser) optionName() string {
	w := strings.ToUpper(p.tok.text)
	switch w {
	case "DEFAULT", "CHARACTER", "CHARSET", "COLLATE", "DATA", "INDEX":
		return p.multiWordOption()
	}
	if _, ok := tableOptionKinds[w]; !ok {
		return ""
	}
	p.advance()
	return w
}

// multiWordOption parses [DEFAULT] {CHARACTER SET | CHARSET | COLLATE} and
// {DATA | INDEX} DIRECTORY.
func (p *parser) multiWordOption() string {
	if p.tok.is("DATA") || p.tok.is("INDEX") {
		w := strings.ToUpper(p.advance().text)
		p.expect("DIRECTORY")
		return w + " DIRECTORY"
	}
	p.accept("DEFAULT")
	switch {
	case p.accept("CHARACTER"):
		p.expect("SET")
		return "CHARSET"
	case p.accept("CHARSET"):
		return "CHARSET"
	case p.accept("COLLATE"):
		return "COLLATE"
	}
	p.fail(p.tok)
	return "CHARSET"
}

// optionValue parses a value of one of the kinds in kinds: n (number), s (string), w (word),
// d (DEFAULT).
func (p *parser) optionValue(kinds string) (string, ValueKind) {
	t := p.tok
	switch {
	case !p.ok():
	case t.kind == tNum && strings.Contains(kinds, "n"):
		p.advance()
		return t.text, ValueNumber
	case t.kind == tString && strings.Contains(kinds, "s"):
		p.advance()
		return t.text, ValueString
	case t.is("DEFAULT") && strings.Contains(kinds, "d"):
		p.advance()
		return "DEFAULT", ValueDefault
	case strings.Contains(kinds, "w") && (t.kind == tQuotedIdent || t.kind == tWord && !isReserved(t.text)):
		p.advance()
		return t.text, ValueWord
	}
	p.fail(t)
	return "", ValueWord
}

// engineDefined parses name = value for a name that is no keyword (MariaDB's IDENT_sys options):
// the '=' is required.
func (p *parser) engineDefined(o *TableOptions, name lexeme) {
	p.advance()
	if !p.equal() {
		p.fail(p.tok)
		return
	}
	v, kind := p.optionValue("nswd")
	if p.ok() {
		o.Other = append(o.Other, TableOption{Name: name.text, Value: v, Kind: kind, EngineDefined: true})
	}
}

// set records an option; a repeated option replaces the earlier one, as in MariaDB.
func (o *TableOptions) set(name, v string, kind ValueKind) {
	switch name {
	case "ENGINE":
		o.Engine = v
	case "COMMENT":
		o.Comment = &v
	case "MIN_ROWS", "MAX_ROWS":
		n, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			n = 1<<64 - 1
		}
		if name == "MIN_ROWS" {
			o.MinRows = &n
		} else {
			o.MaxRows = &n
		}
	default:
		for i := range o.Other {
			if o.Other[i].Name == name && !o.Other[i].EngineDefined {
				o.Other[i] = TableOption{Name: name, Value: v, Kind: kind}
				return
			}
		}
		o.Other = append(o.Other, TableOption{Name: name, Value: v, Kind: kind})
	}
}
