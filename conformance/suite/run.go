package suite

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// Outcome is how one test ended.
type Outcome string

// The outcomes of docs/mariadb-suite.md section 4: mysqltest's exit code 0, 1, 62, anything
// else (or a timeout), and SKIP also for tests the runner does not start.
const (
	Pass  Outcome = "PASS"
	Fail  Outcome = "FAIL"
	Skip  Outcome = "SKIP"
	Error Outcome = "ERROR"
)

// Config says what to run against which target.
type Config struct {
	Addr           string   // target "host:port"
	User, Password string   // account mysqltest connects as; User defaults to root
	Tests          []string // test names (see Resolve); empty means DefaultTests
	MySQLTestDir   string   // defaults to DefaultMySQLTestDir
	OutDir         string   // receives client.cnf and NAME.{result,out,log,reject,diff}
	// VarDir plays mtr's $MYSQLTEST_VARDIR; empty means a fresh directory under OutDir. When
	// the target is local, the directory containing its datadir lets the tests that touch
	// datadir files pass.
	VarDir string
	// Timeout bounds one mysqltest run; zero means 60 s.
	Timeout time.Duration
	// Share reruns failed tests with --continue-on-error to measure the share of expected
	// result lines they reproduce.
	Share bool
	// Progress, if set, receives each result line as soon as it is known.
	Progress io.Writer
}

// Result is the outcome of one test.
type Result struct {
	Test    string
	Outcome Outcome
	Reason  string
	Opts    []string // the .opt options mtr would have applied; a foreign target gets none
	// Expected and Reproduced count the expected result lines and those a
	// --continue-on-error rerun reproduced (in order); both zero unless measured.
	Expected, Reproduced int
}

// String formats the result as "OUTCOME name reason [share] [opts: ...]".
func (r Result) String() string {
	s := string(r.Outcome) + " " + r.Test
	if r.Reason != "" {
		s += " " + r.Reason
	}
	if r.Expected > 0 {
		s += fmt.Sprintf(" (%d/%d expected lines reproduced, %.0f%%)", r.Reproduced, r.Expected,
			100*float64(r.Reproduced)/float64(r.Expected))
	}
	if len(r.Opts) > 0 {
		s += " [opts: " + strings.Join(r.Opts, " ") + "]"
	}
	return s
}

// Report is the outcome of a run.
type Report struct {
	Results []Result
}

// Count returns how many tests ended with o.
func (rep *Report) Count(o Outcome) int {
	n := 0
	for _, r := range rep.Results {
		if r.Outcome == o {
			n++
		}
	}
	return n
}

// Summary is "N passed, N failed, N skipped, N errors".
func (rep *Report) Summary() string {
	return fmt.Sprintf("%d passed, %d failed, %d skipped, %d errors",
		rep.Count(Pass), rep.Count(Fail), rep.Count(Skip), rep.Count(Error))
}

// Passing returns the names of the tests that passed.
func (rep *Report) Passing() []string {
	var names []string
	for _, r := range rep.Results {
		if r.Outcome == Pass {
			names = append(names, r.Test)
		}
	}
	return names
}

// Run runs the tests of cfg one after another with the mysqltest binary bin, recreating the
// test database before each and dropping the databases and users each leaves behind.
func Run(bin string, cfg Config) (*Report, error) {
	r, err := newRun(bin, cfg)
	if err != nil {
		return nil, err
	}
	defer r.admin.close()
	rep := &Report{}
	for _, name := range r.cfg.Tests {
		var res Result
		if t, err := Resolve(r.cfg.MySQLTestDir, name); err != nil {
			res = Result{Test: name, Outcome: Skip, Reason: "(runner: not in this installation)"}
		} else {
			res = r.runTest(t)
		}
		rep.Results = append(rep.Results, res)
		if cfg.Progress != nil {
			fmt.Fprintln(cfg.Progress, res)
		}
	}
	return rep, nil
}

type run struct {
	bin      string
	cfg      Config
	host     string
	port     string
	varTmp   string
	admin    *admin
	snapshot snapshot
}

func newRun(bin string, cfg Config) (*run, error) {
	if cfg.User == "" {
		cfg.User = "root"
	}
	if len(cfg.Tests) == 0 {
		cfg.Tests = DefaultTests
	}
	if cfg.MySQLTestDir == "" {
		cfg.MySQLTestDir = DefaultMySQLTestDir
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 60 * time.Second
	}
	if cfg.VarDir == "" {
		cfg.VarDir = filepath.Join(cfg.OutDir, "var")
	}
	host, port, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("suite: target %q: %w", cfg.Addr, err)
	}
	r := &run{bin: bin, cfg: cfg, host: host, port: port, varTmp: filepath.Join(cfg.VarDir, "tmp")}
	if err := os.MkdirAll(r.varTmp, 0o755); err != nil {
		return nil, err
	}
	if err := r.writeClientCnf(); err != nil {
		return nil, err
	}
	if r.admin, err = dialAdmin(cfg); err != nil {
		return nil, err
	}
	r.snapshot = r.admin.snapshot()
	return r, nil
}

func (r *run) writeClientCnf() error {
	cnf := fmt.Sprintf("[client]\nhost=%s\nport=%s\nuser=%s\nprotocol=tcp\n", r.host, r.port, r.cfg.User)
	if r.cfg.Password != "" {
		cnf += "password=" + r.cfg.Password + "\n"
	}
	cnf += "[mysql]\ndefault-character-set=latin1\n"
	return os.WriteFile(r.clientCnf(), []byte(cnf), 0o644)
}

func (r *run) clientCnf() string { return filepath.Join(r.cfg.OutDir, "client.cnf") }

func (r *run) runTest(t Test) Result {
	env := needs(r.cfg.MySQLTestDir, t)
	res := Result{Test: t.Name, Opts: env.opts}
	if env.skip != "" {
		res.Outcome, res.Reason = Skip, "(runner: "+env.skip+")"
		return res
	}
	if err := r.admin.resetTestDB(); err != nil {
		res.Outcome, res.Reason = Error, "recreating database test: "+err.Error()
		return res
	}
	defer r.admin.dropLeftovers(r.snapshot)
	base := t.FileBase()
	code, out, err := r.mysqltest(t, base, false)
	os.WriteFile(filepath.Join(r.cfg.OutDir, base+".out"), out, 0o644)
	res.Outcome, res.Reason = classify(code, out, err)
	if res.Outcome == Fail {
		r.writeDiff(base)
	}
	// A rerun after a timeout would only time out again.
	if r.cfg.Share && err == nil && (res.Outcome == Fail || res.Outcome == Error) {
		res.Expected, res.Reproduced = r.share(t, base)
	}
	return res
}

// mysqltest runs the real mysqltest on t with the result file copied into the output
// directory as base.result, or base-coe.result for a --continue-on-error rerun.
func (r *run) mysqltest(t Test, base string, continueOnError bool) (int, []byte, error) {
	if continueOnError {
		base += "-coe"
	}
	result := filepath.Join(r.cfg.OutDir, base+".result")
	if err := copyFile(t.ResultFile, result); err != nil {
		return -1, nil, err
	}
	os.Remove(filepath.Join(r.cfg.OutDir, base+".reject"))
	args := []string{"--no-defaults", "--protocol=tcp", "--host=" + r.host, "--port=" + r.port,
		"--user=" + r.cfg.User, "--database=test", "--skip-ssl",
		"--basedir=" + r.cfg.MySQLTestDir + "/", "--suite-dir=" + t.SuiteDir,
		"--test-file=" + t.TestFile, "--result-file=" + result,
		"--tmpdir=" + r.varTmp, "--logdir=" + r.cfg.OutDir,
		"--tail-lines=20", "--max-connect-retries=3"}
	if r.cfg.Password != "" {
		args = append(args, "--password="+r.cfg.Password)
	}
	if continueOnError {
		args = append(args, "--continue-on-error")
	}
	ctx, cancel := context.WithTimeout(context.Background(), r.cfg.Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, r.bin, args...)
	cmd.Dir = r.cfg.MySQLTestDir
	cmd.Env = r.environ()
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		return -1, out, fmt.Errorf("timeout after %v", r.cfg.Timeout)
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode(), out, nil
	}
	return 0, out, err
}

// environ is the environment mtr gives mysqltest (docs/mariadb-suite.md, section 2).
func (r *run) environ() []string {
	cnf := " --defaults-file=" + r.clientCnf()
	return append(os.Environ(),
		"MYSQL_TEST_DIR="+r.cfg.MySQLTestDir,
		"MYSQLTEST_VARDIR="+r.cfg.VarDir,
		"MYSQL_TMP_DIR="+r.varTmp,
		"MASTER_MYPORT="+r.port,
		"MYSQL="+client("mariadb", "mysql")+cnf,
		"MYSQL_DUMP="+client("mariadb-dump", "mysqldump")+cnf,
		"MYSQL_BINLOG="+client("mariadb-binlog", "mysqlbinlog"),
		"MYSQLADMIN="+client("mariadb-admin", "mysqladmin")+cnf,
		"LC_ALL=C",
	)
}

// client returns the path of the first client program found, or the first name.
func client(names ...string) string {
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	return names[0]
}

// classify maps mysqltest's exit code to an outcome and a short reason.
func classify(code int, out []byte, err error) (Outcome, string) {
	switch {
	case err != nil:
		return Error, err.Error()
	case code == 0:
		return Pass, ""
	case code == 1:
		return Fail, findLine(out, "At line ", "mismatch", "")
	case code == 62:
		return Skip, findLine(out, "reason: ", "")
	}
	return Error, fmt.Sprintf("exit code %d: %s", code, findLine(out, "At line ", ""))
}

// findLine returns, trimmed, the first line of out containing the first marker that occurs;
// "" matches any non-empty line. Known prefixes are cut.
func findLine(out []byte, markers ...string) string {
	lines := strings.Split(string(out), "\n")
	for _, m := range markers {
		for _, l := range lines {
			if l = strings.TrimSpace(l); l != "" && strings.Contains(l, m) {
				l = strings.TrimPrefix(l, "mysqltest: ")
				return strings.TrimPrefix(l, "reason: ")
			}
		}
	}
	return ""
}

// writeDiff stores diff -u of the expected result and the reject file, when both exist.
func (r *run) writeDiff(base string) {
	result := filepath.Join(r.cfg.OutDir, base+".result")
	reject := filepath.Join(r.cfg.OutDir, base+".reject")
	if _, err := os.Stat(reject); err != nil {
		return
	}
	out, _ := exec.Command("diff", "-u", result, reject).Output()
	os.WriteFile(filepath.Join(r.cfg.OutDir, base+".diff"), out, 0o644)
}

// share reruns t with --continue-on-error and counts the expected lines its output
// reproduces, in order.
func (r *run) share(t Test, base string) (expected, reproduced int) {
	if err := r.admin.resetTestDB(); err != nil {
		return 0, 0
	}
	r.mysqltest(t, base, true)
	want, err := os.ReadFile(t.ResultFile)
	if err != nil {
		return 0, 0
	}
	got, _ := os.ReadFile(filepath.Join(r.cfg.OutDir, base+"-coe.log"))
	wantLines, gotLines := splitLines(string(want)), splitLines(string(got))
	return len(wantLines), lcsLen(wantLines, gotLines)
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// lcsLen is the length of the longest common subsequence of a and b.
func lcsLen(a, b []string) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			switch {
			case a[i] == b[j]:
				cur[j+1] = prev[j] + 1
			case prev[j+1] >= cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}
