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

// checkSetvalArgs returns MariaDB's 1064 error for the first SETVAL call in q whose arguments
// after the sequence name are not the literals the grammar takes, or nil.
func checkSetvalArgs(q string, ansiQuotes bool) error {
	if !containsFold(q, "setval") {
		return nil
	}
	toks := lexAll(q, ansiQuotes)
	for i := range toks {
		if !toks[i].isWord(q, "setval") || i+1 >= len(toks) || !toks[i+1].isPunct(q, '(') ||
			(i > 0 && toks[i-1].isPunct(q, '.')) {
			continue
		}
		if pos, bad := setvalArgsError(q, toks, i+2); bad {
			return parseErrorNear(q, pos)
		}
	}
	return nil
}

// setvalArgsError checks the tokens of a SETVAL call from its first argument (toks[i]) and
// returns where MariaDB's parser would fail. A call whose sequence name is not a plain name is
// left to the other checks.
func setvalArgsError(q string, toks []token, i int) (int, bool) {
	at := func(j int) (token, bool) {
		if j < len(toks) {
			return toks[j], true
		}
		return token{kind: tokEOF, start: len(q), end: len(q)}, false
	}
	fail := func(j int) (int, bool) {
		t, _ := at(j)
		if t.isPunct(q, ',') {
			return t.end, true // MariaDB quotes the text after a comma it fails on
		}
		return t.start, true
	}
	if t, ok := at(i); !ok || !t.isIdent() {
		return 0, false
	}
	i++
	if t, _ := at(i); t.isPunct(q, '.') {
		if t, ok := at(i + 1); !ok || !t.isIdent() {
			return 0, false
		}
		i += 2
	}
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
