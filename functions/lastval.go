package functions

import (
	"errors"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
	"github.com/dolthub/vitess/go/mysql"

	"github.com/seqd/seqd/sequences"
)

// LastVal is LASTVAL(s), also written PREVIOUS VALUE FOR s or, in Oracle mode, s.currval: the
// value NEXTVAL last returned for s on this connection, or NULL.
type LastVal struct {
	ref  *Ref
	seqs Sequences
}

var (
	_ sql.FunctionExpression         = (*LastVal)(nil)
	_ sql.NonDeterministicExpression = (*LastVal)(nil)
)

// FunctionName implements sql.FunctionExpression.
func (f *LastVal) FunctionName() string { return "lastval" }

// Description implements sql.FunctionExpression.
func (f *LastVal) Description() string {
	return "returns the value the last NEXTVAL of this connection returned for a sequence"
}

// IsNonDeterministic implements sql.NonDeterministicExpression.
func (f *LastVal) IsNonDeterministic() bool { return true }

// String implements fmt.Stringer.
func (f *LastVal) String() string { return "lastval(" + f.ref.String() + ")" }

// Resolved implements sql.Expression.
func (f *LastVal) Resolved() bool { return true }

// Type implements sql.Expression.
func (f *LastVal) Type(*sql.Context) sql.Type { return types.Int64 }

// IsNullable implements sql.Expression.
func (f *LastVal) IsNullable(*sql.Context) bool { return true }

// Children implements sql.Expression.
func (f *LastVal) Children() []sql.Expression { return []sql.Expression{f.ref} }

// WithChildren implements sql.Expression.
func (f *LastVal) WithChildren(_ *sql.Context, children ...sql.Expression) (sql.Expression, error) {
	ref, err := refArg(f, children, 1)
	if err != nil {
		return nil, err
	}
	return &LastVal{ref: ref, seqs: f.seqs}, nil
}

// Eval implements sql.Expression.
func (f *LastVal) Eval(ctx *sql.Context, _ sql.Row) (any, error) {
	seq, err := f.seqs.Resolve(ctx, f.ref, OpLast)
	if err != nil {
		// A column default's LASTVAL of a table that is not a sequence is NULL: MariaDB opens
		// the table with the default's table and finds no value the session took from it.
		var se *mysql.SQLError
		if f.ref.Base && errors.As(err, &se) && se.Num == sequences.ErrNotSequence.Code {
			return nil, nil
		}
		return nil, err
	}
	v, ok := f.seqs.LastValues(ctx).Get(seq.ID(), seq.TableKey())
	if !ok {
		return nil, nil
	}
	return value(seq, v), nil
}

// value converts a sequence value to the SQL value: an unsigned sequence's values are uint64.
func value(seq *sequences.Sequence, v int64) any {
	if seq.Type().Unsigned {
		return uint64(v)
	}
	return v
}
