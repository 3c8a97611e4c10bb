// Package functions implements MariaDB's sequence functions as go-mysql-server expressions:
// NEXTVAL (NEXT VALUE FOR), LASTVAL (PREVIOUS VALUE FOR) and SETVAL.
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
package functions
