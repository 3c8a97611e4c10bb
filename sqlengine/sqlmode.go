package sqlengine

import (
	"context"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
)

// sqlModeCombinations are MariaDB's combination modes and the flags each one sets besides itself
// (expand_sql_mode in MariaDB's sql/sql_class.cc).
var sqlModeCombinations = map[string][]string{
	"ANSI":        {"REAL_AS_FLOAT", "PIPES_AS_CONCAT", "ANSI_QUOTES", "IGNORE_SPACE"},
	"ORACLE":      {"PIPES_AS_CONCAT", "ANSI_QUOTES", "IGNORE_SPACE", "NO_KEY_OPTIONS", "NO_TABLE_OPTIONS", "NO_FIELD_OPTIONS", "NO_AUTO_CREATE_USER", "SIMULTANEOUS_ASSIGNMENT"},
	"POSTGRESQL":  {"PIPES_AS_CONCAT", "ANSI_QUOTES", "IGNORE_SPACE", "NO_KEY_OPTIONS", "NO_TABLE_OPTIONS", "NO_FIELD_OPTIONS"},
	"MSSQL":       {"PIPES_AS_CONCAT", "ANSI_QUOTES", "IGNORE_SPACE", "NO_KEY_OPTIONS", "NO_TABLE_OPTIONS", "NO_FIELD_OPTIONS"},
	"DB2":         {"PIPES_AS_CONCAT", "ANSI_QUOTES", "IGNORE_SPACE", "NO_KEY_OPTIONS", "NO_TABLE_OPTIONS", "NO_FIELD_OPTIONS"},
	"MAXDB":       {"PIPES_AS_CONCAT", "ANSI_QUOTES", "IGNORE_SPACE", "NO_KEY_OPTIONS", "NO_TABLE_OPTIONS", "NO_FIELD_OPTIONS", "NO_AUTO_CREATE_USER"},
	"MYSQL323":    {"HIGH_NOT_PRECEDENCE"},
	"MYSQL40":     {"HIGH_NOT_PRECEDENCE"},
	"TRADITIONAL": {"STRICT_TRANS_TABLES", "STRICT_ALL_TABLES", "NO_ZERO_IN_DATE", "NO_ZERO_DATE", "ERROR_FOR_DIVISION_BY_ZERO", "NO_AUTO_CREATE_USER", "NO_ENGINE_SUBSTITUTION"},
}

// sqlModeType is the type of sql_mode: a set of MariaDB's flags, where assigning a combination
// mode (ORACLE, ANSI, TRADITIONAL, ...) also sets the flags it implies, as MariaDB does.
type sqlModeType struct {
	sql.SystemVariableType
	set sql.SetType
}

var _ sql.SetType = sqlModeType{}

func newSQLModeType() sqlModeType {
	inner := types.NewSystemSetType("sql_mode", sql.Collation_utf8mb4_0900_ai_ci, mariadbSQLModes...)
	return sqlModeType{SystemVariableType: inner, set: inner.(sql.SetType)}
}

// Convert implements sql.Type: names are expanded before GMS's set conversion.
func (t sqlModeType) Convert(ctx context.Context, v any) (any, sql.ConvertInRange, error) {
	if s, ok := v.(string); ok {
		v = expandSQLMode(s)
	}
	return t.SystemVariableType.Convert(ctx, v)
}

// expandSQLMode adds the flags implied by combination modes.
func expandSQLMode(s string) string {
	names := strings.Split(s, ",")
	seen := map[string]bool{}
	var out []string
	add := func(n string) {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, n := range names {
		n = strings.ToUpper(strings.TrimSpace(n))
		if n == "" {
			continue
		}
		add(n)
		for _, implied := range sqlModeCombinations[n] {
			add(implied)
		}
	}
	return strings.Join(out, ",")
}

// CharacterSet implements sql.SetType.
func (t sqlModeType) CharacterSet() sql.CharacterSetID { return t.set.CharacterSet() }

// Collation implements sql.SetType.
func (t sqlModeType) Collation() sql.CollationID { return t.set.Collation() }

// NumberOfElements implements sql.SetType.
func (t sqlModeType) NumberOfElements() uint16 { return t.set.NumberOfElements() }

// BitsToString implements sql.SetType.
func (t sqlModeType) BitsToString(bits uint64) (string, error) { return t.set.BitsToString(bits) }

// Values implements sql.SetType.
func (t sqlModeType) Values() []string { return t.set.Values() }
