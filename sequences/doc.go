// Package sequences is seqd's model of MariaDB 10.11 sequences: everything about a sequence
// that does not depend on how it is stored or how SQL reaches it.
//
// It owns the sequence options and their defaults and checks (Define, ValidateRow), the
// next-value arithmetic with its cache window, CYCLE, INCREMENT 0, SETVAL and ALTER
// (Sequence), the group commit of reservations (Sequence, Store), the open sequences of a
// server (Manager), the per-connection LASTVAL memory (LastValues), the sequence DDL grammar
// (Parse), the SHOW CREATE text (ShowSpec), and seqd's error
// catalogue (errors.go). It imports only the standard library.
//
// # Basics
//
// A sequence is a one-row table; State is that row. next_not_cached_value is the first value
// not reserved by the server-wide cache. Sequence.Next hands out values from the cache under
// a mutex; when the cache is used up, the caller (or the first of the callers waiting at that
// moment) reserves the next CACHE values, writes the new row with one Store.Save, and only then
// hands the values out. Over a PipelineStore the write is issued at once and the values are
// handed out when it, and every write issued before it, is durable. Values are int64 bit patterns; for an unsigned value type (MariaDB
// 11.5's AS clause) they are read as uint64 (ValueType).
//
// # Invariants
//
//   - A value returned by Next is never returned again, even across a crash and restart: it is
//     returned only after a Save covering it has returned. Values may be skipped (the cache
//     left over at a crash or FLUSH), never repeated.
//   - The persisted row is exactly the row MariaDB would show after the values handed out so
//     far, however many callers shared one Save.
//   - A later row of a sequence is never saved before an earlier one. Over a plain Store saves
//     never overlap; over a PipelineStore a save is issued while earlier ones are still syncing,
//     and a result is returned only once every save issued before it was computed is durable.
//   - Every user-visible error is a *Error of a Kind declared once in errors.go with MariaDB's
//     number, SQLSTATE and text.
//
// # Caveats
//
// The behaviour follows MariaDB 10.11's test suite and a live 10.11 server, quirks included
// (NO MINVALUE keeps the literal 1; SETVAL compares with the values handed out, not with the
// row). MariaDB 11.5's AS clause is implemented from its source and documentation; the parts
// that could not be checked against a running 11.5 server are marked unverified where they are
// implemented. NextN (contiguous batches) is a seqd extension.
package sequences
