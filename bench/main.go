// Command bench measures seqd side by side with MariaDB 10.11 and prints the ratios.
//
//	go run ./bench            # quick: 1 round, 3 s per measurement (about 3 minutes)
//	go run ./bench -full      # 3 rounds, 10 s per measurement (about 20 minutes)
//
// It builds seqd, starts it and a scratch MariaDB (mtr-like options, InnoDB with
// innodb_flush_log_at_trx_commit=1, no binary log) on free loopback ports with temporary data
// directories, and drives both with sysbench through run.sh and seqbench.lua. Every measurement
// (scenario × connections) runs on both servers back to back, alternating which goes first, so a
// ratio always compares two runs taken seconds apart on the same machine. With more than one
// round the table shows medians over rounds and each round's ratio.
//
// The machine is shared and noisy: read ratios, not absolute numbers, and look at the per-round
// spread and the other% column (CPU used by neither the server nor sysbench).
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// scenario is one row group of the table: the run.sh scenario each server runs, and the
// connection counts.
type scenario struct {
	name    string // row label
	seqd    string // run.sh scenario on seqd
	mariadb string // run.sh scenario on MariaDB
	threads []int
	note    string
}

var scenarios = []scenario{
	{"select1", "select1", "select1", []int{1, 16}, "SELECT 1"},
	{"insert_ai", "insert_ai", "insert_ai", []int{1, 16}, "INSERT, AUTO_INCREMENT id, autocommit"},
	{"nextval_cache", "nextval_cache", "nextval_cache", []int{1, 16, 64}, "SELECT NEXT VALUE FOR s, CACHE 1000"},
	{"nextval_nocache", "nextval_nocache", "nextval_nocache", []int{1, 16, 64}, "SELECT NEXT VALUE FOR s, NOCACHE"},
	{"next1000", "range1000_cache", "batch1000_cache", []int{1, 16}, "seqd: SELECT NEXT 1000 VALUES FROM s; MariaDB: SELECT NEXTVAL(s) FROM seq_1_to_1000 (values/s)"},
}

type options struct {
	rounds           int
	dur, warm, vdur  int
	out              string
	only             map[string]bool
	threads          []int // nil: each scenario's own
	seqdBin          string
	mariadbArgs      []string
	verifyMariaDBSeq bool
}

func main() {
	var (
		full      = flag.Bool("full", false, "full mode: 3 rounds of 10 s measurements (default: quick, 1 round of 3 s)")
		rounds    = flag.Int("rounds", 0, "rounds (default 1 quick, 3 full)")
		dur       = flag.Int("dur", 0, "measured seconds per run (default 3 quick, 10 full)")
		warm      = flag.Int("warm", 0, "warm-up seconds per run (default 1 quick, 2 full)")
		vdur      = flag.Int("vdur", 0, "seconds of each duplicate-check run (default 2 quick, 3 full)")
		out       = flag.String("out", "", "directory for raw logs and the table (default: a new temporary directory)")
		only      = flag.String("scenarios", "", "comma-separated subset of: "+scenarioNames())
		threads   = flag.String("threads", "", "comma-separated connection counts instead of each scenario's own")
		seqdBin   = flag.String("seqd", "", "seqd binary to run instead of building the module's")
		verifyMDB = flag.Bool("verify-mariadb-batch", false, "also run the duplicate check of MariaDB's seq_1_to_1000 batch (slow)")
	)
	flag.Parse()
	o := options{rounds: 1, dur: 3, warm: 1, vdur: 2, seqdBin: *seqdBin, verifyMariaDBSeq: *verifyMDB}
	if *full {
		o.rounds, o.dur, o.warm, o.vdur = 3, 10, 2, 3
	}
	for _, p := range []struct {
		dst *int
		v   int
	}{{&o.rounds, *rounds}, {&o.dur, *dur}, {&o.warm, *warm}, {&o.vdur, *vdur}} {
		if p.v > 0 {
			*p.dst = p.v
		}
	}
	if *only != "" {
		o.only = map[string]bool{}
		for _, n := range strings.Split(*only, ",") {
			o.only[strings.TrimSpace(n)] = true
		}
	}
	if *threads != "" {
		for _, t := range strings.Split(*threads, ",") {
			var n int
			if _, err := fmt.Sscan(strings.TrimSpace(t), &n); err != nil || n < 1 {
				fatalf("bad -threads %q", *threads)
			}
			o.threads = append(o.threads, n)
		}
	}
	o.out = *out
	if err := run(o); err != nil {
		fatalf("%v", err)
	}
}

func scenarioNames() string {
	var ns []string
	for _, s := range scenarios {
		ns = append(ns, s.name)
	}
	return strings.Join(ns, ",")
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
	os.Exit(1)
}

func run(o options) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	if err := checkTools(); err != nil {
		return err
	}
	if o.out == "" {
		if o.out, err = os.MkdirTemp("", "seqd-bench-"); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return err
	}
	logf("output in %s", o.out)
	if o.seqdBin == "" {
		o.seqdBin = filepath.Join(o.out, "seqd")
		logf("building seqd")
		if err := buildSeqd(root, o.seqdBin); err != nil {
			return err
		}
	}
	targets, stop, err := startServers(o)
	defer stop()
	stopOnSignal(stop)
	if err != nil {
		return err
	}
	noise := []string{"at start: " + machineNoise(o.out)}
	res := newResults()
	start := time.Now()
	for r := 1; r <= o.rounds; r++ {
		for _, sc := range scenarios {
			if o.only != nil && !o.only[sc.name] {
				continue
			}
			ths := sc.threads
			if o.threads != nil {
				ths = o.threads
			}
			for _, th := range ths {
				order := targets
				if (r+th)%2 == 0 { // alternate which server goes first
					order = []*target{targets[1], targets[0]}
				}
				for _, t := range order {
					row, err := runOne(root, o, r, sc, th, t)
					if err != nil {
						return err
					}
					res.add(r, sc.name, th, t.label, row)
					logf("round %d/%d %-16s %2d conn %-7s %12.0f values/s  p50 %s ms  p99 %s ms  %s",
						r, o.rounds, sc.name, th, t.label, row.valsPerSec, row.p50, row.p99, row.check)
				}
			}
		}
	}
	noise = append(noise, "at end: "+machineNoise(o.out))
	table := res.table(o, scenarios)
	fmt.Print(table)
	meta := fmt.Sprintf("\n%s; %d round(s), %d s runs (%d s warm-up), took %s; raw logs in %s\n%s\n",
		machineLine(), o.rounds, o.dur, o.warm, time.Since(start).Round(time.Second), o.out,
		strings.Join(noise, "\n"))
	fmt.Print(meta)
	return os.WriteFile(filepath.Join(o.out, "table.md"), []byte(table+meta), 0o644)
}

// stopOnSignal stops the servers and exits on SIGINT or SIGTERM. It also turns a closed stdout
// (go run ./bench | head) from death by SIGPIPE into a failed write, so the servers are stopped.
func stopOnSignal(stop func()) {
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGPIPE)
	go func() {
		for sig := range sigs {
			if sig == syscall.SIGPIPE {
				continue
			}
			logf("%v: stopping the servers", sig)
			stop()
			os.Exit(1)
		}
	}()
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
}
