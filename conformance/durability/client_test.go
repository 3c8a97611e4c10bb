package durability

import (
	"errors"
	"slices"
	"strconv"
	"testing"

	"github.com/dolthub/vitess/go/mysql"
	"github.com/dolthub/vitess/go/sqltypes"
)

// maxRows bounds the rows one query of these tests may return.
const maxRows = 1 << 20

// client is a connection used from the test goroutine: its helpers fail the test on error.
type client struct {
	t testing.TB
	c *mysql.Conn
}

// connect opens a root connection to addr and closes it when t ends.
func connect(t testing.TB, addr, db string) *client {
	t.Helper()
	return connectAs(t, addr, "root", "", db)
}

func connectAs(t testing.TB, addr, user, password, db string) *client {
	t.Helper()
	c, err := dial(addr, user, password, db)
	if err != nil {
		t.Fatalf("connect %s@%s: %v", user, addr, err)
	}
	t.Cleanup(c.Close)
	return &client{t: t, c: c}
}

// exec runs q and fails the test on error.
func (c *client) exec(q string) *sqltypes.Result {
	c.t.Helper()
	r, err := c.c.ExecuteFetch(q, maxRows, false)
	if err != nil {
		c.t.Fatalf("%s: %v", q, err)
	}
	return r
}

// execAll runs each statement in order.
func (c *client) execAll(qs ...string) {
	c.t.Helper()
	for _, q := range qs {
		c.exec(q)
	}
}

// rows runs q and returns its rows as text, NULL as "NULL".
func (c *client) rows(q string) [][]string {
	c.t.Helper()
	return textRows(c.exec(q))
}

// int runs q, which must return one integer.
func (c *client) int(q string) int64 {
	c.t.Helper()
	rows := c.rows(q)
	if len(rows) != 1 || len(rows[0]) != 1 {
		c.t.Fatalf("%s = %v, want one value", q, rows)
	}
	n, err := strconv.ParseInt(rows[0][0], 10, 64)
	if err != nil {
		c.t.Fatalf("%s = %q, want an integer", q, rows[0][0])
	}
	return n
}

// wantErr runs q and fails the test unless it fails with one of the MariaDB error numbers.
func (c *client) wantErr(q string, codes ...int) {
	c.t.Helper()
	_, err := c.c.ExecuteFetch(q, maxRows, false)
	if got := errno(err); !slices.Contains(codes, got) {
		c.t.Errorf("%s: error %v, want errno %v", q, err, codes)
	}
}

// textRows renders a result's rows as text.
func textRows(r *sqltypes.Result) [][]string {
	out := make([][]string, 0, len(r.Rows))
	for _, row := range r.Rows {
		line := make([]string, len(row))
		for i, v := range row {
			if v.IsNull() {
				line[i] = "NULL"
			} else {
				line[i] = v.ToString()
			}
		}
		out = append(out, line)
	}
	return out
}

// errno returns the MariaDB error number of err, 0 for nil and -1 for an error that is not
// a server error.
func errno(err error) int {
	if err == nil {
		return 0
	}
	var se *mysql.SQLError
	if errors.As(err, &se) {
		return se.Num
	}
	return -1
}

// firstInt parses the first column of a one-row result.
func firstInt(r *sqltypes.Result) (int64, error) {
	if len(r.Rows) != 1 || len(r.Rows[0]) == 0 {
		return 0, errors.New("want one row")
	}
	return strconv.ParseInt(r.Rows[0][0].ToString(), 10, 64)
}
