package sqlengine

import (
	"context"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
)

// MariaDB's EXECUTE stmt USING takes any expressions, including DEFAULT (the placeholder then
// stands for the default of the column it is assigned to); vitess and GMS take only user
// variables. And GMS runs an EXECUTE from the statement tree it parsed at PREPARE, so nothing
// seqd's parser notes about a statement (the table options of CREATE TABLE, the source of
// CREATE TABLE ... LIKE, ...) reaches a second execution. seqd therefore remembers the text of
// each PREPARE and runs EXECUTE as that text with each ? replaced by the argument's text, parsed
// afresh, as MariaDB re-prepares a statement whose tables changed.

// notePrepare remembers the statement text of PREPARE name FROM 'text' | @var.
func notePrepare(ctx context.Context, stmt ast.Statement) {
	p, ok := stmt.(*ast.Prepare)
	if !ok {
		return
	}
	sctx, ok := ctx.(*sql.Context)
	if !ok {
		return
	}
	sess, err := sessionOf(sctx)
	if err != nil {
		return
	}
	text := p.Expr
	if strings.HasPrefix(text, "@") {
		_, v, err := sctx.GetUserVariable(sctx, strings.TrimPrefix(text, "@"))
		if err != nil {
			return
		}
		text = toString(v)
	}
	if sess.preparedText == nil {
		sess.preparedText = map[string]string{}
	}
	sess.preparedText[strings.ToLower(p.Name)] = text
}

// executeUsing returns the text to run for EXECUTE name [USING args]; ok is false when q is not
// such a statement.
func executeUsing(ctx context.Context, q string) (string, bool, error) {
	if len(q) < 7 || !equalFoldASCII(q[:7], "execute") {
		return "", false, nil
	}
	toks := lexAll(q, false)
	if len(toks) < 2 || !toks[0].isWord(q, "execute") || !toks[1].isIdent() {
		return "", false, nil
	}
	var args [][]token
	switch {
	case len(toks) == 2 || (len(toks) == 3 && toks[2].isPunct(q, ';')):
	case toks[2].isWord(q, "using"):
		args = splitArgs(q, toks[3:])
	default:
		return "", false, nil
	}
	sctx, ok := ctx.(*sql.Context)
	if !ok {
		return "", false, nil
	}
	sess, err := sessionOf(sctx)
	if err != nil {
		return "", false, nil
	}
	name := unquoteName(toks[1].text(q))
	text, known := sess.preparedText[strings.ToLower(name)]
	if _, prepared := sess.GetPreparedQuery(name); !prepared || !known {
		return "", true, mariaErr(sequences.ErrUnknownStmtHandler, name, "EXECUTE")
	}
	var b strings.Builder
	last, n := 0, 0
	for _, t := range lexAll(text, false) {
		if !t.isPunct(text, '?') {
			continue
		}
		if n >= len(args) {
			return "", true, mariaErr(sequences.ErrWrongArguments, "EXECUTE")
		}
		a := args[n]
		b.WriteString(text[last:t.start])
		b.WriteString(q[a[0].start:a[len(a)-1].end])
		last = t.end
		n++
	}
	if n != len(args) {
		return "", true, mariaErr(sequences.ErrWrongArguments, "EXECUTE")
	}
	b.WriteString(text[last:])
	return b.String(), true, nil
}

// splitArgs splits tokens at the commas outside parentheses; empty arguments are dropped.
func splitArgs(q string, toks []token) [][]token {
	var args [][]token
	depth, start := 0, 0
	for i, t := range toks {
		switch {
		case t.isPunct(q, '('):
			depth++
		case t.isPunct(q, ')'):
			depth--
		case t.isPunct(q, ',') && depth == 0:
			if i > start {
				args = append(args, toks[start:i])
			}
			start = i + 1
		case t.isPunct(q, ';') && depth == 0:
			if i > start {
				args = append(args, toks[start:i])
			}
			return args
		}
	}
	if len(toks) > start {
		args = append(args, toks[start:])
	}
	return args
}

// keepPreparedNames names the result columns of an executed statement after the prepared text
// (`?+1`, not the argument substituted for the ?), as MariaDB does.
func (p *Parser) keepPreparedNames(ctx context.Context, stmt ast.Statement, q string, mode parseMode) {
	sel, ok := stmt.(*ast.Select)
	if !ok {
		return
	}
	sctx, ok := ctx.(*sql.Context)
	if !ok {
		return
	}
	sess, err := sessionOf(sctx)
	if err != nil {
		return
	}
	toks := lexAll(q, false)
	if len(toks) < 2 {
		return
	}
	text, ok := sess.preparedText[strings.ToLower(unquoteName(toks[1].text(q)))]
	if !ok || !strings.Contains(text, "?") {
		return
	}
	orig, _, _, err := p.parse(ctx, text, ';', false, mode)
	if err != nil {
		return
	}
	osel, ok := orig.(*ast.Select)
	if !ok || len(osel.SelectExprs) != len(sel.SelectExprs) {
		return
	}
	for i, e := range sel.SelectExprs {
		ae, ok1 := e.(*ast.AliasedExpr)
		oae, ok2 := osel.SelectExprs[i].(*ast.AliasedExpr)
		if ok1 && ok2 && ae.As.IsEmpty() {
			ae.InputExpression = oae.InputExpression
		}
	}
}
