package functions

import (
	"github.com/dolthub/go-mysql-server/sql"
)

// Functions returns the sequence functions, sorted by name, bound to seqs, followed by the
// built-in functions (see Builtins).
func Functions(seqs Sequences) []sql.Function {
	return append(sequenceFunctions(seqs), Builtins()...)
}

// sequenceFunctions returns NEXTVAL, LASTVAL and SETVAL bound to seqs.
func sequenceFunctions(seqs Sequences) []sql.Function {
	return []sql.Function{
		sql.FunctionN{Name: "lastval", Fn: func(ctx *sql.Context, args ...sql.Expression) (sql.Expression, error) {
			ref, err := refCall("lastval", args, 1, 1)
			return &LastVal{ref: ref, seqs: seqs}, err
		}},
		sql.FunctionN{Name: "nextval", Fn: func(ctx *sql.Context, args ...sql.Expression) (sql.Expression, error) {
			ref, err := refCall("nextval", args, 1, 1)
			return &NextVal{ref: ref, seqs: seqs}, err
		}},
		sql.FunctionN{Name: "setval", Fn: func(ctx *sql.Context, args ...sql.Expression) (sql.Expression, error) {
			ref, err := refCall("setval", args, 2, 4)
			if err != nil {
				return nil, err
			}
			return &SetVal{ref: ref, args: args[1:], seqs: seqs}, nil
		}},
	}
}

// refCall checks a call's arguments: a sequence name first, min..max arguments in all.
func refCall(name string, args []sql.Expression, min, max int) (*Ref, error) {
	if len(args) < min || len(args) > max {
		return nil, sql.ErrInvalidArgumentNumber.New(name, min, len(args))
	}
	ref, ok := args[0].(*Ref)
	if !ok {
		return nil, sql.ErrInvalidArgument.New(name)
	}
	return ref, nil
}
