package sequences

import "strings"

// number lexes a literal that starts with a digit. Digits followed by identifier characters
// form an identifier (1abc), except hex (0x1F), bit (0b101) and float (1e5, 2E-3) literals.
func (l *lexer) number(start int) lexeme {
	l.digits()
	if l.i < len(l.src) && isIdentStart(l.src[l.i]) {
		for l.i < len(l.src) && isIdentChar(l.src[l.i]) {
			l.i++
		}
		w := l.src[start:l.i]
		if isRadixLiteral(w) || isExponent(w) {
			return lexeme{kind: tOtherNum, text: w, pos: start, line: l.line}
		}
		if (w[len(w)-1] == 'e' || w[len(w)-1] == 'E') && countDigits(w) == len(w)-1 && l.signedDigits() {
			return lexeme{kind: tOtherNum, text: l.src[start:l.i], pos: start, line: l.line}
		}
		return lexeme{kind: tWord, text: w, pos: start, line: l.line}
	}
	if l.i < len(l.src) && l.src[l.i] == '.' {
		l.i++
		l.digits()
		if l.i < len(l.src) && (l.src[l.i] == 'e' || l.src[l.i] == 'E') {
			l.i++
			l.signedDigits()
		}
		return lexeme{kind: tOtherNum, text: l.src[start:l.i], pos: start, line: l.line}
	}
	return lexeme{kind: tNum, text: l.src[start:l.i], pos: start, line: l.line}
}

func (l *lexer) digits() {
	for l.i < len(l.src) && l.src[l.i] >= '0' && l.src[l.i] <= '9' {
		l.i++
	}
}

// signedDigits consumes [+-]digits if they are next and reports whether it did.
func (l *lexer) signedDigits() bool {
	i := l.i
	if i < len(l.src) && (l.src[i] == '+' || l.src[i] == '-') {
		i++
	}
	if n := countDigits(l.src[i:]); n > 0 {
		l.i = i + n
		return true
	}
	return false
}

// isRadixLiteral reports 0x followed by hex digits or 0b followed by bits.
func isRadixLiteral(w string) bool {
	if len(w) < 3 || w[0] != '0' {
		return false
	}
	digits := ""
	switch w[1] {
	case 'x', 'X':
		digits = "0123456789abcdefABCDEF"
	case 'b', 'B':
		digits = "01"
	default:
		return false
	}
	for i := 2; i < len(w); i++ {
		if !strings.ContainsRune(digits, rune(w[i])) {
			return false
		}
	}
	return true
}

// isExponent reports digits, e or E, digits (1e5).
func isExponent(w string) bool {
	n := countDigits(w)
	return n > 0 && n+1 < len(w) && (w[n] == 'e' || w[n] == 'E') && countDigits(w[n+1:]) == len(w)-n-1
}

// quoted lexes a string or quoted identifier delimited by q; a doubled q stands for q.
// Strings also take backslash escapes unless NO_BACKSLASH_ESCAPES. Line breaks inside do not
// count as lines, as in MariaDB.
func (l *lexer) quoted(start int, q byte, kind tokKind) lexeme {
	var b strings.Builder
	for i := start + 1; i < len(l.src); {
		c := l.src[i]
		switch {
		case c == q && i+1 < len(l.src) && l.src[i+1] == q:
			b.WriteByte(q)
			i += 2
		case c == q:
			l.i = i + 1
			return lexeme{kind: kind, text: b.String(), pos: start, line: l.line}
		case c == '\\' && kind == tString && !l.mode.NoBackslashEscapes && i+1 < len(l.src):
			b.WriteString(unescape(l.src[i+1]))
			i += 2
		default:
			b.WriteByte(c)
			i++
		}
	}
	l.i = len(l.src)
	return lexeme{kind: tError, pos: start, line: l.line}
}

// unescape returns what \c stands for in a MariaDB string: \% and \_ keep the backslash (they
// are LIKE escapes), unknown escapes drop it.
func unescape(c byte) string {
	switch c {
	case '0':
		return "\x00"
	case 'b':
		return "\b"
	case 'n':
		return "\n"
	case 'r':
		return "\r"
	case 't':
		return "\t"
	case 'Z':
		return "\x1a"
	case '%', '_':
		return "\\" + string(c)
	}
	return string(c)
}
