package sqlengine

import (
	"sort"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/seqd/seqd/storage"
)

// Database is one schema: its tables, sequences and views, plus the session's temporary tables.
type Database struct {
	srv  *Server
	name string
}

var (
	_ sql.Database              = (*Database)(nil)
	_ sql.TableCreator          = (*Database)(nil)
	_ sql.IndexedTableCreator   = (*Database)(nil)
	_ sql.TemporaryTableCreator = (*Database)(nil)
	_ sql.TableDropper          = (*Database)(nil)
	_ sql.TableRenamer          = (*Database)(nil)
	_ sql.ViewDatabase          = (*Database)(nil)
	_ sql.CollatedDatabase      = (*Database)(nil)
)

// Name implements sql.Nameable.
func (d *Database) Name() string { return d.name }

// GetTableInsensitive implements sql.Database. A temporary table of the session shadows a base
// table of the same name; a name of the form seq_1_to_N that is not a table is MariaDB's
// SEQUENCE engine table.
func (d *Database) GetTableInsensitive(ctx *sql.Context, name string) (sql.Table, bool, error) {
	if def, ok := d.srv.sessionTemp(ctx).get(d.name, name); ok && !createdBase(ctx, d.name, name) {
		t, err := d.srv.tableFor(ctx, def, true)
		return t, err == nil, err
	}
	cat := d.srv.catalogOf(ctx)
	def, ok := cat.Table(d.name, name)
	if !ok {
		if st, ok := newSeqEngineTable(d.name, name); ok {
			return st, true, nil
		}
		if sess, err := sessionOf(ctx); err == nil {
			sess.lastMiss = tableName{d.name, name}
		}
		return nil, false, nil
	}
	t, err := d.srv.tableFor(ctx, def, false)
	return t, err == nil, err
}

// tableFor returns the GMS table for a definition: a Table, or a sequence table.
func (s *Server) tableFor(ctx *sql.Context, def *storage.TableDef, temp bool) (sql.Table, error) {
	m, err := s.metas.get(ctx, def)
	if err != nil {
		return nil, err
	}
	if def.Sequence {
		return newSequenceTable(s, m, temp), nil
	}
	return newTable(s, m, temp), nil
}

// GetTableNames implements sql.Database (temporary tables are not listed).
func (d *Database) GetTableNames(ctx *sql.Context) ([]string, error) {
	defs := d.srv.catalogOf(ctx).Tables(d.name)
	names := make([]string, 0, len(defs))
	for _, t := range defs {
		names = append(names, t.Name)
	}
	sort.Strings(names)
	return names, nil
}

// GetCollation implements sql.CollatedDatabase.
func (d *Database) GetCollation(ctx *sql.Context) sql.CollationID {
	def, ok := d.srv.catalogOf(ctx).Database(d.name)
	if ok && def.Collation != "" {
		if c, err := sql.ParseCollation(def.Charset, def.Collation, false); err == nil {
			return c
		}
	}
	return d.srv.serverCollation()
}

// SetCollation implements sql.CollatedDatabase.
func (d *Database) SetCollation(ctx *sql.Context, collation sql.CollationID) error {
	txn, err := txnOf(ctx)
	if err != nil {
		return err
	}
	def, ok := txn.Catalog().Database(d.name)
	if !ok {
		return sql.ErrDatabaseNotFound.New(d.name)
	}
	nd := *def
	nd.Charset, nd.Collation = collation.CharacterSet().Name(), collation.Name()
	return translateStorageError(txn.PutDatabase(nd))
}

// serverCollation is the collation of --character-set-server/--collation-server.
func (s *Server) serverCollation() sql.CollationID {
	c, err := sql.ParseCollation(s.cfg.CharacterSetServer, s.cfg.CollationServer, false)
	if err != nil {
		return sql.Collation_Default
	}
	return c
}

// createdBase reports whether the running statement created the base table db.name (a CREATE
// TABLE beside a temporary table or sequence of that name): for the rest of the statement the
// name means the new table.
func createdBase(ctx *sql.Context, db, name string) bool {
	sess, err := sessionOf(ctx)
	return err == nil && sess.createdBase == (tableName{db, name})
}
