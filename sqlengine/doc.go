// Package sqlengine is the only package of seqd that adapts go-mysql-server (GMS) and vitess.
//
// It builds the GMS engine with seqd's parser override (MariaDB sequence syntax), its session type
// (transactions over storage, LASTVAL), its storage backend (databases, tables, indexes and
// sequences over package storage), MariaDB's presentation (SHOW CREATE, information_schema,
// system variables, error numbers and texts) and the MySQL-protocol server with a fast path for the
// hot sequence statements.
//
// # Basics
//
// Start opens the data directory, builds the engine and starts listening; Server.Close shuts it
// down. Everything a statement touches goes through Session: its transaction buffers writes in a
// storage.Txn that commits durably (synced, group-committed) before the client sees OK.
//
// # Caveats
//
// GMS keeps system variables in a process-global registry, so all servers in one process share the
// options given to the first Start (character set, collation, default storage engine). Tests that
// run several servers in one process use the same options.
package sqlengine
