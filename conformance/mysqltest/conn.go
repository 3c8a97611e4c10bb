package mysqltest

import (
	"context"
	"net"
	"strconv"
	"time"

	"github.com/dolthub/vitess/go/mysql"
	"github.com/dolthub/vitess/go/sqltypes"
	"github.com/dolthub/vitess/go/vt/vttls"
)

// maxRows bounds one result set; mysqltest has no limit, this one only protects memory.
const maxRows = 1 << 24

// conn is one named connection of a test, like mysqltest's st_connection.
type conn struct {
	name    string
	params  connParams
	c       *mysql.Conn   // nil once disconnected
	pending bool          // a send is waiting for its reap
	timeout time.Duration // bounds reading one statement's results
}

// connParams are the connect arguments a connection is (re)opened with.
type connParams struct {
	user, password string
	db             string
	selectDB       bool // connect without a database, then USE db ignoring errors (mysqltest's default_db)
}

// dial opens a connection to addr as mysqltest does: client character set latin1, no TLS.
func dial(addr string, p connParams) (*mysql.Conn, error) {
	host, portStr, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	port, err := strconv.Atoi(portStr)
	if err != nil {
		return nil, err
	}
	params := &mysql.ConnParams{
		Host: host, Port: port, Uname: p.user, Pass: p.password,
		Charset: "latin1", SslMode: vttls.Disabled, ConnectTimeoutMs: 60000,
	}
	if !p.selectDB {
		params.DbName = p.db
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	c, err := mysql.Connect(ctx, params)
	if err != nil {
		return nil, err
	}
	if p.selectDB && p.db != "" {
		c.ExecuteFetch("USE "+quoteIdent(p.db), 0, false) // errors are ignored, as in mysqltest
	}
	return c, nil
}

func quoteIdent(s string) string {
	b := []byte{'`'}
	for i := 0; i < len(s); i++ {
		if s[i] == '`' {
			b = append(b, '`')
		}
		b = append(b, s[i])
	}
	return string(append(b, '`'))
}

// response is everything a statement returned: its result sets (one per statement of a
// multi-statement query; an OK packet gives one without fields) and the warning count of the
// last one. err is the error that ended it, if any; results before it are kept.
type response struct {
	results  []*sqltypes.Result
	warnings uint16
	err      error
}

// send writes a COM_QUERY without reading the answer.
func (c *conn) send(q string) error {
	return c.c.WriteComQuery(q)
}

// read reads all results of the query sent last. A server that does not answer within the
// timeout fails the statement, and the connection is closed.
func (c *conn) read() response {
	var resp response
	c.c.Conn.SetReadDeadline(time.Now().Add(c.timeout))
	defer func() {
		if c.c != nil {
			c.c.Conn.SetReadDeadline(time.Time{})
		}
	}()
	for {
		res, status, warnings, err := c.c.ReadQueryResult(context.Background(), maxRows, true)
		if err != nil {
			resp.err = err
			return resp
		}
		resp.results = append(resp.results, res)
		resp.warnings = warnings
		if uint16(status)&mysql.ServerMoreResultsExists == 0 {
			return resp
		}
	}
}

// query sends q and reads all its results.
func (c *conn) query(q string) response {
	if err := c.send(q); err != nil {
		return response{err: err}
	}
	return c.read()
}

func (c *conn) close() {
	if c.c != nil {
		c.c.Close()
		c.c = nil
	}
	c.pending = false
}
