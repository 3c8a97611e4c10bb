package sqlengine

import (
	"sort"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/seqd/seqd/storage"
)

// Provider is GMS's view of the databases stored in pebble.
type Provider struct {
	srv *Server
}

var (
	_ sql.DatabaseProvider         = (*Provider)(nil)
	_ sql.MutableDatabaseProvider  = (*Provider)(nil)
	_ sql.CollatedDatabaseProvider = (*Provider)(nil)
)

func newProvider(s *Server) *Provider { return &Provider{srv: s} }

// catalogOf returns the catalog as the statement running in ctx sees it.
func (s *Server) catalogOf(ctx *sql.Context) *storage.Catalog {
	if ctx != nil {
		if tx, ok := ctx.GetTransaction().(*Transaction); ok && tx != nil {
			return tx.txn.Catalog()
		}
	}
	return s.db.Catalog()
}

// Database implements sql.DatabaseProvider. Names are case-sensitive, as in MariaDB on Linux.
func (p *Provider) Database(ctx *sql.Context, name string) (sql.Database, error) {
	viewDatabaseUsed(ctx, name)
	def, ok := p.srv.catalogOf(ctx).Database(name)
	if !ok {
		return nil, sql.ErrDatabaseNotFound.New(name)
	}
	return &Database{srv: p.srv, name: def.Name}, nil
}

// HasDatabase implements sql.DatabaseProvider.
func (p *Provider) HasDatabase(ctx *sql.Context, name string) bool {
	_, ok := p.srv.catalogOf(ctx).Database(name)
	return ok
}

// AllDatabases implements sql.DatabaseProvider.
func (p *Provider) AllDatabases(ctx *sql.Context) []sql.Database {
	defs := p.srv.catalogOf(ctx).Databases()
	sort.Slice(defs, func(i, j int) bool { return defs[i].Name < defs[j].Name })
	out := make([]sql.Database, 0, len(defs))
	for _, d := range defs {
		out = append(out, &Database{srv: p.srv, name: d.Name})
	}
	return out
}

// CreateDatabase implements sql.MutableDatabaseProvider.
func (p *Provider) CreateDatabase(ctx *sql.Context, name string) error {
	return p.CreateCollatedDatabase(ctx, name, sql.Collation_Unspecified)
}

// CreateCollatedDatabase implements sql.CollatedDatabaseProvider.
func (p *Provider) CreateCollatedDatabase(ctx *sql.Context, name string, collation sql.CollationID) error {
	if strings.EqualFold(name, "information_schema") || strings.EqualFold(name, "mysql") && false {
		return sql.ErrDatabaseExists.New(name)
	}
	txn, err := txnOf(ctx)
	if err != nil {
		return err
	}
	if _, ok := txn.Catalog().Database(name); ok {
		return sql.ErrDatabaseExists.New(name)
	}
	id, err := txn.NextObjectID()
	if err != nil {
		return translateStorageError(err)
	}
	def := storage.DatabaseDef{ID: id, Name: name}
	if collation != sql.Collation_Unspecified {
		def.Charset = collation.CharacterSet().Name()
		def.Collation = collation.Name()
	}
	return translateStorageError(txn.PutDatabase(def))
}

// DropDatabase implements sql.MutableDatabaseProvider: the database's tables, sequences and
// views go with it.
func (p *Provider) DropDatabase(ctx *sql.Context, name string) error {
	txn, err := txnOf(ctx)
	if err != nil {
		return err
	}
	cat := txn.Catalog()
	if _, ok := cat.Database(name); !ok {
		return sql.ErrDatabaseNotFound.New(name)
	}
	var ids []uint64
	for _, t := range cat.Tables(name) {
		ids = append(ids, t.ID)
	}
	if err := lockAllForWrite(ctx, txn, ids); err != nil {
		return err
	}
	if err := txn.DeleteDatabase(name); err != nil {
		return translateStorageError(err)
	}
	for _, id := range ids {
		p.srv.forgetTable(id)
	}
	return nil
}

// lockDatabaseForDrop takes the write locks DROP DATABASE needs on every table of db before
// GMS runs it. GMS drops a database holding its catalog's mutex, which a closing connection
// needs (to release its table locks) before it rolls its transaction back: waiting for that
// transaction's locks inside DropDatabase would wait out innodb_lock_wait_timeout (1205) where
// MariaDB goes on as soon as the other connection is gone.
func lockDatabaseForDrop(ctx *sql.Context, db string) error {
	txn, err := txnOf(ctx)
	if err != nil {
		return err
	}
	var ids []uint64
	for _, t := range txn.Catalog().Tables(db) {
		ids = append(ids, t.ID)
	}
	return lockAllForWrite(ctx, txn, ids)
}

// forgetTable drops in-memory state kept for a table or sequence that no longer exists.
func (s *Server) forgetTable(id uint64) {
	s.autoInc.forget(id)
	s.slots.forget(id)
	s.seqs.Forget(id)
}
