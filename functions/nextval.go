package functions

import (
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
)

// NextVal is NEXTVAL(s), also written NEXT VALUE FOR s or, in Oracle mode, s.nextval. Each
// evaluation takes a new value.
type NextVal struct {
	ref  *Ref
	seqs Sequences
}

var (
	_ sql.FunctionExpression         = (*NextVal)(nil)
	_ sql.NonDeterministicExpression = (*NextVal)(nil)
)

// FunctionName implements sql.FunctionExpression.
func (f *NextVal) FunctionName() string { return "nextval" }

// Description implements sql.FunctionExpression.
func (f *NextVal) Description() string { return "returns the next value of a sequence" }

// IsNonDeterministic implements sql.NonDeterministicExpression.
func (f *NextVal) IsNonDeterministic() bool { return true }

// String implements fmt.Stringer.
func (f *NextVal) String() string { return "nextval(" + f.ref.String() + ")" }

// Resolved implements sql.Expression.
func (f *NextVal) Resolved() bool { return true }

// Type implements sql.Expression: LONGLONG, as MariaDB.
func (f *NextVal) Type(*sql.Context) sql.Type { return types.Int64 }

// IsNullable implements sql.Expression.
func (f *NextVal) IsNullable(*sql.Context) bool { return true }

// Children implements sql.Expression.
func (f *NextVal) Children() []sql.Expression { return []sql.Expression{f.ref} }

// WithChildren implements sql.Expression.
func (f *NextVal) WithChildren(_ *sql.Context, children ...sql.Expression) (sql.Expression, error) {
	ref, err := refArg(f, children, 1)
	if err != nil {
		return nil, err
	}
	return &NextVal{ref: ref, seqs: f.seqs}, nil
}

// Eval implements sql.Expression. The value is recorded as this connection's LASTVAL; a failure
// (the sequence ran out) makes LASTVAL NULL, as in MariaDB, and is returned as the value NULL
// when the server defers it (Sequences.Defer).
func (f *NextVal) Eval(ctx *sql.Context, _ sql.Row) (any, error) {
	seq, err := f.seqs.Resolve(ctx, f.ref, OpNext)
	if err != nil {
		return nil, err
	}
	v, err := seq.Next()
	f.seqs.LastValues(ctx).Record(seq.ID(), seq.TableKey(), v, err)
	if err != nil {
		if err = SQLError(err); f.seqs.Defer(ctx, err) {
			return nil, nil
		}
		return nil, err
	}
	return value(seq, v), nil
}

// refArg checks that children are a Ref followed by n-1 other expressions.
func refArg(f sql.Expression, children []sql.Expression, n int) (*Ref, error) {
	if len(children) != n {
		return nil, sql.ErrInvalidChildrenNumber.New(f, len(children), n)
	}
	ref, ok := children[0].(*Ref)
	if !ok {
		return nil, sql.ErrInvalidArgument.New(f.String())
	}
	return ref, nil
}
