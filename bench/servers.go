package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/seqd/seqd/conformance/mariadbtest"
)

// mariadbArgs make the scratch MariaDB durable the way performance.md section 1 measured it:
// tables and sequences in InnoDB, every commit flushed, no binary log. They follow mtr's options
// (mariadbtest.MTRArgs), which would otherwise make MyISAM the default engine.
var mariadbArgs = []string{
	"--default-storage-engine=InnoDB",
	"--innodb-flush-log-at-trx-commit=1",
	"--skip-log-bin",
	"--max-connections=500",
}

// seqdArgs are the options the issues start seqd with.
var seqdArgs = []string{"--character-set-server=latin1", "--default-storage-engine=MyISAM"}

// target is a server under test.
type target struct {
	label string // "mariadb" or "seqd"
	host  string
	port  int
	pid   int // for the server-CPU columns; 0 if unknown
}

func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("run bench from inside the seqd module")
	}
	return filepath.Dir(mod), nil
}

func checkTools() error {
	for _, tool := range []string{"sysbench", "awk", "sort"} {
		if _, err := exec.LookPath(tool); err != nil {
			return fmt.Errorf("%s is not installed", tool)
		}
	}
	if _, err := exec.LookPath("mariadb"); err != nil {
		if _, err := exec.LookPath("mysql"); err != nil {
			return errors.New("the mariadb (or mysql) client is not installed")
		}
	}
	return mariadbtest.Installed()
}

func buildSeqd(root, bin string) error {
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = root
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build: %w", err)
	}
	return nil
}

// startServers starts MariaDB and seqd. stop stops whatever was started, also on error; it may
// be called more than once and from any goroutine.
func startServers(o options) (targets []*target, stop func(), err error) {
	var (
		mu    sync.Mutex
		stops []func()
	)
	add := func(f func()) {
		mu.Lock()
		stops = append(stops, f)
		mu.Unlock()
	}
	stop = func() {
		mu.Lock()
		defer mu.Unlock()
		for i := len(stops) - 1; i >= 0; i-- {
			stops[i]()
		}
		stops = nil
	}
	logf("starting MariaDB")
	m, err := mariadbtest.Start(mariadbtest.Options{Args: mariadbArgs})
	if err != nil {
		return nil, stop, err
	}
	add(func() { _ = m.Stop() })
	targets = append(targets, &target{label: "mariadb", host: "127.0.0.1", port: m.Port(), pid: pidOfCmdline("--datadir=" + m.DataDir())})
	logf("starting seqd")
	s, err := startSeqd(o.seqdBin, filepath.Join(o.out, "seqd-data"), filepath.Join(o.out, "seqd.log"))
	if err != nil {
		return nil, stop, err
	}
	add(s.stop)
	targets = append(targets, s.target)
	for _, t := range targets {
		logf("%s on %s:%d (pid %d)", t.label, t.host, t.port, t.pid)
	}
	return targets, stop, nil
}

type seqdProc struct {
	target *target
	cmd    *exec.Cmd
	done   chan struct{}
}

var readyRE = regexp.MustCompile(`ready for connections on ([0-9.]+):([0-9]+)`)

// startSeqd starts seqd on a free port (--port=0) and reads the port from its ready line.
func startSeqd(bin, dataDir, logPath string) (*seqdProc, error) {
	_ = os.RemoveAll(dataDir)
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	defer logFile.Close()
	args := append([]string{"--port=0", "--datadir=" + dataDir}, seqdArgs...)
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = sysProcAttr()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &seqdProc{cmd: cmd, done: make(chan struct{})}
	go func() { _ = cmd.Wait(); close(p.done) }()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		b, _ := os.ReadFile(logPath)
		if m := readyRE.FindSubmatch(b); m != nil {
			port, _ := strconv.Atoi(string(m[2]))
			p.target = &target{label: "seqd", host: string(m[1]), port: port, pid: cmd.Process.Pid}
			return p, nil
		}
		select {
		case <-p.done:
			return nil, fmt.Errorf("seqd exited:\n%s", b)
		case <-time.After(50 * time.Millisecond):
		}
	}
	p.stop()
	return nil, errors.New("seqd did not become ready in 30 s")
}

func (p *seqdProc) stop() {
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(20 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
}

// pidOfCmdline returns the pid of the process whose command line contains arg, or 0.
func pidOfCmdline(arg string) int {
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil {
			continue
		}
		for _, a := range bytes.Split(b, []byte{0}) {
			if string(a) == arg {
				return pid
			}
		}
	}
	return 0
}

// runOne runs one scenario at one connection count on one server through run.sh and returns
// its results.tsv row.
func runOne(root string, o options, round int, sc scenario, threads int, t *target) (row, error) {
	name := sc.seqd
	if t.label == "mariadb" {
		name = sc.mariadb
	}
	dir := filepath.Join(o.out, fmt.Sprintf("r%d", round), t.label, fmt.Sprintf("%s_t%d", sc.name, threads))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return row{}, err
	}
	cmd := exec.Command(filepath.Join(root, "bench", "run.sh"), t.host, strconv.Itoa(t.port), dir)
	env := append(os.Environ(),
		"SCENARIOS="+name,
		"THREADS_MANY="+strconv.Itoa(threads), "THREADS_FEW="+strconv.Itoa(threads),
		"DUR="+strconv.Itoa(o.dur), "WARM="+strconv.Itoa(o.warm), "VDUR="+strconv.Itoa(o.vdur),
		"SERVER_PID=")
	if t.pid > 0 {
		env[len(env)-1] = "SERVER_PID=" + strconv.Itoa(t.pid)
	}
	if t.label == "mariadb" && strings.HasPrefix(name, "batch") && !o.verifyMariaDBSeq {
		env = append(env, "NOVERIFY=1")
	}
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = nil, &stderr
	if err := cmd.Run(); err != nil {
		return row{}, fmt.Errorf("run.sh %s %d conn on %s: %w\n%s", name, threads, t.label, err, stderr.String())
	}
	return readRow(filepath.Join(dir, "results.tsv"))
}

// row is one line of run.sh's results.tsv.
type row struct {
	stmtPerSec, valsPerSec float64
	p50, p99               string // ms, as sysbench's histogram prints them
	srvUs, otherPct        string
	check                  string
}

func readRow(path string) (row, error) {
	f, err := os.Open(path)
	if err != nil {
		return row{}, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	var hdr []string
	for sc.Scan() {
		fs := strings.Split(sc.Text(), "\t")
		if hdr == nil {
			hdr = fs
			continue
		}
		get := func(col string) string {
			for i, h := range hdr {
				if h == col && i < len(fs) {
					return fs[i]
				}
			}
			return "-"
		}
		r := row{p50: get("p50_ms"), p99: get("p99_ms"), srvUs: get("srv_us_per_stmt"),
			otherPct: get("other_pct"), check: get("check")}
		r.stmtPerSec, _ = strconv.ParseFloat(get("stmt_s"), 64)
		r.valsPerSec, _ = strconv.ParseFloat(get("vals_s"), 64)
		return r, nil
	}
	return row{}, fmt.Errorf("%s: no result row", path)
}

// cpuSummary is the CPU count and model.
func cpuSummary() string {
	model := "?"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(l, "model name") {
				model = strings.TrimSpace(l[strings.Index(l, ":")+1:])
				break
			}
		}
	}
	return fmt.Sprintf("%d CPUs (%s)", runtime.NumCPU(), model)
}

// machineNoise reports what disturbs the comparison: the load average, and the median latency
// of an append plus fsync in dir (seqd's NOCACHE and INSERT results follow it; MariaDB's
// NEXTVAL does not fsync).
func machineNoise(dir string) string {
	load := "?"
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		load = strings.Join(strings.Fields(string(b))[:3], " ")
	}
	return fmt.Sprintf("load average %s, fsync of a 100-byte append %s (median of 200)", load, fsyncLatency(dir))
}

func fsyncLatency(dir string) string {
	f, err := os.CreateTemp(dir, "fsync-probe-")
	if err != nil {
		return "?"
	}
	defer os.Remove(f.Name())
	defer f.Close()
	buf := make([]byte, 100)
	ds := make([]time.Duration, 200)
	for i := range ds {
		t := time.Now()
		if _, err := f.Write(buf); err != nil {
			return "?"
		}
		if err := f.Sync(); err != nil {
			return "?"
		}
		ds[i] = time.Since(t)
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return fmt.Sprintf("%.3f ms", float64(ds[len(ds)/2])/1e6)
}
