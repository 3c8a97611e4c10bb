// Package suite runs MariaDB's own mysql-test sequence suite with the real mysqltest binary
// against any server reachable over TCP, following docs/mariadb-suite.md (shared docs),
// section 4.
//
// # Basics
//
// [Run] resolves each test name ([Resolve]), recreates the test database, copies the test's
// .result into the output directory (mysqltest writes its .reject next to it), runs mysqltest
// with mtr's environment and a client.cnf for $MYSQL and $MYSQL_DUMP under a 60 s timeout,
// then drops the databases and accounts the test left behind. Each test ends PASS, FAIL,
// SKIP or ERROR (mysqltest exit code 0, 1, 62, anything else or a timeout); tests that would
// restart the target or need a replica are reported SKIP without being started. With
// [Config.Share], a FAIL or ERROR is run again with --continue-on-error and the result
// reports how many of the expected result lines that run reproduced.
//
// [DefaultTests] are the 19 fair tests plus compat/oracle.sequence; [AllTests] are the 31
// tests the document considers. A ratchet file lists the tests that pass against seqd:
// [CheckRatchet] reports listed tests that stopped passing and passing tests not listed yet.
//
// # Caveats
//
// The target gets no per-test server options: the .opt options mtr would have applied are
// only reported. Tests that read or write datadir files pass only when [Config.VarDir] is
// the directory holding the target's datadir.
package suite
