package sqlengine

import (
	"strings"

	ast "github.com/dolthub/vitess/go/vt/sqlparser"
)

// A view's definition is kept as MariaDB keeps it: the SELECT printed from its parse tree after
// name resolution (viewresolve.go), with every column and table qualified, every select item
// given an alias, lower-case keywords and identifiers in backquotes. That text is
// information_schema.VIEWS.VIEW_DEFINITION; SHOW CREATE VIEW prints it again, leaving out the
// database of tables when the view and all its tables are in the current database. The
// reference is st_select_lex::print, print_join and TABLE_LIST::print in MariaDB's
// sql/sql_select.cc; the cases are checked against MariaDB 10.11 in viewtext_test.go.

// viewPrinter prints a resolved view SELECT.
type viewPrinter struct {
	b      *strings.Builder
	oracle bool // the view was created under sql_mode=ORACLE (oracleFuncs)
}

// oracleFuncs are the functions that sql_mode=ORACLE replaces by Oracle's variants; a view made
// under ORACLE stores them as oracle_schema.f(...), and SHOW CREATE VIEW under ORACLE prints the
// others as mariadb_schema.f(...) (oracleViewText).
var oracleFuncs = map[string]bool{
	"concat": true, "lpad": true, "rpad": true, "ltrim": true, "rtrim": true, "trim": true,
	"replace": true, "substr": true,
}

// printViewSelect returns MariaDB's text of the SELECT statement s; oracle gives the functions
// of oracleFuncs their oracle_schema qualifier.
func printViewSelect(s ast.SelectStatement, oracle bool) string {
	var b strings.Builder
	p := &viewPrinter{b: &b, oracle: oracle}
	p.statement(s)
	return b.String()
}

func (p *viewPrinter) w(s string) { p.b.WriteString(s) }

func (p *viewPrinter) exprPrinter() exprPrinter { return exprPrinter{b: p.b, ext: p.ext} }

func (p *viewPrinter) expr(e ast.Expr) { p.exprPrinter().print(e, precLowest) }

// exprList prints expressions separated by ",".
func (p *viewPrinter) exprList(es []ast.Expr) {
	for i, e := range es {
		if i > 0 {
			p.w(",")
		}
		p.expr(e)
	}
}

// statement prints a SELECT, a set operation or a parenthesised SELECT.
func (p *viewPrinter) statement(s ast.SelectStatement) {
	switch s := s.(type) {
	case *ast.Select:
		p.selectStmt(s)
	case *ast.SetOp:
		p.with(s.With)
		p.statement(s.Left)
		switch strings.ToLower(s.Type) {
		case ast.UnionAllStr, ast.IntersectAllStr, ast.ExceptAllStr:
			p.w(" " + strings.ToLower(s.Type) + " ")
		case ast.UnionDistinctStr:
			p.w(" union ")
		case ast.IntersectDistinctStr:
			p.w(" intersect ")
		case ast.ExceptDistinctStr:
			p.w(" except ")
		default:
			p.w(" " + strings.ToLower(s.Type) + " ")
		}
		p.statement(s.Right)
		p.orderLimit(s.OrderBy, s.Limit)
	case *ast.ParenSelect:
		p.w("(")
		p.statement(s.Select)
		p.w(")")
	default:
		p.w(ast.String(s))
	}
}

// with prints a WITH clause as MariaDB does: names as written, without quotes.
func (p *viewPrinter) with(w *ast.With) {
	if w == nil || len(w.Ctes) == 0 {
		return
	}
	p.w("with ")
	if w.Recursive {
		p.w("recursive ")
	}
	for i, cte := range w.Ctes {
		if i > 0 {
			p.w(", ")
		}
		p.w(cte.As.String())
		if len(cte.Columns) > 0 {
			p.w("(")
			for j, c := range cte.Columns {
				if j > 0 {
					p.w(",")
				}
				p.w(quoteIdent(c.String()))
			}
			p.w(")")
		}
		p.w(" as (")
		if sq, ok := cte.Expr.(*ast.Subquery); ok {
			p.statement(sq.Select)
		}
		p.w(")")
	}
}

func (p *viewPrinter) selectStmt(s *ast.Select) {
	p.with(s.With)
	p.w("select ")
	if s.QueryOpts.StraightJoinHint {
		p.w("straight_join ")
	}
	if s.QueryOpts.Distinct {
		p.w("distinct ")
	}
	if s.QueryOpts.SQLNoCache {
		p.w("sql_no_cache ")
	}
	for i, se := range s.SelectExprs {
		if i > 0 {
			p.w(",")
		}
		p.selectExpr(se)
	}
	if from := realFrom(s.From); len(from) > 0 {
		p.w(" from ")
		for i, te := range from {
			if i > 0 {
				p.w(" join ")
			}
			p.tableExpr(te)
		}
	}
	if s.Where != nil && s.Where.Expr != nil {
		p.w(" where ")
		p.expr(s.Where.Expr)
	}
	if len(s.GroupBy) > 0 {
		p.w(" group by ")
		p.exprList(s.GroupBy)
	}
	if s.Having != nil && s.Having.Expr != nil {
		p.w(" having ")
		p.expr(s.Having.Expr)
	}
	p.orderLimit(s.OrderBy, s.Limit)
}

// realFrom is the FROM list without vitess's implicit DUAL.
func realFrom(from ast.TableExprs) ast.TableExprs {
	if len(from) == 1 {
		if at, ok := from[0].(*ast.AliasedTableExpr); ok {
			if tn, ok := at.Expr.(ast.TableName); ok && tn.DbQualifier.IsEmpty() && strings.EqualFold(tn.Name.String(), "dual") {
				return nil
			}
		}
	}
	return from
}

func (p *viewPrinter) selectExpr(se ast.SelectExpr) {
	switch se := se.(type) {
	case *ast.AliasedExpr:
		p.expr(se.Expr)
		if !se.As.IsEmpty() {
			p.w(" AS " + quoteIdent(se.As.String()))
		}
	case *ast.StarExpr:
		if !se.TableName.IsEmpty() {
			p.tableName(se.TableName)
			p.w(".")
		}
		p.w("*")
	default:
		p.w(ast.String(se))
	}
}

func (p *viewPrinter) orderLimit(order ast.OrderBy, limit *ast.Limit) {
	if len(order) > 0 {
		p.w(" order by ")
		p.orderItems(order, false)
	}
	if limit != nil && limit.Rowcount != nil {
		p.w(" limit ")
		if limit.Offset != nil {
			p.expr(limit.Offset)
			p.w(",")
		}
		p.expr(limit.Rowcount)
	}
}

// tableExpr prints one element of a FROM clause as print_join does: joins in parentheses,
// RIGHT JOIN as LEFT JOIN with the operands swapped, conditions as on(...). (The tables of a
// FROM list are joined by "join" without parentheses, so a printed view text does not parse
// back into the same joins; SHOW CREATE VIEW edits the stored text instead, compactViewText.)
func (p *viewPrinter) tableExpr(te ast.TableExpr) {
	switch te := te.(type) {
	case *ast.AliasedTableExpr:
		switch e := te.Expr.(type) {
		case ast.TableName:
			p.tableName(e)
		case *ast.Subquery:
			p.w("(")
			p.statement(e.Select)
			p.w(")")
		default:
			p.w(ast.String(e))
		}
		if !te.As.IsEmpty() {
			p.w(" " + quoteIdent(te.As.String()))
		}
	case *ast.JoinTableExpr:
		left, right, join := te.LeftExpr, te.RightExpr, strings.ToLower(te.Join)
		switch join {
		case ast.RightJoinStr, "right outer join":
			left, right, join = right, left, ast.LeftJoinStr
		case "left outer join":
			join = ast.LeftJoinStr
		case ast.StraightJoinStr:
		default:
			if join != ast.LeftJoinStr {
				join = ast.JoinStr
			}
		}
		p.w("(")
		p.tableExpr(left)
		p.w(" " + join + " ")
		p.tableExpr(right)
		if te.Condition.On != nil {
			p.w(" on(")
			p.expr(te.Condition.On)
			p.w(")")
		}
		p.w(")")
	case *ast.ParenTableExpr:
		if len(te.Exprs) == 1 {
			p.tableExpr(te.Exprs[0])
			return
		}
		p.w("(")
		for i, x := range te.Exprs {
			if i > 0 {
				p.w(" join ")
			}
			p.tableExpr(x)
		}
		p.w(")")
	default:
		p.w(ast.String(te))
	}
}

func (p *viewPrinter) tableName(t ast.TableName) {
	if !t.DbQualifier.IsEmpty() {
		p.w(quoteIdent(t.DbQualifier.String()) + ".")
	}
	p.w(quoteIdent(t.Name.String()))
}

// ext prints the expressions a view adds to exprPrinter's: columns with their table and
// database, subqueries, and MariaDB's rewrites of COUNT(*), EXISTS, NOT IN
// (subquery) and CAST(... AS CHAR).
func (p *viewPrinter) ext(ep exprPrinter, e ast.Expr, prec int) bool {
	switch e := e.(type) {
	case *ast.ColName:
		if !e.Qualifier.Name.IsEmpty() {
			p.tableName(e.Qualifier)
			p.w(".")
		}
		p.w(quoteIdent(e.Name.String()))
	case *ast.Subquery:
		p.w("(")
		p.statement(e.Select)
		p.w(")")
	case *ast.ExistsExpr:
		p.w("exists(")
		p.statement(e.Subquery.Select)
		p.w(")")
	case *ast.ComparisonExpr:
		if e.Operator != ast.NotInStr || !isInSubquery(&ast.ComparisonExpr{Operator: ast.InStr, Right: e.Right}) {
			return false
		}
		p.w("!(")
		ep.print(&ast.ComparisonExpr{Operator: ast.InStr, Left: e.Left, Right: e.Right}, precLowest)
		p.w(")")
	case *ast.NotExpr:
		return p.notInSubquery(ep, e.Expr)
	case *ast.UnaryExpr:
		return e.Operator == ast.BangStr && p.notInSubquery(ep, e.Expr)
	case *ast.FuncExpr:
		if p.oracle && e.Qualifier.IsEmpty() && oracleFuncs[canonicalFuncName(e.Name.Lowered())] {
			p.w("oracle_schema.")
			if !p.funcExpr(ep, e) {
				ep.printFunc(e)
			}
			return true
		}
		return p.funcExpr(ep, e)
	case *ast.TrimExpr:
		if !p.oracle {
			return false
		}
		p.w("oracle_schema.")
		ep.printTrim(e)
	case *ast.GroupConcatExpr:
		p.groupConcat(ep, e)
	case *ast.ConvertExpr:
		if e.Type == nil || e.Type.Charset == "" {
			return false
		}
		p.w("cast(")
		ep.print(e.Expr, precLowest)
		p.w(" as " + strings.ToLower(e.Type.Type))
		if e.Type.Length != nil {
			p.w("(" + string(e.Type.Length.Val) + ")")
		}
		p.w(" charset " + strings.ToLower(e.Type.Charset) + ")")
	default:
		return false
	}
	return true
}

// canonicalFuncName is the name MariaDB prints for function name.
func canonicalFuncName(name string) string {
	if n, ok := mariadbFuncNames[name]; ok {
		return n
	}
	return name
}

// funcExpr prints COUNT(*) as count(0) and a window function with its window inline; it
// reports false for the other functions.
func (p *viewPrinter) funcExpr(ep exprPrinter, f *ast.FuncExpr) bool {
	if f.Over == nil && (!f.Qualifier.IsEmpty() || !isBuiltinFunction(f.Name.String())) {
		// A stored function: MariaDB quotes its name.
		if !f.Qualifier.IsEmpty() {
			p.w(quoteIdent(f.Qualifier.String()) + ".")
		}
		p.w(quoteIdent(f.Name.String()) + "(")
		for i, a := range f.Exprs {
			if i > 0 {
				p.w(",")
			}
			if ae, ok := a.(*ast.AliasedExpr); ok {
				ep.print(ae.Expr, precLowest)
			} else {
				p.w(ast.String(a))
			}
		}
		p.w(")")
		return true
	}
	if f.Over == nil {
		if f.Name.Lowered() != "count" || len(f.Exprs) != 1 || !f.Qualifier.IsEmpty() {
			return false
		}
		if _, star := f.Exprs[0].(*ast.StarExpr); !star {
			return false
		}
		p.w("count(0)")
		return true
	}
	plain := *f
	plain.Over = nil
	ep.print(&plain, precDefault)
	p.w(" over (")
	if len(f.Over.PartitionBy) > 0 {
		p.w(" partition by ")
		p.exprList(f.Over.PartitionBy)
	}
	if len(f.Over.OrderBy) > 0 {
		p.w(" order by ")
		p.orderItems(f.Over.OrderBy, false)
	}
	if f.Over.Frame != nil {
		p.w(" " + ast.String(f.Over.Frame))
	}
	p.w(")")
	return true
}

// groupConcat prints GROUP_CONCAT with its separator and explicit sort directions.
func (p *viewPrinter) groupConcat(ep exprPrinter, g *ast.GroupConcatExpr) {
	p.w("group_concat(")
	if g.Distinct != "" {
		p.w("distinct ")
	}
	for i, se := range g.Exprs {
		if i > 0 {
			p.w(",")
		}
		p.selectExpr(se)
	}
	if len(g.OrderBy) > 0 {
		p.w(" order by ")
		p.orderItems(g.OrderBy, true)
	}
	sep := ","
	if !g.Separator.DefaultSeparator {
		sep = g.Separator.SeparatorString
	}
	p.w(" separator " + quoteExprString(sep) + ")")
}

// orderItems prints ORDER BY items; explicit writes ASC and DESC in capitals, as
// GROUP_CONCAT does, else only desc.
func (p *viewPrinter) orderItems(order ast.OrderBy, explicit bool) {
	for i, o := range order {
		if i > 0 {
			p.w(",")
		}
		p.expr(o.Expr)
		desc := strings.EqualFold(o.Direction, ast.DescScr)
		switch {
		case explicit && desc:
			p.w(" DESC")
		case explicit:
			p.w(" ASC")
		case desc:
			p.w(" desc")
		}
	}
}

// notInSubquery prints NOT (x IN (subquery)) as MariaDB does, !(x in (subquery)); it reports
// false for any other negated expression.
func (p *viewPrinter) notInSubquery(ep exprPrinter, e ast.Expr) bool {
	for {
		pe, ok := e.(*ast.ParenExpr)
		if !ok {
			break
		}
		e = pe.Expr
	}
	c, ok := e.(*ast.ComparisonExpr)
	if !ok || !isInSubquery(c) {
		return false
	}
	p.w("!(")
	ep.print(c, precLowest)
	p.w(")")
	return true
}

func isInSubquery(c *ast.ComparisonExpr) bool {
	_, sub := c.Right.(*ast.Subquery)
	return c.Operator == ast.InStr && sub
}

// requoteANSI turns the backquoted identifiers of text printed by viewPrinter into ANSI
// double-quoted ones, as MariaDB prints SHOW CREATE VIEW under sql_mode ANSI_QUOTES.
func requoteANSI(text string) string {
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch c {
		case '\'':
			j := skipStringLiteral(text, i)
			b.WriteString(text[i:j])
			i = j - 1
		case '`':
			b.WriteByte('"')
			for i++; i < len(text); i++ {
				if text[i] == '`' {
					if i+1 < len(text) && text[i+1] == '`' {
						b.WriteByte('`')
						i++
						continue
					}
					break
				}
				if text[i] == '"' {
					b.WriteString(`""`)
					continue
				}
				b.WriteByte(text[i])
			}
			b.WriteByte('"')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// skipStringLiteral returns the index just past the '...' literal starting at text[i].
func skipStringLiteral(text string, i int) int {
	for j := i + 1; j < len(text); j++ {
		switch text[j] {
		case '\\':
			j++
		case '\'':
			if j+1 < len(text) && text[j+1] == '\'' {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(text)
}

// compactViewText removes database db from the tables and (columns) columns of a stored view
// text, as SHOW CREATE VIEW prints a view whose tables are all in the current database:
// `db`.`t`.`c` becomes `t`.`c` and a table `db`.`t` after from/join becomes `t`. (MariaDB keeps
// the columns qualified when it cannot open the view's tables.) Sequence names keep their
// database (nextval(`db`.`s`)), as in MariaDB.
func compactViewText(text, db string, columns bool) string {
	qdb := quoteIdent(db)
	var b strings.Builder
	prevWord := ""
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == '\'':
			j := skipStringLiteral(text, i)
			b.WriteString(text[i:j])
			i, prevWord = j, ""
		case c == '`':
			parts, end := quotedName(text, i)
			switch {
			case len(parts) == 3 && parts[0] == qdb && columns:
				b.WriteString(parts[1] + "." + parts[2])
			case len(parts) == 2 && parts[0] == qdb && (prevWord == "from" || prevWord == "join" || prevWord == "straight_join"):
				b.WriteString(parts[1])
			default:
				b.WriteString(text[i:end])
			}
			i, prevWord = end, ""
		case isWordByte(c):
			j := wordEnd(text, i)
			b.WriteString(text[i:j])
			i, prevWord = j, text[i:j]
		case c == ' ' || c == '(':
			b.WriteByte(c)
			i++
		default:
			b.WriteByte(c)
			i, prevWord = i+1, ""
		}
	}
	return b.String()
}

// quotedName reads the dotted name of backquoted identifiers starting at text[i] and returns
// its parts (still quoted) and where it ends.
func quotedName(text string, i int) ([]string, int) {
	var parts []string
	for {
		start := i
		for i++; i < len(text); i++ {
			if text[i] == '`' {
				if i+1 < len(text) && text[i+1] == '`' {
					i++
					continue
				}
				i++
				break
			}
		}
		parts = append(parts, text[start:i])
		if i+1 < len(text) && text[i] == '.' && text[i+1] == '`' {
			i++
			continue
		}
		return parts, i
	}
}

// oracleViewText is a stored view text as SHOW CREATE VIEW prints it under sql_mode=ORACLE:
// oracle_schema.f becomes f, and the other calls of oracleFuncs become mariadb_schema.f.
func oracleViewText(text string) string {
	var b strings.Builder
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == '\'':
			j := skipStringLiteral(text, i)
			b.WriteString(text[i:j])
			i = j
		case c == '`' || c == '"':
			j := i + 1
			for j < len(text) && text[j] != c {
				j++
			}
			b.WriteString(text[i:min(j+1, len(text))])
			i = j + 1
		case isWordByte(c):
			j := wordEnd(text, i)
			word := text[i:j]
			afterDot := i > 0 && text[i-1] == '.'
			switch {
			case word == "oracle_schema" && j < len(text) && text[j] == '.':
				j++ // drop the qualifier and its dot
			case !afterDot && oracleFuncs[word] && j < len(text) && text[j] == '(':
				b.WriteString("mariadb_schema." + word)
			default:
				b.WriteString(word)
			}
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// wordEnd returns the end of the word starting at text[i].
func wordEnd(text string, i int) int {
	for i < len(text) && isWordByte(text[i]) {
		i++
	}
	return i
}
