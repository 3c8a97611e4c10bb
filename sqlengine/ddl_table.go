package sqlengine

import (
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/plan"

	"github.com/seqd/seqd/storage"
)

// CREATE TABLE passes its table options (ENGINE, SEQUENCE=1, MIN_ROWS, ...) only to the
// CreateTable hook, not to Database.CreateTable. The hook stores them in the session, and
// CreateTable takes them from there.
type createOptions struct {
	db, name string
	opts     map[string]any
}

// hooks returns the GMS execution hooks seqd uses.
func (s *Server) hooks() sql.ExecutionHooks {
	return sql.ExecutionHooks{
		CreateTable: sql.CreateTable{PreSQLExecution: s.beforeCreateTable},
	}
}

func (s *Server) beforeCreateTable(ctx *sql.Context, _ sql.StatementRunner, n sql.Node) (sql.Node, error) {
	ct, ok := n.(*plan.CreateTable)
	if !ok {
		return n, nil
	}
	if sess, err := sessionOf(ctx); err == nil {
		sess.pendingCreate = &createOptions{db: ct.Db.Name(), name: ct.Name(), opts: ct.TableOpts}
	}
	return n, nil
}

// takeCreateOptions returns the table options of the CREATE TABLE for db.name.
func takeCreateOptions(ctx *sql.Context, db, name string) map[string]any {
	sess, err := sessionOf(ctx)
	if err != nil || sess.pendingCreate == nil {
		return nil
	}
	p := sess.pendingCreate
	sess.pendingCreate = nil
	if p.db != db || p.name != name {
		return nil
	}
	return p.opts
}

// CreateTable implements sql.TableCreator.
func (d *Database) CreateTable(ctx *sql.Context, name string, sch sql.PrimaryKeySchema, collation sql.CollationID, comment string) error {
	def, err := d.newTableDef(ctx, name, sch, collation, comment)
	if err != nil {
		return err
	}
	return d.createTable(ctx, def)
}

// CreateIndexedTable implements sql.IndexedTableCreator: the primary key may have prefix lengths.
func (d *Database) CreateIndexedTable(ctx *sql.Context, name string, sch sql.PrimaryKeySchema, idx sql.IndexDef, collation sql.CollationID, comment string) error {
	def, err := d.newTableDef(ctx, name, sch, collation, comment)
	if err != nil {
		return err
	}
	def.PrimaryKey = nil
	for _, c := range idx.Columns {
		def.PrimaryKey = append(def.PrimaryKey, storage.IndexColumn{Name: c.Name, Prefix: int(c.Length)})
	}
	return d.createTable(ctx, def)
}

// newTableDef builds the definition of a new table from GMS's schema and the statement's options.
func (d *Database) newTableDef(ctx *sql.Context, name string, sch sql.PrimaryKeySchema, collation sql.CollationID, comment string) (*storage.TableDef, error) {
	opts := takeCreateOptions(ctx, d.name, name)
	def := &storage.TableDef{DB: d.name, Name: name, Comment: comment}
	for _, col := range sch.Schema {
		def.Columns = append(def.Columns, columnDef(col))
	}
	for _, ord := range sch.PkOrdinals {
		def.PrimaryKey = append(def.PrimaryKey, storage.IndexColumn{Name: sch.Schema[ord].Name})
	}
	if collation == sql.Collation_Unspecified {
		collation = (&Database{srv: d.srv, name: d.name}).GetCollation(ctx)
	}
	def.Charset, def.Collation = collation.CharacterSet().Name(), collation.Name()
	d.srv.keepColumnTypes(ctx, def, nil)
	if err := d.srv.applyTableOptions(ctx, def, opts); err != nil {
		return nil, err
	}
	return def, nil
}

// applyTableOptions stores ENGINE and the other table options of CREATE TABLE.
func (s *Server) applyTableOptions(ctx *sql.Context, def *storage.TableDef, opts map[string]any) error {
	def.Engine = s.defaultEngine(ctx)
	for k, v := range opts {
		key := strings.ToLower(k)
		val, _ := v.(string)
		switch key {
		case "engine":
			e, ok := canonicalEngine(val)
			if !ok {
				return errUnknownStorageEngine(val)
			}
			def.Engine = e
		case "comment", "auto_increment", "collate", "character set", "charset", "default charset", "default collate":
			// handled by GMS or the CreateTable arguments
		case "sequence":
			def.Sequence = val == "1"
		default:
			if def.Options == nil {
				def.Options = map[string]string{}
			}
			def.Options[strings.ToUpper(key)] = val
		}
	}
	return nil
}

// defaultEngine is the session's default_storage_engine.
func (s *Server) defaultEngine(ctx *sql.Context) string {
	if v, err := ctx.GetSessionVariable(ctx, "default_storage_engine"); err == nil {
		if e, ok := canonicalEngine(toString(v)); ok {
			return e
		}
	}
	return mustCanonicalEngine(s.cfg.DefaultStorageEngine)
}

func toString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	}
	return ""
}

// createTable stages a new base table.
func (d *Database) createTable(ctx *sql.Context, def *storage.TableDef) error {
	txn, err := txnOf(ctx)
	if err != nil {
		return err
	}
	cat := txn.Catalog()
	if _, ok := cat.Table(d.name, def.Name); ok {
		return sql.ErrTableAlreadyExists.New(def.Name)
	}
	if _, ok := cat.View(d.name, def.Name); ok {
		return sql.ErrTableAlreadyExists.New(def.Name)
	}
	if def.Sequence {
		if err := validateSequenceTableDef(ctx, def); err != nil {
			return err
		}
	}
	if def.ID, err = txn.NextObjectID(); err != nil {
		return translateStorageError(err)
	}
	if err := txn.PutTable(def); err != nil {
		return translateStorageError(err)
	}
	if def.Sequence {
		return d.srv.initSequenceTable(ctx, txn, def)
	}
	if isVitessSequence(def) {
		return d.srv.initVitessSequence(ctx, txn, def)
	}
	return nil
}

// DropTable implements sql.TableDropper.
func (d *Database) DropTable(ctx *sql.Context, name string) error {
	if d.srv.sessionTemp(ctx).has(d.name, name) {
		return d.srv.sessionTemp(ctx).drop(ctx, d.srv, d.name, name)
	}
	txn, err := txnOf(ctx)
	if err != nil {
		return err
	}
	def, ok := txn.Catalog().Table(d.name, name)
	if !ok {
		return sql.ErrTableNotFound.New(name)
	}
	if err := lockForWrite(ctx, txn, def.ID); err != nil {
		return err
	}
	if err := txn.DeleteTable(def.ID); err != nil {
		return translateStorageError(err)
	}
	d.srv.forgetTable(def.ID)
	return nil
}

// RenameTable implements sql.TableRenamer. A sequence's cache is discarded, as in MariaDB.
func (d *Database) RenameTable(ctx *sql.Context, oldName, newName string) error {
	if d.srv.sessionTemp(ctx).has(d.name, oldName) {
		return d.srv.sessionTemp(ctx).rename(d.name, oldName, newName)
	}
	txn, err := txnOf(ctx)
	if err != nil {
		return err
	}
	cat := txn.Catalog()
	def, ok := cat.Table(d.name, oldName)
	if !ok {
		return sql.ErrTableNotFound.New(oldName)
	}
	if _, exists := cat.Table(d.name, newName); exists {
		return sql.ErrTableAlreadyExists.New(newName)
	}
	if err := lockForWrite(ctx, txn, def.ID); err != nil {
		return err
	}
	nd := def.Clone()
	nd.Name = newName
	if err := txn.PutTable(nd); err != nil {
		return translateStorageError(err)
	}
	if def.Sequence {
		d.srv.seqs.Rename(def.ID, d.name, newName)
	}
	return nil
}

// CreateTemporaryTable implements sql.TemporaryTableCreator.
func (d *Database) CreateTemporaryTable(ctx *sql.Context, name string, sch sql.PrimaryKeySchema, collation sql.CollationID) error {
	temp := d.srv.sessionTemp(ctx)
	if temp.has(d.name, name) {
		return sql.ErrTableAlreadyExists.New(name)
	}
	def, err := d.newTableDef(ctx, name, sch, collation, "")
	if err != nil {
		return err
	}
	txn, err := txnOf(ctx)
	if err != nil {
		return err
	}
	if def.ID, err = txn.NextObjectID(); err != nil {
		return translateStorageError(err)
	}
	if err := temp.put(def); err != nil {
		return err
	}
	if def.Sequence {
		return d.srv.initSequenceTable(ctx, txn, def)
	}
	return nil
}
