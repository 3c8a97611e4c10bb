package functions

import (
	"fmt"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
)

// SetVal is SETVAL(s, value [, is_used [, round]]). It returns value, or NULL when the sequence
// already handed out values past it (MariaDB's forward-only rule).
type SetVal struct {
	ref  *Ref
	args []sql.Expression // value, is_used, round (the last two optional)
	seqs Sequences
}

var (
	_ sql.FunctionExpression         = (*SetVal)(nil)
	_ sql.NonDeterministicExpression = (*SetVal)(nil)
)

// FunctionName implements sql.FunctionExpression.
func (f *SetVal) FunctionName() string { return "setval" }

// Description implements sql.FunctionExpression.
func (f *SetVal) Description() string { return "sets the next value of a sequence" }

// IsNonDeterministic implements sql.NonDeterministicExpression.
func (f *SetVal) IsNonDeterministic() bool { return true }

// String prints all four arguments, as MariaDB's EXPLAIN EXTENDED: setval(`test`.`t1`,100,1,0).
func (f *SetVal) String() string {
	parts := []string{f.ref.String()}
	for _, a := range f.args {
		parts = append(parts, a.String())
	}
	for i := len(f.args); i < 3; i++ {
		parts = append(parts, []string{"", "1", "0"}[i])
	}
	return "setval(" + strings.Join(parts, ",") + ")"
}

// Resolved implements sql.Expression.
func (f *SetVal) Resolved() bool {
	for _, a := range f.args {
		if !a.Resolved() {
			return false
		}
	}
	return true
}

// Type implements sql.Expression.
func (f *SetVal) Type(*sql.Context) sql.Type { return types.Int64 }

// IsNullable implements sql.Expression.
func (f *SetVal) IsNullable(*sql.Context) bool { return true }

// Children implements sql.Expression.
func (f *SetVal) Children() []sql.Expression { return append([]sql.Expression{f.ref}, f.args...) }

// WithChildren implements sql.Expression.
func (f *SetVal) WithChildren(_ *sql.Context, children ...sql.Expression) (sql.Expression, error) {
	ref, err := refArg(f, children, len(f.args)+1)
	if err != nil {
		return nil, err
	}
	return &SetVal{ref: ref, args: children[1:], seqs: f.seqs}, nil
}

// Eval implements sql.Expression.
func (f *SetVal) Eval(ctx *sql.Context, row sql.Row) (any, error) {
	vals := make([]any, len(f.args))
	for i, a := range f.args {
		v, err := a.Eval(ctx, row)
		if err != nil {
			return nil, err
		}
		vals[i] = v
	}
	if vals[0] == nil {
		return nil, nil
	}
	v, isUsed, round, err := setvalArgs(ctx, vals)
	if err != nil {
		return nil, err
	}
	seq, err := f.seqs.Resolve(ctx, f.ref, OpSet)
	if err != nil {
		return nil, err
	}
	ok, err := seq.SetVal(v, isUsed, round)
	if err != nil {
		if err = SQLError(err); f.seqs.Defer(ctx, err) {
			return nil, nil
		}
		return nil, err
	}
	if !ok {
		return nil, nil
	}
	return value(seq, v), nil
}

// setvalArgs converts SETVAL's value, is_used (default true) and round (default 0).
func setvalArgs(ctx *sql.Context, vals []any) (v int64, isUsed bool, round int64, err error) {
	isUsed = true
	if v, err = toInt64(ctx, vals[0]); err != nil {
		return
	}
	if len(vals) > 1 && vals[1] != nil {
		var u int64
		if u, err = toInt64(ctx, vals[1]); err != nil {
			return
		}
		isUsed = u != 0
	}
	if len(vals) > 2 && vals[2] != nil {
		round, err = toInt64(ctx, vals[2])
	}
	return
}

func toInt64(ctx *sql.Context, v any) (int64, error) {
	if u, ok := v.(uint64); ok {
		return int64(u), nil
	}
	c, _, err := types.Int64.Convert(ctx, v)
	if err != nil {
		return 0, err
	}
	n, ok := c.(int64)
	if !ok {
		return 0, fmt.Errorf("functions: SETVAL argument %v is not an integer", v)
	}
	return n, nil
}
