package functions

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
)

// A JSON scanner over the text as written. MariaDB's JSON functions work on the text, not on
// a parsed value: JSON_QUERY returns a part of the document byte for byte, and a path search
// stops at the first match without reading, or validating, the rest.

// errJSONSyntax reports text that is not JSON; jsonScanner.pos is where it was noticed.
var errJSONSyntax = errors.New("functions: JSON syntax error")

// errJSONDepth reports an object or array nested maxJSONDepth deep; jsonScanner.pos is at it.
var errJSONDepth = errors.New("functions: JSON nested too deep")

// maxJSONDepth is MariaDB's limit on nesting: objects and arrays nest at most 31 deep.
const maxJSONDepth = 32

type jsonScanner struct {
	s     string
	pos   int
	depth int // objects and arrays open around pos
	// existence: find only reports whether the path reaches a value, which it then does not
	// read (JSON_EXISTS).
	existence bool
}

func (j *jsonScanner) skipSpace() {
	for j.pos < len(j.s) && strings.IndexByte(" \t\n\r", j.s[j.pos]) >= 0 {
		j.pos++
	}
}

// peek returns the next byte after white space, or 0 at the end.
func (j *jsonScanner) peek() byte {
	j.skipSpace()
	if j.pos < len(j.s) {
		return j.s[j.pos]
	}
	return 0
}

// expect consumes c after white space.
func (j *jsonScanner) expect(c byte) error {
	if j.peek() != c {
		return errJSONSyntax
	}
	j.pos++
	return nil
}

// value skips one value and returns its text.
func (j *jsonScanner) value() (string, error) {
	j.skipSpace()
	start := j.pos
	var err error
	switch j.peek() {
	case '{', '[':
		err = j.container(func(*jsonScanner, string) error { return j.skip() })
	case '"':
		_, err = j.str()
	default:
		err = j.scalar()
	}
	return j.s[start:j.pos], err
}

func (j *jsonScanner) skip() error {
	_, err := j.value()
	return err
}

// container scans an object or array; for each member or element it calls each, with the
// scanner before the value and the member's name as written ("" in an array), and each must
// consume the value.
func (j *jsonScanner) container(each func(j *jsonScanner, key string) error) error {
	open := j.peek()
	closing := byte(']')
	if open == '{' {
		closing = '}'
	}
	if j.depth+1 >= maxJSONDepth {
		return errJSONDepth
	}
	j.depth++
	defer func() { j.depth-- }()
	j.pos++
	if j.peek() == closing {
		j.pos++
		return nil
	}
	for {
		key := ""
		if open == '{' {
			var err error
			if key, err = j.str(); err != nil {
				return err
			}
			if err := j.expect(':'); err != nil {
				return err
			}
		}
		if err := each(j, key); err != nil {
			return err
		}
		switch j.peek() {
		case ',':
			j.pos++
		case closing:
			j.pos++
			return nil
		default:
			return errJSONSyntax
		}
	}
}

// str scans a string and returns it as written, quotes included.
func (j *jsonScanner) str() (string, error) {
	if j.peek() != '"' {
		return "", errJSONSyntax
	}
	start := j.pos
	for j.pos++; j.pos < len(j.s); j.pos++ {
		switch j.s[j.pos] {
		case '\\':
			if j.pos+1 == len(j.s) {
				j.pos = len(j.s) // the text ends inside the string
				return "", errJSONSyntax
			}
			j.pos++
		case '"':
			j.pos++
			return j.s[start:j.pos], nil
		}
	}
	return "", errJSONSyntax
}

// scalar scans a number, true, false or null.
func (j *jsonScanner) scalar() error {
	for _, lit := range []string{"true", "false", "null"} {
		if strings.HasPrefix(j.s[j.pos:], lit) {
			j.pos += len(lit)
			return nil
		}
	}
	start := j.pos
	if j.pos < len(j.s) && j.s[j.pos] == '-' {
		j.pos++
	}
	d, _ := digits(j.s[j.pos:])
	if d == "" {
		j.pos = start
		return errJSONSyntax
	}
	j.pos += len(d)
	if strings.HasPrefix(j.s[j.pos:], ".") {
		f, _ := digits(j.s[j.pos+1:])
		if f == "" {
			return errJSONSyntax
		}
		j.pos += 1 + len(f)
	}
	if n := expLen(j.s[j.pos:]); n > 0 {
		j.pos += n
	}
	return nil
}

// jsonStep is one step of a JSON path: a member name, an array index (counted from the end
// when fromEnd), or a wildcard over members or elements.
type jsonStep struct {
	member   bool
	key      string
	wildcard bool
	index    int
	fromEnd  bool
}

// parseJSONPath reads a path "$" followed by .name, ."name", .*, [n], [last], [last-n] and
// [*] steps. Other paths (such as the ** step) are not supported: ok is false.
func parseJSONPath(p string) (steps []jsonStep, ok bool) {
	p = strings.TrimSpace(p)
	if !strings.HasPrefix(p, "$") {
		return nil, false
	}
	p = p[1:]
	for p != "" {
		var st jsonStep
		switch p[0] {
		case '.':
			p = p[1:]
			st.member = true
			switch {
			case strings.HasPrefix(p, "*"):
				st.wildcard, p = true, p[1:]
			case strings.HasPrefix(p, `"`):
				end := strings.IndexByte(p[1:], '"')
				if end < 0 {
					return nil, false
				}
				st.key, p = p[1:1+end], p[2+end:]
			default:
				end := strings.IndexAny(p, ".[ ")
				if end < 0 {
					end = len(p)
				}
				if end == 0 {
					return nil, false
				}
				st.key, p = p[:end], p[end:]
			}
		case '[':
			end := strings.IndexByte(p, ']')
			if end < 0 {
				return nil, false
			}
			in := strings.TrimSpace(p[1:end])
			p = p[end+1:]
			if !arrayStep(&st, in) {
				return nil, false
			}
		default:
			return nil, false
		}
		steps = append(steps, st)
	}
	return steps, true
}

// arrayStep reads the inside of [...]: *, n, last or last-n.
func arrayStep(st *jsonStep, in string) bool {
	if in == "*" {
		st.wildcard = true
		return true
	}
	if rest, ok := strings.CutPrefix(in, "last"); ok {
		st.fromEnd = true
		rest = strings.TrimSpace(rest)
		if rest == "" {
			return true
		}
		n, ok := strings.CutPrefix(rest, "-")
		if !ok {
			return false
		}
		in = strings.TrimSpace(n)
	}
	n, err := strconv.Atoi(in)
	if err != nil || n < 0 {
		return false
	}
	st.index = n
	return true
}

// jsonFind returns the text of the first value of doc that path reaches, scanning doc only as
// far as needed. found is false when there is none; err reports text that is not JSON.
func jsonFind(doc string, steps []jsonStep) (match string, found bool, err error) {
	j := &jsonScanner{s: doc}
	return j.find(steps)
}

// jsonReaches reports whether path reaches a value of doc, scanning doc only as far as needed.
func jsonReaches(doc string, steps []jsonStep) (found bool, err error) {
	j := &jsonScanner{s: doc, existence: true}
	_, found, err = j.find(steps)
	return found, err
}

func (j *jsonScanner) find(steps []jsonStep) (string, bool, error) {
	if len(steps) == 0 && j.existence {
		return "", true, nil
	}
	if len(steps) == 0 {
		v, err := j.value()
		return v, err == nil, err
	}
	st := steps[0]
	c := j.peek()
	if (st.member && c != '{') || (!st.member && c != '[') {
		return "", false, j.skip()
	}
	if st.fromEnd {
		return j.findFromEnd(st, steps[1:])
	}
	var match string
	var found bool
	i := 0
	err := j.container(func(j *jsonScanner, key string) error {
		defer func() { i++ }()
		if found || !j.stepMatches(st, key, i) {
			return j.skip()
		}
		var err error
		match, found, err = j.find(steps[1:])
		return err
	})
	if found {
		// MariaDB stops at the first match: what follows is not read.
		err = nil
	}
	return match, found, err
}

// stepMatches reports whether the member named key (as written), or element i, is st's.
func (j *jsonScanner) stepMatches(st jsonStep, key string, i int) bool {
	switch {
	case st.wildcard:
		return true
	case st.member:
		var name string
		if json.Unmarshal([]byte(key), &name) != nil {
			return false
		}
		return name == st.key
	}
	return i == st.index
}

// findFromEnd handles [last-n]: the array's length must be known first.
func (j *jsonScanner) findFromEnd(st jsonStep, rest []jsonStep) (string, bool, error) {
	start := j.pos
	n := 0
	if err := j.container(func(j *jsonScanner, _ string) error { n++; return j.skip() }); err != nil {
		return "", false, err
	}
	end := j.pos
	j.pos = start
	st.fromEnd, st.index = false, n-1-st.index
	if st.index < 0 {
		j.pos = end
		return "", false, nil
	}
	m, found, err := j.find(append([]jsonStep{st}, rest...))
	j.pos = end
	return m, found, err
}
