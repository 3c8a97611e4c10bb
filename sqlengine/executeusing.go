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
// variables. seqd remembers the text of each PREPARE and runs an EXECUTE whose arguments are not
// all user variables as that text with each ? replaced by the argument's text.

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

// executeUsing returns the text to run for EXECUTE name USING args when some argument is not a
// user variable; ok is false when q is not such a statement.
func executeUsing(ctx context.Context, q string) (string, bool, error) {
	if len(q) < 7 || !equalFoldASCII(q[:7], "execute") {
		return "", false, nil
	}
	toks := lexAll(q, false)
	if len(toks) < 4 || !toks[0].isWord(q, "execute") || !toks[1].isIdent() || !toks[2].isWord(q, "using") {
		return "", false, nil
	}
	args := splitArgs(q, toks[3:])
	allVars := true
	for _, a := range args {
		if len(a) != 1 || a[0].kind != tokVar || strings.HasPrefix(a[0].text(q), "@@") {
			allVars = false
		}
	}
	if allVars {
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
