package sqlengine

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cockroachdb/apd/v3"
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
	"github.com/dolthub/vitess/go/sqltypes"

	"github.com/seqd/seqd/sequences"
)

// The conversions of insertConversion: what MariaDB stores for a value its column cannot hold
// as it is, and the warning it gives (see nonstrict_insert.go).

// convert is the value to store for v in col: changed reports that it is not v, goOn false
// that the row fails on v (left to GMS, which fails it) and the later columns are not looked at.
func (it *insertConversionIter) convert(ctx *sql.Context, col *sql.Column, v any, lenient bool) (any, bool, bool) {
	if v == nil {
		if col.Nullable {
			return nil, false, true
		}
		if !lenient || it.c.singleRow {
			if it.c.singleRow && it.explicit(col) && !col.AutoIncrement {
				// GMS fails with 1048; a single-row INSERT naming its columns adds 1105.
				noteAfterError(ctx, warning("Error", sequences.ErrUnknownError))
			}
			return nil, false, false
		}
		if it.c.loadData {
			it.warn(ctx, "Warning", sequences.ErrWarnNullToNotnull, col.Name, it.row)
		} else {
			it.warn(ctx, "Warning", sequences.ErrBadNull, col.Name)
		}
		return col.Type.Zero(), true, true
	}
	conv, inRange, err := gmsConvert(ctx, col.Type, v)
	if err == nil && inRange == sql.InRange && !infinite(conv) {
		it.noteAccepted(ctx, col, v, conv, lenient)
		return v, false, true
	}
	t := col.Type
	if et, ok := t.(sql.EnumType); ok && types.IsEnum(t) {
		if s, ok := stringOf(v); ok {
			// MariaDB compares ENUM values without trailing spaces and, in the usual
			// collations, without case.
			trimmed := strings.TrimRight(s, " ")
			for i, m := range et.Values() {
				if strings.EqualFold(m, trimmed) {
					return uint16(i + 1), true, true
				}
			}
		}
	}
	if st, ok := t.(sql.StringType); ok && st.IsStringType() && !types.IsEnum(t) && !types.IsSet(t) && !types.IsJSON(t) {
		if !types.ErrLengthBeyondLimit.Is(err) {
			return v, false, false
		}
		return it.truncateString(ctx, col, st, v, lenient)
	}
	if !lenient {
		if types.IsInteger(t) || types.IsDecimal(t) || types.IsFloat(t) {
			// The row fails on a value its number column cannot hold; this iterator knows
			// the column and the row (GMS's error does not name them when the value is
			// computed: a DEFAULT's or a SELECT's).
			it.fail = it.numberFailure(col, v, err == nil && inRange != sql.InRange)
		}
		return v, false, false
	}
	switch {
	case types.IsEnum(t):
		it.truncated(ctx, col)
		return uint16(0), true, true
	case types.IsSet(t):
		return it.setMembers(ctx, col, v), true, true
	case types.IsBit(t):
		bt, ok := t.(types.BitType)
		if !ok {
			return v, false, false
		}
		it.outOfRange(ctx, col)
		return uint64(1)<<bt.NumberOfBits() - 1, true, true
	case types.IsYear(t):
		return it.toYear(ctx, col, v)
	case types.IsInteger(t), types.IsDecimal(t), types.IsFloat(t):
		return it.toNumber(ctx, col, v)
	case types.IsTime(t):
		if types.IsTimestampType(t) {
			if _, r, e := types.DatetimeMaxPrecision.Convert(ctx, v); e == nil && r == sql.InRange {
				it.outOfRange(ctx, col)
				return types.ZeroTime, true, true
			}
		}
		it.truncated(ctx, col)
		return types.ZeroTime, true, true
	case types.IsTimespan(t):
		if d, ok := numberOf(v); ok {
			it.outOfRange(ctx, col)
			if d.Negative {
				return "-838:59:59", true, true
			}
			return "838:59:59", true, true
		}
		it.truncated(ctx, col)
		return "00:00:00", true, true
	}
	return v, false, false
}

// infinite reports a float GMS converted a string beyond the double range to.
func infinite(v any) bool {
	f, ok := v.(float64)
	return ok && math.IsInf(f, 0)
}

// gmsConvert converts v as GMS's insert iterator does.
func gmsConvert(ctx *sql.Context, t sql.Type, v any) (any, sql.ConvertInRange, error) {
	if rt, ok := t.(sql.RoundingNumberType); ok {
		return rt.ConvertRound(ctx, v)
	}
	return t.Convert(ctx, v)
}

// warn adds a warning in MariaDB's words.
func (it *insertConversionIter) warn(ctx *sql.Context, level string, k *sequences.Kind, args ...any) {
	w := warning(level, k, args...)
	if it.sess != nil {
		it.sess.WarnVerbatim(w)
		return
	}
	ctx.Session.Warn(w)
}

func (it *insertConversionIter) truncated(ctx *sql.Context, col *sql.Column) {
	it.warn(ctx, "Warning", sequences.ErrWarnDataTruncated, col.Name, it.row)
}

func (it *insertConversionIter) truncatedNote(ctx *sql.Context, col *sql.Column) {
	it.warn(ctx, "Note", sequences.ErrWarnDataTruncated, col.Name, it.row)
}

func (it *insertConversionIter) outOfRange(ctx *sql.Context, col *sql.Column) {
	it.warn(ctx, "Warning", sequences.ErrDataOutOfRange, col.Name, it.row)
}

func (it *insertConversionIter) incorrect(ctx *sql.Context, col *sql.Column, typ, value string) {
	it.warn(ctx, "Warning", sequences.ErrTruncatedWrongValueForField, typ, value, it.c.db, it.c.table, col.Name, it.row)
}

// truncateString cuts a string that is too long for its column. Cutting only spaces from a
// non-binary string is a Note (nothing for CHAR, which drops trailing spaces anyway) and never
// fails; cutting anything else is a Warning outside strict rows.
func (it *insertConversionIter) truncateString(ctx *sql.Context, col *sql.Column, st sql.StringType, v any, lenient bool) (any, bool, bool) {
	b, err := types.ConvertToBytes(ctx, v, types.LongBlob, nil)
	if err != nil {
		return v, false, false
	}
	binary := types.IsBinaryType(st)
	var n int // bytes kept
	switch {
	case binary:
		n = int(min(int64(len(b)), st.MaxCharacterLength()))
	case st.Type() == sqltypes.Text || st.CharacterSet().MaxLength() == 1:
		// GMS counts bytes here; cut at a character boundary.
		limit := st.MaxByteLength()
		if st.Type() != sqltypes.Text {
			limit = st.MaxCharacterLength()
		}
		for n < len(b) {
			_, size := utf8.DecodeRune(b[n:])
			if int64(n+size) > limit {
				break
			}
			n += size
		}
	default:
		for chars := int64(0); n < len(b) && chars < st.MaxCharacterLength(); chars++ {
			_, size := utf8.DecodeRune(b[n:])
			n += size
		}
	}
	kept, dropped := b[:n], b[n:]
	switch {
	case !binary && strings.TrimRight(string(dropped), " ") == "":
		if st.Type() != sqltypes.Char {
			it.truncatedNote(ctx, col)
		}
	case !lenient:
		return v, false, false
	case it.c.strictTexts:
		it.warn(ctx, "Warning", sequences.ErrDataTooLong, col.Name, it.row)
	default:
		it.truncated(ctx, col)
	}
	if binary {
		return append([]byte(nil), kept...), true, true
	}
	if st.Type() == sqltypes.Char {
		// CHAR drops trailing spaces; the cut may leave some.
		return strings.TrimRight(string(kept), " "), true, true
	}
	return string(kept), true, true
}

// setMembers keeps the members of a SET value that the column has.
func (it *insertConversionIter) setMembers(ctx *sql.Context, col *sql.Column, v any) any {
	it.truncated(ctx, col)
	s, ok := stringOf(v)
	if !ok {
		return uint64(0)
	}
	var bits uint64
	for _, m := range strings.Split(s, ",") {
		if m == "" {
			continue
		}
		if b, _, err := col.Type.Convert(ctx, m); err == nil {
			if u, ok := b.(uint64); ok {
				bits |= u
			}
		}
	}
	return bits
}

// toYear converts a value a YEAR column refuses: a number out of its range is 0.
func (it *insertConversionIter) toYear(ctx *sql.Context, col *sql.Column, v any) (any, bool, bool) {
	if s, ok := stringOf(v); ok {
		num, rest, ok := parseNumber(s)
		if !ok {
			it.incorrect(ctx, col, "integer", s)
			return int64(0), true, true
		}
		if strings.TrimSpace(rest) != "" {
			if y, r, err := col.Type.Convert(ctx, num.Text('f')); err == nil && r == sql.InRange {
				it.truncated(ctx, col)
				return y, true, true
			}
		}
	}
	it.outOfRange(ctx, col)
	return int64(0), true, true
}

// toNumber converts a value a numeric column refuses: the number a string starts with (0 when
// it starts with none: 1366), rounded and clamped to the column's range (1264); a string with
// more after its number is 1265.
func (it *insertConversionIter) toNumber(ctx *sql.Context, col *sql.Column, v any) (any, bool, bool) {
	t := col.Type
	word := numberWord(t)
	var d *apd.Decimal
	var garbage, spaces bool
	if s, ok := stringOf(v); ok {
		num, rest, ok := parseNumber(s)
		if !ok {
			it.incorrect(ctx, col, word, s)
			return zeroNumber(t), true, true
		}
		d = num
		garbage = strings.TrimRight(rest, " \t\n\r") != ""
		spaces = rest != "" && !garbage
	} else {
		num, ok := numberOf(v)
		if !ok {
			return v, false, false
		}
		d = num
	}
	val, clamped, ok := clampNumber(t, d)
	if !ok {
		return v, false, false
	}
	switch {
	case clamped:
		it.outOfRange(ctx, col)
	case garbage:
		it.truncated(ctx, col)
	case spaces:
		it.truncatedNote(ctx, col)
	}
	return val, true, true
}

// numberFailure is the error of a strict row whose value v does not fit number column col, as
// toNumber would warn outside strict mode: out of range (1264), a string that is no number
// (1366) or one with text after its number (1265). nil leaves the error to GMS.
func (it *insertConversionIter) numberFailure(col *sql.Column, v any, outOfRange bool) error {
	if outOfRange {
		return mariaErr(sequences.ErrDataOutOfRange, col.Name, it.row)
	}
	s, ok := stringOf(v)
	if !ok {
		return nil
	}
	num, rest, ok := parseNumber(s)
	if !ok {
		return mariaErr(sequences.ErrTruncatedWrongValueForField, numberWord(col.Type), s, it.c.db, it.c.table, col.Name, it.row)
	}
	if _, clamped, ok := clampNumber(col.Type, num); ok && clamped {
		return mariaErr(sequences.ErrDataOutOfRange, col.Name, it.row)
	}
	if strings.TrimRight(rest, " \t\n\r") != "" {
		return mariaErr(sequences.ErrWarnDataTruncated, col.Name, it.row)
	}
	return nil
}

// numberWord is MariaDB's word for a numeric column's type in "Incorrect %s value".
func numberWord(t sql.Type) string {
	switch {
	case types.IsDecimal(t):
		return "decimal"
	case types.IsFloat(t):
		return "double"
	}
	return "integer"
}

// noteAccepted gives the Note MariaDB gives for a value GMS accepts: a number followed by
// spaces, or a DECIMAL value rounded to the column's scale; and, outside strict rows, the
// warning for a string without a number, which GMS reads as 0.
func (it *insertConversionIter) noteAccepted(ctx *sql.Context, col *sql.Column, v, conv any, lenient bool) {
	t := col.Type
	if types.IsEnum(t) {
		// GMS takes 0 for the empty value outside strict mode; MariaDB warns.
		if d, ok := numberOf(v); ok && d.IsZero() && lenient {
			it.truncated(ctx, col)
		}
		return
	}
	if !types.IsInteger(t) && !types.IsDecimal(t) && !types.IsFloat(t) {
		return
	}
	if types.IsInteger(t) && types.IsUnsigned(t) && lenient {
		// GMS rounds -0.4 to 0; MariaDB finds any negative number out of an unsigned range.
		if d, ok := numberOf(v); ok && d.Negative && !d.IsZero() {
			it.outOfRange(ctx, col)
			return
		}
	}
	var d *apd.Decimal
	if s, ok := stringOf(v); ok {
		num, rest, ok := parseNumber(s)
		if !ok {
			if lenient {
				it.incorrect(ctx, col, numberWord(t), s)
			}
			return
		}
		if rest != "" && strings.TrimRight(rest, " \t\n\r") == "" {
			it.truncatedNote(ctx, col)
			return
		}
		d = num
	} else if types.IsDecimal(t) {
		if num, ok := numberOf(v); ok {
			d = num
		}
	}
	if d == nil || !types.IsDecimal(t) {
		return
	}
	if cd, ok := conv.(*apd.Decimal); ok && cd.Cmp(d) != 0 {
		it.truncatedNote(ctx, col)
	}
}

// numberPrefix is the number a string starts with, as MariaDB reads it.
var numberPrefix = regexp.MustCompile(`^[ \t\n\r]*([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?`)

// parseNumber reads the number s starts with; ok is false when it starts with none.
func parseNumber(s string) (*apd.Decimal, string, bool) {
	m := numberPrefix.FindStringSubmatchIndex(s)
	if m == nil {
		return nil, s, false
	}
	part := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return s[m[2*i]:m[2*i+1]]
	}
	intPart, frac := part(2), part(3)
	if intPart == "" && frac == "" {
		return nil, s, false
	}
	text := part(1) + intPart
	if intPart == "" {
		text += "0"
	}
	if frac != "" {
		text += "." + frac
	}
	end := m[1]
	if exp := part(4); exp != "" {
		if e, err := strconv.Atoi(exp); err == nil && e > -100000 && e < 100000 {
			text += "e" + exp
		} else if err == nil && e < 0 {
			text = "0"
		} else {
			text += "e99999"
		}
	}
	d, _, err := apd.NewFromString(text)
	if err != nil {
		return nil, s, false
	}
	return d, s[end:], true
}

// stringOf is v when it is a string.
func stringOf(v any) (string, bool) {
	switch s := v.(type) {
	case string:
		return s, true
	case []byte:
		return string(s), true
	}
	return "", false
}

// numberOf is v as a decimal when it is a number.
func numberOf(v any) (*apd.Decimal, bool) {
	d := new(apd.Decimal)
	switch x := v.(type) {
	case bool:
		if x {
			return apd.New(1, 0), true
		}
		return apd.New(0, 0), true
	case int:
		return apd.New(int64(x), 0), true
	case int8:
		return apd.New(int64(x), 0), true
	case int16:
		return apd.New(int64(x), 0), true
	case int32:
		return apd.New(int64(x), 0), true
	case int64:
		return apd.New(x, 0), true
	case uint:
		d.SetString(strconv.FormatUint(uint64(x), 10))
	case uint8:
		return apd.New(int64(x), 0), true
	case uint16:
		return apd.New(int64(x), 0), true
	case uint32:
		return apd.New(int64(x), 0), true
	case uint64:
		d.SetString(strconv.FormatUint(x, 10))
	case float32:
		return numberOf(float64(x))
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, false
		}
		if _, err := d.SetFloat64(x); err != nil {
			return nil, false
		}
	case *apd.Decimal:
		return x, true
	case apd.Decimal:
		return &x, true
	default:
		return nil, false
	}
	return d, true
}

// zeroNumber is 0 in a numeric column's Go type family.
func zeroNumber(t sql.Type) any {
	switch {
	case types.IsDecimal(t):
		return "0"
	case types.IsFloat(t):
		return float64(0)
	case types.IsUnsigned(t):
		return uint64(0)
	}
	return int64(0)
}

// decimalContext computes with more digits than any column holds; halves round away from zero.
var decimalContext = func() *apd.Context {
	c := apd.BaseContext.WithPrecision(300)
	c.Rounding = apd.RoundHalfUp
	c.MaxExponent = 200000
	c.MinExponent = -200000
	return c
}()

// clampNumber rounds d for a numeric column and clamps it to the column's range; clamped
// reports that it did not fit.
func clampNumber(t sql.Type, d *apd.Decimal) (any, bool, bool) {
	switch {
	case types.IsFloat(t):
		limit := math.MaxFloat64
		if t.Type() == sqltypes.Float32 {
			limit = math.MaxFloat32
		}
		f, err := d.Float64()
		if err != nil && !math.IsInf(f, 0) {
			return nil, false, false
		}
		switch {
		case f > limit:
			return limit, true, true
		case f < -limit:
			return -limit, true, true
		}
		return f, false, true
	case types.IsDecimal(t):
		dt, ok := t.(sql.DecimalType)
		if !ok {
			return nil, false, false
		}
		r := new(apd.Decimal)
		if _, err := decimalContext.Quantize(r, d, -int32(dt.Scale())); err != nil {
			// Too many digits to quantize: far out of range.
			r.Set(d)
		}
		upper := dt.ExclusiveUpperBound()
		if r.Cmp(upper) >= 0 || new(apd.Decimal).Neg(r).Cmp(upper) >= 0 {
			limit := maxDecimal(dt)
			if r.Negative {
				limit = "-" + limit
			}
			return limit, true, true
		}
		return r.Text('f'), false, true
	case types.IsInteger(t):
		r := new(apd.Decimal)
		if _, err := decimalContext.RoundToIntegralValue(r, d); err != nil {
			return nil, false, false
		}
		lo, hi := integerBounds(t)
		switch {
		case r.Cmp(hi) > 0:
			r = hi
		case r.Cmp(lo) < 0:
			r = lo
		default:
			return integerValue(t, r), false, true
		}
		return integerValue(t, r), true, true
	}
	return nil, false, false
}

// maxDecimal is the largest value of a DECIMAL(p,s): p-s nines, a point and s nines.
func maxDecimal(dt sql.DecimalType) string {
	p, s := int(dt.Precision()), int(dt.Scale())
	out := strings.Repeat("9", p-s)
	if out == "" {
		out = "0"
	}
	if s > 0 {
		out += "." + strings.Repeat("9", s)
	}
	return out
}

// integerBounds is the range of an integer column.
func integerBounds(t sql.Type) (*apd.Decimal, *apd.Decimal) {
	var lo int64
	var hi uint64
	switch t.Type() {
	case sqltypes.Int8:
		lo, hi = math.MinInt8, math.MaxInt8
	case sqltypes.Uint8:
		hi = math.MaxUint8
	case sqltypes.Int16:
		lo, hi = math.MinInt16, math.MaxInt16
	case sqltypes.Uint16:
		hi = math.MaxUint16
	case sqltypes.Int24:
		lo, hi = -1<<23, 1<<23-1
	case sqltypes.Uint24:
		hi = 1<<24 - 1
	case sqltypes.Int32:
		lo, hi = math.MinInt32, math.MaxInt32
	case sqltypes.Uint32:
		hi = math.MaxUint32
	case sqltypes.Uint64:
		hi = math.MaxUint64
	default:
		lo, hi = math.MinInt64, math.MaxInt64
	}
	h := new(apd.Decimal)
	h.SetString(strconv.FormatUint(hi, 10))
	return apd.New(lo, 0), h
}

// integerValue is an integral decimal within a column's range as int64 or uint64.
func integerValue(t sql.Type, r *apd.Decimal) any {
	if types.IsUnsigned(t) {
		u, _ := strconv.ParseUint(r.Text('f'), 10, 64)
		return u
	}
	i, _ := r.Int64()
	return i
}
