package sqlengine

import (
	ast "github.com/dolthub/vitess/go/vt/sqlparser"
)

// In MariaDB a scope keyword in SET (GLOBAL, SESSION, LOCAL) also applies to the variables that
// follow it without a scope of their own: SET GLOBAL a=1, b=2 sets both globally. vitess gives
// b no scope (session). fixSetScopes restores MariaDB's reading from the statement's text.
func fixSetScopes(stmt ast.Statement, text string) {
	set, ok := stmt.(*ast.Set)
	if !ok || len(set.Exprs) < 2 {
		return
	}
	scopes := setItemScopes(text)
	if len(scopes) != len(set.Exprs) {
		return
	}
	for i, e := range set.Exprs {
		if e.Scope == ast.SetScope_None && scopes[i] != ast.SetScope_None {
			e.Scope = scopes[i]
		}
	}
}

// setItemScopes returns, for each top-level item of a SET statement, the scope named by the last
// scope keyword before it (in it or in an earlier item), or none.
func setItemScopes(text string) []ast.SetScope {
	l := &lexer{src: text}
	if t := l.next(); !t.isWord(text, "set") {
		return nil
	}
	var out []ast.SetScope
	current := ast.SetScope_None
	itemStart, depth := true, 0
	for t := l.next(); t.kind != tokEOF; t = l.next() {
		switch {
		case itemStart && (t.isWord(text, "global")):
			current = ast.SetScope_Global
			continue
		case itemStart && (t.isWord(text, "session") || t.isWord(text, "local")):
			current = ast.SetScope_Session
			continue
		case t.isPunct(text, '('):
			depth++
		case t.isPunct(text, ')'):
			depth--
		case t.isPunct(text, ',') && depth == 0:
			itemStart = true
			continue
		}
		if itemStart {
			out = append(out, current)
			itemStart = false
		}
	}
	return out
}
