package difftest

import (
	"fmt"
	"strings"
)

// Sequence DDL: CREATE, ALTER and DROP SEQUENCE with random subsets, orders and spellings of
// the options, coherent most of the time so that the sequences get used, and now and then
// out of range or malformed.

// option is one sequence option before it is spelled: name is start, increment, minvalue,
// maxvalue, cache or cycle; val is a number, or "no" (NO MINVALUE, NOCACHE, NOCYCLE), or
// "yes" for CYCLE.
type option struct{ name, val string }

const int64Max = "9223372036854775806" // the largest MAXVALUE MariaDB accepts

// optionValues picks a profile and returns its options in random order, some left out.
func (g *Generator) optionValues() []option {
	var opts []option
	add := func(name string, val any) { opts = append(opts, option{name, fmt.Sprint(val)}) }
	cache := func() {
		if g.chance(50) {
			add("cache", g.pick([]string{"0", "1", "2", "3", "5", "1000"}))
		} else if g.chance(30) {
			add("cache", "no")
		}
	}
	cycle := func() {
		switch g.r.IntN(3) {
		case 0:
			add("cycle", "yes")
		case 1:
			add("cycle", "no")
		}
	}
	switch g.r.IntN(9) {
	case 0, 1, 2: // a small range, ascending (2 in 3) or descending
		step, width, lo := 1+g.r.IntN(3), 1+g.r.IntN(15), g.r.IntN(7)-3
		if g.chance(33) { // descending: the top of the range near 0
			step, lo = -step, lo-width
		}
		hi := lo + width
		add("increment", step)
		add("minvalue", lo)
		add("maxvalue", hi)
		add("start", lo+g.r.IntN(hi-lo+1))
		cache()
		cycle()
	case 3: // defaults, perhaps a start or a cache
		if g.chance(40) {
			add("start", g.smallNumber())
		}
		cache()
	case 4: // at the top of BIGINT
		add("start", "922337203685477580"+fmt.Sprint(g.r.IntN(7)))
		add("increment", 1+g.r.IntN(3))
		if g.chance(50) {
			add("maxvalue", int64Max)
		}
		cache()
		cycle()
	case 5: // at the bottom of BIGINT
		add("start", "-922337203685477580"+fmt.Sprint(g.r.IntN(7)))
		add("increment", -1-g.r.IntN(3))
		if g.chance(50) {
			add("minvalue", "-9223372036854775807")
		}
		cache()
		cycle()
	case 6: // INCREMENT 0: auto_increment_increment
		add("increment", 0)
		if g.chance(50) {
			add("maxvalue", 5+g.r.IntN(10))
		}
		cache()
		cycle()
	default: // anything
		for _, name := range []string{"start", "increment", "minvalue", "maxvalue", "cache"} {
			if g.chance(50) {
				add(name, g.number())
			}
		}
		if g.chance(20) {
			add(g.pick([]string{"minvalue", "maxvalue"}), "no")
		}
		cycle()
	}
	var kept []option
	for _, o := range opts {
		if !g.chance(15) {
			kept = append(kept, o)
		}
	}
	g.r.Shuffle(len(kept), func(i, j int) { kept[i], kept[j] = kept[j], kept[i] })
	return kept
}

// spell writes an option in one of MariaDB's spellings.
func (g *Generator) spell(o option) string {
	if o.val == "no" {
		switch o.name {
		case "minvalue", "maxvalue":
			return g.kw(g.pick([]string{"NO ", "NO"}) + strings.ToUpper(o.name))
		case "cache":
			return g.kw("NOCACHE")
		case "cycle":
			return g.kw(g.pick([]string{"NOCYCLE", "NO CYCLE"}))
		}
	}
	if o.name == "cycle" {
		return g.kw("CYCLE")
	}
	var forms []string
	switch o.name {
	case "start":
		forms = []string{"START WITH %s", "START %s", "START=%s", "START = %s"}
	case "increment":
		forms = []string{"INCREMENT BY %s", "INCREMENT %s", "INCREMENT=%s", "INCREMENT = %s"}
	case "minvalue":
		forms = []string{"MINVALUE %s", "MINVALUE=%s", "MINVALUE = %s"}
	case "maxvalue":
		forms = []string{"MAXVALUE %s", "MAXVALUE=%s", "MAXVALUE = %s"}
	case "cache":
		forms = []string{"CACHE %s", "CACHE=%s", "CACHE = %s"}
	case "restart":
		if o.val == "" {
			return g.kw("RESTART")
		}
		forms = []string{"RESTART WITH %s", "RESTART %s", "RESTART=%s", "RESTART = %s"}
	}
	return fmt.Sprintf(g.kw(g.pick(forms)), o.val)
}

// optionText spells opts, now and then with a mistake MariaDB rejects.
func (g *Generator) optionText(opts []option, alter bool) string {
	var parts []string
	for _, o := range opts {
		parts = append(parts, g.spell(o))
	}
	if len(parts) > 0 && g.chance(4) { // a repeated option: CREATE takes it, ALTER does not
		parts = append(parts, parts[g.r.IntN(len(parts))])
	}
	sep := " "
	switch n := g.r.IntN(100); {
	case n < 2:
		sep = ", "
	case n < 3:
		parts = append(parts, g.pick([]string{"START WITH = 5", "AS INT", "AS BIGINT UNSIGNED",
			"AS TINYINT", "AS SMALLINT UNSIGNED", "MINVALUE -", "CACHE -1", "INCREMENT BY"}))
	case n < 4 && !alter:
		parts = append(parts, g.kw("RESTART"))
	}
	return strings.Join(parts, sep)
}

// tableOptions are the table options CREATE SEQUENCE takes after the sequence options.
func (g *Generator) tableOptions() string {
	var parts []string
	if g.chance(20) {
		parts = append(parts, g.pick([]string{"ENGINE=MyISAM", "ENGINE=InnoDB", "ENGINE=Aria",
			"engine=myisam", "ENGINE MyISAM", "ENGINE=MEMORY", "ENGINE=nosuch"}))
	}
	if g.chance(10) {
		parts = append(parts, g.pick([]string{"COMMENT='a comment'", "COMMENT 'c'", "comment='it''s'"}))
	}
	if g.chance(4) {
		parts = append(parts, g.pick([]string{"MAX_ROWS=10", "MIN_ROWS=1", "MAX_ROWS=1 MIN_ROWS=1"}))
	}
	if g.chance(2) {
		parts = append(parts, g.pick([]string{"AS INT", "AS BIGINT", "AS INT UNSIGNED", "AS TINYINT SIGNED"}))
	}
	g.r.Shuffle(len(parts), func(i, j int) { parts[i], parts[j] = parts[j], parts[i] })
	return strings.Join(parts, " ")
}

func (g *Generator) createSequence(conn int) []Step {
	name := g.pick(seqNames)
	if g.chance(5) {
		name = g.pick(allNames)
	}
	temp := g.chance(15)
	var head string
	switch n := g.r.IntN(10); {
	case n < 5:
		head = "CREATE"
	case n < 8:
		head = "CREATE OR REPLACE"
	default:
		head = "CREATE"
	}
	if temp {
		head += " TEMPORARY"
	}
	head += " SEQUENCE"
	ifNotExists := strings.HasPrefix(head, "CREATE SEQUENCE") && g.chance(25) ||
		strings.HasPrefix(head, "CREATE TEMPORARY") && g.chance(25)
	if ifNotExists {
		head += " IF NOT EXISTS"
	}
	sql := strings.TrimSpace(strings.Join([]string{g.kw(head), g.spellName(name),
		g.optionText(g.optionValues(), false), g.tableOptions()}, " "))
	sql = strings.Join(strings.Fields(sql), " ")
	return step(conn, "create sequence", sql, func(m *model) {
		if temp {
			m.temps[conn][name] = true
		} else if _, ok := m.objs[name]; !ok || !ifNotExists {
			m.objs[name] = kSeq
		}
	})
}

func (g *Generator) alterSequence(conn int) []Step {
	name := g.existing(conn, kSeq, seqNames)
	head := "ALTER SEQUENCE"
	if g.chance(20) {
		head += " IF EXISTS"
	}
	var opts []option
	if g.chance(40) {
		o := option{name: "restart"}
		if g.chance(70) {
			o.val = g.smallNumber()
			if g.chance(10) {
				o.val = g.number()
			}
		}
		opts = append(opts, o)
	}
	for _, o := range g.optionValues() {
		if len(opts) < 3 && g.chance(50) {
			opts = append(opts, o)
		}
	}
	g.r.Shuffle(len(opts), func(i, j int) { opts[i], opts[j] = opts[j], opts[i] })
	text := g.optionText(opts, true)
	if g.chance(10) {
		text += " " + g.pick([]string{"ENGINE=InnoDB", "COMMENT='x'", "ENGINE=MyISAM"})
	}
	return step(conn, "alter sequence", strings.TrimSpace(g.kw(head)+" "+g.spellName(name)+" "+text), nil)
}

func (g *Generator) dropSequence(conn int) []Step {
	head := "DROP"
	temp := g.chance(15)
	if temp {
		head += " TEMPORARY"
	}
	head += " SEQUENCE"
	if g.chance(30) {
		head += " IF EXISTS"
	}
	names := []string{g.existing(conn, kSeq, seqNames)}
	for g.chance(25) {
		names = append(names, g.pick(allNames))
	}
	spelled := make([]string, len(names))
	for i, n := range names {
		spelled[i] = g.spellName(n)
	}
	return step(conn, "drop sequence", g.kw(head)+" "+strings.Join(spelled, ", "), func(m *model) {
		for _, n := range names {
			if m.temps[conn][n] {
				delete(m.temps[conn], n)
			} else if !temp && m.objs[n] == kSeq {
				delete(m.objs, n)
			}
		}
	})
}
