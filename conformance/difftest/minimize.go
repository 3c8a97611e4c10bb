package difftest

import (
	"regexp"
	"strings"
	"time"
)

// Reducing a divergence to a minimal repro: replay candidate histories on freshly reset
// servers (new test database, new connections) and keep the smallest one after which the
// last statement still diverges.

// maxReplays bounds the replays spent on one divergence, on top of the time budget.
const maxReplays = 400

// minimize replaces d.Repro (the full history ending with d's statement) by a minimal one.
func (r *runner) minimize(d *Divergence, budget time.Duration) error {
	hist, last := d.Repro[:len(d.Repro)-1], d.Repro[len(d.Repro)-1]
	m := &minimizer{r: r, last: last, group: d.Group, deadline: time.Now().Add(budget)}
	// First the statements that share names with the divergent one (transitively), plus
	// those naming no object (SET, FLUSH TABLES, transactions, restarts), from the recent
	// past, where most divergences start; then all of them; then the whole history.
	var candidates [][]Step
	for _, n := range []int{60, 250} {
		if n < len(hist) {
			candidates = append(candidates, related(hist[len(hist)-n:], last))
		}
	}
	candidates = append(candidates, related(hist, last), hist)
	for _, c := range candidates {
		ok, err := m.test(c)
		if err != nil {
			return err
		}
		if ok {
			reduced, err := m.ddmin(c)
			if err != nil {
				return err
			}
			d.Minimized = !m.exhausted()
			if _, err := m.test(reduced); err != nil { // the outcomes of the final repro
				return err
			}
			d.Repro = append(reduced, last)
			d.ReproMariaDB, d.ReproSeqd = m.mo, m.so
			return nil
		}
		if m.exhausted() {
			break
		}
	}
	// It does not reproduce from a fresh start (or there was no time to tell): report the
	// statement with what it answered in the run.
	d.Repro, d.Minimized = nil, false
	return nil
}

type minimizer struct {
	r        *runner
	last     Step
	group    string // the divergence must stay in this group
	deadline time.Time
	replays  int
	mo, so   *Outcome // outcomes of the last statement in the latest reproducing replay
}

func (m *minimizer) exhausted() bool {
	return m.replays >= maxReplays || time.Now().After(m.deadline)
}

// test replays hist on reset servers and reports whether the last statement diverges in the
// same way (same group) as in the run.
func (m *minimizer) test(hist []Step) (bool, error) {
	m.replays++
	if err := m.r.reset(); err != nil {
		return false, err
	}
	for _, st := range hist {
		if st.Restart {
			if err := m.r.restart(); err != nil {
				return false, err
			}
			continue
		}
		if _, _, err := m.r.exec(st); err != nil {
			return false, err
		}
	}
	mo, so, err := m.r.exec(m.last)
	if err != nil {
		return false, err
	}
	if mo.Lost != "" {
		return false, nil
	}
	if class := Diff(mo, so); class == "" || groupKey(m.last, class, mo, so) != m.group {
		return false, nil
	}
	m.mo, m.so = mo, so
	return true, nil
}

// ddmin is Zeller's delta debugging over the history's statement groups (Step.Unit): it
// returns a subsequence after which the last statement still diverges and from which no
// single chunk of groups can be removed.
func (m *minimizer) ddmin(steps []Step) ([]Step, error) {
	units, err := m.ddminUnits(groupUnits(steps))
	return flatten(units), err
}

// groupUnits splits steps into runs of the same Unit.
func groupUnits(steps []Step) [][]Step {
	var units [][]Step
	for i, st := range steps {
		if i == 0 || st.Unit == 0 || st.Unit != steps[i-1].Unit {
			units = append(units, nil)
		}
		units[len(units)-1] = append(units[len(units)-1], st)
	}
	return units
}

func flatten(units [][]Step) []Step {
	var out []Step
	for _, u := range units {
		out = append(out, u...)
	}
	return out
}

func (m *minimizer) ddminUnits(items [][]Step) ([][]Step, error) {
	if len(items) == 0 {
		return items, nil
	}
	if ok, err := m.test(nil); err != nil || ok {
		return nil, err
	}
	n := 2
	for len(items) >= 2 && !m.exhausted() {
		chunk := (len(items) + n - 1) / n
		reduced := false
		for start := 0; start < len(items) && !m.exhausted(); start += chunk {
			end := min(start+chunk, len(items))
			complement := append(append([][]Step(nil), items[:start]...), items[end:]...)
			ok, err := m.test(flatten(complement))
			if err != nil {
				return nil, err
			}
			if ok {
				items, reduced = complement, true
				n = max(n-1, 2)
				break
			}
		}
		if !reduced {
			if n >= len(items) {
				break
			}
			n = min(2*n, len(items))
		}
	}
	return items, nil
}

var namePattern = regexp.MustCompile(`(?i)\b(s[1-4]|t[12]|a[12]|nope)\b`)

// names lists the pool names a statement mentions.
func stepNames(st Step) []string {
	var out []string
	for _, n := range namePattern.FindAllString(st.SQL, -1) {
		out = append(out, strings.ToLower(n))
	}
	return out
}

// related keeps the statements of hist that mention a name the last statement depends on,
// following names transitively backwards, and the statements that name no object.
func related(hist []Step, last Step) []Step {
	want := map[string]bool{}
	for _, n := range stepNames(last) {
		want[n] = true
	}
	keep := make([]bool, len(hist))
	for i := len(hist) - 1; i >= 0; i-- {
		names := stepNames(hist[i])
		if len(names) == 0 {
			keep[i] = true
			continue
		}
		for _, n := range names {
			if want[n] {
				keep[i] = true
				break
			}
		}
		if keep[i] {
			for _, n := range names {
				want[n] = true
			}
		}
	}
	keepUnit := map[int]bool{}
	for i, st := range hist {
		if keep[i] && st.Unit != 0 {
			keepUnit[st.Unit] = true
		}
	}
	var out []Step
	for i, st := range hist {
		if keep[i] || keepUnit[st.Unit] && st.Unit != 0 {
			out = append(out, st)
		}
	}
	return out
}
