package sqlengine

import (
	"context"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// INSERT, UPDATE and DELETE through a view. GMS cannot write through a view, so seqd does what
// MariaDB's MERGE algorithm does: the statement is rewritten, before GMS plans it, into the
// statement on the view's tables, the view's columns replaced by their expressions and its
// WHERE added to the statement's. A view that cannot be merged (aggregates, DISTINCT, UNION,
// LIMIT, ALGORITHM=TEMPTABLE, no table) gives MariaDB's 1288 or 1471, a column that is an
// expression 1348, a join view the errors of 1393-1395. WITH CHECK OPTION becomes a CHECK
// constraint of the base table for the statement (viewCheck): GMS checks it on every row the
// statement writes, after defaults and conversions, and seqd reports its violation as 1369.

// viewMerge is a view merged down to its tables.
type viewMerge struct {
	db, name string
	from     ast.TableExprs      // the view's tables, views in them merged
	names    []string            // the view's columns, in order
	cols     map[string]ast.Expr // lower-case column -> its expression over from
	where    ast.Expr            // the conditions of the view and of the views it reads
	check    ast.Expr            // what WITH CHECK OPTION requires of a row; nil if nothing
}

// errViewNotMergeable marks a view that cannot be merged into a statement.
var errViewNotMergeable = fmt.Errorf("sqlengine: view cannot be merged")

// rewriteViewDML rewrites INSERT, UPDATE and DELETE whose target is a view; other statements
// are returned as they are.
func rewriteViewDML(ctx context.Context, stmt ast.Statement) (ast.Statement, error) {
	sctx, ok := ctx.(*sql.Context)
	if !ok {
		return stmt, nil
	}
	srv := srvOf(sctx)
	if srv == nil {
		return stmt, nil
	}
	switch s := stmt.(type) {
	case *ast.Insert:
		return srv.insertThroughView(sctx, s)
	case *ast.Update:
		return srv.updateThroughView(sctx, s)
	case *ast.Delete:
		return srv.deleteThroughView(sctx, s)
	case *ast.DDL:
		if s.TriggerSpec != nil && s.TriggerSpec.Body != nil {
			// A trigger body may write through views too; GMS parses the stored text again
			// (through this parser) whenever it runs the trigger.
			body, err := rewriteViewDML(ctx, s.TriggerSpec.Body)
			if err != nil {
				return nil, err
			}
			s.TriggerSpec.Body = body
		}
	case *ast.BeginEndBlock:
		for i, st := range s.Statements {
			rewritten, err := rewriteViewDML(ctx, st)
			if err != nil {
				return nil, err
			}
			s.Statements[i] = rewritten
		}
	}
	return stmt, nil
}

// targetView returns the view a DML target names, or nil.
func (s *Server) targetView(ctx *sql.Context, tn ast.TableName) *storage.ViewDef {
	db := tn.DbQualifier.String()
	if db == "" {
		db = ctx.GetCurrentDatabase()
	}
	name := tn.Name.String()
	if db == "" || s.sessionTemp(ctx).has(db, name) {
		return nil
	}
	v, _ := s.catalogOf(ctx).View(db, name)
	return v
}

// singleTarget returns the table of a one-table UPDATE or DELETE and its alias.
func singleTarget(tes ast.TableExprs) (ast.TableName, string, bool) {
	if len(tes) != 1 {
		return ast.TableName{}, "", false
	}
	at, ok := tes[0].(*ast.AliasedTableExpr)
	if !ok {
		return ast.TableName{}, "", false
	}
	tn, ok := at.Expr.(ast.TableName)
	return tn, at.As.String(), ok
}

// mergeView merges view v down to its tables.
func (s *Server) mergeView(ctx *sql.Context, v *storage.ViewDef, depth int) (*viewMerge, error) {
	st, err := storedViewSelect(v)
	if err != nil || depth > 32 {
		return nil, mariaErr(sequences.ErrViewInvalid, v.DB, v.Name)
	}
	sel, ok := unparen(st).(*ast.Select)
	if !ok || v.Algorithm == "TEMPTABLE" || !mergeable(sel) {
		return nil, errViewNotMergeable
	}
	m := &viewMerge{db: v.DB, name: v.Name, from: sel.From, cols: map[string]ast.Expr{}}
	subst := func(e ast.Expr) ast.Expr { return e }
	var inner *viewMerge
	if tn, alias, ok := singleTarget(realFrom(sel.From)); ok {
		if iv, isView := s.catalogOf(ctx).View(tn.DbQualifier.String(), tn.Name.String()); isView {
			if inner, err = s.mergeView(ctx, iv, depth+1); err != nil {
				return nil, err
			}
			qual := alias
			if qual == "" {
				qual = tn.Name.String()
			}
			subst = func(e ast.Expr) ast.Expr { return replaceColumns(e, qual, "", inner.cols) }
			m.from = inner.from
		}
	}
	if inner == nil && !s.baseTablesOnly(ctx, sel.From) {
		return nil, errViewNotMergeable
	}
	for _, se := range sel.SelectExprs {
		ae, ok := se.(*ast.AliasedExpr)
		if !ok {
			return nil, errViewNotMergeable
		}
		m.names = append(m.names, ae.As.String())
		m.cols[strings.ToLower(ae.As.String())] = subst(ae.Expr)
	}
	var own ast.Expr
	if sel.Where != nil && sel.Where.Expr != nil {
		own = subst(sel.Where.Expr)
	}
	m.where = own
	if inner != nil {
		m.where = andExpr(inner.where, own)
		m.check = inner.check
	}
	switch v.CheckOption {
	case "CASCADED":
		m.check = m.where
	case "LOCAL":
		m.check = andExpr(m.check, own)
	}
	return m, nil
}

// baseTablesOnly reports whether a FROM clause names only base tables (views in a join are
// not merged).
func (s *Server) baseTablesOnly(ctx *sql.Context, from ast.TableExprs) bool {
	ok := true
	cat := s.catalogOf(ctx)
	ast.Walk(func(n ast.SQLNode) (bool, error) {
		at, isTable := n.(*ast.AliasedTableExpr)
		if !isTable {
			return ok, nil
		}
		tn, isName := at.Expr.(ast.TableName)
		if !isName {
			ok = false
			return false, nil
		}
		if _, isBase := cat.Table(tn.DbQualifier.String(), tn.Name.String()); !isBase {
			ok = false
		}
		return false, nil
	}, from)
	return ok
}

func andExpr(a, b ast.Expr) ast.Expr {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	return &ast.AndExpr{Left: parenthesize(a), Right: parenthesize(b)}
}

func parenthesize(e ast.Expr) ast.Expr {
	if _, ok := e.(*ast.ParenExpr); ok {
		return e
	}
	return &ast.ParenExpr{Expr: e}
}

// replaceColumns replaces in e the references to the columns of cols (unqualified, or qualified
// with qual or db.qual) by their expressions; subqueries are left alone.
func replaceColumns(e ast.Expr, qual, db string, cols map[string]ast.Expr) ast.Expr {
	if e == nil {
		return nil
	}
	var found []*ast.ColName
	ast.Walk(func(n ast.SQLNode) (bool, error) {
		switch n := n.(type) {
		case *ast.Subquery:
			return false, nil
		case *ast.ColName:
			q := n.Qualifier
			matches := q.IsEmpty() || q.Name.String() == qual && (q.DbQualifier.IsEmpty() || q.DbQualifier.String() == db)
			if _, ok := cols[strings.ToLower(n.Name.String())]; ok && matches {
				found = append(found, n)
			}
			return false, nil
		}
		return true, nil
	}, e)
	for _, c := range found {
		e = ast.ReplaceExpr(e, c, cols[strings.ToLower(c.Name.String())])
	}
	return e
}

// mergedTarget is the view an UPDATE or DELETE writes, merged.
type mergedTarget struct {
	v     *storage.ViewDef
	m     *viewMerge
	subst func(ast.Expr) ast.Expr // replaces the view's columns in the statement's expressions
}

// mergedTarget merges the view that the one-table UPDATE or DELETE (stmt) with tables tes
// writes; it returns nil if the table is not a view.
func (s *Server) mergedTarget(ctx *sql.Context, tes ast.TableExprs, stmt string) (*mergedTarget, error) {
	tn, alias, ok := singleTarget(tes)
	if !ok {
		return nil, nil
	}
	v := s.targetView(ctx, tn)
	if v == nil {
		return nil, nil
	}
	m, err := s.mergeView(ctx, v, 0)
	if err == errViewNotMergeable {
		return nil, mariaErr(sequences.ErrNonUpdatableTable, v.Name, stmt)
	} else if err != nil {
		return nil, err
	}
	qual := orDefault(alias, v.Name)
	return &mergedTarget{v: v, m: m, subst: func(e ast.Expr) ast.Expr { return replaceColumns(e, qual, v.DB, m.cols) }}, nil
}

// where merges the statement's WHERE with the view's and rewrites its ORDER BY.
func (t *mergedTarget) where(w *ast.Where, order ast.OrderBy) *ast.Where {
	for _, o := range order {
		o.Expr = t.subst(o.Expr)
	}
	var user ast.Expr
	if w != nil {
		user = t.subst(w.Expr)
	}
	if e := andExpr(t.m.where, user); e != nil {
		return &ast.Where{Type: ast.WhereStr, Expr: e}
	}
	return nil
}

// updateThroughView rewrites UPDATE of a view.
func (s *Server) updateThroughView(ctx *sql.Context, u *ast.Update) (ast.Statement, error) {
	t, err := s.mergedTarget(ctx, u.TableExprs, "UPDATE")
	if t == nil || err != nil {
		return u, err
	}
	m, v := t.m, t.v
	subst := t.subst
	targets := map[string]bool{}
	for _, ue := range u.Exprs {
		col, ok := m.cols[strings.ToLower(ue.Name.Name.String())].(*ast.ColName)
		if !ok {
			return nil, mariaErr(sequences.ErrNonupdateableColumn, ue.Name.Name.String())
		}
		ue.Expr = subst(ue.Expr)
		ue.Name = &ast.ColName{Qualifier: ast.TableName{Name: col.Qualifier.Name}, Name: col.Name}
		targets[tableOfColumn(col)] = true
	}
	if len(targets) > 1 {
		return nil, mariaErr(sequences.ErrViewMultiupdate, v.DB, v.Name)
	}
	u.Where = t.where(u.Where, u.OrderBy)
	u.TableExprs = m.from
	for table := range targets {
		if base, ok := baseTableOf(m.from, table); ok {
			addViewCheck(ctx, m, v, base, table)
		}
	}
	return u, nil
}

// deleteThroughView rewrites DELETE from a view.
func (s *Server) deleteThroughView(ctx *sql.Context, d *ast.Delete) (ast.Statement, error) {
	if len(d.Targets) > 0 {
		return d, nil
	}
	t, err := s.mergedTarget(ctx, d.TableExprs, "DELETE")
	if t == nil || err != nil {
		return d, err
	}
	if _, _, single := singleTarget(t.m.from); !single {
		return nil, mariaErr(sequences.ErrViewDeleteMergeView, t.v.DB, t.v.Name)
	}
	d.Where = t.where(d.Where, d.OrderBy)
	d.TableExprs = t.m.from
	return d, nil
}

// insertThroughView rewrites INSERT into a view.
func (s *Server) insertThroughView(ctx *sql.Context, ins *ast.Insert) (ast.Statement, error) {
	v := s.targetView(ctx, ins.Table)
	if v == nil {
		return ins, nil
	}
	m, err := s.mergeView(ctx, v, 0)
	if err == errViewNotMergeable {
		return nil, mariaErr(sequences.ErrNonInsertableTable, v.Name, "INSERT")
	} else if err != nil {
		return nil, err
	}
	_, _, single := singleTarget(m.from)
	names := ins.Columns
	if len(names) == 0 {
		if !single {
			return nil, mariaErr(sequences.ErrViewNoInsertFieldList, v.DB, v.Name)
		}
		for _, n := range m.names {
			names = append(names, ast.NewColIdent(n))
		}
	}
	var cols ast.Columns
	var table string
	for _, n := range names {
		col, ok := m.cols[strings.ToLower(n.String())].(*ast.ColName)
		if !ok {
			return nil, mariaErr(sequences.ErrNonInsertableTable, v.Name, "INSERT")
		}
		if t := tableOfColumn(col); table != "" && t != table {
			return nil, mariaErr(sequences.ErrViewMultiupdate, v.DB, v.Name)
		} else {
			table = t
		}
		cols = append(cols, col.Name)
	}
	base, ok := baseTableOf(m.from, table)
	if !ok {
		return nil, mariaErr(sequences.ErrNonInsertableTable, v.Name, "INSERT")
	}
	for _, ue := range ins.OnDup {
		col, ok := m.cols[strings.ToLower(ue.Name.Name.String())].(*ast.ColName)
		if !ok {
			return nil, mariaErr(sequences.ErrNonupdateableColumn, ue.Name.Name.String())
		}
		ue.Name = &ast.ColName{Name: col.Name}
		ue.Expr = replaceColumns(ue.Expr, v.Name, v.DB, m.cols)
	}
	addViewCheck(ctx, m, v, base, table)
	ins.Table = base
	ins.Columns = cols
	return ins, nil
}

// tableOfColumn names the table of a merged column reference (its qualifier).
func tableOfColumn(c *ast.ColName) string {
	return c.Qualifier.DbQualifier.String() + "." + c.Qualifier.Name.String()
}

// baseTableOf finds, in a merged FROM clause, the table a column qualifier names.
func baseTableOf(from ast.TableExprs, qual string) (ast.TableName, bool) {
	var out ast.TableName
	found := false
	ast.Walk(func(n ast.SQLNode) (bool, error) {
		at, ok := n.(*ast.AliasedTableExpr)
		if !ok || found {
			return !found, nil
		}
		tn, ok := at.Expr.(ast.TableName)
		if !ok {
			return false, nil
		}
		name := tn.DbQualifier.String() + "." + tn.Name.String()
		if !at.As.IsEmpty() {
			name = "." + at.As.String()
		}
		if name == qual {
			out, found = tn, true
		}
		return false, nil
	}, from)
	return out, found
}

// viewCheck is the CHECK OPTION of a view as a CHECK constraint of the base table a statement
// writes through the view.
type viewCheck struct {
	db, table string // the base table
	check     sql.CheckDefinition
}

// viewCheckPrefix starts the name of a viewCheck's constraint; the view's database and name
// follow, hex-encoded, so that the violation can be reported as MariaDB's 1369.
const viewCheckPrefix = "seqd view check "

// addViewCheck makes the CHECK OPTION of merged view m (if any) a constraint of base table
// base (qual is how m's columns name it) for the statement being parsed. A condition on other
// tables of a join view is not checked.
func addViewCheck(ctx *sql.Context, m *viewMerge, v *storage.ViewDef, base ast.TableName, qual string) {
	sess, err := sessionOf(ctx)
	if err != nil || m.check == nil {
		return
	}
	cond, ok := parseExpr(ast.String(m.check)) // a copy, whose columns lose their qualifier
	if !ok {
		return
	}
	own := true
	ast.Walk(func(n ast.SQLNode) (bool, error) {
		if c, isCol := n.(*ast.ColName); isCol {
			if tableOfColumn(c) != qual {
				own = false
			}
			c.Qualifier = ast.TableName{}
			return false, nil
		}
		return true, nil
	}, cond)
	if !own {
		return
	}
	name := viewCheckPrefix + hex.EncodeToString([]byte(v.DB)) + " " + hex.EncodeToString([]byte(v.Name))
	sess.views.checks = append(sess.views.checks, viewCheck{db: base.DbQualifier.String(), table: base.Name.String(),
		check: sql.CheckDefinition{Name: name, CheckExpression: "(" + ast.String(cond) + ") is true", Enforced: true}})
}

// viewChecks returns the CHECK OPTIONs that the statement being run adds to table db.table.
func viewChecks(ctx *sql.Context, db, table string) []sql.CheckDefinition {
	if ctx == nil {
		return nil
	}
	sess, err := sessionOf(ctx)
	if err != nil || len(sess.views.checks) == 0 {
		return nil
	}
	var out []sql.CheckDefinition
	for _, c := range sess.views.checks {
		if c.db == db && c.table == table {
			out = append(out, c.check)
		}
	}
	return out
}

// viewCheckFailed returns MariaDB's 1369 for the violated constraint name, if it is a
// viewCheck's.
func viewCheckFailed(name string) (error, bool) {
	rest, ok := strings.CutPrefix(name, viewCheckPrefix)
	if !ok {
		return nil, false
	}
	dbHex, viewHex, _ := strings.Cut(rest, " ")
	db, err1 := hex.DecodeString(dbHex)
	view, err2 := hex.DecodeString(viewHex)
	if err1 != nil || err2 != nil {
		return nil, false
	}
	return mariaErr(sequences.ErrViewCheckFailed, string(db), string(view)), true
}
