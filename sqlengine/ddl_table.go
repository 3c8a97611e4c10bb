package sqlengine

import (
	"slices"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/plan"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// CREATE TABLE passes its table options (ENGINE, SEQUENCE=1, MIN_ROWS, ...) only to the
// CreateTable hook, not to Database.CreateTable. The hook stores them in the session, and
// CreateTable takes them from there. The hook also does what MariaDB does before creating:
// CREATE OR REPLACE drops the old table, and SEQUENCE=1 checks the whole definition.
type createOptions struct {
	db, name   string
	opts       map[string]any
	like       *storage.TableDef      // the table of CREATE TABLE ... LIKE, if one of seqd's
	engineOpts []storage.EngineOption // the engine-defined options, in order
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
	sess, err := sessionOf(ctx)
	if err != nil {
		return n, nil
	}
	db := ct.Db.Name()
	if err := addSelectOptions(sess, db, ct); err != nil {
		return nil, err
	}
	if sess.pendingLike == (tableName{db, ct.Name()}) {
		sess.pendingLike = tableName{}
		return nil, mariaErr(sequences.ErrNonUniqTable, ct.Name())
	}
	opts := &createOptions{db: db, name: ct.Name(), opts: ct.TableOpts, like: s.likeSource(ctx, sess), engineOpts: sess.engineOpts}
	sess.engineOpts = nil
	if ct.IfNotExists() && sess.pendingReplace != (tableName{db, ct.Name()}) && s.nameTaken(ctx, db, ct.Name(), ct.Temporary()) {
		// GMS skips the statement silently; MariaDB leaves a note.
		note(ctx, sequences.ErrTableExists, ct.Name())
		return n, nil
	}
	if err := s.checkAutoKey(ctx, ct); err != nil {
		return nil, err
	}
	if ct.Temporary() && len(ct.ForeignKeys()) > 0 {
		// InnoDB refuses before creating anything (the other engines' clauses are gone).
		return nil, mariaErr(sequences.ErrCantCreateTable, db, ct.Name(), errnoFKIncorrect)
	}
	if isSequenceOption(ct.TableOpts) || opts.like != nil && opts.like.Sequence {
		if err := validateSequenceCreate(ctx, db, ct); err != nil {
			return nil, err
		}
	} else if err := s.checkCreateRules(ctx, db, ct, opts.like); err != nil {
		return nil, err
	}
	if sess.pendingReplace == (tableName{db, ct.Name()}) {
		sess.pendingReplace = tableName{}
		if err := s.dropForReplace(ctx, db, ct.Name(), ct.Temporary()); err != nil {
			return nil, err
		}
	}
	sess.pendingCreate = opts
	return n, nil
}

// checkCreateRules checks CREATE TABLE's keys against the rules of the table's engine
// (checkEngineRules in archive.go checks a definition that exists).
func (s *Server) checkCreateRules(ctx *sql.Context, db string, ct *plan.CreateTable, like *storage.TableDef) error {
	engine := s.defaultEngine(ctx)
	if like != nil {
		engine = like.Engine
	}
	for k, v := range ct.TableOpts {
		if strings.EqualFold(k, "engine") {
			e, ok := canonicalEngine(toString(v))
			if !ok {
				return nil // applyTableOptions reports the unknown engine
			}
			engine = e
		}
	}
	switch engine {
	case archiveEngine:
		return archiveKeyRules(db, ct.Name(), planKeys(ct))
	case "InnoDB":
		return forcePrimaryKey(ctx, planKeys(ct))
	}
	return nil
}

// likeSource returns the definition of the table CREATE TABLE ... LIKE copies (GMS's plan
// keeps only its columns, so the parser noted its name).
func (s *Server) likeSource(ctx *sql.Context, sess *Session) *storage.TableDef {
	l := sess.pendingLike
	sess.pendingLike = tableName{}
	if l.name == "" {
		return nil
	}
	def, _, ok := s.findTableDef(ctx, l.db, l.name)
	if !ok {
		return nil
	}
	return def
}

func isSequenceOption(opts map[string]any) bool {
	for k, v := range opts {
		if strings.EqualFold(k, "sequence") {
			s, _ := v.(string)
			return s == "1"
		}
	}
	return false
}

// dropForReplace drops the table or sequence CREATE OR REPLACE TABLE replaces: a temporary one
// for CREATE OR REPLACE TEMPORARY TABLE, else the base one. As in MariaDB, a temporary table or
// sequence of the name stays when a base table replaces the base table.
func (s *Server) dropForReplace(ctx *sql.Context, db, name string, temporary bool) error {
	if temporary {
		if s.sessionTemp(ctx).has(db, name) {
			return s.sessionTemp(ctx).drop(ctx, s, db, name)
		}
		return nil
	}
	txn, err := txnOf(ctx)
	if err != nil {
		return err
	}
	return s.dropTableIn(ctx, txn, db, name)
}

// takeCreateOptions returns the options of the CREATE TABLE for db.name.
func takeCreateOptions(ctx *sql.Context, db, name string) *createOptions {
	sess, err := sessionOf(ctx)
	if err != nil || sess.pendingCreate == nil {
		return nil
	}
	p := sess.pendingCreate
	sess.pendingCreate = nil
	if p.db != db || p.name != name {
		return nil
	}
	return p
}

// CreateTable implements sql.TableCreator.
func (d *Database) CreateTable(ctx *sql.Context, name string, sch sql.PrimaryKeySchema, collation sql.CollationID, comment string) error {
	if err := d.checkNewBaseName(ctx, name); err != nil {
		return err
	}
	def, err := d.newTableDef(ctx, name, sch, collation, comment)
	if err != nil {
		return err
	}
	return d.createBaseTable(ctx, def)
}

// createBaseTable creates a base table and notes it for the rest of the statement: GMS looks the
// new table up by name to add its keys, and must find it, not a temporary table or sequence of
// the same name (MariaDB creates the base table beside the temporary one).
func (d *Database) createBaseTable(ctx *sql.Context, def *storage.TableDef) error {
	if err := d.createTable(ctx, def); err != nil {
		return err
	}
	if sess, err := sessionOf(ctx); err == nil {
		sess.createdBase = tableName{d.name, def.Name}
	}
	return nil
}

// CreateIndexedTable implements sql.IndexedTableCreator: the primary key may have prefix lengths.
func (d *Database) CreateIndexedTable(ctx *sql.Context, name string, sch sql.PrimaryKeySchema, idx sql.IndexDef, collation sql.CollationID, comment string) error {
	if err := d.checkNewBaseName(ctx, name); err != nil {
		return err
	}
	def, err := d.newTableDef(ctx, name, sch, collation, comment)
	if err != nil {
		return err
	}
	def.PrimaryKey = nil
	for _, c := range idx.Columns {
		def.PrimaryKey = append(def.PrimaryKey, storage.IndexColumn{Name: c.Name, Prefix: int(c.Length)})
	}
	applyDescParts(ctx, "primary", def.PrimaryKey)
	return d.createBaseTable(ctx, def)
}

// checkNewBaseName fails with 1050 when a table or view already has the name of a new base
// table: MariaDB checks that before it looks at the columns, so CREATE TABLE [IF NOT EXISTS] of
// a taken name gives 1050 (or the note) even when a column default names a missing sequence.
func (d *Database) checkNewBaseName(ctx *sql.Context, name string) error {
	txn, err := txnOf(ctx)
	if err != nil {
		return err
	}
	cat := txn.Catalog()
	_, isTable := cat.Table(d.name, name)
	_, isView := cat.View(d.name, name)
	if !isTable && !isView {
		return nil
	}
	takeCreateOptions(ctx, d.name, name) // the statement's options go with it
	return sql.ErrTableAlreadyExists.New(name)
}

// newTableDef builds the definition of a new table from GMS's schema and the statement's options.
func (d *Database) newTableDef(ctx *sql.Context, name string, sch sql.PrimaryKeySchema, collation sql.CollationID, comment string) (*storage.TableDef, error) {
	co := takeCreateOptions(ctx, d.name, name)
	if err := d.srv.checkDefaultSequences(ctx, sch.Schema...); err != nil {
		return nil, err
	}
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
	if err := markInvisible(ctx, def); err != nil {
		return nil, err
	}
	var opts map[string]any
	if co != nil {
		opts = co.opts
		if co.like != nil {
			def.Engine, def.Sequence = co.like.Engine, co.like.Sequence
			def.Options = cloneOptions(co.like.Options)
			if def.Comment == "" {
				def.Comment = co.like.Comment
			}
		}
	}
	if err := d.srv.applyTableOptions(ctx, def, opts, co != nil && co.like != nil); err != nil {
		return nil, err
	}
	var given []storage.EngineOption
	if co != nil {
		given = co.engineOpts
		if co.like != nil {
			def.EngineOptions = slices.Clone(co.like.EngineOptions)
		}
	}
	if err := setCreateEngineOptions(ctx, def, given, co != nil && co.like != nil); err != nil {
		return nil, err
	}
	return def, nil
}

// applyTableOptions stores ENGINE and the other table options of CREATE TABLE. like says the
// definition already holds the options of the LIKE table, which the statement's own override.
func (s *Server) applyTableOptions(ctx *sql.Context, def *storage.TableDef, opts map[string]any, like bool) error {
	if !like {
		def.Engine = s.defaultEngine(ctx)
	}
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
			if isEngineOption(key) {
				continue // in order in createOptions.engineOpts
			}
			if def.Options == nil {
				def.Options = map[string]string{}
			}
			def.Options[strings.ToUpper(key)] = val
		}
	}
	return nil
}

func cloneOptions(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
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
	if def.ID, err = txn.NextObjectID(); err != nil {
		return translateStorageError(err)
	}
	if err := txn.PutTable(def); err != nil {
		return translateStorageError(err)
	}
	if def.Sequence {
		return d.srv.initSequenceTable(txn, def, false)
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
	if err := dropTableTriggers(txn, d.name, def.Name); err != nil {
		return err
	}
	if err := txn.DeleteTable(def.ID); err != nil {
		return translateStorageError(err)
	}
	d.srv.forgetTable(def.ID)
	return nil
}

// RenameTable implements sql.TableRenamer. A sequence's cache is discarded, as in MariaDB.
// When a pair of RENAME TABLE fails, the temporary tables the statement renamed get their names
// back (the catalogue's renames go with the statement's transaction).
func (d *Database) RenameTable(ctx *sql.Context, oldName, newName string) error {
	temp := d.srv.sessionTemp(ctx)
	if temp.has(d.name, oldName) {
		err := temp.rename(d.srv, d.name, oldName, newName)
		if err == nil {
			temp.noteRename(ctx, d.name, oldName, newName)
			return nil
		}
		if q := ctx.Query(); sql.ErrTableAlreadyExists.Is(err) && (&lexer{src: q}).next().isWord(q, "rename") {
			// The undo of RENAME TABLE (not ALTER TABLE ... RENAME) also renames the failed
			// pair back, and finds its old name taken.
			noteAfterError(ctx, &sql.Warning{Level: "Error", Code: sequences.ErrTableExists.Code,
				Message: sequences.ErrTableExists.New(oldName).Message})
		}
		temp.undoRenames(ctx, d.srv)
		return err
	}
	err := d.renameBaseTable(ctx, oldName, newName)
	if err != nil {
		temp.undoRenames(ctx, d.srv)
	}
	return err
}

// renameBaseTable renames a table or sequence of the catalogue.
func (d *Database) renameBaseTable(ctx *sql.Context, oldName, newName string) error {
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
	if _, exists := cat.View(d.name, newName); exists {
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
	if err := renameTableTriggers(txn, d.name, oldName, newName); err != nil {
		return err
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
		return d.srv.initSequenceTable(txn, def, true)
	}
	return nil
}

// nameTaken reports whether CREATE TABLE db.name would find the name taken: for a temporary
// table by a temporary table or sequence of the session, for a base table by a table, sequence
// or view (MariaDB creates a base table beside a temporary one of the same name).
func (s *Server) nameTaken(ctx *sql.Context, db, name string, temporary bool) bool {
	if temporary {
		return s.sessionTemp(ctx).has(db, name)
	}
	cat := s.catalogOf(ctx)
	if _, ok := cat.Table(db, name); ok {
		return true
	}
	_, ok := cat.View(db, name)
	return ok
}

// createSelectIfNotExists runs CREATE TABLE IF NOT EXISTS ... SELECT when the table exists: GMS
// would copy the rows into it; MariaDB leaves a note and copies nothing. ok is false otherwise.
func (s *Server) createSelectIfNotExists(ctx *sql.Context, n *plan.TableCopier) (sql.RowIter, bool) {
	ct, isCreate := n.Destination.(*plan.CreateTable)
	if !isCreate || !ct.IfNotExists() || !s.nameTaken(ctx, ct.Db.Name(), ct.Name(), ct.Temporary()) {
		return nil, false
	}
	if sess, err := sessionOf(ctx); err == nil && sess.pendingReplace == (tableName{ct.Db.Name(), ct.Name()}) {
		return nil, false
	}
	note(ctx, sequences.ErrTableExists, ct.Name())
	return okResult(0), true
}
