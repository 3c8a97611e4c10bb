package storage

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/seqd/seqd/sequences"
)

// BenchmarkCommit commits one-row transactions from 1 and 16 goroutines on the real disk (each
// commit waits for its WAL fsync). ns/op is wall time per commit (the inverse of throughput);
// µs/commit is the mean latency one committer sees. With 16 committers, group commit lets
// many commits share one fsync, so ns/op falls well below the single-committer latency.
func BenchmarkCommit(b *testing.B) {
	for _, n := range []int{1, 16} {
		b.Run(fmt.Sprintf("committers=%d", n), func(b *testing.B) {
			db, tableID := benchDB(b)
			var key atomic.Int64
			runConcurrently(b, n, func() error {
				tx := db.Begin()
				if err := tx.Set(RowKey(tableID, AppendInt(nil, key.Add(1))), []byte("0123456789abcdef")); err != nil {
					return err
				}
				return tx.Commit()
			})
		})
	}
}

// BenchmarkSequenceSave saves the states of 1 or 16 sequences concurrently (NOCACHE NEXTVAL).
func BenchmarkSequenceSave(b *testing.B) {
	for _, n := range []int{1, 16} {
		b.Run(fmt.Sprintf("savers=%d", n), func(b *testing.B) {
			db, _ := benchDB(b)
			seq := createSequence(b, db, "s", goldenState)
			var next atomic.Int64
			runConcurrently(b, n, func() error {
				st := goldenState
				st.NextNotCached = next.Add(1)
				return db.SequenceStore().Save(seq.ID, st)
			})
		})
	}
}

func benchDB(b *testing.B) (*DB, uint64) {
	db, err := Open(b.TempDir(), Options{Logger: testLogger{b}})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { checkAndClose(b, db) })
	return db, createTable(b, db, "test", "t").ID
}

// runConcurrently runs op b.N times spread over n goroutines and reports the mean latency.
func runConcurrently(b *testing.B, n int, op func() error) {
	var remaining, latency atomic.Int64
	remaining.Store(int64(b.N))
	b.ResetTimer()
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for remaining.Add(-1) >= 0 {
				start := time.Now()
				if err := op(); err != nil {
					b.Error(err)
					return
				}
				latency.Add(int64(time.Since(start)))
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	b.ReportMetric(float64(latency.Load())/float64(b.N)/1e3, "µs/commit")
}

// BenchmarkSequenceNext is NEXTVAL on a NOCACHE sequence (every value durable) and a batch of
// 1000 values on a CACHE 1000 sequence (every batch a new reservation), from 1 and 16
// goroutines, through sequences.Manager over the real disk: what the server's hot sequence
// statements cost below the SQL layer. saves/op is the share of values that needed their own
// synced write; below 1, concurrent callers shared Saves.
func BenchmarkSequenceNext(b *testing.B) {
	for _, bc := range []struct {
		name  string
		cache int64
		n     int64
	}{{"nocache", 0, 1}, {"batch1000", 1000, 1000}} {
		for _, callers := range []int{1, 16} {
			b.Run(fmt.Sprintf("%s/callers=%d", bc.name, callers), func(b *testing.B) {
				db, _ := benchDB(b)
				st := goldenState
				st.Cache, st.NextNotCached, st.CycleCount, st.Cycle = bc.cache, 1, 0, false
				def := createSequence(b, db, "s", st)
				store := &countingStore{SequenceStore: db.SequenceStore()}
				seq, err := sequences.NewManager(store, nil).Open(def.ID, "test", "s")
				if err != nil {
					b.Fatal(err)
				}
				runConcurrently(b, callers, func() error {
					_, _, err := seq.NextN(bc.n)
					return err
				})
				b.ReportMetric(float64(store.saves.Load())/float64(b.N), "saves/op")
			})
		}
	}
}

// countingStore counts the saves issued to a SequenceStore.
type countingStore struct {
	*SequenceStore
	saves atomic.Int64
}

func (s *countingStore) Save(id uint64, st sequences.State) error {
	s.saves.Add(1)
	return s.SequenceStore.Save(id, st)
}

func (s *countingStore) Issue(id uint64, st sequences.State) (func() error, error) {
	s.saves.Add(1)
	return s.SequenceStore.Issue(id, st)
}
