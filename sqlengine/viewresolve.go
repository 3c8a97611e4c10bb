package sqlengine

import (
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// MariaDB resolves a view's names once, when the view is created, in the session's current
// database, and stores the result: every column qualified with its table (a base table by
// `db`.`table`, an aliased table, derived table or view by its name), SELECT * expanded, the
// sequence of nextval/lastval/setval qualified with its database, USING and NATURAL joins turned
// into ON conditions, RIGHT JOIN into LEFT JOIN. viewResolver does the same on the vitess AST,
// in place, so that viewPrinter can print MariaDB's text. It reports MariaDB's errors for names
// it cannot resolve, in the order MariaDB meets them (FROM, SELECT, WHERE, ON, GROUP BY,
// HAVING, ORDER BY).

// viewResolver resolves one view definition.
type viewResolver struct {
	ctx   *sql.Context
	srv   *Server
	curDB string // the database unqualified names refer to
	ctes  []map[string]*viewSource
	// tables lists the tables, views and sequences the definition refers to, as db.name.
	tables []objectName
	// joins holds the columns a USING or NATURAL join merges, in the order SELECT * lists them.
	joins map[*ast.JoinTableExpr][]string
	// sources maps each table of a FROM clause to what it resolved to.
	sources map[*ast.AliasedTableExpr]*viewSource
}

type objectName struct{ db, name string }

// viewSource is a table, view, sequence or derived table in a FROM clause.
type viewSource struct {
	name      string // the name its columns are qualified with when it is not a plain table
	db, table string // a table, sequence or view; empty for a derived table
	plain     bool   // a table or sequence without an alias: columns print as `db`.`table`.`col`
	cols      []string
	hidden    map[string]bool // lower-case columns a USING/NATURAL join merged into another table's
}

// qualifier is the table part of a column reference to this source.
func (s *viewSource) qualifier() ast.TableName {
	if s.plain {
		return ast.TableName{DbQualifier: ast.NewTableIdent(s.db), Name: ast.NewTableIdent(s.table)}
	}
	return ast.TableName{Name: ast.NewTableIdent(s.name)}
}

// column returns the source's spelling of column c, if it has it.
func (s *viewSource) column(c string) (string, bool) {
	for _, col := range s.cols {
		if strings.EqualFold(col, c) {
			return col, true
		}
	}
	return "", false
}

// viewScope is the FROM clause of one SELECT, inside the SELECTs it is nested in.
type viewScope struct {
	parent  *viewScope
	sources []*viewSource
	items   []*viewItem
}

// viewItem is one select item and the column name MariaDB gives it.
type viewItem struct {
	ae       *ast.AliasedExpr
	name     string
	explicit bool   // named by AS or by the view's column list
	field    bool   // a column reference: its name counts as explicit for duplicates
	orig     string // the name before nameItems replaced it
}

func newViewResolver(ctx *sql.Context, srv *Server, curDB string) *viewResolver {
	return &viewResolver{ctx: ctx, srv: srv, curDB: curDB,
		joins: map[*ast.JoinTableExpr][]string{}, sources: map[*ast.AliasedTableExpr]*viewSource{}}
}

// statement resolves a SELECT, set operation or parenthesised SELECT and returns the items of
// each of its SELECTs, in order.
func (r *viewResolver) statement(s ast.SelectStatement, parent *viewScope) ([][]*viewItem, error) {
	switch s := s.(type) {
	case *ast.Select:
		items, err := r.selectStmt(s, parent)
		if err != nil {
			return nil, err
		}
		return [][]*viewItem{items}, nil
	case *ast.ParenSelect:
		return r.statement(s.Select, parent)
	case *ast.SetOp:
		pop, err := r.pushCTEs(s.With)
		if err != nil {
			return nil, err
		}
		defer pop()
		left, err := r.statement(s.Left, parent)
		if err != nil {
			return nil, err
		}
		right, err := r.statement(s.Right, parent)
		if err != nil {
			return nil, err
		}
		if err := r.limit(s.Limit); err != nil {
			return nil, err
		}
		return append(left, right...), nil
	}
	return nil, mariaErr(sequences.ErrNotSupportedYet, "this kind of view definition")
}

// selectStmt resolves one SELECT.
func (r *viewResolver) selectStmt(s *ast.Select, parent *viewScope) ([]*viewItem, error) {
	if s.Into != nil {
		return nil, mariaErr(sequences.ErrViewSelectVariable)
	}
	pop, err := r.pushCTEs(s.With)
	if err != nil {
		return nil, err
	}
	defer pop()
	sc := &viewScope{parent: parent}
	if err := inlineWindows(s); err != nil {
		return nil, err
	}
	var ons []ast.Expr
	for _, te := range realFrom(s.From) {
		if err := r.tableExpr(te, sc, &ons); err != nil {
			return nil, err
		}
	}
	if err := r.selectItems(s, sc); err != nil {
		return nil, err
	}
	if s.Where != nil {
		if err := r.expr(s.Where.Expr, sc, "WHERE"); err != nil {
			return nil, err
		}
	}
	for _, on := range ons {
		if err := r.expr(on, sc, "ON"); err != nil {
			return nil, err
		}
	}
	for i, e := range s.GroupBy {
		e, err := r.groupOrder(e, sc, "GROUP BY")
		if err != nil {
			return nil, err
		}
		s.GroupBy[i] = e
	}
	if s.Having != nil {
		if err := r.having(s.Having.Expr, sc); err != nil {
			return nil, err
		}
	}
	for _, o := range s.OrderBy {
		e, err := r.groupOrder(o.Expr, sc, "ORDER BY")
		if err != nil {
			return nil, err
		}
		o.Expr = e
	}
	return sc.items, r.limit(s.Limit)
}

// limit rejects LIMIT ? and LIMIT @var; MariaDB prints the numbers as they are.
func (r *viewResolver) limit(l *ast.Limit) error {
	if l == nil {
		return nil
	}
	for _, e := range []ast.Expr{l.Offset, l.Rowcount} {
		if e == nil {
			continue
		}
		if err := r.noVariables(e); err != nil {
			return err
		}
	}
	return nil
}

// selectItems expands * and resolves the select items, naming each.
func (r *viewResolver) selectItems(s *ast.Select, sc *viewScope) error {
	var out ast.SelectExprs
	for _, se := range s.SelectExprs {
		switch se := se.(type) {
		case *ast.StarExpr:
			cols, err := r.star(se, s, sc)
			if err != nil {
				return err
			}
			for _, c := range cols {
				ae := &ast.AliasedExpr{Expr: &ast.ColName{Qualifier: c.src.qualifier(), Name: ast.NewColIdent(c.col)}}
				out = append(out, ae)
				sc.items = append(sc.items, &viewItem{ae: ae, name: c.col, field: true})
			}
		case *ast.AliasedExpr:
			it := itemName(se)
			sc.items = append(sc.items, it)
			out = append(out, se)
		default:
			return mariaErr(sequences.ErrNotSupportedYet, "this select item in a view")
		}
	}
	s.SelectExprs = out
	for _, it := range sc.items {
		if err := r.expr(it.ae.Expr, sc, "SELECT"); err != nil {
			return err
		}
	}
	return nil
}

// itemName is the column name MariaDB gives a select item: its alias, the column's name as
// written, a string literal's value, or the item's text, without leading spaces.
func itemName(ae *ast.AliasedExpr) *viewItem {
	if !ae.As.IsEmpty() {
		return &viewItem{ae: ae, name: ae.As.String(), explicit: true}
	}
	var name string
	field := false
	switch e := ae.Expr.(type) {
	case *ast.ColName:
		name, field = e.Name.String(), true
	case *ast.SQLVal:
		if e.Type == ast.StrVal {
			name = string(e.Val)
		} else {
			name = inputText(ae.InputExpression)
		}
	case *ast.NullVal:
		name = "NULL"
	case ast.BoolVal:
		name = "FALSE"
		if e {
			name = "TRUE"
		}
	case *ast.UnaryExpr:
		if v, ok := e.Expr.(*ast.SQLVal); ok && v.Type == ast.StrVal && strings.HasPrefix(e.Operator, "_") {
			name = string(v.Val) // _charset'text'
		} else {
			name = inputText(ae.InputExpression)
		}
	default:
		name = inputText(ae.InputExpression)
	}
	return &viewItem{ae: ae, name: strings.TrimLeft(name, " \t\n\r\f\v"), field: field}
}

// inputText is a select item's text as vitess recorded it, which for an item after
// "x ," begins at the comma.
func inputText(s string) string {
	s = strings.TrimLeft(s, " \t\n\r")
	if strings.HasPrefix(s, ",") {
		s = strings.TrimLeft(s[1:], " \t\n\r")
	}
	return s
}

type starColumn struct {
	src *viewSource
	col string
}

// star expands * or t.*.
func (r *viewResolver) star(se *ast.StarExpr, s *ast.Select, sc *viewScope) ([]starColumn, error) {
	if se.TableName.IsEmpty() {
		var out []starColumn
		for _, te := range realFrom(s.From) {
			out = append(out, r.starColumns(te)...)
		}
		if len(out) == 0 {
			return nil, mariaErr(sequences.ErrNoTablesUsed)
		}
		return out, nil
	}
	src := findSource(sc.sources, se.TableName)
	if src == nil {
		return nil, mariaErr(sequences.ErrBadTable, se.TableName.Name.String())
	}
	out := make([]starColumn, len(src.cols))
	for i, c := range src.cols {
		out[i] = starColumn{src, c}
	}
	return out, nil
}

// starColumns lists the columns * stands for in a FROM element: a USING or NATURAL join's
// merged columns first, then the other columns of its left and right operands.
func (r *viewResolver) starColumns(te ast.TableExpr) []starColumn {
	switch te := te.(type) {
	case *ast.AliasedTableExpr:
		src := r.sources[te]
		if src == nil {
			return nil
		}
		out := make([]starColumn, len(src.cols))
		for i, c := range src.cols {
			out[i] = starColumn{src, c}
		}
		return out
	case *ast.ParenTableExpr:
		var out []starColumn
		for _, x := range te.Exprs {
			out = append(out, r.starColumns(x)...)
		}
		return out
	case *ast.JoinTableExpr:
		left, right := r.starColumns(te.LeftExpr), r.starColumns(te.RightExpr)
		merged := r.joins[te]
		if len(merged) == 0 {
			return append(left, right...)
		}
		isMerged := func(c string) bool {
			for _, m := range merged {
				if strings.EqualFold(m, c) {
					return true
				}
			}
			return false
		}
		var out []starColumn
		for _, m := range merged {
			for _, c := range left {
				if strings.EqualFold(c.col, m) {
					out = append(out, c)
					break
				}
			}
		}
		for _, c := range left {
			if !isMerged(c.col) {
				out = append(out, c)
			}
		}
		for _, c := range right {
			if !isMerged(c.col) {
				out = append(out, c)
			}
		}
		return out
	}
	return nil
}

// findSource finds the FROM element a qualifier names.
func findSource(sources []*viewSource, q ast.TableName) *viewSource {
	name, db := q.Name.String(), q.DbQualifier.String()
	for _, s := range sources {
		if db != "" {
			if s.plain && s.db == db && s.table == name {
				return s
			}
			continue
		}
		if s.name == name {
			return s
		}
	}
	return nil
}

// groupOrder resolves a GROUP BY or ORDER BY element: a position stays as it is; a name that
// is not a column of the FROM clause (GROUP BY) or that is a select item's name (ORDER BY)
// stands for the item's expression.
func (r *viewResolver) groupOrder(e ast.Expr, sc *viewScope, clause string) (ast.Expr, error) {
	if c, ok := e.(*ast.ColName); ok && c.Qualifier.IsEmpty() {
		item := sc.itemNamed(c.Name.String())
		if item != nil && (clause == "ORDER BY" || !sc.hasColumn(c.Name.String())) {
			return item.ae.Expr, nil
		}
	}
	return e, r.expr(e, sc, clause)
}

// having resolves HAVING: a name that is not a column of the FROM clause but is a select
// item's name stays as it is (MariaDB prints it so).
func (r *viewResolver) having(e ast.Expr, sc *viewScope) error {
	var err error
	ast.Walk(func(n ast.SQLNode) (bool, error) {
		x, ok := n.(ast.Expr)
		if err != nil || !ok {
			return err == nil, nil
		}
		if c, ok := x.(*ast.ColName); ok {
			name := c.Name.String()
			if !c.Qualifier.IsEmpty() || sc.hasColumn(name) || sc.itemNamed(name) == nil {
				err = r.expr(c, sc, "HAVING")
			}
			return false, nil
		}
		if isSubqueryOrSpecial(x) {
			err = r.expr(x, sc, "HAVING")
			return false, nil
		}
		return true, nil
	}, e)
	return err
}

// isSubqueryOrSpecial reports whether expr resolves as a unit (r.expr handles its children).
func isSubqueryOrSpecial(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Subquery, *ast.ExistsExpr:
		return true
	case *ast.FuncExpr:
		return sequenceFuncs[e.Name.Lowered()] && e.Qualifier.IsEmpty()
	}
	return false
}

func (sc *viewScope) itemNamed(name string) *viewItem {
	for _, it := range sc.items {
		if strings.EqualFold(it.name, name) {
			return it
		}
	}
	return nil
}

func (sc *viewScope) hasColumn(name string) bool {
	for _, s := range sc.sources {
		if _, ok := s.column(name); ok && !s.hidden[strings.ToLower(name)] {
			return true
		}
	}
	return false
}

// expr resolves the column references, subqueries and sequence functions of e.
func (r *viewResolver) expr(e ast.Expr, sc *viewScope, clause string) error {
	var err error
	fail := func(e error) (bool, error) {
		if err == nil {
			err = e
		}
		return false, nil
	}
	ast.Walk(func(n ast.SQLNode) (bool, error) {
		if err != nil {
			return false, nil
		}
		switch n := n.(type) {
		case *ast.ColName:
			if e := r.column(n, sc, clause); e != nil {
				return fail(e)
			}
			return false, nil
		case *ast.SQLVal:
			if n.Type == ast.ValArg {
				return fail(mariaErr(sequences.ErrViewSelectVariable))
			}
		case *ast.ExistsExpr:
			if sel, ok := n.Subquery.Select.(*ast.Select); ok {
				// MariaDB prints EXISTS(SELECT 1 ... LIMIT 1) whatever the select list.
				sel.SelectExprs = ast.SelectExprs{&ast.AliasedExpr{Expr: ast.NewIntVal([]byte("1"))}}
				sel.Limit = &ast.Limit{Rowcount: ast.NewIntVal([]byte("1"))}
			}
			if _, e := r.statement(n.Subquery.Select, sc); e != nil {
				return fail(e)
			}
			return false, nil
		case *ast.Subquery:
			if _, e := r.statement(n.Select, sc); e != nil {
				return fail(e)
			}
			return false, nil
		case *ast.ConvertExpr:
			if n.Type != nil && strings.EqualFold(n.Type.Type, "char") && n.Type.Charset == "" {
				// MariaDB casts to the connection's character set and prints it.
				n.Type.Charset = sessionString(r.ctx, "character_set_connection")
			}
		case *ast.FuncExpr:
			if sequenceFuncs[n.Name.Lowered()] && n.Qualifier.IsEmpty() {
				if e := r.sequenceFunc(n, sc, clause); e != nil {
					return fail(e)
				}
				return false, nil
			}
		}
		return true, nil
	}, e)
	return err
}

// noVariables rejects user variables and parameters.
func (r *viewResolver) noVariables(e ast.Expr) error {
	var err error
	ast.Walk(func(n ast.SQLNode) (bool, error) {
		switch n := n.(type) {
		case *ast.ColName:
			if strings.HasPrefix(n.Name.String(), "@") {
				err = mariaErr(sequences.ErrViewSelectVariable)
			}
		case *ast.SQLVal:
			if n.Type == ast.ValArg {
				err = mariaErr(sequences.ErrViewSelectVariable)
			}
		}
		return err == nil, nil
	}, e)
	return err
}

// column qualifies a column reference with the table it belongs to.
func (r *viewResolver) column(c *ast.ColName, sc *viewScope, clause string) error {
	name := c.Name.String()
	if strings.HasPrefix(name, "@") {
		return mariaErr(sequences.ErrViewSelectVariable)
	}
	for s := sc; s != nil; s = s.parent {
		if !c.Qualifier.IsEmpty() {
			src := findSource(s.sources, c.Qualifier)
			if src == nil {
				continue
			}
			col, ok := src.column(name)
			if !ok {
				break
			}
			c.Qualifier, c.Name = src.qualifier(), ast.NewColIdent(col)
			return nil
		}
		var found *viewSource
		var col string
		for _, src := range s.sources {
			cn, ok := src.column(name)
			if !ok || src.hidden[strings.ToLower(name)] {
				continue
			}
			if found != nil {
				return mariaErr(sequences.ErrNonUniq, name, clause)
			}
			found, col = src, cn
		}
		if found != nil {
			c.Qualifier, c.Name = found.qualifier(), ast.NewColIdent(col)
			return nil
		}
	}
	full := name
	if !c.Qualifier.IsEmpty() {
		full = c.Qualifier.Name.String() + "." + name
		if !c.Qualifier.DbQualifier.IsEmpty() {
			full = c.Qualifier.DbQualifier.String() + "." + full
		}
	}
	return mariaErr(sequences.ErrBadField, full, clause)
}

// sequenceFunc qualifies the sequence of nextval/lastval/setval with its database and gives
// setval its default arguments, as MariaDB prints them.
func (r *viewResolver) sequenceFunc(f *ast.FuncExpr, sc *viewScope, clause string) error {
	if len(f.Exprs) == 0 {
		return nil
	}
	ae, ok := f.Exprs[0].(*ast.AliasedExpr)
	if !ok {
		return nil
	}
	col, ok := ae.Expr.(*ast.ColName)
	if !ok || !col.Qualifier.DbQualifier.IsEmpty() {
		return r.expr(ae.Expr, sc, clause)
	}
	db, name := col.Qualifier.Name.String(), col.Name.String()
	if db == "" {
		if db = r.curDB; db == "" {
			return mariaErr(sequences.ErrNoDB)
		}
	}
	if r.srv.sessionTemp(r.ctx).has(db, name) {
		return mariaErr(sequences.ErrViewSelectTmptable, name)
	}
	cat := r.srv.catalogOf(r.ctx)
	if def, ok := cat.Table(db, name); !ok || !def.Sequence {
		if ok || hasView(cat, db, name) {
			return mariaErr(sequences.ErrNotSequence, db, name)
		}
		return mariaErr(sequences.ErrNoSuchTable, db, name)
	}
	r.tables = append(r.tables, objectName{db, name})
	col.Qualifier = ast.TableName{Name: ast.NewTableIdent(db)}
	if f.Name.Lowered() == "setval" {
		for _, def := range []string{"1", "0"}[max(0, len(f.Exprs)-2):] {
			f.Exprs = append(f.Exprs, &ast.AliasedExpr{Expr: ast.NewIntVal([]byte(def))})
		}
	}
	for _, arg := range f.Exprs[1:] {
		if a, ok := arg.(*ast.AliasedExpr); ok {
			if err := r.expr(a.Expr, sc, clause); err != nil {
				return err
			}
		}
	}
	return nil
}

func hasView(cat *storage.Catalog, db, name string) bool {
	_, ok := cat.View(db, name)
	return ok
}

// inlineWindows replaces OVER w by the definition of window w of the WINDOW clause, which
// MariaDB does not print.
func inlineWindows(s *ast.Select) error {
	if len(s.Window) == 0 {
		return nil
	}
	defs := map[string]*ast.WindowDef{}
	for _, w := range s.Window {
		defs[w.Name.Lowered()] = w
	}
	var err error
	ast.Walk(func(n ast.SQLNode) (bool, error) {
		f, ok := n.(*ast.FuncExpr)
		if !ok || f.Over == nil || f.Over.NameRef.IsEmpty() {
			return true, nil
		}
		def, ok := defs[f.Over.NameRef.Lowered()]
		if !ok {
			err = mariaErr(sequences.ErrNotSupportedYet, "this window in a view")
			return false, nil
		}
		over := ast.Over(*def)
		over.Name, over.NameRef = ast.ColIdent{}, ast.ColIdent{}
		if len(f.Over.OrderBy) > 0 {
			over.OrderBy = f.Over.OrderBy
		}
		f.Over = &over
		return true, nil
	}, s.SelectExprs, s.OrderBy)
	s.Window = nil
	return err
}
