package functions

import (
	"github.com/dolthub/vitess/go/mysql"

	"github.com/seqd/seqd/sequences"
)

// SQLError converts an error of seqd's catalogue to the error a client receives, with
// MariaDB's number, SQLSTATE and text. Other errors pass unchanged.
func SQLError(err error) error {
	if err == nil {
		return nil
	}
	if e, ok := sequences.AsError(err); ok {
		return mysql.NewSQLError(e.Code(), e.SQLState(), "%s", e.Message)
	}
	return err
}
