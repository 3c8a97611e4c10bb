package durability

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// catalogSetup creates what a restart must keep: databases, tables with many column types,
// defaults (constants, CURRENT_TIMESTAMP, NEXT VALUE FOR), unique and secondary indexes,
// AUTO_INCREMENT counters, a view, a user with a grant.
var catalogSetup = []string{
	"CREATE DATABASE shop",
	"CREATE DATABASE other DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
	"CREATE SEQUENCE shop.inv START WITH 1000 INCREMENT BY 10 CACHE 5",
	`CREATE TABLE shop.items (
	  id INT NOT NULL AUTO_INCREMENT,
	  sku VARCHAR(20) NOT NULL,
	  name VARCHAR(100) DEFAULT 'unnamed',
	  price DECIMAL(10,2) NOT NULL DEFAULT 0.00,
	  qty SMALLINT UNSIGNED DEFAULT 1,
	  tiny TINYINT DEFAULT -1,
	  big BIGINT,
	  f FLOAT,
	  d DOUBLE DEFAULT 2.5,
	  ch CHAR(3) DEFAULT 'abc',
	  txt TEXT,
	  blb BLOB,
	  vb VARBINARY(16),
	  dt DATE DEFAULT '2024-01-01',
	  ts DATETIME,
	  tm TIME,
	  yr YEAR,
	  en ENUM('a','b','c') DEFAULT 'b',
	  st SET('x','y','z'),
	  created TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
	  PRIMARY KEY (id),
	  UNIQUE KEY uk_sku (sku),
	  KEY k_name (name),
	  KEY k_price_qty (price, qty)
	) ENGINE=InnoDB COMMENT='catalog items'`,
	`INSERT INTO shop.items (sku, name, price, qty, big, f, txt, blb, vb, ts, tm, yr, en, st, created) VALUES
	  ('k1', 'apple', 1.25, 3, 10, 1.5, 'red', 'b1', 'v1', '2024-05-06 07:08:09', '10:11:12', 2024, 'a', 'x,z', '2024-02-03 04:05:06'),
	  ('k2', 'pear', 4.50, 1, 20, 2.5, 'green', 'b2', 'v2', '2023-01-02 03:04:05', '23:59:59', 1999, 'c', 'y', '2024-02-03 04:05:06'),
	  ('k3', 'plum', 12.00, 7, 30, -0.5, NULL, NULL, NULL, NULL, NULL, NULL, DEFAULT, '', '2024-02-03 04:05:06')`,
	"CREATE UNIQUE INDEX uk_big ON shop.items (big)",
	"CREATE TABLE shop.invoices (no BIGINT NOT NULL DEFAULT (NEXT VALUE FOR shop.inv), item INT, note VARCHAR(10), PRIMARY KEY (no))",
	"INSERT INTO shop.invoices (item) VALUES (1), (2)",
	"CREATE TABLE shop.ai_innodb (id INT AUTO_INCREMENT PRIMARY KEY, v INT) ENGINE=InnoDB",
	"INSERT INTO shop.ai_innodb (v) VALUES (1), (2), (3), (4), (5)",
	"DELETE FROM shop.ai_innodb WHERE id = 5",
	"CREATE TABLE shop.ai_myisam (id INT AUTO_INCREMENT PRIMARY KEY, v INT) ENGINE=MyISAM",
	"INSERT INTO shop.ai_myisam (v) VALUES (1), (2), (3), (4), (5)",
	"DELETE FROM shop.ai_myisam WHERE id = 5",
	"CREATE TABLE shop.ai_empty (id BIGINT AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB",
	"INSERT INTO shop.ai_empty VALUES (), (), ()",
	"DELETE FROM shop.ai_empty",
	"CREATE TABLE shop.ai_option (id INT AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB AUTO_INCREMENT=1000",
	"INSERT INTO shop.ai_option VALUES ()",
	"CREATE TABLE shop.ai_altered (id INT AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB",
	"ALTER TABLE shop.ai_altered AUTO_INCREMENT = 500",
	"CREATE TABLE other.notes (id INT PRIMARY KEY, body VARCHAR(50) CHARACTER SET utf8mb4 DEFAULT 'é')",
	"INSERT INTO other.notes (id) VALUES (1)",
	"CREATE VIEW shop.cheap AS SELECT id, sku, price FROM shop.items WHERE price < 10",
	"USE shop",
	"CREATE VIEW expensive (item, cost) AS SELECT sku, price FROM items WHERE price >= 10",
	"CREATE USER u IDENTIFIED BY 'p'",
	"GRANT SELECT ON shop.* TO u",
}

// catalogSnapshot are the queries whose answers must not change across the restart, asked
// with shop as the current database. The WHERE clauses go through the secondary and unique
// indexes.
var catalogSnapshot = []string{
	"SHOW DATABASES LIKE 'shop'",
	"SHOW DATABASES LIKE 'other'",
	"SHOW CREATE DATABASE other",
	"SHOW FULL TABLES FROM shop",
	"SHOW CREATE TABLE shop.items",
	"SHOW CREATE TABLE shop.invoices",
	"SHOW CREATE TABLE shop.ai_innodb",
	"SHOW CREATE TABLE shop.ai_myisam",
	"SHOW CREATE TABLE shop.ai_empty",
	"SHOW CREATE TABLE shop.ai_option",
	"SHOW CREATE TABLE shop.ai_altered",
	"SHOW CREATE TABLE other.notes",
	"SHOW CREATE SEQUENCE shop.inv",
	"SHOW CREATE VIEW shop.cheap",
	"SHOW CREATE VIEW expensive",
	"SHOW GRANTS FOR u",
	"SELECT * FROM shop.items ORDER BY id",
	"SELECT * FROM shop.invoices ORDER BY no",
	"SELECT * FROM shop.ai_innodb ORDER BY id",
	"SELECT * FROM shop.ai_myisam ORDER BY id",
	"SELECT * FROM other.notes",
	"SELECT * FROM shop.cheap ORDER BY id",
	"SELECT * FROM expensive",
	"SELECT sku FROM shop.items WHERE name = 'pear'",
	"SELECT sku FROM shop.items WHERE price BETWEEN 1 AND 5 ORDER BY sku",
	"SELECT sku FROM shop.items WHERE price = 12.00 AND qty = 7",
	"SELECT name FROM shop.items WHERE sku = 'k3'",
	"SELECT sku FROM shop.items WHERE big > 15 ORDER BY big",
}

// snapshot answers every catalogSnapshot query. A failing query is reported, and its error
// stands in for its rows, so that the rest of the scenario still runs.
func snapshot(c *client) map[string][][]string {
	c.t.Helper()
	out := map[string][][]string{}
	for _, q := range catalogSnapshot {
		r, err := c.c.ExecuteFetch(q, maxRows, false)
		if err != nil {
			c.t.Errorf("%s: %v", q, err)
			out[q] = [][]string{{"error", err.Error()}}
			continue
		}
		out[q] = textRows(r)
	}
	return out
}

// TestRestartKeepsCatalog stops the server with SIGTERM, starts it again and checks that
// schemas, defaults, indexes, AUTO_INCREMENT counters, views, users and grants are as before.
func TestRestartKeepsCatalog(t *testing.T) {
	onSeqdAndMariaDB(t, func(t *testing.T, tg target) { catalogAcrossRestart(t, tg, tg.Restart) })
}

// TestCrashKeepsCatalog is TestRestartKeepsCatalog with SIGKILL: what was acknowledged,
// DDL included, is on disk. seqd only: MariaDB's MyISAM tables need repair after a crash.
func TestCrashKeepsCatalog(t *testing.T) {
	s := startServer(t, mtrOptions...)
	catalogAcrossRestart(t, s, s.Crash)
}

func catalogAcrossRestart(t *testing.T, tg target, restart func() error) {
	root := connect(t, tg.Addr(), "")
	for _, q := range catalogSetup {
		// Go on after a failure: the checks that depend on it fail too, the others still run.
		if _, err := root.c.ExecuteFetch(q, 0, false); err != nil {
			t.Errorf("%s: %v", q, err)
		}
	}
	invBefore := root.int("SELECT max(no) FROM shop.invoices")
	before := snapshot(root)

	if err := restart(); err != nil {
		t.Fatalf("restart: %v", err)
	}
	root = connect(t, tg.Addr(), "shop")
	after := snapshot(root)
	for _, q := range catalogSnapshot {
		if d := cmp.Diff(before[q], after[q]); d != "" {
			t.Errorf("%s changed across the restart (-before +after):\n%s", q, d)
		}
	}

	// Defaults are applied after the restart.
	root.exec("INSERT INTO shop.items (sku, big) VALUES ('k9', 90)")
	want := [][]string{{"unnamed", "0.00", "1", "-1", "2.5", "abc", "2024-01-01", "b"}}
	if got := root.rows("SELECT name, price, qty, tiny, d, ch, dt, en FROM shop.items WHERE sku = 'k9'"); !cmp.Equal(got, want) {
		t.Errorf("defaults after restart = %v, want %v", got, want)
	}
	if n := root.int("SELECT count(*) FROM shop.items WHERE sku = 'k9' AND created IS NOT NULL"); n != 1 {
		t.Errorf("DEFAULT CURRENT_TIMESTAMP after restart: %d rows, want 1", n)
	}
	root.exec("INSERT INTO shop.invoices (item) VALUES (3)")
	if inv := root.int("SELECT no FROM shop.invoices WHERE item = 3"); inv <= invBefore {
		t.Errorf("DEFAULT (NEXT VALUE FOR shop.inv) after restart = %d, want above %d", inv, invBefore)
	}

	// A view is found by its qualified name without a current database.
	if got := connect(t, tg.Addr(), "").rows("SELECT item FROM shop.expensive"); !cmp.Equal(got, [][]string{{"k3"}}) {
		t.Errorf("SELECT item FROM shop.expensive = %v, want [[k3]]", got)
	}

	// Unique indexes still enforce uniqueness, secondary indexes still find the new row.
	root.wantErr("INSERT INTO shop.items (sku) VALUES ('k1')", 1062)
	root.wantErr("INSERT INTO shop.items (sku, big) VALUES ('k10', 20)", 1062)
	root.wantErr("UPDATE shop.items SET sku = 'k2' WHERE sku = 'k3'", 1062)
	if got := root.rows("SELECT sku FROM shop.items WHERE name = 'unnamed'"); !cmp.Equal(got, [][]string{{"k9"}}) {
		t.Errorf("lookup by k_name after restart = %v, want [[k9]]", got)
	}

	// AUTO_INCREMENT counters continue, also past a deleted maximum.
	for _, tc := range []struct {
		table string
		want  uint64
	}{
		{"shop.ai_innodb", 6},
		{"shop.ai_myisam", 6},
		{"shop.ai_empty", 4},
		{"shop.ai_option", 1001},
		{"shop.ai_altered", 500},
	} {
		if got := root.exec(fmt.Sprintf("INSERT INTO %s VALUES ()", tc.table)).InsertID; got != tc.want {
			t.Errorf("INSERT INTO %s after restart: id %d, want %d", tc.table, got, tc.want)
		}
	}

	// The user logs in with its password and has exactly its grant.
	u := connectAs(t, tg.Addr(), "u", "p", "shop")
	if n := u.int("SELECT count(*) FROM items"); n != 4 {
		t.Errorf("u: SELECT count(*) FROM items = %d, want 4", n)
	}
	u.wantErr("INSERT INTO items (sku) VALUES ('u1')", 1142)
	u.wantErr("UPDATE items SET qty = 0", 1142)
	u.wantErr("SELECT * FROM other.notes", 1142)
	if _, err := dial(tg.Addr(), "u", "wrong", ""); errno(err) != 1045 {
		t.Errorf("u with a wrong password: %v, want errno 1045", err)
	}
}
