package sqlengine

import (
	"testing"
	"time"
)

// TestDropDatabaseWaitsForClosedConnection checks that DROP DATABASE, waiting for the table
// lock of another connection's open transaction, goes on once that connection closes (its
// transaction rolls back), as in MariaDB, instead of waiting out innodb_lock_wait_timeout.
func TestDropDatabaseWaitsForClosedConnection(t *testing.T) {
	srv := startTestServer(t, nil)
	admin := connect(t, srv, "root", "", "")
	mustExec(t, admin, "CREATE DATABASE d", "CREATE TABLE d.t (a INT) ENGINE=InnoDB")
	holder := connect(t, srv, "root", "", "d")
	mustExec(t, holder, "START TRANSACTION", "INSERT INTO t VALUES (1)")

	dropper := connect(t, srv, "root", "", "")
	mustExec(t, dropper, "SET SESSION innodb_lock_wait_timeout = 20")
	done := make(chan error, 1)
	start := time.Now()
	go func() {
		_, err := dropper.ExecuteFetch("DROP DATABASE d", 0, false)
		done <- err
	}()
	time.Sleep(300 * time.Millisecond)
	select {
	case err := <-done:
		t.Fatalf("DROP DATABASE did not wait for the open transaction: %v", err)
	default:
	}
	holder.Close()
	if err := <-done; err != nil {
		t.Fatalf("DROP DATABASE after the holder closed: %v", err)
	}
	if d := time.Since(start); d > 15*time.Second {
		t.Fatalf("DROP DATABASE took %v: it waited out the lock timeout", d)
	}
}
