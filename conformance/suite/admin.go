package suite

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/dolthub/vitess/go/mysql"
	"github.com/dolthub/vitess/go/sqltypes"
	"github.com/dolthub/vitess/go/vt/vttls"
)

// admin is the runner's own connection to the target, for housekeeping between tests.
type admin struct {
	params *mysql.ConnParams
	conn   *mysql.Conn
}

func dialAdmin(cfg Config) (*admin, error) {
	host, portStr, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return nil, err
	}
	port, err := strconv.Atoi(portStr)
	if err != nil {
		return nil, err
	}
	a := &admin{params: &mysql.ConnParams{Host: host, Port: port, Uname: cfg.User, Pass: cfg.Password,
		Charset: "latin1", SslMode: vttls.Disabled, ConnectTimeoutMs: 10000}}
	if err := a.redial(); err != nil {
		return nil, fmt.Errorf("suite: connecting to %s: %w", cfg.Addr, err)
	}
	return a, nil
}

func (a *admin) redial() error {
	a.close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := mysql.Connect(ctx, a.params)
	a.conn = c
	return err
}

func (a *admin) close() {
	if a.conn != nil {
		a.conn.Close()
		a.conn = nil
	}
}

// exec runs q, reconnecting once if the connection was lost (a test may kill it).
func (a *admin) exec(q string) (*sqltypes.Result, error) {
	if a.conn != nil {
		res, err := a.conn.ExecuteFetch(q, 100000, false)
		if err == nil || !mysql.IsConnErr(err) && !a.conn.IsClosed() {
			return res, err
		}
	}
	if err := a.redial(); err != nil {
		return nil, err
	}
	return a.conn.ExecuteFetch(q, 100000, false)
}

// snapshot is the databases and accounts that exist before the first test.
type snapshot struct {
	databases map[string]bool
	users     map[string]bool // nil when the target has no mysql.user
}

func (a *admin) snapshot() snapshot {
	return snapshot{databases: a.databases(), users: a.users()}
}

func (a *admin) databases() map[string]bool {
	res, err := a.exec("SHOW DATABASES")
	if err != nil {
		return nil
	}
	dbs := map[string]bool{}
	for _, row := range res.Rows {
		dbs[row[0].ToString()] = true
	}
	return dbs
}

func (a *admin) users() map[string]bool {
	res, err := a.exec("SELECT user, host FROM mysql.user")
	if err != nil {
		return nil
	}
	users := map[string]bool{}
	for _, row := range res.Rows {
		users[quoteString(row[0].ToString())+"@"+quoteString(row[1].ToString())] = true
	}
	return users
}

// resetTestDB stands in for mtr's check-testcase: every test starts with an empty test
// database.
func (a *admin) resetTestDB() error {
	for _, q := range []string{"DROP DATABASE IF EXISTS test", "CREATE DATABASE test"} {
		if _, err := a.exec(q); err != nil {
			return err
		}
	}
	return nil
}

// dropLeftovers drops the databases and accounts a test created and did not drop.
func (a *admin) dropLeftovers(s snapshot) {
	for db := range a.databases() {
		if s.databases != nil && !s.databases[db] && db != "test" {
			a.exec("DROP DATABASE " + quoteIdent(db))
		}
	}
	if s.users == nil {
		return
	}
	for u := range a.users() {
		if !s.users[u] {
			a.exec("DROP USER " + u)
		}
	}
}

func quoteIdent(s string) string { return "`" + strings.ReplaceAll(s, "`", "``") + "`" }

func quoteString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}
