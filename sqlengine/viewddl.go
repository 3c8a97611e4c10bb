package sqlengine

import (
	"context"
	"reflect"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/planbuilder"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// CREATE [OR REPLACE] [view options] VIEW [IF NOT EXISTS], ALTER [view options] VIEW and
// SHOW CREATE VIEW as MariaDB runs them. vitess has no ALTER VIEW and GMS resolves a view's
// names in the session's database, so seqd parses these statements itself: the view options
// here, the rest with vitess as a CREATE VIEW.

// viewSpec is a parsed CREATE or ALTER VIEW.
type viewSpec struct {
	alter, orReplace, ifNotExists bool
	algorithm, definer, security  string // as written, "" if not given
	name                          ast.TableName
	columns                       []string
	check                         string // "", CASCADED or LOCAL
	sel                           ast.SelectStatement
}

// parseViewDDL parses CREATE/ALTER VIEW and SHOW CREATE VIEW; ok is false for any other
// statement. n is the length of the statement's text in s, including its ';' if any.
func parseViewDDL(ctx context.Context, s string, mode parseMode) (stmt ast.Statement, n int, ok bool, err error) {
	if strings.HasPrefix(s, viewMarker) {
		return nil, 0, false, nil
	}
	l := &lexer{src: s, ansiQuotes: mode.opts.AnsiQuotes}
	first := l.next()
	switch {
	case first.isWord(s, "show"):
		if !l.next().isWord(s, "create") {
			return nil, 0, false, nil
		}
		switch what := l.next(); {
		case what.isWord(s, "view"):
		case what.isWord(s, "table"):
			// SHOW CREATE TABLE of a view shows the view.
			if !namesView(ctx, s, l) {
				return nil, 0, false, nil
			}
		default:
			return nil, 0, false, nil
		}
		end := statementEnd(s, mode)
		stmt, err := parseShowCreateView(ctx, s[:end.stmtEnd], mode)
		return stmt, end.next, true, err
	case first.isWord(s, "create"), first.isWord(s, "alter"):
	default:
		return nil, 0, false, nil
	}
	spec := &viewSpec{alter: first.isWord(s, "alter")}
	viewEnd, ok := spec.options(s, l)
	if !ok {
		return nil, 0, false, nil
	}
	end := statementEnd(s, mode)
	if end.stmtEnd < viewEnd {
		return nil, 0, true, parseErrorNear(s, end.stmtEnd)
	}
	stmt, err = parseViewBody(ctx, s[:end.stmtEnd], viewEnd, spec, mode)
	return stmt, end.next, true, err
}

// namesView reports whether the [db.]name the lexer is at names a view (and no temporary table).
func namesView(ctx context.Context, s string, l *lexer) bool {
	sctx, ok := ctx.(*sql.Context)
	if !ok {
		return false
	}
	srv := srvOf(sctx)
	if srv == nil {
		return false
	}
	t := l.next()
	if !t.isIdent() {
		return false
	}
	db, name := sctx.GetCurrentDatabase(), unquoteIdent(t.text(s))
	if dot := l.next(); dot.isPunct(s, '.') {
		n := l.next()
		if !n.isIdent() {
			return false
		}
		db, name = name, unquoteIdent(n.text(s))
	}
	if srv.sessionTemp(sctx).has(db, name) {
		return false
	}
	_, ok = srv.catalogOf(sctx).View(db, name)
	return ok
}

// options reads the words between CREATE/ALTER and VIEW: OR REPLACE, ALGORITHM = x,
// DEFINER = user[@host] | CURRENT_USER[()], SQL SECURITY x. It returns the offset just past VIEW,
// or ok=false when the statement is not a view statement.
func (v *viewSpec) options(s string, l *lexer) (viewEnd int, ok bool) {
	t := l.next()
	if !v.alter && t.isWord(s, "or") {
		if !l.next().isWord(s, "replace") {
			return 0, false
		}
		v.orReplace = true
		t = l.next()
	}
	for {
		switch {
		case t.isWord(s, "view"):
			return t.end, true
		case t.isWord(s, "algorithm"):
			if !l.next().isPunct(s, '=') || !optionWord(s, l, &v.algorithm) {
				return 0, false
			}
		case t.isWord(s, "definer"):
			if !l.next().isPunct(s, '=') {
				return 0, false
			}
			d, next, ok := readDefiner(s, l)
			if !ok {
				return 0, false
			}
			v.definer = d
			t = next
			continue
		case t.isWord(s, "sql"):
			if !l.next().isWord(s, "security") || !optionWord(s, l, &v.security) {
				return 0, false
			}
		default:
			return 0, false
		}
		t = l.next()
	}
}

// optionWord reads the word of a view option (MERGE, INVOKER, ...) into dst, upper-case.
func optionWord(s string, l *lexer, dst *string) bool {
	w := l.next()
	if w.kind != tokWord {
		return false
	}
	*dst = strings.ToUpper(w.text(s))
	return true
}

// readDefiner reads user[@host] or CURRENT_USER[()] and returns it as user@host ("" for the
// current user) with the token after it.
func readDefiner(s string, l *lexer) (string, token, bool) {
	t := l.next()
	if t.isWord(s, "current_user") {
		next := l.next()
		if next.isPunct(s, '(') {
			if !l.next().isPunct(s, ')') {
				return "", token{}, false
			}
			next = l.next()
		}
		return "", next, true
	}
	user, ok := accountPart(s, t)
	if !ok {
		return "", token{}, false
	}
	next := l.next()
	host := "%"
	if next.kind == tokVar && strings.HasPrefix(next.text(s), "@") {
		// the lexer reads @host (or @'host') as a variable
		h := next.text(s)[1:]
		if h == "" {
			next = l.next()
			if host, ok = accountPart(s, next); !ok {
				return "", token{}, false
			}
		} else {
			host = unquoteIdent(h)
		}
		next = l.next()
	} else if next.isPunct(s, '@') {
		if host, ok = accountPart(s, l.next()); !ok {
			return "", token{}, false
		}
		next = l.next()
	}
	return user + "@" + host, next, true
}

// accountPart is the text of a user or host name token.
func accountPart(s string, t token) (string, bool) {
	switch t.kind {
	case tokWord:
		return t.text(s), true
	case tokQuoted, tokString:
		return unquoteIdent(t.text(s)), true
	case tokPunct:
		if t.isPunct(s, '%') {
			return "%", true
		}
	}
	return "", false
}

// unquoteIdent removes the quotes of `x`, "x" or 'x', undoubling quotes inside.
func unquoteIdent(s string) string {
	if len(s) < 2 {
		return s
	}
	q := s[0]
	if (q != '`' && q != '"' && q != '\'') || s[len(s)-1] != q {
		return s
	}
	return strings.ReplaceAll(s[1:len(s)-1], string([]byte{q, q}), string(q))
}

// parseViewBody parses what follows VIEW (s[viewEnd:]) with vitess as the body of a CREATE VIEW.
func parseViewBody(ctx context.Context, s string, viewEnd int, spec *viewSpec, mode parseMode) (ast.Statement, error) {
	const head = "CREATE VIEW "
	text := head + s[viewEnd:]
	rw := prepass(text, mode.oracle, mode.opts.AnsiQuotes)
	stmt, err := ast.ParseWithOptions(ctx, rw.text, mode.opts)
	if err != nil {
		return nil, syntaxErrorAt(s, viewEnd, rw, err, len(head)-viewEnd)
	}
	ddl, ok := stmt.(*ast.DDL)
	if !ok || ddl.ViewSpec == nil || ddl.ViewSpec.ViewExpr == nil {
		return nil, parseErrorNear(s, viewEnd)
	}
	if spec.alter && ddl.IfNotExists {
		return nil, parseErrorNear(s, viewEnd)
	}
	walkAST(reflect.ValueOf(ddl.ViewSpec.ViewExpr), func(v reflect.Value) {
		if ae, ok := v.Interface().(*ast.AliasedExpr); ok {
			restoreInputExpression(ae, rw)
		}
	})
	vs := ddl.ViewSpec
	spec.ifNotExists = ddl.IfNotExists
	spec.name = vs.ViewName
	spec.sel = vs.ViewExpr
	for _, c := range vs.Columns {
		spec.columns = append(spec.columns, c.String())
	}
	switch vs.CheckOption {
	case ast.ViewCheckOptionCascaded:
		spec.check = "CASCADED"
	case ast.ViewCheckOptionLocal:
		spec.check = "LOCAL"
	}
	name := "CREATE VIEW"
	if spec.alter {
		name = "ALTER VIEW"
	}
	return statement(name, nil, func(ctx *sql.Context, _ []sql.Expression) (sql.Node, error) {
		return okNode(name, func(ctx *sql.Context) (sql.RowIter, error) {
			if err := srvOf(ctx).createView(ctx, spec); err != nil {
				return nil, err
			}
			return okResult(0), nil
		}), nil
	}), nil
}

// createView runs CREATE or ALTER VIEW.
func (s *Server) createView(ctx *sql.Context, spec *viewSpec) error {
	db := spec.name.DbQualifier.String()
	if db == "" {
		if db = ctx.GetCurrentDatabase(); db == "" {
			return mariaErr(sequences.ErrNoDB)
		}
	}
	name := spec.name.Name.String()
	if err := s.requireDatabase(ctx, db); err != nil {
		return err
	}
	if err := s.checkTablePrivileges(ctx, db, name, sql.PrivilegeType_CreateView); err != nil {
		return err
	}
	return s.ddl(ctx, func(txn *storage.Txn) error {
		cat := txn.Catalog()
		old, exists := cat.View(db, name)
		if _, isTable := cat.Table(db, name); isTable {
			if spec.alter || spec.orReplace {
				return mariaErr(sequences.ErrWrongObject, db, name, "VIEW")
			}
			return s.viewExists(ctx, spec, name)
		}
		switch {
		case spec.alter && !exists:
			return mariaErr(sequences.ErrNoSuchTable, db, name)
		case exists && !spec.alter && !spec.orReplace:
			return s.viewExists(ctx, spec, name)
		}
		if spec.alter {
			spec.inherit(old)
		}
		def, err := s.newViewDef(ctx, spec, db)
		if err != nil {
			return err
		}
		return translateStorageError(txn.PutView(def))
	})
}

// viewExists is CREATE VIEW's answer when the name is taken: 1050, a note under IF NOT EXISTS.
func (s *Server) viewExists(ctx *sql.Context, spec *viewSpec, name string) error {
	if spec.ifNotExists {
		note(ctx, sequences.ErrTableExists, name)
		return nil
	}
	return mariaErr(sequences.ErrTableExists, name)
}

// inherit gives ALTER VIEW the options of the view it replaces where it names none.
func (v *viewSpec) inherit(old *storage.ViewDef) {
	if v.algorithm == "" {
		v.algorithm = old.Algorithm
	}
	if v.definer == "" {
		v.definer = old.Definer
	}
	if v.security == "" {
		v.security = old.SQLSecurity
	}
}

// newViewDef resolves the view's SELECT in the session's database and builds its definition.
func (s *Server) newViewDef(ctx *sql.Context, spec *viewSpec, db string) (*storage.ViewDef, error) {
	name := spec.name.Name.String()
	r := newViewResolver(ctx, s, ctx.GetCurrentDatabase())
	parts, err := r.statement(spec.sel, nil)
	if err != nil {
		return nil, err
	}
	if _, err := nameItems(parts, spec.columns, true); err != nil {
		return nil, err
	}
	if err := s.checkViewRecursion(ctx, db, name, r.tables); err != nil {
		return nil, err
	}
	text := printViewSelect(spec.sel, sqlModeHas(strings.ToUpper(sessionString(ctx, "sql_mode")), "ORACLE"))
	// GMS has no Oracle variants of functions: it reads the text without their qualifier.
	create := viewCreateStatement(db, name, printViewSelect(spec.sel, false))
	if err := s.bindView(ctx, db, create); err != nil {
		// MariaDB's text is not always SQL vitess and GMS read (WITH names are printed
		// unquoted); GMS then reads vitess's text of the same statement.
		create = viewCreateStatement(db, name, ast.String(spec.sel))
		if s.bindView(ctx, db, create) != nil {
			return nil, err
		}
	}
	def := &storage.ViewDef{
		DB:              db,
		Name:            name,
		Definition:      text,
		CreateStatement: create,
		Algorithm:       orDefault(spec.algorithm, "UNDEFINED"),
		Definer:         spec.definer,
		SQLSecurity:     orDefault(spec.security, "DEFINER"),
		CheckOption:     spec.check,
		ClientCharset:   sessionString(ctx, "character_set_client"),
		Collation:       sessionString(ctx, "collation_connection"),
	}
	if def.Definer == "" {
		def.Definer = currentAccount(ctx)
	}
	if def.Algorithm == "MERGE" && !s.viewMergeable(ctx, def) {
		ctx.Session.Warn(&sql.Warning{Level: "Warning", Code: sequences.ErrViewMergeAlgorithm.Code,
			Message: sequences.ErrViewMergeAlgorithm.New().Message})
		def.Algorithm = "UNDEFINED"
	}
	if def.CheckOption != "" && !s.viewUpdatable(ctx, def) {
		return nil, mariaErr(sequences.ErrViewNonupdCheck, db, name)
	}
	return def, nil
}

// currentAccount is CURRENT_USER: the account the session authenticated as, user@host.
func currentAccount(ctx *sql.Context) string {
	c := ctx.Session.Client()
	host := c.Address
	switch host {
	case "127.0.0.1", "::1", "":
		host = "localhost"
	}
	return c.User + "@" + host
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// sessionString reads a session variable as text.
func sessionString(ctx *sql.Context, name string) string {
	v, err := ctx.GetSessionVariable(ctx, name)
	if err != nil {
		return ""
	}
	return toString(v)
}

// bindView has GMS bind the statement it will bind to read the view, which proves that GMS can
// read it and finds what seqd's resolver does not check (unknown functions, wrong argument
// counts).
func (s *Server) bindView(ctx *sql.Context, db, create string) error {
	bindingView(ctx, db)
	defer bindingView(ctx, "")
	b := planbuilder.New(ctx, s.engine.Analyzer.Catalog, s.engine.EventScheduler)
	_, _, _, _, err := b.Parse(viewMarker+" "+create, nil, false)
	return err
}

// checkViewRecursion rejects a definition that reads view db.name, directly or through other
// views.
func (s *Server) checkViewRecursion(ctx *sql.Context, db, name string, tables []objectName) error {
	cat := s.catalogOf(ctx)
	seen := map[objectName]bool{}
	var visit func(ts []objectName) bool
	visit = func(ts []objectName) bool {
		for _, t := range ts {
			if t.db == db && t.name == name {
				return true
			}
			if seen[t] {
				continue
			}
			seen[t] = true
			if v, ok := cat.View(t.db, t.name); ok && visit(viewTables(v)) {
				return true
			}
		}
		return false
	}
	if visit(tables) {
		// MariaDB does not see the view it is replacing.
		return mariaErr(sequences.ErrNoSuchTable, db, name)
	}
	return nil
}

// viewTables lists the tables, views and sequences a stored view names.
func viewTables(v *storage.ViewDef) []objectName {
	sel, err := storedViewSelect(v)
	if err != nil {
		return nil
	}
	var out []objectName
	ast.Walk(func(n ast.SQLNode) (bool, error) {
		switch n := n.(type) {
		case ast.TableName:
			if !n.DbQualifier.IsEmpty() {
				out = append(out, objectName{n.DbQualifier.String(), n.Name.String()})
			}
		case *ast.FuncExpr:
			if sequenceFuncs[n.Name.Lowered()] && len(n.Exprs) > 0 {
				if ae, ok := n.Exprs[0].(*ast.AliasedExpr); ok {
					if c, ok := ae.Expr.(*ast.ColName); ok && c.Qualifier.DbQualifier.IsEmpty() {
						out = append(out, objectName{c.Qualifier.Name.String(), c.Name.String()})
					}
				}
			}
		}
		return true, nil
	}, sel)
	return out
}
