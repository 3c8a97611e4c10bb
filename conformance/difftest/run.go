package difftest

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Config is one differential run.
type Config struct {
	N        int    // statements to generate
	Seed     uint64 // generator seed
	Restarts bool   // include clean restarts of both servers in the stream
	// Minimize is the number of divergence groups reduced to a minimal repro (the rest are
	// reported with their statement only); MinimizeTime bounds the work for each.
	Minimize     int
	MinimizeTime time.Duration
	// Progress, when set, is called now and then with a line about the run.
	Progress func(string)
	// Trace, when set, receives every statement before it runs, as ParseSteps reads it.
	Trace io.Writer
}

// Divergence is a group of statements on which the servers disagreed: same kind of
// statement, same kind of difference, same error numbers. The fields describe the first.
type Divergence struct {
	Group   string
	Count   int   // statements in the group
	Index   int   // 1-based number of the first statement in the stream
	Indexes []int // the numbers of all its statements
	Step    Step  // the first statement
	MariaDB *Outcome
	Seqd    *Outcome
	// Repro is a minimal statement history ending with a statement that diverges, and
	// ReproMariaDB/ReproSeqd what the servers answered to that last statement in it.
	// Minimized is false when the group was not reduced (Config.Minimize) or the reduction
	// ran out of time, in which case Repro is the full history when it was checked.
	Repro                   []Step
	ReproMariaDB, ReproSeqd *Outcome
	Minimized               bool
}

// Report is the result of a run.
type Report struct {
	Seed        uint64
	Compared    int // statements compared
	Agreed      int // statements on which the servers agreed
	Excluded    int // seqd extension statements, not compared
	Restarts    int
	Divergences []*Divergence
	// ExtProblems lists failures of the extension statements' own checks.
	ExtProblems []string
	// Lost lists the statements on which MariaDB lost the connection (it crashed, closed the
	// connection or hung). They are not compared: after each, both servers were restarted.
	Lost    []LostStatement
	Elapsed time.Duration
}

// LostStatement is a statement MariaDB did not answer, with what seqd answered.
type LostStatement struct {
	Index   int // 1-based number in the stream
	Step    Step
	MariaDB string // the client's error
	Seqd    *Outcome
}

// Agreement is the share of compared statements the servers agreed on, in percent.
func (r *Report) Agreement() float64 {
	if r.Compared == 0 {
		return 100
	}
	return 100 * float64(r.Agreed) / float64(r.Compared)
}

// Summary is the one-line result.
func (r *Report) Summary() string {
	return fmt.Sprintf("difftest: seed %d: %d/%d statements agree (%.3f%%), %d divergence groups, %d excluded (seqd extension), %d not compared (MariaDB lost the connection), %d restarts, %v",
		r.Seed, r.Agreed, r.Compared, r.Agreement(), len(r.Divergences), r.Excluded, len(r.Lost), r.Restarts, r.Elapsed.Round(time.Millisecond))
}

// String is the summary and every divergence with its repro.
func (r *Report) String() string {
	var b strings.Builder
	b.WriteString(r.Summary() + "\n")
	for i, d := range r.Divergences {
		fmt.Fprintf(&b, "\n--- divergence %d: %s (%d statements, first is #%d)\n", i+1, d.Group, d.Count, d.Index)
		fmt.Fprintf(&b, "statement: %s\n", d.Step)
		if len(d.Indexes) > 1 {
			fmt.Fprintf(&b, "all: %s\n", numbers(d.Indexes, 30))
		}
		if len(d.Repro) > 0 {
			state := "minimal repro"
			if !d.Minimized {
				state = "repro (not minimized)"
			}
			fmt.Fprintf(&b, "%s, %d statements:\n", state, len(d.Repro))
			for _, s := range d.Repro {
				b.WriteString("  " + s.String() + "\n")
			}
			writeOutcomes(&b, d.ReproMariaDB, d.ReproSeqd)
		} else {
			writeOutcomes(&b, d.MariaDB, d.Seqd)
		}
	}
	for _, p := range r.ExtProblems {
		b.WriteString("\nextension: " + p + "\n")
	}
	for _, l := range r.Lost {
		fmt.Fprintf(&b, "\n--- not compared: MariaDB lost the connection at #%d (both servers restarted)\nstatement: %s\nMariaDB: %s\nseqd:\n%s\n",
			l.Index, l.Step, l.MariaDB, indent(l.Seqd.String()))
	}
	return b.String()
}

func writeOutcomes(b *strings.Builder, m, s *Outcome) {
	fmt.Fprintf(b, "MariaDB:\n%s\nseqd:\n%s\n", indent(m.String()), indent(s.String()))
}

func indent(s string) string { return "  " + strings.ReplaceAll(s, "\n", "\n  ") }

// runner holds the two servers during a run.
type runner struct {
	maria, seqd *side
	history     []Step
	extLast     map[string]int64 // last batch start per extension sequence
}

// Run generates cfg.N statements, runs each on both servers and compares the outcomes.
// maria must be a MariaDB 10.11 and seqd a seqd, both started with latin1 and MyISAM as
// defaults; the test database of both is dropped and recreated.
func Run(maria, seqd Server, cfg Config) (*Report, error) {
	start := time.Now()
	r := &runner{maria: newSide("MariaDB", maria), seqd: newSide("seqd", seqd), extLast: map[string]int64{}}
	defer r.maria.close()
	defer r.seqd.close()
	if err := r.reset(); err != nil {
		return nil, err
	}
	if err := r.setupExt(); err != nil {
		return nil, err
	}
	rep := &Report{Seed: cfg.Seed}
	groups := map[string]*Divergence{}
	g := NewGenerator(cfg.Seed, cfg.Restarts)
	for i := 1; i <= cfg.N; i++ {
		st := g.Next()
		if cfg.Trace != nil {
			fmt.Fprintln(cfg.Trace, st)
		}
		switch {
		case st.Restart:
			if err := r.restart(); err != nil {
				return nil, err
			}
			rep.Restarts++
			g.Observe(st, true)
			r.history = append(r.history, st)
			continue
		case st.Ext:
			rep.Excluded++
			if p, err := r.runExt(st); err != nil {
				return nil, err
			} else if p != "" {
				rep.ExtProblems = append(rep.ExtProblems, fmt.Sprintf("#%d %s: %s", i, st, p))
			}
			continue
		}
		mo, so, err := r.exec(st)
		if err != nil {
			return nil, fmt.Errorf("statement #%d: %w\nafter:\n%s", i, err, tail(r.history, 20))
		}
		// A lost connection restarted both servers (runner.exec); the history keeps the
		// statement, so that a replay restarts them at the same point.
		r.history = append(r.history, st)
		if mo.Lost != "" {
			g.Observe(st, false)
			g.Observe(Step{Restart: true, apply: restartApply}, true)
			rep.Lost = append(rep.Lost, LostStatement{Index: i, Step: st, MariaDB: mo.Lost, Seqd: so})
			continue
		}
		g.Observe(st, mo.Err == nil)
		if so.Lost != "" {
			g.Observe(Step{Restart: true, apply: restartApply}, true)
		}
		rep.Compared++
		class := Diff(mo, so)
		if class == "" {
			rep.Agreed++
		} else {
			key := groupKey(st, class, mo, so)
			if d := groups[key]; d != nil {
				d.Count++
				d.Indexes = append(d.Indexes, i)
			} else {
				d := &Divergence{Group: key, Count: 1, Index: i, Indexes: []int{i}, Step: st, MariaDB: mo, Seqd: so,
					Repro: append([]Step(nil), r.history...)}
				groups[key] = d
				rep.Divergences = append(rep.Divergences, d)
			}
		}
		if cfg.Progress != nil && i%1000 == 0 {
			cfg.Progress(fmt.Sprintf("%d statements, %d agree, %d groups, %v", i, rep.Agreed, len(groups), time.Since(start).Round(time.Second)))
		}
	}
	for i, d := range rep.Divergences {
		if i >= cfg.Minimize {
			d.Repro = nil
			continue
		}
		if cfg.Progress != nil {
			cfg.Progress(fmt.Sprintf("minimizing %d/%d: %s", i+1, min(cfg.Minimize, len(rep.Divergences)), d.Group))
		}
		if err := r.minimize(d, cfg.MinimizeTime); err != nil {
			return nil, err
		}
	}
	rep.Elapsed = time.Since(start)
	return rep, nil
}

// numbers lists the first n of xs as #1, #2, ...
func numbers(xs []int, n int) string {
	var parts []string
	for _, x := range xs[:min(n, len(xs))] {
		parts = append(parts, "#"+strconv.Itoa(x))
	}
	if len(xs) > n {
		parts = append(parts, "...")
	}
	return strings.Join(parts, ", ")
}

// tail lists the last n statements of hist.
func tail(hist []Step, n int) string {
	var b strings.Builder
	for _, st := range hist[max(0, len(hist)-n):] {
		b.WriteString("  " + st.String() + "\n")
	}
	return b.String()
}

// groupKey groups divergences: the statement kind, the kind of difference and, for errors,
// both error numbers.
func groupKey(st Step, class string, mo, so *Outcome) string {
	key := st.Kind + " / " + class
	if class == "error" {
		key += " / MariaDB " + errNum(mo) + ", seqd " + errNum(so)
	}
	return key
}

func errNum(o *Outcome) string {
	if o.Err == nil {
		return "ok"
	}
	return strconv.Itoa(o.Err.Num)
}

func (r *runner) reset() error {
	if err := r.maria.reset(); err != nil {
		return err
	}
	return r.seqd.reset()
}

func (r *runner) restart() error {
	if err := r.maria.restart(); err != nil {
		return err
	}
	return r.seqd.restart()
}

// exec runs a statement on both servers. When either loses the connection, both are
// restarted, so that they go on from the same point: the session state (LASTVAL, temporary
// sequences, sql_mode) is gone on both and the sequences continue from their persisted
// state. A server this run did not start cannot be restarted: the run fails.
func (r *runner) exec(st Step) (mo, so *Outcome, err error) {
	if mo, err = r.maria.exec(st.Conn, st.SQL, st.Sorted); err != nil {
		return nil, nil, err
	}
	if so, err = r.seqd.exec(st.Conn, st.SQL, st.Sorted); err != nil {
		return nil, nil, err
	}
	if mo.Lost != "" || so.Lost != "" {
		if err := r.restart(); err != nil {
			return nil, nil, fmt.Errorf("restarting after a lost connection (%s): %w", st, err)
		}
	}
	return mo, so, nil
}

// setupExt creates the extension database on seqd only.
func (r *runner) setupExt() error {
	c, err := r.seqd.dial("")
	if err != nil {
		return err
	}
	defer c.Close()
	for _, q := range append([]string{"DROP DATABASE IF EXISTS " + extDB, "CREATE DATABASE " + extDB}, extSequences...) {
		if _, err := c.ExecuteFetch(q, 0, false); err != nil {
			return fmt.Errorf("seqd: %s: %w", q, err)
		}
	}
	return nil
}

// runExt runs an extension statement: MariaDB must reject it as a syntax error, seqd must
// return one value past the previous batch of the same sequence. It returns what is wrong.
func (r *runner) runExt(st Step) (string, error) {
	mo, so, err := r.exec(st)
	if err != nil {
		return "", err
	}
	if mo.Err == nil || mo.Err.Num != 1064 {
		return "MariaDB did not answer with a syntax error: " + mo.String(), nil
	}
	if so.Err != nil || so.Lost != "" || len(so.Rows) != 1 || len(so.Rows[0]) != 1 {
		return "seqd: " + so.String(), nil
	}
	v, err := strconv.ParseInt(so.Rows[0][0], 10, 64)
	if err != nil {
		return "seqd returned " + so.Rows[0][0], nil
	}
	seq := st.SQL[strings.LastIndex(st.SQL, " ")+1:]
	last, seen := r.extLast[seq]
	r.extLast[seq] = v
	if seen && v <= last {
		return fmt.Sprintf("seqd returned %d after %d", v, last), nil
	}
	return "", nil
}
