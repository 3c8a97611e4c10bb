package functions

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cockroachdb/apd/v3"
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
)

// SFORMAT(format, args...) formats its arguments as MariaDB does with the {fmt} library's
// syntax: replacement fields {} or {n}, each with an optional spec
// [[fill]align][sign][#][0][width][.precision][type]. Integers are formatted as BIGINT,
// decimals and doubles as doubles, everything else as text. A format error gives warning 4183
// and NULL.
var sformat = &builtin{name: "sformat", min: 1, max: -1, eval: evalSFormat,
	typ: func(*sql.Context, []sql.Expression) sql.Type { return types.LongText },
	doc: "formats its arguments after a format string"}

// Format errors, worded as the {fmt} library words them.
var (
	errFmtString    = errors.New("invalid format string")
	errFmtUnmatched = errors.New("unmatched '}' in format string")
	errFmtArgument  = errors.New("argument not found")
	errFmtType      = errors.New("invalid type specifier")
	errFmtManual    = errors.New("cannot switch from manual to automatic argument indexing")
	errFmtAuto      = errors.New("cannot switch from automatic to manual argument indexing")
)

func evalSFormat(ctx *sql.Context, c *call, row sql.Row) (any, error) {
	vals, null, err := c.values(ctx, row)
	if err != nil || null {
		return nil, err
	}
	for i, v := range vals {
		if _, ok := v.(sql.JSONWrapper); ok {
			if vals[i], err = jsonText(ctx, v); err != nil {
				return nil, err
			}
		}
	}
	out, err := formatFields(text(vals[0]), vals[1:])
	if err != nil {
		warn(ctx, 4183, "SFORMAT error: %s", err.Error())
		return nil, nil
	}
	return out, nil
}

// formatFields replaces the fields of f with args.
func formatFields(f string, args []any) (string, error) {
	var b strings.Builder
	next, manual := 0, false
	for i := 0; i < len(f); i++ {
		c := f[i]
		switch {
		case c == '}':
			if i+1 < len(f) && f[i+1] == '}' {
				b.WriteByte('}')
				i++
				continue
			}
			return "", errFmtUnmatched
		case c != '{':
			b.WriteByte(c)
			continue
		case i+1 < len(f) && f[i+1] == '{':
			b.WriteByte('{')
			i++
			continue
		}
		end := strings.IndexByte(f[i:], '}')
		if end < 0 {
			return "", errFmtString
		}
		field := f[i+1 : i+end]
		i += end
		idx, spec, _ := strings.Cut(field, ":")
		n := next
		switch {
		case idx == "":
			if manual {
				return "", errFmtManual
			}
			next++
		default:
			if next > 0 {
				return "", errFmtAuto
			}
			manual = true
			var err error
			if n, err = strconv.Atoi(idx); err != nil || n < 0 {
				return "", errFmtString
			}
		}
		if n >= len(args) {
			return "", errFmtArgument
		}
		s, err := formatArg(args[n], spec)
		if err != nil {
			return "", err
		}
		b.WriteString(s)
	}
	return b.String(), nil
}

// fmtSpec is a parsed format spec.
type fmtSpec struct {
	fill      string
	align     byte // '<', '>', '^' or 0
	sign      byte // '+', '-', ' ' or 0
	alt, zero bool
	width     int
	prec      int // -1 when absent
	typ       byte
}

func parseSpec(s string) (fmtSpec, error) {
	sp := fmtSpec{fill: " ", prec: -1}
	if r, n := utf8.DecodeRuneInString(s); n > 0 && n < len(s) && strings.IndexByte("<>^", s[n]) >= 0 {
		sp.fill, sp.align, s = string(r), s[n], s[n+1:]
	} else if s != "" && strings.IndexByte("<>^", s[0]) >= 0 {
		sp.align, s = s[0], s[1:]
	}
	if s != "" && strings.IndexByte("+- ", s[0]) >= 0 {
		sp.sign, s = s[0], s[1:]
	}
	if strings.HasPrefix(s, "#") {
		sp.alt, s = true, s[1:]
	}
	if strings.HasPrefix(s, "0") {
		sp.zero, s = true, s[1:]
	}
	w, s := digits(s)
	if w != "" {
		sp.width = int(min(atoi(w), 1<<20))
	}
	if strings.HasPrefix(s, ".") {
		var p string
		p, s = digits(s[1:])
		if p == "" {
			return sp, errFmtString
		}
		sp.prec = int(min(atoi(p), 1<<10))
	}
	if len(s) > 1 {
		return sp, errFmtString
	}
	if s != "" {
		sp.typ = s[0]
	}
	return sp, nil
}

// formatArg formats one argument after spec.
func formatArg(v any, spec string) (string, error) {
	sp, err := parseSpec(spec)
	if err != nil {
		return "", err
	}
	if n, ok := integerOf(v); ok {
		if u, isU := v.(uint64); isU {
			n = int64(u) // MariaDB passes integers as BIGINT
		}
		return sp.formatInt(n)
	}
	switch x := v.(type) {
	case float64:
		return sp.formatFloat(x)
	case float32:
		return sp.formatFloat(float64(x))
	case *apd.Decimal:
		f, _ := x.Float64()
		return sp.formatFloat(f)
	case time.Time, types.Timespan, string, []byte:
		return sp.formatString(text(x))
	}
	return sp.formatString(text(v))
}

func (sp fmtSpec) formatInt(n int64) (string, error) {
	if sp.prec >= 0 {
		return "", errFmtString
	}
	base, prefix := 10, ""
	switch sp.typ {
	case 0, 'd':
	case 'x', 'X':
		base, prefix = 16, "0"+string(sp.typ)
	case 'o':
		base, prefix = 8, "0"
	case 'b', 'B':
		base, prefix = 2, "0"+string(sp.typ)
	case 'c':
		if sp.sign != 0 || sp.alt || n < 0 || n > utf8.MaxRune {
			return "", errFmtType
		}
		return sp.pad("", string(rune(n)), '<'), nil
	default:
		return "", errFmtType
	}
	neg := n < 0
	u := uint64(n)
	if neg {
		u = -u
	}
	digits := strconv.FormatUint(u, base)
	if sp.typ == 'X' {
		digits = strings.ToUpper(digits)
	}
	if !sp.alt || (base == 8 && u == 0) {
		prefix = ""
	}
	return sp.pad(sp.signOf(neg)+prefix, digits, '>'), nil
}

func (sp fmtSpec) formatFloat(f float64) (string, error) {
	neg := math.Signbit(f)
	f = math.Abs(f)
	var s string
	switch sp.typ {
	case 0:
		s = shortestFloat(f, sp.prec)
	case 'f', 'F':
		s = strconv.FormatFloat(f, 'f', precOr(sp.prec, 6), 64)
	case 'e', 'E':
		s = strconv.FormatFloat(f, 'e', precOr(sp.prec, 6), 64)
	case 'g', 'G':
		s = strconv.FormatFloat(f, 'g', max(precOr(sp.prec, 6), 1), 64)
	default:
		return "", errFmtType
	}
	if sp.typ == 'E' || sp.typ == 'G' || sp.typ == 'F' {
		s = strings.ToUpper(s)
	}
	if sp.alt && !strings.ContainsAny(s, ".eEnN") {
		s += "."
	}
	return sp.pad(sp.signOf(neg), s, '>'), nil
}

// shortestFloat is {fmt}'s default for a double: the shortest text that reads back as f, in
// fixed notation for exponents from -4 to 15; with a precision, that many significant digits.
func shortestFloat(f float64, prec int) string {
	if prec >= 0 {
		return strconv.FormatFloat(f, 'g', max(prec, 1), 64)
	}
	if f == 0 || math.IsInf(f, 0) || math.IsNaN(f) {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	if exp := math.Floor(math.Log10(f)); exp >= -4 && exp < 16 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'e', -1, 64)
}

func precOr(p, def int) int {
	if p < 0 {
		return def
	}
	return p
}

func (sp fmtSpec) formatString(s string) (string, error) {
	if (sp.typ != 0 && sp.typ != 's') || sp.sign != 0 || sp.alt || sp.zero {
		return "", errFmtType
	}
	if sp.prec >= 0 && utf8.RuneCountInString(s) > sp.prec {
		r := []rune(s)
		s = string(r[:sp.prec])
	}
	return sp.pad("", s, '<'), nil
}

func (sp fmtSpec) signOf(neg bool) string {
	switch {
	case neg:
		return "-"
	case sp.sign == '+' || sp.sign == ' ':
		return string(sp.sign)
	}
	return ""
}

// pad writes prefix and body in the spec's width: zero padding goes between them, fill
// around them as the alignment (or def, the type's default) says.
func (sp fmtSpec) pad(prefix, body string, def byte) string {
	n := utf8.RuneCountInString(prefix) + utf8.RuneCountInString(body)
	if n >= sp.width {
		return prefix + body
	}
	if sp.zero && sp.align == 0 {
		return prefix + strings.Repeat("0", sp.width-n) + body
	}
	fill := sp.fill
	if sp.zero {
		fill = "0" // with an alignment, 0 is the fill
	}
	gap := sp.width - n
	align := sp.align
	if align == 0 {
		align = def
	}
	switch align {
	case '<':
		return prefix + body + strings.Repeat(fill, gap)
	case '^':
		return strings.Repeat(fill, gap/2) + prefix + body + strings.Repeat(fill, gap-gap/2)
	}
	return strings.Repeat(fill, gap) + prefix + body
}
