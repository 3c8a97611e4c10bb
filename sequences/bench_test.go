package sequences

import (
	"testing"
)

// BenchmarkNextCached measures a value served from the durable cache: a mutex and no
// allocation.
func BenchmarkNextCached(b *testing.B) {
	s := openSeq(b, NewMemStore(), defaultRow(1<<40))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Next(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNextCachedParallel is the cached path under contention.
func BenchmarkNextCachedParallel(b *testing.B) {
	s := openSeq(b, NewMemStore(), defaultRow(1<<40))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := s.Next(); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkNextNoCache measures NOCACHE: every value goes through a group and a Save (here to
// memory, so this is the cost of the group machinery, not of a disk sync).
func BenchmarkNextNoCache(b *testing.B) {
	s := openSeq(b, NewMemStore(), defaultRow(0))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Next(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNextNoCacheParallel is NOCACHE under contention: callers share Saves.
func BenchmarkNextNoCacheParallel(b *testing.B) {
	s := openSeq(b, NewMemStore(), defaultRow(0))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := s.Next(); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

func TestNextCachedDoesNotAllocate(t *testing.T) {
	s := openSeq(t, NewMemStore(), defaultRow(1<<40))
	s.Next() // the first value reserves the cache
	if n := testing.AllocsPerRun(1000, func() { s.Next() }); n != 0 {
		t.Errorf("Next() from the cache allocates %v times, want 0", n)
	}
}
