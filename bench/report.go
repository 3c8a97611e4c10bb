package main

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// key names one measurement.
type key struct {
	scenario string
	threads  int
	label    string
}

// results holds every round's rows.
type results struct {
	rows map[key][]row // in round order
}

func newResults() *results { return &results{rows: map[key][]row{}} }

func (r *results) add(round int, scenario string, threads int, label string, rw row) {
	k := key{scenario, threads, label}
	r.rows[k] = append(r.rows[k], rw)
}

// targetRatios are the issues' targets: seqd/MariaDB values/s at 16 connections.
var targetRatios = []struct {
	scenario string
	threads  int
	min      float64
}{
	{"nextval_cache", 16, 1.0},
	{"nextval_nocache", 16, 0.6},
	{"next1000", 16, 5.0},
}

// table renders the results as markdown: per scenario and connection count a MariaDB row and a
// seqd row (medians over rounds), the seqd row with the ratio of values/s, computed within
// each round and then reduced to the median.
func (r *results) table(o options, scs []scenario) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n| scenario | conn | server | stmt/s | values/s | p50 ms | p99 ms | server µs/stmt | other%% | duplicate check | seqd/MariaDB values/s |\n")
	fmt.Fprintf(&b, "|---|---:|---|---:|---:|---:|---:|---:|---:|---|---|\n")
	for _, sc := range scs {
		for _, th := range r.threadsOf(sc.name) {
			for _, label := range []string{"mariadb", "seqd"} {
				rows := r.rows[key{sc.name, th, label}]
				if len(rows) == 0 {
					continue
				}
				ratio := ""
				if label == "seqd" {
					ratio = r.ratioText(sc.name, th)
				}
				fmt.Fprintf(&b, "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
					sc.name, th, label,
					fmtNum(median(floats(rows, func(x row) float64 { return x.stmtPerSec }))),
					fmtNum(median(floats(rows, func(x row) float64 { return x.valsPerSec }))),
					medianText(rows, func(x row) string { return x.p50 }),
					medianText(rows, func(x row) string { return x.p99 }),
					medianText(rows, func(x row) string { return x.srvUs }),
					medianText(rows, func(x row) string { return x.otherPct }),
					checks(rows), ratio)
			}
		}
	}
	b.WriteString("\nScenarios:\n")
	for _, sc := range scs {
		fmt.Fprintf(&b, "- %s: %s\n", sc.name, sc.note)
	}
	b.WriteString("\nTargets (seqd/MariaDB values/s, same round):\n")
	for _, t := range targetRatios {
		rs := r.ratios(t.scenario, t.threads)
		if len(rs) == 0 {
			continue
		}
		m := median(rs)
		verdict := "met"
		if m < t.min {
			verdict = "NOT met"
		}
		fmt.Fprintf(&b, "- %s at %d conn: %.2fx (target >= %.1fx): %s\n", t.scenario, t.threads, m, t.min, verdict)
	}
	return b.String()
}

func (r *results) threadsOf(scenario string) []int {
	seen := map[int]bool{}
	var ths []int
	for k := range r.rows {
		if k.scenario == scenario && !seen[k.threads] {
			seen[k.threads] = true
			ths = append(ths, k.threads)
		}
	}
	sort.Ints(ths)
	return ths
}

// ratios returns seqd/MariaDB values/s of each round that measured both.
func (r *results) ratios(scenario string, threads int) []float64 {
	m, s := r.rows[key{scenario, threads, "mariadb"}], r.rows[key{scenario, threads, "seqd"}]
	var out []float64
	for i := 0; i < len(m) && i < len(s); i++ {
		if m[i].valsPerSec > 0 {
			out = append(out, s[i].valsPerSec/m[i].valsPerSec)
		}
	}
	return out
}

func (r *results) ratioText(scenario string, threads int) string {
	rs := r.ratios(scenario, threads)
	if len(rs) == 0 {
		return "-"
	}
	s := fmt.Sprintf("**%.2fx**", median(rs))
	if len(rs) > 1 {
		parts := make([]string, len(rs))
		for i, x := range rs {
			parts[i] = fmt.Sprintf("%.2f", x)
		}
		s += " (" + strings.Join(parts, " ") + ")"
	}
	return s
}

func floats(rows []row, f func(row) float64) []float64 {
	out := make([]float64, len(rows))
	for i, x := range rows {
		out[i] = f(x)
	}
	return out
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if n := len(s); n%2 == 1 {
		return s[n/2]
	} else {
		return (s[n/2-1] + s[n/2]) / 2
	}
}

// medianText is the median of a numeric text column, "-" when no round has a number.
func medianText(rows []row, f func(row) string) string {
	var xs []float64
	for _, x := range rows {
		if v, err := strconv.ParseFloat(f(x), 64); err == nil {
			xs = append(xs, v)
		}
	}
	if len(xs) == 0 {
		return "-"
	}
	m := median(xs)
	if m >= 100 {
		return fmt.Sprintf("%.0f", m)
	}
	return fmt.Sprintf("%.3g", m)
}

func fmtNum(x float64) string {
	s := strconv.FormatFloat(x, 'f', 0, 64)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// checks summarizes the duplicate checks of the rounds: "ok ×n" or every result.
func checks(rows []row) string {
	var ran []string
	allOK := true
	for _, x := range rows {
		if x.check == "-" || x.check == "" {
			continue
		}
		ran = append(ran, x.check)
		allOK = allOK && strings.HasPrefix(x.check, "ok")
	}
	switch {
	case len(ran) == 0:
		return "-"
	case allOK && len(ran) == 1:
		return ran[0]
	case allOK:
		return fmt.Sprintf("ok ×%d (%s)", len(ran), ran[len(ran)-1])
	}
	return strings.Join(ran, "; ")
}

// machineLine describes the machine the numbers come from.
func machineLine() string {
	return fmt.Sprintf("machine: %s", cpuSummary())
}
