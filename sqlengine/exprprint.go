package sqlengine

import (
	"math/big"
	"strings"

	ast "github.com/dolthub/vitess/go/vt/sqlparser"
)

// MariaDB prints stored expressions (DEFAULT, CHECK, GENERATED ALWAYS AS) from its item tree,
// not as the user typed them: identifiers in backticks, operators spaced and lower-case, function
// arguments separated by "," without a space, parentheses only where precedence needs them, and
// some functions under their canonical names (upper -> ucase). printExpr reproduces that from the
// vitess AST of the stored text. Item::print and print_parenthesised in MariaDB's sql/item*.cc
// are the reference; the cases are checked against MariaDB 10.11 in exprprint_test.go.

// precedence levels of MariaDB's enum precedence (sql/item.h), lowest first.
const (
	precLowest = iota
	precOr
	precXor
	precAnd
	precNot
	precBetween
	precCmp
	precBitOr
	precBitAnd
	precShift
	precAdd
	precMul
	precBitXor
	precNeg
	precInterval
	precDefault
)

// mariadbFuncNames maps function names to the names MariaDB prints.
var mariadbFuncNames = map[string]string{
	"lower": "lcase", "upper": "ucase",
	"now": "current_timestamp", "localtime": "current_timestamp", "localtimestamp": "current_timestamp",
	"current_date": "curdate", "current_time": "curtime",
	"substring": "substr", "mid": "substr",
	"character_length": "char_length", "length": "octet_length", "power": "pow",
	"ceiling": "ceiling", "day": "dayofmonth",
	"session_user": "user", "system_user": "user",
	"schema": "database", "nvl": "ifnull",
	"json_pretty": "json_detailed", "seqd_last_value": "last_value",
}

// printExpr returns MariaDB's text of e.
func printExpr(e ast.Expr) string {
	var b strings.Builder
	p := exprPrinter{b: &b}
	p.print(e, precLowest)
	return b.String()
}

type exprPrinter struct {
	b *strings.Builder
	// ext, if set, is asked first for every expression and prints those it reports handled
	// (view definitions: qualified columns and subqueries, viewtext.go).
	ext func(p exprPrinter, e ast.Expr, prec int) bool
}

func (p exprPrinter) w(s string) { p.b.WriteString(s) }

// print writes e, in parentheses if its precedence is below parent.
func (p exprPrinter) print(e ast.Expr, parent int) {
	if pe, ok := e.(*ast.ParenExpr); ok {
		p.print(pe.Expr, parent)
		return
	}
	prec := exprPrecedence(e)
	if prec < parent {
		p.w("(")
		defer p.w(")")
	}
	p.printBare(e, prec)
}

// exprPrecedence is the MariaDB precedence of the item e becomes.
func exprPrecedence(e ast.Expr) int {
	switch e := e.(type) {
	case *ast.OrExpr:
		return precOr
	case *ast.XorExpr:
		return precXor
	case *ast.AndExpr:
		return precAnd
	case *ast.NotExpr:
		return notPrecedence(e)
	case *ast.RangeCond:
		return precBetween
	case *ast.FuncExpr:
		if isIntervalFunc(e) {
			return precInterval
		}
	case *ast.ComparisonExpr, *ast.IsExpr:
		return precCmp
	case *ast.BinaryExpr:
		return binaryPrecedence(e.Operator)
	case *ast.UnaryExpr:
		switch e.Operator {
		case ast.UMinusStr, ast.TildaStr:
			return precNeg
		case ast.BangStr:
			return precCmp // printed as x = 0
		}
	case *ast.IntervalExpr:
		return precInterval
	case *ast.CollateExpr:
		return precDefault
	}
	return precDefault
}

// notPrecedence: NOT of a comparison is printed as the negated comparison, NOT of anything
// else as "x = 0".
func notPrecedence(e *ast.NotExpr) int {
	if negated := negate(e.Expr); negated != nil {
		return exprPrecedence(negated)
	}
	return precCmp
}

func binaryPrecedence(op string) int {
	switch op {
	case ast.BitOrStr:
		return precBitOr
	case ast.BitAndStr:
		return precBitAnd
	case ast.ShiftLeftStr, ast.ShiftRightStr:
		return precShift
	case ast.PlusStr, ast.MinusStr:
		return precAdd
	case ast.MultStr, ast.DivStr, ast.IntDivStr, ast.ModStr:
		return precMul
	case ast.BitXorStr:
		return precBitXor
	}
	return precDefault
}

// negate returns the comparison MariaDB's parser makes of NOT e, or nil if it keeps a NOT.
func negate(e ast.Expr) ast.Expr {
	for {
		pe, ok := e.(*ast.ParenExpr)
		if !ok {
			break
		}
		e = pe.Expr
	}
	switch e := e.(type) {
	case *ast.ComparisonExpr:
		inv := map[string]string{
			ast.EqualStr: ast.NotEqualStr, ast.NotEqualStr: ast.EqualStr,
			ast.LessThanStr: ast.GreaterEqualStr, ast.GreaterEqualStr: ast.LessThanStr,
			ast.GreaterThanStr: ast.LessEqualStr, ast.LessEqualStr: ast.GreaterThanStr,
			ast.InStr: ast.NotInStr, ast.NotInStr: ast.InStr,
			ast.LikeStr: ast.NotLikeStr, ast.NotLikeStr: ast.LikeStr,
			ast.RegexpStr: ast.NotRegexpStr, ast.NotRegexpStr: ast.RegexpStr,
		}
		if op, ok := inv[e.Operator]; ok {
			c := *e
			c.Operator = op
			return &c
		}
	case *ast.IsExpr:
		inv := map[string]string{
			ast.IsNullStr: ast.IsNotNullStr, ast.IsNotNullStr: ast.IsNullStr,
			ast.IsTrueStr: ast.IsNotTrueStr, ast.IsNotTrueStr: ast.IsTrueStr,
			ast.IsFalseStr: ast.IsNotFalseStr, ast.IsNotFalseStr: ast.IsFalseStr,
		}
		if op, ok := inv[e.Operator]; ok {
			return &ast.IsExpr{Expr: e.Expr, Operator: op}
		}
	case *ast.RangeCond:
		c := *e
		if c.Operator == ast.BetweenStr {
			c.Operator = ast.NotBetweenStr
		} else {
			c.Operator = ast.BetweenStr
		}
		return &c
	}
	return nil
}

// printBare writes e without outer parentheses; prec is e's precedence.
func (p exprPrinter) printBare(e ast.Expr, prec int) {
	if p.ext != nil && p.ext(p, e, prec) {
		return
	}
	switch e := e.(type) {
	case *ast.SQLVal:
		p.w(sqlValText(e))
	case *ast.NullVal:
		p.w("NULL")
	case ast.BoolVal:
		if e {
			p.w("1")
		} else {
			p.w("0")
		}
	case *ast.ColName:
		p.printColName(e)
	case *ast.OrExpr:
		p.condition(e.Left, " or ", e.Right, prec)
	case *ast.XorExpr:
		p.binary(e.Left, " xor ", e.Right, prec)
	case *ast.AndExpr:
		p.condition(e.Left, " and ", e.Right, prec)
	case *ast.NotExpr:
		p.printNot(e, prec)
	case *ast.BinaryExpr:
		p.binary(e.Left, " "+binaryOpText(e.Operator)+" ", e.Right, prec)
	case *ast.ComparisonExpr:
		p.printComparison(e, prec)
	case *ast.IsExpr:
		p.print(e.Expr, prec)
		p.w(" " + e.Operator)
	case *ast.RangeCond:
		p.print(e.Left, prec)
		p.w(" " + e.Operator + " ")
		p.print(e.From, prec)
		p.w(" and ")
		p.print(e.To, prec+1)
	case *ast.UnaryExpr:
		p.printUnary(e, prec)
	case *ast.FuncExpr:
		if isIntervalFunc(e) {
			p.printIntervalFunc(e, prec)
			return
		}
		p.printFunc(e)
	case *ast.TrimExpr:
		p.printTrim(e)
	case *ast.CaseExpr:
		p.printCase(e)
	case ast.ValTuple:
		p.w("(")
		p.list(e)
		p.w(")")
	case *ast.CollateExpr:
		p.print(e.Expr, precDefault)
		p.w(" collate " + e.Collation)
	case *ast.ConvertExpr:
		p.printConvert(e)
	case *ast.IntervalExpr:
		p.w("interval ")
		p.print(e.Expr, precLowest)
		p.w(" " + strings.ToLower(e.Unit))
	default:
		p.w(ast.String(e))
	}
}

func (p exprPrinter) binary(l ast.Expr, op string, r ast.Expr, prec int) {
	p.print(l, prec)
	p.w(op)
	p.print(r, prec+1)
}

// condition prints AND/OR, whose operands MariaDB turns into conditions: an operand that is not
// a truth value is printed as "x <> 0".
func (p exprPrinter) condition(l ast.Expr, op string, r ast.Expr, prec int) {
	p.conditionOperand(l, prec)
	p.w(op)
	p.conditionOperand(r, prec+1)
}

func (p exprPrinter) conditionOperand(e ast.Expr, parent int) {
	if isCondition(e) {
		p.print(e, parent)
		return
	}
	if precCmp < parent {
		p.w("(")
		defer p.w(")")
	}
	p.print(e, precCmp)
	p.w(" <> 0")
}

// isCondition reports whether e is a truth-valued item (a comparison or a logical operator).
func isCondition(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.ParenExpr:
		return isCondition(e.Expr)
	case *ast.ComparisonExpr, *ast.IsExpr, *ast.RangeCond, *ast.AndExpr, *ast.OrExpr, *ast.XorExpr, *ast.NotExpr, *ast.ExistsExpr:
		return true
	case *ast.UnaryExpr:
		return e.Operator == ast.BangStr
	}
	return false
}

func binaryOpText(op string) string {
	switch op {
	case ast.IntDivStr:
		return "DIV"
	case ast.ModStr:
		return "MOD"
	}
	return op
}

func (p exprPrinter) printComparison(e *ast.ComparisonExpr, prec int) {
	switch e.Operator {
	case ast.NotLikeStr:
		// MariaDB's Item_func_like::print writes two spaces here.
		p.print(e.Left, prec)
		p.w("  not like ")
		p.print(e.Right, prec+1)
		p.printEscape(e)
		return
	case ast.NotRegexpStr:
		p.w("!(")
		p.binary(e.Left, " regexp ", e.Right, prec)
		p.w(")")
		return
	case ast.InStr, ast.NotInStr:
		p.print(e.Left, prec)
		p.w(" " + e.Operator + " ")
		if t, ok := e.Right.(ast.ValTuple); ok {
			p.w("(")
			p.list(t)
			p.w(")")
			return
		}
		p.print(e.Right, precDefault)
		return
	}
	op := e.Operator
	if op == ast.NotEqualStr {
		op = "<>"
	}
	p.binary(e.Left, " "+op+" ", e.Right, prec)
	p.printEscape(e)
}

func (p exprPrinter) printEscape(e *ast.ComparisonExpr) {
	if e.Escape != nil {
		p.w(" escape ")
		p.print(e.Escape, precDefault)
	}
}

func (p exprPrinter) printNot(e *ast.NotExpr, prec int) {
	if negated := negate(e.Expr); negated != nil {
		p.printBare(negated, prec)
		return
	}
	p.print(e.Expr, prec+1)
	p.w(" = 0")
}

func (p exprPrinter) printUnary(e *ast.UnaryExpr, prec int) {
	switch e.Operator {
	case ast.UMinusStr:
		if v, ok := e.Expr.(*ast.SQLVal); ok && (v.Type == ast.IntVal || v.Type == ast.FloatVal) {
			p.w("-" + sqlValText(v))
			return
		}
		p.w("-")
		p.print(e.Expr, prec+1)
	case ast.UPlusStr:
		p.print(e.Expr, prec)
	case ast.BangStr:
		p.print(e.Expr, prec+1)
		p.w(" = 0")
	case ast.TildaStr:
		p.w("~")
		p.print(e.Expr, prec+1)
	case ast.BinaryStr:
		p.w("cast(")
		p.print(e.Expr, precLowest)
		p.w(" as binary)")
	default:
		p.w(strings.TrimSpace(e.Operator))
		p.w("'")
		p.print(e.Expr, precDefault)
	}
}

func (p exprPrinter) list(es []ast.Expr) {
	for i, x := range es {
		if i > 0 {
			p.w(",")
		}
		p.print(x, precLowest)
	}
}

func (p exprPrinter) printColName(c *ast.ColName) {
	if !c.Qualifier.IsEmpty() {
		if !c.Qualifier.DbQualifier.IsEmpty() {
			p.w(quoteIdent(c.Qualifier.DbQualifier.String()) + ".")
		}
		p.w(quoteIdent(c.Qualifier.Name.String()) + ".")
	}
	p.w(quoteIdent(c.Name.String()))
}

// sqlValText prints a literal as MariaDB's Item::print does.
func sqlValText(v *ast.SQLVal) string {
	switch v.Type {
	case ast.StrVal:
		return quoteExprString(string(v.Val))
	case ast.HexVal:
		return "X'" + string(v.Val) + "'"
	case ast.HexNum:
		return string(v.Val)
	case ast.BitVal:
		return bitLiteralHex(string(v.Val))
	}
	return string(v.Val)
}

// bitLiteralHex prints b'101' as MariaDB prints a bit literal in an expression: 0x05.
func bitLiteralHex(bits string) string {
	n := new(big.Int)
	if _, ok := n.SetString(bits, 2); !ok {
		return "b'" + bits + "'"
	}
	h := n.Text(16)
	nbytes := (len(bits) + 7) / 8
	if nbytes == 0 {
		nbytes = 1
	}
	for len(h) < 2*nbytes {
		h = "0" + h
	}
	return "0x" + strings.ToUpper(h)
}

// quoteExprString quotes a string inside an expression: MariaDB escapes with backslashes there
// (append_unescaped), unlike literal DEFAULT values, which double the quote.
func quoteExprString(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			b.WriteString(`\\`)
		case '\'':
			b.WriteString(`\'`)
		case 0:
			b.WriteString(`\0`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case 032:
			b.WriteString(`\Z`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// parseExpr parses stored expression text with vitess.
func parseExpr(text string) (ast.Expr, bool) {
	stmt, err := ast.Parse("SELECT " + text)
	if err != nil {
		return nil, false
	}
	sel, ok := stmt.(*ast.Select)
	if !ok || len(sel.SelectExprs) != 1 {
		return nil, false
	}
	ae, ok := sel.SelectExprs[0].(*ast.AliasedExpr)
	if !ok {
		return nil, false
	}
	return ae.Expr, true
}

// needsParensInDefault reports whether MariaDB wraps an expression DEFAULT in parentheses in
// SHOW CREATE TABLE: everything but function calls and literals.
func needsParensInDefault(e ast.Expr) bool {
	for {
		pe, ok := e.(*ast.ParenExpr)
		if !ok {
			break
		}
		e = pe.Expr
	}
	switch e := e.(type) {
	case *ast.FuncExpr, *ast.SQLVal, *ast.NullVal, ast.BoolVal, *ast.ConvertExpr:
		return false
	case *ast.UnaryExpr:
		_, lit := e.Expr.(*ast.SQLVal)
		return !(lit && e.Operator == ast.UMinusStr)
	}
	return true
}
