package durability

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dolthub/vitess/go/mysql"
)

// worker is the body of load connection w. It calls ack for each acknowledged operation and
// returns when it is done or a query fails.
type worker func(w int, c *mysql.Conn, ack func()) error

// load is a set of connections, each running a worker in its own goroutine.
type load struct {
	t       testing.TB
	conns   []*mysql.Conn
	wg      sync.WaitGroup
	errs    []error     // errs[w] is worker w's result
	errTime []time.Time // when worker w returned
	done    chan struct{}

	progress atomic.Int64 // operations acknowledged so far
}

// startLoad opens n connections to addr (database db) and starts fn on each.
func startLoad(t testing.TB, addr, db string, n int, fn worker) *load {
	t.Helper()
	l := &load{t: t, errs: make([]error, n), errTime: make([]time.Time, n), done: make(chan struct{})}
	for w := 0; w < n; w++ {
		c, err := dial(addr, "root", "", db)
		if err != nil {
			l.closeAll()
			t.Fatalf("load connection %d: %v", w, err)
		}
		l.conns = append(l.conns, c)
	}
	for w, c := range l.conns {
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			l.errs[w] = fn(w, c, l.ack)
			l.errTime[w] = time.Now()
		}()
	}
	go func() { l.wg.Wait(); close(l.done) }()
	return l
}

// ack counts one acknowledged operation.
func (l *load) ack() { l.progress.Add(1) }

// waitProgress waits until at least n operations were acknowledged. It fails the test when
// that takes longer than timeout or every worker has returned.
func (l *load) waitProgress(n int64, timeout time.Duration) {
	l.t.Helper()
	deadline := time.Now().Add(timeout)
	for l.progress.Load() < n {
		select {
		case <-l.done:
			l.t.Fatalf("load ended after %d of %d operations: %v", l.progress.Load(), n, l.firstErr())
		default:
		}
		if time.Now().After(deadline) {
			l.closeAll()
			<-l.done
			l.t.Fatalf("load made %d of %d operations in %v", l.progress.Load(), n, timeout)
		}
		time.Sleep(time.Millisecond)
	}
}

// wait waits for every worker to return and gives their results. When that takes longer than
// timeout it closes the connections, which unblocks them, and fails the test.
func (l *load) wait(timeout time.Duration) []error {
	l.t.Helper()
	defer l.closeAll()
	select {
	case <-l.done:
		return l.errs
	case <-time.After(timeout):
		l.closeAll()
		<-l.done
		l.t.Fatalf("load did not finish within %v (%d operations done)", timeout, l.progress.Load())
		return nil
	}
}

func (l *load) firstErr() error {
	for _, err := range l.errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func (l *load) closeAll() {
	for _, c := range l.conns {
		c.Close()
	}
}
