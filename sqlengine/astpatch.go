package sqlengine

import (
	"reflect"
	"strings"

	ast "github.com/dolthub/vitess/go/vt/sqlparser"
)

// sequenceFuncs are the functions whose first argument names a sequence.
var sequenceFuncs = map[string]bool{"nextval": true, "lastval": true, "setval": true}

// needsPatch is a cheap filter for patchAST.
func needsPatch(text string) bool {
	return containsFold(text, "nextval") || containsFold(text, "lastval") || containsFold(text, "setval")
}

// patchAST rewrites the parsed statement in place: the first argument of every
// nextval/lastval/setval call becomes an injected sequence reference (to the base sequence when
// base is set: the statement is a stored column default), and select expressions whose text was
// rewritten by the pre-pass get back the text the user typed as their column name.
//
// ast.Walk does not reach every slot (it skips CREATE TABLE column definitions, where
// DEFAULT nextval(s) lives), so the walk is by reflection over exported fields.
func patchAST(stmt ast.Statement, rw *rewrite, base bool) error {
	if len(rw.edits) == 0 && !needsPatch(rw.text) {
		return nil
	}
	var err error
	walkAST(reflect.ValueOf(stmt), func(v reflect.Value) {
		switch n := v.Interface().(type) {
		case *ast.FuncExpr:
			if e := patchFuncExpr(n, base); e != nil && err == nil {
				err = e
			}
		case *ast.AliasedExpr:
			restoreInputExpression(n, rw)
		}
	})
	return err
}

// walkAST calls visit for every pointer reachable from v through exported fields, slices and
// interfaces.
func walkAST(v reflect.Value, visit func(reflect.Value)) {
	switch v.Kind() {
	case reflect.Interface:
		if !v.IsNil() {
			walkAST(v.Elem(), visit)
		}
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		visit(v)
		walkAST(v.Elem(), visit)
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < v.NumField(); i++ {
			if t.Field(i).IsExported() {
				walkAST(v.Field(i), visit)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			walkAST(v.Index(i), visit)
		}
	}
}

// patchFuncExpr replaces the column-name first argument of a sequence function with a sequence
// reference.
func patchFuncExpr(f *ast.FuncExpr, base bool) error {
	if !sequenceFuncs[f.Name.Lowered()] || !f.Qualifier.IsEmpty() || len(f.Exprs) == 0 {
		return nil
	}
	ae, ok := f.Exprs[0].(*ast.AliasedExpr)
	if !ok {
		return nil
	}
	col, ok := ae.Expr.(*ast.ColName)
	if !ok {
		return nil
	}
	if !col.Qualifier.SchemaQualifier.IsEmpty() || !col.Qualifier.DbQualifier.IsEmpty() {
		return nil // three-part names are not sequence names; leave them for the resolver
	}
	ref := &seqRefInjectable{db: col.Qualifier.Name.String(), name: col.Name.String(), base: base}
	f.Exprs[0] = &ast.AliasedExpr{
		Expr:            ast.InjectedExpr{Auth: ast.AuthInformation{AuthType: ast.AuthType_IGNORE}, Expression: ref},
		InputExpression: ae.InputExpression,
		StartParsePos:   ae.StartParsePos,
		EndParsePos:     ae.EndParsePos,
	}
	return nil
}

// restoreInputExpression gives a select expression whose text the pre-pass rewrote its original
// text back, so that the result column is named as the user typed it.
func restoreInputExpression(ae *ast.AliasedExpr, rw *rewrite) {
	if len(rw.edits) == 0 || ae.EndParsePos <= ae.StartParsePos || !rw.touches(ae.StartParsePos, ae.EndParsePos) {
		return
	}
	start, end := rw.origPos(ae.StartParsePos, false), rw.origPos(ae.EndParsePos, true)
	if start < 0 || end > len(rw.orig) || start >= end {
		return
	}
	ae.InputExpression = strings.Trim(rw.orig[start:end], " \n\t")
}

// trimInputExpressions cuts the separator vitess leaves at the start of a select expression's
// text when a space precedes the comma ("SELECT 1 ,2" named its second column ",2"), and names
// string literals' columns by their values.
func trimInputExpressions(stmt ast.Statement) {
	if _, ok := stmt.(ast.SelectStatement); !ok {
		if _, ok := stmt.(*ast.Insert); !ok {
			return
		}
	}
	walkAST(reflect.ValueOf(stmt), func(v reflect.Value) {
		ae, ok := v.Interface().(*ast.AliasedExpr)
		if !ok {
			return
		}
		if strings.HasPrefix(ae.InputExpression, ",") {
			ae.InputExpression = strings.TrimLeft(ae.InputExpression, ", \n\t")
		}
		// A string literal names its column by its value, as MariaDB does: escapes resolved,
		// adjacent literals joined, an introducer (_latin1'x') or N dropped.
		e := ae.Expr
		if u, ok := e.(*ast.UnaryExpr); ok && strings.HasPrefix(u.Operator, "_") {
			e = u.Expr // a character set introducer
		}
		if lit, ok := e.(*ast.SQLVal); ok && lit.Type == ast.StrVal && ae.As.IsEmpty() && ae.InputExpression != "" {
			ae.InputExpression = string(lit.Val)
		}
	})
}
