package storage

import "errors"

// Errors returned when opening or closing a data directory.
var (
	// ErrLocked is returned by Open when another process, or another DB in this process, holds
	// the data directory's lock.
	ErrLocked = errors.New("storage: data directory is in use by another seqd process")
	// ErrNotSeqd is returned by Open when the directory holds a pebble database that seqd did
	// not create (it has keys but no seqd format version).
	ErrNotSeqd = errors.New("storage: not a seqd data directory")
	// ErrFormatVersion is returned by Open when the directory was written by a seqd with a
	// different on-disk format version (see FormatVersion).
	ErrFormatVersion = errors.New("storage: unsupported data directory format version")
	// ErrClosed is returned by every operation on a DB, Txn or Iter after DB.Close has started.
	ErrClosed = errors.New("storage: closed")
	// ErrFailed is returned by every operation after a write to the WAL failed. The database
	// may hold changes in memory that are not durable; the process must reopen the directory.
	ErrFailed = errors.New("storage: database failed after a write error; reopen required")
)

// Errors about records and keys.
var (
	// ErrCorrupt is returned when a stored record or key cannot be decoded.
	ErrCorrupt = errors.New("storage: corrupt record")
	// ErrBadKey is returned by the key decoders for input that is not a valid encoding.
	ErrBadKey = errors.New("storage: malformed key encoding")
	// ErrInvalidDef is returned by the catalog setters for a definition that fails validation.
	ErrInvalidDef = errors.New("storage: invalid definition")
	// ErrNotFound is returned when a catalog object or sequence state does not exist.
	ErrNotFound = errors.New("storage: not found")
)

// Errors about transactions and locks.
var (
	// ErrTxnDone is returned by every Txn method after Commit or Rollback.
	ErrTxnDone = errors.New("storage: transaction already committed or rolled back")
	// ErrBadSavepoint is returned by RollbackTo and Release for a savepoint that belongs to
	// another transaction or was discarded by an earlier RollbackTo or Release.
	ErrBadSavepoint = errors.New("storage: savepoint does not exist")
	// ErrIterClosed is returned by Iter.Error after the iterator was closed, including when its
	// transaction ended while the iterator was open.
	ErrIterClosed = errors.New("storage: iterator closed")
	// ErrLockWaitTimeout is returned by Txn.Lock when the lock was not granted within the
	// timeout. The SQL layer maps it to ER_LOCK_WAIT_TIMEOUT (1205).
	ErrLockWaitTimeout = errors.New("storage: lock wait timeout exceeded")
	// ErrDeadlock is returned by Txn.Lock when waiting would close a cycle in the wait-for
	// graph. The requester is the victim; the SQL layer maps it to ER_LOCK_DEADLOCK (1213) and
	// rolls the transaction back.
	ErrDeadlock = errors.New("storage: deadlock found when trying to get lock")
)
