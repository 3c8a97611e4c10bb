package sqlengine

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/dolthub/vitess/go/mysql"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// Schema changes rewrite the table: the new contents are written under a new table id in the
// statement's transaction, and when the rewrite completes the old id's data is range-deleted and
// the new definition takes the table's name. All of it commits (or not) with the transaction.

// stageDef stages a new definition of this table (same id) and switches t to it.
func (t *Table) stageDef(ctx *sql.Context, def *storage.TableDef) error {
	if err := checkEngineRules(ctx, def, t.Name()); err != nil {
		return err
	}
	if err := t.srv.checkStoredDefaults(ctx, def.DB, def.Columns); err != nil {
		return err
	}
	txn, err := txnOf(ctx)
	if err != nil {
		return err
	}
	if !t.temp {
		if err := txn.PutTable(def); err != nil {
			return translateStorageError(err)
		}
	} else if err := t.srv.sessionTemp(ctx).put(def); err != nil {
		return err
	}
	return t.switchTo(ctx, def)
}

// switchTo makes t use def from now on.
func (t *Table) switchTo(ctx *sql.Context, def *storage.TableDef) error {
	m, err := t.srv.metas.get(ctx, def)
	if err != nil {
		return err
	}
	t.meta, t.sch = m, m.schema()
	return nil
}

// lockDDL takes the table's exclusive lock for a schema change.
func (t *Table) lockDDL(ctx *sql.Context) (*storage.Txn, error) {
	txn, err := txnOf(ctx)
	if err != nil || t.temp {
		return txn, err
	}
	return txn, lockForWrite(ctx, txn, t.ID())
}

// ShouldRewriteTable implements sql.RewritableTable: every column or key change rewrites.
func (t *Table) ShouldRewriteTable(*sql.Context, sql.PrimaryKeySchema, sql.PrimaryKeySchema, *sql.Column, *sql.Column) bool {
	return true
}

// RewriteInserter implements sql.RewritableTable. GMS inserts every row, converted to newSchema,
// into the returned inserter and then closes it.
func (t *Table) RewriteInserter(ctx *sql.Context, oldSchema, newSchema sql.PrimaryKeySchema, oldCol, newCol *sql.Column, idxCols []sql.IndexColumn) (sql.RowInserter, error) {
	if err := t.srv.checkDefaultSequences(ctx, newCol); err != nil {
		return nil, err
	}
	if _, err := t.lockDDL(ctx); err != nil {
		return nil, err
	}
	def := t.meta.def.Clone()
	def.Columns = def.Columns[:0]
	for _, col := range newSchema.Schema {
		def.Columns = append(def.Columns, columnDef(col))
	}
	def.PrimaryKey = nil
	for _, ord := range newSchema.PkOrdinals {
		def.PrimaryKey = append(def.PrimaryKey, t.pkColumnFor(newSchema.Schema[ord].Name, idxCols))
	}
	if len(idxCols) > 0 {
		applyDescParts(ctx, "primary", def.PrimaryKey)
	}
	if err := keyModifiedColumn(def, newSchema, newCol); err != nil {
		return nil, err
	}
	def.Indexes = adjustIndexes(def.Indexes, oldCol, newCol)
	if err := t.srv.checkStoredDefaults(ctx, def.DB, def.Columns); err != nil {
		return nil, err
	}
	if err := t.startAutoRewrite(ctx, oldCol, newCol); err != nil {
		return nil, err
	}
	return t.newRewriter(ctx, def)
}

// keyModifiedColumn makes a column MODIFY or CHANGE declares PRIMARY KEY the primary key (GMS
// keeps only the existing one); a table with another primary key fails with 1068.
func keyModifiedColumn(def *storage.TableDef, newSchema sql.PrimaryKeySchema, newCol *sql.Column) error {
	if newCol == nil || !newCol.PrimaryKey {
		return nil
	}
	for _, ord := range newSchema.PkOrdinals {
		if strings.EqualFold(newSchema.Schema[ord].Name, newCol.Name) {
			return nil
		}
	}
	if len(def.PrimaryKey) > 0 {
		return mariaErr(sequences.ErrMultiplePriKey)
	}
	def.PrimaryKey = []storage.IndexColumn{{Name: newCol.Name}}
	for i := range def.Columns {
		if strings.EqualFold(def.Columns[i].Name, newCol.Name) {
			def.Columns[i].Nullable = false
		}
	}
	return nil
}

// pkColumnFor keeps an existing primary key column's prefix and order, or takes them from the
// index columns of ADD PRIMARY KEY.
func (t *Table) pkColumnFor(name string, idxCols []sql.IndexColumn) storage.IndexColumn {
	for _, ic := range idxCols {
		if strings.EqualFold(ic.Name, name) {
			return storage.IndexColumn{Name: name, Prefix: int(ic.Length)}
		}
	}
	for _, ic := range t.meta.def.PrimaryKey {
		if strings.EqualFold(ic.Name, name) {
			ic.Name = name
			return ic
		}
	}
	return storage.IndexColumn{Name: name}
}

// adjustIndexes renames or drops a changed column in the secondary indexes; an index left
// without columns is dropped, as MariaDB does.
func adjustIndexes(ixs []storage.IndexDef, oldCol, newCol *sql.Column) []storage.IndexDef {
	if oldCol == nil {
		return ixs
	}
	var out []storage.IndexDef
	for _, ix := range ixs {
		var cols []storage.IndexColumn
		for _, ic := range ix.Columns {
			if !strings.EqualFold(ic.Name, oldCol.Name) {
				cols = append(cols, ic)
			} else if newCol != nil {
				ic.Name = newCol.Name
				cols = append(cols, ic)
			}
		}
		if len(cols) > 0 {
			ix.Columns = cols
			out = append(out, ix)
		}
	}
	return out
}

// rewriter collects the rows of a rewritten table under a new id.
type rewriter struct {
	*editor
	old    *Table
	next   *storage.TableDef
	failed bool // an insert failed: Close installs nothing
}

func (t *Table) newRewriter(ctx *sql.Context, def *storage.TableDef) (*rewriter, error) {
	if err := checkEngineRules(ctx, def, t.Name()); err != nil {
		return nil, err
	}
	if err := markInvisible(ctx, def); err != nil {
		return nil, err
	}
	txn, err := txnOf(ctx)
	if err != nil {
		return nil, err
	}
	id, err := txn.NextObjectID()
	if err != nil {
		return nil, translateStorageError(err)
	}
	def.ID = id
	t.srv.keepColumnTypes(ctx, def, t.meta.def)
	m, err := t.srv.metas.get(ctx, def)
	if err != nil {
		return nil, err
	}
	nt := newTable(t.srv, m, t.temp)
	return &rewriter{editor: &editor{t: nt, txn: txn}, old: t, next: def}, nil
}

// Close implements sql.Closer: the new contents replace the old.
func (r *rewriter) Close(ctx *sql.Context) error {
	t := r.old
	if r.failed {
		t.rewrite = nil
		return nil
	}
	oldID := t.ID()
	if t.temp {
		if err := t.srv.sessionTemp(ctx).replace(ctx, r.txn, oldID, r.next); err != nil {
			return err
		}
	} else {
		if err := r.txn.DeleteTable(oldID); err != nil {
			return translateStorageError(err)
		}
		if err := r.txn.PutTable(r.next); err != nil {
			return translateStorageError(err)
		}
	}
	if err := t.carryAutoIncrement(ctx, r.txn, r.next.ID); err != nil {
		return err
	}
	return t.switchTo(ctx, r.next)
}

// carryAutoIncrement moves the AUTO_INCREMENT counter to a rewritten table's new id.
func (t *Table) carryAutoIncrement(ctx *sql.Context, txn *storage.Txn, newID uint64) error {
	old := t.srv.autoInc.state(t.ID())
	old.mu.Lock()
	err := old.loadLocked(txn, t.ID())
	next := old.next
	old.mu.Unlock()
	if err != nil {
		return err
	}
	if t.rewrite != nil {
		next = max(next, t.rewrite.next)
		t.rewrite = nil
	}
	st := t.srv.autoInc.state(newID)
	st.mu.Lock()
	defer st.mu.Unlock()
	st.next, st.loaded = next, true
	if t.temp {
		return nil
	}
	return translateStorageError(txn.SetCounter(storage.AutoIncrementKey(newID), next))
}

// rewriteRows rewrites the table into def, mapping each row with fn.
func (t *Table) rewriteRows(ctx *sql.Context, def *storage.TableDef, fn func(sql.Row) (sql.Row, error)) error {
	if err := t.srv.checkStoredDefaults(ctx, def.DB, def.Columns); err != nil {
		return err
	}
	if _, err := t.lockDDL(ctx); err != nil {
		return err
	}
	rw, err := t.newRewriter(ctx, def)
	if err != nil {
		return err
	}
	it, err := t.fullScan(ctx)
	if err != nil {
		return err
	}
	defer it.Close(ctx)
	for {
		row, err := it.Next(ctx)
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if row, err = fn(row); err != nil {
			return err
		}
		if err := rw.Insert(ctx, row); err != nil {
			return err
		}
	}
	return rw.Close(ctx)
}

// fullScan iterates every row of the table.
func (t *Table) fullScan(ctx *sql.Context) (sql.RowIter, error) {
	lo, hi := storage.RowPrefix(t.ID())
	return t.PartitionRows(ctx, &scanPartition{lo: lo, hi: hi})
}

// AddColumn implements sql.AlterableTable (GMS rewrites instead; this serves direct callers):
// the new column is NULL in every row.
func (t *Table) AddColumn(ctx *sql.Context, col *sql.Column, order *sql.ColumnOrder) error {
	if err := t.srv.checkDefaultSequences(ctx, col); err != nil {
		return err
	}
	pos := columnPosition(t.sch, order)
	def := t.meta.def.Clone()
	def.Columns = slices.Insert(def.Columns, pos, columnDef(col))
	return t.rewriteRows(ctx, def, func(r sql.Row) (sql.Row, error) { return slices.Insert(r.Copy(), pos, nil), nil })
}

// DropColumn implements sql.AlterableTable.
func (t *Table) DropColumn(ctx *sql.Context, name string) error {
	ord := t.meta.ordinal(name)
	if ord < 0 {
		return sql.ErrTableColumnNotFound.New(t.Name(), name)
	}
	def := t.meta.def.Clone()
	def.Columns = slices.Delete(def.Columns, ord, ord+1)
	def.Indexes = adjustIndexes(def.Indexes, t.sch[ord], nil)
	return t.rewriteRows(ctx, def, func(r sql.Row) (sql.Row, error) { return slices.Delete(r.Copy(), ord, ord+1), nil })
}

// ModifyColumn implements sql.AlterableTable: values are converted to the new type.
func (t *Table) ModifyColumn(ctx *sql.Context, name string, col *sql.Column, order *sql.ColumnOrder) error {
	if err := t.srv.checkDefaultSequences(ctx, col); err != nil {
		return err
	}
	ord := t.meta.ordinal(name)
	if ord < 0 {
		return sql.ErrTableColumnNotFound.New(t.Name(), name)
	}
	def := t.meta.def.Clone()
	def.Columns = slices.Delete(def.Columns, ord, ord+1)
	rest := slices.Delete(slices.Clone(t.sch), ord, ord+1)
	pos := columnPosition(rest, order)
	if order == nil {
		pos = ord
	}
	def.Columns = slices.Insert(def.Columns, pos, columnDef(col))
	def.Indexes = adjustIndexes(def.Indexes, t.sch[ord], col)
	return t.rewriteRows(ctx, def, func(r sql.Row) (sql.Row, error) {
		v, _, err := col.Type.Convert(ctx, r[ord])
		if err != nil {
			return nil, err
		}
		out := slices.Delete(r.Copy(), ord, ord+1)
		return slices.Insert(out, pos, v), nil
	})
}

// columnPosition returns where a column goes: FIRST, AFTER x, or last.
func columnPosition(sch sql.Schema, order *sql.ColumnOrder) int {
	if order == nil {
		return len(sch)
	}
	if order.First {
		return 0
	}
	if i := sch.IndexOfColName(order.AfterColumn); i >= 0 {
		return i + 1
	}
	return len(sch)
}

// CreatePrimaryKey implements sql.PrimaryKeyAlterableTable.
func (t *Table) CreatePrimaryKey(ctx *sql.Context, cols []sql.IndexColumn) error {
	def := t.meta.def.Clone()
	def.PrimaryKey = nil
	for _, c := range cols {
		def.PrimaryKey = append(def.PrimaryKey, storage.IndexColumn{Name: c.Name, Prefix: int(c.Length)})
	}
	applyDescParts(ctx, "primary", def.PrimaryKey)
	return t.rewriteRows(ctx, def, func(r sql.Row) (sql.Row, error) { return r, nil })
}

// DropPrimaryKey implements sql.PrimaryKeyAlterableTable.
func (t *Table) DropPrimaryKey(ctx *sql.Context) error {
	def := t.meta.def.Clone()
	def.PrimaryKey = nil
	return t.rewriteRows(ctx, def, func(r sql.Row) (sql.Row, error) { return r, nil })
}

// CreateIndex implements sql.IndexAlterableTable: the index is built from the existing rows.
func (t *Table) CreateIndex(ctx *sql.Context, idx sql.IndexDef) error {
	if idx.IsFullText() || idx.IsSpatial() || idx.IsVector() {
		return errNotSupportedYet("FULLTEXT, SPATIAL and VECTOR indexes")
	}
	for _, ix := range t.meta.def.Indexes {
		if strings.EqualFold(ix.Name, idx.Name) {
			return sql.ErrDuplicateKey.New(idx.Name)
		}
	}
	txn, err := t.lockDDL(ctx)
	if err != nil {
		return err
	}
	def := t.meta.def.Clone()
	nd := storage.IndexDef{ID: def.NextIndexID(), Name: idx.Name, Unique: idx.IsUnique(), Comment: idx.Comment}
	for _, c := range idx.Columns {
		nd.Columns = append(nd.Columns, storage.IndexColumn{Name: c.Name, Prefix: int(c.Length)})
	}
	applyDescParts(ctx, idx.Name, nd.Columns)
	def.Indexes = append(def.Indexes, nd)
	if err := t.stageDef(ctx, def); err != nil {
		return err
	}
	return t.buildIndex(ctx, txn, &t.meta.indexes[len(t.meta.indexes)-1])
}

// buildIndex writes the entries of a new index for every row, checking uniqueness.
func (t *Table) buildIndex(ctx *sql.Context, txn *storage.Txn, ix *indexMeta) error {
	e := &editor{t: t, txn: txn}
	lo, hi := storage.RowPrefix(t.ID())
	it, err := txn.NewIter(lo, hi)
	if err != nil {
		return translateStorageError(err)
	}
	defer it.Close()
	for ok := it.First(); ok; ok = it.Next() {
		row, err := decodeRow(ctx, it.Value(), t.sch)
		if err != nil {
			return err
		}
		_, pk, err := storage.SplitRowKey(it.Key())
		if err != nil {
			return translateStorageError(err)
		}
		if err := e.checkUnique(ctx, ix, row, pk); err != nil {
			return err
		}
		key, err := e.indexKey(ctx, ix, row, pk)
		if err != nil {
			return err
		}
		if err := txn.Set(key, nil); err != nil {
			return translateStorageError(err)
		}
	}
	return translateStorageError(it.Error())
}

// DropIndex implements sql.IndexAlterableTable.
func (t *Table) DropIndex(ctx *sql.Context, name string) error {
	txn, err := t.lockDDL(ctx)
	if err != nil {
		return err
	}
	def := t.meta.def.Clone()
	for i, ix := range def.Indexes {
		if strings.EqualFold(ix.Name, name) {
			lo, hi := storage.IndexPrefix(t.ID(), ix.ID)
			if err := txn.DeleteRange(lo, hi); err != nil {
				return translateStorageError(err)
			}
			def.Indexes = slices.Delete(def.Indexes, i, i+1)
			return t.stageDef(ctx, def)
		}
	}
	return sql.ErrIndexNotFound.New(name)
}

// RenameIndex implements sql.IndexAlterableTable.
func (t *Table) RenameIndex(ctx *sql.Context, from, to string) error {
	if _, err := t.lockDDL(ctx); err != nil {
		return err
	}
	def := t.meta.def.Clone()
	for i := range def.Indexes {
		if strings.EqualFold(def.Indexes[i].Name, from) {
			def.Indexes[i].Name = to
			return t.stageDef(ctx, def)
		}
	}
	return sql.ErrIndexNotFound.New(from)
}

// GetChecks implements sql.CheckTable.
func (t *Table) GetChecks(ctx *sql.Context) ([]sql.CheckDefinition, error) {
	var out []sql.CheckDefinition
	for _, c := range t.meta.def.Checks {
		out = append(out, sql.CheckDefinition{Name: c.Name, CheckExpression: c.Expr, Enforced: c.Enforced})
	}
	return append(out, viewChecks(ctx, t.meta.def.DB, t.meta.def.Name)...), nil // WITH CHECK OPTION, viewdml.go
}

// CreateCheck implements sql.CheckAlterableTable.
func (t *Table) CreateCheck(ctx *sql.Context, check *sql.CheckDefinition) error {
	if _, err := t.lockDDL(ctx); err != nil {
		return err
	}
	def := t.meta.def.Clone()
	if check.Name == "" {
		check.Name = uniqueCheckName(def.Checks)
	}
	for _, c := range def.Checks {
		if strings.EqualFold(c.Name, check.Name) {
			return mysql.NewSQLError(1826, "HY000", "Duplicate CHECK constraint name '%s'", check.Name)
		}
	}
	def.Checks = append(def.Checks, storage.CheckDef{Name: check.Name, Expr: check.CheckExpression, Enforced: check.Enforced})
	return t.stageDef(ctx, def)
}

// DropCheck implements sql.CheckAlterableTable.
func (t *Table) DropCheck(ctx *sql.Context, name string) error {
	if _, err := t.lockDDL(ctx); err != nil {
		return err
	}
	def := t.meta.def.Clone()
	for i, c := range def.Checks {
		if strings.EqualFold(c.Name, name) {
			def.Checks = slices.Delete(def.Checks, i, i+1)
			return t.stageDef(ctx, def)
		}
	}
	return sql.ErrUnknownConstraint.New(name)
}

// ModifyComment implements sql.CommentAlterableTable.
func (t *Table) ModifyComment(ctx *sql.Context, comment string) error {
	if _, err := t.lockDDL(ctx); err != nil {
		return err
	}
	def := t.meta.def.Clone()
	def.Comment = comment
	return t.stageDef(ctx, def)
}

// Truncate implements sql.TruncateableTable.
func (t *Table) Truncate(ctx *sql.Context) (int, error) {
	txn, err := t.lockDDL(ctx)
	if err != nil {
		return 0, err
	}
	n, err := t.countRows(ctx, txn)
	if err != nil {
		return 0, err
	}
	if err := t.archiveTruncate(ctx, n); err != nil {
		return 0, err
	}
	lo, hi := storage.RowPrefix(t.ID())
	if err := txn.DeleteRange(lo, hi); err != nil {
		return 0, translateStorageError(err)
	}
	for _, ix := range t.meta.allIndexes() {
		lo, hi := storage.IndexPrefix(t.ID(), ix.def.ID)
		if err := txn.DeleteRange(lo, hi); err != nil {
			return 0, translateStorageError(err)
		}
	}
	if err := txn.SetCounter(storage.RowIDKey(t.ID()), 0); err != nil {
		return 0, translateStorageError(err)
	}
	t.srv.slots.forget(t.ID())
	return n, nil
}

func (t *Table) countRows(ctx *sql.Context, txn *storage.Txn) (int, error) {
	lo, hi := storage.RowPrefix(t.ID())
	it, err := txn.NewIter(lo, hi)
	if err != nil {
		return 0, translateStorageError(err)
	}
	defer it.Close()
	n := 0
	for ok := it.First(); ok; ok = it.Next() {
		n++
	}
	return n, translateStorageError(it.Error())
}

var _ = fmt.Sprintf
