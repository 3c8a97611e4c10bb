package sqlengine

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/dolthub/vitess/go/mysql"
)

// viewTexts are view definitions as MariaDB 10.11 printed them: information_schema.VIEWS.
// VIEW_DEFINITION (full) and the body of SHOW CREATE VIEW in the view's database (compact, ""
// when the view names a table of another database and MariaDB prints the full text).
var viewTexts = []struct{ full, compact string }{
	{"select `shop`.`items`.`id` AS `id`,`shop`.`items`.`name` AS `name`,`shop`.`items`.`price` AS `price` from `shop`.`items`",
		"select `items`.`id` AS `id`,`items`.`name` AS `name`,`items`.`price` AS `price` from `items`"},
	{"select nextval(`shop`.`s1`) AS `next value for s1`,nextval(`shop`.`s1`) AS `nextval(s1)`,lastval(`shop`.`s1`) AS `lastval(s1)`,lastval(`shop`.`s1`) AS `previous value for s1`,setval(`shop`.`s1`,100,1,0) AS `setval(s1, 100)`",
		"select nextval(`shop`.`s1`) AS `next value for s1`,nextval(`shop`.`s1`) AS `nextval(s1)`,lastval(`shop`.`s1`) AS `lastval(s1)`,lastval(`shop`.`s1`) AS `previous value for s1`,setval(`shop`.`s1`,100,1,0) AS `setval(s1, 100)`"},
	{"select `shop`.`items`.`id` AS `id` from `shop`.`items` where `shop`.`items`.`id` in (select `shop`.`t2`.`id` from `shop`.`t2`) and exists(select 1 from `shop`.`t2` where `shop`.`t2`.`id` = `shop`.`items`.`id` limit 1)",
		"select `items`.`id` AS `id` from `items` where `items`.`id` in (select `t2`.`id` from `t2`) and exists(select 1 from `t2` where `t2`.`id` = `items`.`id` limit 1)"},
	{"select `i`.`id` AS `id`,`t`.`qty` AS `qty` from (`shop`.`items` `i` join `shop`.`t2` `t` on(`i`.`id` = `t`.`id`))",
		"select `i`.`id` AS `id`,`t`.`qty` AS `qty` from (`items` `i` join `t2` `t` on(`i`.`id` = `t`.`id`))"},
	{"select `d`.`id` AS `id`,`d`.`name` AS `name` from (select `shop`.`items`.`id` AS `id`,`shop`.`items`.`name` AS `name` from `shop`.`items`) `d`",
		"select `d`.`id` AS `id`,`d`.`name` AS `name` from (select `items`.`id` AS `id`,`items`.`name` AS `name` from `items`) `d`"},
	{"select `v1`.`id` AS `id`,`v1`.`name` AS `name`,`v1`.`price` AS `price` from `shop`.`v1`",
		"select `v1`.`id` AS `id`,`v1`.`name` AS `name`,`v1`.`price` AS `price` from `v1`"},
	{"select `shop`.`items`.`id` AS `id`,`shop`.`items`.`name` AS `n`,`shop`.`items`.`price` * 2 AS `price*2`,'abc' AS `abc`,1 + 1 AS `1+1`,NULL AS `NULL`,current_timestamp() AS `now()` from `shop`.`items` where `shop`.`items`.`price` > 10 order by `shop`.`items`.`name` limit 3", ""},
	{"select count(0) AS `count(*)`,max(`shop`.`items`.`price`) AS `max(price)` from `shop`.`items` group by `shop`.`items`.`name` having count(0) > 1", ""},
	{"select distinct `shop`.`items`.`name` AS `name` from `shop`.`items` union select 'x' AS `x`", ""},
	{"select `a`.`id` AS `id`,`a`.`name` AS `name`,`a`.`price` AS `price`,5 AS `5` from (`shop`.`items` `a` left join `shop`.`t2` on(`a`.`id` = `shop`.`t2`.`id`))", ""},
	{"select `shop`.`items`.`id` AS `id` from `shop`.`items` where `shop`.`items`.`name` like 'a%' and `shop`.`items`.`price` between 1 and 2 or `shop`.`items`.`id` is null", ""},
	{"select cast(`shop`.`items`.`id` as char charset utf8mb3) AS `cast(id as char)`,case when `shop`.`items`.`id` > 1 then 'a' else 'b' end AS `case when id > 1 then 'a' else 'b' end`,if(`shop`.`items`.`id`,1,2) AS `if(id,1,2)`,coalesce(`shop`.`items`.`name`,'z') AS `coalesce(name,'z')` from `shop`.`items`", ""},
	{"select `shop`.`t`.`a` AS `a` from `shop`.`t` where `shop`.`t`.`a` in (1,2,3) and !(`shop`.`t`.`b` in (select 1 AS `q`)) having `shop`.`t`.`a` > 0", ""},
	{"select `shop`.`r1`.`a` AS `z`,count(0) AS `n` from `shop`.`r1` group by `shop`.`r1`.`a` having `n` > 1 and `z` < 5", ""},
	{"select `shop`.`r1`.`a` AS `a` from `shop`.`r1` limit 2,3", ""},
	{"(select `shop`.`t`.`a` AS `a` from `shop`.`t`) union (select `shop`.`t`.`b` AS `b` from `shop`.`t`)", ""},
	{"select `shop`.`t`.`a` AS `a` from `shop`.`t` union all select `shop`.`t`.`b` AS `b` from `shop`.`t` order by 1 limit 2", ""},
	{"select `shop`.`r1`.`a` AS `a` from (`shop`.`r1` join (`shop`.`r2` join `shop`.`r3` on(`shop`.`r2`.`c` = `shop`.`r3`.`d`)) on(`shop`.`r1`.`b` = `shop`.`r2`.`b`))", ""},
	{"select `shop`.`r1`.`a` AS `a` from `shop`.`r1` join `shop`.`r2` join `shop`.`r3`", ""},
	{"select `shop`.`t`.`a` + 1 AS `a+1`,`shop`.`t`.`a` + 1 AS `My_exp_a+1`,`shop`.`t`.`b` AS `c`,`shop`.`t`.`b` AS `c2` from `shop`.`t`", ""},
	{"select concat_ws(',',`shop`.`t`.`a`,`shop`.`t`.`b`) AS `concat_ws(',', a, b)`,substr('abc',2) AS `substring('abc', 2)`,lcase('A') AS `lower('A')`,`shop`.`t`.`a` DIV 2 AS `a div 2`,`shop`.`t`.`a` MOD 2 AS `a mod 2`,`shop`.`t`.`a` MOD 2 AS `a % 2`,ifnull(`shop`.`t`.`a`,0) AS `ifnull(a,0)`,cast(`shop`.`t`.`a` as unsigned) AS `cast(a as unsigned)`,cast(`shop`.`t`.`a` as decimal(10,2)) AS `cast(a as decimal(10,2))`,cast(`shop`.`t`.`a` as char charset utf8mb3) AS `convert(a, char)` from `shop`.`t`", ""},
	{"select `shop`.`t`.`a` + 1 AS `z`,`shop`.`t`.`b` AS `b` from `shop`.`t` order by `shop`.`t`.`a` + 1,`shop`.`t`.`b` desc", ""},
	{"select `shop`.`r1`.`a` AS `a` from `shop`.`r1` where `shop`.`r1`.`b` is true and `shop`.`r1`.`a` <=> 1 and `shop`.`r1`.`a` like 'x' escape '!' and `shop`.`r1`.`a` regexp 'y'", ""},
	{"select `shop`.`r2`.`b` AS `b`,`shop`.`r2`.`c` AS `c`,`shop`.`r1`.`a` AS `a` from (`shop`.`r2` left join `shop`.`r1` on(`shop`.`r1`.`b` = `shop`.`r2`.`b`))", ""},
	{"select `d1`.`x` AS `x`,`d2`.`y` AS `y` from (select 1 AS `x`) `d1` join (select 2 AS `y`) `d2`", ""},
	{"select `shop`.`r1`.`a` AS `a` from `shop`.`r1` where `shop`.`r1`.`a` = 1 or `shop`.`r1`.`b` = 2 and `shop`.`r1`.`a` = 0", ""},
}

// TestViewTextRoundTrip checks that printing the parse of MariaDB's view text gives MariaDB's
// text back (but for joins, whose parentheses vitess does not keep), and that SHOW CREATE VIEW's
// compact form is MariaDB's.
func TestViewTextRoundTrip(t *testing.T) {
	for _, tc := range viewTexts {
		sel, err := parseViewSelect(tc.full)
		if err != nil {
			t.Errorf("parse %q: %v", tc.full, err)
			continue
		}
		if got := printViewSelect(sel, false); got != tc.full && !strings.Contains(tc.full, " join ") {
			t.Errorf("printViewSelect(full) =\n%s\nwant\n%s", got, tc.full)
		}
		if tc.compact == "" {
			continue
		}
		if got := compactViewText(tc.full, "shop", true); got != tc.compact {
			t.Errorf("compactViewText =\n%s\nwant\n%s", got, tc.compact)
		}
	}
}

// TestRequoteANSI checks the ANSI_QUOTES form of SHOW CREATE VIEW (recorded from MariaDB).
func TestRequoteANSI(t *testing.T) {
	in := "CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`localhost` SQL SECURITY DEFINER VIEW `v1` AS select `items`.`id` AS `id`,'it''s `x`' AS `a\"b` from `items`"
	want := `CREATE ALGORITHM=UNDEFINED DEFINER="root"@"localhost" SQL SECURITY DEFINER VIEW "v1" AS select "items"."id" AS "id",'it''s ` + "`x`" + `' AS "a""b" from "items"`
	if got := requoteANSI(in); got != want {
		t.Errorf("requoteANSI = %s, want %s", got, want)
	}
}

// rows runs a query and returns its rows as strings.
func rows(t *testing.T, c *mysql.Conn, q string) [][]string {
	t.Helper()
	res, err := c.ExecuteFetch(q, 1000, false)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	var out [][]string
	for _, r := range res.Rows {
		var row []string
		for _, v := range r {
			row = append(row, v.ToString())
		}
		out = append(out, row)
	}
	return out
}

// TestViewWithoutCurrentDatabase creates and reads views in a session without a current
// database: the view's names are its database's, and the session still has no database after.
func TestViewWithoutCurrentDatabase(t *testing.T) {
	srv := startTestServer(t, nil)
	c := connect(t, srv, "root", "", "")
	mustExec(t, c,
		"CREATE DATABASE shop",
		"CREATE TABLE shop.items (id INT PRIMARY KEY, price INT)",
		"INSERT INTO shop.items VALUES (1, 5), (2, 50)",
		"CREATE VIEW shop.cheap AS SELECT id FROM shop.items WHERE price < 10",
		"USE shop",
		"CREATE VIEW expensive AS SELECT id FROM items WHERE price >= 10",
	)
	c2 := connect(t, srv, "root", "", "")
	for q, want := range map[string]string{
		"SELECT id FROM shop.cheap":                       "1",
		"SELECT id FROM shop.expensive":                   "2",
		"SELECT COUNT(*) FROM shop.cheap, shop.expensive": "1",
	} {
		if got := rows(t, c2, q); len(got) != 1 || got[0][0] != want {
			t.Errorf("%s = %v, want %s", q, got, want)
		}
	}
	if got := rows(t, c2, "SELECT DATABASE() IS NULL"); got[0][0] != "1" {
		t.Errorf("after reading views, DATABASE() IS NULL = %v, want 1", got)
	}
	if _, err := c2.ExecuteFetch("SELECT * FROM shop.cheap, items", 10, false); err == nil {
		t.Error("an unqualified table next to a view resolved without a current database")
	}
}

// TestViewRestart checks that views survive a restart with their definitions.
func TestViewRestart(t *testing.T) {
	var cfg Config
	srv := startTestServer(t, func(c *Config) { cfg = *c })
	c := connect(t, srv, "root", "", "")
	mustExec(t, c,
		"CREATE DATABASE test",
		"USE test",
		"CREATE TABLE t1 (a INT)",
		"INSERT INTO t1 VALUES (3)",
		"CREATE VIEW v1 (x) AS SELECT a * 2 FROM t1",
	)
	before := rows(t, c, "SELECT VIEW_DEFINITION FROM information_schema.VIEWS WHERE TABLE_NAME = 'v1'")
	c.Close()
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	srv2, err := Start(cfg)
	if err != nil {
		t.Fatalf("restart: %v", err)
	}
	defer srv2.Close()
	c2 := connect(t, srv2, "root", "", "test")
	if got := rows(t, c2, "SELECT x FROM v1"); len(got) != 1 || got[0][0] != "6" {
		t.Errorf("SELECT x FROM v1 after restart = %v, want 6", got)
	}
	after := rows(t, c2, "SELECT VIEW_DEFINITION FROM information_schema.VIEWS WHERE TABLE_NAME = 'v1'")
	if len(after) != 1 || len(before) != 1 || after[0][0] != before[0][0] {
		t.Errorf("VIEW_DEFINITION after restart = %v, before %v", after, before)
	}
}

// TestViewDumpReload dumps a database with views with mariadb-dump and loads the dump into
// another database with the mariadb client: the views come back with the same definitions.
func TestViewDumpReload(t *testing.T) {
	dump, err1 := exec.LookPath("mariadb-dump")
	client, err2 := exec.LookPath("mariadb")
	if err1 != nil || err2 != nil {
		t.Skip("mariadb-dump or mariadb is not installed")
	}
	srv := startTestServer(t, nil)
	c := connect(t, srv, "root", "", "")
	mustExec(t, c,
		"CREATE DATABASE d1",
		"USE d1",
		"CREATE TABLE t1 (a INT PRIMARY KEY, b VARCHAR(10))",
		"INSERT INTO t1 VALUES (1, 'x'), (2, 'y')",
		"CREATE SEQUENCE s1",
		"CREATE VIEW v2 AS SELECT a, b FROM t1 WHERE a > 1",
		"CREATE VIEW v1 AS SELECT v2.a, CONCAT(v2.b, '!') AS bang FROM v2",
		"CREATE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW v3 AS SELECT a FROM t1 WITH CHECK OPTION",
		"CREATE DATABASE d2",
	)
	host, port, _ := strings.Cut(srv.Addr(), ":")
	args := []string{"--no-defaults", "-h" + host, "-P" + port, "-uroot"}
	out, err := exec.Command(dump, append(args, "d1")...).Output()
	if err != nil {
		t.Fatalf("mariadb-dump: %v", err)
	}
	load := exec.Command(client, append(args, "d2")...)
	load.Stdin = strings.NewReader(string(out))
	if msg, err := load.CombinedOutput(); err != nil {
		t.Fatalf("loading the dump: %v\n%s", err, msg)
	}
	defs := func(db string) string {
		var b strings.Builder
		for _, r := range rows(t, c, "SELECT TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, SECURITY_TYPE, ALGORITHM FROM information_schema.VIEWS WHERE TABLE_SCHEMA = '"+db+"' ORDER BY TABLE_NAME") {
			b.WriteString(strings.Join(r, " | ") + "\n")
		}
		return strings.ReplaceAll(b.String(), "`"+db+"`", "`DB`")
	}
	if got, want := defs("d2"), defs("d1"); got != want || want == "" {
		t.Errorf("views after reload:\n%s\nwant\n%s", got, want)
	}
	if got := rows(t, c, "SELECT bang FROM d2.v1"); len(got) != 1 || got[0][0] != "y!" {
		t.Errorf("SELECT bang FROM d2.v1 = %v, want y!", got)
	}
}
