// Package mariadbtest starts scratch MariaDB 10.11 servers for tests, configured the way
// mysql-test-run (mtr) configures its servers (docs/mariadb-suite.md, section 5 of the shared
// docs).
//
// # Basics
//
// [Start] creates a temporary directory (the "vardir"), runs mariadb-install-db into
// vardir/data, starts mariadbd on a free 127.0.0.1 port with mtr's options, waits until it
// accepts connections, then drops the anonymous accounts, revokes PUBLIC's privileges on
// test and test\_% and makes sure the test database exists. [Server.Stop] kills the server and
// removes the vardir. [New] does the same for a test: it skips the test when MariaDB is not
// installed and registers Stop as a cleanup.
//
// [Server.Restart] stops the server cleanly and starts it again on the same data directory and
// port with the same options; [Server.Crash] does the same after SIGKILL. Both keep
// [Server.Addr] stable.
//
// # Caveats
//
// The port is picked by listening on 127.0.0.1:0 and closing the listener before mariadbd binds
// it; another process may take it in between. Start retries with a new port when mariadbd
// cannot bind; Restart does not.
//
// Servers listen on 127.0.0.1 only. The root account has no password.
package mariadbtest
