package difftest

import (
	"fmt"
	"strings"
)

// The sequence's table face, SHOW and information_schema, tables drawing from sequences
// through DEFAULT, AUTO_INCREMENT tables, FLUSH TABLES, renames and transactions.

var seqColumns = []string{"next_not_cached_value", "minimum_value", "maximum_value", "start_value",
	"increment", "cache_size", "cycle_option", "cycle_count"}

func (g *Generator) selectSequenceTable(conn int) []Step {
	s := g.seqRef(conn)
	var sql string
	switch g.r.IntN(6) {
	case 0, 1:
		sql = "SELECT * FROM " + s
	case 2:
		cols := append([]string(nil), seqColumns...)
		g.r.Shuffle(len(cols), func(i, j int) { cols[i], cols[j] = cols[j], cols[i] })
		sql = "SELECT " + strings.Join(cols[:1+g.r.IntN(len(cols))], ", ") + " FROM " + s
	case 3:
		sql = "SELECT next_not_cached_value, cycle_count, " + g.valueCall(conn) + " FROM " + s
	case 4:
		sql = "SELECT COUNT(*), MAX(next_not_cached_value) FROM " + s
	default:
		sql = "SELECT * FROM " + s + " WHERE next_not_cached_value > " + g.smallNumber()
	}
	return step(conn, "select sequence table", sql, nil)
}

// insertSequence writes the sequence's row: MariaDB takes it as the new state.
func (g *Generator) insertSequence(conn int) []Step {
	s := g.seqRef(conn)
	lo := g.r.IntN(10) - 5
	hi := lo + 1 + g.r.IntN(20)
	inc := g.pick([]string{"1", "2", "-1", "0", "3"})
	row := []string{fmt.Sprint(lo + g.r.IntN(hi-lo+1)), fmt.Sprint(lo), fmt.Sprint(hi),
		fmt.Sprint(lo + g.r.IntN(hi-lo+1)), inc, g.pick([]string{"0", "1", "5", "1000"}),
		g.pick([]string{"0", "1"}), g.pick([]string{"0", "1", "3"})}
	if inc[0] == '-' {
		row[0] = fmt.Sprint(hi - g.r.IntN(hi-lo+1))
	}
	if g.chance(25) {
		row[g.r.IntN(len(row))] = g.number()
	}
	var sql string
	switch g.r.IntN(8) {
	case 0:
		sql = fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", s, strings.Join(seqColumns, ", "), strings.Join(row, ", "))
	case 1:
		sql = fmt.Sprintf("INSERT INTO %s VALUES (%s)", s, strings.Join(row[:1+g.r.IntN(7)], ", "))
	case 2:
		sql = fmt.Sprintf("INSERT INTO %s VALUES (%s), (%s)", s, strings.Join(row, ", "), strings.Join(row, ", "))
	case 3:
		sql = fmt.Sprintf("REPLACE INTO %s VALUES (%s)", s, strings.Join(row, ", "))
	default:
		sql = fmt.Sprintf("INSERT INTO %s VALUES (%s)", s, strings.Join(row, ", "))
	}
	return step(conn, "insert sequence", sql, nil)
}

// modifySequence writes statements MariaDB refuses on a sequence (1031).
func (g *Generator) modifySequence(conn int) []Step {
	s := g.seqRef(conn)
	sql := g.pick([]string{
		"UPDATE " + s + " SET next_not_cached_value = 5",
		"UPDATE " + s + " SET cycle_count = cycle_count + 1 WHERE 1",
		"DELETE FROM " + s,
		"DELETE FROM " + s + " WHERE cycle_count = 0",
		"TRUNCATE " + s,
		"TRUNCATE TABLE " + s,
	})
	return step(conn, "modify sequence", sql, nil)
}

func (g *Generator) show(conn int) []Step {
	var sql string
	sorted := false
	switch g.r.IntN(10) {
	case 0, 1, 2:
		sql = "SHOW CREATE SEQUENCE " + g.seqRef(conn)
	case 3, 4:
		sql = "SHOW CREATE TABLE " + g.spellName(g.existing(conn, kSeq, allNames))
	case 5:
		sql = "SHOW CREATE TABLE " + g.spellName(g.existing(conn, kTable, tableNames))
	case 6:
		sql = "SHOW CREATE SEQUENCE " + g.spellName(g.pick(allNames))
	default:
		// MariaDB lists tables in the order the storage engine's directory scan returns them,
		// which the SQL layer does not specify; compare them as a set.
		sql, sorted = g.pick([]string{"SHOW TABLES", "SHOW FULL TABLES", "SHOW TABLES LIKE 's%'",
			"SHOW FULL TABLES WHERE Table_type = 'SEQUENCE'", "SHOW TABLE STATUS LIKE 'nothing'"}), true
	}
	return []Step{{Conn: conn, SQL: sql, Kind: "show", Sorted: sorted}}
}

// infoSchema reads the information_schema.TABLES rows of the test database. Only columns
// that follow from MariaDB's SQL semantics are selected: CREATE_TIME, UPDATE_TIME and
// CHECK_TIME are wall-clock times, and DATA_LENGTH, INDEX_LENGTH, DATA_FREE,
// MAX_DATA_LENGTH and AVG_ROW_LENGTH measure MyISAM's files, which seqd (one pebble store)
// does not have.
func (g *Generator) infoSchema(conn int) []Step {
	cols := g.pick([]string{
		"TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_ROWS, TABLE_COMMENT",
		"TABLE_NAME, TABLE_TYPE, VERSION, ROW_FORMAT, AUTO_INCREMENT, TABLE_COLLATION, CREATE_OPTIONS",
		"TABLE_CATALOG, TABLE_SCHEMA, TABLE_NAME, TEMPORARY",
	})
	where := "TABLE_SCHEMA = 'test'"
	if g.chance(30) {
		where += " AND TABLE_TYPE = 'SEQUENCE'"
	}
	// TABLE_NAME compares case-insensitively (utf8mb3_general_ci), so the order of s1 and S1
	// is unspecified: the rows are compared as a set.
	return []Step{{Conn: conn, Kind: "information_schema", Sorted: true,
		SQL: "SELECT " + cols + " FROM information_schema.TABLES WHERE " + where + " ORDER BY TABLE_NAME"}}
}

func (g *Generator) createDefaultTable(conn int) []Step {
	name := g.pick(tableNames)
	seq := g.existing(conn, kSeq, seqNames)
	if seq == name {
		// CREATE OR REPLACE TABLE t (... DEFAULT NEXT VALUE FOR t) where t is an InnoDB sequence
		// never returns in MariaDB 10.11 (it waits for the table it is replacing), so a table
		// never names itself.
		seq = g.pick(seqNames)
	}
	s := g.spellName(seq)
	def := g.pick([]string{"DEFAULT (NEXT VALUE FOR %s)", "DEFAULT NEXTVAL(%s)", "DEFAULT (NEXTVAL(%s))",
		"DEFAULT NEXT VALUE FOR %s", "DEFAULT (LASTVAL(%s))", "DEFAULT (NEXTVAL(%s) + 100)"})
	typ := g.pick([]string{"BIGINT", "INT", "BIGINT NOT NULL", "INT UNSIGNED", "TINYINT"})
	key := g.pick([]string{"", " PRIMARY KEY", "", " UNIQUE"})
	head := g.pick([]string{"CREATE TABLE", "CREATE OR REPLACE TABLE", "CREATE TABLE IF NOT EXISTS"})
	sql := fmt.Sprintf("%s %s (id %s %s%s, v INT)", head, name, typ, fmt.Sprintf(def, s), key)
	return step(conn, "create default table", sql, func(m *model) {
		if _, ok := m.objs[name]; !ok || !strings.HasSuffix(head, "EXISTS") {
			m.objs[name] = kTable
		}
	})
}

func (g *Generator) useDefaultTable(conn int) []Step {
	t := g.spellName(g.existing(conn, kTable, tableNames))
	v := g.r.IntN(100)
	var sql string
	switch g.r.IntN(12) {
	case 0, 1:
		sql = fmt.Sprintf("INSERT INTO %s (v) VALUES (%d)", t, v)
	case 2:
		sql = fmt.Sprintf("INSERT INTO %s (v) VALUES (%d), (%d), (%d)", t, v, v+1, v+2)
	case 3:
		sql = fmt.Sprintf("INSERT INTO %s VALUES (DEFAULT, %d)", t, v)
	case 4:
		sql = fmt.Sprintf("INSERT INTO %s (id, v) VALUES (%s, %d)", t, g.smallNumber(), v)
	case 5:
		sql = fmt.Sprintf("INSERT INTO %s (v) SELECT seq FROM seq_1_to_%d", t, 1+g.r.IntN(3))
	case 6:
		sql = fmt.Sprintf("INSERT INTO %s SET v = %d", t, v)
	case 7:
		sql = fmt.Sprintf("UPDATE %s SET id = DEFAULT WHERE v = %d", t, v)
	case 8:
		sql = fmt.Sprintf("INSERT INTO %s (id, v) VALUES (%s, %d)", t, g.valueCall(conn), v)
	case 9:
		sql = fmt.Sprintf("SELECT COUNT(*), MIN(id), MAX(id) FROM %s", t)
	default:
		sql = fmt.Sprintf("SELECT * FROM %s ORDER BY id, v", t)
	}
	return step(conn, "use default table", sql, nil)
}

func (g *Generator) createAutoInc(conn int) []Step {
	name := g.pick(aiNames)
	typ := g.pick([]string{"INT", "BIGINT", "TINYINT", "TINYINT UNSIGNED", "BIGINT UNSIGNED"})
	head := g.pick([]string{"CREATE TABLE", "CREATE OR REPLACE TABLE"})
	opt := g.pick([]string{"", "", " AUTO_INCREMENT=100", " AUTO_INCREMENT=250"})
	sql := fmt.Sprintf("%s %s (id %s NOT NULL AUTO_INCREMENT PRIMARY KEY, v BIGINT)%s", head, name, typ, opt)
	return step(conn, "create auto_increment", sql, func(m *model) { m.objs[name] = kAutoInc })
}

func (g *Generator) useAutoInc(conn int) []Step {
	t := g.existing(conn, kAutoInc, aiNames)
	var sql string
	switch g.r.IntN(10) {
	case 0, 1:
		sql = fmt.Sprintf("INSERT INTO %s (v) VALUES (%d)", t, g.r.IntN(100))
	case 2:
		sql = fmt.Sprintf("INSERT INTO %s (v) VALUES (1), (2)", t)
	case 3:
		sql = fmt.Sprintf("INSERT INTO %s VALUES (NULL, %s)", t, g.valueCall(conn))
	case 4:
		sql = fmt.Sprintf("INSERT INTO %s (id, v) VALUES (%s, 0)", t, g.pick([]string{"0", "5", "-3", "200", "127"}))
	case 5, 6:
		sql = "SELECT LAST_INSERT_ID()"
	case 7:
		sql = fmt.Sprintf("INSERT INTO %s (v) SELECT %s", t, g.valueCall(conn))
	default:
		sql = fmt.Sprintf("SELECT * FROM %s ORDER BY id", t)
	}
	return step(conn, "auto_increment", sql, nil)
}

func (g *Generator) flush(conn int) []Step {
	sql := g.pick([]string{"FLUSH TABLES", "FLUSH TABLES", "FLUSH TABLE " + g.seqRef(conn),
		"FLUSH TABLES " + g.seqRef(conn) + ", " + g.seqRef(conn)})
	return step(conn, "flush", sql, nil)
}

func (g *Generator) misc(conn int) []Step {
	s := g.existing(conn, kSeq, seqNames)
	to := g.pick(seqNames)
	rename := func(m *model) {
		if k, ok := m.objs[s]; ok {
			delete(m.objs, s)
			m.objs[to] = k
		}
	}
	switch g.r.IntN(7) {
	case 0:
		return step(conn, "rename", fmt.Sprintf("RENAME TABLE %s TO %s", s, to), rename)
	case 1:
		return step(conn, "rename", fmt.Sprintf("ALTER TABLE %s RENAME TO %s", s, to), rename)
	case 2:
		return step(conn, "drop table", "DROP TABLE "+s, func(m *model) { delete(m.objs, s) })
	case 3:
		return step(conn, "create like", fmt.Sprintf("CREATE TABLE %s LIKE %s", to, s),
			func(m *model) { m.objs[to] = kSeq })
	case 4:
		return step(conn, "alter table", "ALTER TABLE "+s+" "+g.pick([]string{"COMMENT='changed'",
			"ENGINE=InnoDB", "ENGINE=MyISAM", "FORCE", "ADD COLUMN x INT", "SEQUENCE=0", "SEQUENCE=1"}), nil)
	case 5:
		return step(conn, "create table sequence=1", fmt.Sprintf("CREATE TABLE %s (%s) SEQUENCE=1", to, seqTableColumns),
			func(m *model) { m.objs[to] = kSeq })
	default:
		return step(conn, "drop view", "DROP VIEW IF EXISTS "+s, nil)
	}
}

// seqTableColumns are the eight columns of a sequence table, as SHOW CREATE TABLE prints them.
const seqTableColumns = "`next_not_cached_value` bigint(21) NOT NULL, `minimum_value` bigint(21) NOT NULL, " +
	"`maximum_value` bigint(21) NOT NULL, `start_value` bigint(21) NOT NULL, `increment` bigint(21) NOT NULL, " +
	"`cache_size` bigint(21) unsigned NOT NULL, `cycle_option` tinyint(1) unsigned NOT NULL, " +
	"`cycle_count` bigint(21) NOT NULL"

// transaction runs value functions inside a transaction that commits or rolls back:
// sequences are not transactional.
func (g *Generator) transaction(conn int) []Step {
	steps := []Step{{Conn: conn, SQL: g.pick([]string{"BEGIN", "START TRANSACTION"}), Kind: "transaction"}}
	for i := 0; i < 1+g.r.IntN(3); i++ {
		steps = append(steps, g.pick2(g.selectValues(conn), g.useDefaultTable(conn))...)
	}
	return append(steps, Step{Conn: conn, SQL: g.pick([]string{"COMMIT", "ROLLBACK"}), Kind: "transaction"})
}

func (g *Generator) pick2(a, b []Step) []Step {
	if g.chance(50) {
		return a
	}
	return b
}
