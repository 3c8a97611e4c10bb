package durability

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/dolthub/vitess/go/mysql"
	"github.com/dolthub/vitess/go/vt/vttls"

	// NB: the tests run a seqd binary they build themselves, so nothing they import would
	// tell go test's cache that the server changed. This import does: a change to the server's
	// packages invalidates cached results of this package.
	_ "github.com/seqd/seqd/sqlengine"
)

var seedFlag = flag.Uint64("seed", 0, "seed for randomised kill points (0: pick one and log it)")

// binDir holds the seqd binary built for this test run.
var (
	binDir   string
	buildOne sync.Once
	binPath  string
	buildErr error
)

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// seqdBinary builds the seqd binary once per test run and returns its path.
func seqdBinary(t testing.TB) string {
	t.Helper()
	buildOne.Do(func() {
		if binDir, buildErr = os.MkdirTemp("", "seqd-durability"); buildErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "seqd")
		cmd := exec.Command("go", "build", "-o", binPath, "github.com/seqd/seqd")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build github.com/seqd/seqd: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// newRand returns the random source of a test and logs its seed.
func newRand(t testing.TB) *rand.Rand {
	seed := *seedFlag
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (replay with -seed %d)", seed, seed)
	return rand.New(rand.NewPCG(seed, seed))
}

// server is a seqd process on 127.0.0.1. Its methods are not safe for concurrent use, except
// Addr while the server is running.
type server struct {
	t       testing.TB
	bin     string
	dataDir string
	logPath string
	args    []string // extra options

	mu     sync.Mutex // guards port
	port   int
	cmd    *exec.Cmd
	exited chan struct{} // closed when cmd has exited
	status error         // cmd.Wait's result, valid once exited is closed
}

// startServer starts seqd on a new data directory and stops it when t ends. Extra options
// follow the defaults (latin1 is seqd's default already).
func startServer(t testing.TB, args ...string) *server {
	t.Helper()
	dir := t.TempDir()
	s := &server{
		t: t, bin: seqdBinary(t), args: args,
		dataDir: filepath.Join(dir, "data"), logPath: filepath.Join(dir, "seqd.log"),
	}
	t.Cleanup(func() {
		s.kill()
		if t.Failed() {
			t.Logf("seqd log (tail):\n%s", s.logTail(60))
		}
	})
	if err := s.start(); err != nil {
		t.Fatal(err)
	}
	return s
}

// Addr is the server's address, "127.0.0.1:port". It changes at every start.
func (s *server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port))
}

// start launches seqd on a free port and waits until it answers a query. It retries with
// another port when the chosen one was taken in between.
func (s *server) start() error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		if err = s.startOnce(); err == nil || !strings.Contains(err.Error(), "address already in use") {
			return err
		}
	}
	return err
}

func (s *server) startOnce() error {
	port, err := freePort()
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.port = port
	s.mu.Unlock()
	logf, err := os.OpenFile(s.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer logf.Close()
	fmt.Fprintf(logf, "--- durability test: starting seqd on port %d\n", port)
	args := append([]string{"--port=" + strconv.Itoa(port), "--bind-address=127.0.0.1", "--datadir=" + s.dataDir}, s.args...)
	cmd := exec.Command(s.bin, args...)
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = sysProcAttr()
	if err := cmd.Start(); err != nil {
		return err
	}
	s.cmd, s.exited = cmd, make(chan struct{})
	go func(exited chan struct{}) { s.status = cmd.Wait(); close(exited) }(s.exited)
	if err := s.waitReady(30 * time.Second); err != nil {
		s.kill()
		return err
	}
	return nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// waitReady polls until the server answers SELECT 1, it exits, or timeout passes.
func (s *server) waitReady(timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		select {
		case <-s.exited:
			return fmt.Errorf("seqd exited during startup (%v):\n%s", s.status, s.logTail(20))
		default:
		}
		c, err := dial(s.Addr(), "root", "", "")
		if err == nil {
			_, err = c.ExecuteFetch("SELECT 1", 1, false)
			c.Close()
			if err == nil {
				return nil
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("seqd not ready after %v: %v\n%s", timeout, err, s.logTail(20))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// running reports whether the process is alive.
func (s *server) running() bool {
	if s.cmd == nil {
		return false
	}
	select {
	case <-s.exited:
		return false
	default:
		return true
	}
}

// kill sends SIGKILL and waits for the process to exit. It does nothing when the server is
// not running.
func (s *server) kill() {
	if !s.running() {
		return
	}
	s.cmd.Process.Signal(syscall.SIGKILL)
	<-s.exited
}

// Crash kills the server with SIGKILL and starts it again on the same data directory.
func (s *server) Crash() error {
	s.kill()
	return s.start()
}

// Stop shuts the server down with SIGTERM and checks that it exited cleanly.
func (s *server) Stop() error {
	if !s.running() {
		return errors.New("seqd is not running")
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(30 * time.Second):
		s.kill()
		return errors.New("seqd did not exit within 30s of SIGTERM")
	}
	if s.status != nil {
		return fmt.Errorf("seqd exited with %v after SIGTERM:\n%s", s.status, s.logTail(20))
	}
	return nil
}

// Restart stops the server with SIGTERM and starts it again on the same data directory.
func (s *server) Restart() error {
	if err := s.Stop(); err != nil {
		return err
	}
	return s.start()
}

// logTail returns the last n lines of the server's log.
func (s *server) logTail(n int) string {
	b, _ := os.ReadFile(s.logPath)
	lines := bytes.Split(bytes.TrimRight(b, "\n"), []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return string(bytes.Join(lines, []byte("\n")))
}

// dial connects to addr as user; db may be empty.
func dial(addr, user, password, db string) (*mysql.Conn, error) {
	host, portStr, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	port, err := strconv.Atoi(portStr)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return mysql.Connect(ctx, &mysql.ConnParams{
		Host: host, Port: port, Uname: user, Pass: password, DbName: db,
		Charset: "utf8mb4", SslMode: vttls.Disabled, ConnectTimeoutMs: 10000,
	})
}
