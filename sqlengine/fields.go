package sqlengine

import (
	"github.com/dolthub/vitess/go/mysql"
	"github.com/dolthub/vitess/go/sqltypes"
	querypb "github.com/dolthub/vitess/go/vt/proto/query"
)

// binaryCollationID is MariaDB's charsetnr for numbers and binary strings.
const binaryCollationID = 63

// notFixedDec is MariaDB's NOT_FIXED_DEC: the decimals of a FLOAT or DOUBLE without a fixed
// number of them.
const notFixedDec = 31

// mariadbFields rewrites result metadata the way MariaDB sends it: numeric and temporal columns
// carry the binary charset and BINARY_FLAG (TIMESTAMP also UNSIGNED_FLAG; YEAR is ZEROFILL and
// UNSIGNED instead of BINARY), and a computed column (no table) has no original name.
func mariadbFields(fields []*querypb.Field) {
	for _, f := range fields {
		if sqltypes.IsIntegral(f.Type) || sqltypes.IsFloat(f.Type) || f.Type == sqltypes.Decimal {
			f.Charset = binaryCollationID
			f.Flags |= uint32(querypb.MySqlFlag_BINARY_FLAG)
		}
		if f.Table == "" && f.OrgTable == "" {
			f.OrgName = ""
		}
		if n, ok := temporalLengths[f.Type]; ok && f.Decimals == 0 {
			f.ColumnLength = n
		}
		if sqltypes.IsFloat(f.Type) && f.Decimals == 0 {
			// GMS has no decimals for FLOAT and DOUBLE; MariaDB sends NOT_FIXED_DEC (31) for
			// them unless they were declared or computed with a fixed number.
			f.Decimals = notFixedDec
		}
		switch f.Type {
		case sqltypes.Time, sqltypes.Date, sqltypes.Datetime:
			f.Charset = binaryCollationID
			f.Flags |= uint32(querypb.MySqlFlag_BINARY_FLAG)
		case sqltypes.Timestamp:
			f.Charset = binaryCollationID
			f.Flags |= uint32(querypb.MySqlFlag_BINARY_FLAG | querypb.MySqlFlag_UNSIGNED_FLAG)
		case sqltypes.Year:
			f.Flags = f.Flags&^uint32(querypb.MySqlFlag_BINARY_FLAG) |
				uint32(querypb.MySqlFlag_ZEROFILL_FLAG|querypb.MySqlFlag_UNSIGNED_FLAG)
		}
	}
}

// temporalLengths are MariaDB's display lengths of the temporal types without fractional
// seconds; GMS sends the lengths with six digits of them.
var temporalLengths = map[querypb.Type]uint32{
	sqltypes.Time: 10, sqltypes.Datetime: 19, sqltypes.Timestamp: 19,
}

// mariadbTemporalValues cuts the fraction ".000000" that GMS writes after every TIME value: GMS
// has TIME only with microseconds, MariaDB's TIME column has none (TIME(n) columns are not
// supported). A non-zero fraction, which only a computed value can have, is kept.
func mariadbTemporalValues(r *sqltypes.Result) {
	for i, f := range r.Fields {
		if f.Type != sqltypes.Time || f.Decimals != 0 {
			continue
		}
		for _, row := range r.Rows {
			if i >= len(row) || row[i].Type() != sqltypes.Time {
				continue
			}
			if v := row[i].Raw(); len(v) > 7 && string(v[len(v)-7:]) == ".000000" {
				row[i] = sqltypes.MakeTrusted(sqltypes.Time, v[:len(v)-7])
			}
		}
	}
}

// spoolMariaDB wraps a result callback so that results leave with MariaDB's metadata.
func spoolMariaDB(callback mysql.ResultSpoolFn) mysql.ResultSpoolFn {
	return func(r *sqltypes.Result, more bool) error {
		if r != nil {
			mariadbFields(r.Fields)
			mariadbTemporalValues(r)
		}
		return callback(r, more)
	}
}
