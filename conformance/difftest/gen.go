package difftest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// Step is one statement of the stream.
type Step struct {
	Conn int    // connection it runs on, 0..Conns-1
	SQL  string // empty for a restart
	Kind string // what the generator meant to write; groups divergences
	// Sorted compares the rows as a set: MariaDB does not specify their order.
	Sorted bool
	// Ext marks seqd's extension SELECT NEXT n VALUES: not compared (MariaDB: syntax error).
	Ext bool
	// Restart restarts both servers cleanly.
	Restart bool
	// Unit numbers the generator's statement groups (a transaction, a stretch under
	// sql_mode=ORACLE). A repro keeps or drops a group whole: a BEGIN without its COMMIT would
	// leave locks that make the other connections wait.
	Unit int

	apply func(m *model) // how the statement changed the objects when MariaDB ran it
}

func (s Step) String() string {
	if s.Restart {
		return "# restart both servers"
	}
	return fmt.Sprintf("[conn%d] %s;", s.Conn+1, s.SQL)
}

// objKind is what a name in the test database holds.
type objKind int

const (
	kSeq     objKind = iota + 1 // a sequence
	kTable                      // a table with a DEFAULT NEXT VALUE FOR column
	kAutoInc                    // an AUTO_INCREMENT table
	kPlain                      // any other table
)

// model is the generator's picture of the test database, kept in step with what MariaDB
// reported, so that most statements name objects that exist.
type model struct {
	objs   map[string]objKind
	temps  [Conns]map[string]bool // temporary sequences per connection
	oracle [Conns]bool            // sql_mode=ORACLE on the connection
	ext    int                    // extension sequences created in extDB
}

func newModel() *model {
	m := &model{objs: map[string]objKind{}}
	for i := range m.temps {
		m.temps[i] = map[string]bool{}
	}
	return m
}

// Generator writes a seeded random stream of statements.
type Generator struct {
	r        *rand.Rand
	m        *model
	queue    []Step
	restarts bool
	units    int
}

// Name pools. Sequences, tables with a sequence default and AUTO_INCREMENT tables use
// separate names most of the time, but any name may be used for any object, so that
// statements meet the wrong kind of object too.
var (
	seqNames   = []string{"s1", "s2", "s3", "s4"}
	tableNames = []string{"t1", "t2"}
	aiNames    = []string{"a1", "a2"}
	allNames   = slices.Concat(seqNames, tableNames, aiNames, []string{"nope"})
)

// NewGenerator returns a generator for seed. With restarts, the stream includes clean
// restarts of both servers.
func NewGenerator(seed uint64, restarts bool) *Generator {
	return &Generator{r: rand.New(rand.NewPCG(seed, seed^0x5e9d5e9d)), m: newModel(), restarts: restarts}
}

// Next returns the next statement.
func (g *Generator) Next() Step {
	if len(g.queue) == 0 {
		g.queue = g.scenario()
		g.units++
		for i := range g.queue {
			g.queue[i].Unit = g.units
		}
	}
	s := g.queue[0]
	g.queue = g.queue[1:]
	return s
}

// Observe tells the generator whether MariaDB ran s without error.
func (g *Generator) Observe(s Step, ok bool) {
	if ok && s.apply != nil {
		s.apply(g.m)
	}
}

// restartApply is what a restart does to the model: the session state is gone.
func restartApply(m *model) {
	for i := range m.temps {
		m.temps[i] = map[string]bool{}
		m.oracle[i] = false
	}
}

type genFunc func(g *Generator, conn int) []Step

// scenarios are the kinds of statement groups with their weights.
var scenarios = []struct {
	weight int
	gen    genFunc
}{
	{14, (*Generator).createSequence},
	{6, (*Generator).alterSequence},
	{4, (*Generator).dropSequence},
	{28, (*Generator).selectValues},
	{6, (*Generator).setval},
	{3, (*Generator).doStatement},
	{5, (*Generator).selectSequenceTable},
	{3, (*Generator).insertSequence},
	{2, (*Generator).modifySequence},
	{5, (*Generator).show},
	{2, (*Generator).infoSchema},
	{3, (*Generator).createDefaultTable},
	{7, (*Generator).useDefaultTable},
	{2, (*Generator).createAutoInc},
	{4, (*Generator).useAutoInc},
	{1, (*Generator).flush},
	{2, (*Generator).oracle},
	{2, (*Generator).misc},
	{1, (*Generator).transaction},
	{1, (*Generator).extension},
}

func (g *Generator) scenario() []Step {
	conn := g.conn()
	if g.restarts && g.r.IntN(1000) == 0 {
		return []Step{{Restart: true, Kind: "restart", apply: restartApply}}
	}
	total := 0
	for _, s := range scenarios {
		total += s.weight
	}
	n := g.r.IntN(total)
	for _, s := range scenarios {
		if n < s.weight {
			return s.gen(g, conn)
		}
		n -= s.weight
	}
	panic("unreachable")
}

func (g *Generator) conn() int {
	switch n := g.r.IntN(20); {
	case n < 12:
		return 0
	case n < 17:
		return 1
	default:
		return 2
	}
}

// step builds a one-statement scenario.
func step(conn int, kind, sql string, apply func(m *model)) []Step {
	return []Step{{Conn: conn, SQL: sql, Kind: kind, apply: apply}}
}

func (g *Generator) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }
func (g *Generator) chance(pct int) bool     { return g.r.IntN(100) < pct }

// names lists the names holding kind (sequences: also this connection's temporary ones).
func (g *Generator) names(conn int, kind objKind) []string {
	var out []string
	for n, k := range g.m.objs {
		if k == kind {
			out = append(out, n)
		}
	}
	if kind == kSeq {
		for n := range g.m.temps[conn] {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// existing picks an object of kind, or most of the time a name from pool when there is
// none; now and then any name at all.
func (g *Generator) existing(conn int, kind objKind, pool []string) string {
	if g.chance(6) {
		return g.pick(allNames)
	}
	if ns := g.names(conn, kind); len(ns) > 0 && g.chance(90) {
		return g.pick(ns)
	}
	return g.pick(pool)
}

// seqRef is how a statement names a sequence: plain, quoted or qualified.
func (g *Generator) seqRef(conn int) string {
	return g.spellName(g.existing(conn, kSeq, seqNames))
}

func (g *Generator) spellName(n string) string {
	switch g.r.IntN(10) {
	case 0:
		return "`" + n + "`"
	case 1:
		return testDB + "." + n
	case 2:
		return strings.ToUpper(n)
	}
	return n
}

// number returns an integer literal: small most of the time, else a boundary of BIGINT or
// of a smaller integer type, now and then a spelling MariaDB may reject.
func (g *Generator) number() string {
	switch n := g.r.IntN(100); {
	case n < 55:
		return fmt.Sprint(g.r.IntN(41) - 20)
	case n < 90:
		return g.pick(boundaries)
	case n < 95:
		return "+" + fmt.Sprint(g.r.IntN(10))
	default:
		return g.pick([]string{"1.5", "'5'", "1e3", "0x10", "-0", "NULL", "1+1", "- 3"})
	}
}

var boundaries = []string{
	"9223372036854775807", "9223372036854775806", "9223372036854775805", "9223372036854775808",
	"-9223372036854775808", "-9223372036854775807", "-9223372036854775806", "-9223372036854775809",
	"18446744073709551615", "18446744073709551616", "0", "1", "-1", "127", "-128", "128",
	"255", "32767", "-32768", "65535", "8388607", "16777215", "2147483647", "-2147483648",
	"4294967295", "1000", "100000", "4611686018427387903", "4611686018427387904",
}

// smallNumber is a value likely to fall inside a small sequence's range.
func (g *Generator) smallNumber() string { return fmt.Sprint(g.r.IntN(31) - 10) }

// kw spells a keyword phrase in upper or lower case.
func (g *Generator) kw(s string) string {
	if g.chance(30) {
		return strings.ToLower(s)
	}
	return s
}
