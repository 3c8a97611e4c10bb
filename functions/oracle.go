package functions

import (
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/expression/function"
	"github.com/dolthub/go-mysql-server/sql/types"
	"github.com/dolthub/vitess/go/sqltypes"

	"github.com/seqd/seqd/sequences"
)

// Functions that are other functions under another name, built from GMS's expressions: NVL
// (IFNULL), NVL2, DECODE_ORACLE and, under sql_mode=ORACLE, DECODE (a CASE), SESSION_USER and
// SYSTEM_USER (USER).

// composed is a function whose calls are built from other expressions by build, after the
// argument count is checked (max < 0: no limit).
func composed(name string, min, max int, build func(ctx *sql.Context, args []sql.Expression) sql.Expression) sql.Function {
	return sql.FunctionN{Name: name, Fn: func(ctx *sql.Context, args ...sql.Expression) (sql.Expression, error) {
		if len(args) < min || (max >= 0 && len(args) > max) {
			return nil, SQLError(sequences.ErrWrongParamcountToNativeFct.New(name))
		}
		return build(ctx, args), nil
	}}
}

// composedFunctions returns NVL, NVL2, DECODE_ORACLE, SESSION_USER and SYSTEM_USER.
func composedFunctions() []sql.Function {
	return []sql.Function{
		decode(),
		lengthb(),
		composed("decode_oracle", 3, -1, decodeOracle),
		composed("nvl", 2, 2, func(ctx *sql.Context, a []sql.Expression) sql.Expression {
			return function.NewIfNull(ctx, a[0], a[1])
		}),
		composed("nvl2", 3, 3, func(ctx *sql.Context, a []sql.Expression) sql.Expression {
			return function.NewIf(ctx, expression.NewNot(expression.NewIsNull(a[0])), a[1], a[2])
		}),
		composed("session_user", 0, 0, userNamed("session_user")),
		composed("system_user", 0, 0, userNamed("system_user")),
	}
}

// decodeOracle builds DECODE_ORACLE(expr, search1, result1, ..., [default]): the result of the
// first search value equal to expr, NULL matching NULL, else the default or NULL.
func decodeOracle(_ *sql.Context, a []sql.Expression) sql.Expression {
	var branches []expression.CaseBranch
	i := 1
	for ; i+1 < len(a); i += 2 {
		branches = append(branches, expression.CaseBranch{Cond: expression.NewNullSafeEquals(a[0], a[i]), Value: a[i+1]})
	}
	var def sql.Expression
	if i < len(a) {
		def = a[i]
	}
	return expression.NewCase(nil, branches, def)
}

// decode returns DECODE: DECODE_ORACLE under sql_mode=ORACLE. MariaDB's other DECODE, the
// decryption of ENCODE, is not implemented and fails with 1235.
func decode() sql.Function {
	oracle := composed("decode", 3, -1, decodeOracle)
	return sql.FunctionN{Name: "decode", Fn: func(ctx *sql.Context, args ...sql.Expression) (sql.Expression, error) {
		if !sql.LoadSqlMode(ctx).ModeEnabled("ORACLE") {
			return nil, SQLError(sequences.ErrNotSupportedYet.New("DECODE outside sql_mode=ORACLE"))
		}
		return oracle.NewInstance(ctx, args)
	}}
}

// userNamed returns USER() under another name.
func userNamed(name string) func(*sql.Context, []sql.Expression) sql.Expression {
	return func(*sql.Context, []sql.Expression) sql.Expression {
		return function.User{NoArgFunc: function.NoArgFunc{Name: name, SQLType: types.LongText}}
	}
}

// CHR(n) is the character of code n in the connection's character set: n's bytes, most
// significant first, without leading zero bytes.
var chr = &builtin{name: "chr", min: 1, max: 1, doc: "returns the character of a code",
	typ: func(*sql.Context, []sql.Expression) sql.Type {
		return types.MustCreateString(sqltypes.VarChar, 4, sql.Collation_Default)
	},
	eval: func(ctx *sql.Context, c *call, row sql.Row) (any, error) {
		v, err := c.args[0].Eval(ctx, row)
		if err != nil || v == nil {
			return nil, err
		}
		n := uint32(intArg(ctx, v))
		b := []byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}
		for len(b) > 1 && b[0] == 0 {
			b = b[1:]
		}
		return string(b), nil
	}}

// BENCHMARK(count, expr) evaluates expr count times and returns 0; a negative count gives
// warning 1411 and NULL.
var benchmark = &builtin{name: "benchmark", min: 2, max: 2, volatile: true, notNull: true,
	doc: "evaluates an expression repeatedly",
	typ: func(*sql.Context, []sql.Expression) sql.Type { return types.Int32 },
	eval: func(ctx *sql.Context, c *call, row sql.Row) (any, error) {
		v, err := c.args[0].Eval(ctx, row)
		if err != nil || v == nil {
			return nil, err
		}
		n := intArg(ctx, v)
		if n < 0 {
			warn(ctx, 1411, "Incorrect count value: '%s' for function benchmark", text(v))
			return nil, nil
		}
		for i := int64(0); i < n; i++ {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if _, err := c.args[1].Eval(ctx, row); err != nil {
				return nil, err
			}
		}
		return int32(0), nil
	}}
