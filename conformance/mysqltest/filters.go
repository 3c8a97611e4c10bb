package mysqltest

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// filters are mysqltest's one-shot output filters: replace_result, replace_regex,
// replace_column, sorted_result and lowercase_result. They apply to the next command that
// executes (a query, echo, send or reap) and are then cleared.
type filters struct {
	replace []replacePair
	regex   []regexSub
	columns map[int]string // 0-based column index -> replacement
	sorted  bool
	lower   bool
}

type replacePair struct{ from, to string }

type regexSub struct {
	re   *regexp.Regexp
	repl string
}

// apply transforms one piece of output as mysqltest's replace_dynstr_append_mem does:
// lowercase (only for pieces under 1023 bytes), then the regex substitutions in order, then
// replace_result.
func (f *filters) apply(s string) string {
	if f.lower && len(s) < 1023 {
		s = lowerLatin1(s)
	}
	for _, r := range f.regex {
		s = r.substitute(s)
	}
	if len(f.replace) > 0 {
		s = f.replaceStrings(s)
	}
	return s
}

// replaceStrings replaces, scanning left to right, the longest from-string matching at each
// position (the first listed among equals).
func (f *filters) replaceStrings(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		best := -1
		for j, p := range f.replace {
			if strings.HasPrefix(s[i:], p.from) && (best < 0 || len(p.from) > len(f.replace[best].from)) {
				best = j
			}
		}
		if best < 0 {
			b.WriteByte(s[i])
			i++
			continue
		}
		b.WriteString(f.replace[best].to)
		i += len(f.replace[best].from)
	}
	return b.String()
}

func lowerLatin1(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' || c >= 0xC0 && c <= 0xDE && c != 0xD7 {
			b[i] = c + 0x20
		}
	}
	return string(b)
}

// substitute replaces every match of r.re in s; \N in the replacement is group N when the
// pattern has that many groups, any other character is copied.
func (r regexSub) substitute(s string) string {
	matches := r.re.FindAllStringSubmatchIndex(s, -1)
	if matches == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, m := range matches {
		b.WriteString(s[last:m[0]])
		b.WriteString(expandBackrefs(r.repl, s, m, r.re.NumSubexp()))
		last = m[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

func expandBackrefs(repl, s string, m []int, nsub int) string {
	var b strings.Builder
	for i := 0; i < len(repl); i++ {
		if repl[i] == '\\' && i+1 < len(repl) {
			if n := int(repl[i+1]) - '0'; n >= 0 && n <= nsub {
				if m[2*n] >= 0 {
					b.WriteString(s[m[2*n]:m[2*n+1]])
				}
				i++
				continue
			}
		}
		b.WriteByte(repl[i])
	}
	return b.String()
}

// parseRegexes parses replace_regex's argument: /from/to/ items, optionally followed by i,
// separated by spaces. Any character may stand for the slash; (, [, { and < close with their
// pair; a backslash before the closing character escapes it.
func parseRegexes(arg string) ([]regexSub, error) {
	var subs []regexSub
	p := 0
	for {
		for p < len(arg) && isSpace(arg[p]) {
			p++
		}
		if p >= len(arg) {
			break
		}
		open := arg[p]
		closing := map[byte]byte{'(': ')', '[': ']', '{': '}', '<': '>'}[open]
		if closing == 0 {
			closing = open
		}
		p++
		pattern, np, ok := regexPart(arg, p, closing)
		if !ok {
			return nil, fmt.Errorf("error parsing replace_regex %q", arg)
		}
		repl, np, ok := regexPart(arg, np, closing)
		if !ok {
			return nil, fmt.Errorf("error parsing replace_regex %q", arg)
		}
		p = np
		flags := "(?s)"
		if p < len(arg) && arg[p] == 'i' {
			flags = "(?si)"
			p++
		}
		re, err := regexp.Compile(flags + pattern)
		if err != nil {
			return nil, fmt.Errorf("replace_regex %q: %v", pattern, err)
		}
		subs = append(subs, regexSub{re, repl})
	}
	if len(subs) == 0 {
		return nil, fmt.Errorf("error parsing replace_regex %q", arg)
	}
	return subs, nil
}

func regexPart(s string, p int, closing byte) (string, int, bool) {
	var b strings.Builder
	for p < len(s) && s[p] != closing {
		if s[p] == '\\' && p+1 < len(s) && s[p+1] == closing {
			p++
		}
		b.WriteByte(s[p])
		p++
	}
	if p >= len(s) {
		return "", p, false
	}
	return b.String(), p + 1, true
}

// parseArgs splits replace_result and replace_column arguments like mysqltest's get_string:
// words separated by spaces, optionally quoted with ' or " (a doubled quote stands for
// itself), with \n, \t, \r, \b and \Z escapes; a word that is a $variable is replaced by its
// value.
func parseArgs(arg string, lookup func(string) string) ([]string, error) {
	var out []string
	p := 0
	for p < len(arg) {
		sep := byte(' ')
		if arg[p] == '"' || arg[p] == '\'' {
			sep = arg[p]
			p++
		}
		var b strings.Builder
		for p < len(arg) {
			c := arg[p]
			if c == '\\' && p+1 < len(arg) {
				b.WriteByte(unescape(arg[p+1]))
				p += 2
				continue
			}
			if c == sep {
				if c == ' ' {
					break
				}
				p++
				if p >= len(arg) || arg[p] != sep {
					break
				}
			}
			b.WriteByte(c)
			p++
		}
		if p < len(arg) && arg[p] != ' ' {
			return nil, fmt.Errorf("wrong string argument in %q", arg)
		}
		for p < len(arg) && isSpace(arg[p]) {
			p++
		}
		word := b.String()
		if len(word) > 1 && word[0] == '$' && isVarName(word[1:]) {
			word = lookup(word[1:])
		}
		out = append(out, word)
	}
	return out, nil
}

func isVarName(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isVarChar(s[i]) {
			return false
		}
	}
	return s != ""
}

func isVarChar(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func unescape(c byte) byte {
	switch c {
	case 'n':
		return '\n'
	case 't':
		return '\t'
	case 'r':
		return '\r'
	case 'b':
		return '\b'
	case 'Z':
		return '\032'
	}
	return c
}

func parseReplaceResult(arg string, lookup func(string) string) ([]replacePair, error) {
	words, err := parseArgs(arg, lookup)
	if err != nil {
		return nil, err
	}
	if len(words) == 0 || len(words)%2 != 0 {
		return nil, fmt.Errorf("wrong number of arguments to replace_result in %q", arg)
	}
	var pairs []replacePair
	for i := 0; i < len(words); i += 2 {
		if words[i] == "" {
			return nil, fmt.Errorf("empty from-string in replace_result %q", arg)
		}
		pairs = append(pairs, replacePair{words[i], words[i+1]})
	}
	return pairs, nil
}

func parseReplaceColumn(arg string, lookup func(string) string) (map[int]string, error) {
	words, err := parseArgs(arg, lookup)
	if err != nil {
		return nil, err
	}
	if len(words) == 0 || len(words)%2 != 0 {
		return nil, fmt.Errorf("wrong number of arguments to replace_column in %q", arg)
	}
	cols := make(map[int]string)
	for i := 0; i < len(words); i += 2 {
		n, err := strconv.Atoi(words[i])
		if err != nil || n < 1 || n > 256 {
			return nil, fmt.Errorf("wrong column number to replace_column in %q", arg)
		}
		cols[n-1] = words[i+1]
	}
	return cols, nil
}

// appendSorted is mysqltest's dynstr_append_sorted: the lines of in, sorted bytewise, each
// ending in a newline; with keepHeader the first line stays first.
func appendSorted(out *strings.Builder, in string, keepHeader bool) {
	if in == "" {
		return
	}
	if keepHeader {
		i := strings.IndexByte(in, '\n')
		if i < 0 {
			out.WriteString(in)
			return
		}
		out.WriteString(in[:i+1])
		in = in[i+1:]
	}
	if in == "" {
		return
	}
	lines := strings.Split(strings.TrimSuffix(in, "\n"), "\n")
	sort.Strings(lines)
	for _, l := range lines {
		out.WriteString(l)
		out.WriteByte('\n')
	}
}
