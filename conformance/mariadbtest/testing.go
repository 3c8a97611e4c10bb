package mariadbtest

import (
	"errors"
	"testing"
)

// New starts a scratch server for t and stops it when t ends. It skips t, with the reason,
// when MariaDB is not installed, and fails t when the server does not start.
func New(t testing.TB, opts Options) *Server {
	t.Helper()
	SkipIfMissing(t)
	s, err := Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Stop(); err != nil {
			t.Errorf("mariadbtest: stop: %v", err)
		}
	})
	return s
}

// SkipIfMissing skips t when mariadbd or mariadb-install-db is not installed.
func SkipIfMissing(t testing.TB) {
	t.Helper()
	if err := Installed(); err != nil {
		if errors.Is(err, errNotInstalled) {
			t.Skipf("%v; install mariadb-server 10.11 to run this test", err)
		}
		t.Fatal(err)
	}
}
