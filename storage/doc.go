// Package storage keeps every seqd table, sequence and catalog object durably in pebble. It
// owns the data directory (open, lock, format version), the order-preserving key encoding, the
// catalog records and their in-memory snapshot, transactions (a write buffer with statement
// savepoints, table locks, group-committed durable commits) and the sequences.Store
// implementation. It knows nothing of SQL types or GMS: the SQL layer (sqlengine) turns rows and
// values into bytes and key tuples itself. The on-disk format is described in FORMAT.md.
//
// # Basics
//
// Open a data directory with Open; it holds pebble's LOCK file, so a second seqd on the same
// directory fails with ErrLocked. DB.Catalog returns the current catalog snapshot, an immutable
// *Catalog that readers use without locking.
//
// DB.Begin starts a Txn. Writes (Set, Delete, DeleteRange, the catalog setters) go to a pebble
// indexed batch; Get and NewIter see them over the latest committed data (READ COMMITTED). An
// Iter does not see writes made after it was created. Savepoint and RollbackTo give statement
// atomicity and named SAVEPOINTs. Commit applies the batch, publishes catalog changes onto the
// latest snapshot, releases locks, and returns after the WAL fsync, which concurrent commits
// share (group commit).
//
// Keys: a table's data lives under TablePrefix(id): rows at RowKey(id, pk), index entries at
// IndexKey(id, index, entry), counters at AutoIncrementKey and RowIDKey, a sequence's state at
// SequenceKey. Tuples are encoded with AppendInt, AppendBytes, ... or AppendValue, and ordered
// by bytes.Compare exactly as CompareTuples orders them.
//
// # Locks
//
// Pebble has no transactions, so isolation comes from Txn.Lock: Shared and Exclusive locks on
// uint64 resources (table and database ids), held until Commit or Rollback, with deadlock
// detection (ErrDeadlock) and timeouts (ErrLockWaitTimeout). The SQL layer's protocol:
//   - a statement that writes a table first takes an Exclusive lock on it, so writers of one
//     table are serialized and read-modify-write loses no update;
//   - DDL on a table takes an Exclusive lock on it, so DROP and ALTER wait for its writers;
//   - DROP DATABASE locks the database id and its tables (LockAll), CREATE TABLE locks the
//     database id Shared;
//   - readers take no locks; they read committed data and the published catalog.
//
// Object ids (DatabaseDef.ID, TableDef.ID) come from Txn.NextObjectID and are never reused.
//
// # Caveats
//
//   - A Txn and its Iters belong to one goroutine at a time. DB, Catalog and SequenceStore are
//     safe for concurrent use.
//   - Commit makes the batch visible before its fsync finishes (pebble's ApplyNoSyncWait). If
//     the fsync fails, Commit returns an error wrapping ErrFailed and so does every later
//     operation: the process must reopen the directory, and the WAL replay decides whether the
//     batch survived (all or nothing). Once storage has seen the failure it no longer calls
//     pebble; but a commit racing with the failing one can still reach pebble's broken WAL,
//     and pebble then exits the process (Logger.Fatalf) or panics. Either way the WAL replay
//     at the next Open decides what survived.
//   - Definitions returned by a Catalog are shared; Clone before changing them.
//   - Only the catalog kinds listed in FORMAT.md are stored; triggers, routines and events are
//     not.
package storage
