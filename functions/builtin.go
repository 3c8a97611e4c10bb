package functions

import (
	"strings"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/seqd/seqd/sequences"
)

// builtin describes one of MariaDB's built-in functions that GMS lacks. A call of it is a
// *call; the description holds everything that does not depend on the arguments' values.
type builtin struct {
	name     string // lower case, as registered
	min, max int    // argument counts; max < 0 means no limit
	doc      string // Description of the function
	// typ returns the result type for the call's arguments.
	typ func(ctx *sql.Context, args []sql.Expression) sql.Type
	// eval evaluates the call. It evaluates the arguments itself, so that functions such as
	// NVL or BENCHMARK decide which arguments are evaluated and how often.
	eval func(ctx *sql.Context, c *call, row sql.Row) (any, error)
	// notNull reports that a call never returns NULL when no argument can be NULL (PERIOD_ADD).
	notNull bool
	// neverNull reports that a call never returns NULL (INTERVAL).
	neverNull bool
	// lastNullable reports that a call is NULL exactly when its last argument is (LAST_VALUE).
	lastNullable bool
	// volatile marks functions whose result is not a function of the arguments (SESSION_USER,
	// BENCHMARK): GMS must neither fold nor cache them.
	volatile bool
}

// function returns the GMS registration of b.
func (b *builtin) function() sql.Function {
	return sql.FunctionN{Name: b.name, Fn: func(_ *sql.Context, args ...sql.Expression) (sql.Expression, error) {
		if len(args) < b.min || (b.max >= 0 && len(args) > b.max) {
			return nil, SQLError(sequences.ErrWrongParamcountToNativeFct.New(b.name))
		}
		return &call{fn: b, args: args}, nil
	}}
}

// call is a call of a builtin with its argument expressions.
type call struct {
	fn   *builtin
	args []sql.Expression
}

var (
	_ sql.FunctionExpression         = (*call)(nil)
	_ sql.NonDeterministicExpression = (*call)(nil)
)

// FunctionName implements sql.FunctionExpression.
func (c *call) FunctionName() string { return c.fn.name }

// Description implements sql.FunctionExpression.
func (c *call) Description() string { return c.fn.doc }

// IsNonDeterministic implements sql.NonDeterministicExpression.
func (c *call) IsNonDeterministic() bool { return c.fn.volatile }

// String implements fmt.Stringer.
func (c *call) String() string {
	parts := make([]string, len(c.args))
	for i, a := range c.args {
		parts[i] = a.String()
	}
	return c.fn.name + "(" + strings.Join(parts, ",") + ")"
}

// Resolved implements sql.Expression.
func (c *call) Resolved() bool {
	for _, a := range c.args {
		if !a.Resolved() {
			return false
		}
	}
	return true
}

// Type implements sql.Expression.
func (c *call) Type(ctx *sql.Context) sql.Type { return c.fn.typ(ctx, c.args) }

// IsNullable implements sql.Expression.
func (c *call) IsNullable(ctx *sql.Context) bool {
	if c.fn.neverNull {
		return false
	}
	if c.fn.lastNullable {
		return c.args[len(c.args)-1].IsNullable(ctx)
	}
	if !c.fn.notNull {
		return true
	}
	for _, a := range c.args {
		if a.IsNullable(ctx) {
			return true
		}
	}
	return false
}

// Children implements sql.Expression.
func (c *call) Children() []sql.Expression { return c.args }

// WithChildren implements sql.Expression.
func (c *call) WithChildren(_ *sql.Context, children ...sql.Expression) (sql.Expression, error) {
	if len(children) != len(c.args) {
		return nil, sql.ErrInvalidChildrenNumber.New(c, len(children), len(c.args))
	}
	return &call{fn: c.fn, args: children}, nil
}

// Eval implements sql.Expression.
func (c *call) Eval(ctx *sql.Context, row sql.Row) (any, error) { return c.fn.eval(ctx, c, row) }

// values evaluates all arguments; null reports that one of them is NULL.
func (c *call) values(ctx *sql.Context, row sql.Row) (vals []any, null bool, err error) {
	vals = make([]any, len(c.args))
	for i, a := range c.args {
		v, err := a.Eval(ctx, row)
		if err != nil {
			return nil, false, err
		}
		if v == nil {
			null = true
		}
		vals[i] = v
	}
	return vals, null, nil
}

// Builtins returns the registrations of the built-in functions seqd adds to GMS's.
func Builtins() []sql.Function {
	fs := composedFunctions()
	for _, b := range builtins {
		fs = append(fs, b.function())
	}
	return fs
}

// builtins lists the built-in functions, sorted by name.
var builtins = []*builtin{
	addMonths, addTime, aesDecrypt, aesEncrypt, benchmark, chr, crc32c, intervalFn, jsonCompact,
	jsonDetailed, jsonExists, jsonLoose, jsonQuery, makeDate, makeTime, naturalSortKey, periodAdd,
	periodDiff, secToTime, sformat, lastValue, subTime, sysGUID, toSeconds, utcDate, utcTime,
}

// replacements are MariaDB functions that GMS has under the same name with other results: the
// server must resolve these names here before GMS's registry (see Replacement).
var replacements = map[string]*builtin{
	"json_pretty": jsonPretty, "time_to_sec": timeToSec, "hour": hourFn, "minute": minuteFn,
	"second": secondFn, "microsecond": microsecondFn, "utc_timestamp": utcTimestamp,
}

// Replacement returns seqd's function for a name GMS registers too, with MariaDB's semantics
// (JSON_PRETTY is JSON_DETAILED in MariaDB, MySQL's format in GMS; GMS's TIME_TO_SEC and HOUR
// read '10:00' as no time).
func Replacement(name string) (sql.Function, bool) {
	b, ok := replacements[strings.ToLower(name)]
	if !ok {
		return nil, false
	}
	return b.function(), true
}
