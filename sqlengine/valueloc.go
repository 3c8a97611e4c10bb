package sqlengine

import (
	"reflect"
	"strings"

	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/storage"
)

// GMS's conversion errors give the offending value but not the column or row, which MariaDB's
// messages name ("Out of range value for column 'u' at row 2"). valueLocation finds the literal
// in the failing INSERT or UPDATE and so the column it was meant for and its row.

// valueMatcher recognizes the literal an error message quotes.
type valueMatcher func(ast.Expr) bool

// strValue matches a string literal (or a number written as the same text).
func strValue(s string) valueMatcher {
	return func(e ast.Expr) bool {
		v, ok := e.(*ast.SQLVal)
		return ok && string(v.Val) == s
	}
}

// numValue matches a number literal, possibly negative.
func numValue(s string) valueMatcher {
	neg := strings.HasPrefix(s, "-")
	abs := strings.TrimPrefix(s, "-")
	return func(e ast.Expr) bool {
		if v, ok := e.(*ast.SQLVal); ok && string(v.Val) == s {
			return true
		}
		if u, ok := e.(*ast.UnaryExpr); ok && u.Operator == ast.UMinusStr {
			if !neg {
				return false
			}
			e = u.Expr
		} else if neg {
			return false
		}
		v, ok := e.(*ast.SQLVal)
		return ok && (v.Type == ast.IntVal || v.Type == ast.FloatVal || v.Type == ast.StrVal) && string(v.Val) == abs
	}
}

// valueLocation is where a literal is in the statement.
type valueLocation struct {
	db, table, column string
	typeWord          string // MariaDB's type word of the column: integer, decimal, date, ...
	row               int    // 1-based
}

// locateValue finds the first literal the matcher accepts in the failing INSERT or UPDATE.
func (t *translator) locateValue(match valueMatcher) valueLocation {
	return t.locateValueFor(match, nil)
}

// locateValueFor finds the first literal the matcher accepts that goes to a column fits
// accepts (any column when fits is nil).
func (t *translator) locateValueFor(match valueMatcher, fits func(db, table, column string) bool) valueLocation {
	loc := valueLocation{row: 1, db: t.currentDB()}
	switch s := t.statement().(type) {
	case *ast.Insert:
		loc.table = s.Table.Name.String()
		if q := s.Table.DbQualifier.String(); q != "" {
			loc.db = q
		}
		rows := insertValues(s)
		for r, tuple := range rows {
			for i, e := range tuple {
				if match(e) {
					col := t.insertColumn(loc.db, loc.table, s.Columns, i)
					if fits != nil && !fits(loc.db, loc.table, col) {
						continue
					}
					loc.row = r + 1
					loc.column = col
					loc.typeWord = t.columnTypeWord(loc.db, loc.table, loc.column)
					return loc
				}
			}
		}
	case *ast.Update:
		if len(s.TableExprs) == 1 {
			if at, ok := s.TableExprs[0].(*ast.AliasedTableExpr); ok {
				if tn, ok := at.Expr.(ast.TableName); ok {
					loc.table = tn.Name.String()
					if q := tn.DbQualifier.String(); q != "" {
						loc.db = q
					}
				}
			}
		}
		for _, a := range s.Exprs {
			if match(a.Expr) && (fits == nil || fits(loc.db, loc.table, a.Name.Name.String())) {
				loc.column = a.Name.Name.String()
				loc.typeWord = t.columnTypeWord(loc.db, loc.table, loc.column)
				return loc
			}
		}
	}
	return loc
}

// insertColumn is the column the i-th value of an INSERT row goes to.
func (t *translator) insertColumn(db, table string, cols ast.Columns, i int) string {
	if len(cols) > 0 {
		if i < len(cols) {
			return cols[i].String()
		}
		return ""
	}
	if def, ok := t.tableDef(db, table); ok && i < len(def.Columns) {
		return def.Columns[i].Name
	}
	return ""
}

// tableDef is a table of the session: a temporary one, else the catalogue's.
func (t *translator) tableDef(db, table string) (*storage.TableDef, bool) {
	if t.sess == nil {
		return nil, false
	}
	if def, ok := t.sess.temp.get(db, table); ok {
		return def, true
	}
	return t.sess.srv.catalogOf(nil).Table(db, table)
}

// columnTypeWord is MariaDB's word for a column's type in "Incorrect %s value".
func (t *translator) columnTypeWord(db, table, column string) string {
	if c, ok := t.tableColumn(db, table, column); ok {
		return typeWord(strings.Fields(c.Type)[0])
	}
	return ""
}

// tableColumn is a column of a catalogue table.
func (t *translator) tableColumn(db, table, column string) (storage.ColumnDef, bool) {
	def, ok := t.tableDef(db, table)
	if !ok || column == "" {
		return storage.ColumnDef{}, false
	}
	for _, c := range def.Columns {
		if strings.EqualFold(c.Name, column) {
			return c, true
		}
	}
	return storage.ColumnDef{}, false
}

// columnOfRangeError returns the column and row of the literal that a GMS "out of range for
// <type>" error quotes: the first such literal that goes to a column of that type, since an
// equal literal may fit an earlier column (-1 for a signed column before an unsigned one).
func (t *translator) columnOfRangeError(match valueMatcher, gmsType string) (string, int) {
	want := strings.Fields(strings.ToLower(gmsType))
	if len(want) == 0 {
		return t.columnOfValue(match)
	}
	fits := func(db, table, column string) bool {
		c, ok := t.tableColumn(db, table, column)
		if !ok {
			return true
		}
		have := strings.Fields(strings.ToLower(c.Type))
		base := func(w string) string { return strings.SplitN(w, "(", 2)[0] }
		return len(have) > 0 && base(have[0]) == base(want[0]) &&
			strings.Contains(c.Type, "unsigned") == strings.Contains(gmsType, "unsigned")
	}
	if loc := t.locateValueFor(match, fits); loc.column != "" {
		return loc.column, loc.row
	}
	if loc := t.locateComputedValue(fits); loc.column != "" {
		return loc.column, loc.row
	}
	return t.columnOfValue(match)
}

// locateComputedValue finds the value of an INSERT that is computed (NEXT VALUE FOR s, a
// function, ...) rather than written, and goes to a column fits accepts, when there is exactly
// one such value: the quoted number is then its result.
func (t *translator) locateComputedValue(fits func(db, table, column string) bool) valueLocation {
	s, ok := t.statement().(*ast.Insert)
	if !ok {
		return valueLocation{}
	}
	loc := valueLocation{db: t.currentDB(), table: s.Table.Name.String()}
	if q := s.Table.DbQualifier.String(); q != "" {
		loc.db = q
	}
	var found []valueLocation
	for r, tuple := range insertValues(s) {
		for i, e := range tuple {
			if u, ok := e.(*ast.UnaryExpr); ok {
				e = u.Expr
			}
			switch e.(type) {
			case *ast.SQLVal, *ast.NullVal, *ast.Default, ast.BoolVal:
				continue
			}
			if col := t.insertColumn(loc.db, loc.table, s.Columns, i); col != "" && fits(loc.db, loc.table, col) {
				l := loc
				l.column, l.row = col, r+1
				found = append(found, l)
			}
		}
	}
	if len(found) != 1 {
		return valueLocation{}
	}
	return found[0]
}

// columnOfValue returns the column and row of a literal.
func (t *translator) columnOfValue(match valueMatcher) (string, int) {
	loc := t.locateValue(match)
	return loc.column, loc.row
}

// rowOfValue returns the row of a literal.
func (t *translator) rowOfValue(match valueMatcher) int {
	return t.locateValue(match).row
}

// visitAST calls fn for every node reachable from n through exported fields, slices, pointers
// and interfaces, depth-first in field order, until fn returns false.
func visitAST(n any, fn func(any) bool) {
	var walk func(v reflect.Value) bool
	walk = func(v reflect.Value) bool {
		switch v.Kind() {
		case reflect.Interface, reflect.Pointer:
			if v.IsNil() {
				return true
			}
			if !fn(v.Interface()) {
				return false
			}
			if v.Kind() == reflect.Pointer {
				return walk(v.Elem())
			}
			return walkValue(v.Elem(), walk)
		case reflect.Struct, reflect.Slice, reflect.Array:
			if v.CanInterface() && !fn(v.Interface()) {
				return false
			}
			return walkValue(v, walk)
		}
		return true
	}
	if n != nil {
		walk(reflect.ValueOf(n))
	}
}

// walkValue walks the fields or elements of a struct, slice or array.
func walkValue(v reflect.Value, walk func(reflect.Value) bool) bool {
	switch v.Kind() {
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < v.NumField(); i++ {
			if t.Field(i).IsExported() && !walk(v.Field(i)) {
				return false
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if !walk(v.Index(i)) {
				return false
			}
		}
	case reflect.Pointer, reflect.Interface:
		return walk(v)
	}
	return true
}
