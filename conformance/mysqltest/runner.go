package mysqltest

import (
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"time"
)

// Target is a server a test runs against.
type Target interface {
	// Addr returns the server's "host:port".
	Addr() string
	// Restart stops the server cleanly and starts it again on the same data. Addr may
	// return a different address afterwards.
	Restart() error
}

// RestartDirective is the comment that makes the runner restart the target, reconnecting
// every open connection afterwards. Real mysqltest ignores it like any other comment.
const RestartDirective = "# seqd: restart"

// Options configure a run.
type Options struct {
	// User and Password of the default connection; User defaults to root.
	User, Password string
	// Database of the default connection; it defaults to test.
	Database string
	// ContinueOnError keeps going after a failure, like mysqltest --continue-on-error: the
	// output gets a "mysqltest: At line N: ..." line for each failure, and all failures are
	// reported together at the end.
	ContinueOnError bool
	// IncludeDirs are searched, after the directory of the sourcing file, by --source.
	IncludeDirs []string
	// Env holds variables looked up after the test's own and before the process
	// environment. $MASTER_MYPORT is always the target's port.
	Env map[string]string
	// Timeout bounds the wait for one statement's results; zero means 60 s.
	Timeout time.Duration
}

// Error is a run's failure: what mysqltest would have died with, or with ContinueOnError all
// the failures.
type Error struct {
	Failures []string // "file:line: message"
}

func (e *Error) Error() string { return strings.Join(e.Failures, "\n") }

// Run runs the test file at path against target and returns what mysqltest would write into
// the .result file. On failure it returns the output up to the failure (everything with
// ContinueOnError) and an *Error.
func Run(target Target, path string, opts Options) (string, error) {
	r := newRunner(target, opts)
	if err := r.rd.push(path); err != nil {
		return "", err
	}
	defer r.closeAll()
	err := r.connectDefault()
	if err == nil {
		err = r.loop()
	}
	if err == nil && len(r.failures) > 0 {
		err = &Error{Failures: r.failures}
	}
	return r.out.String(), err
}

// errExit stops the loop without failure.
var errExit = errors.New("exit")

type runner struct {
	target   Target
	opts     Options
	rd       reader
	out      strings.Builder
	delim    string
	conns    []*conn
	cur      *conn
	vars     map[string]string
	props    [numProps]bool
	once     map[int]bool // values of properties changed ONCE, restored after the next query
	vertical bool
	// disableColumnNames is set by disable_column_names.
	disableColumnNames bool
	parsingDisabled    bool
	f                  filters
	expected           []expectedErr // set by --error for the next command
	executed           int           // commands run so far that reset the filters
	sendNext           bool          // a bare "send": the next query is only sent
	failures           []string
	// failMsgs are the failure lines ContinueOnError writes into the output, waiting for the
	// output of the failing command.
	failMsgs strings.Builder
}

// The properties that enable_X/disable_X toggle, possibly ONCE.
const (
	pDisableQueryLog = iota
	pDisableResultLog
	pDisableWarnings
	pMetadata
	pAbortOnError
	pDisableConnectLog
	numProps
)

func newRunner(target Target, opts Options) *runner {
	if opts.User == "" {
		opts.User = "root"
	}
	if opts.Database == "" {
		opts.Database = "test"
	}
	if opts.Timeout == 0 {
		opts.Timeout = 60 * time.Second
	}
	r := &runner{target: target, opts: opts, delim: ";", vars: map[string]string{}, once: map[int]bool{}}
	r.props[pAbortOnError] = true
	return r
}

func (r *runner) connectDefault() error {
	c := &conn{name: "default", timeout: r.opts.Timeout,
		params: connParams{user: r.opts.User, password: r.opts.Password, db: r.opts.Database}}
	var err error
	if c.c, err = dial(r.target.Addr(), c.params); err != nil {
		return &Error{Failures: []string{fmt.Sprintf("Could not open connection 'default': %v", err)}}
	}
	r.conns = append(r.conns, c)
	r.setCurrent(c)
	return nil
}

func (r *runner) setCurrent(c *conn) {
	r.cur = c
	r.vars["CURRENT_CONNECTION"] = c.name
}

func (r *runner) closeAll() {
	for _, c := range r.conns {
		c.close()
	}
}

// loop reads and runs commands until the end of the file, exit, or a fatal error.
func (r *runner) loop() error {
	for {
		raw, ok, err := r.rd.next(r.delim)
		if err != nil {
			return &Error{Failures: append(r.failures, err.Error())}
		}
		if !ok {
			return nil
		}
		if err := r.step(raw); err != nil {
			if err == errExit {
				return nil
			}
			return err
		}
	}
}

// step runs one command with mysqltest's bookkeeping around it: expected errors apply to the
// next command only, and the output filters are cleared once a command has executed.
func (r *runner) step(raw rawCommand) error {
	cmd, err := r.classify(raw)
	if err != nil {
		return err
	}
	if r.parsingDisabled && cmd.name != "enable_parsing" && cmd.name != "disable_parsing" {
		cmd.kind = kindComment
	}
	cmd.abortOnError = len(cmd.expected) == 0 && r.props[pAbortOnError]
	executed := r.executed
	err = r.dispatch(cmd)
	r.flushFailures()
	if cmd.kind != kindError && cmd.kind != kindComment {
		r.expected = nil
	}
	if r.executed != executed || cmd.usedReplace {
		r.f = filters{}
	}
	return err
}

// fatal stops the run: mysqltest's die.
func (r *runner) fatal(cmd *command, format string, args ...any) error {
	r.failures = append(r.failures, cmd.where()+": "+fmt.Sprintf(format, args...))
	return &Error{Failures: r.failures}
}

// fail is mysqltest's report_or_die: fatal, unless ContinueOnError, where the run goes on
// and the output gets the line mysqltest --continue-on-error writes there.
func (r *runner) fail(cmd *command, format string, args ...any) error {
	if !r.opts.ContinueOnError {
		return r.fatal(cmd, format, args...)
	}
	msg := fmt.Sprintf(format, args...)
	r.failures = append(r.failures, cmd.where()+": "+msg)
	r.failMsgs.WriteString(r.f.apply(fmt.Sprintf("mysqltest: At line %d: %s\n", cmd.raw.line, msg)))
	return nil
}

func (r *runner) flushFailures() {
	r.out.WriteString(r.failMsgs.String())
	r.failMsgs.Reset()
}

// setProp sets property p, for the next query only when arg is ONCE.
func (r *runner) setProp(p int, val bool, arg string) {
	if arg == "ONCE" {
		if _, ok := r.once[p]; !ok {
			r.once[p] = r.props[p]
		}
	} else {
		delete(r.once, p)
	}
	r.props[p] = val
}

func (r *runner) revertOnce() {
	for p, v := range r.once {
		r.props[p] = v
		delete(r.once, p)
	}
}

// lookupVar returns a variable: the test's own, then Options.Env, then the environment.
func (r *runner) lookupVar(name string) string {
	if v, ok := r.vars[name]; ok {
		return v
	}
	if name == "MASTER_MYPORT" {
		if _, port, err := net.SplitHostPort(r.target.Addr()); err == nil {
			return port
		}
	}
	if v, ok := r.opts.Env[name]; ok {
		return v
	}
	return os.Getenv(name)
}

// eval is mysqltest's do_eval: $name is replaced by the variable's value; \$, \\ and \" stand
// for the character after the backslash.
func (r *runner) eval(s string) (string, error) {
	var b strings.Builder
	escaped := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '$' && !escaped:
			j := i + 1
			for j < len(s) && isVarChar(s[j]) {
				j++
			}
			if j == i+1 {
				return "", fmt.Errorf("empty variable in %q", s)
			}
			b.WriteString(r.lookupVar(s[i+1 : j]))
			i = j - 1
		case c == '\\' && !escaped && i+1 < len(s) && (s[i+1] == '\\' || s[i+1] == '$' || s[i+1] == '"'):
			escaped = true
			continue
		default:
			b.WriteByte(c)
		}
		escaped = false
	}
	return b.String(), nil
}
