package sequences

// More of the error catalogue (see errors.go): errors of ordinary DDL and DML statements, kept in
// their own file so that they can be added without touching the sequence errors.

// Table and column definitions (sql/sql_table.cc, sql/table.cc).
var (
	// ErrExpressionRefersToUninitField is ER_EXPRESSION_REFERS_TO_UNINIT_FIELD (4029): a
	// DEFAULT or generated column expression that reads a column not yet computed. Args: the
	// column whose expression it is, the column it reads.
	ErrExpressionRefersToUninitField = newKind(4029, "01000", "ER_EXPRESSION_REFERS_TO_UNINIT_FIELD",
		"Expression for field %`-.64s is referring to uninitialized field %`s")
)

// Expressions (sql/item*.cc).
var (
	// ErrOperandColumns is ER_OPERAND_COLUMNS (1241): a row or a subquery of several columns
	// where one value is needed. Args: the number of columns needed.
	ErrOperandColumns = newKind(1241, "21000", "ER_OPERAND_COLUMNS", "Operand should contain %d column(s)")
)

// ErrDataOutOfRangeIn is ER_DATA_OUT_OF_RANGE (1690): integer arithmetic overflowed. Args: the
// type ("BIGINT", "BIGINT UNSIGNED"), the expression as MariaDB prints it.
var ErrDataOutOfRangeIn = newKind(1690, "22003", "ER_DATA_OUT_OF_RANGE", "%-.256s value is out of range in '%-.192s'")

// ErrCantRemoveAllFields is ER_CANT_REMOVE_ALL_FIELDS (1090): ALTER TABLE would leave the
// table without columns.
var ErrCantRemoveAllFields = newKind(1090, "42000", "ER_CANT_REMOVE_ALL_FIELDS",
	"You can't delete all columns with ALTER TABLE; use DROP TABLE instead")
