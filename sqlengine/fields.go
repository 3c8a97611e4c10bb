package sqlengine

import (
	"github.com/dolthub/vitess/go/mysql"
	"github.com/dolthub/vitess/go/sqltypes"
	querypb "github.com/dolthub/vitess/go/vt/proto/query"
)

// binaryCollationID is MariaDB's charsetnr for numbers and binary strings.
const binaryCollationID = 63

// mariadbFields rewrites result metadata the way MariaDB sends it: numeric columns carry the
// binary charset and BINARY_FLAG, and a computed column (no table) has no original name.
func mariadbFields(fields []*querypb.Field) {
	for _, f := range fields {
		if sqltypes.IsIntegral(f.Type) || sqltypes.IsFloat(f.Type) || f.Type == sqltypes.Decimal {
			f.Charset = binaryCollationID
			f.Flags |= uint32(querypb.MySqlFlag_BINARY_FLAG)
		}
		if f.Table == "" && f.OrgTable == "" {
			f.OrgName = ""
		}
	}
}

// spoolMariaDB wraps a result callback so that results leave with MariaDB's metadata.
func spoolMariaDB(callback mysql.ResultSpoolFn) mysql.ResultSpoolFn {
	return func(r *sqltypes.Result, more bool) error {
		if r != nil {
			mariadbFields(r.Fields)
		}
		return callback(r, more)
	}
}
