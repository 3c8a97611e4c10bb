package sqlengine

import (
	"reflect"

	ast "github.com/dolthub/vitess/go/vt/sqlparser"
)

// GMS evaluates x IN ('a', 'b') with a hash of the values under a binary comparison, so a
// case-insensitive column (latin1_swedish_ci, MariaDB's default here) misses rows that x =
// 'a' finds: 'ABC' IN ('abc') is false in GMS and true in MariaDB. A list of string literals is
// (with NULLs) therefore rewritten into the equivalent x = 'a' OR x = 'b' (NOT IN into its negation), whose
// comparisons honour the column's collation. Under SQL's three-valued logic both forms give the
// same result, NULLs included.

// maxInRewrite bounds the lists rewritten; longer ones keep GMS's hashed IN.
const maxInRewrite = 64

var exprType = reflect.TypeOf((*ast.Expr)(nil)).Elem()

// rewriteStringIns rewrites every IN / NOT IN over a list of string literals in stmt.
func rewriteStringIns(stmt ast.Statement) {
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Interface:
			if v.IsNil() {
				return
			}
			if v.Type() == exprType && v.CanSet() {
				if ce, ok := v.Interface().(*ast.ComparisonExpr); ok {
					if repl := stringInAsOr(ce); repl != nil {
						v.Set(reflect.ValueOf(repl))
						walk(reflect.ValueOf(ce.Left))
						return
					}
				}
			}
			walk(v.Elem())
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Struct:
			t := v.Type()
			for i := 0; i < v.NumField(); i++ {
				if t.Field(i).IsExported() {
					walk(v.Field(i))
				}
			}
		case reflect.Slice, reflect.Array:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
		}
	}
	walk(reflect.ValueOf(stmt))
}

// stringInAsOr returns the OR of equalities equivalent to ce, or nil if ce is not an IN / NOT IN
// over string literals.
func stringInAsOr(ce *ast.ComparisonExpr) ast.Expr {
	if ce.Operator != ast.InStr && ce.Operator != ast.NotInStr {
		return nil
	}
	list, ok := ce.Right.(ast.ValTuple)
	if !ok || len(list) == 0 || len(list) > maxInRewrite {
		return nil
	}
	if _, isTuple := ce.Left.(ast.ValTuple); isTuple {
		return nil
	}
	strs := 0
	for _, e := range list {
		switch v := e.(type) {
		case *ast.NullVal:
		case *ast.SQLVal:
			if v.Type != ast.StrVal {
				return nil
			}
			strs++
		default:
			return nil
		}
	}
	if strs == 0 {
		return nil
	}
	var or ast.Expr
	for _, e := range list {
		eq := &ast.ComparisonExpr{Operator: ast.EqualStr, Left: ce.Left, Right: e}
		if or == nil {
			or = eq
		} else {
			or = &ast.OrExpr{Left: or, Right: eq}
		}
	}
	or = &ast.ParenExpr{Expr: or}
	if ce.Operator == ast.NotInStr {
		return &ast.NotExpr{Expr: or}
	}
	return or
}
