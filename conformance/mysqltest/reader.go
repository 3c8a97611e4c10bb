package mysqltest

import (
	"bytes"
	"fmt"
	"os"
	"strings"
)

// rawKind is what the reader can tell about a command before looking up its first word.
type rawKind uint8

const (
	rawUnknown            rawKind = iota // a query or a mysqltest command ending in the delimiter
	rawComment                           // a line starting with #
	rawCommentWithCommand                // a line starting with --: a command ending at the newline
	rawEmptyLine                         // two newlines in a row
)

// rawCommand is one command as mysqltest's read_command returns it.
type rawCommand struct {
	kind rawKind
	text string // the command with leading space and the -- prefix removed
	file string
	line int // line the command starts on
}

// source is one open file of the reader's stack.
type source struct {
	name string
	src  []byte
	pos  int
	line int
}

// reader splits test files into commands exactly like mysqltest's read_line and read_command,
// including result format version 1's removal of leading spaces on continuation lines. The
// delimiter is passed per call because the delimiter command changes how the rest of the file
// is split.
type reader struct {
	stack []*source
}

func (r *reader) push(name string) error {
	if len(r.stack) >= 16 {
		return fmt.Errorf("source directives are nesting too deep")
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	r.stack = append(r.stack, &source{name: name, src: b, line: 1})
	return nil
}

func (r *reader) top() *source { return r.stack[len(r.stack)-1] }

// getc returns the next byte, popping finished included files. At the end of the outermost
// file it returns ok == false.
func (r *reader) getc() (c byte, ok bool) {
	for {
		s := r.top()
		if s.pos < len(s.src) {
			c = s.src[s.pos]
			s.pos++
			return c, true
		}
		if len(r.stack) == 1 {
			return 0, false
		}
		r.stack = r.stack[:len(r.stack)-1]
	}
}

// matchDelimiter reports whether c and the bytes after it spell delim, consuming them if so.
func (r *reader) matchDelimiter(c byte, delim string) bool {
	if c != delim[0] {
		return false
	}
	s := r.top()
	rest := delim[1:]
	if !bytes.HasPrefix(s.src[s.pos:], []byte(rest)) {
		return false
	}
	s.pos += len(rest)
	return true
}

type lineState uint8

const (
	stNormal lineState = iota
	stQuote
	stSlashInQuote
	stComment
	stLineStart
)

// next reads the next command. At the end of input it returns io.EOF-like ok == false; an
// unterminated command at the end of input is an error, as in mysqltest.
func (r *reader) next(delim string) (rawCommand, bool, error) {
	buf, file, line, eof := r.readLine(delim)
	if eof {
		if junk := strings.TrimLeft(string(buf), " \t\r\n"); junk != "" && junk[0] != '#' {
			return rawCommand{}, false, fmt.Errorf("%s:%d: missing delimiter %q at end of file", file, line, delim)
		}
		return rawCommand{}, false, nil
	}
	buf = convertToFormatV1(buf)
	cmd := rawCommand{file: file, line: line}
	switch {
	case len(buf) > 0 && buf[0] == '#':
		cmd.kind = rawComment
	case len(buf) > 1 && buf[0] == '-' && buf[1] == '-':
		cmd.kind = rawCommentWithCommand
		buf = buf[2:]
	case len(buf) > 0 && buf[0] == '\n':
		cmd.kind = rawEmptyLine
	}
	cmd.text = string(bytes.TrimLeft(buf, " \t\n\r\v\f"))
	return cmd, true, nil
}

// readLine is mysqltest's read_line: it reads up to the delimiter, or to the newline for
// comments, skipping leading spaces and keeping quoted delimiters.
func (r *reader) readLine(delim string) (buf []byte, file string, line int, eof bool) {
	state := stLineStart
	var lastQuote, lastChar byte
	haveSlash := false
	file, line = r.top().name, r.top().line
	for {
		c, ok := r.getc()
		if !ok {
			return buf, file, line, true
		}
		skip := false
		if c == '\n' {
			r.top().line++
			if n := len(buf); n > 0 && buf[n-1] == '\r' {
				buf = buf[:n-1]
			}
		}
		switch state {
		case stNormal:
			if r.matchDelimiter(c, delim) {
				return buf, file, line, false
			}
			if c == '{' && (hasPrefixFold(buf, "while") || hasPrefixFold(buf, "if")) {
				return append(buf, c), file, line, false
			}
			if (c == '\'' || c == '"' || c == '`') && !haveSlash {
				lastQuote, state = c, stQuote
			}
			haveSlash = c == '\\' && lastQuote != '`'
		case stComment:
			if c == '\n' {
				return buf, file, line, false
			}
		case stLineStart:
			switch {
			case c == '#' || c == '-':
				state = stComment
			case isSpace(c):
				if c == '\n' {
					if lastChar == '\n' {
						return append(buf, c), file, line, false
					}
					file, line = r.top().name, r.top().line
				}
				skip = true
			case r.matchDelimiter(c, delim):
				return buf, file, line, false
			case c == '}':
				return append(buf, c), file, line, false
			case c == '\'' || c == '"' || c == '`':
				lastQuote, state = c, stQuote
			default:
				state = stNormal
			}
		case stQuote:
			if c == lastQuote {
				state = stNormal
			} else if c == '\\' && lastQuote != '`' {
				state = stSlashInQuote
			}
		case stSlashInQuote:
			state = stQuote
		}
		lastChar = c
		if !skip {
			buf = append(buf, c)
		}
	}
}

// hasPrefixFold is the my_strnncoll_simple test of read_line: buf, cut to len(word), equals
// word ignoring case.
func hasPrefixFold(buf []byte, word string) bool {
	return len(buf) >= len(word) && strings.EqualFold(string(buf[:len(word)]), word)
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// convertToFormatV1 is mysqltest's convert_to_format_v1: after a newline outside quotes, the
// spaces (and empty lines) that follow are dropped, except right after a closing quote. Quotes
// are matched without escapes.
func convertToFormatV1(q []byte) []byte {
	out := make([]byte, 0, len(q))
	lastWasQuote := false
	for i := 0; i < len(q); {
		c := q[i]
		switch {
		case c == '\n' && !lastWasQuote:
			out = append(out, c)
			i++
			for i < len(q) && isSpace(q[i]) {
				i++
			}
		case c == '\'' || c == '"' || c == '`':
			end := bytes.IndexByte(q[i+1:], c)
			if end < 0 {
				return append(out, q[i:]...)
			}
			out = append(out, q[i:i+end+2]...)
			i += end + 2
			lastWasQuote = true
			continue
		default:
			out = append(out, c)
			i++
		}
		lastWasQuote = false
	}
	return out
}

// splitFirstWord returns the command word (ending at a space, '(' or the delimiter) and the
// argument after the spaces that follow it.
func splitFirstWord(text, delim string) (word, arg string) {
	i := 0
	for i < len(text) && !isSpace(text[i]) && text[i] != '(' && !strings.HasPrefix(text[i:], delim) {
		i++
	}
	word = text[:i]
	for i < len(text) && isSpace(text[i]) {
		i++
	}
	return word, text[i:]
}
