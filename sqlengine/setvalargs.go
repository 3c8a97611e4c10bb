package sqlengine

import (
	"strconv"
	"strings"
)

// MariaDB's grammar takes only literals after the sequence name of SETVAL:
//
//	SETVAL(table_ident, longlong_num [, bool [, ulonglong_num]])
//
// where longlong_num is [+]NUM | LONG_NUM | -NUM | -LONG_NUM, bool is ulong_num | TRUE | FALSE,
// ulong_num is [+]NUM|LONG_NUM|ULONGLONG_NUM|DECIMAL_NUM|FLOAT_NUM or HEX_NUM, and
// ulonglong_num is ulong_num without HEX_NUM. Anything else (an expression, a variable, a
// string, a ? placeholder) is a syntax error at that token. vitess parses SETVAL as an ordinary
// function call, so checkSetvalArgs applies the grammar to the statement's tokens.

// numClass is MariaDB's lexer class of a numeric literal.
type numClass uint8

const (
	numNone      numClass = iota
	numInt                // NUM: fits a signed 32-bit integer
	numLong               // LONG_NUM: fits a signed 64-bit integer
	numULongLong          // ULONGLONG_NUM: fits an unsigned 64-bit integer
	numDecimal            // DECIMAL_NUM: larger integers, and fractions
	numFloat              // FLOAT_NUM: with an exponent
	numHex                // HEX_NUM: 0x...
)

// classifyNumber returns the lexer class of the token t of q.
func classifyNumber(q string, t token) numClass {
	s := t.text(q)
	switch t.kind {
	case tokNumber:
	case tokWord:
		if len(s) > 2 && s[0] == '0' && (s[1] == 'x') && isHexDigits(s[2:]) {
			return numHex
		}
		return numNone
	default:
		return numNone
	}
	if strings.ContainsAny(s, "eE") {
		return numFloat
	}
	if strings.Contains(s, ".") {
		return numDecimal
	}
	digits := strings.TrimLeft(s, "0")
	if digits == "" {
		return numInt
	}
	if v, err := strconv.ParseUint(digits, 10, 64); err == nil {
		switch {
		case v <= 2147483647:
			return numInt
		case v <= 9223372036854775807:
			return numLong
		default:
			return numULongLong
		}
	}
	return numDecimal
}

func isHexDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		c := lowerASCII(s[i])
		if !isDigit(c) && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// checkSequenceCalls returns MariaDB's 1064 error for the first sequence function call in q
// that its grammar rejects, or nil. The grammar takes a table name (ident, ident.ident or
// .ident) as the argument of NEXT VALUE FOR, PREVIOUS VALUE FOR, NEXTVAL and LASTVAL, and as
// the first argument of SETVAL, whose other arguments are literals:
//
//	NEXTVAL(table_ident)   LASTVAL(table_ident)   NEXT VALUE FOR table_ident
//
// vitess parses these as ordinary calls (and NEXT VALUE FOR is rewritten by the pre-pass), so
// NEXTVAL(), NEXTVAL(s, 1), LASTVAL(s + 1) and NEXTVAL('s') would otherwise fail later with
// GMS's errors, or not at all.
func checkSequenceCalls(q string, ansiQuotes bool) error {
	if _, pos, bad := badSequenceCall(q, ansiQuotes); bad {
		return parseErrorNear(q, pos)
	}
	return nil
}

// sequenceSyntaxError is the 1064 error for q when vitess failed to parse rw.text with err:
// MariaDB reports the first place its grammar fails, which is a bad sequence call when that
// comes before the place vitess failed.
func sequenceSyntaxError(q string, rw *rewrite, err error, ansiQuotes bool) error {
	start, pos, bad := badSequenceCall(q, ansiQuotes)
	if !bad {
		return syntaxError(q, rw, err)
	}
	// vitess failing inside the bad call (at NEXT of NEXT VALUE FOR (s), which the pre-pass
	// left alone) is the same error; failing before the call is an earlier one.
	if vpos, ok := syntaxErrorPosition(err); ok {
		if at, ok := failedTokenStart(rw.text, vpos); ok && rw.origPos(at, false) < start {
			return syntaxError(q, rw, err)
		}
	}
	return parseErrorNear(q, pos)
}

// badSequenceCall returns where the first malformed sequence call of q starts and where
// MariaDB's parser fails on it.
func badSequenceCall(q string, ansiQuotes bool) (start, pos int, bad bool) {
	if !containsFold(q, "val") {
		return 0, 0, false
	}
	toks := lexAll(q, ansiQuotes)
	for i := range toks {
		if i > 0 && toks[i-1].isPunct(q, '.') {
			continue // s.nextval (Oracle mode), db.nextval(...): not these calls
		}
		var pos int
		var bad bool
		switch {
		case i+1 < len(toks) && toks[i+1].isPunct(q, '(') && (toks[i].isWord(q, "nextval") || toks[i].isWord(q, "lastval")):
			pos, bad = callArgsError(q, toks, i+2, false)
		case i+1 < len(toks) && toks[i+1].isPunct(q, '(') && toks[i].isWord(q, "setval"):
			pos, bad = callArgsError(q, toks, i+2, true)
		case i+2 < len(toks) && (toks[i].isWord(q, "next") || toks[i].isWord(q, "previous")) &&
			toks[i+1].isWord(q, "value") && toks[i+2].isWord(q, "for"):
			pos, bad = valueForError(q, toks, i+3)
		}
		if bad {
			return toks[i].start, pos, true
		}
	}
	return 0, 0, false
}

// tokenAt returns toks[j], or an end-of-text token past the last one.
func tokenAt(q string, toks []token, j int) (token, bool) {
	if j < len(toks) {
		return toks[j], true
	}
	return token{kind: tokEOF, start: len(q), end: len(q)}, false
}

// failAt is where MariaDB's error text starts when its parser fails on toks[j]: at the token,
// except that it quotes the text after a comma it fails on.
func failAt(q string, toks []token, j int) (int, bool) {
	t, _ := tokenAt(q, toks, j)
	if t.isPunct(q, ',') {
		return t.end, true
	}
	return t.start, true
}

// tableIdent matches MariaDB's table_ident (ident, ident.ident, .ident) at toks[i] and returns
// the index after it; ok is false when toks[i] does not start one.
func tableIdent(q string, toks []token, i int) (int, bool) {
	t, _ := tokenAt(q, toks, i)
	if t.isPunct(q, '.') {
		if n, _ := tokenAt(q, toks, i+1); n.isIdent() {
			return i + 2, true
		}
		return i + 1, false
	}
	if !t.isIdent() {
		return i, false
	}
	if d, _ := tokenAt(q, toks, i+1); d.isPunct(q, '.') {
		if n, _ := tokenAt(q, toks, i+2); n.isIdent() {
			return i + 3, true
		}
		return i + 2, false
	}
	return i + 1, true
}

// valueForError checks the name after NEXT/PREVIOUS VALUE FOR (toks[i]).
func valueForError(q string, toks []token, i int) (int, bool) {
	j, ok := tableIdent(q, toks, i)
	if !ok {
		return failAt(q, toks, j)
	}
	if t, _ := tokenAt(q, toks, j); t.isPunct(q, '.') {
		return failAt(q, toks, j)
	}
	return 0, false
}

// callArgsError checks the arguments of a NEXTVAL/LASTVAL call (setval false) or of a SETVAL
// call from its first argument (toks[i]) and returns where MariaDB's parser would fail.
func callArgsError(q string, toks []token, i int, setval bool) (int, bool) {
	i, ok := tableIdent(q, toks, i)
	if !ok {
		return failAt(q, toks, i)
	}
	if !setval {
		if t, _ := tokenAt(q, toks, i); !t.isPunct(q, ')') {
			return failAt(q, toks, i)
		}
		return 0, false
	}
	at := func(j int) (token, bool) { return tokenAt(q, toks, j) }
	fail := func(j int) (int, bool) { return failAt(q, toks, j) }
	// literal matches the literal grammar starting at toks[j] and returns the tokens it spans.
	literal := func(j int, minus, hex, boolean bool, classes ...numClass) int {
		t, _ := at(j)
		if boolean && (t.isWord(q, "true") || t.isWord(q, "false")) {
			return 1
		}
		n := 0
		sign := t.isPunct(q, '+') || (minus && t.isPunct(q, '-'))
		if sign {
			n = 1
			t, _ = at(j + 1)
		}
		c := classifyNumber(q, t)
		if c == numHex && hex && !sign {
			return n + 1
		}
		for _, ok := range classes {
			if c == ok {
				return n + 1
			}
		}
		return 0
	}
	type argSpec struct {
		minus, hex, boolean bool
		classes             []numClass
	}
	args := []argSpec{
		{minus: true, classes: []numClass{numInt, numLong}},
		{hex: true, boolean: true, classes: []numClass{numInt, numLong, numULongLong, numDecimal, numFloat}},
		{classes: []numClass{numInt, numLong, numULongLong, numDecimal, numFloat}},
	}
	for k, a := range args {
		t, _ := at(i)
		if k > 0 && t.isPunct(q, ')') {
			return 0, false
		}
		if !t.isPunct(q, ',') {
			return fail(i)
		}
		i++
		n := literal(i, a.minus, a.hex, a.boolean, a.classes...)
		if n == 0 {
			// A sign the grammar allows here is shifted, so the failure is at what follows it.
			if t, _ := at(i); t.isPunct(q, '+') || (a.minus && t.isPunct(q, '-')) {
				return fail(i + 1)
			}
			return fail(i)
		}
		if t, _ := at(i); k == 0 && t.isPunct(q, '+') && classifyNumber(q, toks[i+1]) != numInt {
			return fail(i + 1) // '+' is only allowed before NUM here
		}
		i += n
	}
	if t, _ := at(i); !t.isPunct(q, ')') {
		return fail(i)
	}
	return 0, false
}
