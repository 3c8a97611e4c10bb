package functions

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/cockroachdb/apd/v3"
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
)

// Helpers for the temporal functions. A TIME value is handled as a signed count of
// microseconds; MariaDB's TIME range is ±838:59:59.999999.

const (
	usPerSecond = int64(1_000_000)
	usPerMinute = 60 * usPerSecond
	usPerHour   = 60 * usPerMinute
	usPerDay    = 24 * usPerHour
	// timeMaxSeconds is 838:59:59, the largest TIME without its fraction.
	timeMaxSeconds = int64(838*3600 + 59*60 + 59)
)

// verbatimWarner is a session that rewrites the warnings GMS adds and takes MariaDB's own
// unchanged through WarnVerbatim (seqd's session).
type verbatimWarner interface{ WarnVerbatim(*sql.Warning) }

// warn adds a warning in MariaDB's words.
func warn(ctx *sql.Context, code int, format string, args ...any) {
	if v, ok := ctx.Session.(verbatimWarner); ok {
		v.WarnVerbatim(&sql.Warning{Level: "Warning", Code: code, Message: fmt.Sprintf(format, args...)})
		return
	}
	ctx.Warn(code, format, args...)
}

// warnTruncated adds MariaDB's warning 1292 "Truncated incorrect <what> value: '<v>'".
func warnTruncated(ctx *sql.Context, what, v string) {
	warn(ctx, 1292, "Truncated incorrect %s value: '%s'", what, v)
}

// warnIncorrect adds MariaDB's warning 1292 "Incorrect <what> value: '<v>'".
func warnIncorrect(ctx *sql.Context, what, v string) {
	warn(ctx, 1292, "Incorrect %s value: '%s'", what, v)
}

// formatTime writes us as MariaDB writes a TIME: [-]HH:MM:SS, then dec digits of fraction.
func formatTime(us int64, dec int) string {
	sign := ""
	if us < 0 {
		sign, us = "-", -us
	}
	s := fmt.Sprintf("%s%02d:%02d:%02d", sign, us/usPerHour, us/usPerMinute%60, us/usPerSecond%60)
	if dec > 0 {
		s += "." + fmt.Sprintf("%06d", us%usPerSecond)[:dec]
	}
	return s
}

// fracDigits is the number of fraction digits MariaDB shows for a computed value whose type
// has no fixed scale: six when there is a fraction, none otherwise.
func fracDigits(us int64) int {
	if us%usPerSecond != 0 {
		return 6
	}
	return 0
}

// timeMax is the largest TIME with dec fraction digits: 838:59:59.9…9.
func timeMax(dec int) int64 {
	return timeMaxSeconds*usPerSecond + usPerSecond - usPerSecond/int64(math.Pow10(dec))
}

// clipTime limits us to the TIME range of a value with dec fraction digits. When it clips it
// warns that the unclipped value, written as text, was truncated.
func clipTime(ctx *sql.Context, us int64, dec int) int64 {
	max := timeMax(dec)
	if us > max || us < -max {
		warnTruncated(ctx, "time", formatTime(us, fracDigits(us)))
		if us < 0 {
			return -max
		}
		return max
	}
	return us
}

// parsedTime is the result of reading a TIME from text.
type parsedTime struct {
	us   int64 // the value, unclipped
	dec  int   // fraction digits written
	rest string
	ok   bool // some time was read
}

// parseTime reads a TIME from the start of s the way MariaDB reads one: [-][D ]H:M[:S][.frac],
// or digits read from the right as [[H]HMM]SS[.frac]. Minutes and seconds above 59 make the
// text invalid; fraction digits after the sixth are cut. rest is what follows the value.
func parseTime(s string) parsedTime {
	s = strings.TrimLeft(s, " \t\n")
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	a, s := digits(s)
	if a == "" || len(a) > 18 {
		return parsedTime{}
	}
	var h, m, sec int64
	switch {
	case len(s) > 1 && s[0] == ' ' && isDigit(s[1]):
		// "D H[:M[:S]]": a day count before the hours.
		hs, r := digits(s[1:])
		if len(hs) > 18 {
			return parsedTime{}
		}
		h = min(atoi(a), maxHours)*24 + atoi(hs)
		s = r
		var ok bool
		if m, sec, s, ok = minSec(s); !ok {
			return parsedTime{}
		}
	case strings.HasPrefix(s, ":"):
		h = atoi(a)
		var ok bool
		if m, sec, s, ok = minSec(s); !ok {
			return parsedTime{}
		}
	default:
		n := atoi(a)
		h, m, sec = n/10000, n/100%100, n%100
	}
	if m > 59 || sec > 59 {
		return parsedTime{}
	}
	h = min(h, maxHours)
	us := ((h*60+m)*60 + sec) * usPerSecond
	dec := 0
	if len(s) > 1 && s[0] == '.' && isDigit(s[1]) {
		var f string
		f, s = digits(s[1:])
		dec = min(len(f), 6)
		us += atoi((f + "00000")[:6])
	}
	if neg {
		us = -us
	}
	return parsedTime{us: us, dec: dec, rest: strings.TrimRight(s, " \t\n"), ok: true}
}

// minSec reads ":M[:S]" from the start of s; an absent part is 0.
func minSec(s string) (m, sec int64, rest string, ok bool) {
	if !strings.HasPrefix(s, ":") {
		return 0, 0, s, true
	}
	ms, s := digits(s[1:])
	if ms == "" || len(ms) > 2 {
		return 0, 0, s, false
	}
	m = atoi(ms)
	if !strings.HasPrefix(s, ":") {
		return m, 0, s, true
	}
	ss, s := digits(s[1:])
	if ss == "" || len(ss) > 2 {
		return 0, 0, s, false
	}
	return m, atoi(ss), s, true
}

// digits splits s after its leading decimal digits.
func digits(s string) (string, string) {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return s[:i], s[i:]
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// maxHours bounds the hours of a parsed TIME: far beyond the TIME range, so that a value
// clipped to it is still clipped, yet small enough for microseconds to fit in an int64.
const maxHours = 100_000_000

// atoi converts a run of digits; more than 18 digits saturate to math.MaxInt64.
func atoi(s string) int64 {
	if len(s) > 18 {
		return math.MaxInt64
	}
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}

// text returns v, a non-NULL SQL value, as MariaDB would write it in a warning.
func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	case *apd.Decimal:
		return x.Text('f')
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case float32:
		return strconv.FormatFloat(float64(x), 'g', -1, 32)
	case time.Time:
		if x.Nanosecond() != 0 {
			return x.Format("2006-01-02 15:04:05.000000")
		}
		return x.Format("2006-01-02 15:04:05")
	case types.Timespan:
		us := x.AsMicroseconds()
		return formatTime(us, fracDigits(us))
	}
	return fmt.Sprint(v)
}

// timeOf converts a non-NULL value to a TIME in microseconds. A string that is not a time gives
// warning 1292 "Incorrect <what> value" and ok false; trailing garbage after a time gives
// "Truncated incorrect time value" and the time. A DATETIME gives its time of day.
func timeOf(ctx *sql.Context, v any, what string) (us int64, ok bool) {
	switch x := v.(type) {
	case types.Timespan:
		return x.AsMicroseconds(), true
	case time.Time:
		return int64(x.Hour())*usPerHour + int64(x.Minute())*usPerMinute +
			int64(x.Second())*usPerSecond + int64(x.Nanosecond()/1000), true
	case string, []byte:
		p := parseTime(text(x))
		if !p.ok {
			warnIncorrect(ctx, what, text(x))
			return 0, false
		}
		if p.rest != "" {
			warnTruncated(ctx, "time", text(x))
		}
		return p.us, true
	}
	// A number: its decimal digits read as [H]HMMSS[.frac].
	sec, us, ok := numberOf(v)
	if !ok {
		warnIncorrect(ctx, what, text(v))
		return 0, false
	}
	neg := sec < 0 || us < 0
	if neg {
		sec, us = -sec, -us
	}
	h, m, s := min(sec/10000, maxHours), sec/100%100, sec%100
	if m > 59 || s > 59 {
		warnIncorrect(ctx, what, text(v))
		return 0, false
	}
	t := ((h*60+m)*60+s)*usPerSecond + us
	if neg {
		t = -t
	}
	return t, true
}

// numberOf splits a numeric value into its integer part and microseconds (cut, not rounded),
// both carrying the sign. ok is false for a value that is not a number.
func numberOf(v any) (whole, us int64, ok bool) {
	var s string
	switch x := v.(type) {
	case int8, int16, int32, int64, int, uint8, uint16, uint32, uint, uint64, bool:
		n, _ := integerOf(x)
		return n, 0, true
	case float64:
		s = strconv.FormatFloat(x, 'f', -1, 64)
	case float32:
		s = strconv.FormatFloat(float64(x), 'f', -1, 32)
	case *apd.Decimal:
		s = x.Text('f')
	default:
		return 0, 0, false
	}
	w, frac, neg, ok := splitDecimal(s)
	if !ok {
		return 0, 0, false
	}
	if neg {
		return -w, -frac, true
	}
	return w, frac, true
}

// splitDecimal reads "[-]digits[.digits]" fully: the integer part and the first six fraction
// digits as microseconds.
func splitDecimal(s string) (whole, us int64, neg, ok bool) {
	n, rest, ok := decimalPrefix(s)
	if !ok || rest != "" {
		return 0, 0, false, false
	}
	return n.whole, n.us, n.neg, true
}

// decimalNum is a number read from text: its integer part, microseconds and sign.
type decimalNum struct {
	whole, us int64
	neg       bool
	dec       int // fraction digits written
}

// decimalPrefix reads "[+-]digits[.digits][e[+-]digits]" from the start of s (after spaces) as
// MariaDB reads a number from a string; rest is what follows it. An exponent is applied.
func decimalPrefix(s string) (n decimalNum, rest string, ok bool) {
	s = strings.TrimLeft(s, " \t\n")
	if s != "" && (s[0] == '-' || s[0] == '+') {
		n.neg = s[0] == '-'
		s = s[1:]
	}
	w, s := digits(s)
	var f string
	if len(s) > 0 && s[0] == '.' {
		f, s = digits(s[1:])
	}
	if w == "" && f == "" {
		return decimalNum{}, s, false
	}
	if len(s) > 1 && (s[0] == 'e' || s[0] == 'E') {
		if x, err := strconv.ParseFloat(w+"."+f+s[:expLen(s)], 64); err == nil {
			s = s[expLen(s):]
			w = strconv.FormatFloat(x, 'f', -1, 64)
			f = ""
			if i := strings.IndexByte(w, '.'); i >= 0 {
				w, f = w[:i], w[i+1:]
			}
		}
	}
	n.whole = atoi(w)
	n.dec = len(f)
	n.us = atoi((f + "000000")[:6])
	return n, strings.TrimRight(s, " \t\n"), true
}

// expLen is the length of the exponent "e[+-]digits" at the start of s, or 0.
func expLen(s string) int {
	if s == "" || (s[0] != 'e' && s[0] != 'E') {
		return 0
	}
	i := 1
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	d, _ := digits(s[i:])
	if d == "" {
		return 0
	}
	return i + len(d)
}

// integerOf returns an integer value as int64; a uint64 above the int64 range saturates.
func integerOf(v any) (int64, bool) {
	switch x := v.(type) {
	case int8:
		return int64(x), true
	case int16:
		return int64(x), true
	case int32:
		return int64(x), true
	case int64:
		return x, true
	case int:
		return int64(x), true
	case uint8:
		return int64(x), true
	case uint16:
		return int64(x), true
	case uint32:
		return int64(x), true
	case uint:
		return int64(min(uint64(x), math.MaxInt64)), true
	case uint64:
		return int64(min(x, math.MaxInt64)), true
	case bool:
		if x {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// intArg converts a non-NULL argument to an integer as MariaDB's val_int does: numbers round
// half away from zero; text is read up to the first character that does not belong to a
// number, with warning 1292 "Truncated incorrect INTEGER value" when something is left.
func intArg(ctx *sql.Context, v any) int64 {
	if n, ok := integerOf(v); ok {
		return n
	}
	var n decimalNum
	switch x := v.(type) {
	case string, []byte:
		var rest string
		var ok bool
		n, rest, ok = decimalPrefix(text(x))
		if !ok || rest != "" {
			warnTruncated(ctx, "INTEGER", text(x))
		}
		n.us = 0 // text is cut at the decimal point, not rounded
	case float64:
		return int64(math.Max(math.Min(math.Round(x), math.MaxInt64), math.MinInt64))
	case float32:
		return int64(math.Round(float64(x)))
	case types.Timespan:
		us := x.AsMicroseconds()
		return timeNumber(us)
	case time.Time:
		return int64(x.Year())*10000000000 + int64(x.Month())*100000000 + int64(x.Day())*1000000 +
			int64(x.Hour())*10000 + int64(x.Minute())*100 + int64(x.Second())
	default:
		w, us, ok := numberOf(v)
		if !ok {
			return 0
		}
		n = decimalNum{whole: w, us: us}
		if w < 0 || us < 0 {
			n = decimalNum{whole: -w, us: -us, neg: true}
		}
	}
	r := n.whole
	if n.us >= usPerSecond/2 {
		r++
	}
	if n.neg {
		return -r
	}
	return r
}

// timeNumber is a TIME as the number HHMMSS, rounded to whole seconds.
func timeNumber(us int64) int64 {
	neg := us < 0
	if neg {
		us = -us
	}
	s := (us + usPerSecond/2) / usPerSecond
	n := s/3600*10000 + s/60%60*100 + s%60
	if neg {
		return -n
	}
	return n
}
