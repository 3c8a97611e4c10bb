package sqlengine

import (
	"strings"
)

// The pre-pass rewrites MariaDB's sequence value syntax into function calls vitess can parse:
//
//	NEXT VALUE FOR s      -> nextval(s)
//	PREVIOUS VALUE FOR s  -> lastval(s)
//	s.nextval, s.currval  -> nextval(s), lastval(s)   (sql_mode=ORACLE only; also db.s.x and .s.x)
//
// It keeps a list of edits so that positions in the rewritten text can be mapped back to the
// original, which is how result columns keep the names the user typed.

// edit replaces src[origStart:origEnd] with text that occupies [newStart, newEnd) of the output.
type edit struct {
	origStart, origEnd int
	newStart, newEnd   int
}

// rewrite is the result of the pre-pass.
type rewrite struct {
	orig, text string
	edits      []edit // in increasing order
}

// origPos maps a position in the rewritten text to the original text. A position inside a
// replacement maps to the start (or, for ends, the end) of what it replaced.
func (r *rewrite) origPos(p int, isEnd bool) int {
	delta := 0
	for _, e := range r.edits {
		if p < e.newStart {
			break
		}
		if p < e.newEnd || (isEnd && p == e.newEnd) {
			if isEnd {
				return e.origEnd
			}
			return e.origStart
		}
		delta = e.origEnd - e.newEnd
	}
	return p + delta
}

// touches reports whether [start, end) of the rewritten text overlaps an edit.
func (r *rewrite) touches(start, end int) bool {
	for _, e := range r.edits {
		if e.newStart < end && start < e.newEnd {
			return true
		}
	}
	return false
}

// mightNeedRewrite is a cheap filter: every construct the pre-pass rewrites contains "value for"
// (any spacing) or, under sql_mode=ORACLE, "nextval" or "currval".
func mightNeedRewrite(q string, oracle bool) bool {
	if containsFold(q, "value") || containsFold(q, "default") || (containsFold(q, "table") && containsFold(q, "as")) {
		return true
	}
	return oracle && (containsFold(q, "nextval") || containsFold(q, "currval"))
}

// containsFold reports whether s contains the lower-case ASCII word sub, ignoring case.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if lowerASCII(s[i]) == sub[0] && equalFoldASCII(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// prepass rewrites q. oracle enables s.nextval/s.currval; ansiQuotes makes "x" an identifier.
// It also renames the function calls vitess cannot parse (functionSpellings).
func prepass(q string, oracle, ansiQuotes bool) *rewrite {
	r := sequenceSyntax(q, oracle, ansiQuotes)
	r.functionSpellings()
	return r
}

// sequenceSyntax rewrites the sequence value syntax of q.
func sequenceSyntax(q string, oracle, ansiQuotes bool) *rewrite {
	r := &rewrite{orig: q, text: q}
	if !mightNeedRewrite(q, oracle) {
		return r
	}
	toks := lexAll(q, ansiQuotes)
	var b strings.Builder
	last := 0
	for i := 0; i < len(toks); {
		repl, n := matchSequenceSyntax(q, toks, i, oracle)
		if j, ok := generatedAsOpen(q, toks, i); ok {
			repl, n = "("+prepass(q[toks[i].start:toks[j].end], oracle, ansiQuotes).text+")", j-i+1
			if j+1 < len(toks) && toks[j+1].isWord(q, "persistent") {
				repl, n = repl+" STORED", n+1 // MariaDB's synonym
			}
		}
		if n == 0 {
			i++
			continue
		}
		start, end := toks[i].start, toks[i+n-1].end
		b.WriteString(q[last:start])
		newStart := b.Len()
		b.WriteString(repl)
		r.edits = append(r.edits, edit{origStart: start, origEnd: end, newStart: newStart, newEnd: b.Len()})
		last = end
		i += n
	}
	if len(r.edits) == 0 {
		return r
	}
	b.WriteString(q[last:])
	r.text = b.String()
	return r
}

func lexAll(q string, ansiQuotes bool) []token {
	l := &lexer{src: q, ansiQuotes: ansiQuotes}
	var toks []token
	for {
		t := l.next()
		if t.kind == tokEOF {
			return toks
		}
		toks = append(toks, t)
	}
}

// matchSequenceSyntax matches a rewritable construct at toks[i] and returns its replacement and
// the number of tokens it spans (0 when nothing matches).
func matchSequenceSyntax(q string, toks []token, i int, oracle bool) (string, int) {
	if fn, n := matchValueFor(q, toks, i); n > 0 {
		return fn, n
	}
	if fn, n := matchDefaultFunc(q, toks, i); n > 0 {
		return fn, n
	}
	if oracle {
		return matchOracleDot(q, toks, i)
	}
	return "", 0
}

// matchValueFor matches NEXT VALUE FOR name and PREVIOUS VALUE FOR name.
func matchValueFor(q string, toks []token, i int) (string, int) {
	if i+3 >= len(toks) || !toks[i+1].isWord(q, "value") || !toks[i+2].isWord(q, "for") {
		return "", 0
	}
	var fn string
	switch {
	case toks[i].isWord(q, "next"):
		fn = "nextval"
	case toks[i].isWord(q, "previous"):
		fn = "lastval"
	default:
		return "", 0
	}
	name, n := qualifiedName(q, toks, i+3)
	if n == 0 {
		return "", 0
	}
	return fn + "(" + name + ")", 3 + n
}

// qualifiedName matches ident or ident.ident at toks[i].
func qualifiedName(q string, toks []token, i int) (string, int) {
	if i >= len(toks) || !toks[i].isIdent() {
		return "", 0
	}
	if i+2 < len(toks) && toks[i+1].isPunct(q, '.') && toks[i+1].start == toks[i].end &&
		toks[i+2].isIdent() && toks[i+2].start == toks[i+1].end {
		return q[toks[i].start:toks[i+2].end], 3
	}
	return toks[i].text(q), 1
}

// matchOracleDot matches [.]s.nextval, [.]s.currval and db.s.nextval/currval.
func matchOracleDot(q string, toks []token, i int) (string, int) {
	j := i
	lead := false
	if toks[j].isPunct(q, '.') && (i == 0 || !toks[i-1].isIdent() || toks[i-1].end != toks[j].start) {
		lead = true
		j++
	} else if i > 0 && toks[i-1].isPunct(q, '.') && toks[i-1].end == toks[i].start {
		return "", 0 // the middle of a longer dotted name
	}
	var parts []token
	for j < len(toks) && toks[j].isIdent() {
		parts = append(parts, toks[j])
		if j+1 < len(toks) && toks[j+1].isPunct(q, '.') && toks[j+1].start == toks[j].end && j+2 < len(toks) && toks[j+2].start == toks[j+1].end {
			j += 2
			continue
		}
		j++
		break
	}
	if len(parts) < 2 || len(parts) > 3 || (lead && len(parts) != 2) {
		return "", 0
	}
	last := parts[len(parts)-1]
	var fn string
	switch {
	case last.isWord(q, "nextval"):
		fn = "nextval"
	case last.isWord(q, "currval"):
		fn = "lastval"
	default:
		return "", 0
	}
	name := q[parts[0].start:parts[len(parts)-2].end]
	return fn + "(" + name + ")", j - i
}

// statementSpellings rewrites MariaDB spellings vitess does not parse: LOCK TABLE into
// LOCK TABLES, DROP [TEMPORARY] TABLES into DROP [TEMPORARY] TABLE.
func (r *rewrite) statementSpellings() {
	l := &lexer{src: r.text}
	first, second := l.next(), l.next()
	switch {
	case first.isWord(r.text, "lock") && second.isWord(r.text, "table"):
		r.insertAt(second.end, "S")
	case first.isWord(r.text, "drop") && second.isWord(r.text, "tables"):
		r.deleteAt(second.end-1, second.end)
	case first.isWord(r.text, "show") && second.isWord(r.text, "package"):
		// SHOW PACKAGE [BODY] STATUS (mariadb-dump --routines asks): seqd has no packages, so
		// it is SHOW PROCEDURE STATUS, which has the same columns, with no rows.
		t := l.next()
		if t.isWord(r.text, "body") {
			t = l.next()
		}
		if !t.isWord(r.text, "status") {
			return
		}
		end, repl := t.end, "PROCEDURE STATUS WHERE 1 = 0"
		switch next := l.next(); {
		case next.isWord(r.text, "like"):
			end, repl = next.end, repl+" AND Name LIKE"
		case next.isWord(r.text, "where"):
			end, repl = next.end, repl+" AND"
		}
		r.deleteAt(second.start, end)
		r.insertAt(second.start, repl)
	case first.isWord(r.text, "drop") && second.isWord(r.text, "temporary"):
		if third := l.next(); third.isWord(r.text, "tables") {
			r.deleteAt(third.end-1, third.end)
		}
	}
}

// insertAt inserts s at position pos of the rewritten text, recording the edit.
func (r *rewrite) insertAt(pos int, s string) {
	orig := r.origPos(pos, true)
	r.edits = append([]edit{{origStart: orig, origEnd: orig, newStart: pos, newEnd: pos + len(s)}}, shiftEdits(r.edits, pos, len(s))...)
	r.text = r.text[:pos] + s + r.text[pos:]
}

// deleteAt removes [from, to) of the rewritten text, recording the edit.
func (r *rewrite) deleteAt(from, to int) {
	o1, o2 := r.origPos(from, false), r.origPos(to, true)
	r.edits = append([]edit{{origStart: o1, origEnd: o2, newStart: from, newEnd: from}}, shiftEdits(r.edits, to, from-to)...)
	r.text = r.text[:from] + r.text[to:]
}

// shiftEdits moves the new-text positions of edits at or after pos by delta.
func shiftEdits(edits []edit, pos, delta int) []edit {
	out := make([]edit, len(edits))
	for i, e := range edits {
		if e.newStart >= pos {
			e.newStart += delta
			e.newEnd += delta
		}
		out[i] = e
	}
	return out
}

// nationalStrings rewrites MariaDB's national string literals N'...' as '...', which vitess
// reads as the column n aliased '...'.
func (r *rewrite) nationalStrings() {
	if !strings.ContainsAny(r.text, "nN") || !strings.Contains(r.text, "'") {
		return
	}
	toks := lexAll(r.text, false)
	for i := len(toks) - 2; i >= 0; i-- {
		t, next := toks[i], toks[i+1]
		if (t.isWord(r.text, "n")) && next.kind == tokString && next.start == t.end && r.text[next.start] == '\'' {
			r.deleteAt(t.start, t.end)
		}
	}
}
