package sqlengine

import (
	"strings"

	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
)

// MariaDB computes a new row in this order: constant defaults, the values the statement gives,
// default expressions that are not constant (they read other columns, or call a function such
// as NOW(), RAND() or NEXTVAL()) in column order, then generated columns in column order. So a
// column expression may not read a column that is computed at the same stage or later: a
// non-constant default may not read itself, a later non-constant default or any generated
// column, and a generated column may not read itself or a later generated column
// (Item_field::check_field_expression_processor). CREATE TABLE fails with 4029 naming the
// column whose expression it is and the column it reads. A NOT NULL column without a default
// is always given by the statement, so reading it is allowed.

// nonConstantFuncs are the functions that make a default expression non-constant (MariaDB's
// VCOL_NON_DETERMINISTIC, VCOL_TIME_FUNC and VCOL_SESSION_FUNC functions).
var nonConstantFuncs = map[string]bool{
	"rand": true, "uuid": true, "uuid_short": true, "sys_guid": true,
	"now": true, "sysdate": true, "current_timestamp": true, "localtime": true, "localtimestamp": true,
	"curdate": true, "current_date": true, "curtime": true, "current_time": true,
	"utc_date": true, "utc_time": true, "utc_timestamp": true, "unix_timestamp": true,
	"nextval": true, "lastval": true, "setval": true,
	"connection_id": true, "current_user": true, "current_role": true, "user": true,
	"session_user": true, "system_user": true, "database": true, "schema": true,
	"last_insert_id": true, "found_rows": true, "row_count": true,
	defaultFuncName: true,
}

// checkExpressionRefs applies that rule to the column expressions of a CREATE TABLE.
func checkExpressionRefs(stmt ast.Statement) error {
	ddl, ok := stmt.(*ast.DDL)
	if !ok || ddl.Action != ast.CreateStr || ddl.TableSpec == nil {
		return nil
	}
	cols := ddl.TableSpec.Columns
	index := make(map[string]int, len(cols))
	for i, c := range cols {
		index[strings.ToLower(c.Name.String())] = i
	}
	for i, c := range cols {
		expr := c.Type.Default
		if c.Type.GeneratedExpr != nil {
			expr = c.Type.GeneratedExpr
		}
		if expr == nil {
			continue
		}
		for _, ref := range columnsRead(expr) {
			j, ok := index[strings.ToLower(ref)]
			if !ok || !computedLate(cols[j]) {
				continue
			}
			orgGen, refGen := c.Type.GeneratedExpr != nil, cols[j].Type.GeneratedExpr != nil
			if j == i || (!orgGen && refGen) || (orgGen == refGen && j > i) {
				return mariaErr(sequences.ErrExpressionRefersToUninitField, c.Name.String(), cols[j].Name.String())
			}
		}
	}
	return nil
}

// computedLate reports whether a column's value is computed after the statement's values: a
// generated column, or one with a non-constant default.
func computedLate(c *ast.ColumnDefinition) bool {
	if c.Type.GeneratedExpr != nil {
		return true
	}
	return c.Type.Default != nil && !constantExpr(c.Type.Default)
}

// constantExpr reports whether e reads no column and calls no non-constant function.
func constantExpr(e ast.Expr) bool {
	constant := true
	visitAST(e, func(n any) bool {
		switch n := n.(type) {
		case *ast.ColName:
			constant = false
		case *ast.FuncExpr:
			if nonConstantFuncs[n.Name.Lowered()] {
				constant = false
			}
		}
		return constant
	})
	return constant
}

// columnsRead lists the columns an expression reads, directly or through DEFAULT(col).
func columnsRead(e ast.Expr) []string {
	var names []string
	visitAST(e, func(n any) bool {
		if c, ok := n.(*ast.ColName); ok {
			names = append(names, c.Name.String())
		}
		return true
	})
	return names
}
