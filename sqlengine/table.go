package sqlengine

import (
	"fmt"
	"io"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/seqd/seqd/storage"
)

// Table is a base table stored in pebble. A Table value belongs to one statement: GMS asks the
// Database for it while planning, and every read goes through the statement's transaction.
type Table struct {
	srv     *Server
	meta    *tableMeta
	sch     sql.Schema
	temp    bool // a TEMPORARY table of this session
	lookup  *sql.IndexLookup
	rewrite *autoRewrite // numbering of the AUTO_INCREMENT column while ALTER TABLE copies t
	scan    *index       // the index a full scan reads, in its order (scanorder.go); nil: row order
	// scanChosen: scan has been decided for the statement.
	scanChosen bool
}

var (
	_ sql.Table                    = (*Table)(nil)
	_ sql.CommentedTable           = (*Table)(nil)
	_ sql.InsertableTable          = (*Table)(nil)
	_ sql.UpdatableTable           = (*Table)(nil)
	_ sql.DeletableTable           = (*Table)(nil)
	_ sql.ReplaceableTable         = (*Table)(nil)
	_ sql.TruncateableTable        = (*Table)(nil)
	_ sql.AutoIncrementTable       = (*Table)(nil)
	_ sql.IndexAddressableTable    = (*Table)(nil)
	_ sql.IndexedTable             = (*Table)(nil)
	_ sql.PrimaryKeyTable          = (*Table)(nil)
	_ sql.Databaseable             = (*Table)(nil)
	_ sql.TemporaryTable           = (*Table)(nil)
	_ sql.AlterableTable           = (*Table)(nil)
	_ sql.RewritableTable          = (*Table)(nil)
	_ sql.IndexAlterableTable      = (*Table)(nil)
	_ sql.PrimaryKeyAlterableTable = (*Table)(nil)
	_ sql.CheckTable               = (*Table)(nil)
	_ sql.CheckAlterableTable      = (*Table)(nil)
	_ sql.CommentAlterableTable    = (*Table)(nil)
)

func newTable(srv *Server, meta *tableMeta, temp bool) *Table {
	return &Table{srv: srv, meta: meta, sch: meta.schema(), temp: temp}
}

// Name implements sql.Table.
func (t *Table) Name() string { return t.meta.def.Name }

// String implements sql.Table.
func (t *Table) String() string { return t.meta.def.Name }

// Database implements sql.Databaseable.
func (t *Table) Database() string { return t.meta.def.DB }

// Schema implements sql.Table.
func (t *Table) Schema(*sql.Context) sql.Schema { return t.sch }

// PrimaryKeySchema implements sql.PrimaryKeyTable.
func (t *Table) PrimaryKeySchema(*sql.Context) sql.PrimaryKeySchema {
	return sql.NewPrimaryKeySchema(t.sch, t.meta.pkOrdinals()...)
}

// Collation implements sql.Table.
func (t *Table) Collation() sql.CollationID {
	c, err := sql.ParseCollation(t.meta.def.Charset, t.meta.def.Collation, false)
	if err != nil {
		return sql.Collation_Default
	}
	return c
}

// Comment implements sql.CommentedTable.
func (t *Table) Comment() string { return t.meta.def.Comment }

// IsTemporary implements sql.TemporaryTable.
func (t *Table) IsTemporary() bool { return t.temp }

// ID returns the table's storage id.
func (t *Table) ID() uint64 { return t.meta.def.ID }

// Partitions implements sql.Table: a full scan is one partition.
func (t *Table) Partitions(ctx *sql.Context) (sql.PartitionIter, error) {
	if t.lookup != nil {
		return t.LookupPartitions(ctx, *t.lookup)
	}
	if t.scan != nil {
		lo, hi := t.indexSpan(t.scan)
		return &partitionIter{parts: []sql.Partition{&indexPartition{ix: t.scan, lo: lo, hi: hi}}}, nil
	}
	lo, hi := storage.RowPrefix(t.ID())
	return &partitionIter{parts: []sql.Partition{&scanPartition{lo: lo, hi: hi}}}, nil
}

// PartitionRows implements sql.Table.
func (t *Table) PartitionRows(ctx *sql.Context, p sql.Partition) (sql.RowIter, error) {
	if !t.temp {
		if err := checkLocked(ctx, t.Database(), t.Name(), false); err != nil {
			return nil, err
		}
	}
	txn, err := txnOf(ctx)
	if err != nil {
		return nil, err
	}
	switch p := p.(type) {
	case *scanPartition:
		it, err := txn.NewIter(p.lo, p.hi)
		if err != nil {
			return nil, translateStorageError(err)
		}
		return &rowIter{t: t, it: it, reverse: p.reverse, filter: p.filter}, nil
	case *indexPartition:
		return t.indexRows(ctx, txn, p)
	}
	return nil, fmt.Errorf("sqlengine: unknown partition %T", p)
}

// scanPartition is a range of row keys.
type scanPartition struct {
	lo, hi  []byte
	reverse bool
	filter  sql.Expression // rows outside the lookup's ranges are skipped; nil = none
}

// Key implements sql.Partition.
func (p *scanPartition) Key() []byte { return p.lo }

type partitionIter struct {
	parts []sql.Partition
	i     int
}

func (p *partitionIter) Next(*sql.Context) (sql.Partition, error) {
	if p.i >= len(p.parts) {
		return nil, io.EOF
	}
	p.i++
	return p.parts[p.i-1], nil
}

func (p *partitionIter) Close(*sql.Context) error { return nil }

// rowIter decodes the rows of a key range.
type rowIter struct {
	t       *Table
	it      *storage.Iter
	started bool
	reverse bool
	filter  sql.Expression
}

func (r *rowIter) Next(ctx *sql.Context) (sql.Row, error) {
	for {
		var ok bool
		switch {
		case !r.started && r.reverse:
			ok = r.it.Last()
		case !r.started:
			ok = r.it.First()
		case r.reverse:
			ok = r.it.Prev()
		default:
			ok = r.it.Next()
		}
		r.started = true
		if !ok {
			if err := r.it.Error(); err != nil {
				return nil, translateStorageError(err)
			}
			return nil, io.EOF
		}
		row, err := decodeRow(ctx, r.it.Value(), r.t.sch)
		if err != nil {
			return nil, err
		}
		if r.filter != nil {
			keep, err := sql.EvaluateCondition(ctx, r.filter, row)
			if err != nil {
				return nil, err
			}
			if !sql.IsTrue(keep) {
				continue
			}
		}
		return row, nil
	}
}

func (r *rowIter) Close(*sql.Context) error { return r.it.Close() }

// txnOf returns the storage transaction of the statement running in ctx.
func txnOf(ctx *sql.Context) (*storage.Txn, error) {
	if tx, ok := ctx.GetTransaction().(*Transaction); ok && tx != nil {
		return tx.txn, nil
	}
	sess, err := sessionOf(ctx)
	if err != nil {
		return nil, err
	}
	tx, err := sess.StartTransaction(ctx, sql.ReadWrite)
	if err != nil {
		return nil, err
	}
	ctx.SetTransaction(tx)
	return tx.(*Transaction).txn, nil
}
