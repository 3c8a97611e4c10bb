package sqlengine

import (
	"context"
	"errors"

	"github.com/dolthub/go-mysql-server/sql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"
)

// Parser is seqd's sql.Parser: MariaDB's sequence syntax on top of vitess.
//
// Statements vitess has no grammar for (sequence DDL, DO, ...) are parsed by seqd and returned as
// ast.InjectedStatement. Everything else is pre-passed (see prepass.go), parsed by vitess, and
// patched: the name argument of nextval/lastval/setval becomes an injected sequence reference, and
// result column names are restored to the text the user typed.
type Parser struct{}

var _ sql.Parser = (*Parser)(nil)

func newParser() *Parser { return &Parser{} }

// parseMode is what parsing needs from the session's sql_mode.
type parseMode struct {
	opts   ast.ParserOptions
	oracle bool
	// columnDefault is set when GMS parses a stored column default (ParseSimple): its sequence
	// functions name the base sequence (functions.Ref.Base).
	columnDefault bool
}

func modeOf(ctx *sql.Context) parseMode {
	m := sql.LoadSqlMode(ctx)
	return parseMode{opts: m.ParserOptions(), oracle: m.ModeEnabled("ORACLE")}
}

// ParseSimple implements sql.Parser. GMS uses it for column defaults ("SELECT <default>").
func (p *Parser) ParseSimple(query string) (ast.Statement, error) {
	stmt, _, _, err := p.parse(context.Background(), query, ';', false, parseMode{columnDefault: true})
	return stmt, err
}

// Parse implements sql.Parser. On an error the parsed text is "": GMS's handler ignores the
// error of this parse and runs the text it returns, parsing it again, so a rewritten text would
// fail with an error that quotes the rewritten statement (NEXT VALUE FOR s as nextval(s)).
func (p *Parser) Parse(ctx *sql.Context, query string, multi bool) (ast.Statement, string, string, error) {
	stmt, parsed, remainder, err := p.parse(ctx, query, ';', multi, modeOf(ctx))
	if err != nil {
		parsed = ""
	}
	return stmt, parsed, remainder, err
}

// ParseWithOptions implements sql.Parser.
func (p *Parser) ParseWithOptions(ctx context.Context, query string, delim rune, multi bool, opts ast.ParserOptions) (ast.Statement, string, string, error) {
	mode := parseMode{opts: opts}
	if sctx, ok := ctx.(*sql.Context); ok {
		mode.oracle = sql.LoadSqlMode(sctx).ModeEnabled("ORACLE")
	}
	return p.parse(ctx, query, delim, multi, mode)
}

// ParseOneWithOptions implements sql.Parser.
func (p *Parser) ParseOneWithOptions(ctx context.Context, query string, opts ast.ParserOptions) (ast.Statement, int, error) {
	mode := parseMode{opts: opts}
	if sctx, ok := ctx.(*sql.Context); ok {
		mode.oracle = sql.LoadSqlMode(sctx).ModeEnabled("ORACLE")
	}
	stmt, parsed, remainder, err := p.parse(ctx, query, ';', true, mode)
	if err != nil {
		return nil, 0, err
	}
	_ = parsed
	return stmt, len(query) - len(remainder), nil
}

// parse parses the first statement of query (all of it unless multi) and returns it with the
// text it was parsed from and, if multi, the remaining text.
func (p *Parser) parse(ctx context.Context, query string, delim rune, multi bool, mode parseMode) (ast.Statement, string, string, error) {
	s := sql.RemoveSpaceAndDelimiter(query, delim)
	if u := unwrapExecutableComments(s); u != s {
		s = sql.RemoveSpaceAndDelimiter(u, delim)
	}
	if stmt, n, ok, err := parseSpecial(ctx, s, multi, mode); ok {
		if err != nil {
			return nil, "", "", err
		}
		parsed, remainder := s, ""
		if multi {
			parsed, remainder = sql.RemoveSpaceAndDelimiter(s[:n], delim), s[n:]
		}
		return stmt, parsed, remainder, nil
	}
	if text, ok, err := executeUsing(ctx, s); ok {
		if err != nil {
			return nil, "", "", err
		}
		end := statementEnd(s, mode)
		stmt, _, _, err := p.parse(ctx, text, delim, false, mode)
		if err == nil {
			p.keepPreparedNames(ctx, stmt, s, mode)
		}
		remainder := ""
		if multi {
			remainder = s[end.next:]
		}
		return stmt, s[:end.stmtEnd], remainder, err
	}
	if g, pw, ok := grantPasswords(s); ok {
		s = g
		if sctx, isSQL := ctx.(*sql.Context); isSQL {
			if sess, err := sessionOf(sctx); err == nil {
				sess.grantPasswords = pw
			}
		}
	}
	rw := prepass(s, mode.oracle, mode.opts.AnsiQuotes)
	rw.statementSpellings()
	rw.nationalStrings()
	orReplace := rw.orReplaceTable()
	selectOpts := rw.optionsBeforeSelect()
	rw.asBeforeSetOp()
	rw.sequenceOptionDefault()
	if st, ok := selfRenameStatement(rw.text); ok {
		return st, s, "", nil
	}
	if at, ok := parseAlterTable(rw.text, mode); ok {
		if sctx, isSQL := ctx.(*sql.Context); isSQL && (at.handlesItems() || targetsSequence(sctx, at)) {
			end := statementEnd(rw.text, mode)
			at.text = rw.text[:end.stmtEnd]
			err := notBaseTable(sctx, ast.TableName{Name: ast.NewTableIdent(at.name), DbQualifier: ast.NewTableIdent(at.db)})
			var stmt ast.Statement
			if err == nil {
				stmt, err = alterTableStatement(sctx, at, mode)
			}
			remainder := ""
			if multi {
				remainder = s[rw.origPos(end.next, false):]
			}
			return stmt, at.text, remainder, err
		}
	}
	var stmt ast.Statement
	var err error
	// GMS cuts sub-statements (view bodies, trigger bodies) out of the text it gets back with
	// positions vitess computed on the rewritten text, so a rewritten statement is returned as
	// rewritten; result column names are restored separately (restoreInputExpression).
	parsed, remainder := rw.text, ""
	if multi {
		var ri int
		stmt, ri, err = ast.ParseOneWithOptions(ctx, rw.text, mode.opts)
		if err == nil && ri != 0 && ri < len(rw.text) {
			parsed = sql.RemoveSpaceAndDelimiter(rw.text[:ri], delim)
			remainder = s[rw.origPos(ri, false):]
		}
	} else {
		stmt, err = ast.ParseWithOptions(ctx, rw.text, mode.opts)
	}
	if err != nil && len(rw.edits) == 0 {
		if st, p, r, ok := reparseAlter(ctx, rw.text, delim, multi, mode); ok {
			stmt, parsed, remainder, err = st, p, r, nil
		}
	}
	if err != nil {
		if errors.Is(err, ast.ErrEmpty) {
			return nil, parsed, remainder, ast.ErrEmpty
		}
		return nil, parsed, remainder, sequenceSyntaxError(s, rw, err, mode.opts.AnsiQuotes)
	}
	if err := checkSequenceCalls(s[:len(s)-len(remainder)], mode.opts.AnsiQuotes); err != nil {
		return nil, parsed, remainder, err
	}
	if nv, ok := nextValuesStatement(stmt); ok {
		return nv, parsed, remainder, nil
	}
	if st, ok := showCreateTriggerStatement(stmt); ok {
		return st, parsed, remainder, nil
	}
	if fl, ok := flushTablesStatement(stmt); ok {
		return fl, parsed, remainder, nil
	}
	if rl, ok := readLockStatement(stmt); ok {
		return rl, parsed, remainder, nil
	}
	if ex, ok := explainStatement(stmt, s[:len(s)-len(remainder)]); ok {
		return ex, parsed, remainder, nil
	}
	notePrepare(ctx, stmt)
	if err := checkDDLSequenceFunctions(stmt); err != nil {
		return nil, parsed, remainder, err
	}
	fixSetScopes(stmt, parsed)
	noteCreate(ctx, stmt, orReplace)
	if err := checkCreateLikeItself(ctx, stmt); err != nil {
		return nil, parsed, remainder, err
	}
	rewriteForeignKeys(ctx, stmt)
	keepSubStatement(stmt, rw)
	noteSelectOptions(ctx, stmt, selectOpts)
	if err := noteColumnAttributes(ctx, stmt, rw.text); err != nil {
		return nil, parsed, remainder, err
	}
	if stmt, err = prepareStatement(ctx, stmt); err != nil {
		return nil, parsed, remainder, err
	}
	if err := checkExpressionRefs(stmt); err != nil {
		return nil, parsed, remainder, err
	}
	if sctx, ok := ctx.(*sql.Context); ok {
		if err := checkViewTargets(sctx, stmt); err != nil {
			return nil, parsed, remainder, err
		}
		if err := checkDropAllColumns(sctx, stmt); err != nil {
			return nil, parsed, remainder, err
		}
	}
	if err := patchDefaultFuncs(ctx, stmt, rw.text); err != nil {
		return nil, parsed, remainder, err
	}
	if err := patchUpdateDefaults(ctx, stmt); err != nil {
		return nil, parsed, remainder, err
	}
	if err := patchAST(stmt, rw, mode.columnDefault); err != nil {
		return nil, parsed, remainder, err
	}
	if err := foldUnsigned(stmt); err != nil {
		return nil, parsed, remainder, err
	}
	trimInputExpressions(stmt)
	noteInsertColumns(ctx, stmt)
	nameViewColumns(ctx, stmt)
	if err := checkSequenceRefs(ctx, stmt, parsed, mode.opts.AnsiQuotes); err != nil {
		return nil, parsed, remainder, err
	}
	if err := openDefaultSequences(ctx, stmt, rw.text); err != nil {
		return nil, parsed, remainder, err
	}
	// MariaDB opens the tables (the statement's sequences, then the column defaults'
	// sequences: 1146) before it counts a row's values (1136).
	if err := checkInsertValues(ctx, stmt); err != nil {
		return nil, parsed, remainder, err
	}
	injectArithmetic(stmt)
	return stmt, parsed, remainder, nil
}
