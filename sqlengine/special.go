package sqlengine

import (
	"context"

	ast "github.com/dolthub/vitess/go/vt/sqlparser"
)

// parseSpecial parses the statements vitess has no grammar for: MariaDB's sequence DDL and DO.
// It reports ok=false for any other statement. n is the length of the statement's text in s,
// including its terminating ';' if any.
func parseSpecial(ctx context.Context, s string, multi bool, mode parseMode) (stmt ast.Statement, n int, ok bool, err error) {
	l := &lexer{src: s, ansiQuotes: mode.opts.AnsiQuotes}
	first := l.next()
	if first.kind != tokWord {
		return nil, 0, false, nil
	}
	switch {
	case first.isWord(s, "do"):
		end := statementEnd(s, mode)
		stmt, err := parseDo(ctx, s[:end.stmtEnd], first.end, mode)
		return stmt, end.next, true, err
	case isAdminStatementWord(s, first):
		return parseAdminSpecial(s, first, mode)
	case first.isWord(s, "call"):
		return parseRoutineDDL(ctx, s, multi, mode)
	case first.isWord(s, "create"), first.isWord(s, "alter"), first.isWord(s, "drop"), first.isWord(s, "show"):
		if stmt, n, ok, err := parseRoutineDDL(ctx, s, multi, mode); ok {
			return stmt, n, true, err
		}
		if stmt, n, ok, err := parseViewDDL(ctx, s, mode); ok {
			return stmt, n, true, err
		}
		if !mentionsSequence(s, l) {
			return nil, 0, false, nil
		}
		end := statementEnd(s, mode)
		stmt, isSeq, err := parseSequenceDDL(s[:end.stmtEnd], mode)
		if !isSeq {
			return nil, 0, false, nil
		}
		return stmt, end.next, true, err
	}
	return nil, 0, false, nil
}

// mentionsSequence reports whether one of the next few words is SEQUENCE, which every
// sequence DDL statement has within its first four words.
func mentionsSequence(s string, l *lexer) bool {
	for i := 0; i < 4; i++ {
		t := l.next()
		if t.kind == tokEOF {
			return false
		}
		if t.isWord(s, "sequence") {
			return true
		}
	}
	return false
}

type stmtBounds struct {
	stmtEnd int // end of the statement text, before ';'
	next    int // start of the next statement
}

// statementEnd finds the first top-level ';' of s.
func statementEnd(s string, mode parseMode) stmtBounds {
	l := &lexer{src: s, ansiQuotes: mode.opts.AnsiQuotes}
	for {
		t := l.next()
		switch {
		case t.kind == tokEOF:
			return stmtBounds{stmtEnd: len(s), next: len(s)}
		case t.isPunct(s, ';'):
			return stmtBounds{stmtEnd: t.start, next: t.end}
		}
	}
}

// parseDo parses DO expr [, expr ...]: the expressions are parsed as a SELECT list and become the
// children of an injected DO statement, which evaluates them and discards the results.
func parseDo(ctx context.Context, stmt string, exprStart int, mode parseMode) (ast.Statement, error) {
	if err := checkSequenceCalls(stmt, mode.opts.AnsiQuotes); err != nil {
		return nil, err
	}
	sel := "SELECT " + stmt[exprStart:]
	rw := prepass(sel, mode.oracle, mode.opts.AnsiQuotes)
	parsed, err := ast.ParseWithOptions(ctx, rw.text, mode.opts)
	if err != nil {
		return nil, syntaxErrorAt(stmt, exprStart, rw, err, len("SELECT ")-exprStart)
	}
	if err := patchAST(parsed, rw, false); err != nil {
		return nil, err
	}
	s, ok := parsed.(*ast.Select)
	if !ok || len(s.From) > 1 || s.Where != nil {
		return nil, parseErrorNear(stmt, exprStart)
	}
	var exprs ast.Exprs
	for _, se := range s.SelectExprs {
		ae, ok := se.(*ast.AliasedExpr)
		if !ok {
			return nil, parseErrorNear(stmt, exprStart)
		}
		exprs = append(exprs, ae.Expr)
	}
	return statement("DO", exprs, doStatement), nil
}
