package sqlengine

import (
	"strings"

	ast "github.com/dolthub/vitess/go/vt/sqlparser"
)

// Printing of function-like items for printExpr (exprprint.go): calls, CASE, CAST, TRIM and
// date arithmetic.

func (p exprPrinter) printFunc(e *ast.FuncExpr) {
	name := e.Name.Lowered()
	if n, ok := mariadbFuncNames[name]; ok {
		name = n
	}
	if !e.Qualifier.IsEmpty() {
		p.w(quoteIdent(e.Qualifier.String()) + ".")
	}
	p.w(name + "(")
	if name == "current_timestamp" && len(e.Exprs) == 1 && ast.String(e.Exprs[0]) == "0" {
		p.w(")") // the default precision is not printed
		return
	}
	if e.Distinct {
		p.w("distinct ")
	}
	for i, se := range e.Exprs {
		if i > 0 {
			p.w(",")
		}
		if ae, ok := se.(*ast.AliasedExpr); ok {
			p.print(ae.Expr, precLowest)
		} else {
			p.w(ast.String(se))
		}
	}
	p.w(")")
}

// isIntervalFunc reports whether f is date_add/date_sub(x, INTERVAL ...), which MariaDB prints
// as x + INTERVAL ...
func isIntervalFunc(f *ast.FuncExpr) bool {
	n := f.Name.Lowered()
	if (n != "date_add" && n != "date_sub" && n != "adddate" && n != "subdate") || len(f.Exprs) != 2 {
		return false
	}
	ae, ok := f.Exprs[1].(*ast.AliasedExpr)
	if !ok {
		return false
	}
	_, ok = ae.Expr.(*ast.IntervalExpr)
	return ok
}

func (p exprPrinter) printIntervalFunc(f *ast.FuncExpr, prec int) {
	op := " + "
	if n := f.Name.Lowered(); n == "date_sub" || n == "subdate" {
		op = " - "
	}
	p.print(f.Exprs[0].(*ast.AliasedExpr).Expr, prec)
	p.w(op)
	p.print(f.Exprs[1].(*ast.AliasedExpr).Expr, prec)
}

// printTrim prints TRIM as MariaDB: trim(x) for the plain form.
func (p exprPrinter) printTrim(e *ast.TrimExpr) {
	plain := e.Pattern == nil
	if v, ok := e.Pattern.(*ast.SQLVal); ok && v.Type == ast.StrVal && string(v.Val) == " " {
		plain = true
	}
	switch {
	case plain && e.Dir != ast.Leading && e.Dir != ast.Trailing:
		p.w("trim(")
	case e.Dir == ast.Leading:
		p.w("trim(leading ")
	case e.Dir == ast.Trailing:
		p.w("trim(trailing ")
	default:
		p.w("trim(both ")
	}
	if !plain || e.Dir == ast.Leading || e.Dir == ast.Trailing {
		if e.Pattern != nil {
			p.print(e.Pattern, precLowest)
		} else {
			p.w("' '")
		}
		p.w(" from ")
	}
	p.print(e.Str, precLowest)
	p.w(")")
}

func (p exprPrinter) printCase(e *ast.CaseExpr) {
	p.w("case ")
	if e.Expr != nil {
		p.print(e.Expr, precLowest)
		p.w(" ")
	}
	for _, w := range e.Whens {
		p.w("when ")
		p.print(w.Cond, precLowest)
		p.w(" then ")
		p.print(w.Val, precLowest)
		p.w(" ")
	}
	if e.Else != nil {
		p.w("else ")
		p.print(e.Else, precLowest)
		p.w(" ")
	}
	p.w("end")
}

func (p exprPrinter) printConvert(e *ast.ConvertExpr) {
	p.w("cast(")
	p.print(e.Expr, precLowest)
	p.w(" as " + strings.ToLower(e.Type.Type))
	if e.Type.Length != nil {
		p.w("(" + string(e.Type.Length.Val))
		if e.Type.Scale != nil {
			p.w("," + string(e.Type.Scale.Val))
		}
		p.w(")")
	}
	p.w(")")
}
