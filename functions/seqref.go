package functions

import (
	"fmt"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/types"

	"github.com/seqd/seqd/sequences"
)

// Ref names a sequence: the first argument of NEXTVAL, LASTVAL and SETVAL. DB is the database
// the name was resolved in (the current database when the name is not qualified); Name is as
// written.
type Ref struct {
	DB, Name string
	// Base is set for the sequence of a column default. MariaDB opens it with the table, as
	// the base sequence: a temporary sequence of the same name does not shadow it there.
	Base bool
}

var _ sql.Expression = (*Ref)(nil)

// NewRef returns a reference to db.name.
func NewRef(db, name string) *Ref { return &Ref{DB: db, Name: name} }

// String prints the name as MariaDB prints it in views and defaults: `db`.`name`.
func (r *Ref) String() string {
	return sequences.QuoteIdent(r.DB, '`') + "." + sequences.QuoteIdent(r.Name, '`')
}

// Resolved implements sql.Expression.
func (r *Ref) Resolved() bool { return true }

// Type implements sql.Expression.
func (r *Ref) Type(*sql.Context) sql.Type { return types.Null }

// IsNullable implements sql.Expression.
func (r *Ref) IsNullable(*sql.Context) bool { return true }

// Eval implements sql.Expression. A sequence name is not a value.
func (r *Ref) Eval(*sql.Context, sql.Row) (any, error) {
	return nil, fmt.Errorf("functions: sequence name %s evaluated as a value", r)
}

// notConstant is the one child of every Ref. GMS's analyzer folds any expression whose tree has
// no column, subquery, bind variable or procedure parameter into a constant, evaluating it once
// while planning (optimization_rules.go simplifyExpression, isEvaluable): `WHERE NEXTVAL(s) > 0`
// would take one value instead of one per row, as MariaDB does, and evaluate the Ref itself. A
// procedure parameter in the tree marks it as not constant; it is never evaluated.
var notConstant = expression.NewProcedureParam("seqd: sequence functions are not constant", types.Null)

// Children implements sql.Expression.
func (r *Ref) Children() []sql.Expression { return []sql.Expression{notConstant} }

// WithChildren implements sql.Expression. GMS may hand back the marker rewritten (triggers give
// procedure parameters a reference); it is not used, so any single child is accepted.
func (r *Ref) WithChildren(_ *sql.Context, children ...sql.Expression) (sql.Expression, error) {
	if len(children) > 1 {
		return nil, sql.ErrInvalidChildrenNumber.New(r, len(children), 1)
	}
	return r, nil
}

// Op is what a function does to a sequence; it decides the privileges needed.
type Op uint8

// The operations.
const (
	OpNext Op = iota // NEXTVAL: INSERT and SELECT
	OpLast           // LASTVAL: SELECT
	OpSet            // SETVAL: INSERT
)

// Sequences is how the functions reach sequences; the server implements it.
type Sequences interface {
	// Resolve returns the sequence ref names as ctx's session sees it (a temporary sequence
	// shadows a base one), after checking the session user's privileges for op. It returns
	// MariaDB's errors: 4091 for a missing sequence, 4089 for a table or view, 1142 for a
	// missing privilege.
	Resolve(ctx *sql.Context, ref *Ref, op Op) (*sequences.Sequence, error)
	// LastValues returns the LASTVAL memory of ctx's session.
	LastValues(ctx *sql.Context) *sequences.LastValues
	// Defer reports whether the error err of an evaluation (a sequence that ran out) is kept
	// for later, the function then returning NULL. MariaDB goes on evaluating an expression
	// after such an error and fails the statement at the end of the select item or row,
	// listing every error; the server decides where those ends are.
	Defer(ctx *sql.Context, err error) bool
}

// Opener is implemented by NEXTVAL, LASTVAL and SETVAL: Open resolves the function's sequence
// (it exists, is a sequence, the session may use it for the function) without using it, as
// MariaDB does when it opens the tables of a statement before evaluating anything.
type Opener interface {
	Open(ctx *sql.Context) error
}

// Open implements Opener.
func (f *NextVal) Open(ctx *sql.Context) error {
	_, err := f.seqs.Resolve(ctx, f.ref, OpNext)
	return err
}

// Open implements Opener.
func (f *LastVal) Open(ctx *sql.Context) error {
	_, err := f.seqs.Resolve(ctx, f.ref, OpLast)
	return err
}

// Open implements Opener.
func (f *SetVal) Open(ctx *sql.Context) error {
	_, err := f.seqs.Resolve(ctx, f.ref, OpSet)
	return err
}
