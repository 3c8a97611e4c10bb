package storage

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"
)

const forever = -1

// waitQueued waits until n requests are queued on id.
func waitQueued(t *testing.T, db *DB, id uint64, n int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for db.locks.queueLen(id) != n {
		if time.Now().After(deadline) {
			t.Fatalf("queue of %d has %d waiters, want %d", id, db.locks.queueLen(id), n)
		}
		time.Sleep(time.Millisecond)
	}
}

// lockAsync starts tx.Lock in a goroutine and returns its result channel.
func lockAsync(tx *Txn, id uint64, mode LockMode, timeout time.Duration) <-chan error {
	ch := make(chan error, 1)
	go func() { ch <- tx.Lock(context.Background(), id, mode, timeout) }()
	return ch
}

func TestLockSharedAndExclusive(t *testing.T) {
	db := openTestDB(t, nil)
	ctx := context.Background()
	a, b, c := db.Begin(), db.Begin(), db.Begin()
	if err := errors.Join(a.Lock(ctx, 1, Shared, 0), b.Lock(ctx, 1, Shared, 0)); err != nil {
		t.Fatalf("two Shared locks = %v", err)
	}
	if err := c.Lock(ctx, 1, Exclusive, 0); !errors.Is(err, ErrLockWaitTimeout) {
		t.Fatalf("Exclusive under Shared with NOWAIT = %v, want ErrLockWaitTimeout", err)
	}
	got := lockAsync(c, 1, Exclusive, forever)
	waitQueued(t, db, 1, 1)
	_ = a.Commit()
	select {
	case err := <-got:
		t.Fatalf("Exclusive granted while b holds Shared: %v", err)
	case <-time.After(20 * time.Millisecond):
	}
	_ = b.Rollback()
	if err := <-got; err != nil {
		t.Fatalf("Exclusive after the Shared holders left = %v", err)
	}
	if want := map[uint64]LockMode{1: Exclusive}; !reflect.DeepEqual(c.Locks(), want) {
		t.Errorf("Locks = %v, want %v", c.Locks(), want)
	}
	_ = c.Commit()
	if len(c.Locks()) != 0 || db.locks.queueLen(1) != 0 {
		t.Errorf("locks left after Commit: %v", c.Locks())
	}
}

func TestLockReentrantAndUpgrade(t *testing.T) {
	db := openTestDB(t, nil)
	ctx := context.Background()
	a, b := db.Begin(), db.Begin()
	defer a.Rollback()
	defer b.Rollback()
	for _, m := range []LockMode{Shared, Shared, Exclusive, Shared, Exclusive} {
		if err := a.Lock(ctx, 7, m, 0); err != nil {
			t.Fatalf("a.Lock(7, %v) = %v", m, err)
		}
	}
	if want := map[uint64]LockMode{7: Exclusive}; !reflect.DeepEqual(a.Locks(), want) {
		t.Errorf("Locks = %v, want %v", a.Locks(), want)
	}
	_ = a.Rollback()
	// An upgrade waits for the other Shared holder, ahead of an ordinary waiter.
	a = db.Begin()
	c := db.Begin()
	defer c.Rollback()
	_ = a.Lock(ctx, 7, Shared, 0)
	_ = b.Lock(ctx, 7, Shared, 0)
	cGot := lockAsync(c, 7, Exclusive, forever)
	waitQueued(t, db, 7, 1)
	aGot := lockAsync(a, 7, Exclusive, forever)
	waitQueued(t, db, 7, 2)
	_ = b.Commit()
	if err := <-aGot; err != nil {
		t.Fatalf("upgrade = %v", err)
	}
	_ = a.Commit()
	if err := <-cGot; err != nil {
		t.Fatalf("waiter after the upgrade = %v", err)
	}
}

func TestLockDeadlock(t *testing.T) {
	db := openTestDB(t, nil)
	ctx := context.Background()
	a, b := db.Begin(), db.Begin()
	_ = a.Lock(ctx, 1, Exclusive, 0)
	_ = b.Lock(ctx, 2, Exclusive, 0)
	aGot := lockAsync(a, 2, Exclusive, forever)
	waitQueued(t, db, 2, 1)
	if err := b.Lock(ctx, 1, Exclusive, forever); !errors.Is(err, ErrDeadlock) {
		t.Fatalf("b.Lock closing the cycle = %v, want ErrDeadlock", err)
	}
	if want := map[uint64]LockMode{2: Exclusive}; !reflect.DeepEqual(b.Locks(), want) {
		t.Errorf("victim's locks after ErrDeadlock = %v, want unchanged %v", b.Locks(), want)
	}
	_ = b.Rollback()
	if err := <-aGot; err != nil {
		t.Fatalf("a after the victim rolled back = %v", err)
	}
	_ = a.Commit()
}

func TestLockUpgradeDeadlock(t *testing.T) {
	db := openTestDB(t, nil)
	ctx := context.Background()
	a, b := db.Begin(), db.Begin()
	_ = a.Lock(ctx, 1, Shared, 0)
	_ = b.Lock(ctx, 1, Shared, 0)
	aGot := lockAsync(a, 1, Exclusive, forever)
	waitQueued(t, db, 1, 1)
	if err := b.Lock(ctx, 1, Exclusive, forever); !errors.Is(err, ErrDeadlock) {
		t.Fatalf("second upgrade = %v, want ErrDeadlock", err)
	}
	_ = b.Rollback()
	if err := <-aGot; err != nil {
		t.Fatal(err)
	}
	_ = a.Commit()
}

// TestLockDeadlockThroughQueue: a Shared request behind a queued Exclusive request waits for it
// (fairness), and that edge can close a cycle.
func TestLockDeadlockThroughQueue(t *testing.T) {
	db := openTestDB(t, nil)
	ctx := context.Background()
	a, b, c := db.Begin(), db.Begin(), db.Begin()
	_ = a.Lock(ctx, 1, Exclusive, 0) // a holds X(1)
	_ = b.Lock(ctx, 2, Shared, 0)    // b holds S(2)
	cGot := lockAsync(c, 2, Exclusive, forever)
	waitQueued(t, db, 2, 1) // c waits for b on 2
	bGot := lockAsync(b, 1, Shared, forever)
	waitQueued(t, db, 1, 1) // b waits for a on 1
	if err := a.Lock(ctx, 2, Shared, forever); !errors.Is(err, ErrDeadlock) {
		t.Fatalf("a.Lock(2, S) behind c = %v, want ErrDeadlock (a→c→b→a)", err)
	}
	_ = a.Rollback()
	if err := <-bGot; err != nil {
		t.Fatal(err)
	}
	_ = b.Commit()
	if err := <-cGot; err != nil {
		t.Fatal(err)
	}
	_ = c.Commit()
}

func TestLockTimeoutAndCancel(t *testing.T) {
	db := openTestDB(t, nil)
	a, b := db.Begin(), db.Begin()
	defer a.Rollback()
	defer b.Rollback()
	_ = a.Lock(context.Background(), 1, Exclusive, 0)
	start := time.Now()
	if err := b.Lock(context.Background(), 1, Shared, 30*time.Millisecond); !errors.Is(err, ErrLockWaitTimeout) {
		t.Fatalf("Lock = %v, want ErrLockWaitTimeout", err)
	}
	if d := time.Since(start); d < 30*time.Millisecond {
		t.Errorf("timed out after %v, want >= 30ms", d)
	}
	ctx, cancel := context.WithCancel(context.Background())
	got := make(chan error, 1)
	go func() { got <- b.Lock(ctx, 1, Shared, forever) }()
	waitQueued(t, db, 1, 1)
	cancel()
	if err := <-got; !errors.Is(err, context.Canceled) {
		t.Fatalf("Lock after cancel = %v, want context.Canceled", err)
	}
	if db.locks.queueLen(1) != 0 || len(b.Locks()) != 0 {
		t.Errorf("a cancelled request left state behind: queue %d, locks %v", db.locks.queueLen(1), b.Locks())
	}
}

// TestLockFairness: readers arriving after a waiting writer wait behind it.
func TestLockFairness(t *testing.T) {
	db := openTestDB(t, nil)
	ctx := context.Background()
	r1, w, r2 := db.Begin(), db.Begin(), db.Begin()
	_ = r1.Lock(ctx, 1, Shared, 0)
	wGot := lockAsync(w, 1, Exclusive, forever)
	waitQueued(t, db, 1, 1)
	if err := r2.Lock(ctx, 1, Shared, 0); !errors.Is(err, ErrLockWaitTimeout) {
		t.Fatalf("reader behind a waiting writer with NOWAIT = %v, want ErrLockWaitTimeout", err)
	}
	r2Got := lockAsync(r2, 1, Shared, forever)
	waitQueued(t, db, 1, 2)
	_ = r1.Commit()
	if err := <-wGot; err != nil {
		t.Fatal(err)
	}
	_ = w.Commit()
	if err := <-r2Got; err != nil {
		t.Fatal(err)
	}
	_ = r2.Commit()
}

// TestLockWaiterBehindTimedOut: when a queued writer gives up, readers behind it that the
// holders admit are granted.
func TestLockWaiterBehindTimedOut(t *testing.T) {
	db := openTestDB(t, nil)
	ctx := context.Background()
	r1, w, r2 := db.Begin(), db.Begin(), db.Begin()
	defer r1.Rollback()
	defer r2.Rollback()
	_ = r1.Lock(ctx, 1, Shared, 0)
	wGot := lockAsync(w, 1, Exclusive, 50*time.Millisecond)
	waitQueued(t, db, 1, 1)
	r2Got := lockAsync(r2, 1, Shared, forever)
	waitQueued(t, db, 1, 2)
	if err := <-wGot; !errors.Is(err, ErrLockWaitTimeout) {
		t.Fatalf("writer = %v, want ErrLockWaitTimeout", err)
	}
	if err := <-r2Got; err != nil {
		t.Fatalf("reader behind the timed-out writer = %v", err)
	}
}

// TestNoLostUpdates: goroutines increment one counter in transactions under an Exclusive table
// lock; every increment survives.
func TestNoLostUpdates(t *testing.T) {
	db := openTestDB(t, nil)
	tbl := createTable(t, db, "test", "t")
	key := AutoIncrementKey(tbl.ID)
	const workers, perWorker = 16, 50
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range perWorker {
				if err := increment(db, tbl.ID, key); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if v, _, err := db.Begin().Counter(key); err != nil || v != workers*perWorker {
		t.Errorf("counter = %d, %v; want %d", v, err, workers*perWorker)
	}
}

func increment(db *DB, tableID uint64, key []byte) error {
	tx := db.Begin()
	defer tx.Rollback()
	if err := tx.Lock(context.Background(), tableID, Exclusive, 10*time.Second); err != nil {
		return err
	}
	v, _, err := tx.Counter(key)
	if err != nil {
		return err
	}
	if err := tx.SetCounter(key, v+1); err != nil {
		return err
	}
	return tx.Commit()
}

// TestLockStress runs random lock requests from many goroutines and checks after every grant
// that no two holders conflict. With short timeouts it exercises withdrawal; with long ones it
// checks that every deadlock is detected (an undetected one would time out).
func TestLockStress(t *testing.T) {
	t.Run("short", func(t *testing.T) { lockStress(t, false) })
	t.Run("detect", func(t *testing.T) { lockStress(t, true) })
}

func lockStress(t *testing.T, long bool) {
	r := newRand(t)
	db := openTestDB(t, nil)
	var wg sync.WaitGroup
	var mu sync.Mutex
	counts := map[string]int{}
	for g := range 8 {
		seed := r.Uint64()
		wg.Add(1)
		go func() {
			defer wg.Done()
			stressWorker(t, db, seed+uint64(g), long, counts, &mu)
		}()
	}
	wg.Wait()
	t.Logf("outcomes: %v", counts)
	if long && counts[ErrLockWaitTimeout.Error()] > 0 {
		t.Errorf("%d requests timed out: a deadlock went undetected", counts[ErrLockWaitTimeout.Error()])
	}
	if db.locks.queueLen(0) != 0 || len(db.locks.res) != 0 {
		t.Errorf("lock manager not empty after all transactions ended: %d resources", len(db.locks.res))
	}
}

func stressWorker(t *testing.T, db *DB, seed uint64, long bool, counts map[string]int, mu *sync.Mutex) {
	r := newRandSeed(seed)
	for range 200 {
		tx := db.Begin()
		for range 1 + r.IntN(3) {
			mode := LockMode(1 + r.IntN(2))
			timeout := time.Duration(r.IntN(3)) * time.Millisecond
			if long {
				timeout = 10 * time.Second
			}
			err := tx.Lock(context.Background(), uint64(r.IntN(4)), mode, timeout)
			mu.Lock()
			counts[fmt.Sprint(err)]++
			mu.Unlock()
			if err := db.locks.check(); err != nil {
				t.Error(err)
			}
			if errors.Is(err, ErrDeadlock) {
				break
			}
		}
		_ = tx.Rollback()
	}
}

// TestDDLWaitsForWriter: DROP TABLE takes the table's Exclusive lock, so it waits until the
// transaction writing the table commits, and then drops its rows too.
func TestDDLWaitsForWriter(t *testing.T) {
	db := openTestDB(t, nil)
	tbl := createTable(t, db, "test", "t")
	ctx := context.Background()
	writer := db.Begin()
	if err := writer.Lock(ctx, tbl.ID, Exclusive, 0); err != nil {
		t.Fatal(err)
	}
	_ = writer.Set(RowKey(tbl.ID, AppendInt(nil, 1)), []byte("x"))
	ddl := db.Begin()
	got := lockAsync(ddl, tbl.ID, Exclusive, forever)
	waitQueued(t, db, tbl.ID, 1)
	if err := writer.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-got; err != nil {
		t.Fatal(err)
	}
	if err := ddl.DeleteTable(tbl.ID); err != nil {
		t.Fatal(err)
	}
	if err := ddl.Commit(); err != nil {
		t.Fatal(err)
	}
	lo, hi := TablePrefix(tbl.ID)
	if rows := scan(t, db.Begin(), lo, hi); len(rows) != 0 {
		t.Errorf("rows left after DROP: %q", rows)
	}
}

// TestLockReaderGivesWay: when a request for Exclusive closes a cycle through a transaction that
// holds only Shared locks and waits for a Shared one, that reader's wait fails with ErrDeadlock
// and the writer waits for it to roll back (MariaDB's MDL victim choice, MDEV-32541).
func TestLockReaderGivesWay(t *testing.T) {
	db := openTestDB(t, nil)
	ctx := context.Background()
	reader, writer := db.Begin(), db.Begin()
	_ = reader.Lock(ctx, 1, Shared, 0)    // LASTVAL(s1) in a read-only transaction
	_ = writer.Lock(ctx, 2, Exclusive, 0) // INSERT INTO s2
	readerGot := lockAsync(reader, 2, Shared, forever)
	waitQueued(t, db, 2, 1)
	writerGot := lockAsync(writer, 1, Exclusive, forever) // INSERT INTO s1 closes the cycle
	if err := <-readerGot; !errors.Is(err, ErrDeadlock) {
		t.Fatalf("reader's wait = %v, want ErrDeadlock", err)
	}
	select {
	case err := <-writerGot:
		t.Fatalf("writer granted while the reader still holds Shared: %v", err)
	case <-time.After(20 * time.Millisecond):
	}
	_ = reader.Rollback()
	if err := <-writerGot; err != nil {
		t.Fatalf("writer after the reader rolled back = %v", err)
	}
	_ = writer.Commit()
	if err := db.locks.check(); err != nil {
		t.Error(err)
	}
}
