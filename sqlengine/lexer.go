package sqlengine

// lexer splits SQL text into the tokens the pre-pass needs: words, quoted identifiers,
// strings, numbers and single punctuation characters. Comments and whitespace are skipped, except
// that the body of an executable comment (/*! ... */, /*M! ... */) is lexed as SQL, as MariaDB
// executes it.
type lexer struct {
	src                string
	pos                int
	ansiQuotes         bool // "..." is an identifier, not a string
	noBackslashEscapes bool
	inExec             bool // inside an executable comment
}

type tokKind uint8

const (
	tokEOF    tokKind = iota
	tokWord           // unquoted identifier or keyword
	tokQuoted         // `quoted` (or "quoted" under ANSI_QUOTES) identifier
	tokString         // string literal
	tokNumber         // numeric literal
	tokPunct          // any other single character
	tokVar            // @user_var or @@system_var
)

type token struct {
	kind       tokKind
	start, end int // byte offsets in src
}

func (t token) text(src string) string { return src[t.start:t.end] }

// isWord reports whether t is the unquoted word w, ignoring case.
func (t token) isWord(src, w string) bool {
	return t.kind == tokWord && t.end-t.start == len(w) && equalFoldASCII(src[t.start:t.end], w)
}

func (t token) isPunct(src string, c byte) bool {
	return t.kind == tokPunct && src[t.start] == c
}

// isIdent reports whether t can name a database or table.
func (t token) isIdent() bool { return t.kind == tokWord || t.kind == tokQuoted }

func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lowerASCII(a[i]) != lowerASCII(b[i]) {
			return false
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func isWordByte(c byte) bool {
	return c == '_' || c == '$' || c >= 0x80 || ('0' <= c && c <= '9') || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z')
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// next returns the next token.
func (l *lexer) next() token {
	l.skipSpaceAndComments()
	if l.pos >= len(l.src) {
		return token{kind: tokEOF, start: l.pos, end: l.pos}
	}
	start := l.pos
	c := l.src[l.pos]
	switch {
	case c == '`':
		l.skipQuoted('`', false)
		return token{kind: tokQuoted, start: start, end: l.pos}
	case c == '"' && l.ansiQuotes:
		l.skipQuoted('"', false)
		return token{kind: tokQuoted, start: start, end: l.pos}
	case c == '\'' || c == '"':
		l.skipQuoted(c, !l.noBackslashEscapes)
		return token{kind: tokString, start: start, end: l.pos}
	case c == '@':
		l.pos++
		if l.pos < len(l.src) && l.src[l.pos] == '@' {
			l.pos++
		}
		for l.pos < len(l.src) && (isWordByte(l.src[l.pos]) || l.src[l.pos] == '.') {
			l.pos++
		}
		return token{kind: tokVar, start: start, end: l.pos}
	case isDigit(c):
		return l.number(start)
	case isWordByte(c):
		for l.pos < len(l.src) && isWordByte(l.src[l.pos]) {
			l.pos++
		}
		return token{kind: tokWord, start: start, end: l.pos}
	}
	l.pos++
	return token{kind: tokPunct, start: start, end: l.pos}
}

// number lexes a numeric literal; digits followed by letters form a word (MariaDB allows
// identifiers such as 1a).
func (l *lexer) number(start int) token {
	for l.pos < len(l.src) && (isDigit(l.src[l.pos]) || l.src[l.pos] == '.') {
		l.pos++
	}
	if l.pos < len(l.src) && (l.src[l.pos] == 'e' || l.src[l.pos] == 'E') {
		p := l.pos + 1
		if p < len(l.src) && (l.src[p] == '+' || l.src[p] == '-') {
			p++
		}
		if p < len(l.src) && isDigit(l.src[p]) {
			l.pos = p
			for l.pos < len(l.src) && isDigit(l.src[l.pos]) {
				l.pos++
			}
		}
	}
	if l.pos < len(l.src) && isWordByte(l.src[l.pos]) {
		for l.pos < len(l.src) && isWordByte(l.src[l.pos]) {
			l.pos++
		}
		return token{kind: tokWord, start: start, end: l.pos}
	}
	return token{kind: tokNumber, start: start, end: l.pos}
}

// skipQuoted skips a quoted string or identifier starting at l.pos. A doubled quote character
// stands for itself; with escapes, a backslash escapes the next byte.
func (l *lexer) skipQuoted(q byte, escapes bool) {
	l.pos++
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case escapes && c == '\\':
			l.pos += 2
			continue
		case c == q:
			if l.pos+1 < len(l.src) && l.src[l.pos+1] == q {
				l.pos += 2
				continue
			}
			l.pos++
			return
		}
		l.pos++
	}
	if l.pos > len(l.src) {
		l.pos = len(l.src)
	}
}

func (l *lexer) skipSpaceAndComments() {
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			l.pos++
		case c == '#':
			l.skipLine()
		case c == '-' && l.hasPrefix("--") && (l.pos+2 >= len(l.src) || isSpace(l.src[l.pos+2])):
			l.skipLine()
		case c == '/' && l.hasPrefix("/*"):
			if !l.enterExecutableComment() {
				l.skipBlockComment()
			}
		case c == '*' && l.inExec && l.hasPrefix("*/"):
			l.pos += 2
			l.inExec = false
		default:
			return
		}
	}
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func (l *lexer) hasPrefix(p string) bool {
	return len(l.src)-l.pos >= len(p) && l.src[l.pos:l.pos+len(p)] == p
}

func (l *lexer) skipLine() {
	for l.pos < len(l.src) && l.src[l.pos] != '\n' {
		l.pos++
	}
}

func (l *lexer) skipBlockComment() {
	l.pos += 2
	for l.pos < len(l.src) && !l.hasPrefix("*/") {
		l.pos++
	}
	l.pos += 2
	if l.pos > len(l.src) {
		l.pos = len(l.src)
	}
}

// enterExecutableComment consumes the opening of /*!NNNNN or /*M!NNNNN and reports whether it
// did. The version number is not compared: seqd executes every executable comment, as a MariaDB
// 10.11 does for every version up to its own.
func (l *lexer) enterExecutableComment() bool {
	p := l.pos + 2
	if p < len(l.src) && l.src[p] == 'M' {
		p++
	}
	if p >= len(l.src) || l.src[p] != '!' || l.inExec {
		return false
	}
	p++
	for p < len(l.src) && isDigit(l.src[p]) {
		p++
	}
	l.pos = p
	l.inExec = true
	return true
}
