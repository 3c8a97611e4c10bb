package difftest

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/dolthub/vitess/go/mysql"
	"github.com/dolthub/vitess/go/vt/vttls"
)

// Server is a server under test: its address and a clean restart on the same data.
type Server interface {
	Addr() string
	Restart() error
}

// Conns is the number of client connections per server. Statements name the connection
// they run on; LASTVAL, PREVIOUS VALUE FOR, LAST_INSERT_ID, sql_mode and temporary
// sequences are per connection.
const Conns = 3

// testDB is the database the statements run in; extDB holds the sequences of seqd's
// extension statements, on seqd only.
const (
	testDB = "test"
	extDB  = "difftest_ext"
)

// side is one server with its connections.
type side struct {
	name  string
	srv   Server
	conns [Conns]*mysql.Conn
	// timeout bounds every statement: a server that does not answer in time counts as a lost
	// connection (and is restarted) instead of stalling the run.
	timeout time.Duration
}

func newSide(name string, srv Server) *side {
	return &side{name: name, srv: srv, timeout: 30 * time.Second}
}

// reset recreates the test database and reopens every connection, so that no session state
// (LASTVAL, temporary sequences, sql_mode) survives.
func (s *side) reset() error {
	s.close()
	c, err := s.dial("")
	if err != nil {
		return err
	}
	defer c.Close()
	for _, q := range []string{"DROP DATABASE IF EXISTS " + testDB, "CREATE DATABASE " + testDB} {
		if _, err := c.ExecuteFetch(q, 0, false); err != nil {
			return fmt.Errorf("%s: %s: %w", s.name, q, err)
		}
	}
	return s.reconnect()
}

func (s *side) reconnect() error {
	s.close()
	for i := range s.conns {
		c, err := s.dial(testDB)
		if err != nil {
			return err
		}
		// The stream runs one statement at a time and never leaves a transaction open across
		// another connection's statement, so no statement should wait for a lock. If one does
		// (a server bug), it fails after 5 s with 1205 and shows as a divergence instead of
		// stalling the run until the read deadline.
		if _, err := c.ExecuteFetch("SET SESSION lock_wait_timeout = 5, innodb_lock_wait_timeout = 5", 0, false); err != nil {
			c.Close()
			return fmt.Errorf("%s: setting lock timeouts: %w", s.name, err)
		}
		s.conns[i] = c
	}
	return nil
}

func (s *side) close() {
	for i, c := range s.conns {
		if c != nil {
			c.Close()
			s.conns[i] = nil
		}
	}
}

func (s *side) dial(db string) (*mysql.Conn, error) {
	host, portText, err := net.SplitHostPort(s.srv.Addr())
	if err != nil {
		return nil, err
	}
	port, err := strconv.Atoi(portText)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := mysql.Connect(ctx, &mysql.ConnParams{
		Host: host, Port: port, Uname: "root", DbName: db, Charset: "latin1",
		SslMode: vttls.Disabled, ConnectTimeoutMs: 30000,
	})
	if err != nil {
		return nil, fmt.Errorf("%s: connect: %w", s.name, err)
	}
	return c, nil
}

// restart restarts the server cleanly and reopens the connections.
func (s *side) restart() error {
	s.close()
	if err := s.srv.Restart(); err != nil {
		return fmt.Errorf("%s: restart: %w", s.name, err)
	}
	return s.reconnect()
}

// exec runs one statement on connection conn and collects its outcome, including SHOW
// WARNINGS when the statement failed or reported warnings. A lost connection is an outcome
// (Outcome.Lost), not an error; the caller restarts the servers (runner.exec).
func (s *side) exec(conn int, q string, sorted bool) (*Outcome, error) {
	c := s.conns[conn]
	if c == nil {
		return nil, fmt.Errorf("%s: connection %d is not open", s.name, conn+1)
	}
	o := s.query(c, q)
	if o.Lost != "" {
		return o, nil
	}
	if sorted {
		sortRows(o.Rows)
	}
	if o.Err == nil && o.WarnCount == 0 {
		return o, nil
	}
	w := s.query(c, "SHOW WARNINGS")
	if w.Lost != "" {
		return &Outcome{Lost: "SHOW WARNINGS: " + w.Lost}, nil
	}
	if w.Err != nil {
		return nil, fmt.Errorf("%s: SHOW WARNINGS after %s: %s", s.name, q, w.Err)
	}
	o.Warnings = w.Rows
	return o, nil
}

func (s *side) query(c *mysql.Conn, q string) *Outcome {
	if err := c.WriteComQuery(q); err != nil {
		return &Outcome{Lost: err.Error()}
	}
	c.Conn.SetReadDeadline(time.Now().Add(s.timeout))
	defer c.Conn.SetReadDeadline(time.Time{})
	res, _, warnings, err := c.ReadQueryResult(context.Background(), 100000, true)
	return newOutcome(res, warnings, err)
}
