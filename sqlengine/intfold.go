package sqlengine

import (
	"math"
	"math/bits"
	"reflect"
	"strconv"

	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
)

// MariaDB computes integer arithmetic in BIGINT UNSIGNED when an operand is unsigned: an
// integer literal above 9223372036854775807, or a shift (<< and >> give BIGINT UNSIGNED), so
// 18446744073709551615-1 is 18446744073709551614 and (1<<63)+1 is 9223372036854775809. GMS
// computes a mix of signed and unsigned in BIGINT, which clamps or wraps them. foldUnsigned
// computes such expressions of integer literals as MariaDB does, before GMS sees them. What
// overflows is left to GMS.

// intLit is the value of a folded integer expression.
type intLit struct {
	v        uint64 // the value; for a signed one, its two's complement
	unsigned bool
}

// foldUnsigned replaces the unsigned integer expressions of literals in a query or DML
// statement by their values, and returns MariaDB's 1690 for one that overflows (GMS wraps
// around). A select expression keeps its text (InputExpression), which names its result column.
// Other statements (CREATE VIEW, routines, ...) keep their text as written.
func foldUnsigned(stmt ast.Statement) error {
	switch stmt.(type) {
	case *ast.Select, *ast.SetOp, *ast.Insert, *ast.Update, *ast.Delete, *ast.Set:
		var err error
		foldValue(reflect.ValueOf(stmt), &err)
		return err
	}
	return nil
}

// foldValue walks the AST under v, replacing foldable expressions held in interface fields; the
// first overflow is left in *err.
func foldValue(v reflect.Value, err *error) {
	if *err != nil {
		return
	}
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() {
			return
		}
		// Outermost first: a folded operand would lose its unsignedness and its text.
		if be, ok := v.Interface().(*ast.BinaryExpr); ok && v.CanSet() {
			lit, ok, ferr := foldBinary(be)
			switch {
			case ferr != nil:
				*err = ferr
				return
			case ok && lit.unsigned:
				v.Set(reflect.ValueOf(ast.Expr(ast.NewIntVal([]byte(strconv.FormatUint(lit.v, 10))))))
				return
			case ok:
				return // a signed result: GMS computes it the same
			}
		}
		foldValue(v.Elem(), err)
	case reflect.Pointer:
		if !v.IsNil() {
			foldValue(v.Elem(), err)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				foldValue(v.Field(i), err)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			foldValue(v.Index(i), err)
		}
	}
}

// foldExpr returns the value of an integer expression of literals.
func foldExpr(e ast.Expr) (intLit, bool, error) {
	switch e := e.(type) {
	case *ast.SQLVal:
		if e.Type != ast.IntVal {
			return intLit{}, false, nil
		}
		if len(e.Val) > 0 && e.Val[0] == '-' {
			i, err := strconv.ParseInt(string(e.Val), 10, 64)
			return intLit{v: uint64(i)}, err == nil, nil
		}
		u, err := strconv.ParseUint(string(e.Val), 10, 64)
		return intLit{v: u, unsigned: u > math.MaxInt64}, err == nil, nil
	case *ast.ParenExpr:
		return foldExpr(e.Expr)
	case *ast.BinaryExpr:
		return foldBinary(e)
	}
	return intLit{}, false, nil
}

// foldBinary computes +, -, *, << and >> of integer literals; false when an operand is not
// one, 1690 when the result is out of range.
func foldBinary(be *ast.BinaryExpr) (intLit, bool, error) {
	l, ok, err := foldExpr(be.Left)
	if !ok || err != nil {
		return intLit{}, false, err
	}
	r, ok, err := foldExpr(be.Right)
	if !ok || err != nil {
		return intLit{}, false, err
	}
	switch be.Operator {
	case ast.ShiftLeftStr, ast.ShiftRightStr:
		if !r.unsigned && int64(r.v) < 0 || r.v >= 64 {
			return intLit{v: 0, unsigned: true}, true, nil
		}
		if be.Operator == ast.ShiftLeftStr {
			return intLit{v: l.v << r.v, unsigned: true}, true, nil
		}
		return intLit{v: l.v >> r.v, unsigned: true}, true, nil
	case ast.PlusStr, ast.MinusStr, ast.MultStr:
		if !l.unsigned && !r.unsigned {
			v, ok := signedOp(be.Operator, int64(l.v), int64(r.v))
			if !ok {
				return intLit{}, false, mariaErr(sequences.ErrDataOutOfRangeIn, "BIGINT", printArith(be, 0))
			}
			return v, true, nil
		}
		if !l.unsigned && int64(l.v) < 0 || !r.unsigned && int64(r.v) < 0 {
			return intLit{}, false, nil // MariaDB's rules for negative operands are not followed here
		}
		v, ok := unsignedOp(be.Operator, l, r)
		if !ok {
			return intLit{}, false, mariaErr(sequences.ErrDataOutOfRangeIn, "BIGINT UNSIGNED", printArith(be, 0))
		}
		return v, true, nil
	}
	return intLit{}, false, nil
}

// arithPrec is the precedence of the operators foldBinary computes, for printing.
var arithPrec = map[string]int{ast.MultStr: 3, ast.PlusStr: 2, ast.MinusStr: 2, ast.ShiftLeftStr: 1, ast.ShiftRightStr: 1}

// printArith prints an expression of integer literals as MariaDB does in 1690: operators
// between spaces, parentheses only where precedence needs them. parent is the precedence of
// the enclosing operator (0: none), the right operand of one of the same precedence is
// parenthesized (parent+1 is passed for it).
func printArith(e ast.Expr, parent int) string {
	switch e := e.(type) {
	case *ast.ParenExpr:
		return printArith(e.Expr, parent)
	case *ast.BinaryExpr:
		p := arithPrec[e.Operator]
		s := printArith(e.Left, p) + " " + e.Operator + " " + printArith(e.Right, p+1)
		if p < parent {
			return "(" + s + ")"
		}
		return s
	case *ast.SQLVal:
		return string(e.Val)
	}
	return ast.String(e)
}

// unsignedOp computes an operation with an unsigned operand and non-negative operands: the
// result must be in [0, 2^64).
func unsignedOp(op string, l, r intLit) (intLit, bool) {
	var v, carry uint64
	switch op {
	case ast.PlusStr:
		v, carry = bits.Add64(l.v, r.v, 0)
	case ast.MinusStr:
		v, carry = bits.Sub64(l.v, r.v, 0)
	case ast.MultStr:
		carry, v = bits.Mul64(l.v, r.v)
	}
	return intLit{v: v, unsigned: true}, carry == 0
}

// signedOp computes an operation of two signed values; false when it overflows.
func signedOp(op string, l, r int64) (intLit, bool) {
	var v int64
	switch op {
	case ast.PlusStr:
		v = l + r
		if (v > l) != (r > 0) {
			return intLit{}, false
		}
	case ast.MinusStr:
		v = l - r
		if (v < l) != (r > 0) {
			return intLit{}, false
		}
	case ast.MultStr:
		if l != 0 && (l*r/l != r || l == -1 && r == math.MinInt64 || r == -1 && l == math.MinInt64) {
			return intLit{}, false
		}
		v = l * r
	}
	return intLit{v: uint64(v)}, true
}
