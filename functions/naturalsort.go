package functions

import (
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
)

// NATURAL_SORT_KEY(str) returns a key that sorts strings with numbers in numeric order: each
// run of ASCII digits loses its leading zeros (keeping one digit) and is preceded by its length
// minus one, written as that many nines as fit and then the remainder digit.
var naturalSortKey = &builtin{name: "natural_sort_key", min: 1, max: 1, eval: evalNaturalSortKey,
	typ: func(*sql.Context, []sql.Expression) sql.Type { return types.LongText },
	doc: "returns a key for sorting strings with numbers naturally"}

func evalNaturalSortKey(ctx *sql.Context, c *call, row sql.Row) (any, error) {
	v, err := c.args[0].Eval(ctx, row)
	if err != nil || v == nil {
		return nil, err
	}
	return naturalKey(text(v)), nil
}

func naturalKey(s string) string {
	var b strings.Builder
	for s != "" {
		d, rest := digits(s)
		if d == "" {
			b.WriteByte(s[0])
			s = s[1:]
			continue
		}
		s = rest
		d = strings.TrimLeft(d, "0")
		if d == "" {
			d = "0"
		}
		n := len(d) - 1
		for ; n >= 9; n -= 9 {
			b.WriteByte('9')
		}
		b.WriteByte(byte('0' + n))
		b.WriteString(d)
	}
	return b.String()
}
