// Package difftest is a random differential test of seqd against MariaDB 10.11 on sequence
// SQL. A seeded generator ([NewGenerator]) writes sequence-centric statements one at a time:
// CREATE/ALTER/DROP SEQUENCE with random subsets, orders and spellings of every option,
// NEXT VALUE FOR, NEXTVAL, PREVIOUS VALUE FOR, LASTVAL and SETVAL in select lists and WHERE
// clauses with arithmetic, the sequence's table face (SELECT, INSERT, UPDATE, DELETE,
// TRUNCATE), SHOW CREATE, SHOW TABLES, information_schema.TABLES, tables with DEFAULT NEXT
// VALUE FOR, AUTO_INCREMENT tables with LAST_INSERT_ID, FLUSH TABLES, DO, sql_mode=ORACLE
// s.nextval/s.currval and server restarts. [Run] sends every statement to both servers on
// one of several connections per server (LASTVAL is per connection) and compares, per
// statement, the result set (column names and rows), the error (number, SQLSTATE, message),
// the affected-row count, the insert id and the warnings (SHOW WARNINGS). Each divergence is
// reduced to a minimal statement history that still reproduces it.
//
// Both servers are deterministic for a statement stream run on one connection at a time:
// cache windows after FLUSH TABLES or a restart are the same in both (the next value is the
// persisted next_not_cached_value), so values are compared exactly. The few answers that
// depend on the storage layer rather than on MariaDB's semantics are not generated at all
// (see the comments in gen_tables.go), and result sets whose row order MariaDB leaves
// unspecified are compared as sorted sets (Step.Sorted).
//
// seqd's extension SELECT NEXT n VALUES FROM s is generated too, but it is not compared:
// MariaDB answers it with a syntax error. It runs against sequences in a database only seqd
// has (extDB), so it cannot change the state the compared statements see; Run checks that
// MariaDB rejects it and that seqd hands out increasing batches.
//
// TestDifferential (skipped without mariadbd) runs a few thousand statements; the command
// conformance/cmd/difftest runs any number with any seed.
package difftest
