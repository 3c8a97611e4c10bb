package functions

import (
	"crypto/aes"
	"crypto/rand"
	"encoding/hex"
	"hash/crc32"
	"strings"
	"time"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression/function"
	"github.com/dolthub/go-mysql-server/sql/types"
	"github.com/dolthub/vitess/go/sqltypes"
)

// More MariaDB functions GMS lacks: UTC_TIME, ADD_MONTHS, JSON_COMPACT, JSON_LOOSE, CRC32C,
// SYS_GUID, AES_ENCRYPT and AES_DECRYPT; LENGTHB is GMS's OCTET_LENGTH.
var (
	utcTime = &builtin{name: "utc_time", min: 0, max: 1, volatile: true, notNull: true, eval: evalUTCTime,
		typ: timeType, doc: "returns the current UTC time"}
	addMonths = &builtin{name: "add_months", min: 2, max: 2, eval: evalAddMonths, typ: addMonthsType,
		doc: "adds months to a date"}
	jsonCompact = &builtin{name: "json_compact", min: 1, max: 1, typ: longText,
		eval: jsonLayout(func(n *jsonNode, b *strings.Builder) { n.writeSeparated(b, ",", ":") }),
		doc:  "writes a JSON document without white space"}
	jsonLoose = &builtin{name: "json_loose", min: 1, max: 1, typ: longText,
		eval: jsonLayout(func(n *jsonNode, b *strings.Builder) { n.writeSeparated(b, ", ", ": ") }),
		doc:  "writes a JSON document with a space after each separator"}
	crc32c = &builtin{name: "crc32c", min: 1, max: 2, eval: evalCRC32C, notNull: true,
		typ: func(*sql.Context, []sql.Expression) sql.Type { return types.Uint32 },
		doc: "returns the CRC-32C (Castagnoli) checksum, continuing from an optional earlier one"}
	sysGUID = &builtin{name: "sys_guid", min: 0, max: 0, volatile: true, notNull: true, eval: evalSysGUID,
		typ: func(*sql.Context, []sql.Expression) sql.Type {
			return types.MustCreateString(sqltypes.VarChar, 32, sql.Collation_utf8mb3_general_ci)
		},
		doc: "returns a globally unique identifier of 32 hexadecimal digits"}
	aesEncrypt = &builtin{name: "aes_encrypt", min: 2, max: 2, eval: evalAES(true), typ: varbinary,
		doc: "encrypts with AES-128-ECB"}
	aesDecrypt = &builtin{name: "aes_decrypt", min: 2, max: 2, eval: evalAES(false), typ: varbinary,
		doc: "decrypts what AES_ENCRYPT encrypted"}
)

func longText(*sql.Context, []sql.Expression) sql.Type { return types.LongText }

func varbinary(*sql.Context, []sql.Expression) sql.Type { return types.LongBlob }

// lengthb is LENGTHB(str), the length in bytes: GMS's OCTET_LENGTH.
func lengthb() sql.Function {
	return composed("lengthb", 1, 1, func(ctx *sql.Context, a []sql.Expression) sql.Expression {
		return function.NewLength(ctx, a[0])
	})
}

func evalUTCTime(ctx *sql.Context, c *call, row sql.Row) (any, error) {
	fsp := int64(0)
	if len(c.args) > 0 {
		v, err := c.args[0].Eval(ctx, row)
		if err != nil {
			return nil, err
		}
		if v != nil {
			fsp = min(max(intArg(ctx, v), 0), 6)
		}
	}
	now := ctx.QueryTime().UTC()
	us := int64(now.Hour())*usPerHour + int64(now.Minute())*usPerMinute + int64(now.Second())*usPerSecond +
		int64(now.Nanosecond()/1000)
	unit := usPerSecond
	for range fsp {
		unit /= 10
	}
	return types.Timespan(us - us%unit), nil
}

// addMonthsType is a DATE or DATETIME for such an argument, text otherwise.
func addMonthsType(ctx *sql.Context, args []sql.Expression) sql.Type {
	t := args[0].Type(ctx)
	switch {
	case types.IsDateType(t):
		return types.Date
	case types.IsTime(t):
		return types.MustCreateDatetimeType(sqltypes.Datetime, precisionOf(ctx, args[0]))
	}
	return temporalText
}

// evalAddMonths adds months as DATE_ADD(d, INTERVAL n MONTH) does: the day is clipped to the
// end of a shorter month.
func evalAddMonths(ctx *sql.Context, c *call, row sql.Row) (any, error) {
	vals, null, err := c.values(ctx, row)
	if err != nil || null {
		return nil, err
	}
	if _, ok := vals[0].(types.Timespan); ok {
		warn(ctx, 1441, "Datetime function: time field overflow")
		return nil, nil
	}
	t, ok := datetimeOf(ctx, vals[0])
	if !ok {
		return nil, nil
	}
	n := intArg(ctx, vals[1])
	months := int64(t.Year())*12 + int64(t.Month()) - 1 + n
	if months < 0 || months >= 10000*12 {
		return nil, nil
	}
	y, m := int(months/12), time.Month(months%12+1)
	day := min(t.Day(), time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day())
	r := time.Date(y, m, day, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	if _, isText := c.Type(ctx).(sql.StringType); !isText {
		return r, nil
	}
	if hasClock(vals[0]) {
		return text(r), nil
	}
	return r.Format("2006-01-02"), nil
}

// hasClock reports whether a date argument written as text or digits has a time of day.
func hasClock(v any) bool {
	if n, ok := integerOf(v); ok {
		return n > 99991231
	}
	if s, ok := v.(string); ok {
		return datetimeText.MatchString(s)
	}
	return true
}

// jsonLayout returns the evaluation of a function that writes its JSON argument anew.
func jsonLayout(write func(n *jsonNode, b *strings.Builder)) func(*sql.Context, *call, sql.Row) (any, error) {
	return func(ctx *sql.Context, c *call, row sql.Row) (any, error) {
		v, err := c.args[0].Eval(ctx, row)
		if err != nil || v == nil {
			return nil, err
		}
		doc, err := jsonText(ctx, v)
		if err != nil {
			return nil, err
		}
		n, ok := parseJSONArg(ctx, doc, c.fn.name)
		if !ok {
			return nil, nil
		}
		var b strings.Builder
		write(n, &b)
		return b.String(), nil
	}
}

// writeSeparated writes n on one line with the given separators after commas and colons.
func (n *jsonNode) writeSeparated(b *strings.Builder, comma, colon string) {
	if n.open == 0 {
		b.WriteString(n.raw)
		return
	}
	b.WriteByte(n.open)
	for i, kid := range n.kids {
		if i > 0 {
			b.WriteString(comma)
		}
		if n.open == '{' {
			b.WriteString(n.keys[i] + colon)
		}
		kid.writeSeparated(b, comma, colon)
	}
	if n.open == '{' {
		b.WriteByte('}')
	} else {
		b.WriteByte(']')
	}
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func evalCRC32C(ctx *sql.Context, c *call, row sql.Row) (any, error) {
	vals, null, err := c.values(ctx, row)
	if err != nil || null {
		return nil, err
	}
	crc := uint32(0)
	if len(vals) == 2 {
		crc = uint32(intArg(ctx, vals[0]))
	}
	return crc32.Update(crc, castagnoli, []byte(text(vals[len(vals)-1]))), nil
}

func evalSysGUID(*sql.Context, *call, sql.Row) (any, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, err
	}
	return hex.EncodeToString(b[:]), nil
}

// evalAES returns AES_ENCRYPT's or AES_DECRYPT's evaluation: AES-128 in ECB mode with PKCS#7
// padding, the key folded into 16 bytes by XOR, as MariaDB's default block_encryption_mode.
// A ciphertext that does not decrypt gives NULL.
func evalAES(encrypt bool) func(*sql.Context, *call, sql.Row) (any, error) {
	return func(ctx *sql.Context, c *call, row sql.Row) (any, error) {
		vals, null, err := c.values(ctx, row)
		if err != nil || null {
			return nil, err
		}
		var key [16]byte
		for i, k := range []byte(text(vals[1])) {
			key[i%16] ^= k
		}
		block, err := aes.NewCipher(key[:])
		if err != nil {
			return nil, err
		}
		in := []byte(text(vals[0]))
		if encrypt {
			pad := 16 - len(in)%16
			in = append(in, []byte(strings.Repeat(string(rune(pad)), pad))...)
		} else if len(in) == 0 || len(in)%16 != 0 {
			return nil, nil
		}
		out := make([]byte, len(in))
		for i := 0; i < len(in); i += 16 {
			if encrypt {
				block.Encrypt(out[i:i+16], in[i:i+16])
			} else {
				block.Decrypt(out[i:i+16], in[i:i+16])
			}
		}
		if !encrypt {
			pad := int(out[len(out)-1])
			if pad == 0 || pad > 16 || strings.Count(string(out[len(out)-pad:]), string(out[len(out)-1])) != pad {
				return nil, nil
			}
			out = out[:len(out)-pad]
		}
		return out, nil
	}
}

// UTC_DATE() and UTC_TIMESTAMP([fsp]); GMS's UTC_TIMESTAMP keeps microseconds it does not
// show, so that CAST(UTC_TIMESTAMP() AS CHAR) has them.
var (
	utcDate = &builtin{name: "utc_date", min: 0, max: 0, volatile: true, notNull: true,
		typ: func(*sql.Context, []sql.Expression) sql.Type { return types.Date },
		eval: func(ctx *sql.Context, _ *call, _ sql.Row) (any, error) {
			y, m, d := ctx.QueryTime().UTC().Date()
			return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
		},
		doc: "returns the current UTC date"}
	utcTimestamp = &builtin{name: "utc_timestamp", min: 0, max: 1, volatile: true, notNull: true,
		typ: func(ctx *sql.Context, args []sql.Expression) sql.Type {
			return types.MustCreateDatetimeType(sqltypes.Datetime, fspOf(ctx, args))
		},
		eval: func(ctx *sql.Context, c *call, _ sql.Row) (any, error) {
			unit := time.Second
			for range fspOf(ctx, c.args) {
				unit /= 10
			}
			return ctx.QueryTime().UTC().Truncate(unit), nil
		},
		doc: "returns the current UTC date and time"}
)

// fspOf is the fractional seconds precision a constant argument asks for, 0 without one.
func fspOf(ctx *sql.Context, args []sql.Expression) int {
	if len(args) == 0 {
		return 0
	}
	v, err := args[0].Eval(ctx, nil)
	if err != nil || v == nil {
		return 0
	}
	return int(min(max(intArg(ctx, v), 0), 6))
}
