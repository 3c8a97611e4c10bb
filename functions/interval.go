package functions

import (
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
)

// INTERVAL(n, n1, n2, ...) and LAST_VALUE(e1, e2, ...). vitess reads both names as keywords;
// the server's parser rewrites their calls to `interval`(...) and seqd_last_value(...).
var (
	intervalFn = &builtin{name: "interval", min: 2, max: -1, neverNull: true, eval: evalInterval,
		typ: func(*sql.Context, []sql.Expression) sql.Type { return types.Int32 },
		doc: "returns the index of the last of n1, n2, ... that is not greater than n"}
	lastValue = &builtin{name: "seqd_last_value", min: 1, max: -1, lastNullable: true, eval: evalLastValue,
		typ: func(ctx *sql.Context, args []sql.Expression) sql.Type { return args[len(args)-1].Type(ctx) },
		doc: "evaluates its arguments and returns the last (MariaDB's LAST_VALUE without OVER)"}
)

// evalInterval returns -1 for a NULL n; otherwise the number of the bounds, NULLs skipped,
// before the first bound greater than n, as MariaDB's linear search does.
func evalInterval(ctx *sql.Context, c *call, row sql.Row) (any, error) {
	vals, _, err := c.values(ctx, row)
	if err != nil {
		return nil, err
	}
	if vals[0] == nil {
		return int32(-1), nil
	}
	n := floatArg(ctx, vals[0])
	i := 1
	for ; i < len(vals); i++ {
		if vals[i] != nil && n < floatArg(ctx, vals[i]) {
			break
		}
	}
	return int32(i - 1), nil
}

// floatArg converts a non-NULL argument to a number, as MariaDB's val_real does.
func floatArg(ctx *sql.Context, v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case float32:
		return float64(x)
	case string, []byte:
		n, rest, ok := decimalPrefix(text(x))
		if !ok || rest != "" {
			warnTruncated(ctx, "DOUBLE", text(x))
		}
		f := float64(n.whole) + float64(n.us)/float64(usPerSecond)
		if n.neg {
			return -f
		}
		return f
	}
	if w, us, ok := numberOf(v); ok {
		return float64(w) + float64(us)/float64(usPerSecond)
	}
	return float64(intArg(ctx, v))
}

func evalLastValue(ctx *sql.Context, c *call, row sql.Row) (any, error) {
	vals, _, err := c.values(ctx, row)
	if err != nil {
		return nil, err
	}
	return vals[len(vals)-1], nil
}
