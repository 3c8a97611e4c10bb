// Package functions implements MariaDB's sequence functions as go-mysql-server expressions:
// NEXTVAL (NEXT VALUE FOR), LASTVAL (PREVIOUS VALUE FOR) and SETVAL; and MariaDB built-in
// functions GMS lacks (ADDTIME, SEC_TO_TIME, PERIOD_ADD, ...; see Builtins), with MariaDB's
// results, NULL handling and warnings.
//
// # Basics
//
// Each function takes a Ref, the sequence name the parser resolved, as its first argument, and
// reaches the sequence at evaluation time through Sequences, which the server implements. The
// functions are non-deterministic: GMS never caches or folds them, so every call is evaluated,
// left to right, once per row, as in MariaDB.
//
// # Caveats
//
// Errors leave as *mysql.SQLError (see SQLError): GMS would turn anything else into error 1105.
// Warnings of the built-in functions are MariaDB's texts already; they reach seqd's session
// through WarnVerbatim, which does not rewrite them as it rewrites GMS's.
//
// A TIME result is a GMS Timespan, which has six fraction digits; seqd's output layer shows
// none when they are zero, so results whose MariaDB type is TIME(1)..TIME(5) show six digits.
package functions
