// Package durability holds seqd's process-level proof tests. They build the real seqd binary
// once per test run, start it on 127.0.0.1 with a free port and a temporary data directory,
// drive it over the wire with the vitess MySQL client, and kill it with SIGKILL or stop it
// with SIGTERM.
//
// # Basics
//
// The tests check what only a real process can show:
//
//   - TestConcurrentAutoIncrement: 16 connections × 500 autocommit INSERTs; every id a client
//     received is in the table, once.
//   - TestKillDuringInserts: SIGKILL under that load, several rounds on one data directory;
//     every acknowledged row survives and ids after a restart are above every acknowledged id.
//   - TestKillDuringNextval: SIGKILL under concurrent NEXTVAL load, CACHE 1000 and NOCACHE, five
//     rounds each; no value reaches a client twice.
//   - TestNextvalConcurrency: 64 connections on one sequence; no duplicates, per-connection
//     order, and no gaps when nothing crashed.
//   - TestRestartKeepsCatalog: a clean restart (SIGTERM) keeps schemas, defaults, indexes,
//     AUTO_INCREMENT counters, views, users and grants; TestCrashKeepsCatalog does the same
//     after SIGKILL.
//   - TestStatementAtomicity: failing statements and ROLLBACK leave nothing behind, with
//     MariaDB's error numbers, also after a SIGKILL.
//
// TestRestartKeepsCatalog and TestStatementAtomicity also run against a scratch MariaDB 10.11
// (package mariadbtest) when one is installed, so their expectations are MariaDB's own
// behaviour, not ours; without MariaDB that half is skipped.
//
// Randomised kill points come from a seed that every test logs; replay one with
// go test ./conformance/durability -run TestKillDuringNextval -seed N.
//
// # Caveats
//
// Load phases are bounded by time: a phase that makes no progress fails the test instead of
// hanging it. The server's log is printed when a test fails.
package durability
