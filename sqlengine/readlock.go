package sqlengine

import (
	"strings"
	"sync"
	"time"

	"github.com/dolthub/go-mysql-server/sql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
)

// FLUSH TABLES WITH READ LOCK takes the global read lock, held by the session until UNLOCK
// TABLES or disconnect. Several sessions may hold it at once. While any does, statements that
// change base tables, sequences or the catalog (DML, DDL, NEXTVAL and SETVAL of a base
// sequence, REPAIR, OPTIMIZE, ANALYZE) fail in a holding session with 1223 and wait in the others
// until the last holder releases it, at most lock_wait_timeout seconds (then 1205). Temporary
// tables and sequences stay writable. COMMIT of a transaction that wrote before the lock was
// taken waits as well (a statement that commits by autocommit wrote after its start, so it
// finishes).
//
// FLUSH TABLES WITH READ LOCK also discards every sequence's cached values, as FLUSH TABLES
// does. FLUSH TABLES t, ... WITH READ LOCK keeps them and locks the tables as LOCK TABLES t READ
// does (locktables.go).

// globalReadLock counts the holders of the global read lock.
type globalReadLock struct {
	mu      sync.Mutex    // protects holders and free
	holders int           // sessions holding the lock
	free    chan struct{} // closed when holders drops to 0; nil while nobody holds the lock
}

func (g *globalReadLock) isHeld() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.holders > 0
}

func (g *globalReadLock) acquire() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.holders == 0 {
		g.free = make(chan struct{})
	}
	g.holders++
}

func (g *globalReadLock) release() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.holders--
	if g.holders == 0 {
		close(g.free)
		g.free = nil
	}
}

// released returns a channel closed once nobody holds the lock, or nil if nobody does now.
func (g *globalReadLock) released() <-chan struct{} {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.free
}

// waitReadLock fails with 1223 if sess holds the global read lock, and otherwise waits until
// nobody does.
func (s *Server) waitReadLock(ctx *sql.Context, sess *Session) error {
	if sess.admin.readLock {
		return mariaErr(sequences.ErrCantUpdateWithReadLock)
	}
	free := s.admin.readLock.released()
	if free == nil {
		return nil
	}
	timer := time.NewTimer(metadataLockWaitTimeout(ctx))
	defer timer.Stop()
	for free != nil {
		select {
		case <-free:
		case <-timer.C:
			return mariaErr(sequences.ErrLockWaitTimeout)
		case <-ctx.Done():
			return ctx.Err()
		}
		free = s.admin.readLock.released()
	}
	return nil
}

// checkSequenceWrite is the global read lock's check for NEXTVAL and SETVAL of a sequence
// (temp: a temporary one, which stays writable).
func (s *Server) checkSequenceWrite(ctx *sql.Context, temp bool) error {
	if s.admin.active.Load() == 0 || temp || !s.admin.readLock.isHeld() {
		return nil
	}
	sess, err := sessionOf(ctx)
	if err != nil {
		return nil
	}
	return s.waitReadLock(ctx, sess)
}

// metadataLockWaitTimeout is the session's lock_wait_timeout.
func metadataLockWaitTimeout(ctx *sql.Context) time.Duration {
	if v, err := ctx.GetSessionVariable(ctx, "lock_wait_timeout"); err == nil {
		if n, ok := toUint(v); ok {
			return time.Duration(n) * time.Second
		}
	}
	return 86400 * time.Second
}

// readLockStatement handles FLUSH TABLE[S] [t, ...] WITH READ LOCK.
func readLockStatement(stmt ast.Statement) (ast.Statement, bool) {
	f, ok := stmt.(*ast.Flush)
	if !ok || f.Option == nil || !f.Option.ReadLock {
		return nil, false
	}
	opt := strings.ToLower(f.Option.Name)
	if opt != "table" && opt != "tables" {
		return nil, false
	}
	tables := f.Option.Tables
	return statement("FLUSH TABLES WITH READ LOCK", nil, func(ctx *sql.Context, _ []sql.Expression) (sql.Node, error) {
		return okNode("FLUSH TABLES WITH READ LOCK", func(ctx *sql.Context) (sql.RowIter, error) {
			s := srvOf(ctx)
			if len(tables) == 0 {
				return s.flushWithReadLock(ctx)
			}
			return s.flushTablesWithReadLock(ctx, tables)
		}), nil
	}), true
}

// flushWithReadLock runs FLUSH TABLES WITH READ LOCK.
func (s *Server) flushWithReadLock(ctx *sql.Context) (sql.RowIter, error) {
	sess, err := sessionOf(ctx)
	if err != nil {
		return nil, err
	}
	if err := sess.admin.xa.refuse(); err != nil {
		return nil, err
	}
	if sess.locked != nil {
		return nil, mariaErr(sequences.ErrLockOrActiveTransaction)
	}
	if err := s.implicitCommit(ctx); err != nil {
		return nil, err
	}
	s.seqs.FlushAll()
	if !sess.admin.readLock {
		sess.admin.readLock = true
		s.admin.active.Add(1)
		s.admin.readLock.acquire()
	}
	return okResult(0), nil
}

// flushTablesWithReadLock runs FLUSH TABLES t, ... WITH READ LOCK.
func (s *Server) flushTablesWithReadLock(ctx *sql.Context, tables ast.TableNames) (sql.RowIter, error) {
	sess, err := sessionOf(ctx)
	if err != nil {
		return nil, err
	}
	if err := sess.admin.xa.refuse(); err != nil {
		return nil, err
	}
	if sess.locked != nil {
		return nil, mariaErr(sequences.ErrLockOrActiveTransaction)
	}
	set := map[tableName]lockedTable{}
	for _, tn := range tables {
		db := tn.DbQualifier.String()
		if db == "" {
			if db = ctx.GetCurrentDatabase(); db == "" {
				return nil, mariaErr(sequences.ErrNoDB)
			}
		}
		name := tn.Name.String()
		if _, _, ok := s.findTableDef(ctx, db, name); !ok {
			if _, isView := s.catalogOf(ctx).View(db, name); !isView {
				return nil, mariaErr(sequences.ErrNoSuchTable, db, name)
			}
		}
		set[tableName{db, name}] = lockedTable{}
	}
	if err := s.implicitCommit(ctx); err != nil {
		return nil, err
	}
	sess.locked = set
	return okResult(0), nil
}

// releaseReadLock is UNLOCK TABLES' part: the session's global read lock is released.
func (s *Server) releaseReadLock(ctx *sql.Context) {
	sess, err := sessionOf(ctx)
	if err != nil || !sess.admin.readLock {
		return
	}
	sess.admin.readLock = false
	s.admin.readLock.release()
	s.admin.active.Add(-1)
}
