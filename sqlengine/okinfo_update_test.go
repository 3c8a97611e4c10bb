package sqlengine

import (
	"testing"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/vitess/go/sqltypes"
)

// TestUpdateInfoWarnings checks that UPDATE's info text counts the statement's warnings, as
// MariaDB's does (GMS always writes "Warnings: 0").
func TestUpdateInfoWarnings(t *testing.T) {
	sess := &Session{BaseSession: newRealSession("127.0.0.1:1", sql.Client{}, 1)}
	for _, tc := range []struct {
		warnings int
		want     string
	}{
		{0, "Rows matched: 2  Changed: 1  Warnings: 0"},
		{2, "Rows matched: 2  Changed: 1  Warnings: 2"},
	} {
		sess.ClearWarnings()
		for i := 0; i < tc.warnings; i++ {
			sess.Warn(&sql.Warning{Level: "Warning", Code: 1048, Message: "Column 'id' cannot be null"})
		}
		r := &sqltypes.Result{Info: "Rows matched: 2  Changed: 1  Warnings: 0"}
		sess.okInfoResult(r)
		if r.Info != tc.want {
			t.Errorf("%d warnings: info %q, want %q", tc.warnings, r.Info, tc.want)
		}
	}
}
