package sqlengine

import (
	ast "github.com/dolthub/vitess/go/vt/sqlparser"
)

// parseAdmin parses the maintenance statements, text being the statement without its ';':
//
//	CHECK {TABLE|TABLES} t [, t ...] [FOR UPGRADE | QUICK | FAST | MEDIUM | EXTENDED | CHANGED] ...
//	REPAIR [NO_WRITE_TO_BINLOG|LOCAL] {TABLE|TABLES} t [, t ...] [QUICK | EXTENDED | USE_FRM | FORCE] ...
//	OPTIMIZE [NO_WRITE_TO_BINLOG|LOCAL] {TABLE|TABLES} t [, t ...] [WAIT n | NOWAIT]
//	ANALYZE [NO_WRITE_TO_BINLOG|LOCAL] {TABLE|TABLES} t [, t ...]
//	        [PERSISTENT FOR {ALL | COLUMNS ([c, ...]) INDEXES ([i, ...])}]
//
// ok is false when the text is not one of them (CHECK VIEW, ANALYZE SELECT, ...): the caller
// hands it on.
func parseAdmin(text string, mode parseMode) (stmt ast.Statement, ok bool, err error) {
	st, ok, err := parseAdminSpec(text, mode)
	if !ok || err != nil {
		return nil, ok, err
	}
	return adminStatement(st), true, nil
}

// parseAdminSpec is parseAdmin without wrapping the result for the AST.
func parseAdminSpec(text string, mode parseMode) (*adminStmt, bool, error) {
	p := &xaParser{src: text, l: &lexer{src: text, ansiQuotes: mode.opts.AnsiQuotes}}
	verb := p.advance()
	st := &adminStmt{}
	switch {
	case verb.isWord(text, "check"):
		st.op = opCheck
	case verb.isWord(text, "repair"):
		st.op = opRepair
	case verb.isWord(text, "optimize"):
		st.op = opOptimize
	case verb.isWord(text, "analyze"):
		st.op = opAnalyze
	default:
		return nil, false, nil
	}
	if st.op != opCheck && !p.optionalWord("no_write_to_binlog") {
		p.optionalWord("local")
	}
	if !p.optionalWord("table") && !p.optionalWord("tables") {
		return nil, false, nil
	}
	for {
		t, err := p.adminTarget()
		if err != nil {
			return nil, true, err
		}
		st.tables = append(st.tables, t)
		if !p.look().isPunct(text, ',') {
			break
		}
		p.advance()
	}
	if err := p.adminOptions(st); err != nil {
		return nil, true, err
	}
	return st, true, nil
}

// adminTarget parses [db.]name.
func (p *xaParser) adminTarget() (adminTarget, error) {
	t := p.advance()
	if !t.isIdent() {
		return adminTarget{}, p.errorAt(t)
	}
	name := identText(p.src, t)
	if !p.look().isPunct(p.src, '.') {
		return adminTarget{name: name}, nil
	}
	p.advance()
	t2 := p.advance()
	if !t2.isIdent() {
		return adminTarget{}, p.errorAt(t2)
	}
	return adminTarget{db: name, name: identText(p.src, t2)}, nil
}

// adminOptions parses the options after the table list, up to the end of the statement.
func (p *xaParser) adminOptions(st *adminStmt) error {
	for {
		t := p.look()
		if t.kind == tokEOF {
			return nil
		}
		if !p.adminOption(st, t) {
			return p.errorAt(t)
		}
	}
}

// adminOption consumes one option of st's statement starting at t, reporting false when t
// starts none.
func (p *xaParser) adminOption(st *adminStmt, t token) bool {
	word := func(ws ...string) bool {
		for _, w := range ws {
			if t.isWord(p.src, w) {
				p.advance()
				return true
			}
		}
		return false
	}
	switch st.op {
	case opCheck:
		if word("fast", "changed") {
			st.changedOnly = true
			return true
		}
		if word("for") {
			return p.optionalWord("upgrade")
		}
		return word("quick", "medium", "extended")
	case opRepair:
		if word("use_frm") {
			st.useFrm = true
			return true
		}
		return word("quick", "extended", "force")
	case opOptimize:
		if word("wait") {
			return p.advance().kind == tokNumber
		}
		return word("nowait")
	case opAnalyze:
		if !word("persistent") || !p.optionalWord("for") {
			return false
		}
		st.persistent = true
		if p.optionalWord("all") {
			return true
		}
		return p.optionalWord("columns") && p.skipParenList() && p.optionalWord("indexes") && p.skipParenList()
	}
	return false
}

// skipParenList consumes ( [name [, name ...]] ).
func (p *xaParser) skipParenList() bool {
	if !p.advance().isPunct(p.src, '(') {
		return false
	}
	for {
		t := p.advance()
		switch {
		case t.isPunct(p.src, ')'):
			return true
		case t.kind == tokEOF:
			return false
		}
	}
}

// isAdminStatementWord reports whether t, a statement's first word, may start a statement
// parseAdminSpecial parses.
func isAdminStatementWord(s string, t token) bool {
	return t.isWord(s, "check") || t.isWord(s, "repair") || t.isWord(s, "optimize") ||
		t.isWord(s, "analyze") || t.isWord(s, "xa")
}

// parseAdminSpecial is parseSpecial's part for the maintenance and XA statements (first is
// the statement's first word, s the text from the statement on).
func parseAdminSpecial(s string, first token, mode parseMode) (ast.Statement, int, bool, error) {
	end := statementEnd(s, mode)
	text := s[:end.stmtEnd]
	if first.isWord(s, "xa") {
		stmt, err := parseXA(text, mode)
		return stmt, end.next, true, err
	}
	stmt, ok, err := parseAdmin(text, mode)
	if !ok {
		return nil, 0, false, nil
	}
	return stmt, end.next, true, err
}
