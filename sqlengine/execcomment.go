package sqlengine

import "strings"

// mariadb-dump writes parts of statements in executable comments: /*!50001 CREATE VIEW ... */,
// /*!50013 DEFINER=... */, and, since 10.11.8, a first line /*M!999999\- enable the sandbox
// mode */ that only its client reads. MariaDB executes /*!NNNNN ... */ and /*M!NNNNNN ... */
// when NNNNN(N) is at most its own version (10.11.19: 101119) and skips them otherwise.
// unwrapExecutableComments does that to a statement's text before it is parsed, replacing
// the comment markers (or the skipped comment) by spaces, so that positions in the text do not
// move.

// serverVersionNumber is Version as an executable comment compares it.
const serverVersionNumber = 101119

// unwrapExecutableComments returns s with its executable comments opened or blanked.
func unwrapExecutableComments(s string) string {
	if !strings.Contains(s, "/*!") && !strings.Contains(s, "/*M!") {
		return s
	}
	b := []byte(s)
	for i := 0; i < len(b); i++ {
		switch c := b[i]; {
		case c == '\'' || c == '"' || c == '`':
			i = skipQuotedBytes(b, i) - 1
		case c == '-' && i+2 < len(b) && b[i+1] == '-' && (b[i+2] == ' ' || b[i+2] == '\t'), c == '#':
			for i < len(b) && b[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(b) && b[i+1] == '*':
			i = openComment(b, i) - 1
		}
	}
	return string(b)
}

// openComment handles the comment starting at b[i] and returns where scanning goes on: after a
// plain comment, or inside an executable one whose markers it blanked.
func openComment(b []byte, i int) int {
	end := strings.Index(string(b[i+2:]), "*/")
	if end < 0 {
		return len(b)
	}
	end += i + 2 // index of the closing */
	p := i + 2
	if p < end && b[p] == 'M' {
		p++
	}
	if p >= end || b[p] != '!' {
		return end + 2
	}
	p++
	start := p
	for p < end && p-start < 6 && '0' <= b[p] && b[p] <= '9' {
		p++
	}
	version := 0
	for _, d := range b[start:p] {
		version = version*10 + int(d-'0')
	}
	if p > start && version > serverVersionNumber {
		blank(b, i, end+2)
		return end + 2
	}
	blank(b, i, p)
	blank(b, end, end+2)
	return p
}

func blank(b []byte, from, to int) {
	for k := from; k < to; k++ {
		if b[k] != '\n' {
			b[k] = ' '
		}
	}
}

// skipQuotedBytes returns the index just past the quoted string or identifier at b[i].
func skipQuotedBytes(b []byte, i int) int {
	q := b[i]
	for j := i + 1; j < len(b); j++ {
		switch {
		case b[j] == '\\' && q != '`':
			j++
		case b[j] == q:
			if j+1 < len(b) && b[j+1] == q {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(b)
}
