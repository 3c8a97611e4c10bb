package sqlengine

import (
	"strconv"
	"strings"

	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
)

// Generated columns and CHECK constraints.
//
// vitess parses `col type AS (expr)` with expr a value expression only, so `b INT AS (a > 0)`
// is a syntax error there; MariaDB takes any expression. The pre-pass doubles the parentheses
// (`AS ((a > 0))`), which vitess parses (generatedAsOpen finds them).
//
// MariaDB refuses the sequence functions in generated columns and CHECK constraints with 1901,
// naming the function and the column or constraint (checkDDLSequenceFunctions).

// columnTypeWords are the words a column type can end with before AS (expr).
var columnTypeWords = map[string]bool{
	"int": true, "integer": true, "bigint": true, "smallint": true, "tinyint": true, "mediumint": true,
	"decimal": true, "dec": true, "numeric": true, "fixed": true, "float": true, "double": true,
	"real": true, "bit": true, "bool": true, "boolean": true, "char": true, "varchar": true,
	"text": true, "tinytext": true, "mediumtext": true, "longtext": true, "blob": true,
	"tinyblob": true, "mediumblob": true, "longblob": true, "binary": true, "varbinary": true,
	"date": true, "datetime": true, "timestamp": true, "time": true, "year": true, "json": true,
	"unsigned": true, "signed": true, "zerofill": true, "always": true, "precision": true,
	"int1": true, "int2": true, "int3": true, "int4": true, "int8": true, "inet4": true, "inet6": true,
	"uuid": true,
}

// generatedAsOpen reports whether toks[i] is the '(' of a generated column expression in a
// CREATE TABLE or ALTER TABLE statement, and returns the index of its matching ')'.
func generatedAsOpen(q string, toks []token, i int) (int, bool) {
	if i < 2 || !toks[i].isPunct(q, '(') || !toks[i-1].isWord(q, "as") {
		return 0, false
	}
	prev := toks[i-2]
	switch {
	case prev.kind == tokWord && columnTypeWords[strings.ToLower(prev.text(q))]:
	case prev.isPunct(q, ')'):
	default:
		return 0, false
	}
	if !isTableDDL(q, toks) {
		return 0, false
	}
	depth := 0
	for j := 0; j < i; j++ {
		switch {
		case toks[j].isPunct(q, '('):
			depth++
		case toks[j].isPunct(q, ')'):
			depth--
		}
	}
	if depth < 1 && !toks[0].isWord(q, "alter") {
		return 0, false // CREATE TABLE t (...) AS (SELECT ...)
	}
	d := 0
	for j := i; j < len(toks); j++ {
		switch {
		case toks[j].isPunct(q, '('):
			d++
		case toks[j].isPunct(q, ')'):
			d--
			if d == 0 {
				return j, true
			}
		}
	}
	return 0, false
}

// isTableDDL reports whether the statement is CREATE [OR REPLACE] [TEMPORARY] TABLE or ALTER
// [ONLINE] [IGNORE] TABLE.
func isTableDDL(q string, toks []token) bool {
	for i, t := range toks {
		if i > 5 {
			return false
		}
		if t.isWord(q, "table") {
			return toks[0].isWord(q, "create") || toks[0].isWord(q, "alter")
		}
	}
	return false
}

// sequenceFuncNames maps the stored names of the sequence functions to the names MariaDB's
// errors give them.
var sequenceFuncNames = map[string]string{"nextval": "nextval()", "lastval": "lastval()", "setval": "setval()"}

// firstSequenceFunc returns the MariaDB name of the first sequence function in e.
func firstSequenceFunc(e ast.Expr) (string, bool) {
	if e == nil {
		return "", false
	}
	var found string
	_ = ast.Walk(func(n ast.SQLNode) (bool, error) {
		if found != "" {
			return false, nil
		}
		if f, ok := n.(*ast.FuncExpr); ok {
			if name, ok := sequenceFuncNames[f.Name.Lowered()]; ok {
				found = name
				return false, nil
			}
		}
		return true, nil
	}, e)
	return found, found != ""
}

// checkDDLSequenceFunctions returns 1901 for a sequence function in a generated column or a
// CHECK constraint of a CREATE TABLE or ALTER TABLE.
func checkDDLSequenceFunctions(stmt ast.Statement) error {
	switch s := stmt.(type) {
	case *ast.DDL:
		return checkTableSpecFunctions(s.TableSpec)
	case *ast.AlterTable:
		for _, d := range s.Statements {
			if err := checkTableSpecFunctions(d.TableSpec); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkTableSpecFunctions(ts *ast.TableSpec) error {
	if ts == nil {
		return nil
	}
	for _, c := range ts.Columns {
		for _, x := range []struct {
			e      ast.Expr
			clause string
		}{{c.Type.Default, "DEFAULT"}, {c.Type.GeneratedExpr, "GENERATED ALWAYS AS"}, {checkExpr(c.Type.Constraint), "CHECK"}} {
			if fn, ok := firstStoredFunc(x.e); ok {
				return mariaErr(sequences.ErrGeneratedColumnFunctionNotAllowed, fn, x.clause, c.Name.String())
			}
		}
		if fn, ok := firstSequenceFunc(c.Type.GeneratedExpr); ok {
			return mariaErr(sequences.ErrGeneratedColumnFunctionNotAllowed, fn, "GENERATED ALWAYS AS", c.Name.String())
		}
		if c.Type.Constraint != nil {
			if chk, ok := c.Type.Constraint.Details.(*ast.CheckConstraintDefinition); ok {
				if fn, ok := firstSequenceFunc(chk.Expr); ok {
					return mariaErr(sequences.ErrGeneratedColumnFunctionNotAllowed, fn, "CHECK", c.Name.String())
				}
			}
		}
	}
	columnLevel := map[ast.ConstraintInfo]bool{}
	for _, c := range ts.Columns {
		if c.Type.Constraint != nil {
			columnLevel[c.Type.Constraint.Details] = true
		}
	}
	unnamed := 0
	for _, cd := range ts.Constraints {
		chk, ok := cd.Details.(*ast.CheckConstraintDefinition)
		if !ok || columnLevel[cd.Details] {
			continue
		}
		name := cd.Name
		if name == "" {
			unnamed++
			name = "CONSTRAINT_" + strconv.Itoa(unnamed)
		}
		if fn, ok := firstSequenceFunc(chk.Expr); ok {
			return mariaErr(sequences.ErrGeneratedColumnFunctionNotAllowed, fn, "CHECK", name)
		}
		if fn, ok := firstStoredFunc(chk.Expr); ok {
			return mariaErr(sequences.ErrGeneratedColumnFunctionNotAllowed, fn, "CHECK", name)
		}
	}
	return nil
}

// checkExpr is the expression of a column's CHECK constraint, if it has one.
func checkExpr(c *ast.ConstraintDefinition) ast.Expr {
	if c == nil {
		return nil
	}
	if chk, ok := c.Details.(*ast.CheckConstraintDefinition); ok {
		return chk.Expr
	}
	return nil
}

// firstStoredFunc returns, as MariaDB names it in error 1901, the first call in e of a function
// that is not built in: a stored function, which MariaDB refuses in column defaults, generated
// columns and CHECK constraints.
func firstStoredFunc(e ast.Expr) (string, bool) {
	if e == nil {
		return "", false
	}
	var found string
	_ = ast.Walk(func(n ast.SQLNode) (bool, error) {
		if found != "" {
			return false, nil
		}
		if f, ok := n.(*ast.FuncExpr); ok && f.Over == nil && (!f.Qualifier.IsEmpty() || !isBuiltinFunction(f.Name.String())) {
			if !f.Qualifier.IsEmpty() {
				found = quoteIdent(f.Qualifier.String()) + "."
			}
			found += quoteIdent(f.Name.String()) + "()"
			return false, nil
		}
		return true, nil
	}, e)
	return found, found != ""
}
