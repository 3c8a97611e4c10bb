// Package mysqltest runs mysqltest-format test files (.test) over the MySQL protocol and
// produces exactly the text real mysqltest (MariaDB 10.11, result format 1) writes into the
// .result file for the same file and server.
//
// # Basics
//
// [Run] reads a test file, connects to a [Target] as root to database test with client
// character set latin1, and returns the result text. Each statement is echoed followed by the
// delimiter; a result set prints as a tab-separated header and rows with NULL for NULL; an
// expected error prints as "ERROR <SQLSTATE>: <message>"; a statement that leaves warnings is
// followed by "Warnings:" and the rows of SHOW WARNINGS. Comments starting with # and empty
// lines print nothing.
//
// The supported subset of the mysqltest language: statements ending in the delimiter,
// delimiter, --error (numbers, ER_/WARN_ names, SQLSTATEs), echo, let (plain values,
// `query`, query_get_value), eval, inc, dec, send, reap, connect, connection, disconnect,
// source, sleep, exit, die, sorted_result, lowercase_result, replace_result, replace_column,
// replace_regex, enable/disable_{query_log,result_log,warnings,metadata,abort_on_error,
// column_names,parsing} (with ONCE), vertical_results, query_vertical and
// horizontal_results. The ps/view/cursor protocol toggles are accepted and ignored, as they
// are without --ps-protocol. Any other mysqltest command is an error, never SQL.
//
// A comment line "# seqd: restart" ([RestartDirective]) calls [Target.Restart] and reopens
// every open connection. Real mysqltest treats it as a comment, so a file using it still runs
// there, without the restart.
//
// # Caveats
//
// Connections always go to the target's address: the host, port and socket arguments of
// connect are only printed (when an error is expected, as mysqltest does). Variables not set
// by the test come from [Options.Env], then the environment; $MASTER_MYPORT is the target's
// port. Column metadata comes from the vitess client, which cannot see MariaDB's extended
// type information, so "Type" never carries a "(format=json)" suffix; enable_info is not
// supported because the client does not expose the info string.
package mysqltest

//go:generate go run ./internal/generrnames -in /usr/share/mysql/errmsg-utf8.txt -out errnames.go
