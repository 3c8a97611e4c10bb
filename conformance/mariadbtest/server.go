package mariadbtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/dolthub/vitess/go/mysql"
	"github.com/dolthub/vitess/go/vt/vttls"
)

// MTRArgs are the mariadbd options mtr gives every server (include/default_mysqld.cnf, plus
// --loose-sequence from include/have_sequence.opt) that do not depend on the directory layout.
// Start adds --datadir, --socket, --port, --bind-address, --secure-file-priv and --tmpdir.
var MTRArgs = []string{
	"--character-set-server=latin1",
	"--default-storage-engine=myisam",
	"--max-heap-table-size=1M",
	"--sort-buffer-size=256K",
	"--key-buffer-size=1M",
	"--log-bin-trust-function-creators=1",
	"--use-stat-tables=preferably",
	"--histogram-type=json_hb",
	"--local-infile",
	"--loose-sequence",
}

// Options configure a scratch server.
type Options struct {
	// Args are extra mariadbd options appended after MTRArgs, for example "--log-bin" and
	// "--binlog-format=row" for a target that must report @@log_bin=1.
	Args []string
}

// Server is a running scratch MariaDB. Its methods are not safe for concurrent use.
type Server struct {
	bin     binaries
	varDir  string // scratch root: data/, tmp/, mysqld.err
	port    int
	args    []string // full mariadbd command line after the program name
	proc    *exec.Cmd
	exited  chan struct{} // closed when proc has exited
	stopped bool
}

// errNotInstalled reports a missing MariaDB binary.
var errNotInstalled = errors.New("mariadbtest: MariaDB is not installed")

type binaries struct {
	mariadbd, installDB string
}

// Installed reports whether mariadbd and mariadb-install-db can be found, in PATH or in the
// usual sbin directories. The error names what is missing.
func Installed() error {
	_, err := findBinaries()
	return err
}

func findBinaries() (binaries, error) {
	var b binaries
	var err error
	if b.mariadbd, err = lookPath("mariadbd", "mysqld"); err != nil {
		return b, err
	}
	if b.installDB, err = lookPath("mariadb-install-db", "mysql_install_db"); err != nil {
		return b, err
	}
	return b, nil
}

func lookPath(names ...string) (string, error) {
	for _, name := range names {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
		for _, dir := range []string{"/usr/sbin", "/usr/local/sbin", "/usr/local/mysql/bin"} {
			p := filepath.Join(dir, name)
			if fi, err := os.Stat(p); err == nil && fi.Mode()&0o111 != 0 {
				return p, nil
			}
		}
	}
	return "", fmt.Errorf("%w: %s not found", errNotInstalled, names[0])
}

// Start installs a fresh data directory in a new temporary directory and starts mariadbd on
// it. It returns when the server accepts connections and the mtr-like accounts are in place.
func Start(opts Options) (*Server, error) {
	bin, err := findBinaries()
	if err != nil {
		return nil, err
	}
	varDir, err := os.MkdirTemp("", "mariadbtest")
	if err != nil {
		return nil, err
	}
	s := &Server{bin: bin, varDir: varDir}
	if err := s.install(); err != nil {
		os.RemoveAll(varDir)
		return nil, err
	}
	if err := s.startOnFreePort(opts.Args); err != nil {
		os.RemoveAll(varDir)
		return nil, err
	}
	if err := s.setupAccounts(); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

// Addr returns the server's address, "127.0.0.1:port".
func (s *Server) Addr() string { return net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port)) }

// Port returns the server's TCP port.
func (s *Server) Port() int { return s.port }

// VarDir returns the scratch directory holding data/ and tmp/, the equivalent of mtr's
// $MYSQLTEST_VARDIR.
func (s *Server) VarDir() string { return s.varDir }

// DataDir returns the server's data directory.
func (s *Server) DataDir() string { return filepath.Join(s.varDir, "data") }

// ErrorLog returns the path of the file receiving mariadbd's stdout and stderr.
func (s *Server) ErrorLog() string { return filepath.Join(s.varDir, "mysqld.err") }

func (s *Server) install() error {
	for _, d := range []string{s.DataDir(), filepath.Join(s.varDir, "tmp")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	args := []string{"--no-defaults"}
	args = append(args, userArg()...)
	// a private tmpdir: concurrent installs in /tmp collide on their temporary table names
	args = append(args, "--datadir="+s.DataDir(), "--auth-root-authentication-method=normal", "--tmpdir="+filepath.Join(s.varDir, "tmp"))
	out, err := exec.Command(s.bin.installDB, args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("mariadbtest: %s: %v\n%s", s.bin.installDB, err, out)
	}
	return nil
}

// userArg returns --user=root when running as root: mariadbd refuses to run as root otherwise.
func userArg() []string {
	if os.Geteuid() == 0 {
		return []string{"--user=root"}
	}
	return nil
}

// startOnFreePort picks a port and starts the server, retrying with another port when the
// chosen one was taken in the meantime.
func (s *Server) startOnFreePort(extra []string) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		if s.port, err = freePort(); err != nil {
			return err
		}
		s.args = s.commandLine(extra)
		if err = s.start(); err == nil || !strings.Contains(s.logTail(), "Bind on TCP/IP port") {
			return err
		}
	}
	return err
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func (s *Server) commandLine(extra []string) []string {
	args := []string{"--no-defaults"}
	args = append(args, userArg()...)
	args = append(args,
		"--datadir="+s.DataDir(),
		"--socket="+filepath.Join(s.DataDir(), "mysqld.sock"),
		"--port="+strconv.Itoa(s.port),
		"--bind-address=127.0.0.1",
		"--secure-file-priv="+s.varDir,
		// Its own tmpdir, as mtr gives: mariadbd deletes the #sql* files it finds in its
		// tmpdir at startup, so servers sharing /tmp remove each other's temporary tables
		// (which then fail with 1017 "Can't find file").
		"--tmpdir="+filepath.Join(s.varDir, "tmp"),
	)
	args = append(args, MTRArgs...)
	return append(args, extra...)
}

// start launches mariadbd with s.args and waits until it accepts connections.
func (s *Server) start() error {
	logf, err := os.OpenFile(s.ErrorLog(), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer logf.Close()
	cmd := exec.Command(s.bin.mariadbd, s.args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = sysProcAttr()
	if err := cmd.Start(); err != nil {
		return err
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	s.proc, s.exited = cmd, exited
	if err := s.waitReady(60 * time.Second); err != nil {
		s.kill()
		return err
	}
	return nil
}

func (s *Server) waitReady(timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		select {
		case <-s.exited:
			return fmt.Errorf("mariadbtest: mariadbd exited during startup:\n%s", s.logTail())
		default:
		}
		conn, err := s.connect()
		if err == nil {
			conn.Close()
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("mariadbtest: mariadbd not ready after %v: %v\n%s", timeout, err, s.logTail())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// connect opens a root connection to the server.
func (s *Server) connect() (*mysql.Conn, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return mysql.Connect(ctx, &mysql.ConnParams{
		Host: "127.0.0.1", Port: s.port, Uname: "root", Charset: "latin1",
		SslMode: vttls.Disabled, ConnectTimeoutMs: 5000,
	})
}

// setupAccounts does what mtr's bootstrap leaves undone compared with mariadb-install-db:
// no anonymous accounts, no PUBLIC privileges on test and test\_%, and a test database.
func (s *Server) setupAccounts() error {
	conn, err := s.connect()
	if err != nil {
		return err
	}
	defer conn.Close()
	qr, err := conn.ExecuteFetch("SELECT user, host FROM mysql.user WHERE user = ''", 1000, false)
	if err != nil {
		return fmt.Errorf("mariadbtest: listing anonymous users: %w", err)
	}
	var stmts []string
	for _, row := range qr.Rows {
		stmts = append(stmts, fmt.Sprintf("DROP USER ''@'%s'", row[1].ToString()))
	}
	stmts = append(stmts,
		"REVOKE ALL PRIVILEGES ON test.* FROM PUBLIC",
		"REVOKE ALL PRIVILEGES ON `test\\_%`.* FROM PUBLIC",
		"CREATE DATABASE IF NOT EXISTS test",
	)
	for _, q := range stmts {
		if _, err := conn.ExecuteFetch(q, 0, false); err != nil && !isNoSuchGrant(err) {
			return fmt.Errorf("mariadbtest: %s: %w", q, err)
		}
	}
	return nil
}

// isNoSuchGrant reports ER_NONEXISTING_GRANT (1141), which a REVOKE of a grant that is not
// there returns.
func isNoSuchGrant(err error) bool {
	var se *mysql.SQLError
	return errors.As(err, &se) && se.Num == 1141
}

// Restart stops the server cleanly (SIGTERM, then SIGKILL after 60 s) and starts it again on
// the same data directory, port and options.
func (s *Server) Restart() error {
	if err := s.signalAndWait(syscall.SIGTERM, 60*time.Second); err != nil {
		return err
	}
	return s.start()
}

// Crash kills the server with SIGKILL and starts it again on the same data directory, port
// and options, like mtr's kill_mysqld.inc followed by start_mysqld.inc.
func (s *Server) Crash() error {
	s.kill()
	return s.start()
}

func (s *Server) signalAndWait(sig syscall.Signal, timeout time.Duration) error {
	if s.proc == nil {
		return nil
	}
	if err := s.proc.Process.Signal(sig); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return err
	}
	select {
	case <-s.exited:
		return nil
	case <-time.After(timeout):
		s.kill()
		return fmt.Errorf("mariadbtest: mariadbd ignored %v for %v; killed it", sig, timeout)
	}
}

func (s *Server) kill() {
	if s.proc == nil {
		return
	}
	s.proc.Process.Kill()
	<-s.exited
	s.proc = nil
}

// Stop kills the server and removes its directory. It is safe to call more than once.
func (s *Server) Stop() error {
	if s.stopped {
		return nil
	}
	s.stopped = true
	s.kill()
	return os.RemoveAll(s.varDir)
}

// logTail returns the last lines of the server's error log.
func (s *Server) logTail() string {
	b, _ := os.ReadFile(s.ErrorLog())
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > 20 {
		lines = lines[len(lines)-20:]
	}
	return strings.Join(lines, "\n")
}
