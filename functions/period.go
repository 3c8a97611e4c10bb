package functions

import (
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
)

// PERIOD_ADD(period, months) and PERIOD_DIFF(period1, period2) work on periods YYMM or YYYYMM.
// MariaDB computes them in unsigned and 32-bit integers; the wrap-arounds of that arithmetic
// (PERIOD_ADD(-1, 1) is 200002) are reproduced on purpose.
var (
	periodAdd = &builtin{name: "period_add", min: 2, max: 2, notNull: true, eval: evalPeriodAdd,
		typ: func(*sql.Context, []sql.Expression) sql.Type { return types.Int64 },
		doc: "adds months to a period YYMM or YYYYMM"}
	periodDiff = &builtin{name: "period_diff", min: 2, max: 2, notNull: true, eval: evalPeriodDiff,
		typ: func(*sql.Context, []sql.Expression) sql.Type { return types.Int64 },
		doc: "returns the number of months between two periods"}
)

// periodMonth converts a period to a month count; two-digit years are 1970..2069. A period
// above 999912 counts as 0, as in MariaDB.
func periodMonth(p uint64) uint64 {
	if p == 0 || p > 999912 {
		return 0
	}
	y := p / 100
	if y < 70 {
		y += 2000
	} else if y < 100 {
		y += 1900
	}
	return y*12 + p%100 - 1
}

// monthPeriod converts a month count back to a period YYYYMM.
func monthPeriod(m uint64) uint64 {
	if m == 0 {
		return 0
	}
	y := m / 12
	if y < 70 {
		y += 2000
	} else if y < 100 {
		y += 1900
	}
	return y*100 + m%12 + 1
}

func evalPeriodAdd(ctx *sql.Context, c *call, row sql.Row) (any, error) {
	vals, null, err := c.values(ctx, row)
	if err != nil || null {
		return nil, err
	}
	p, n := uint64(intArg(ctx, vals[0])), int32(intArg(ctx, vals[1]))
	if p == 0 {
		return int64(0), nil
	}
	return int64(monthPeriod(uint64(uint32(int32(periodMonth(p)) + n)))), nil
}

func evalPeriodDiff(ctx *sql.Context, c *call, row sql.Row) (any, error) {
	vals, null, err := c.values(ctx, row)
	if err != nil || null {
		return nil, err
	}
	p1, p2 := uint64(intArg(ctx, vals[0])), uint64(intArg(ctx, vals[1]))
	return int64(periodMonth(p1)) - int64(periodMonth(p2)), nil
}
