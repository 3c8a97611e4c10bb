package mariadbtest

import "testing"

func TestStartRestartCrash(t *testing.T) {
	s := New(t, Options{})
	addr := s.Addr()
	query := func(q string) string {
		t.Helper()
		conn, err := s.connect()
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		qr, err := conn.ExecuteFetch(q, 10, false)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if len(qr.Rows) == 0 {
			return ""
		}
		return qr.Rows[0][0].ToString()
	}
	if got := query("SELECT COUNT(*) FROM mysql.user WHERE user = ''"); got != "0" {
		t.Errorf("anonymous users = %s, want 0", got)
	}
	if got := query("SELECT @@character_set_server"); got != "latin1" {
		t.Errorf("@@character_set_server = %s, want latin1", got)
	}
	query("CREATE TABLE test.t (a INT)")
	if err := s.Restart(); err != nil {
		t.Fatal(err)
	}
	if err := s.Crash(); err != nil {
		t.Fatal(err)
	}
	if s.Addr() != addr {
		t.Errorf("Addr() after restart = %s, want %s", s.Addr(), addr)
	}
	if got := query("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'test'"); got != "1" {
		t.Errorf("tables in test after restart = %s, want 1", got)
	}
}
