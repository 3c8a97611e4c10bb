package sequences

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Errno is an operating-system or storage-engine error number for the %M verb, which MariaDB
// renders as `<n> "<text>"` (for example `165 "Table is read only"`).
type Errno struct {
	Code int
	Text string
}

// mysqlSprintf renders a MariaDB error-message format (the my_vsnprintf dialect of
// sql/share/errmsg-utf8.txt) with args.
//
// Supported: %% ; flags '-' (ignored: there is no width padding in messages) and '`' (quote the
// string as an identifier); precision ".N" or ".*"; length modifiers l, ll, z (ignored); verbs
// s and T (strings; T appends "..." when the precision cuts the value), d, i, u, x, c and M.
// A precision counts bytes and never splits a UTF-8 sequence, which is what MariaDB prints for
// the 1064 near-text (77 bytes plus "..." when the text is over 80 bytes).
func mysqlSprintf(format string, args []any) string {
	var b strings.Builder
	next := 0
	arg := func() any {
		if next >= len(args) {
			return nil
		}
		a := args[next]
		next++
		return a
	}
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		spec, n := parseSpec(format[i+1:])
		i += n
		if spec.verb == '%' {
			b.WriteByte('%')
			continue
		}
		if spec.precisionArg {
			p, _ := toInt64(arg())
			spec.precision = int(p)
		}
		b.WriteString(spec.render(arg()))
	}
	return b.String()
}

type fmtSpec struct {
	backquote    bool
	precision    int // -1: none
	precisionArg bool
	verb         byte
}

// parseSpec parses the directive after a '%'; n is the number of bytes consumed.
func parseSpec(s string) (spec fmtSpec, n int) {
	spec.precision = -1
	for n < len(s) && (s[n] == '-' || s[n] == '`' || s[n] == '#') {
		if s[n] == '`' {
			spec.backquote = true
		}
		n++
	}
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++ // width: messages never pad
	}
	if n < len(s) && s[n] == '.' {
		n++
		switch {
		case n < len(s) && s[n] == '*':
			spec.precisionArg = true
			n++
		default:
			p := 0
			for n < len(s) && s[n] >= '0' && s[n] <= '9' {
				p = p*10 + int(s[n]-'0')
				n++
			}
			spec.precision = p
		}
	}
	for n < len(s) && (s[n] == 'l' || s[n] == 'z') {
		n++
	}
	if n < len(s) {
		spec.verb = s[n]
		n++
	}
	return spec, n
}

func (f fmtSpec) render(a any) string {
	switch f.verb {
	case 's', 'T':
		s := truncateBytes(toString(a), f.precision, f.verb == 'T')
		if f.backquote {
			return QuoteIdent(s, '`')
		}
		return s
	case 'd', 'i':
		v, _ := toInt64(a)
		return strconv.FormatInt(v, 10)
	case 'u':
		if u, ok := a.(uint64); ok {
			return strconv.FormatUint(u, 10)
		}
		v, _ := toInt64(a)
		return strconv.FormatUint(uint64(v), 10)
	case 'x':
		v, _ := toInt64(a)
		return strconv.FormatUint(uint64(v), 16)
	case 'c':
		v, _ := toInt64(a)
		return string(rune(v))
	case 'M':
		if e, ok := a.(Errno); ok {
			return strconv.Itoa(e.Code) + " \"" + e.Text + "\""
		}
		v, _ := toInt64(a)
		return strconv.FormatInt(v, 10)
	}
	return "%" + string(f.verb)
}

// truncateBytes cuts s to at most max bytes without splitting a UTF-8 sequence. With dots, a cut
// value keeps max-3 bytes and ends in "...".
func truncateBytes(s string, max int, dots bool) string {
	if max < 0 || len(s) <= max {
		return s
	}
	keep := max
	if dots {
		keep = max - 3
		if keep < 0 {
			keep = 0
		}
	}
	for keep > 0 && keep < len(s) && !utf8.RuneStart(s[keep]) {
		keep--
	}
	if dots {
		return s[:keep] + "..."
	}
	return s[:keep]
}

func toString(a any) string {
	switch v := a.(type) {
	case nil:
		return "(null)"
	case string:
		return v
	case []byte:
		return string(v)
	case interface{ String() string }:
		return v.String()
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		n, _ := toInt64(v)
		return strconv.FormatInt(n, 10)
	}
	return ""
}

func toInt64(a any) (int64, bool) {
	switch v := a.(type) {
	case int:
		return int64(v), true
	case int8:
		return int64(v), true
	case int16:
		return int64(v), true
	case int32:
		return int64(v), true
	case int64:
		return v, true
	case uint:
		return int64(v), true
	case uint8:
		return int64(v), true
	case uint16:
		return int64(v), true
	case uint32:
		return int64(v), true
	case uint64:
		return int64(v), true
	case bool:
		if v {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// QuoteIdent quotes an identifier with q (` or "), doubling q inside it, as MariaDB's
// append_identifier does.
func QuoteIdent(name string, q byte) string {
	var b strings.Builder
	b.Grow(len(name) + 2)
	b.WriteByte(q)
	for i := 0; i < len(name); i++ {
		if name[i] == q {
			b.WriteByte(q)
		}
		b.WriteByte(name[i])
	}
	b.WriteByte(q)
	return b.String()
}
