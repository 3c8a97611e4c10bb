package sqlengine

import (
	"sync"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/seqd/seqd/storage"
)

// tempObjects are a session's temporary tables and sequences. Their definitions live only here;
// their rows live in pebble under their own ids, are written through the session's transactions,
// and are range-deleted when the table is dropped or the session ends. After a crash, leftover
// rows are removed at the next start (Server.sweepOrphans).
type tempObjects struct {
	mu   sync.Mutex // protects defs
	defs map[tempKey]*storage.TableDef

	// renamed are the renames of the running RENAME TABLE (renamedBy), undone when a later
	// pair fails: MariaDB renames a statement's temporary tables back then.
	renamedBy onceKey
	renamed   []tempRename
}

type tempRename struct{ db, from, to string }

type tempKey struct{ db, name string }

func newTempObjects() *tempObjects { return &tempObjects{defs: map[tempKey]*storage.TableDef{}} }

// sessionTemp returns the temporary objects of ctx's session (empty for other contexts).
func (s *Server) sessionTemp(ctx *sql.Context) *tempObjects {
	if ctx != nil {
		if sess, ok := ctx.Session.(*Session); ok {
			return sess.temp
		}
	}
	return newTempObjects()
}

func (t *tempObjects) get(db, name string) (*storage.TableDef, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	d, ok := t.defs[tempKey{db, name}]
	return d, ok
}

// byID returns the temporary object with id.
func (t *tempObjects) byID(id uint64) (*storage.TableDef, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, d := range t.defs {
		if d.ID == id {
			return d, true
		}
	}
	return nil, false
}

func (t *tempObjects) has(db, name string) bool {
	_, ok := t.get(db, name)
	return ok
}

func (t *tempObjects) put(def *storage.TableDef) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.defs[tempKey{def.DB, def.Name}] = def
	return nil
}

// replace installs a rewritten definition (new id) and deletes the old id's rows.
func (t *tempObjects) replace(ctx *sql.Context, txn *storage.Txn, oldID uint64, def *storage.TableDef) error {
	if err := deleteTableData(txn, oldID); err != nil {
		return err
	}
	return t.put(def)
}

// rename renames a temporary object; a sequence's new name goes to srv's sequences too (its
// LASTVAL memory is per name).
func (t *tempObjects) rename(srv *Server, db, from, to string) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	def, ok := t.defs[tempKey{db, from}]
	if !ok {
		return sql.ErrTableNotFound.New(from)
	}
	if _, exists := t.defs[tempKey{db, to}]; exists {
		return sql.ErrTableAlreadyExists.New(to)
	}
	nd := def.Clone()
	nd.Name = to
	delete(t.defs, tempKey{db, from})
	t.defs[tempKey{db, to}] = nd
	if nd.Sequence && srv != nil {
		srv.seqs.Rename(nd.ID, db, to)
	}
	return nil
}

// noteRename records a rename the running statement made.
func (t *tempObjects) noteRename(ctx *sql.Context, db, from, to string) {
	key := onceKey{session: ctx.Session.ID(), pid: ctx.Pid(), start: ctx.QueryTime()}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.renamedBy != key {
		t.renamedBy, t.renamed = key, nil
	}
	t.renamed = append(t.renamed, tempRename{db, from, to})
}

// undoRenames renames back, last first, what the running statement renamed.
func (t *tempObjects) undoRenames(ctx *sql.Context, srv *Server) {
	key := onceKey{session: ctx.Session.ID(), pid: ctx.Pid(), start: ctx.QueryTime()}
	t.mu.Lock()
	renamed := t.renamed
	if t.renamedBy != key {
		renamed = nil
	}
	t.renamedBy, t.renamed = onceKey{}, nil
	t.mu.Unlock()
	for i := len(renamed) - 1; i >= 0; i-- {
		r := renamed[i]
		_ = t.rename(srv, r.db, r.to, r.from)
	}
}

// drop removes a temporary object and its rows.
func (t *tempObjects) drop(ctx *sql.Context, srv *Server, db, name string) error {
	def, ok := t.get(db, name)
	if !ok {
		return sql.ErrTableNotFound.New(name)
	}
	txn, err := txnOf(ctx)
	if err != nil {
		return err
	}
	if err := deleteTableData(txn, def.ID); err != nil {
		return err
	}
	t.mu.Lock()
	delete(t.defs, tempKey{db, name})
	t.mu.Unlock()
	srv.forgetTable(def.ID)
	return nil
}

// list returns the temporary objects of database db.
func (t *tempObjects) list(db string) []*storage.TableDef {
	t.mu.Lock()
	defer t.mu.Unlock()
	var out []*storage.TableDef
	for k, d := range t.defs {
		if k.db == db {
			out = append(out, d)
		}
	}
	return out
}

// dropAll removes every temporary object of a closing session, in a transaction of its own.
func (t *tempObjects) dropAll(srv *Server) {
	t.mu.Lock()
	defs := t.defs
	t.defs = map[tempKey]*storage.TableDef{}
	t.mu.Unlock()
	if len(defs) == 0 {
		return
	}
	txn := srv.db.Begin()
	for _, d := range defs {
		_ = deleteTableData(txn, d.ID)
		srv.forgetTable(d.ID)
	}
	_ = txn.Commit()
}

// deleteTableData range-deletes all data kept under a table id.
func deleteTableData(txn *storage.Txn, id uint64) error {
	lo, hi := storage.TablePrefix(id)
	return translateStorageError(txn.DeleteRange(lo, hi))
}
