package sqlengine

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
	"github.com/dolthub/vitess/go/sqltypes"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"
)

// How MariaDB 10.11 prints a column: its type (SHOW CREATE TABLE, SHOW COLUMNS,
// information_schema.COLUMNS.COLUMN_TYPE) and its DEFAULT in the three places that show it.
//
// A column's stored type text (storage.ColumnDef.Type) is what the user wrote for numeric
// types (display width, ZEROFILL, float(M,D); see coltypes.go) and GMS's type string otherwise;
// both parse back to the same GMS type. The MariaDB text is derived from it here.

// typeSpec is the part of a parsed column type that GMS's sql.Type does not keep.
type typeSpec struct {
	name               string // lower-case base type as written: int, integer, double, ...
	length, scale      string // "" if not given
	unsigned, zerofill bool
}

var typeSpecs sync.Map // stored type text -> typeSpec

// parseTypeSpec parses stored type text as vitess does.
func parseTypeSpec(text string) typeSpec {
	if v, ok := typeSpecs.Load(text); ok {
		return v.(typeSpec)
	}
	var ts typeSpec
	if stmt, err := ast.Parse("create table t (a " + text + ")"); err == nil {
		if ddl, ok := stmt.(*ast.DDL); ok && ddl.TableSpec != nil && len(ddl.TableSpec.Columns) == 1 {
			ts = specOf(&ddl.TableSpec.Columns[0].Type)
		}
	}
	typeSpecs.Store(text, ts)
	return ts
}

func specOf(ct *ast.ColumnType) typeSpec {
	ts := typeSpec{name: strings.ToLower(ct.Type), unsigned: bool(ct.Unsigned), zerofill: bool(ct.Zerofill)}
	if ct.Length != nil {
		ts.length = string(ct.Length.Val)
	}
	if ct.Scale != nil {
		ts.scale = string(ct.Scale.Val)
	}
	return ts
}

// integerWidths are MariaDB's default display widths, signed and unsigned.
var integerWidths = map[string][2]int{
	"tinyint": {4, 3}, "smallint": {6, 5}, "mediumint": {9, 8}, "int": {11, 10}, "bigint": {20, 20},
}

// columnTypeText is the column's type as MariaDB prints it, without character set and collation.
func columnTypeText(stored string, t sql.Type) string {
	ts := parseTypeSpec(stored)
	switch {
	case types.IsJSON(t):
		return "longtext"
	case types.IsYear(t):
		return "year(4)"
	case types.IsTimespan(t):
		return "time" // GMS keeps no TIME precision; TIME(n) is refused when created
	case types.IsInteger(t):
		return integerText(ts, t)
	case types.IsFloat(t):
		return floatText(ts, t) + signText(ts, false)
	case types.IsDecimal(t):
		return t.String() + signText(ts, false)
	}
	if tc, ok := t.(sql.TypeWithCollation); ok {
		return tc.StringWithTableCollation(tc.Collation())
	}
	return t.String()
}

// integerText is int(11), smallint(3) unsigned zerofill, tinyint(1) and so on.
func integerText(ts typeSpec, t sql.Type) string {
	name := strings.Fields(t.String())[0]
	if i := strings.IndexByte(name, '('); i >= 0 {
		name = name[:i]
	}
	unsigned := types.IsUnsigned(t)
	w := integerWidths[name][0]
	if unsigned {
		w = integerWidths[name][1]
	}
	if nt, ok := t.(sql.NumberType); ok && nt.DisplayWidth() > 0 {
		w = nt.DisplayWidth()
	}
	if ts.length != "" {
		if n, err := strconv.Atoi(ts.length); err == nil {
			w = n
		}
	}
	return fmt.Sprintf("%s(%d)", name, w) + signText(ts, unsigned)
}

// floatText is float, double, float(7,4) or double(10,3).
func floatText(ts typeSpec, t sql.Type) string {
	name := "double"
	if t.Type() == sqltypes.Float32 {
		name = "float"
	}
	if ts.length != "" && ts.scale != "" {
		return fmt.Sprintf("%s(%s,%s)", name, ts.length, ts.scale)
	}
	return name
}

func signText(ts typeSpec, unsigned bool) string {
	switch {
	case ts.zerofill:
		return " unsigned zerofill"
	case ts.unsigned || unsigned:
		return " unsigned"
	}
	return ""
}

// columnCollation is the collation of a character column, or 0 for other columns.
func columnCollation(t sql.Type) sql.CollationID {
	if types.IsJSON(t) {
		return sql.Collation_utf8mb4_bin
	}
	if !types.IsText(t) && !types.IsEnum(t) && !types.IsSet(t) {
		return 0
	}
	if tc, ok := t.(sql.TypeWithCollation); ok && tc.Collation() != sql.Collation_binary {
		return tc.Collation()
	}
	return 0
}

// charsetText is " CHARACTER SET cs COLLATE coll" when a character column's collation differs
// from the table's, as SHOW CREATE TABLE prints it.
func charsetText(t sql.Type, tableColl sql.CollationID) string {
	c := columnCollation(t)
	if c == 0 || c == tableColl {
		return ""
	}
	return " CHARACTER SET " + c.CharacterSet().Name() + " COLLATE " + c.Name()
}

// defaultKind classifies a column's DEFAULT.
type defaultKind int

const (
	defaultNone    defaultKind = iota // no DEFAULT (NOT NULL without default, AUTO_INCREMENT, generated)
	defaultNull                       // DEFAULT NULL, said or implied
	defaultLiteral                    // a constant, converted to the column's type
	defaultExpr                       // an expression
)

// columnDefault is a column's DEFAULT as MariaDB shows it.
type columnDefault struct {
	kind   defaultKind
	text   string // literal: the value's text, unquoted; expression: MariaDB's print
	quoted bool   // a literal that is printed in quotes (strings, dates)
	parens bool   // an expression that SHOW CREATE wraps in parentheses
}

// defaultOf returns the DEFAULT of a column.
func defaultOf(ctx *sql.Context, c columnMeta) columnDefault {
	cd := c.def
	d := strings.TrimSpace(cd.Default)
	switch {
	case cd.Generated != "" || cd.AutoIncrement:
		return columnDefault{kind: defaultNone}
	case d == "" || strings.EqualFold(d, "NULL"):
		if cd.Nullable {
			return columnDefault{kind: defaultNull}
		}
		return columnDefault{kind: defaultNone}
	}
	e, ok := parseExpr(d)
	if !ok {
		return columnDefault{kind: defaultExpr, text: d}
	}
	if v, ok := literalValue(e); ok {
		if v == nil {
			return columnDefault{kind: defaultNull}
		}
		d := literalDefault(ctx, v, c.typ)
		if ts := parseTypeSpec(cd.Type); ts.zerofill && !d.quoted {
			d.text = zeroFill(d.text, ts, c.typ)
		}
		return d
	}
	return columnDefault{kind: defaultExpr, text: printExpr(e), parens: needsParensInDefault(e)}
}

// zeroFill pads a ZEROFILL column's value with zeros to its display width, as MariaDB stores it.
func zeroFill(text string, ts typeSpec, t sql.Type) string {
	width := 0
	switch {
	case types.IsInteger(t):
		name := strings.Fields(integerText(ts, t))[0]
		width, _ = strconv.Atoi(name[strings.IndexByte(name, '(')+1 : len(name)-1])
	case types.IsDecimal(t):
		if dt, ok := t.(sql.DecimalType); ok {
			width = int(dt.Precision())
			if dt.Scale() > 0 {
				width++
			}
		}
	}
	for len(text) < width {
		text = "0" + text
	}
	return text
}

// literalValue returns the value of a constant expression: a literal, possibly negated.
func literalValue(e ast.Expr) (any, bool) {
	for {
		pe, ok := e.(*ast.ParenExpr)
		if !ok {
			break
		}
		e = pe.Expr
	}
	switch e := e.(type) {
	case *ast.NullVal:
		return nil, true
	case ast.BoolVal:
		if e {
			return int64(1), true
		}
		return int64(0), true
	case *ast.SQLVal:
		return sqlValValue(e)
	case *ast.UnaryExpr:
		if e.Operator != ast.UMinusStr {
			return nil, false
		}
		if v, ok := e.Expr.(*ast.SQLVal); ok && (v.Type == ast.IntVal || v.Type == ast.FloatVal) {
			return "-" + string(v.Val), true
		}
	}
	return nil, false
}

func sqlValValue(v *ast.SQLVal) (any, bool) {
	switch v.Type {
	case ast.StrVal:
		return string(v.Val), true
	case ast.IntVal, ast.FloatVal:
		return string(v.Val), true
	case ast.BitVal:
		n, err := strconv.ParseUint(string(v.Val), 2, 64)
		return n, err == nil
	case ast.HexNum:
		n, err := strconv.ParseUint(strings.TrimPrefix(strings.ToLower(string(v.Val)), "0x"), 16, 64)
		return n, err == nil
	}
	return nil, false
}

// literalDefault converts a constant to the column's type and formats it as MariaDB prints the
// stored field value.
func literalDefault(ctx *sql.Context, v any, t sql.Type) columnDefault {
	if types.IsBit(t) {
		if s, ok := v.(string); ok {
			if n, err := strconv.ParseUint(s, 10, 64); err == nil {
				v = n
			}
		}
	}
	cv, _, err := t.Convert(ctx, v)
	if err != nil || cv == nil {
		s, _ := v.(string)
		return columnDefault{kind: defaultLiteral, text: s, quoted: !types.IsNumber(t)}
	}
	switch {
	case types.IsBit(t):
		n, _ := cv.(uint64)
		return columnDefault{kind: defaultLiteral, text: "b'" + strconv.FormatUint(n, 2) + "'"}
	case types.IsFloat(t):
		return columnDefault{kind: defaultLiteral, text: floatValueText(cv, t.Type() == sqltypes.Float32)}
	case types.IsTime(t) && isZeroDate(v):
		return columnDefault{kind: defaultLiteral, text: zeroDateText(t), quoted: true}
	}
	text := valueString(cv)
	if sv, err := t.SQL(ctx, nil, cv); err == nil {
		text = sv.ToString()
	}
	if types.IsTimespan(t) {
		text = strings.TrimSuffix(text, ".000000")
	}
	quoted := !types.IsNumber(t) && !types.IsYear(t)
	return columnDefault{kind: defaultLiteral, text: text, quoted: quoted}
}

func valueString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprint(v)
}

// isZeroDate reports whether a DATE/DATETIME literal is MariaDB's zero date, which GMS does not
// keep as written.
func isZeroDate(v any) bool {
	s, ok := v.(string)
	return ok && strings.HasPrefix(s, "0000-00-00")
}

func zeroDateText(t sql.Type) string {
	if t.Type() == sqltypes.Date {
		return "0000-00-00"
	}
	return "0000-00-00 00:00:00"
}

// floatValueText prints a FLOAT or DOUBLE as MariaDB does: shortest digits, exponent without
// '+' or leading zeros (1e20, 1.5e-7).
func floatValueText(v any, single bool) string {
	var f float64
	bits := 64
	switch x := v.(type) {
	case float32:
		f, bits = float64(x), 32
	case float64:
		f = x
	default:
		return fmt.Sprint(v)
	}
	if single {
		bits = 32
	}
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return fmt.Sprint(f)
	}
	s := strconv.FormatFloat(f, 'g', -1, bits)
	exp := 0
	if f != 0 {
		exp = int(math.Floor(math.Log10(math.Abs(f))))
	}
	if !strings.Contains(s, "e") && exp < 15 {
		return s
	}
	if exp < 15 && exp >= -4 {
		return strconv.FormatFloat(f, 'f', -1, bits)
	}
	s = strconv.FormatFloat(f, 'e', -1, bits)
	mant, e, _ := strings.Cut(s, "e")
	sign := ""
	if strings.HasPrefix(e, "-") {
		sign = "-"
	}
	e = strings.TrimLeft(strings.TrimLeft(e, "+-"), "0")
	if e == "" {
		e = "0"
	}
	return mant + "e" + sign + e
}

// showCreateDefault is the DEFAULT clause value of SHOW CREATE TABLE ("" for no clause).
func (d columnDefault) showCreate() string {
	switch d.kind {
	case defaultNull:
		return "NULL"
	case defaultLiteral:
		if d.quoted {
			return quoteString(d.text)
		}
		return d.text
	case defaultExpr:
		if d.parens {
			return "(" + d.text + ")"
		}
		return d.text
	}
	return ""
}

// infoSchema is information_schema.COLUMNS.COLUMN_DEFAULT: NULL for no default, the string
// 'NULL' for DEFAULT NULL, literals as in SHOW CREATE TABLE.
func (d columnDefault) infoSchema() any {
	if d.kind == defaultNone {
		return nil
	}
	return d.showCreate()
}

// showColumns is the Default column of SHOW COLUMNS: literals unquoted, except for BLOB and
// TEXT columns, whose defaults MariaDB keeps as expressions.
func (d columnDefault) showColumns(t sql.Type) any {
	switch d.kind {
	case defaultNone, defaultNull:
		return nil
	case defaultLiteral:
		if d.quoted && types.IsTextBlob(t) {
			return quoteString(d.text)
		}
		return d.text
	}
	return d.showCreate()
}

// onUpdateText is MariaDB's ON UPDATE expression.
func onUpdateText(s string) string {
	if e, ok := parseExpr(s); ok {
		return printExpr(e)
	}
	return lowerFuncs(s)
}

// exprText is a stored expression (CHECK, GENERATED) as MariaDB prints it.
func exprText(s string) string {
	if e, ok := parseExpr(s); ok {
		return printExpr(e)
	}
	return s
}
