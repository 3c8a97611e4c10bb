package sqlengine

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
)

// information_schema.SYSTEM_VARIABLES, SESSION_VARIABLES and GLOBAL_VARIABLES: MariaDB-only
// tables (MySQL 8 moved them to performance_schema). MariaDB's have_innodb.inc and
// have_debug_sync.inc query them, so they must exist even where their content is approximate.

var systemVariablesSchema = isSchema("SYSTEM_VARIABLES",
	"VARIABLE_NAME", isVarchar(64), false,
	"SESSION_VALUE", isVarchar(2048), true,
	"GLOBAL_VALUE", isVarchar(2048), true,
	"GLOBAL_VALUE_ORIGIN", isVarchar(64), false,
	"DEFAULT_VALUE", isVarchar(2048), true,
	"VARIABLE_SCOPE", isVarchar(64), false,
	"VARIABLE_TYPE", isVarchar(64), false,
	"VARIABLE_COMMENT", isVarchar(2048), false,
	"NUMERIC_MIN_VALUE", isVarchar(21), true,
	"NUMERIC_MAX_VALUE", isVarchar(21), true,
	"NUMERIC_BLOCK_SIZE", isVarchar(21), true,
	"ENUM_VALUE_LIST", isLongtext, true,
	"READ_ONLY", isVarchar(3), false,
	"COMMAND_LINE_ARGUMENT", isVarchar(64), true,
	"GLOBAL_VALUE_PATH", isVarchar(2048), true,
)

func variablesSchema(table string) sql.Schema {
	return isSchema(table,
		"VARIABLE_NAME", isVarchar(64), false,
		"VARIABLE_VALUE", isVarchar(4096), false,
	)
}

// sysVarNames returns the names of all system variables, sorted.
func sysVarNames() []string {
	all := sql.SystemVariables.GetAllGlobalVariables()
	names := make([]string, 0, len(all))
	for k := range all {
		names = append(names, strings.ToLower(k))
	}
	sort.Strings(names)
	return names
}

// systemVariablesRows lists every variable with its session and global values.
func systemVariablesRows(ctx *sql.Context, _ sql.Catalog) (sql.RowIter, error) {
	var rows []sql.Row
	for _, name := range sysVarNames() {
		sv, global, ok := sql.SystemVariables.GetGlobal(name)
		if !ok || sv == nil {
			continue
		}
		var sessVal, globVal any
		scope := "SESSION"
		switch {
		case sv.IsGlobalOnly():
			scope = "GLOBAL"
		case isSessionOnly(sv):
			scope = "SESSION ONLY"
		}
		if scope != "SESSION ONLY" {
			globVal = sysVarText(sv, global)
		}
		if scope != "GLOBAL" {
			if v, err := ctx.GetSessionVariable(ctx, name); err == nil {
				sessVal = sysVarText(sv, v)
			}
		}
		readOnly := "NO"
		if sv.IsReadOnly() {
			readOnly = "YES"
		}
		rows = append(rows, sql.Row{
			strings.ToUpper(name), sessVal, globVal, "COMPILE-TIME", sysVarText(sv, sv.GetDefault()),
			scope, sysVarTypeName(sv.GetType()), "", nil, nil, nil, enumValues(sv.GetType()), readOnly, nil, nil,
		})
	}
	return sql.RowsToRowIter(rows...), nil
}

// sessionVariablesRows is SHOW SESSION VARIABLES: session values, and global values of the
// global-only variables.
func sessionVariablesRows(ctx *sql.Context, _ sql.Catalog) (sql.RowIter, error) {
	var rows []sql.Row
	for _, name := range sysVarNames() {
		sv, global, ok := sql.SystemVariables.GetGlobal(name)
		if !ok || sv == nil {
			continue
		}
		val := global
		if !sv.IsGlobalOnly() {
			v, err := ctx.GetSessionVariable(ctx, name)
			if err != nil {
				continue
			}
			val = v
		}
		rows = append(rows, sql.Row{strings.ToUpper(name), sysVarText(sv, val)})
	}
	return sql.RowsToRowIter(rows...), nil
}

// globalVariablesRows is SHOW GLOBAL VARIABLES.
func globalVariablesRows(ctx *sql.Context, _ sql.Catalog) (sql.RowIter, error) {
	var rows []sql.Row
	for _, name := range sysVarNames() {
		sv, global, ok := sql.SystemVariables.GetGlobal(name)
		if !ok || sv == nil || isSessionOnly(sv) {
			continue
		}
		rows = append(rows, sql.Row{strings.ToUpper(name), sysVarText(sv, global)})
	}
	return sql.RowsToRowIter(rows...), nil
}

// isSessionOnly reports whether a variable has no global value (GMS's GetSessionScope does not
// tell).
func isSessionOnly(sv sql.SystemVariable) bool {
	m, ok := sv.(*sql.MysqlSystemVariable)
	return ok && m.Scope != nil && m.Scope.Type == sql.SystemVariableScope_Session
}

// sysVarText formats a variable's value as MariaDB shows it: booleans as ON/OFF, sets as their
// comma-separated members, numbers in decimal.
func sysVarText(sv sql.SystemVariable, v any) string {
	typ := sv.GetType()
	if _, ok := typ.(types.SystemBoolType); ok {
		if n, ok := decimalText(v); ok {
			if n == "0" {
				return "OFF"
			}
			return "ON"
		}
	}
	if st, ok := typ.(sql.SetType); ok {
		if bits, ok := v.(uint64); ok {
			if s, err := st.BitsToString(bits); err == nil {
				return s
			}
		}
	}
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []byte:
		return string(x)
	case float64:
		return strconv.FormatFloat(x, 'f', 6, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'f', 6, 32)
	case bool:
		if x {
			return "ON"
		}
		return "OFF"
	}
	if n, ok := decimalText(v); ok {
		return n
	}
	return ""
}

// decimalText is v in decimal when it is a value of one of Go's integer types.
func decimalText(v any) (string, bool) {
	switch v.(type) {
	case int8, int16, int32, int64, int, uint8, uint16, uint32, uint64, uint:
		return fmt.Sprint(v), true
	}
	return "", false
}

// sysVarTypeName is VARIABLE_TYPE.
func sysVarTypeName(t sql.Type) string {
	switch t.(type) {
	case types.SystemBoolType:
		return "BOOLEAN"
	case sql.SetType:
		return "SET"
	case sql.EnumType:
		return "ENUM"
	}
	switch {
	case types.IsFloat(t):
		return "DOUBLE"
	case types.IsUnsigned(t):
		return "BIGINT UNSIGNED"
	case types.IsInteger(t):
		return "BIGINT"
	}
	return "VARCHAR"
}

// enumValues is ENUM_VALUE_LIST for ENUM and SET variables, else NULL.
func enumValues(t sql.Type) any {
	switch et := t.(type) {
	case sql.EnumType:
		return strings.Join(et.Values(), ",")
	case sql.SetType:
		return strings.Join(et.Values(), ",")
	}
	return nil
}
