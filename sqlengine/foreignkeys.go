package sqlengine

import (
	"slices"
	"sort"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/vitess/go/mysql"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// FOREIGN KEY constraints of InnoDB tables. GMS enforces them (its analyzer wraps INSERT, UPDATE
// and DELETE in plan.ForeignKeyHandler, which checks parent rows and runs the referential
// actions) for tables that implement sql.ForeignKeyTable; seqd's part is to keep the constraints
// in the table definitions (storage.ForeignKeyDef), to list the constraints that reference a
// table, and to give GMS editors that look rows up by index. Only InnoDB tables have
// constraints: for the other engines MariaDB ignores the clause (fkparse.go rewrites CREATE
// TABLE; AddForeignKey ignores ALTER TABLE ... ADD FOREIGN KEY after GMS created the key).
//
// A statement that checks a parent table holds its Shared lock until the transaction ends, so
// that another transaction cannot delete the parent row before this one commits; writers of the
// parent take the Exclusive lock as always.

var _ sql.ForeignKeyTable = (*Table)(nil)

// errnoFKIncorrect is InnoDB's reason for a constraint it cannot create.
var errnoFKIncorrect = sequences.Errno{Code: 150, Text: "Foreign key constraint is incorrectly formed"}

// errnoDuplicateKey is InnoDB's reason for a constraint name that is taken in the database.
var errnoDuplicateKey = sequences.Errno{Code: 121, Text: "Duplicate key on write or update"}

// hasForeignKeyEngine reports whether the table's engine keeps FOREIGN KEY constraints.
func (t *Table) hasForeignKeyEngine() bool {
	return !t.temp && t.meta.def.Engine == "InnoDB"
}

// CreateIndexForForeignKey implements sql.ForeignKeyTable.
func (t *Table) CreateIndexForForeignKey(ctx *sql.Context, idx sql.IndexDef) error {
	return t.CreateIndex(ctx, idx)
}

// GetDeclaredForeignKeys implements sql.ForeignKeyTable.
func (t *Table) GetDeclaredForeignKeys(ctx *sql.Context) ([]sql.ForeignKeyConstraint, error) {
	if !t.hasForeignKeyEngine() {
		return nil, nil
	}
	def := t.meta.def
	out := make([]sql.ForeignKeyConstraint, 0, len(def.ForeignKeys))
	for _, fk := range def.ForeignKeys {
		out = append(out, fkConstraint(def, fk))
	}
	return out, nil
}

// GetReferencedForeignKeys implements sql.ForeignKeyTable: the constraints of every table
// (of any database) that reference t, self-references included.
func (t *Table) GetReferencedForeignKeys(ctx *sql.Context) ([]sql.ForeignKeyConstraint, error) {
	if !t.hasForeignKeyEngine() {
		return nil, nil
	}
	var out []sql.ForeignKeyConstraint
	for _, r := range referencingKeys(t.srv.catalogOf(ctx), t.meta.def.DB, t.meta.def.Name) {
		out = append(out, fkConstraint(r.child, r.fk))
	}
	return out, nil
}

// fkRef is a constraint with the table that declares it.
type fkRef struct {
	child *storage.TableDef
	fk    storage.ForeignKeyDef
}

// referencingKeys lists the constraints that reference db.name, in a stable order.
func referencingKeys(cat *storage.Catalog, db, name string) []fkRef {
	var out []fkRef
	for _, d := range cat.Databases() {
		for _, def := range cat.Tables(d.Name) {
			for _, fk := range def.ForeignKeys {
				if fk.RefDB == db && strings.EqualFold(fk.RefTable, name) {
					out = append(out, fkRef{def, fk})
				}
			}
		}
	}
	return out
}

// AddForeignKey implements sql.ForeignKeyTable. GMS has checked the columns and created the key.
func (t *Table) AddForeignKey(ctx *sql.Context, fk sql.ForeignKeyConstraint) error {
	if t.temp {
		return mariaErr(sequences.ErrCantCreateTable, t.Database(), t.Name(), errnoFKIncorrect)
	}
	if t.meta.def.Engine != "InnoDB" {
		return nil // MariaDB ignores the constraint but keeps its key
	}
	txn, err := t.lockDDL(ctx)
	if err != nil {
		return err
	}
	cat := txn.Catalog()
	if fk.ParentDatabase != "" && !(fk.ParentDatabase == t.Database() && strings.EqualFold(fk.ParentTable, t.Name())) {
		if p, ok := cat.Table(fk.ParentDatabase, fk.ParentTable); ok && (p.Engine != "InnoDB" || p.Sequence) {
			return mariaErr(sequences.ErrCantCreateTable, t.Database(), t.Name(), errnoFKIncorrect)
		}
	}
	for _, def := range cat.Tables(t.Database()) {
		for _, other := range def.ForeignKeys {
			if strings.EqualFold(other.Name, fk.Name) {
				return mariaErr(sequences.ErrCantCreateTable, t.Database(), t.Name(), errnoDuplicateKey)
			}
		}
	}
	def := t.meta.def.Clone()
	def.ForeignKeys = append(def.ForeignKeys, storageForeignKey(fk))
	return t.stageDef(ctx, def)
}

// DropForeignKey implements sql.ForeignKeyTable.
func (t *Table) DropForeignKey(ctx *sql.Context, fkName string, tableName string, schemaName string) error {
	i := t.foreignKeyIndex(fkName)
	if i < 0 {
		return mariaErr(sequences.ErrCantDropFieldOrKey, "FOREIGN KEY", fkName)
	}
	if _, err := t.lockDDL(ctx); err != nil {
		return err
	}
	def := t.meta.def.Clone()
	def.ForeignKeys = slices.Delete(def.ForeignKeys, i, i+1)
	return t.stageDef(ctx, def)
}

// UpdateForeignKey implements sql.ForeignKeyTable.
func (t *Table) UpdateForeignKey(ctx *sql.Context, fkName string, fk sql.ForeignKeyConstraint) error {
	i := t.foreignKeyIndex(fkName)
	if i < 0 {
		return sql.ErrForeignKeyNotFound.New(fkName, t.Name())
	}
	nfk := storageForeignKey(fk)
	if reflectEqualFK(t.meta.def.ForeignKeys[i], nfk) {
		return nil
	}
	if _, err := t.lockDDL(ctx); err != nil {
		return err
	}
	def := t.meta.def.Clone()
	def.ForeignKeys[i] = nfk
	return t.stageDef(ctx, def)
}

func reflectEqualFK(a, b storage.ForeignKeyDef) bool {
	return a.Name == b.Name && slices.Equal(a.Columns, b.Columns) && a.RefDB == b.RefDB &&
		a.RefTable == b.RefTable && slices.Equal(a.RefColumns, b.RefColumns) && a.OnUpdate == b.OnUpdate && a.OnDelete == b.OnDelete
}

func (t *Table) foreignKeyIndex(name string) int {
	if !t.hasForeignKeyEngine() {
		return -1
	}
	for i, fk := range t.meta.def.ForeignKeys {
		if strings.EqualFold(fk.Name, name) {
			return i
		}
	}
	return -1
}

// GetForeignKeyEditor implements sql.ForeignKeyTable. The editor locks the table when it is
// first used: Shared to look up parent rows, Exclusive to write.
func (t *Table) GetForeignKeyEditor(ctx *sql.Context) sql.ForeignKeyEditor {
	txn, err := txnOf(ctx)
	e := &editor{t: t, txn: txn, lockErr: err, stats: t.srv.admin.tables.forWrites(t.meta.def)}
	return &fkEditor{editor: e, ctx: ctx}
}

// fkEditor is the editor GMS uses for the tables a statement touches through foreign keys (and
// for the statement's own table, when it has constraints).
type fkEditor struct {
	*editor
	ctx    *sql.Context
	shared bool // the Shared lock is held
	locked bool // the Exclusive lock is held
}

var _ sql.ForeignKeyEditor = (*fkEditor)(nil)

func (f *fkEditor) lock(ctx *sql.Context, mode storage.LockMode) error {
	if f.lockErr != nil || f.locked || f.t.temp || (mode == storage.Shared && f.shared) {
		return f.lockErr
	}
	if err := checkLocked(ctx, f.t.Database(), f.t.Name(), mode == storage.Exclusive); err != nil {
		return err
	}
	if err := lockResult(ctx, f.txn, f.txn.Lock(ctx, f.t.ID(), mode, lockWaitTimeout(ctx))); err != nil {
		return err
	}
	if mode == storage.Exclusive {
		f.locked = true
		if f.t.meta.autoIncOrd >= 0 {
			f.t.srv.autoInc.beginStatement(f.t.ID())
		}
	}
	f.shared = true
	return nil
}

// Insert implements sql.RowInserter.
func (f *fkEditor) Insert(ctx *sql.Context, row sql.Row) error {
	if err := f.lock(ctx, storage.Exclusive); err != nil {
		return err
	}
	return f.editor.Insert(ctx, row)
}

// Update implements sql.RowUpdater.
func (f *fkEditor) Update(ctx *sql.Context, old, new sql.Row) error {
	if err := f.lock(ctx, storage.Exclusive); err != nil {
		return err
	}
	return f.editor.Update(ctx, old, new)
}

// Delete implements sql.RowDeleter.
func (f *fkEditor) Delete(ctx *sql.Context, row sql.Row) error {
	if err := f.lock(ctx, storage.Exclusive); err != nil {
		return err
	}
	return f.editor.Delete(ctx, row)
}

// GetIndexes implements sql.IndexAddressable.
func (f *fkEditor) GetIndexes(ctx *sql.Context) ([]sql.Index, error) { return f.t.GetIndexes(ctx) }

// PreciseMatch implements sql.IndexAddressable.
func (f *fkEditor) PreciseMatch() bool { return true }

// IndexedAccess implements sql.IndexAddressable: a lookup of parent (or child) rows.
func (f *fkEditor) IndexedAccess(ctx *sql.Context, lookup sql.IndexLookup) sql.IndexedTable {
	if err := f.lock(ctx, storage.Shared); err != nil {
		return &failedTable{Table: f.t, err: err}
	}
	return f.t.IndexedAccess(ctx, lookup)
}

// failedTable is an indexed access whose lock failed: reading it reports the error.
type failedTable struct {
	*Table
	err error
}

// LookupPartitions implements sql.IndexedTable.
func (ft *failedTable) LookupPartitions(*sql.Context, sql.IndexLookup) (sql.PartitionIter, error) {
	return nil, ft.err
}

// Partitions implements sql.Table.
func (ft *failedTable) Partitions(*sql.Context) (sql.PartitionIter, error) { return nil, ft.err }

// fkConstraint is GMS's form of a stored constraint of def.
func fkConstraint(def *storage.TableDef, fk storage.ForeignKeyDef) sql.ForeignKeyConstraint {
	return sql.ForeignKeyConstraint{
		Name:           fk.Name,
		Database:       def.DB,
		Table:          def.Name,
		ParentDatabase: fk.RefDB,
		ParentTable:    fk.RefTable,
		Columns:        slices.Clone(fk.Columns),
		ParentColumns:  slices.Clone(fk.RefColumns),
		OnUpdate:       sql.ForeignKeyReferentialAction(fkActionOrDefault(fk.OnUpdate)),
		OnDelete:       sql.ForeignKeyReferentialAction(fkActionOrDefault(fk.OnDelete)),
		IsResolved:     true,
	}
}

func fkActionOrDefault(a string) string {
	if a == "" {
		return string(sql.ForeignKeyReferentialAction_DefaultAction)
	}
	return a
}

// storageForeignKey is the stored form of a GMS constraint.
func storageForeignKey(fk sql.ForeignKeyConstraint) storage.ForeignKeyDef {
	action := func(a sql.ForeignKeyReferentialAction) string {
		if a == sql.ForeignKeyReferentialAction_DefaultAction {
			return ""
		}
		return string(a)
	}
	return storage.ForeignKeyDef{
		Name:       fk.Name,
		Columns:    slices.Clone(fk.Columns),
		RefDB:      fk.ParentDatabase,
		RefTable:   fk.ParentTable,
		RefColumns: slices.Clone(fk.ParentColumns),
		OnUpdate:   action(fk.OnUpdate),
		OnDelete:   action(fk.OnDelete),
	}
}

// foreignKeyText is a constraint as SHOW CREATE TABLE and the errors print it: CONSTRAINT `n`
// FOREIGN KEY (...) REFERENCES `p` (...) and the actions InnoDB prints (not RESTRICT, the default).
func foreignKeyText(db string, fk storage.ForeignKeyDef) string {
	quoteAll := func(names []string) string {
		q := make([]string, len(names))
		for i, n := range names {
			q[i] = quoteIdent(n)
		}
		return strings.Join(q, ", ")
	}
	ref := quoteIdent(fk.RefTable)
	if fk.RefDB != db {
		ref = quoteIdent(fk.RefDB) + "." + ref
	}
	s := "CONSTRAINT " + quoteIdent(fk.Name) + " FOREIGN KEY (" + quoteAll(fk.Columns) + ") REFERENCES " + ref + " (" + quoteAll(fk.RefColumns) + ")"
	if a := fk.OnDelete; a != "" && a != "RESTRICT" {
		s += " ON DELETE " + a
	}
	if a := fk.OnUpdate; a != "" && a != "RESTRICT" {
		s += " ON UPDATE " + a
	}
	return s
}

// foreignKeyLines are the CONSTRAINT lines of SHOW CREATE TABLE, ordered by name as InnoDB
// keeps them.
func foreignKeyLines(def *storage.TableDef) []string {
	fks := slices.Clone(def.ForeignKeys)
	sort.SliceStable(fks, func(i, j int) bool { return fks[i].Name < fks[j].Name })
	out := make([]string, len(fks))
	for i, fk := range fks {
		out[i] = "  " + foreignKeyText(def.DB, fk)
	}
	return out
}

// constraintError is MariaDB's 1451 or 1452 for the constraint name of table (in the current
// database or, failing that, any): "(`db`.`table`, CONSTRAINT ...)".
func constraintError(sess *Session, kind *sequences.Kind, name, table string) error {
	cat := sess.srv.db.Catalog()
	find := func(db string) (string, bool) {
		def, ok := cat.Table(db, table)
		if !ok {
			return "", false
		}
		for _, fk := range def.ForeignKeys {
			if fk.Name == name {
				return quoteIdent(db) + "." + quoteIdent(def.Name) + ", " + foreignKeyText(db, fk), true
			}
		}
		return "", false
	}
	if text, ok := find(sess.GetCurrentDatabase()); ok {
		return mariaErr(kind, text)
	}
	for _, d := range cat.Databases() {
		if text, ok := find(d.Name); ok {
			return mariaErr(kind, text)
		}
	}
	return mariaErr(kind, quoteIdent(table)+", CONSTRAINT "+quoteIdent(name))
}

// errParentRowReferenced is MariaDB's 1451 without a constraint: DROP TABLE of a parent.
func errParentRowReferenced() error {
	return mysql.NewSQLError(1451, "23000", "Cannot delete or update a parent row: a foreign key constraint fails")
}

// foreignKeyChecks is the session's foreign_key_checks.
func foreignKeyChecks(ctx *sql.Context) bool {
	v, err := ctx.GetSessionVariable(ctx, "foreign_key_checks")
	if err != nil {
		return true
	}
	switch x := v.(type) {
	case int8:
		return x != 0
	case int64:
		return x != 0
	}
	return true
}
