package sqlengine

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	ast "github.com/dolthub/vitess/go/vt/sqlparser"
	"github.com/dolthub/vitess/go/vt/vterrors"

	"github.com/seqd/seqd/sequences"
)

// syntaxError turns a vitess parse error for rw.text into MariaDB's 1064 error, whose text
// quotes the statement from the token where parsing failed: "... near 'c from t' at line 1".
func syntaxError(orig string, rw *rewrite, err error) error {
	return syntaxErrorAt(orig, 0, rw, err, 0)
}

// syntaxErrorAt is syntaxError for a statement whose text was prefixed before parsing: a
// position p in rw.text corresponds to p-shift in orig (base is where the parsed part starts).
func syntaxErrorAt(orig string, base int, rw *rewrite, err error, shift int) error {
	position, ok := syntaxErrorPosition(err)
	if !ok {
		return parseErrorNear(orig, len(orig))
	}
	at, ok := failedTokenStart(rw.text, position)
	if !ok {
		return parseErrorNear(orig, len(orig))
	}
	pos := rw.origPos(at, false) - shift
	if pos < base {
		pos = base
	}
	return parseErrorNear(orig, pos)
}

var positionRE = regexp.MustCompile(`syntax error at position (\d+)`)

// syntaxErrorPosition extracts the tokenizer position from a vitess syntax error.
func syntaxErrorPosition(err error) (int, bool) {
	var se vterrors.SyntaxError
	if errors.As(err, &se) {
		return se.Position, true
	}
	m := positionRE.FindStringSubmatch(err.Error())
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	return n, err == nil
}

// failedTokenStart returns where the token vitess failed on starts in text, given the
// tokenizer position vitess reported (one past the end of that token). A failure at the end
// of the text is told apart from a failure at its last token by parsing again with a token
// appended: only a failure at the end moves.
func failedTokenStart(text string, position int) (int, bool) {
	if position >= len(text)+1 && failsAtEnd(text) {
		return len(text), true
	}
	end := position - 1
	l := &lexer{src: text}
	for {
		t := l.next()
		if t.kind == tokEOF {
			return len(text), true
		}
		if t.end >= end {
			return t.start, true
		}
	}
}

func failsAtEnd(text string) bool {
	_, err := ast.Parse(text + " SELECT")
	if err == nil {
		return true
	}
	p, ok := syntaxErrorPosition(err)
	return !ok || p > len(text)+1
}

// parseErrorNear returns MariaDB's 1064 error for a statement that fails at byte pos of stmt.
func parseErrorNear(stmt string, pos int) error {
	if pos > len(stmt) {
		pos = len(stmt)
	}
	line := 1 + strings.Count(stmt[:pos], "\n")
	return sqlErr(sequences.SyntaxError(stmt[pos:], line))
}
