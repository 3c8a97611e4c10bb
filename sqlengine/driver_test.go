package sqlengine

import (
	"database/sql"
	"errors"
	"testing"

	driver "github.com/go-sql-driver/mysql"
)

// openDriver connects to srv through go-sql-driver/mysql, which runs statements with
// parameters as server-side prepared statements (the binary protocol).
func openDriver(t *testing.T, srv *Server) *sql.DB {
	t.Helper()
	cfg := driver.NewConfig()
	cfg.User = "root"
	cfg.Net = "tcp"
	cfg.Addr = srv.Addr()
	cfg.DBName = "test"
	db, err := sql.Open("mysql", cfg.FormatDSN())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestDriverPreparedSequences runs the sequence functions as server-side prepared statements.
func TestDriverPreparedSequences(t *testing.T) {
	srv := startTestServer(t, nil)
	mustExec(t, connect(t, srv, "root", "", ""), "CREATE DATABASE test")
	db := openDriver(t, srv)
	db.SetMaxOpenConns(1) // LASTVAL and LAST_INSERT_ID are per connection
	exec := func(q string, args ...any) sql.Result {
		t.Helper()
		r, err := db.Exec(q, args...)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return r
	}
	value := func(q string, args ...any) int64 {
		t.Helper()
		var v int64
		if err := db.QueryRow(q, args...).Scan(&v); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return v
	}
	exec("CREATE SEQUENCE s START WITH 10 INCREMENT BY 5")
	next, err := db.Prepare("SELECT NEXTVAL(s) + ?")
	if err != nil {
		t.Fatal(err)
	}
	defer next.Close()
	for i, want := range []int64{10, 15, 20} {
		var got int64
		if err := next.QueryRow(i).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want+int64(i) {
			t.Errorf("NEXTVAL(s) + %d = %d, want %d", i, got, want+int64(i))
		}
	}
	if got := value("SELECT PREVIOUS VALUE FOR s + ?", 0); got != 20 {
		t.Errorf("PREVIOUS VALUE FOR s = %d, want 20", got)
	}
	if got := value("SELECT NEXT VALUE FOR s * ?", 2); got != 50 {
		t.Errorf("NEXT VALUE FOR s * 2 = %d, want 50", got)
	}
	// SETVAL takes literals only; a placeholder is a syntax error, as in MariaDB.
	_, err = db.Prepare("SELECT SETVAL(s, ?)")
	var me *driver.MySQLError
	if !errors.As(err, &me) || me.Number != 1064 {
		t.Errorf("PREPARE SELECT SETVAL(s, ?) = %v, want error 1064", err)
	}
	if got := value("SELECT SETVAL(s, 100) + ?", 0); got != 100 {
		t.Errorf("SETVAL(s, 100) = %d", got)
	}
	if got := value("SELECT NEXTVAL(s) - ?", 0); got != 105 {
		t.Errorf("NEXTVAL after SETVAL = %d, want 105", got)
	}

	exec("CREATE TABLE t (id INT PRIMARY KEY DEFAULT (NEXT VALUE FOR s), v VARCHAR(10))")
	ins, err := db.Prepare("INSERT INTO t (v) VALUES (?)")
	if err != nil {
		t.Fatal(err)
	}
	defer ins.Close()
	for _, v := range []string{"a", "b"} {
		if _, err := ins.Exec(v); err != nil {
			t.Fatal(err)
		}
	}
	if got := value("SELECT COUNT(*) FROM t WHERE id IN (?, ?)", 110, 115); got != 2 {
		t.Errorf("rows with ids 110, 115 = %d, want 2", got)
	}

	exec("CREATE TABLE a (id INT AUTO_INCREMENT PRIMARY KEY, v INT)")
	r := exec("INSERT INTO a (v) VALUES (?), (?)", 1, 2)
	if id, err := r.LastInsertId(); err != nil || id != 1 {
		t.Errorf("LastInsertId = %d, %v; want 1", id, err)
	}
	r = exec("INSERT INTO a (v) VALUES (?)", 3)
	if id, _ := r.LastInsertId(); id != 3 {
		t.Errorf("LastInsertId = %d, want 3", id)
	}
	if got := value("SELECT LAST_INSERT_ID() + ?", 0); got != 3 {
		t.Errorf("LAST_INSERT_ID() = %d, want 3", got)
	}

	// Sequence DDL through the binary protocol.
	exec("ALTER SEQUENCE s RESTART WITH 7")
	if got := value("SELECT NEXTVAL(s) + ?", 0); got != 7 {
		t.Errorf("NEXTVAL after RESTART WITH 7 = %d", got)
	}
	exec("DROP SEQUENCE s")
	if _, err := db.Exec("SELECT NEXTVAL(s) + ?", 0); !errors.As(err, &me) || me.Number != 4091 {
		t.Errorf("NEXTVAL of a dropped sequence: %v, want error 1146", err)
	}
}
