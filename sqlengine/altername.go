package sqlengine

import (
	"context"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"
)

// vitess's grammar accepts many of MariaDB's non-reserved keywords as column names only in some
// places: ALTER TABLE t ADD c INT AFTER name, CHANGE status s INT and ALTER COLUMN comment SET
// DEFAULT 1 are syntax errors to it, while MariaDB takes name, status and comment as the column
// names they are. When an ALTER TABLE fails to parse, the parser retries with the column names
// in those places backquoted (quoteAlterColumnNames).

// alterNameReserved are words that are never a bare column name in those places.
var alterNameReserved = map[string]bool{
	"column": true, "key": true, "index": true, "primary": true, "unique": true, "constraint": true,
	"foreign": true, "check": true, "fulltext": true, "spatial": true, "order": true, "to": true,
	"default": true, "set": true, "drop": true, "if": true, "exists": true, "partition": true,
	"table": true, "not": true, "null": true, "add": true, "alter": true, "change": true,
	"modify": true, "rename": true, "first": false,
}

// quoteAlterColumnNames returns q with the column names after AFTER, CHANGE [COLUMN] (old and
// new name), ALTER [COLUMN] and RENAME COLUMN ... TO backquoted, if q is an ALTER TABLE and
// there is any to quote.
func quoteAlterColumnNames(q string, ansiQuotes bool) (string, bool) {
	toks := lexAll(q, ansiQuotes)
	if len(toks) < 3 || !toks[0].isWord(q, "alter") {
		return "", false
	}
	var quote []token
	name := func(i int) bool {
		return i < len(toks) && toks[i].kind == tokWord && !alterNameReserved[strings.ToLower(toks[i].text(q))]
	}
	skipColumn := func(i int) int {
		if i < len(toks) && toks[i].isWord(q, "column") {
			i++
		}
		if i+1 < len(toks) && toks[i].isWord(q, "if") && toks[i+1].isWord(q, "exists") {
			i += 2
		}
		return i
	}
	for i := 1; i < len(toks); i++ {
		switch {
		case toks[i].isWord(q, "after"):
			if name(i + 1) {
				quote = append(quote, toks[i+1])
			}
		case toks[i].isWord(q, "change"):
			j := skipColumn(i + 1)
			for k := j; k < j+2; k++ {
				if name(k) {
					quote = append(quote, toks[k])
				}
			}
		case toks[i].isWord(q, "alter") && !(i+1 < len(toks) && toks[i+1].isWord(q, "table")):
			if j := skipColumn(i + 1); name(j) {
				quote = append(quote, toks[j])
			}
		case toks[i].isWord(q, "rename") && i+1 < len(toks) && toks[i+1].isWord(q, "column"):
			if name(i + 2) {
				quote = append(quote, toks[i+2])
			}
			if i+4 < len(toks) && toks[i+3].isWord(q, "to") && name(i+4) {
				quote = append(quote, toks[i+4])
			}
		}
	}
	if len(quote) == 0 {
		return "", false
	}
	var b strings.Builder
	last := 0
	for _, t := range quote {
		b.WriteString(q[last:t.start])
		b.WriteString("`" + t.text(q) + "`")
		last = t.end
	}
	b.WriteString(q[last:])
	return b.String(), true
}

// reparseAlter parses the first statement of s again with its ALTER TABLE column names quoted.
// ok is false when that changes nothing or still fails; the original error stands then.
func reparseAlter(ctx context.Context, s string, delim rune, multi bool, mode parseMode) (stmt ast.Statement, parsed, remainder string, ok bool) {
	end := statementEnd(s, mode)
	first := s[:end.stmtEnd]
	q, changed := quoteAlterColumnNames(first, mode.opts.AnsiQuotes)
	if !changed {
		return nil, "", "", false
	}
	stmt, err := ast.ParseWithOptions(ctx, q, mode.opts)
	if err != nil {
		return nil, "", "", false
	}
	parsed, remainder = s, ""
	if multi {
		parsed, remainder = sql.RemoveSpaceAndDelimiter(first, delim), s[end.next:]
	}
	return stmt, parsed, remainder, true
}
