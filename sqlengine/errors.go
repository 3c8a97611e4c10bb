package sqlengine

import (
	"errors"
	"io"

	"github.com/dolthub/vitess/go/mysql"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// Errors reach the client as *mysql.SQLError. GMS's handler turns every error it sees into one
// with sql.CastSQLError, which keeps a *mysql.SQLError as is and gives anything else MySQL's
// number (often 1105) and GMS's text. So seqd's own errors are converted where they arise, with
// sqlErr, and GMS's errors are rewritten into MariaDB's numbers and texts by translate (see
// translate.go) on their way out.

// sqlErr converts a catalogue error to the client error. Other errors pass unchanged.
func sqlErr(err error) error {
	if err == nil {
		return nil
	}
	if e, ok := sequences.AsError(err); ok {
		return mysql.NewSQLError(e.Code(), e.SQLState(), "%s", e.Message)
	}
	return err
}

// mariaErr returns the client error of a catalogue kind.
func mariaErr(k *sequences.Kind, args ...any) error {
	return sqlErr(k.New(args...))
}

// translateStorageError maps storage errors that users can cause to MariaDB's errors.
func translateStorageError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, storage.ErrLockWaitTimeout):
		return mariaErr(sequences.ErrLockWaitTimeout)
	case errors.Is(err, storage.ErrDeadlock):
		return mariaErr(sequences.ErrLockDeadlock)
	}
	return err
}

// errRowNotFound means a row GMS asked to change is not stored: a bug, or a concurrent change
// that locking should have prevented.
var errRowNotFound = errors.New("sqlengine: row to update or delete not found")

func errUnknownStorageEngine(name string) error {
	return mariaErr(sequences.ErrUnknownStorageEngine, name)
}

func errNotSupportedYet(what string) error {
	return mariaErr(sequences.ErrNotSupportedYet, what)
}

// errSavepointDoesNotExist is MariaDB's ER_SP_DOES_NOT_EXIST for SAVEPOINT names.
func errSavepointDoesNotExist(name string) error {
	return mysql.NewSQLError(1305, "42000", "SAVEPOINT %s does not exist", name)
}

// normalizeSavepoint folds savepoint names, which are case-insensitive.
func normalizeSavepoint(name string) string {
	b := []byte(name)
	for i, c := range b {
		b[i] = lowerASCII(c)
	}
	return string(b)
}

func isEOF(err error) bool { return err == io.EOF }
