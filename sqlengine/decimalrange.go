package sqlengine

import (
	"strconv"
	"strings"

	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
)

// GMS reports a value too large for a DECIMAL column as "Out of range value for column of
// Decimal type", without the value; MariaDB says 1264 "Out of range value for column 'd' at
// row 2". decimalOverflow finds the literal in the failing INSERT that does not fit its
// DECIMAL(M,D) column.
func init() {
	translations = append(translations, translation{
		re(`^Out of range value for column of Decimal type\s*$`),
		func(t *translator, m []string) error {
			col, row := t.decimalOverflow()
			return mariaErr(sequences.ErrDataOutOfRange, col, row)
		},
	})
}

// decimalOverflow returns the column and row of the first INSERT literal with more integer
// digits than its DECIMAL column holds.
func (t *translator) decimalOverflow() (string, int) {
	ins, def, db, ok := t.insertTable()
	if !ok {
		return "", 1
	}
	rows := insertValues(ins)
	for r, tuple := range rows {
		for i, e := range tuple {
			col := t.insertColumn(db, def.Name, ins.Columns, i)
			for _, c := range def.Columns {
				if strings.EqualFold(c.Name, col) && decimalTooLarge(c.Type, e) {
					return c.Name, r + 1
				}
			}
		}
	}
	return "", 1
}

// decimalTooLarge reports whether literal e has more integer digits than a column of type typ
// (decimal(M,D) ...) holds.
func decimalTooLarge(typ string, e ast.Expr) bool {
	t := strings.ToLower(typ)
	if !strings.HasPrefix(t, "decimal") {
		return false
	}
	m, d := 10, 0
	if i := strings.Index(t, "("); i >= 0 {
		if j := strings.Index(t[i:], ")"); j > 0 {
			parts := strings.Split(t[i+1:i+j], ",")
			m, _ = strconv.Atoi(strings.TrimSpace(parts[0]))
			if len(parts) > 1 {
				d, _ = strconv.Atoi(strings.TrimSpace(parts[1]))
			}
		}
	}
	if u, ok := e.(*ast.UnaryExpr); ok {
		e = u.Expr
	}
	v, ok := e.(*ast.SQLVal)
	if !ok {
		return false
	}
	f, err := strconv.ParseFloat(string(v.Val), 64)
	if err != nil {
		return false
	}
	intDigits := len(strconv.FormatFloat(max(f, -f), 'f', 0, 64))
	if f > -1 && f < 1 {
		intDigits = 0
	}
	return intDigits > m-d
}
