package sequences

import "strings"

// DefaultVersionID is the server version executable comments are compared with
// (/*!NNNNNN ... */): MariaDB 10.11.19, the baseline of docs/mariadb-sequences.md.
const DefaultVersionID = 101119

// Mode is the part of sql_mode and server state the sequence grammar and SHOW CREATE depend on.
// The zero value is MariaDB's default mode.
type Mode struct {
	ANSIQuotes         bool // "x" is an identifier, and SHOW CREATE quotes with "
	NoBackslashEscapes bool // \ is an ordinary character in strings
	NoTableOptions     bool // SHOW CREATE prints no table options
	NoFieldOptions     bool // SHOW CREATE TABLE prints no AUTO_INCREMENT, ON UPDATE or key options
	NoKeyOptions       bool // SHOW CREATE TABLE prints no key options (COMMENT, USING)
	ForeignDB          bool // ANSI, ORACLE, POSTGRESQL, MSSQL, DB2 or MAXDB: no table options either
	Oracle             bool // ORACLE
	VersionID          int  // version for /*!NNNNN */ comments; 0 means DefaultVersionID
}

// ParseSQLMode returns the Mode of a sql_mode value such as "ORACLE" or
// "STRICT_TRANS_TABLES,ANSI_QUOTES" (names are case-insensitive; the combination modes set
// what they imply).
func ParseSQLMode(sqlMode string) Mode {
	var m Mode
	for _, name := range strings.Split(strings.ToUpper(sqlMode), ",") {
		switch strings.TrimSpace(name) {
		case "ANSI_QUOTES":
			m.ANSIQuotes = true
		case "NO_BACKSLASH_ESCAPES":
			m.NoBackslashEscapes = true
		case "NO_TABLE_OPTIONS":
			m.NoTableOptions = true
		case "NO_FIELD_OPTIONS":
			m.NoFieldOptions = true
		case "NO_KEY_OPTIONS":
			m.NoKeyOptions = true
		case "ANSI":
			m.ANSIQuotes, m.ForeignDB = true, true
		case "ORACLE":
			m.ANSIQuotes, m.ForeignDB, m.NoTableOptions, m.Oracle = true, true, true, true
			m.NoFieldOptions, m.NoKeyOptions = true, true
		case "POSTGRESQL", "MSSQL", "DB2", "MAXDB":
			m.ANSIQuotes, m.ForeignDB, m.NoTableOptions = true, true, true
			m.NoFieldOptions, m.NoKeyOptions = true, true
		}
	}
	return m
}

func (m Mode) versionID() int {
	if m.VersionID == 0 {
		return DefaultVersionID
	}
	return m.VersionID
}

type tokKind uint8

const (
	tEOF         tokKind = iota
	tWord                // unquoted identifier or keyword
	tQuotedIdent         // `x`, or "x" under ANSI_QUOTES
	tString              // 'x', or "x" without ANSI_QUOTES
	tNum                 // an unsigned integer literal: decimal digits
	tOtherNum            // a decimal, float, hex or bit literal: never valid in sequence DDL
	tPunct               // one character of punctuation or an operator's first character
	tSetVar              // :=
	tError               // an unterminated comment, string or quoted identifier
)

// lexeme is one token. pos is where MariaDB's error text ("near '...'") starts for it, line the
// line MariaDB reports.
type lexeme struct {
	kind tokKind
	text string // word or identifier, string value, digits, or the punctuation character
	pos  int
	line int
}

// is reports whether t is the keyword kw (upper case), which only an unquoted word can be.
func (t lexeme) is(kw string) bool { return t.kind == tWord && strings.EqualFold(t.text, kw) }

func (t lexeme) isPunct(c byte) bool { return t.kind == tPunct && t.text[0] == c }

// lexer splits a statement the way MariaDB's lexer does (sql/sql_lex.cc) for what the sequence
// grammar needs: comments, executable comments, quoting, line counting and the positions of
// error messages.
type lexer struct {
	src    string
	mode   Mode
	i      int
	line   int
	inExec bool // inside /*! ... */ whose content is code
}

func newLexer(src string, mode Mode) *lexer { return &lexer{src: src, mode: mode, line: 1} }

// next returns the next lexeme.
func (l *lexer) next() lexeme {
	if t, ok := l.skip(); !ok {
		return t
	}
	start := l.i
	if start >= len(l.src) {
		if l.inExec { // MariaDB reports an unterminated executable comment at the end
			return lexeme{kind: tError, pos: start, line: l.line}
		}
		return lexeme{kind: tEOF, pos: start, line: l.line}
	}
	c := l.src[start]
	switch {
	case isIdentStart(c):
		return l.word(start)
	case c >= '0' && c <= '9':
		return l.number(start)
	case c == '`':
		return l.quoted(start, '`', tQuotedIdent)
	case c == '\'':
		return l.quoted(start, '\'', tString)
	case c == '"' && l.mode.ANSIQuotes:
		return l.quoted(start, '"', tQuotedIdent)
	case c == '"':
		return l.quoted(start, '"', tString)
	case c == ':' && start+1 < len(l.src) && l.src[start+1] == '=':
		l.i += 2
		return lexeme{kind: tSetVar, text: ":=", pos: start, line: l.line}
	}
	l.i++
	t := lexeme{kind: tPunct, text: l.src[start:l.i], pos: start, line: l.line}
	if c == ',' {
		// NB: MariaDB's lexer restarts the lexeme after a comma (a workaround for its
		// remember_name rule), so an error at a comma quotes the text after it.
		t.pos = l.i
	}
	return t
}

// skip passes over white space and comments. ok is false with an error lexeme for an
// unterminated comment.
func (l *lexer) skip() (t lexeme, ok bool) {
	for l.i < len(l.src) {
		c := l.src[l.i]
		switch {
		case c == '\n':
			l.line++
			l.i++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			l.i++
		case c == '#' || l.dashComment():
			l.skipLine()
		case c == '*' && l.inExec && l.at("*/"):
			l.inExec = false
			l.i += 2
		case l.at("/*"):
			if t, ok := l.comment(); !ok {
				return t, false
			}
		default:
			return lexeme{}, true
		}
	}
	return lexeme{}, true
}

func (l *lexer) at(s string) bool { return strings.HasPrefix(l.src[l.i:], s) }

// dashComment reports "-- " (two dashes and white space, a control character or the end).
func (l *lexer) dashComment() bool {
	if !l.at("--") {
		return false
	}
	return l.i+2 >= len(l.src) || l.src[l.i+2] <= ' '
}

func (l *lexer) skipLine() {
	for l.i < len(l.src) && l.src[l.i] != '\n' {
		l.i++
	}
}

// comment handles "/*" at l.i: a plain comment is skipped; /*! and /*M! comments whose
// version is accepted have their content lexed as code.
func (l *lexer) comment() (lexeme, bool) {
	start, startLine := l.i, l.line
	bad := lexeme{kind: tError, pos: start, line: startLine}
	marker := 0
	switch {
	case l.at("/*!"):
		marker = 3
	case l.at("/*M!"):
		marker = 4
	}
	if marker > 0 {
		digits := countDigits(l.src[start+marker:])
		if digits < 5 {
			l.i, l.inExec = start+marker, true
			return lexeme{}, true
		}
		n := 5
		if digits >= 6 {
			n = 6
		}
		if l.versionAccepted(l.src[start+marker:start+marker+n], marker == 4) {
			l.i, l.inExec = start+marker+n, true
			return lexeme{}, true
		}
		if !l.skipComment(start+2, 1) {
			return bad, false
		}
		return lexeme{}, true
	}
	if !l.skipComment(start+2, 0) {
		return bad, false
	}
	return lexeme{}, true
}

// versionAccepted is MariaDB's rule: run the comment if its version is not above the server's,
// except that MySQL 5.7+ versions (50700-99999) are ignored unless the comment is /*M!.
func (l *lexer) versionAccepted(digits string, mariaOnly bool) bool {
	v := 0
	for i := 0; i < len(digits); i++ {
		v = v*10 + int(digits[i]-'0')
	}
	return v <= l.mode.versionID() && (v < 50700 || v > 99999 || mariaOnly)
}

// skipComment moves past the "*/" that closes a comment whose body starts at from, counting
// lines. nested is how many inner /* */ comments may open (MariaDB allows one inside a skipped
// versioned comment). It reports false if the comment is not closed.
func (l *lexer) skipComment(from, nested int) bool {
	depth := 0
	for i := from; i+1 < len(l.src); i++ {
		switch {
		case l.src[i] == '\n':
			l.line++
		case l.src[i] == '/' && l.src[i+1] == '*' && depth < nested:
			depth++
			i++
		case l.src[i] == '*' && l.src[i+1] == '/':
			i++
			if depth == 0 {
				l.i = i + 1
				return true
			}
			depth--
		}
	}
	return false
}

func countDigits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// isIdentStart reports a character that starts an unquoted identifier (any non-ASCII byte
// belongs to a multi-byte character, which MariaDB allows in identifiers).
func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$' || c >= 0x80
}

func isIdentChar(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }

func (l *lexer) word(start int) lexeme {
	for l.i < len(l.src) && isIdentChar(l.src[l.i]) {
		l.i++
	}
	return lexeme{kind: tWord, text: l.src[start:l.i], pos: start, line: l.line}
}
