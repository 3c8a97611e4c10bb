package functions

import (
	"errors"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
)

// JSON_QUERY(doc, path), JSON_EXISTS(doc, path) and JSON_DETAILED(doc[, tab_size]), alias
// JSON_PRETTY, work on the document's text (see jsontext.go).
var (
	jsonQuery = &builtin{name: "json_query", min: 2, max: 2, eval: evalJSONQuery,
		typ: func(*sql.Context, []sql.Expression) sql.Type { return types.LongText },
		doc: "returns the object or array a path reaches in a JSON document"}
	jsonExists = &builtin{name: "json_exists", min: 2, max: 2, eval: evalJSONExists,
		typ: func(*sql.Context, []sql.Expression) sql.Type { return types.Int32 },
		doc: "reports whether a path reaches a value in a JSON document"}
	jsonDetailed = &builtin{name: "json_detailed", min: 1, max: 2, eval: evalJSONDetailed,
		typ: func(*sql.Context, []sql.Expression) sql.Type { return types.LongText },
		doc: "writes a JSON document in an indented form"}
	jsonPretty = &builtin{name: "json_pretty", min: 1, max: 2, eval: evalJSONDetailed,
		typ: func(*sql.Context, []sql.Expression) sql.Type { return types.LongText },
		doc: "writes a JSON document in an indented form (JSON_DETAILED)"}
)

// jsonText returns a JSON argument as text.
func jsonText(ctx *sql.Context, v any) (string, error) {
	if w, ok := v.(sql.JSONWrapper); ok {
		return types.JsonToMySqlString(ctx, w)
	}
	return text(v), nil
}

// docAndPath evaluates a (document, path) call; ok is false for a NULL result.
func docAndPath(ctx *sql.Context, c *call, row sql.Row) (doc string, steps []jsonStep, ok bool, err error) {
	vals, null, err := c.values(ctx, row)
	if err != nil || null {
		return "", nil, false, err
	}
	if doc, err = jsonText(ctx, vals[0]); err != nil {
		return "", nil, false, err
	}
	steps, ok = parseJSONPath(text(vals[1]))
	return doc, steps, ok, nil
}

func evalJSONQuery(ctx *sql.Context, c *call, row sql.Row) (any, error) {
	doc, steps, ok, err := docAndPath(ctx, c, row)
	if err != nil || !ok {
		return nil, err
	}
	m, found, _ := jsonFind(doc, steps)
	if !found || m == "" || (m[0] != '{' && m[0] != '[') {
		return nil, nil
	}
	return m, nil
}

func evalJSONExists(ctx *sql.Context, c *call, row sql.Row) (any, error) {
	doc, steps, ok, err := docAndPath(ctx, c, row)
	if err != nil || !ok {
		return nil, err
	}
	// The path $ is answered without reading the document, as MariaDB does.
	found, err := jsonReaches(doc, steps)
	switch {
	case found:
		return int32(1), nil
	case err != nil:
		return nil, nil
	}
	return int32(0), nil
}

// maxTabSize is the largest indentation JSON_DETAILED uses.
const maxTabSize = 8

func evalJSONDetailed(ctx *sql.Context, c *call, row sql.Row) (any, error) {
	vals, null, err := c.values(ctx, row)
	if err != nil || null {
		return nil, err
	}
	doc, err := jsonText(ctx, vals[0])
	if err != nil {
		return nil, err
	}
	tab := 4
	if len(vals) > 1 {
		tab = int(min(max(intArg(ctx, vals[1]), 0), maxTabSize))
	}
	n, ok := parseJSONArg(ctx, doc, c.fn.name)
	if !ok {
		return nil, nil
	}
	var b strings.Builder
	n.writeDetailed(&b, 0, strings.Repeat(" ", tab))
	return b.String(), nil
}

// parseJSONArg reads a whole JSON document, the first argument of function name. Text that is
// not JSON gives MariaDB's warning (4037, 4038 or 4040) and ok false.
func parseJSONArg(ctx *sql.Context, doc, name string) (n *jsonNode, ok bool) {
	j := &jsonScanner{s: doc}
	n, err := j.tree()
	if err == nil && j.peek() != 0 {
		err = errJSONSyntax
	}
	switch {
	case err == nil:
		return n, true
	case errors.Is(err, errJSONDepth):
		warn(ctx, 4040, "Limit of %d on JSON nested structures depth is reached in argument 1 to function '%s' at position %d", maxJSONDepth, name, j.pos+1)
	case j.peek() == 0:
		warn(ctx, 4037, "Unexpected end of JSON text in argument 1 to function '%s'", name)
	default:
		warn(ctx, 4038, "Syntax error in JSON text in argument 1 to function '%s' at position %d", name, j.pos+1)
	}
	return nil, false
}

// jsonNode is a JSON value as written: an object or array with its members, or a scalar.
type jsonNode struct {
	open byte   // '{', '[', or 0 for a scalar
	raw  string // a scalar's text
	keys []string
	kids []*jsonNode
}

// tree reads one value with everything in it.
func (j *jsonScanner) tree() (*jsonNode, error) {
	c := j.peek()
	if c != '{' && c != '[' {
		raw, err := j.value()
		return &jsonNode{raw: raw}, err
	}
	n := &jsonNode{open: c}
	err := j.container(func(j *jsonScanner, key string) error {
		kid, err := j.tree()
		n.keys = append(n.keys, key)
		n.kids = append(n.kids, kid)
		return err
	})
	return n, err
}

// writeDetailed writes n as JSON_DETAILED does at nesting level: members and elements one per
// line, a member's object or array value on the line after its name, an array of a single
// scalar on one line.
func (n *jsonNode) writeDetailed(b *strings.Builder, level int, tab string) {
	switch {
	case n.open == 0:
		b.WriteString(n.raw)
		return
	case n.open == '[' && len(n.kids) == 0:
		b.WriteString("[]")
		return
	case n.open == '[' && len(n.kids) == 1 && n.kids[0].open == 0:
		b.WriteString("[" + n.kids[0].raw + "]")
		return
	}
	b.WriteByte(n.open)
	for i, kid := range n.kids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n" + strings.Repeat(tab, level+1))
		if n.open == '{' {
			b.WriteString(n.keys[i] + ": ")
			if kid.open != 0 {
				b.WriteString("\n" + strings.Repeat(tab, level+1))
			}
		}
		kid.writeDetailed(b, level+1, tab)
	}
	b.WriteString("\n" + strings.Repeat(tab, level))
	if n.open == '{' {
		b.WriteByte('}')
	} else {
		b.WriteByte(']')
	}
}
