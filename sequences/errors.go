package sequences

import "errors"

// This file is seqd's error catalogue: every user-visible error is declared here once, with
// MariaDB's number, SQLSTATE, symbolic name and message format copied from MariaDB 10.11's
// sql/share/errmsg-utf8.txt (SQLSTATE HY000 where the file gives none). sqlengine turns an *Error
// into a *mysql.SQLError by reading Code, SQLState and Message.
//
// Build an error with Kind.New (the arguments follow the format's verbs, in order):
//
//	return ErrRunOut.New("test", "s1") // Sequence 'test.s1' has run out
//
// and test for one with errors.Is(err, ErrRunOut).

// Kind is one error of the catalogue.
type Kind struct {
	Code   int    // MariaDB error number
	State  string // SQLSTATE
	Name   string // MariaDB's symbol, e.g. ER_SEQUENCE_RUN_OUT
	Format string // message format in MariaDB's printf dialect (see mysqlSprintf)
}

// Error is an error of a catalogue Kind with its rendered message. It is a value users see, so
// Message is exactly MariaDB's text.
type Error struct {
	Kind    *Kind
	Message string
}

var catalogue []*Kind

func newKind(code int, state, name, format string) *Kind {
	k := &Kind{Code: code, State: state, Name: name, Format: format}
	catalogue = append(catalogue, k)
	return k
}

// Catalogue returns every declared Kind, in declaration order.
func Catalogue() []*Kind { return append([]*Kind(nil), catalogue...) }

// KindByCode returns the Kind with MariaDB error number code, or nil.
func KindByCode(code int) *Kind {
	for _, k := range catalogue {
		if k.Code == code {
			return k
		}
	}
	return nil
}

// New renders the message with args and returns the error.
func (k *Kind) New(args ...any) *Error {
	return &Error{Kind: k, Message: mysqlSprintf(k.Format, args)}
}

// Error makes a Kind usable as the target of errors.Is; it returns the symbol.
func (k *Kind) Error() string { return k.Name }

// Error returns the MariaDB message text.
func (e *Error) Error() string { return e.Message }

// Is reports whether target is e's Kind, so errors.Is(err, ErrRunOut) works.
func (e *Error) Is(target error) bool {
	k, ok := target.(*Kind)
	return ok && k == e.Kind
}

// Code returns the MariaDB error number.
func (e *Error) Code() int { return e.Kind.Code }

// SQLState returns the SQLSTATE.
func (e *Error) SQLState() string { return e.Kind.State }

// AsError returns the *Error in err's chain, if any.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// SyntaxError returns MariaDB's 1064 error: near is the statement text from the failing token
// on (cut to 80 bytes by the format), line the 1-based line of that token.
func SyntaxError(near string, line int) *Error {
	return ErrParse.New(ErrSyntax.Format, near, line)
}

// Internal sentinels. They are not shown to users as MariaDB errors.
var (
	// ErrNotSequenceDDL is returned by Parse for a statement that is not sequence DDL; the caller
	// hands such statements to the general SQL parser.
	ErrNotSequenceDDL = errors.New("sequences: not sequence DDL")
	// ErrClosed is returned by a Sequence after Manager.Forget; open it again from the Manager.
	ErrClosed = errors.New("sequences: sequence closed")
	// ErrDropped is returned by a Sequence after Manager.Drop.
	ErrDropped = errors.New("sequences: sequence dropped")
)

// seqd's own errors, for features MariaDB does not have. Numbers 4900 and up are unused by
// MariaDB 10.11 (its sequence-era errors end near 4200).
var (
	// ErrBatchPastEnd is returned by Sequence.NextN when fewer than the requested values are left
	// before the end of a NOCYCLE sequence; args: db, name, count.
	ErrBatchPastEnd = newKind(4900, "HY000", "ER_SEQD_SEQUENCE_BATCH_PAST_END",
		`Sequence '%-.64s.%-.64s' has fewer than %d values left`)
	// ErrBatchWraps is returned by Sequence.NextN when a batch of a CYCLE sequence would pass
	// MAXVALUE (MINVALUE when descending) and wrap inside the batch; args: db, name, count.
	ErrBatchWraps = newKind(4901, "HY000", "ER_SEQD_SEQUENCE_BATCH_WRAPS",
		`Sequence '%-.64s.%-.64s' cannot give %d contiguous values without cycling`)
)

// Sequences (sql/sql_sequence.cc, suite/sql_sequence).
var (
	// ErrRunOut is ER_SEQUENCE_RUN_OUT (4084). Returned by NEXTVAL past the end of a NOCYCLE sequence;
	// args: db, name.
	ErrRunOut = newKind(4084, "HY000", "ER_SEQUENCE_RUN_OUT",
		`Sequence '%-.64s.%-.64s' has run out`)
	// ErrInvalidData is ER_SEQUENCE_INVALID_DATA (4085). Returned when CREATE/ALTER/INSERT would leave
	// options out of range; args: db, name.
	ErrInvalidData = newKind(4085, "HY000", "ER_SEQUENCE_INVALID_DATA",
		`Sequence '%-.64s.%-.64s' has out of range value for options`)
	// ErrInvalidTableStructure is ER_SEQUENCE_INVALID_TABLE_STRUCTURE (4086). Returned by CREATE TABLE
	// ... SEQUENCE=1 with a wrong column list; args: db, name, reason.
	ErrInvalidTableStructure = newKind(4086, "HY000", "ER_SEQUENCE_INVALID_TABLE_STRUCTURE",
		`Sequence '%-.64s.%-.64s' table structure is invalid (%s)`)
	// ErrSequenceAccess is ER_SEQUENCE_ACCESS_ERROR (4087). MariaDB's generic sequence access error;
	// args: db, name.
	ErrSequenceAccess = newKind(4087, "HY000", "ER_SEQUENCE_ACCESS_ERROR",
		`Sequence '%-.64s.%-.64s' access error`)
	// ErrSequenceBinlogFormat is ER_SEQUENCE_BINLOG_FORMAT (4088). Declared by MariaDB; its tests show
	// 1665 instead.
	ErrSequenceBinlogFormat = newKind(4088, "HY000", "ER_SEQUENCE_BINLOG_FORMAT",
		`Sequences requires binlog_format mixed or row`)
	// ErrNotSequence is ER_NOT_SEQUENCE (4089). Returned when a sequence operation names a table or
	// view; args: db, name.
	ErrNotSequence = newKind(4089, "42S02", "ER_NOT_SEQUENCE",
		`'%-.64s.%-.64s' is not a SEQUENCE`)
	// ErrNotSequence2 is ER_NOT_SEQUENCE2 (4090). The Note of DROP SEQUENCE IF EXISTS on a table, and
	// NEXTVAL on a CTE; args: name.
	ErrNotSequence2 = newKind(4090, "42S02", "ER_NOT_SEQUENCE2",
		`'%-.192s' is not a SEQUENCE`)
	// ErrUnknownSequences is ER_UNKNOWN_SEQUENCES (4091). Returned for a missing sequence; args:
	// comma-separated names.
	ErrUnknownSequences = newKind(4091, "42S02", "ER_UNKNOWN_SEQUENCES",
		`Unknown SEQUENCE: '%-.300s'`)
	// ErrUnknownView is ER_UNKNOWN_VIEW (4092). The Note of DROP VIEW IF EXISTS on a sequence; args:
	// name.
	ErrUnknownView = newKind(4092, "42S02", "ER_UNKNOWN_VIEW",
		`Unknown VIEW: '%-.300s'`)
	// ErrWrongInsertIntoSequence is ER_WRONG_INSERT_INTO_SEQUENCE (4093). Returned for an INSERT into
	// a sequence that is not a single-table INSERT.
	ErrWrongInsertIntoSequence = newKind(4093, "HY000", "ER_WRONG_INSERT_INTO_SEQUENCE",
		`Wrong INSERT into a SEQUENCE. One can only do single table INSERT into a sequence object (like with mariadb-dump).  If you want to change the SEQUENCE, use ALTER SEQUENCE instead.`)
)

// Parsing and DDL.
var (
	// ErrParse is ER_PARSE_ERROR (1064). A syntax error; build it with SyntaxError.
	ErrParse = newKind(1064, "42000", "ER_PARSE_ERROR",
		`%s near '%-.80T' at line %d`)
	// ErrSyntax is ER_SYNTAX_ERROR (1149). The text that 1064 embeds; not returned on its own.
	ErrSyntax = newKind(1149, "42000", "ER_SYNTAX_ERROR",
		`You have an error in your SQL syntax; check the manual that corresponds to your MariaDB server version for the right syntax to use`)
	// ErrDupArgument is ER_DUP_ARGUMENT (1225). An option given twice in CREATE/ALTER SEQUENCE; args:
	// option name.
	ErrDupArgument = newKind(1225, "HY000", "ER_DUP_ARGUMENT",
		`Option '%s' used twice in statement`)
	// ErrWrongUsage is ER_WRONG_USAGE (1221). For example OR REPLACE with IF NOT EXISTS; args: two
	// clause names.
	ErrWrongUsage = newKind(1221, "HY000", "ER_WRONG_USAGE",
		`Incorrect usage of %s and %s`)
	// ErrNotSupportedYet is ER_NOT_SUPPORTED_YET (1235). Args: feature.
	ErrNotSupportedYet = newKind(1235, "42000", "ER_NOT_SUPPORTED_YET",
		`This version of MariaDB doesn't yet support '%s'`)
	// ErrUnknownStorageEngine is ER_UNKNOWN_STORAGE_ENGINE (1286). Args: engine name as written.
	ErrUnknownStorageEngine = newKind(1286, "42000", "ER_UNKNOWN_STORAGE_ENGINE",
		`Unknown storage engine '%s'`)
	// ErrIllegalHACreateOption is ER_ILLEGAL_HA_CREATE_OPTION (1478). For example ENGINE=MEMORY for a
	// sequence; args: engine, option.
	ErrIllegalHACreateOption = newKind(1478, "HY000", "ER_ILLEGAL_HA_CREATE_OPTION",
		`Table storage engine '%-.64s' does not support the create option '%.64s'`)
	// ErrUnknownOption is ER_UNKNOWN_OPTION (1911). An engine-defined table option the engine does not
	// know; args: option.
	ErrUnknownOption = newKind(1911, "HY000", "ER_UNKNOWN_OPTION",
		`Unknown option '%-.64s'`)
	// ErrTableExists is ER_TABLE_EXISTS_ERROR (1050). Args: name (a Note under IF NOT EXISTS).
	ErrTableExists = newKind(1050, "42S01", "ER_TABLE_EXISTS_ERROR",
		`Table '%-.192s' already exists`)
	// ErrBadTable is ER_BAD_TABLE_ERROR (1051). Args: comma-separated db.name list.
	ErrBadTable = newKind(1051, "42S02", "ER_BAD_TABLE_ERROR",
		`Unknown table '%-.100T'`)
	// ErrWrongTableName is ER_WRONG_TABLE_NAME (1103). An empty name, one over 64 characters, or
	// one ending in a space; args: name.
	ErrWrongTableName = newKind(1103, "42000", "ER_WRONG_TABLE_NAME",
		`Incorrect table name '%-.100s'`)
	// ErrWrongDBName is ER_WRONG_DB_NAME (1102). As ErrWrongTableName for a database; args: name.
	ErrWrongDBName = newKind(1102, "42000", "ER_WRONG_DB_NAME",
		`Incorrect database name '%-.100T'`)
	// ErrNoDB is ER_NO_DB_ERROR (1046).
	ErrNoDB = newKind(1046, "3D000", "ER_NO_DB_ERROR",
		`No database selected`)
	// ErrBadDB is ER_BAD_DB_ERROR (1049). Args: db.
	ErrBadDB = newKind(1049, "42000", "ER_BAD_DB_ERROR",
		`Unknown database '%-.192s'`)
	// ErrNoSuchTable is ER_NO_SUCH_TABLE (1146). Args: db, name.
	ErrNoSuchTable = newKind(1146, "42S02", "ER_NO_SUCH_TABLE",
		`Table '%-.192s.%-.192s' doesn't exist`)
	// ErrWrongObject is ER_WRONG_OBJECT (1347). Args: db, name, expected type (for example VIEW).
	ErrWrongObject = newKind(1347, "HY000", "ER_WRONG_OBJECT",
		`'%-.192s.%-.192s' is not of type '%s'`)
	// ErrItIsAView is ER_IT_IS_A_VIEW (1965). Args: db.name.
	ErrItIsAView = newKind(1965, "42S02", "ER_IT_IS_A_VIEW",
		`'%-.192s' is a view`)
	// ErrViewInvalid is ER_VIEW_INVALID (1356). Args: db, view.
	ErrViewInvalid = newKind(1356, "HY000", "ER_VIEW_INVALID",
		`View '%-.192s.%-.192s' references invalid table(s) or column(s) or function(s) or definer/invoker of view lack rights to use them`)
	// ErrNonUniq is ER_NON_UNIQ_ERROR (1052). Args: column, clause (for example SELECT).
	ErrNonUniq = newKind(1052, "23000", "ER_NON_UNIQ_ERROR",
		`Column '%-.192s' in %-.192s is ambiguous`)
	// ErrNoTablesUsed is ER_NO_TABLES_USED (1096): SELECT * without FROM.
	ErrNoTablesUsed = newKind(1096, "HY000", "ER_NO_TABLES_USED",
		`No tables used`)
	// ErrDerivedMustHaveAlias is ER_DERIVED_MUST_HAVE_ALIAS (1248).
	ErrDerivedMustHaveAlias = newKind(1248, "42000", "ER_DERIVED_MUST_HAVE_ALIAS",
		`Every derived table must have its own alias`)
	// ErrViewSelectVariable is ER_VIEW_SELECT_VARIABLE (1351).
	ErrViewSelectVariable = newKind(1351, "HY000", "ER_VIEW_SELECT_VARIABLE",
		`View's SELECT contains a variable or parameter`)
	// ErrViewSelectTmptable is ER_VIEW_SELECT_TMPTABLE (1352). Args: table.
	ErrViewSelectTmptable = newKind(1352, "HY000", "ER_VIEW_SELECT_TMPTABLE",
		`View's SELECT refers to a temporary table '%-.192s'`)
	// ErrViewWrongList is ER_VIEW_WRONG_LIST (1353).
	ErrViewWrongList = newKind(1353, "HY000", "ER_VIEW_WRONG_LIST",
		`View's SELECT and view's field list have different column counts`)
	// ErrViewNonupdCheck is ER_VIEW_NONUPD_CHECK (1368). Args: db, view.
	ErrViewNonupdCheck = newKind(1368, "HY000", "ER_VIEW_NONUPD_CHECK",
		"CHECK OPTION on non-updatable view %`-.192s.%`-.192s")
	// ErrViewCheckFailed is ER_VIEW_CHECK_FAILED (1369). Args: db, view.
	ErrViewCheckFailed = newKind(1369, "44000", "ER_VIEW_CHECK_FAILED",
		"CHECK OPTION failed %`-.192s.%`-.192s")
	// ErrNonUpdatableTable is ER_NON_UPDATABLE_TABLE (1288). Args: table, statement (UPDATE,
	// DELETE).
	ErrNonUpdatableTable = newKind(1288, "HY000", "ER_NON_UPDATABLE_TABLE",
		`The target table %-.100s of the %s is not updatable`)
	// ErrNonInsertableTable is ER_NON_INSERTABLE_TABLE (1471). Args: table, statement (INSERT).
	ErrNonInsertableTable = newKind(1471, "HY000", "ER_NON_INSERTABLE_TABLE",
		`The target table %-.100s of the %s is not insertable-into`)
	// ErrNonupdateableColumn is ER_NONUPDATEABLE_COLUMN (1348). Args: column.
	ErrNonupdateableColumn = newKind(1348, "HY000", "ER_NONUPDATEABLE_COLUMN",
		`Column '%-.192s' is not updatable`)
	// ErrViewNoInsertFieldList is ER_VIEW_NO_INSERT_FIELD_LIST (1394). Args: db, view.
	ErrViewNoInsertFieldList = newKind(1394, "HY000", "ER_VIEW_NO_INSERT_FIELD_LIST",
		`Can not insert into join view '%-.192s.%-.192s' without fields list`)
	// ErrViewMultiupdate is ER_VIEW_MULTIUPDATE (1393). Args: db, view.
	ErrViewMultiupdate = newKind(1393, "HY000", "ER_VIEW_MULTIUPDATE",
		`Can not modify more than one base table through a join view '%-.192s.%-.192s'`)
	// ErrViewDeleteMergeView is ER_VIEW_DELETE_MERGE_VIEW (1395). Args: db, view.
	ErrViewDeleteMergeView = newKind(1395, "HY000", "ER_VIEW_DELETE_MERGE_VIEW",
		`Can not delete from join view '%-.192s.%-.192s'`)
	// ErrViewMergeAlgorithm is ER_WARN_VIEW_MERGE (1354), the warning of ALGORITHM=MERGE for a
	// view that cannot be merged.
	ErrViewMergeAlgorithm = newKind(1354, "HY000", "ER_WARN_VIEW_MERGE",
		`View merge algorithm can't be used here for now (assumed undefined algorithm)`)
	// ErrTrgOnViewOrTempTable is ER_TRG_ON_VIEW_OR_TEMP_TABLE (1361). Args: table.
	ErrTrgOnViewOrTempTable = newKind(1361, "HY000", "ER_TRG_ON_VIEW_OR_TEMP_TABLE",
		`Trigger's '%-.192s' is a view, temporary table or sequence`)
	// ErrGeneratedColumnFunctionNotAllowed is ER_GENERATED_COLUMN_FUNCTION_IS_NOT_ALLOWED (1901).
	// Args: function, clause, column.
	ErrGeneratedColumnFunctionNotAllowed = newKind(1901, "HY000", "ER_GENERATED_COLUMN_FUNCTION_IS_NOT_ALLOWED",
		"Function or expression '%s' cannot be used in the %s clause of %`s")
	// ErrSubqueriesNotSupported is ER_SUBQUERIES_NOT_SUPPORTED (1970). Args: clause (for example
	// CHECK).
	ErrSubqueriesNotSupported = newKind(1970, "42000", "ER_SUBQUERIES_NOT_SUPPORTED",
		`%s does not support subqueries or stored functions`)
	// ErrTableMustHaveColumns is ER_TABLE_MUST_HAVE_COLUMNS (1113).
	ErrTableMustHaveColumns = newKind(1113, "42000", "ER_TABLE_MUST_HAVE_COLUMNS",
		`A table must have at least 1 column`)
	// ErrDupFieldName is ER_DUP_FIELDNAME (1060). Args: column.
	ErrDupFieldName = newKind(1060, "42S21", "ER_DUP_FIELDNAME",
		`Duplicate column name '%-.192s'`)
	// ErrDupKeyName is ER_DUP_KEYNAME (1061). Args: key.
	ErrDupKeyName = newKind(1061, "42000", "ER_DUP_KEYNAME",
		`Duplicate key name '%-.192s'`)
	// ErrMultiplePriKey is ER_MULTIPLE_PRI_KEY (1068).
	ErrMultiplePriKey = newKind(1068, "42000", "ER_MULTIPLE_PRI_KEY",
		`Multiple primary key defined`)
	// ErrWrongAutoKey is ER_WRONG_AUTO_KEY (1075).
	ErrWrongAutoKey = newKind(1075, "42000", "ER_WRONG_AUTO_KEY",
		`Incorrect table definition; there can be only one auto column and it must be defined as a key`)
	// ErrCantDropFieldOrKey is ER_CANT_DROP_FIELD_OR_KEY (1091). Args: kind, name.
	ErrCantDropFieldOrKey = newKind(1091, "42000", "ER_CANT_DROP_FIELD_OR_KEY",
		"Can't DROP %s %`-.192s; check that it exists")
	// ErrWrongColumnName is ER_WRONG_COLUMN_NAME (1166). Args: column.
	ErrWrongColumnName = newKind(1166, "42000", "ER_WRONG_COLUMN_NAME",
		`Incorrect column name '%-.100s'`)
	// ErrPrimaryCantHaveNull is ER_PRIMARY_CANT_HAVE_NULL (1171).
	ErrPrimaryCantHaveNull = newKind(1171, "42000", "ER_PRIMARY_CANT_HAVE_NULL",
		`All parts of a PRIMARY KEY must be NOT NULL; if you need NULL in a key, use UNIQUE instead`)
	// ErrCalculatingDefault is ER_CALCULATING_DEFAULT_VALUE (4028): MariaDB adds it after 1048
	// when a single-row INSERT ... VALUES stores NULL in a NOT NULL column from a DEFAULT
	// expression that failed. Args: column.
	ErrCalculatingDefault = newKind(4028, "HY000", "ER_CALCULATING_DEFAULT_VALUE",
		"Got an error when calculating default value for %`s")
	// ErrReferencedTrgDoesNotExist is ER_REFERENCED_TRG_DOES_NOT_EXIST (4031). Args: trigger.
	ErrReferencedTrgDoesNotExist = newKind(4031, "HY000", "ER_REFERENCED_TRG_DOES_NOT_EXIST",
		`Referenced trigger '%s' for the given action time and event type does not exist`)
)

// Table access and DML.
var (
	// ErrIllegalHA is ER_ILLEGAL_HA (1031). UPDATE/DELETE/TRUNCATE on a sequence; args: engine
	// (SEQUENCE), db, name.
	ErrIllegalHA = newKind(1031, "HY000", "ER_ILLEGAL_HA",
		"Storage engine %s of the table %`s.%`s doesn't have this option")
	// ErrOpenAsReadonly is ER_OPEN_AS_READONLY (1036). Args: table.
	ErrOpenAsReadonly = newKind(1036, "HY000", "ER_OPEN_AS_READONLY",
		`Table '%-.192s' is read only`)
	// ErrBadNull is ER_BAD_NULL_ERROR (1048). Args: column.
	ErrBadNull = newKind(1048, "23000", "ER_BAD_NULL_ERROR",
		`Column '%-.192s' cannot be null`)
	// ErrBadField is ER_BAD_FIELD_ERROR (1054). Args: column, clause.
	ErrBadField = newKind(1054, "42S22", "ER_BAD_FIELD_ERROR",
		`Unknown column '%-.192s' in '%-.192s'`)
	// ErrDupEntry is ER_DUP_ENTRY (1062). Args: value, key number.
	ErrDupEntry = newKind(1062, "23000", "ER_DUP_ENTRY",
		`Duplicate entry '%-.192T' for key %d`)
	// ErrUnknownError is ER_UNKNOWN_ERROR (1105): MariaDB adds it after 1048 when a single-row
	// INSERT ... VALUES stores NULL in a NOT NULL column from an expression that failed.
	ErrUnknownError = newKind(1105, "HY000", "ER_UNKNOWN_ERROR", `Unknown error`)
	// ErrFieldSpecifiedTwice is ER_FIELD_SPECIFIED_TWICE (1110). Args: column.
	ErrFieldSpecifiedTwice = newKind(1110, "42000", "ER_FIELD_SPECIFIED_TWICE",
		`Column '%-.192s' specified twice`)
	// ErrWrongValueCountOnRow is ER_WRONG_VALUE_COUNT_ON_ROW (1136). Args: row number.
	ErrWrongValueCountOnRow = newKind(1136, "21S01", "ER_WRONG_VALUE_COUNT_ON_ROW",
		`Column count doesn't match value count at row %lu`)
	// ErrDataOutOfRange is ER_WARN_DATA_OUT_OF_RANGE (1264). Args: column, row number.
	ErrDataOutOfRange = newKind(1264, "22003", "ER_WARN_DATA_OUT_OF_RANGE",
		`Out of range value for column '%s' at row %lu`)
	// ErrTruncatedWrongValue is ER_TRUNCATED_WRONG_VALUE (1292). Args: type, value; 11.5 AS clamping
	// gives Note 1292 with INTEGER and MINVALUE/MAXVALUE.
	ErrTruncatedWrongValue = newKind(1292, "22007", "ER_TRUNCATED_WRONG_VALUE",
		`Truncated incorrect %-.32T value: '%-.128T'`)
	// ErrNoDefaultForField is ER_NO_DEFAULT_FOR_FIELD (1364). Args: column.
	ErrNoDefaultForField = newKind(1364, "HY000", "ER_NO_DEFAULT_FOR_FIELD",
		`Field '%-.192s' doesn't have a default value`)
	// ErrDivisionByZero is ER_DIVISION_BY_ZERO (1365).
	ErrDivisionByZero = newKind(1365, "22012", "ER_DIVISION_BY_ZERO",
		`Division by 0`)
	// ErrTruncatedWrongValueForField is ER_TRUNCATED_WRONG_VALUE_FOR_FIELD (1366). Args: type, value,
	// db, table, column, row.
	ErrTruncatedWrongValueForField = newKind(1366, "22007", "ER_TRUNCATED_WRONG_VALUE_FOR_FIELD",
		"Incorrect %-.32s value: '%-.128T' for column `%.192s`.`%.192s`.`%.192s` at row %lu")
	// ErrDataTooLong is ER_DATA_TOO_LONG (1406). Args: column, row.
	ErrDataTooLong = newKind(1406, "22001", "ER_DATA_TOO_LONG",
		`Data too long for column '%s' at row %lu`)
	// ErrWrongValueForType is ER_WRONG_VALUE_FOR_TYPE (1411). Args: type, value, function.
	ErrWrongValueForType = newKind(1411, "HY000", "ER_WRONG_VALUE_FOR_TYPE",
		`Incorrect %-.32s value: '%-.128T' for function %-.32s`)
	// ErrRowIsReferenced2 is ER_ROW_IS_REFERENCED_2 (1451). Args: constraint text.
	ErrRowIsReferenced2 = newKind(1451, "23000", "ER_ROW_IS_REFERENCED_2",
		`Cannot delete or update a parent row: a foreign key constraint fails (%s)`)
	// ErrNoReferencedRow2 is ER_NO_REFERENCED_ROW_2 (1452). Args: constraint text.
	ErrNoReferencedRow2 = newKind(1452, "23000", "ER_NO_REFERENCED_ROW_2",
		`Cannot add or update a child row: a foreign key constraint fails (%s)`)
	// ErrWrongFKDef is ER_WRONG_FK_DEF (1239). Args: constraint name, reason.
	ErrWrongFKDef = newKind(1239, "42000", "ER_WRONG_FK_DEF",
		`Incorrect foreign key definition for '%-.192s': %s`)
	// ErrDropIndexFK is ER_DROP_INDEX_FK (1553). Args: index.
	ErrDropIndexFK = newKind(1553, "HY000", "ER_DROP_INDEX_FK",
		`Cannot drop index '%-.192s': needed in a foreign key constraint`)
	// ErrTruncateIllegalFK is ER_TRUNCATE_ILLEGAL_FK (1701). Args: constraint text.
	ErrTruncateIllegalFK = newKind(1701, "42000", "ER_TRUNCATE_ILLEGAL_FK",
		`Cannot truncate a table referenced in a foreign key constraint (%.192s)`)
	// ErrAutoincReadFailed is ER_AUTOINC_READ_FAILED (1467).
	ErrAutoincReadFailed = newKind(1467, "HY000", "ER_AUTOINC_READ_FAILED",
		`Failed to read auto-increment value from storage engine`)
	// ErrDupEntryAutoincrementCase is ER_DUP_ENTRY_AUTOINCREMENT_CASE (1569). Args: value, key.
	ErrDupEntryAutoincrementCase = newKind(1569, "HY000", "ER_DUP_ENTRY_AUTOINCREMENT_CASE",
		`ALTER TABLE causes auto_increment resequencing, resulting in duplicate entry '%-.192T' for key '%-.192s'`)
	// ErrWrongArguments is ER_WRONG_ARGUMENTS (1210). Args: function name.
	ErrWrongArguments = newKind(1210, "HY000", "ER_WRONG_ARGUMENTS",
		`Incorrect arguments to %s`)
	// ErrWrongParamcountToNativeFct is ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT (1582). Args: function name.
	ErrWrongParamcountToNativeFct = newKind(1582, "42000", "ER_WRONG_PARAMCOUNT_TO_NATIVE_FCT",
		`Incorrect parameter count in the call to native function '%-.192s'`)
)

// Locking, transactions and server state.
var (
	// ErrTableNotLockedForWrite is ER_TABLE_NOT_LOCKED_FOR_WRITE (1099). Args: table.
	ErrTableNotLockedForWrite = newKind(1099, "HY000", "ER_TABLE_NOT_LOCKED_FOR_WRITE",
		`Table '%-.192s' was locked with a READ lock and can't be updated`)
	// ErrTableNotLocked is ER_TABLE_NOT_LOCKED (1100). Args: table.
	ErrTableNotLocked = newKind(1100, "HY000", "ER_TABLE_NOT_LOCKED",
		`Table '%-.192s' was not locked with LOCK TABLES`)
	// ErrCantDoThisDuringTransaction is ER_CANT_DO_THIS_DURING_AN_TRANSACTION (1179).
	ErrCantDoThisDuringTransaction = newKind(1179, "25000", "ER_CANT_DO_THIS_DURING_AN_TRANSACTION",
		`You are not allowed to execute this command in a transaction`)
	// ErrWarningNotCompleteRollback is ER_WARNING_NOT_COMPLETE_ROLLBACK (1196).
	ErrWarningNotCompleteRollback = newKind(1196, "HY000", "ER_WARNING_NOT_COMPLETE_ROLLBACK",
		`Some non-transactional changed tables couldn't be rolled back`)
	// ErrLockWaitTimeout is ER_LOCK_WAIT_TIMEOUT (1205).
	ErrLockWaitTimeout = newKind(1205, "HY000", "ER_LOCK_WAIT_TIMEOUT",
		`Lock wait timeout exceeded; try restarting transaction`)
	// ErrLockDeadlock is ER_LOCK_DEADLOCK (1213).
	ErrLockDeadlock = newKind(1213, "40001", "ER_LOCK_DEADLOCK",
		`Deadlock found when trying to get lock; try restarting transaction`)
	// ErrCantUpdateWithReadLock is ER_CANT_UPDATE_WITH_READLOCK (1223).
	ErrCantUpdateWithReadLock = newKind(1223, "HY000", "ER_CANT_UPDATE_WITH_READLOCK",
		`Can't execute the query because you have a conflicting read lock`)
	// ErrOptionPreventsStatement is ER_OPTION_PREVENTS_STATEMENT (1290). Args: option (for example
	// --read-only).
	ErrOptionPreventsStatement = newKind(1290, "HY000", "ER_OPTION_PREVENTS_STATEMENT",
		`The MariaDB server is running with the %s option so it cannot execute this statement`)
	// ErrXAERRMFail is ER_XAER_RMFAIL (1399). Args: XA state (for example ACTIVE).
	ErrXAERRMFail = newKind(1399, "XAE07", "ER_XAER_RMFAIL",
		`XAER_RMFAIL: The command cannot be executed when global transaction is in the  %.64s state`)
	// ErrBinlogStmtModeAndRowEngine is ER_BINLOG_STMT_MODE_AND_ROW_ENGINE (1665). Args: extra text
	// (usually empty).
	ErrBinlogStmtModeAndRowEngine = newKind(1665, "HY000", "ER_BINLOG_STMT_MODE_AND_ROW_ENGINE",
		`Cannot execute statement: impossible to write to binary log since BINLOG_FORMAT = STATEMENT and at least one table uses a storage engine limited to row-based logging.%s`)
	// ErrInternal is ER_INTERNAL_ERROR (1815). Args: text (for example "More than one row in the
	// table").
	ErrInternal = newKind(1815, "HY000", "ER_INTERNAL_ERROR",
		`Internal error: %-.192s`)
)

// Privileges and variables.
var (
	// ErrDBAccessDenied is ER_DBACCESS_DENIED_ERROR (1044). Args: user, host, db.
	ErrDBAccessDenied = newKind(1044, "42000", "ER_DBACCESS_DENIED_ERROR",
		`Access denied for user '%s'@'%s' to database '%-.192s'`)
	// ErrAccessDenied is ER_ACCESS_DENIED_ERROR (1045). Args: user, host, YES|NO.
	ErrAccessDenied = newKind(1045, "28000", "ER_ACCESS_DENIED_ERROR",
		`Access denied for user '%s'@'%s' (using password: %s)`)
	// ErrTableAccessDenied is ER_TABLEACCESS_DENIED_ERROR (1142). Args: command, user, host, db,
	// table.
	ErrTableAccessDenied = newKind(1142, "42000", "ER_TABLEACCESS_DENIED_ERROR",
		"%-.100T command denied to user '%s'@'%s' for table %`s.%`s")
	// ErrColumnAccessDenied is ER_COLUMNACCESS_DENIED_ERROR (1143). Args: command, user, host, column,
	// table.
	ErrColumnAccessDenied = newKind(1143, "42000", "ER_COLUMNACCESS_DENIED_ERROR",
		`%-.32s command denied to user '%s'@'%s' for column '%-.192s' in table '%-.192s'`)
	// ErrSpecificAccessDenied is ER_SPECIFIC_ACCESS_DENIED_ERROR (1227). Args: privilege.
	ErrSpecificAccessDenied = newKind(1227, "42000", "ER_SPECIFIC_ACCESS_DENIED_ERROR",
		`Access denied; you need (at least one of) the %-.128s privilege(s) for this operation`)
	// ErrUnknownSystemVariable is ER_UNKNOWN_SYSTEM_VARIABLE (1193). Args: length, name (the %-.*s
	// verb).
	ErrUnknownSystemVariable = newKind(1193, "HY000", "ER_UNKNOWN_SYSTEM_VARIABLE",
		`Unknown system variable '%-.*s'`)
	// ErrWrongValueForVar is ER_WRONG_VALUE_FOR_VAR (1231). Args: variable, value.
	ErrWrongValueForVar = newKind(1231, "42000", "ER_WRONG_VALUE_FOR_VAR",
		`Variable '%-.64s' can't be set to the value of '%-.200T'`)
	// ErrWrongTypeForVar is ER_WRONG_TYPE_FOR_VAR (1232). Args: variable.
	ErrWrongTypeForVar = newKind(1232, "42000", "ER_WRONG_TYPE_FOR_VAR",
		`Incorrect argument type to variable '%-.64s'`)
	// ErrFuncInexistentNameCollision is ER_FUNC_INEXISTENT_NAME_COLLISION (1630). Args: function.
	ErrFuncInexistentNameCollision = newKind(1630, "42000", "ER_FUNC_INEXISTENT_NAME_COLLISION",
		`FUNCTION %s does not exist. Check the 'Function Name Parsing and Resolution' section in the Reference Manual`)
)

// Errors of ordinary SQL that sqlengine's translation of GMS errors needs (sqlengine/translate.go).
// Texts from MariaDB 10.11's sql/share/errmsg-utf8.txt (as installed in errmsg.sys).
var (
	// ErrDBCreateExists is ER_DB_CREATE_EXISTS (1007). Args: database.
	ErrDBCreateExists = newKind(1007, "HY000", "ER_DB_CREATE_EXISTS",
		`Can't create database '%-.192s'; database exists`)
	// ErrDBDropExists is ER_DB_DROP_EXISTS (1008). Args: database.
	ErrDBDropExists = newKind(1008, "HY000", "ER_DB_DROP_EXISTS",
		`Can't drop database '%-.192s'; database doesn't exist`)
	// ErrNonUniqTable is ER_NONUNIQ_TABLE (1066). Args: table or alias.
	ErrNonUniqTable = newKind(1066, "42000", "ER_NONUNIQ_TABLE",
		`Not unique table/alias: '%-.192s'`)
	// ErrKeyColumnDoesNotExist is ER_KEY_COLUMN_DOES_NOT_EXIST (1072). Args: column.
	ErrKeyColumnDoesNotExist = newKind(1072, "42000", "ER_KEY_COLUMN_DOES_NOT_EXIST",
		`Key column '%-.192s' doesn't exist in table`)
	// ErrWrongNumberOfColumnsInSelect is ER_WRONG_NUMBER_OF_COLUMNS_IN_SELECT (1222).
	ErrWrongNumberOfColumnsInSelect = newKind(1222, "21000", "ER_WRONG_NUMBER_OF_COLUMNS_IN_SELECT",
		`The used SELECT statements have a different number of columns`)
	// ErrSubqueryNo1Row is ER_SUBQUERY_NO_1_ROW (1242).
	ErrSubqueryNo1Row = newKind(1242, "21000", "ER_SUBQUERY_NO_1_ROW",
		`Subquery returns more than 1 row`)
	// ErrWarnNullToNotnull is ER_WARN_NULL_TO_NOTNULL (1263), a warning of LOAD DATA. Args:
	// column, row number.
	ErrWarnNullToNotnull = newKind(1263, "22004", "ER_WARN_NULL_TO_NOTNULL",
		`Column set to default value; NULL supplied to NOT NULL column '%s' at row %lu`)
	// ErrWarnDataTruncated is WARN_DATA_TRUNCATED (1265), a warning. Args: column, row number.
	ErrWarnDataTruncated = newKind(1265, "01000", "WARN_DATA_TRUNCATED",
		`Data truncated for column '%s' at row %lu`)
	// ErrSPUndeclaredVar is ER_SP_UNDECLARED_VAR (1327). Args: name.
	ErrSPUndeclaredVar = newKind(1327, "42000", "ER_SP_UNDECLARED_VAR",
		`Undeclared variable: %s`)
	// ErrSPDoesNotExist is ER_SP_DOES_NOT_EXIST (1305). Args: FUNCTION or PROCEDURE, db.name.
	ErrSPDoesNotExist = newKind(1305, "42000", "ER_SP_DOES_NOT_EXIST",
		`%s %s does not exist`)
	// ErrSPAlreadyExists is ER_SP_ALREADY_EXISTS (1304). Args: FUNCTION or PROCEDURE, name.
	ErrSPAlreadyExists = newKind(1304, "42000", "ER_SP_ALREADY_EXISTS",
		`%s %s already exists`)
	// ErrSPBadReturn is ER_SP_BADRETURN (1313).
	ErrSPBadReturn = newKind(1313, "42000", "ER_SP_BADRETURN",
		`RETURN is only allowed in a FUNCTION`)
	// ErrSPWrongNoOfArgs is ER_SP_WRONG_NO_OF_ARGS (1318). Args: FUNCTION or PROCEDURE, db.name,
	// expected, got.
	ErrSPWrongNoOfArgs = newKind(1318, "42000", "ER_SP_WRONG_NO_OF_ARGS",
		`Incorrect number of arguments for %s %s; expected %u, got %u`)
	// ErrSPNoReturn is ER_SP_NORETURN (1320). Args: db.name.
	ErrSPNoReturn = newKind(1320, "42000", "ER_SP_NORETURN",
		`No RETURN found in FUNCTION %s`)
	// ErrSPNoReturnEnd is ER_SP_NORETURNEND (1321). Args: db.name.
	ErrSPNoReturnEnd = newKind(1321, "2F005", "ER_SP_NORETURNEND",
		`FUNCTION %s ended without RETURN`)
	// ErrSPFetchNoData is ER_SP_FETCH_NO_DATA (1329), a warning of SELECT ... INTO without rows.
	ErrSPFetchNoData = newKind(1329, "02000", "ER_SP_FETCH_NO_DATA",
		`No data - zero rows fetched, selected, or processed`)
	// ErrSPLabelMismatch is ER_SP_LILABEL_MISMATCH (1308). Args: LEAVE or ITERATE, label.
	ErrSPLabelMismatch = newKind(1308, "42000", "ER_SP_LILABEL_MISMATCH",
		`%s with no matching label: %s`)
	// ErrProcAccessDenied is ER_PROCACCESS_DENIED_ERROR (1370). Args: command (lower case), user,
	// host, db.name.
	ErrProcAccessDenied = newKind(1370, "42000", "ER_PROCACCESS_DENIED_ERROR",
		`%-.32s command denied to user '%s'@'%s' for routine '%-.192s'`)
	// ErrSPNotVarArg is ER_SP_NOT_VAR_ARG (1414). Args: argument number, db.name.
	ErrSPNotVarArg = newKind(1414, "42000", "ER_SP_NOT_VAR_ARG",
		`OUT or INOUT argument %d for routine %s is not a variable or NEW pseudo-variable in BEFORE trigger`)
	// ErrSPNoRetset is ER_SP_NO_RETSET (1415). Args: function or trigger.
	ErrSPNoRetset = newKind(1415, "0A000", "ER_SP_NO_RETSET",
		`Not allowed to return a result set from a %s`)
	// ErrBinlogUnsafeRoutine is ER_BINLOG_UNSAFE_ROUTINE (1418).
	ErrBinlogUnsafeRoutine = newKind(1418, "HY000", "ER_BINLOG_UNSAFE_ROUTINE",
		`This function has none of DETERMINISTIC, NO SQL, or READS SQL DATA in its declaration and binary logging is enabled (you *might* want to use the less safe log_bin_trust_function_creators variable)`)
	// ErrNoSuchUser is ER_NO_SUCH_USER (1449). Args: user, host.
	ErrNoSuchUser = newKind(1449, "HY000", "ER_NO_SUCH_USER",
		`The user specified as a definer ('%-.64s'@'%-.64s') does not exist`)
	// ErrSPDupParam is ER_SP_DUP_PARAM (1330). Args: name.
	ErrSPDupParam = newKind(1330, "42000", "ER_SP_DUP_PARAM",
		`Duplicate parameter: %s`)
	// ErrSPCondMismatch is ER_SP_COND_MISMATCH (1319). Args: condition name.
	ErrSPCondMismatch = newKind(1319, "42000", "ER_SP_COND_MISMATCH",
		`Undefined CONDITION: %s`)
	// ErrSPCursorMismatch is ER_SP_CURSOR_MISMATCH (1324). Args: cursor name.
	ErrSPCursorMismatch = newKind(1324, "42000", "ER_SP_CURSOR_MISMATCH",
		`Undefined CURSOR: %s`)
	// ErrSPCursorAlreadyOpen is ER_SP_CURSOR_ALREADY_OPEN (1325).
	ErrSPCursorAlreadyOpen = newKind(1325, "24000", "ER_SP_CURSOR_ALREADY_OPEN",
		`Cursor is already open`)
	// ErrSPCursorNotOpen is ER_SP_CURSOR_NOT_OPEN (1326).
	ErrSPCursorNotOpen = newKind(1326, "24000", "ER_SP_CURSOR_NOT_OPEN",
		`Cursor is not open`)
	// ErrSPWrongNoOfFetchArgs is ER_SP_WRONG_NO_OF_FETCH_ARGS (1328).
	ErrSPWrongNoOfFetchArgs = newKind(1328, "HY000", "ER_SP_WRONG_NO_OF_FETCH_ARGS",
		`Incorrect number of FETCH variables`)
	// ErrSPCaseNotFound is ER_SP_CASE_NOT_FOUND (1339).
	ErrSPCaseNotFound = newKind(1339, "20000", "ER_SP_CASE_NOT_FOUND",
		`Case not found for CASE statement`)
	// ErrSignalWarn is ER_SIGNAL_WARN (1642), a SIGNAL of class '01'.
	ErrSignalWarn = newKind(1642, "01000", "ER_SIGNAL_WARN",
		`Unhandled user-defined warning condition`)
	// ErrSignalNotFound is ER_SIGNAL_NOT_FOUND (1643), a SIGNAL of class '02'.
	ErrSignalNotFound = newKind(1643, "02000", "ER_SIGNAL_NOT_FOUND",
		`Unhandled user-defined not found condition`)
	// ErrSignalException is ER_SIGNAL_EXCEPTION (1644), a SIGNAL of any other class.
	ErrSignalException = newKind(1644, "HY000", "ER_SIGNAL_EXCEPTION",
		`Unhandled user-defined exception condition`)
	// ErrSignalBadCondition is ER_SIGNAL_BAD_CONDITION_TYPE (1646).
	ErrSignalBadCondition = newKind(1646, "HY000", "ER_SIGNAL_BAD_CONDITION_TYPE",
		`SIGNAL/RESIGNAL can only use a CONDITION defined with SQLSTATE`)
	// ErrSPNoRecursion is ER_SP_NO_RECURSION (1424).
	ErrSPNoRecursion = newKind(1424, "HY000", "ER_SP_NO_RECURSION",
		`Recursive stored functions and triggers are not allowed`)
	// ErrSPRecursionLimit is ER_SP_RECURSION_LIMIT (1456). Args: limit, routine name.
	ErrSPRecursionLimit = newKind(1456, "HY000", "ER_SP_RECURSION_LIMIT",
		`Recursive limit %d (as set by the max_sp_recursion_depth variable) was exceeded for routine %.192s`)
	// ErrSPDupVar is ER_SP_DUP_VAR (1331). Args: name.
	ErrSPDupVar = newKind(1331, "42000", "ER_SP_DUP_VAR",
		`Duplicate variable: %s`)
	// ErrResignalWithoutHandler is ER_RESIGNAL_WITHOUT_ACTIVE_HANDLER (1645).
	ErrResignalWithoutHandler = newKind(1645, "0K000", "ER_RESIGNAL_WITHOUT_ACTIVE_HANDLER",
		`RESIGNAL when handler not active`)
	// ErrTooManyRows is ER_TOO_MANY_ROWS (1172), SELECT ... INTO with more than one row.
	ErrTooManyRows = newKind(1172, "42000", "ER_TOO_MANY_ROWS",
		`Result consisted of more than one row`)
)

// ALTER TABLE on sequences (sql/sql_table.cc, suite/sql_sequence/alter.test).
var (
	// ErrAlterOperationNotSupportedReason is ER_ALTER_OPERATION_NOT_SUPPORTED_REASON (1846).
	// Args: operation, reason, alternative (e.g. "ALGORITHM=INPLACE", "SEQUENCE",
	// "ALGORITHM=COPY").
	ErrAlterOperationNotSupportedReason = newKind(1846, "0A000", "ER_ALTER_OPERATION_NOT_SUPPORTED_REASON",
		`%s is not supported. Reason: %s. Try %s`)
)

// Prepared statements (sql/sql_prepare.cc).
var (
	// ErrUnknownStmtHandler is ER_UNKNOWN_STMT_HANDLER (1243). Args: name, statement
	// ("EXECUTE" or "DEALLOCATE PREPARE").
	ErrUnknownStmtHandler = newKind(1243, "HY000", "ER_UNKNOWN_STMT_HANDLER",
		`Unknown prepared statement handler (%s) given to %s`)
)

// Accounts (sql/sql_acl.cc).
var (
	// ErrPasswordNoMatch is ER_PASSWORD_NO_MATCH (1133).
	ErrPasswordNoMatch = newKind(1133, "28000", "ER_PASSWORD_NO_MATCH",
		`Can't find any matching row in the user table`)
)

// Administrative statements, global read lock and XA (sql/sql_admin.cc, sql/lock.cc, sql/xa.cc).
var (
	// ErrCheckNotImplemented is ER_CHECK_NOT_IMPLEMENTED (1178), the note of CHECK/REPAIR/OPTIMIZE/
	// ANALYZE on an engine without the operation. Args: operation (for example check).
	ErrCheckNotImplemented = newKind(1178, "42000", "ER_CHECK_NOT_IMPLEMENTED",
		`The storage engine for the table doesn't support %s`)
	// ErrLockOrActiveTransaction is ER_LOCK_OR_ACTIVE_TRANSACTION (1192).
	ErrLockOrActiveTransaction = newKind(1192, "HY000", "ER_LOCK_OR_ACTIVE_TRANSACTION",
		`Can't execute the given command because you have active locked tables or an active transaction`)
	// ErrXAERNota is ER_XAER_NOTA (1397).
	ErrXAERNota = newKind(1397, "XAE04", "ER_XAER_NOTA",
		`XAER_NOTA: Unknown XID`)
	// ErrXAERInval is ER_XAER_INVAL (1398).
	ErrXAERInval = newKind(1398, "XAE05", "ER_XAER_INVAL",
		`XAER_INVAL: Invalid arguments (or unsupported command)`)
	// ErrXAEROutside is ER_XAER_OUTSIDE (1400).
	ErrXAEROutside = newKind(1400, "XAE09", "ER_XAER_OUTSIDE",
		`XAER_OUTSIDE: Some work is done outside global transaction`)
	// ErrXARBRollback is ER_XA_RBROLLBACK (1402).
	ErrXARBRollback = newKind(1402, "XA100", "ER_XA_RBROLLBACK",
		`XA_RBROLLBACK: Transaction branch was rolled back`)
	// ErrXAERDupID is ER_XAER_DUPID (1440).
	ErrXAERDupID = newKind(1440, "XAE08", "ER_XAER_DUPID",
		`XAER_DUPID: The XID already exists`)
)

// What storage engines refuse (sql/sql_table.cc, storage/archive/ha_archive.cc, InnoDB's
// innodb_force_primary_key).
var (
	// ErrCantCreateTable is ER_CANT_CREATE_TABLE (1005). Args: db, table, Errno (the engine's
	// reason, e.g. 140 "Wrong create options").
	ErrCantCreateTable = newKind(1005, "HY000", "ER_CANT_CREATE_TABLE",
		"Can't create table %`s.%`s (errno: %M)")
	// ErrDupKey is ER_DUP_KEY (1022): a write the engine refuses as a duplicate without naming
	// the key (ARCHIVE's AUTO_INCREMENT key). Args: table.
	ErrDupKey = newKind(1022, "23000", "ER_DUP_KEY",
		`Can't write; duplicate key in table '%-.192s'`)
	// ErrTooManyKeys is ER_TOO_MANY_KEYS (1069). Args: the engine's maximum.
	ErrTooManyKeys = newKind(1069, "42000", "ER_TOO_MANY_KEYS",
		`Too many keys specified; max %d keys allowed`)
	// ErrNullColumnInIndex is ER_NULL_COLUMN_IN_INDEX (1121). Args: column.
	ErrNullColumnInIndex = newKind(1121, "42000", "ER_NULL_COLUMN_IN_INDEX",
		`Table handler doesn't support NULL in given index. Please change column '%-.192s' to be NOT NULL or use another handler`)
	// ErrRequiresPrimaryKey is ER_REQUIRES_PRIMARY_KEY (1173), for example an InnoDB table
	// without a primary key under innodb_force_primary_key.
	ErrRequiresPrimaryKey = newKind(1173, "42000", "ER_REQUIRES_PRIMARY_KEY",
		`This table type requires a primary key`)
	// ErrTableCantHandleFT is ER_TABLE_CANT_HANDLE_FT (1214). Args: engine.
	ErrTableCantHandleFT = newKind(1214, "HY000", "ER_TABLE_CANT_HANDLE_FT",
		`The storage engine %s doesn't support FULLTEXT indexes`)
)

// Variable scopes (sql/set_var.cc, sql/item_func.cc).
var (
	// ErrLocalVariable is ER_LOCAL_VARIABLE (1228): SET GLOBAL of a session-only variable.
	// Args: variable.
	ErrLocalVariable = newKind(1228, "HY000", "ER_LOCAL_VARIABLE",
		`Variable '%-.64s' is a SESSION variable and can't be used with SET GLOBAL`)
	// ErrGlobalVariable is ER_GLOBAL_VARIABLE (1229): SET [SESSION] of a global-only variable.
	// Args: variable.
	ErrGlobalVariable = newKind(1229, "HY000", "ER_GLOBAL_VARIABLE",
		`Variable '%-.64s' is a GLOBAL variable and should be set with SET GLOBAL`)
	// ErrIncorrectGlobalLocalVar is ER_INCORRECT_GLOBAL_LOCAL_VAR (1238): reading a variable
	// in the scope it lacks. Args: variable, GLOBAL or SESSION (the scope it has).
	ErrIncorrectGlobalLocalVar = newKind(1238, "HY000", "ER_INCORRECT_GLOBAL_LOCAL_VAR",
		`Variable '%-.192s' is a %s variable`)
)

// Engine-defined table options (sql/create_options.cc).
var (
	// ErrBadOptionValue is ER_BAD_OPTION_VALUE (1912). Args: value, option (upper case).
	ErrBadOptionValue = newKind(1912, "HY000", "ER_BAD_OPTION_VALUE",
		`Incorrect value '%-.64T' for option '%-.64s'`)
)

// Triggers (sql/sql_trigger.cc).
var (
	// ErrTrgAlreadyExists is ER_TRG_ALREADY_EXISTS (1359). Args: db.name.
	ErrTrgAlreadyExists = newKind(1359, "HY000", "ER_TRG_ALREADY_EXISTS",
		`Trigger '%s' already exists`)
	// ErrTrgDoesNotExist is ER_TRG_DOES_NOT_EXIST (1360).
	ErrTrgDoesNotExist = newKind(1360, "HY000", "ER_TRG_DOES_NOT_EXIST",
		`Trigger does not exist`)
)

// information_schema (sql/sql_show.cc).
var (
	// ErrUnknownTable is ER_UNKNOWN_TABLE (1109). Args: table, database.
	ErrUnknownTable = newKind(1109, "42S02", "ER_UNKNOWN_TABLE",
		`Unknown table '%-.192s' in %-.32s`)
)

// Column attributes (sql/sql_table.cc).
var (
	// ErrConflictingDeclarations is ER_CONFLICTING_DECLARATIONS (1302), e.g. BINARY and a
	// COLLATE other than the binary collation. Args: prefix, name, prefix, name.
	ErrConflictingDeclarations = newKind(1302, "HY000", "ER_CONFLICTING_DECLARATIONS",
		`Conflicting declarations: '%s%s' and '%s%s'`)
	// ErrInvisibleNotNullWithoutDefault is ER_INVISIBLE_NOT_NULL_WITHOUT_DEFAULT (4108). Args:
	// column.
	ErrInvisibleNotNullWithoutDefault = newKind(4108, "HY000", "ER_INVISIBLE_NOT_NULL_WITHOUT_DEFAULT",
		"Invisible column %`s must have a default value")
)
