package sqlengine

import (
	"strings"
	"sync/atomic"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
	"github.com/dolthub/go-mysql-server/sql/variables"
)

// mariadbSQLModes are the sql_mode flags MariaDB 10.11 accepts, in MariaDB's bit order.
var mariadbSQLModes = []string{
	"REAL_AS_FLOAT", "PIPES_AS_CONCAT", "ANSI_QUOTES", "IGNORE_SPACE", "IGNORE_BAD_TABLE_OPTIONS",
	"ONLY_FULL_GROUP_BY", "NO_UNSIGNED_SUBTRACTION", "NO_DIR_IN_CREATE", "POSTGRESQL", "ORACLE",
	"MSSQL", "DB2", "MAXDB", "NO_KEY_OPTIONS", "NO_TABLE_OPTIONS", "NO_FIELD_OPTIONS", "MYSQL323",
	"MYSQL40", "ANSI", "NO_AUTO_VALUE_ON_ZERO", "NO_BACKSLASH_ESCAPES", "STRICT_TRANS_TABLES",
	"STRICT_ALL_TABLES", "NO_ZERO_IN_DATE", "NO_ZERO_DATE", "ALLOW_INVALID_DATES",
	"ERROR_FOR_DIVISION_BY_ZERO", "TRADITIONAL", "NO_AUTO_CREATE_USER", "HIGH_NOT_PRECEDENCE",
	"NO_ENGINE_SUBSTITUTION", "PAD_CHAR_TO_FULL_LENGTH", "EMPTY_STRING_IS_NULL",
	"SIMULTANEOUS_ASSIGNMENT", "TIME_ROUND_FRACTIONAL",
}

// defaultSQLMode is MariaDB 10.11's default sql_mode.
const defaultSQLMode = "STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION"

func sysVar(name string, scope sql.MysqlSVScopeType, dynamic bool, typ sql.Type, def any) sql.SystemVariable {
	return &sql.MysqlSystemVariable{
		Name:    name,
		Scope:   sql.GetMysqlScope(scope),
		Dynamic: dynamic,
		Type:    typ,
		Default: def,
	}
}

// mariadbVariables returns the system variables seqd defines or redefines so that they read as a
// MariaDB 10.11 server started with cfg.
func mariadbVariables(cfg Config) []sql.SystemVariable {
	both, global, session := sql.SystemVariableScope_Both, sql.SystemVariableScope_Global, sql.SystemVariableScope_Session
	logBin, binlogFormat := int8(0), "MIXED"
	if cfg.LogBin {
		logBin, binlogFormat = 1, "ROW"
	}
	collation := cfg.CollationServer
	if collation == "" {
		collation = defaultCollationFor(cfg.CharacterSetServer)
	}
	engineType := types.NewSystemEnumType("default_storage_engine", engines...)
	return []sql.SystemVariable{
		sysVar("version", global, false, types.NewSystemStringType("version"), Version),
		sysVar("version_comment", global, false, types.NewSystemStringType("version_comment"), "seqd"),
		sysVar("version_compile_os", global, false, types.NewSystemStringType("version_compile_os"), "debian-linux-gnu"),
		sysVar("version_compile_machine", global, false, types.NewSystemStringType("version_compile_machine"), "x86_64"),
		sysVar("sql_mode", both, true, newSQLModeType(), defaultSQLMode),
		sysVar("default_storage_engine", both, true, engineType, mustCanonicalEngine(cfg.DefaultStorageEngine)),
		sysVar("storage_engine", both, true, types.NewSystemEnumType("storage_engine", engines...), mustCanonicalEngine(cfg.DefaultStorageEngine)),
		sysVar("default_tmp_storage_engine", both, true, types.NewSystemStringType("default_tmp_storage_engine"), ""),
		sysVar("character_set_server", both, true, types.NewSystemStringType("character_set_server"), cfg.CharacterSetServer),
		sysVar("collation_server", both, true, types.NewSystemStringType("collation_server"), collation),
		sysVar("character_set_database", both, true, types.NewSystemStringType("character_set_database"), cfg.CharacterSetServer),
		sysVar("collation_database", both, true, types.NewSystemStringType("collation_database"), collation),
		sysVar("log_bin", global, false, types.NewSystemBoolType("log_bin"), logBin),
		sysVar("log_bin_trust_function_creators", global, true, types.NewSystemBoolType("log_bin_trust_function_creators"), boolVar(cfg.LogBinTrustFunctionCreators)),
		sysVar("binlog_format", both, true, types.NewSystemEnumType("binlog_format", "MIXED", "STATEMENT", "ROW"), binlogFormat),
		sysVar("innodb_force_primary_key", global, true, types.NewSystemBoolType("innodb_force_primary_key"), int8(0)),
		sysVar("innodb_compression_default", both, true, types.NewSystemBoolType("innodb_compression_default"), int8(0)),
		sysVar("innodb_lock_wait_timeout", both, true, types.NewSystemIntType("innodb_lock_wait_timeout", 0, 100000000, false), int64(50)),
		sysVar("lock_wait_timeout", both, true, types.NewSystemIntType("lock_wait_timeout", 0, 31536000, false), int64(86400)),
		sysVar("have_sanitizer", global, false, types.NewSystemStringType("have_sanitizer"), ""),
		sysVar("max_statement_time", both, true, types.NewSystemDoubleType("max_statement_time", 0, 31536000), float64(0)),
		sysVar("old_mode", both, true, types.NewSystemStringType("old_mode"), "UTF8_IS_UTF8MB3"),
		sysVar("lower_case_table_names", global, false, types.NewSystemIntType("lower_case_table_names", 0, 2, false), int64(0)),
		sysVar("sql_log_bin", session, true, types.NewSystemBoolType("sql_log_bin"), int8(1)),
		// mtr's setting (MariaDB's own default is PREFERABLY_FOR_QUERIES); see admin.go.
		sysVar("use_stat_tables", both, true, types.NewSystemEnumType("use_stat_tables", "NEVER", "COMPLEMENTARY", "PREFERABLY", "COMPLEMENTARY_FOR_QUERIES", "PREFERABLY_FOR_QUERIES"), "PREFERABLY"),
	}
}

// boolVar is a boolean system variable's value.
func boolVar(b bool) int8 {
	if b {
		return 1
	}
	return 0
}

func mustCanonicalEngine(name string) string {
	e, ok := canonicalEngine(name)
	if !ok {
		return "InnoDB"
	}
	return e
}

// defaultCollationFor returns MariaDB 10.11's default collation of a character set.
func defaultCollationFor(charset string) string {
	switch strings.ToLower(charset) {
	case "latin1":
		return "latin1_swedish_ci"
	case "utf8", "utf8mb3":
		return "utf8mb3_general_ci"
	case "utf8mb4":
		return "utf8mb4_general_ci"
	case "binary":
		return "binary"
	case "ascii":
		return "ascii_general_ci"
	}
	return strings.ToLower(charset) + "_general_ci"
}

// installSystemVariables makes GMS's process-global variable registry read like MariaDB 10.11
// started with cfg, and makes throwaway contexts cheap (see sessionMapRegistry).
func installSystemVariables(cfg Config) error {
	reg, ok := sql.SystemVariables.(*sessionMapRegistry)
	if !ok {
		variables.InitSystemVariables()
		reg = &sessionMapRegistry{SystemVariableRegistry: sql.SystemVariables}
		sql.SystemVariables = reg
	}
	reg.AddSystemVariables(mariadbVariables(cfg))
	if _, ok := sql.StatusVariables.(*statusMapRegistry); !ok {
		variables.InitStatusVariables()
		sql.StatusVariables = &statusMapRegistry{StatusVariableRegistry: sql.StatusVariables, building: &reg.building}
	}
	return nil
}

// sessionMapRegistry wraps GMS's global variable registry so that only real connection sessions
// pay for a full copy of the session variable map.
//
// GMS creates a throwaway sql.Context (and with it a BaseSession holding a copy of every system
// variable) several times per statement, e.g. in plan.IsDualTable; in stock GMS that copy is about
// 40% of the CPU of "SELECT 1". Those throwaway sessions never read variables, so they get an empty
// map. newRealSession marks the window in which a connection's session is built; during it every
// caller gets a full copy, which is merely slower for a throwaway context, never wrong.
type sessionMapRegistry struct {
	sql.SystemVariableRegistry
	building atomic.Int32 // number of real sessions being built right now
}

// NewSessionMap implements sql.SystemVariableRegistry.
func (r *sessionMapRegistry) NewSessionMap() map[string]sql.SystemVarValue {
	if r.building.Load() > 0 {
		return r.SystemVariableRegistry.NewSessionMap()
	}
	return map[string]sql.SystemVarValue{}
}

// statusMapRegistry does for GMS's status variables what sessionMapRegistry does for system
// variables: a throwaway context gets an empty status map (GMS's IncrementStatusVariable ignores
// names a session does not have), a real session a full copy. Without it, copying the status
// variables for the throwaway contexts of plan.IsDualTable was about half the CPU of
// "SELECT 1".
type statusMapRegistry struct {
	sql.StatusVariableRegistry
	building *atomic.Int32 // sessionMapRegistry.building
}

// NewSessionMap implements sql.StatusVariableRegistry.
func (r *statusMapRegistry) NewSessionMap() map[string]sql.StatusVarValue {
	if r.building.Load() > 0 {
		return r.StatusVariableRegistry.NewSessionMap()
	}
	return map[string]sql.StatusVarValue{}
}

// newRealSession builds a BaseSession with full variable maps.
func newRealSession(addr string, client sql.Client, id uint32) *sql.BaseSession {
	reg, ok := sql.SystemVariables.(*sessionMapRegistry)
	if ok {
		reg.building.Add(1)
		defer reg.building.Add(-1)
	}
	return sql.NewBaseSessionWithClientServer(addr, client, id)
}
