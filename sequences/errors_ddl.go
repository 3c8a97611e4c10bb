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
