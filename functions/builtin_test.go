package functions

import (
	"flag"
	"math"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/cockroachdb/apd/v3"
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/types"
)

var seed = flag.Int64("seed", 0, "TestBuiltinsNeverPanic: the random seed (0: a new one)")

// TestBuiltinsNeverPanic calls every built-in with random arguments of every kind GMS hands
// a function and checks that each call returns rather than panics.
func TestBuiltinsNeverPanic(t *testing.T) {
	s := *seed
	if s == 0 {
		s = time.Now().UnixNano()
	}
	t.Logf("seed %d (replay with -seed %d)", s, s)
	rng := rand.New(rand.NewSource(s))
	ctx := sql.NewEmptyContext()
	all := append([]*builtin(nil), builtins...)
	for _, b := range replacements {
		all = append(all, b)
	}
	for _, b := range all {
		for range 300 {
			n := b.min + rng.Intn(3)
			if b.max >= 0 {
				n = min(n, b.max)
			}
			args := make([]sql.Expression, n)
			for i := range args {
				args[i] = randomLiteral(rng)
			}
			c := &call{fn: b, args: args}
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("%s panics: %v", c, r)
					}
				}()
				_ = c.Type(ctx)
				_ = c.IsNullable(ctx)
				if b == benchmark {
					return // its first argument may be a huge count
				}
				_, _ = c.Eval(ctx, nil)
			}()
		}
	}
}

var randomTexts = []string{
	"", " ", "-", ".", "1e", "1e400", "-1e-400", "99999999999999999999999", "838:59:59.9999999",
	"-838:59:59", "1 2:3:4.5", "10:60:00", "2024-02-30 10:00:00", "0000-00-00", "9999-12-31 23:59:59",
	"{", "[", "{\"a\":[1,{\"b\":null}]}", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
	"$", "$.a", "$[last-1]", "$[*].b", "$.\"a b\"", "$**", "{}", "{:>99}", "{:.1000f}", "{0}{}", "}",
	"\"\\", "a1b22c0003", "\xff\xfe",
}

func randomLiteral(rng *rand.Rand) sql.Expression {
	switch rng.Intn(9) {
	case 0:
		return expression.NewLiteral(nil, types.Null)
	case 1:
		v := []int64{0, 1, -1, 59, 60, 838, 839, 202401, 999913, math.MaxInt64, math.MinInt64}[rng.Intn(11)]
		return expression.NewLiteral(v, types.Int64)
	case 2:
		return expression.NewLiteral(uint64(math.MaxUint64-uint64(rng.Intn(3))), types.Uint64)
	case 3:
		f := []float64{0, -0.5, 1.5, 1e300, -1e-300, math.Inf(1), math.NaN(), 3020399.9999999}[rng.Intn(8)]
		return expression.NewLiteral(f, types.Float64)
	case 4:
		d, _, _ := apd.NewFromString([]string{"1.5", "-4000000.5", "59.9999999", "0.000001", "1e30"}[rng.Intn(5)])
		return expression.NewLiteral(d, types.MustCreateDecimalType(65, 10))
	case 5:
		return expression.NewLiteral(types.Timespan(rng.Int63n(2*3020399000000)-3020399000000), types.Time)
	case 6:
		tm := time.Date(rng.Intn(10000), time.Month(1+rng.Intn(12)), 1+rng.Intn(28), 0, 0, 0, 0, time.UTC)
		return expression.NewLiteral(tm, types.DatetimeMaxPrecision)
	case 7:
		return expression.NewLiteral(strings.Repeat(randomTexts[rng.Intn(len(randomTexts))], 1+rng.Intn(2)), types.LongText)
	}
	return expression.NewLiteral(randomTexts[rng.Intn(len(randomTexts))], types.LongText)
}
