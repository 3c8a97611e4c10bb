package sqlengine

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"time"

	"github.com/cockroachdb/apd/v3"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
)

// Row values are stored as a sequence of tagged values. The tag records the Go type GMS used for
// the value, so a row decodes to exactly the values that were inserted.
//
//	row   := version:1 count:uvarint value*
//	value := tag:1 payload
//
// NB: tags are stored on disk; never renumber them.
const (
	rowFormatVersion = 1

	tagNull     = 0
	tagInt8     = 1
	tagInt16    = 2
	tagInt32    = 3
	tagInt64    = 4
	tagUint8    = 5
	tagUint16   = 6
	tagUint32   = 7
	tagUint64   = 8
	tagFloat32  = 9
	tagFloat64  = 10
	tagString   = 11
	tagBytes    = 12
	tagDecimal  = 13
	tagTime     = 14
	tagTimespan = 15
	tagJSON     = 16
	tagGeometry = 17
	tagBool     = 18
	tagSQLText  = 19 // anything else: the column type's SQL text, re-converted on decode
)

// encodeRow appends the encoding of row to buf.
func encodeRow(ctx *sql.Context, buf []byte, sch sql.Schema, row sql.Row) ([]byte, error) {
	buf = append(buf, rowFormatVersion)
	buf = binary.AppendUvarint(buf, uint64(len(row)))
	for i, v := range row {
		var err error
		buf, err = encodeValue(ctx, buf, sch[i].Type, v)
		if err != nil {
			return nil, fmt.Errorf("column %s: %w", sch[i].Name, err)
		}
	}
	return buf, nil
}

func encodeValue(ctx *sql.Context, buf []byte, typ sql.Type, v any) ([]byte, error) {
	if w, ok := v.(sql.AnyWrapper); ok {
		var err error
		if v, err = w.UnwrapAny(ctx); err != nil {
			return nil, err
		}
	}
	switch x := v.(type) {
	case nil:
		return append(buf, tagNull), nil
	case int8:
		return binary.AppendVarint(append(buf, tagInt8), int64(x)), nil
	case int16:
		return binary.AppendVarint(append(buf, tagInt16), int64(x)), nil
	case int32:
		return binary.AppendVarint(append(buf, tagInt32), int64(x)), nil
	case int64:
		return binary.AppendVarint(append(buf, tagInt64), x), nil
	case int:
		return binary.AppendVarint(append(buf, tagInt64), int64(x)), nil
	case uint8:
		return binary.AppendUvarint(append(buf, tagUint8), uint64(x)), nil
	case uint16:
		return binary.AppendUvarint(append(buf, tagUint16), uint64(x)), nil
	case uint32:
		return binary.AppendUvarint(append(buf, tagUint32), uint64(x)), nil
	case uint64:
		return binary.AppendUvarint(append(buf, tagUint64), x), nil
	case float32:
		return binary.BigEndian.AppendUint32(append(buf, tagFloat32), math.Float32bits(x)), nil
	case float64:
		return binary.BigEndian.AppendUint64(append(buf, tagFloat64), math.Float64bits(x)), nil
	case bool:
		b := byte(0)
		if x {
			b = 1
		}
		return append(buf, tagBool, b), nil
	case string:
		return appendLenBytes(append(buf, tagString), []byte(x)), nil
	case []byte:
		return appendLenBytes(append(buf, tagBytes), x), nil
	case *apd.Decimal:
		return appendLenBytes(append(buf, tagDecimal), []byte(x.String())), nil
	case apd.Decimal:
		return appendLenBytes(append(buf, tagDecimal), []byte(x.String())), nil
	case time.Time:
		b, err := x.MarshalBinary()
		if err != nil {
			return nil, err
		}
		return appendLenBytes(append(buf, tagTime), b), nil
	case types.Timespan:
		return binary.AppendVarint(append(buf, tagTimespan), int64(x)), nil
	case sql.JSONWrapper:
		iv, err := x.ToInterface(ctx)
		if err != nil {
			return nil, err
		}
		b, err := json.Marshal(iv)
		if err != nil {
			return nil, err
		}
		return appendLenBytes(append(buf, tagJSON), b), nil
	case types.GeometryValue:
		return appendLenBytes(append(buf, tagGeometry), x.Serialize()), nil
	}
	sqlv, err := typ.SQL(ctx, nil, v)
	if err != nil {
		return nil, fmt.Errorf("sqlengine: can't store %T: %w", v, err)
	}
	return appendLenBytes(append(buf, tagSQLText), sqlv.Raw()), nil
}

func appendLenBytes(buf, b []byte) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(b)))
	return append(buf, b...)
}

// decodeRow decodes a row encoded by encodeRow. Values are converted to sch's types only when they
// were stored as SQL text. A row with fewer values than sch (never written by this version) is
// padded with NULLs.
func decodeRow(ctx *sql.Context, b []byte, sch sql.Schema) (sql.Row, error) {
	if len(b) == 0 || b[0] != rowFormatVersion {
		return nil, errCorruptRow
	}
	b = b[1:]
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)) {
		return nil, errCorruptRow
	}
	b = b[k:]
	row := make(sql.Row, len(sch))
	for i := 0; i < int(n); i++ {
		var v any
		var err error
		v, b, err = decodeValue(ctx, b)
		if err != nil {
			return nil, err
		}
		if i >= len(sch) {
			continue
		}
		if sq, ok := v.(sqlText); ok {
			if v, _, err = sch[i].Type.Convert(ctx, string(sq)); err != nil {
				return nil, err
			}
		}
		row[i] = v
	}
	return row, nil
}

// sqlText marks a value decoded from tagSQLText, which still needs its column's type.
type sqlText string

var errCorruptRow = fmt.Errorf("sqlengine: corrupt row encoding")

func decodeValue(ctx *sql.Context, b []byte) (any, []byte, error) {
	if len(b) == 0 {
		return nil, nil, errCorruptRow
	}
	tag, b := b[0], b[1:]
	switch tag {
	case tagNull:
		return nil, b, nil
	case tagInt8, tagInt16, tagInt32, tagInt64, tagTimespan:
		x, k := binary.Varint(b)
		if k <= 0 {
			return nil, nil, errCorruptRow
		}
		return signedOf(tag, x), b[k:], nil
	case tagUint8, tagUint16, tagUint32, tagUint64:
		x, k := binary.Uvarint(b)
		if k <= 0 {
			return nil, nil, errCorruptRow
		}
		return unsignedOf(tag, x), b[k:], nil
	case tagFloat32:
		if len(b) < 4 {
			return nil, nil, errCorruptRow
		}
		return math.Float32frombits(binary.BigEndian.Uint32(b)), b[4:], nil
	case tagFloat64:
		if len(b) < 8 {
			return nil, nil, errCorruptRow
		}
		return math.Float64frombits(binary.BigEndian.Uint64(b)), b[8:], nil
	case tagBool:
		if len(b) < 1 {
			return nil, nil, errCorruptRow
		}
		return b[0] != 0, b[1:], nil
	}
	p, rest, err := readLenBytes(b)
	if err != nil {
		return nil, nil, err
	}
	v, err := decodeBytesValue(ctx, tag, p)
	return v, rest, err
}

func signedOf(tag byte, x int64) any {
	switch tag {
	case tagInt8:
		return int8(x)
	case tagInt16:
		return int16(x)
	case tagInt32:
		return int32(x)
	case tagTimespan:
		return types.Timespan(x)
	}
	return x
}

func unsignedOf(tag byte, x uint64) any {
	switch tag {
	case tagUint8:
		return uint8(x)
	case tagUint16:
		return uint16(x)
	case tagUint32:
		return uint32(x)
	}
	return x
}

func decodeBytesValue(ctx *sql.Context, tag byte, p []byte) (any, error) {
	switch tag {
	case tagString:
		return string(p), nil
	case tagBytes:
		return append([]byte(nil), p...), nil
	case tagDecimal:
		d, _, err := apd.NewFromString(string(p))
		return d, err
	case tagTime:
		var t time.Time
		err := t.UnmarshalBinary(p)
		return t, err
	case tagJSON:
		return types.NewLazyJSONDocument(append([]byte(nil), p...)), nil
	case tagGeometry:
		v, _, err := types.GeometryType{}.Convert(ctx, append([]byte(nil), p...))
		return v, err
	case tagSQLText:
		return sqlText(p), nil
	}
	return nil, errCorruptRow
}

func readLenBytes(b []byte) ([]byte, []byte, error) {
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)-k) {
		return nil, nil, errCorruptRow
	}
	return b[k : k+int(n)], b[k+int(n):], nil
}
