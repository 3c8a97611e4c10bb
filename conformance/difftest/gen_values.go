package difftest

import (
	"fmt"
	"strings"
)

// The value functions: NEXT VALUE FOR, NEXTVAL, PREVIOUS VALUE FOR, LASTVAL and SETVAL in
// select lists, WHERE clauses, per-row over seq_1_to_N and tables, with arithmetic; DO;
// sql_mode=ORACLE s.nextval/s.currval; seqd's SELECT NEXT n VALUES.

// valueCall is one call of a value function.
func (g *Generator) valueCall(conn int) string {
	s := g.seqRef(conn)
	switch n := g.r.IntN(100); {
	case n < 25:
		return g.kw("NEXT VALUE FOR ") + s
	case n < 50:
		return g.kw("NEXTVAL") + "(" + s + ")"
	case n < 62:
		return g.kw("PREVIOUS VALUE FOR ") + s
	case n < 76:
		return g.kw("LASTVAL") + "(" + s + ")"
	case n < 90:
		return g.setvalCall(s)
	case n < 95 && g.m.oracle[conn]:
		return s + "." + g.kw(g.pick([]string{"nextval", "currval"}))
	default:
		return g.pick([]string{"NEXTVAL(" + s + ", 1)", "NEXTVAL()", "LASTVAL(" + s + " + 1)",
			"NEXT VALUE FOR (" + s + ")", "NEXTVAL('" + strings.Trim(s, "`") + "')"})
	}
}

// setvalCall is SETVAL(s, n[, is_used[, round]]), rarely with an argument MariaDB rejects.
func (g *Generator) setvalCall(s string) string {
	args := []string{s, g.setvalNumber()}
	if g.chance(50) {
		args = append(args, g.pick([]string{"0", "1", "true", "false", "TRUE", "2"}))
		if g.chance(50) {
			args = append(args, g.pick([]string{"0", "1", "2", "5", "-1", "100"}))
		}
	}
	if g.chance(3) {
		args[len(args)-1] = g.pick([]string{"1+1", "NULL", "@x", "'3'", "-(2)"})
	}
	return g.kw("SETVAL") + "(" + strings.Join(args, ", ") + ")"
}

func (g *Generator) setvalNumber() string {
	if g.chance(75) {
		return g.smallNumber()
	}
	return g.number()
}

// valueExpr is a value call, perhaps inside arithmetic or another function.
func (g *Generator) valueExpr(conn int) string {
	v := g.valueCall(conn)
	switch g.r.IntN(14) {
	case 0:
		return v + " + 1"
	case 1:
		return v + " * 2"
	case 2:
		return "-" + v
	case 3:
		return "(" + v + ") - (" + g.valueCall(conn) + ")"
	case 4:
		return "IFNULL(" + v + ", -1)"
	case 5:
		return "COALESCE(" + v + ", 0)"
	case 6:
		return v + " IS NULL"
	case 7:
		return v + " DIV 2"
	case 8:
		return "CAST(" + v + " AS CHAR)"
	case 9:
		return v + " + 0.5"
	}
	return v
}

func (g *Generator) selectValues(conn int) []Step {
	n := 1 + g.r.IntN(3)
	items := make([]string, n)
	for i := range items {
		items[i] = g.valueExpr(conn)
		if g.chance(10) {
			items[i] += fmt.Sprintf(" AS v%d", i)
		}
	}
	list := strings.Join(items, ", ")
	var sql string
	switch k := g.r.IntN(20); {
	case k < 12:
		sql = "SELECT " + list
	case k < 14:
		sql = fmt.Sprintf("SELECT %s FROM DUAL WHERE %s %s %s", list, g.valueCall(conn),
			g.pick([]string{">", "<", "=", "IS NOT NULL AND 1 <", "<>"}), g.smallNumber())
	case k < 17:
		sql = fmt.Sprintf("SELECT seq, %s FROM seq_1_to_%d", list, 1+g.r.IntN(4))
	case k < 18:
		sql = fmt.Sprintf("SELECT seq FROM seq_1_to_5 WHERE seq %s %s", g.pick([]string{"<", ">", "="}), g.valueCall(conn))
	default:
		// Per row over a table, in a defined order: MariaDB sorts first and then evaluates the
		// select list, row by row. Now and then the sort key is the value itself.
		t := g.existing(conn, kTable, tableNames)
		sql = fmt.Sprintf("SELECT id, v, %s FROM %s ORDER BY id, v", list, t)
		if g.chance(15) {
			sql = fmt.Sprintf("SELECT %s FROM %s ORDER BY 1", list, t)
		}
	}
	return step(conn, "select values", sql, nil)
}

func (g *Generator) setval(conn int) []Step {
	call := g.setvalCall(g.seqRef(conn))
	if g.chance(30) {
		return step(conn, "do setval", "DO "+call, nil)
	}
	return step(conn, "select setval", "SELECT "+call, nil)
}

func (g *Generator) doStatement(conn int) []Step {
	items := []string{g.valueCall(conn)}
	if g.chance(30) {
		items = append(items, g.valueCall(conn))
	}
	return step(conn, "do", g.kw("DO ")+strings.Join(items, ", "), nil)
}

// oracle runs a few statements under sql_mode=ORACLE on one connection and switches back.
func (g *Generator) oracle(conn int) []Step {
	on := Step{Conn: conn, SQL: "SET sql_mode=ORACLE", Kind: "oracle", apply: func(m *model) { m.oracle[conn] = true }}
	g.m.oracle[conn] = true // for the statements generated below
	steps := []Step{on}
	for i := 0; i < 1+g.r.IntN(3); i++ {
		s := g.seqRef(conn)
		var sql string
		switch g.r.IntN(6) {
		case 0:
			sql = "SELECT " + s + ".nextval"
		case 1:
			sql = "SELECT " + s + ".currval, " + s + ".NEXTVAL FROM DUAL"
		case 2:
			sql = "SHOW CREATE SEQUENCE " + s
		case 3:
			sql = "SELECT " + g.valueExpr(conn)
		case 4:
			sql = "SELECT " + s + ".nextval + 1, LASTVAL(" + s + ")"
		default:
			sql = "SHOW CREATE TABLE " + s
		}
		steps = append(steps, Step{Conn: conn, SQL: sql, Kind: "oracle"})
	}
	g.m.oracle[conn] = false
	return append(steps, Step{Conn: conn, SQL: "SET sql_mode=DEFAULT", Kind: "oracle",
		apply: func(m *model) { m.oracle[conn] = false }})
}

// extension writes seqd's SELECT NEXT n VALUES FROM s over the extension database (created
// on seqd only by the runner; see extSequences).
func (g *Generator) extension(conn int) []Step {
	s := fmt.Sprintf("%s.x%d", extDB, 1+g.r.IntN(len(extSequences)))
	return []Step{{Conn: conn, Kind: "next n values", Ext: true,
		SQL: fmt.Sprintf("SELECT NEXT %d VALUES FROM %s", 1+g.r.IntN(50), s)}}
}

// extSequences are the sequences of extDB; the runner creates them on seqd, and checks that
// each batch starts past the previous one (they are ascending and cannot run out).
var extSequences = []string{
	"CREATE SEQUENCE " + extDB + ".x1",
	"CREATE SEQUENCE " + extDB + ".x2 START WITH 100 INCREMENT BY 5 CACHE 3",
	"CREATE SEQUENCE " + extDB + ".x3 NOCACHE",
}
