package sqlengine

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dolthub/vitess/go/mysql"
)

// startTestServer starts a seqd on a free loopback port in a temporary data directory, with the
// options the conformance tests use (latin1, MyISAM).
func startTestServer(t *testing.T, mutate func(*Config)) *Server {
	t.Helper()
	cfg := Config{
		DataDir:              filepath.Join(t.TempDir(), "data"),
		CharacterSetServer:   "latin1",
		DefaultStorageEngine: "MyISAM",
	}
	if mutate != nil {
		mutate(&cfg)
	}
	srv, err := Start(cfg)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return srv
}

// connect opens a client connection to srv as user (password pass) with database db.
func connect(t *testing.T, srv *Server, user, pass, db string) *mysql.Conn {
	t.Helper()
	host, port, _ := strings.Cut(srv.Addr(), ":")
	p, _ := strconv.Atoi(port)
	c, err := mysql.Connect(context.Background(), &mysql.ConnParams{Host: host, Port: p, Uname: user, Pass: pass, DbName: db})
	if err != nil {
		t.Fatalf("connect %s@%s: %v", user, srv.Addr(), err)
	}
	t.Cleanup(c.Close)
	return c
}

// mustExec runs statements that must succeed.
func mustExec(t *testing.T, c *mysql.Conn, stmts ...string) {
	t.Helper()
	for _, q := range stmts {
		if _, err := c.ExecuteFetch(q, 1000, false); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}
