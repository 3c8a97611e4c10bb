package sqlengine

import (
	"encoding/binary"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cockroachdb/apd/v3"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"

	"github.com/seqd/seqd/storage"
)

// keyPart describes how one column of a key (primary or index) is encoded.
type keyPart struct {
	ord       int             // column ordinal in the table schema
	typ       sql.Type        // column type
	collation sql.CollationID // for string columns; 0 otherwise
	prefix    int             // key prefix length in characters; 0 = whole value
	desc      bool
}

// appendKey appends the encoding of row's key columns.
func appendKey(ctx *sql.Context, dst []byte, parts []keyPart, row sql.Row) ([]byte, error) {
	for _, p := range parts {
		v, err := keyValue(ctx, p, row[p.ord])
		if err != nil {
			return nil, err
		}
		dst = storage.AppendValue(dst, v, p.desc)
	}
	return dst, nil
}

// hasNull reports whether any key column of row is NULL (such rows never conflict in a UNIQUE
// index).
func hasNull(parts []keyPart, row sql.Row) bool {
	for _, p := range parts {
		if row[p.ord] == nil {
			return true
		}
	}
	return false
}

// keyValue maps a column value to a key element whose byte order is the SQL order of the
// column's type: integers and floats by value, strings by their collation weights (trailing
// spaces ignored, as MariaDB's PAD SPACE collations do), decimals and times by value.
func keyValue(ctx *sql.Context, p keyPart, v any) (storage.Value, error) {
	if w, ok := v.(sql.AnyWrapper); ok {
		var err error
		if v, err = w.UnwrapAny(ctx); err != nil {
			return storage.Value{}, err
		}
	}
	switch x := v.(type) {
	case nil:
		return storage.NullValue(), nil
	case int8:
		return storage.IntValue(int64(x)), nil
	case int16:
		return storage.IntValue(int64(x)), nil
	case int32:
		return storage.IntValue(int64(x)), nil
	case int64:
		return storage.IntValue(x), nil
	case int:
		return storage.IntValue(int64(x)), nil
	case uint8:
		return storage.UintValue(uint64(x)), nil
	case uint16:
		return storage.UintValue(uint64(x)), nil
	case uint32:
		return storage.UintValue(uint64(x)), nil
	case uint64:
		return storage.UintValue(x), nil
	case float32:
		return storage.FloatValue(float64(x)), nil
	case float64:
		return storage.FloatValue(x), nil
	case bool:
		if x {
			return storage.IntValue(1), nil
		}
		return storage.IntValue(0), nil
	case string:
		return storage.BytesValue(stringWeights(p, x)), nil
	case []byte:
		return storage.BytesValue(prefixBytes(x, p.prefix)), nil
	case *apd.Decimal:
		return storage.BytesValue(decimalKey(x)), nil
	case apd.Decimal:
		return storage.BytesValue(decimalKey(&x)), nil
	case time.Time:
		return storage.IntValue(x.UnixMicro()), nil
	case types.Timespan:
		return storage.IntValue(int64(x)), nil
	}
	sv, err := p.typ.SQL(ctx, nil, v)
	if err != nil {
		return storage.Value{}, err
	}
	return storage.BytesValue(sv.Raw()), nil
}

func prefixBytes(b []byte, n int) []byte {
	if n > 0 && len(b) > n {
		return b[:n]
	}
	return b
}

// stringWeights returns the collation weights of s, 4 bytes per character, big-endian, so that
// bytes.Compare orders like the collation.
func stringWeights(p keyPart, s string) []byte {
	if p.prefix > 0 && utf8.RuneCountInString(s) > p.prefix {
		n := 0
		for i := range s {
			if n == p.prefix {
				s = s[:i]
				break
			}
			n++
		}
	}
	s = strings.TrimRight(s, " ")
	if p.collation == sql.Collation_binary || p.collation == sql.Collation_Unspecified {
		return []byte(s)
	}
	sorter := p.collation.Sorter()
	if sorter == nil {
		return []byte(s)
	}
	out := make([]byte, 0, len(s)*4)
	for _, r := range s {
		out = binary.BigEndian.AppendUint32(out, uint32(sorter(r)))
	}
	return out
}

// decimalKey encodes d so that byte order is numeric order: a sign byte, then for positive
// numbers the exponent and digits, for negative ones their complement.
func decimalKey(d *apd.Decimal) []byte {
	sign := d.Sign()
	if sign == 0 {
		return []byte{0x80}
	}
	coef := d.Coeff.String()
	digits := strings.TrimRight(coef, "0")
	// value = 0.digits * 10^exp
	exp := int64(len(coef)) + int64(d.Exponent)
	out := make([]byte, 0, 10+len(digits))
	if sign > 0 {
		out = append(out, 0xC0)
		out = binary.BigEndian.AppendUint64(out, uint64(exp)^(1<<63))
		out = append(out, digits...)
		return append(out, 0x00)
	}
	out = append(out, 0x40)
	out = binary.BigEndian.AppendUint64(out, ^(uint64(exp) ^ (1 << 63)))
	for i := 0; i < len(digits); i++ {
		out = append(out, ^digits[i])
	}
	return append(out, 0xFF)
}

// collationOf returns the collation of a string-like type, or 0.
func collationOf(t sql.Type) sql.CollationID {
	if st, ok := t.(sql.StringType); ok {
		return st.Collation()
	}
	return 0
}
