// Package conformance holds seqd's wire-level conformance tests: case files recorded from a
// real MariaDB 10.11, the runner that replays them against seqd, and the run of MariaDB's own
// sequence suite with a ratchet of the tests seqd passes. See README.md for the commands.
//
// # Basics
//
// A case is a pair testdata/<area>.test and testdata/<area>.result. The .test file is written
// in a subset of the mysqltest language (package mysqltest) and starts with "# Covers:" and
// "# Source:" lines; the .result is what MariaDB produced for it, recorded by
// "go test ./conformance -run TestRecord -rewrite" and never edited by hand. [RunCase]
// recreates the test database and runs one case against a target.
//
// TestLiveMariaDB replays every case against a scratch MariaDB (package mariadbtest) and, for
// cases without a restart, checks that the real mysqltest binary produces the same bytes.
// TestConformance replays every case against an in-process seqd, and TestMariaDBSuite runs
// MariaDB's suite against it (package suite) and enforces suite_passing.txt.
package conformance
