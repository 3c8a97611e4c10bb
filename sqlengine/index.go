package sqlengine

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"

	"github.com/seqd/seqd/storage"
)

// index is a primary key or secondary index of a Table, as GMS sees it.
type index struct {
	t       *Table
	name    string
	unique  bool
	rowScan bool              // the primary key of a clustered table: its entries are the rows
	def     *storage.IndexDef // nil when rowScan
	parts   []keyPart
	exprs   []sql.Expression
}

var _ sql.Index = (*index)(nil)

func (t *Table) newIndex(name string, def *storage.IndexDef, parts []keyPart, unique, rowScan bool) *index {
	ix := &index{t: t, name: name, def: def, parts: parts, unique: unique, rowScan: rowScan}
	for _, p := range parts {
		col := t.sch[p.ord]
		ix.exprs = append(ix.exprs, expression.NewGetFieldWithTable(p.ord, 0, col.Type, t.Database(), t.Name(), col.Name, col.Nullable))
	}
	return ix
}

// GetIndexes implements sql.IndexAddressable.
func (t *Table) GetIndexes(*sql.Context) ([]sql.Index, error) {
	m := t.meta
	var out []sql.Index
	switch {
	case m.clustered:
		out = append(out, t.newIndex("PRIMARY", nil, m.pk, true, true))
	case len(m.pk) > 0:
		out = append(out, t.newIndex("PRIMARY", m.lookup.def, m.pk, true, false))
	}
	for i := range m.indexes {
		ix := &m.indexes[i]
		out = append(out, t.newIndex(ix.def.Name, ix.def, ix.parts, ix.def.Unique, false))
	}
	return out, nil
}

// IndexedAccess implements sql.IndexAddressable.
func (t *Table) IndexedAccess(ctx *sql.Context, lookup sql.IndexLookup) sql.IndexedTable {
	nt := *t
	nt.lookup = &lookup
	return &nt
}

// PreciseMatch implements sql.IndexAddressable: lookups return exactly the rows in their ranges.
func (t *Table) PreciseMatch() bool { return true }

// ID implements sql.Index.
func (ix *index) ID() string { return ix.name }

// Database implements sql.Index.
func (ix *index) Database() string { return ix.t.Database() }

// Table implements sql.Index.
func (ix *index) Table() string { return ix.t.Name() }

// Expressions implements sql.Index.
func (ix *index) Expressions() []string {
	out := make([]string, len(ix.exprs))
	for i, e := range ix.exprs {
		out[i] = e.String()
	}
	return out
}

// IsUnique implements sql.Index.
func (ix *index) IsUnique() bool { return ix.unique }

// IsSpatial implements sql.Index.
func (ix *index) IsSpatial() bool { return false }

// IsFullText implements sql.Index.
func (ix *index) IsFullText() bool { return false }

// IsVector implements sql.Index.
func (ix *index) IsVector() bool { return false }

// Comment implements sql.Index.
func (ix *index) Comment() string {
	if ix.def == nil {
		return ""
	}
	return ix.def.Comment
}

// IndexType implements sql.Index.
func (ix *index) IndexType() string { return "BTREE" }

// IsGenerated implements sql.Index.
func (ix *index) IsGenerated() bool { return false }

// ColumnExpressionTypes implements sql.Index.
func (ix *index) ColumnExpressionTypes(ctx *sql.Context) []sql.ColumnExpressionType {
	out := make([]sql.ColumnExpressionType, len(ix.exprs))
	for i, e := range ix.exprs {
		out[i] = sql.ColumnExpressionType{Expression: e.String(), Type: e.Type(ctx)}
	}
	return out
}

// CanSupport implements sql.Index.
func (ix *index) CanSupport(*sql.Context, ...sql.Range) bool { return true }

// CanSupportOrderBy implements sql.Index.
func (ix *index) CanSupportOrderBy(sql.Expression) bool { return false }

// CoversColumns implements sql.Index.
func (ix *index) CoversColumns([]string) bool { return false }

// PrefixLengths implements sql.Index: nil when no part has a prefix length (GMS will not use
// an index with prefix lengths for a foreign key).
func (ix *index) PrefixLengths() []uint16 {
	var out []uint16
	for i, p := range ix.parts {
		if p.prefix != 0 && out == nil {
			out = make([]uint16, len(ix.parts))
		}
		if out != nil {
			out[i] = uint16(p.prefix)
		}
	}
	return out
}

// indexPartition is one range of a secondary index lookup.
type indexPartition struct {
	ix      *index
	lo, hi  []byte
	reverse bool
	filter  sql.Expression
}

// Key implements sql.Partition.
func (p *indexPartition) Key() []byte { return p.lo }

// LookupPartitions implements sql.IndexedTable: one partition per range of the lookup. Key
// ranges may cover more than the lookup's ranges; the range filter drops the rest.
func (t *Table) LookupPartitions(ctx *sql.Context, lookup sql.IndexLookup) (sql.PartitionIter, error) {
	ix, ok := lookup.Index.(*index)
	if !ok {
		return nil, fmt.Errorf("sqlengine: lookup on foreign index %T", lookup.Index)
	}
	if lookup.IsEmptyRange {
		return &partitionIter{}, nil
	}
	ranges, ok := lookup.Ranges.(sql.MySQLRangeCollection)
	if !ok {
		return nil, fmt.Errorf("sqlengine: unsupported range collection %T", lookup.Ranges)
	}
	var parts []sql.Partition
	for _, r := range ranges {
		filter, err := expression.NewRangeFilterExpr(ctx, ix.exprs, []sql.MySQLRange{r})
		if err != nil {
			return nil, err
		}
		prefixLo, prefixHi := t.indexSpan(ix)
		lo, hi, err := rangeKeys(ctx, ix.parts, r, prefixLo)
		if err != nil {
			return nil, err
		}
		if hi == nil {
			hi = prefixHi
		}
		if ix.rowScan {
			parts = append(parts, &scanPartition{lo: lo, hi: hi, reverse: lookup.IsReverse, filter: filter})
		} else {
			parts = append(parts, &indexPartition{ix: ix, lo: lo, hi: hi, reverse: lookup.IsReverse, filter: filter})
		}
	}
	return &partitionIter{parts: parts}, nil
}

// indexSpan returns the key span holding an index's entries (the row span for PRIMARY).
func (t *Table) indexSpan(ix *index) ([]byte, []byte) {
	if ix.rowScan {
		return storage.RowPrefix(t.ID())
	}
	return storage.IndexPrefix(t.ID(), ix.def.ID)
}

// rangeKeys returns a key span [lo, hi) covering range r of an index whose keys start with
// prefix. Leading columns with a single value narrow both ends; the first other column narrows
// by its bounds (inclusive); later columns do not narrow. hi is nil when only the prefix bounds
// it.
func rangeKeys(ctx *sql.Context, parts []keyPart, r sql.MySQLRange, prefix []byte) (lo, hi []byte, err error) {
	key := bytes.Clone(prefix)
	for i, p := range parts {
		if i >= len(r) || p.desc {
			break
		}
		c := r[i]
		if v, ok := pointValue(c); ok {
			kv, err := keyValue(ctx, p, v)
			if err != nil {
				return nil, nil, err
			}
			key = storage.AppendValue(key, kv, false)
			continue
		}
		lo, err = lowerKey(ctx, p, c.LowerBound, key)
		if err != nil {
			return nil, nil, err
		}
		hi, err = upperKey(ctx, p, c.UpperBound, key)
		return lo, hi, err
	}
	return key, storage.PrefixEnd(key), nil
}

// pointValue reports whether a column range is a single non-NULL value or exactly NULL.
func pointValue(c sql.MySQLRangeColumnExpr) (any, bool) {
	lb, lok := c.LowerBound.(sql.Below)
	ub, uok := c.UpperBound.(sql.Above)
	if lok && uok {
		if cmp, err := c.Typ.Compare(context.Background(), lb.Key, ub.Key); err == nil && cmp == 0 {
			return lb.Key, true
		}
	}
	_, lnull := c.LowerBound.(sql.BelowNull)
	_, unull := c.UpperBound.(sql.AboveNull)
	if lnull && unull {
		return nil, true
	}
	return nil, false
}

func lowerKey(ctx *sql.Context, p keyPart, cut sql.MySQLRangeCut, key []byte) ([]byte, error) {
	switch c := cut.(type) {
	case sql.Below:
		return appendKeyValue(ctx, p, c.Key, key)
	case sql.Above:
		return appendKeyValue(ctx, p, c.Key, key)
	case sql.AboveNull:
		return storage.PrefixEnd(storage.AppendNull(bytes.Clone(key))), nil
	}
	return key, nil // BelowNull or unbounded: from the start of the prefix
}

func upperKey(ctx *sql.Context, p keyPart, cut sql.MySQLRangeCut, key []byte) ([]byte, error) {
	switch c := cut.(type) {
	case sql.Below:
		k, err := appendKeyValue(ctx, p, c.Key, key)
		return storage.PrefixEnd(k), err
	case sql.Above:
		k, err := appendKeyValue(ctx, p, c.Key, key)
		return storage.PrefixEnd(k), err
	case sql.BelowNull:
		return storage.AppendNull(bytes.Clone(key)), nil
	case sql.AboveNull:
		return storage.PrefixEnd(storage.AppendNull(bytes.Clone(key))), nil
	}
	return storage.PrefixEnd(key), nil // AboveAll
}

func appendKeyValue(ctx *sql.Context, p keyPart, v any, key []byte) ([]byte, error) {
	kv, err := keyValue(ctx, p, v)
	if err != nil {
		return nil, err
	}
	return storage.AppendValue(bytes.Clone(key), kv, false), nil
}

// indexRows iterates a secondary index range and fetches each entry's row.
func (t *Table) indexRows(ctx *sql.Context, txn *storage.Txn, p *indexPartition) (sql.RowIter, error) {
	it, err := txn.NewIter(p.lo, p.hi)
	if err != nil {
		return nil, translateStorageError(err)
	}
	return &indexRowIter{t: t, txn: txn, p: p, it: it}, nil
}

type indexRowIter struct {
	t       *Table
	txn     *storage.Txn
	p       *indexPartition
	it      *storage.Iter
	started bool
}

func (r *indexRowIter) Next(ctx *sql.Context) (sql.Row, error) {
	for {
		var ok bool
		switch {
		case !r.started && r.p.reverse:
			ok = r.it.Last()
		case !r.started:
			ok = r.it.First()
		case r.p.reverse:
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
		row, found, err := r.fetch(ctx)
		if err != nil {
			return nil, err
		}
		if !found {
			continue
		}
		if r.p.filter != nil {
			keep, err := sql.EvaluateCondition(ctx, r.p.filter, row)
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

// fetch reads the row an index entry points at.
func (r *indexRowIter) fetch(ctx *sql.Context) (sql.Row, bool, error) {
	_, _, entry, err := storage.SplitIndexKey(r.it.Key())
	if err != nil {
		return nil, false, translateStorageError(err)
	}
	for _, part := range r.p.ix.parts {
		if entry, err = storage.SkipValue(entry, part.desc); err != nil {
			return nil, false, translateStorageError(err)
		}
	}
	v, ok, err := r.txn.Get(storage.RowKey(r.t.ID(), entry))
	if err != nil || !ok {
		return nil, false, translateStorageError(err)
	}
	row, err := decodeRow(ctx, v, r.t.sch)
	return row, err == nil, err
}

func (r *indexRowIter) Close(*sql.Context) error { return r.it.Close() }
