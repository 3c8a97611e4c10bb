package sqlengine

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"
)

// EXPLAIN EXTENDED's Note 1003 is the query as MariaDB prints it after optimization: columns
// qualified as `db`.`table`.`column`, * expanded, every item with AS `name` (the text the user
// typed when there is no alias), sequence functions with their full arguments
// (setval(`test`.`s1`,100,1,0)), count(*) as count(0), and the columns of system and const
// tables replaced by their values (the table then leaves the FROM list, or is read as dual).
// Expressions are printed by exprprint.go. Only single SELECTs get a note.

// noteTable is a table of the explained SELECT.
type noteTable struct {
	db, name, alias string
	t               *explainedTable // nil if EXPLAIN did not find it
}

// label is how the query refers to the table.
func (nt *noteTable) label() string {
	if nt.alias != "" {
		return nt.alias
	}
	return nt.name
}

// constant reports whether the table's columns are replaced by values.
func (nt *noteTable) constant() bool {
	return nt.t != nil && (nt.t.access == "system" || nt.t.access == "const")
}

// parseExplained parses the explained statement as vitess does, without seqd's patches, and
// gives its select expressions back the text the user typed.
func parseExplained(ctx *sql.Context, inner string) ast.Statement {
	mode := modeOf(ctx)
	rw := prepass(inner, mode.oracle, mode.opts.AnsiQuotes)
	stmt, err := ast.ParseWithOptions(ctx, rw.text, mode.opts)
	if err != nil {
		return nil
	}
	walkAST(reflect.ValueOf(stmt), func(v reflect.Value) {
		if ae, ok := v.Interface().(*ast.AliasedExpr); ok {
			restoreInputExpression(ae, rw)
		}
	})
	return stmt
}

// explainNote returns Note 1003's text for the explained SELECT.
func (s *Server) explainNote(ctx *sql.Context, q *explainedQuery) (string, bool) {
	sel, ok := q.stmt.(*ast.Select)
	if !ok {
		return "", false
	}
	tables, ok := noteTables(ctx, sel.From, q)
	if !ok {
		return "", false
	}
	p := &notePrinter{ctx: ctx, tables: tables, impossible: q.impossible || q.impossibleConst}
	return p.selectText(sel), true
}

// noteTables lists the tables of a FROM clause of plain tables and comma joins.
func noteTables(ctx *sql.Context, from ast.TableExprs, q *explainedQuery) ([]*noteTable, bool) {
	var out []*noteTable
	for _, te := range from {
		ate, ok := te.(*ast.AliasedTableExpr)
		if !ok {
			return nil, false
		}
		tn, ok := ate.Expr.(ast.TableName)
		if !ok {
			return nil, false
		}
		if strings.EqualFold(tn.Name.String(), "dual") && tn.DbQualifier.IsEmpty() {
			continue
		}
		nt := &noteTable{db: tn.DbQualifier.String(), name: tn.Name.String(), alias: ate.As.String()}
		if nt.db == "" {
			nt.db = ctx.GetCurrentDatabase()
		}
		for _, t := range q.tables {
			if t.name == nt.label() {
				nt.t = t
			}
		}
		out = append(out, nt)
	}
	return out, true
}

// notePrinter prints one SELECT.
type notePrinter struct {
	ctx        *sql.Context
	tables     []*noteTable
	impossible bool
}

func (p *notePrinter) selectText(sel *ast.Select) string {
	var b strings.Builder
	b.WriteString("select ")
	if sel.QueryOpts.Distinct {
		b.WriteString("distinct ")
	}
	b.WriteString(strings.Join(p.items(sel.SelectExprs), ","))
	p.from(&b, len(sel.From) > 0)
	if sel.Where != nil {
		b.WriteString(" where " + p.condition(sel.Where.Expr))
	}
	if len(sel.GroupBy) > 0 {
		b.WriteString(" group by " + p.exprList(sel.GroupBy))
	}
	if sel.Having != nil {
		b.WriteString(" having " + p.expr(sel.Having.Expr))
	}
	if len(sel.OrderBy) > 0 {
		parts := make([]string, len(sel.OrderBy))
		for i, o := range sel.OrderBy {
			parts[i] = p.expr(o.Expr)
			if o.Direction == ast.DescScr {
				parts[i] += " desc"
			}
		}
		b.WriteString(" order by " + strings.Join(parts, ","))
	}
	if sel.Limit != nil && sel.Limit.Rowcount != nil {
		b.WriteString(" limit ")
		if sel.Limit.Offset != nil {
			b.WriteString(p.expr(sel.Limit.Offset) + ",")
		}
		b.WriteString(p.expr(sel.Limit.Rowcount))
	}
	return b.String()
}

// from writes the FROM clause: the tables not replaced by values, else dual.
func (p *notePrinter) from(b *strings.Builder, had bool) {
	var parts []string
	for _, t := range p.tables {
		if t.t != nil && t.t.access == "system" && t.t.rows > 0 {
			continue
		}
		s := quoteIdent(t.db) + "." + quoteIdent(t.name)
		if t.alias != "" {
			s += " " + quoteIdent(t.alias)
		}
		parts = append(parts, s)
	}
	switch {
	case len(parts) > 0:
		b.WriteString(" from " + strings.Join(parts, " join "))
	case had:
		b.WriteString(" from dual")
	}
}

// condition prints a WHERE: 1 (or 0 when impossible) once const tables answered it.
func (p *notePrinter) condition(e ast.Expr) string {
	if p.impossible {
		return "0"
	}
	onlyConst := true
	walkAST(reflect.ValueOf(&e), func(v reflect.Value) {
		if c, ok := v.Interface().(*ast.ColName); ok {
			if t := p.tableOf(c); t == nil || !t.constant() {
				onlyConst = false
			}
		}
	})
	if onlyConst && len(p.tables) > 0 {
		return "1"
	}
	return p.expr(e)
}

// items prints the select list.
func (p *notePrinter) items(exprs ast.SelectExprs) []string {
	var out []string
	for _, se := range exprs {
		switch se := se.(type) {
		case *ast.StarExpr:
			for _, t := range p.tables {
				if !se.TableName.IsEmpty() && se.TableName.Name.String() != t.label() {
					continue
				}
				for _, c := range p.columns(t) {
					col := &ast.ColName{Name: ast.NewColIdent(c)}
					out = append(out, p.valueOrColumn(t, col)+" AS "+quoteIdent(c))
				}
			}
		case *ast.AliasedExpr:
			name := se.As.String()
			if name == "" {
				name = se.InputExpression
			}
			if col, ok := se.Expr.(*ast.ColName); ok && name == "" {
				name = col.Name.String()
			}
			if name == "" {
				name = ast.String(se.Expr)
			}
			out = append(out, p.expr(se.Expr)+" AS "+quoteIdent(name))
		}
	}
	return out
}

// columns returns a table's visible columns.
func (p *notePrinter) columns(t *noteTable) []string {
	if t.t == nil || t.t.def == nil {
		return nil
	}
	var cs []string
	for _, c := range t.t.def.Columns {
		if !c.Invisible {
			cs = append(cs, c.Name)
		}
	}
	return cs
}

func (p *notePrinter) exprList(es []ast.Expr) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = p.expr(e)
	}
	return strings.Join(parts, ",")
}

// expr prints an expression after MariaDB's rewrites.
func (p *notePrinter) expr(e ast.Expr) string {
	e = rewriteExpr(e, p.rewrite)
	return printExpr(e)
}

// rewrite is one node's rewrite: qualified columns, values of const tables, sequence function
// arguments, count(*).
func (p *notePrinter) rewrite(e ast.Expr) ast.Expr {
	switch e := e.(type) {
	case *ast.ColName:
		t := p.tableOf(e)
		if t == nil {
			return e
		}
		if t.constant() {
			if v, ok := p.value(t, e.Name.String()); ok {
				return v
			}
		}
		return &ast.ColName{Name: e.Name, Qualifier: ast.TableName{DbQualifier: ast.NewTableIdent(t.db), Name: ast.NewTableIdent(t.label())}}
	case *ast.FuncExpr:
		return p.rewriteFunc(e)
	}
	return e
}

func (p *notePrinter) rewriteFunc(f *ast.FuncExpr) ast.Expr {
	name := f.Name.Lowered()
	if name == "count" && len(f.Exprs) == 1 {
		if _, star := f.Exprs[0].(*ast.StarExpr); star {
			return &ast.FuncExpr{Name: f.Name, Exprs: ast.SelectExprs{&ast.AliasedExpr{Expr: ast.NewIntVal([]byte("0"))}}}
		}
	}
	if !sequenceFuncs[name] || len(f.Exprs) == 0 {
		return f
	}
	ae, ok := f.Exprs[0].(*ast.AliasedExpr)
	if !ok {
		return f
	}
	col, ok := ae.Expr.(*ast.ColName)
	if !ok {
		return f
	}
	db := col.Qualifier.Name.String()
	if db == "" {
		db = p.ctx.GetCurrentDatabase()
	}
	ref := &ast.ColName{Name: col.Name, Qualifier: ast.TableName{Name: ast.NewTableIdent(db)}}
	exprs := ast.SelectExprs{&ast.AliasedExpr{Expr: ref}}
	exprs = append(exprs, f.Exprs[1:]...)
	if name == "setval" {
		for len(exprs) < 4 {
			def := "1"
			if len(exprs) == 3 {
				def = "0"
			}
			exprs = append(exprs, &ast.AliasedExpr{Expr: ast.NewIntVal([]byte(def))})
		}
	}
	return &ast.FuncExpr{Name: f.Name, Exprs: exprs}
}

// tableOf finds the table a column belongs to.
func (p *notePrinter) tableOf(c *ast.ColName) *noteTable {
	q := c.Qualifier.Name.String()
	for _, t := range p.tables {
		if q != "" {
			if q == t.label() {
				return t
			}
			continue
		}
		for _, name := range p.columns(t) {
			if strings.EqualFold(name, c.Name.String()) {
				return t
			}
		}
	}
	return nil
}

// valueOrColumn prints a column of t: its value for a const table, else qualified.
func (p *notePrinter) valueOrColumn(t *noteTable, col *ast.ColName) string {
	col.Qualifier = ast.TableName{Name: ast.NewTableIdent(t.label())}
	return printExpr(p.rewrite(col))
}

// value returns the value of column name in a const table's row as a literal.
func (p *notePrinter) value(t *noteTable, name string) (ast.Expr, bool) {
	if t.t.row == nil {
		return &ast.NullVal{}, true
	}
	for i, c := range t.t.sch {
		if strings.EqualFold(c.Name, name) && i < len(t.t.row) {
			return literalExpr(t.t.row[i]), true
		}
	}
	return nil, false
}

// literalExpr is a value as an AST literal.
func literalExpr(v any) ast.Expr {
	switch x := v.(type) {
	case nil:
		return &ast.NullVal{}
	case int64, int32, int16, int8, int:
		return ast.NewIntVal([]byte(fmt.Sprint(x)))
	case uint64, uint32, uint16, uint8, uint:
		return ast.NewIntVal([]byte(fmt.Sprint(x)))
	case float64:
		return ast.NewFloatVal([]byte(strconv.FormatFloat(x, 'g', -1, 64)))
	case string:
		return ast.NewStrVal([]byte(x))
	case []byte:
		return ast.NewStrVal(x)
	}
	return ast.NewStrVal([]byte(fmt.Sprint(v)))
}

// rewriteExpr rebuilds e bottom-up with fn applied to every expression.
func rewriteExpr(e ast.Expr, fn func(ast.Expr) ast.Expr) ast.Expr {
	holder := struct{ E ast.Expr }{e}
	v := reflect.ValueOf(&holder).Elem()
	rewriteValue(v, fn, map[uintptr]bool{})
	return holder.E
}

var astExprIface = reflect.TypeOf((*ast.Expr)(nil)).Elem()

// rewriteValue applies fn to every ast.Expr slot reachable from v through exported fields,
// slices and pointers, children first. Pointers already seen are not walked again.
func rewriteValue(v reflect.Value, fn func(ast.Expr) ast.Expr, seen map[uintptr]bool) {
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() {
			return
		}
		inner := v.Elem()
		if inner.Kind() == reflect.Pointer || inner.Kind() == reflect.Slice {
			rewriteValue(inner, fn, seen)
		} else if inner.Kind() == reflect.Struct {
			cp := reflect.New(inner.Type()).Elem()
			cp.Set(inner)
			rewriteValue(cp, fn, seen)
			if v.CanSet() {
				v.Set(cp)
			}
		}
		if v.Type() == astExprIface && v.CanSet() {
			if e, ok := v.Interface().(ast.Expr); ok {
				v.Set(reflect.ValueOf(fn(e)))
			}
		}
	case reflect.Pointer:
		if v.IsNil() || seen[v.Pointer()] {
			return
		}
		seen[v.Pointer()] = true
		rewriteValue(v.Elem(), fn, seen)
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < v.NumField(); i++ {
			if t.Field(i).IsExported() {
				rewriteValue(v.Field(i), fn, seen)
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			rewriteValue(v.Index(i), fn, seen)
		}
	}
}
