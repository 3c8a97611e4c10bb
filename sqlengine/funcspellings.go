package sqlengine

import (
	ast "github.com/dolthub/vitess/go/vt/sqlparser"
)

// functionSpellings rewrites calls of MariaDB functions whose names vitess reads as keywords:
//
//	INTERVAL(n, n1, ...)      -> `interval`(n, n1, ...)
//	LAST_VALUE(e1, e2, ...)   -> seqd_last_value(e1, e2, ...)   (not followed by OVER)
//
// INTERVAL is rewritten only with more than one argument (INTERVAL (x) DAY is an interval), and
// LAST_VALUE only without OVER (LAST_VALUE(x) OVER (...) is the window function GMS has). Both
// functions live in the functions package.
func (r *rewrite) functionSpellings() {
	if !containsFold(r.text, "interval") && !containsFold(r.text, "last_value") {
		return
	}
	toks := lexAll(r.text, false)
	// Edits are applied from the end so that earlier token positions stay valid.
	for i := len(toks) - 2; i >= 0; i-- {
		t := toks[i]
		if !toks[i+1].isPunct(r.text, '(') {
			continue
		}
		isInterval, isLast := t.isWord(r.text, "interval"), t.isWord(r.text, "last_value")
		if (!isInterval && !isLast) || (i > 0 && namesObject(r.text, toks[i-1])) {
			continue
		}
		closing, commas := matchingParen(r.text, toks, i+1)
		if closing < 0 || (isInterval && commas == 0) {
			continue
		}
		if isLast && closing+1 < len(toks) && toks[closing+1].isWord(r.text, "over") {
			continue
		}
		name := "`interval`"
		if isLast {
			name = "seqd_last_value"
		}
		r.replaceAt(t.start, t.end, name)
	}
}

// replaceAt replaces [from, to) of the rewritten text with s, recording the edit in order, so
// that the replaced text maps back to the original name (result column names keep it).
func (r *rewrite) replaceAt(from, to int, s string) {
	e := edit{origStart: r.origPos(from, false), origEnd: r.origPos(to, true), newStart: from, newEnd: from + len(s)}
	edits := shiftEdits(r.edits, to, len(s)-(to-from))
	i := 0
	for i < len(edits) && edits[i].newStart < from {
		i++
	}
	r.edits = append(edits[:i:i], append([]edit{e}, edits[i:]...)...)
	r.text = r.text[:from] + s + r.text[to:]
}

// objectWords are the words after which a name followed by "(" names a table or routine, not
// a function call: CREATE TABLE last_value (a int), CALL last_value(1), db.last_value(1).
var objectWords = []string{"table", "into", "from", "join", "update", "exists", "view", "procedure",
	"function", "call", "references", "trigger"}

// namesObject reports whether prev, the token before a name, makes the name an object's.
func namesObject(src string, prev token) bool {
	if prev.isPunct(src, '.') {
		return true
	}
	for _, w := range objectWords {
		if prev.isWord(src, w) {
			return true
		}
	}
	return false
}

// matchingParen returns the index of the token closing the parenthesis at toks[open] and the
// number of commas directly inside it; -1 when it is not closed.
func matchingParen(src string, toks []token, open int) (closing, commas int) {
	depth := 0
	for j := open; j < len(toks); j++ {
		switch {
		case toks[j].isPunct(src, '('):
			depth++
		case toks[j].isPunct(src, ')'):
			depth--
			if depth == 0 {
				return j, commas
			}
		case depth == 1 && toks[j].isPunct(src, ','):
			commas++
		}
	}
	return -1, commas
}

// keepSubStatement gives a rewritten CREATE VIEW or CREATE TRIGGER its body as text: vitess
// computed the body's position on the rewritten text, while GMS cuts it out of the statement
// it was handed, which is the original when it reads a stored view.
func keepSubStatement(stmt ast.Statement, rw *rewrite) {
	ddl, ok := stmt.(*ast.DDL)
	if !ok || len(rw.edits) == 0 || ddl.SubStatementStr != "" {
		return
	}
	start, end := ddl.SubStatementPositionStart, ddl.SubStatementPositionEnd
	if 0 <= start && start < end && end <= len(rw.text) {
		ddl.SubStatementStr = rw.text[start:end]
	}
}
