// Command difftest runs the random differential test of package difftest: a seeded stream of
// sequence statements against a scratch MariaDB 10.11 and an in-process seqd, printing the
// agreement and every divergence with a minimal repro.
//
//	go run ./conformance/cmd/difftest -n 20000 -seed 42
//	go run ./conformance/cmd/difftest -replay repro.sql     # statements as the report prints them
//	go run ./conformance/cmd/difftest -mariadb 127.0.0.1:3399 -seqd 127.0.0.1:3480 -restarts=false
//
// It exits 1 when the agreement is below -min or an extension check failed, 2 on a failure of
// the run itself.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/seqd/seqd/conformance/difftest"
	"github.com/seqd/seqd/conformance/mariadbtest"
)

type options struct {
	n               int
	seed            uint64
	restarts, quiet bool
	minimize        int
	budget          time.Duration
	replay          string
	mariaAt, seqdAt string
	trace           string
}

func main() {
	var o options
	flag.IntVar(&o.n, "n", 5000, "statements to generate")
	flag.Uint64Var(&o.seed, "seed", 0, "generator seed (0: derived from the time)")
	flag.BoolVar(&o.restarts, "restarts", true, "restart both servers now and then (needs servers this command starts)")
	flag.IntVar(&o.minimize, "minimize", 40, "divergence groups to reduce to a minimal repro")
	flag.DurationVar(&o.budget, "minimize-time", 20*time.Second, "time spent reducing one divergence")
	minPct := flag.Float64("min", 0, "exit 1 below this agreement, in percent")
	flag.BoolVar(&o.quiet, "q", false, "no progress lines")
	flag.StringVar(&o.replay, "replay", "", "run the statements of this file on both servers and print both answers")
	flag.StringVar(&o.mariaAt, "mariadb", "", "use the MariaDB at host:port instead of a scratch one (its test database is recreated)")
	flag.StringVar(&o.seqdAt, "seqd", "", "use the seqd at host:port instead of an in-process one")
	flag.StringVar(&o.trace, "trace", "", "write every generated statement to this file")
	flag.Parse()
	if o.seed == 0 {
		o.seed = uint64(time.Now().UnixNano())
	}
	rep, err := run(o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "difftest:", err)
		os.Exit(2)
	}
	if rep == nil {
		return
	}
	fmt.Print(rep.String())
	if rep.Agreement() < *minPct || len(rep.ExtProblems) > 0 {
		os.Exit(1)
	}
}

// remote is a server this command did not start: it cannot restart it.
type remote string

func (r remote) Addr() string { return string(r) }
func (r remote) Restart() error {
	return fmt.Errorf("cannot restart %s: not started by difftest (use -restarts=false)", string(r))
}

func run(o options) (rep *difftest.Report, err error) {
	var maria, seqd difftest.Server
	if o.mariaAt != "" {
		maria = remote(o.mariaAt)
	} else {
		srv, merr := mariadbtest.Start(mariadbtest.Options{})
		if merr != nil {
			return nil, merr
		}
		defer srv.Stop()
		maria = srv
	}
	if o.seqdAt != "" {
		seqd = remote(o.seqdAt)
	} else {
		dir, derr := os.MkdirTemp("", "difftest-seqd")
		if derr != nil {
			return nil, derr
		}
		defer os.RemoveAll(dir)
		srv, serr := difftest.StartSeqd(dir)
		if serr != nil {
			return nil, serr
		}
		defer func() { err = errors.Join(err, srv.Close()) }()
		seqd = srv
	}
	fmt.Fprintf(os.Stderr, "# MariaDB at %s, seqd at %s\n", maria.Addr(), seqd.Addr())
	if o.replay != "" {
		f, err := os.Open(o.replay)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		steps, err := difftest.ParseSteps(f)
		if err != nil {
			return nil, err
		}
		return nil, difftest.Replay(maria, seqd, steps, os.Stdout)
	}
	cfg := difftest.Config{N: o.n, Seed: o.seed, Restarts: o.restarts, Minimize: o.minimize, MinimizeTime: o.budget}
	if !o.quiet {
		cfg.Progress = func(s string) { fmt.Fprintln(os.Stderr, "#", s) }
	}
	if o.trace != "" {
		f, err := os.Create(o.trace)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		cfg.Trace = f
	}
	fmt.Fprintf(os.Stderr, "# seed %d\n", o.seed)
	return difftest.Run(maria, seqd, cfg)
}
