package sqlengine

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/planbuilder"

	"github.com/seqd/seqd/storage"
)

// tableMeta is what the SQL layer derives from a storage.TableDef: resolved column types and the
// encodings of its keys. Definitions in a published catalog never change, so a tableMeta is built
// once per definition and shared.
//
// Rows are stored in one of two ways. An InnoDB table with a primary key is clustered: a row's
// key is its primary key, and scans return rows in primary key order, as InnoDB does. Every other
// table is a heap: a row's key is a row id in insertion order (MyISAM and Aria reuse the slot
// of the last deleted row), scans return rows in that order, as MyISAM does, and index 0 (lookup)
// maps the primary key, or for a keyless table a hash of the row, to the row id.
type tableMeta struct {
	def        *storage.TableDef
	columns    []columnMeta
	pk         []keyPart // empty for a keyless table
	clustered  bool
	lookup     *indexMeta // index 0 of a heap table; nil when clustered
	indexes    []indexMeta
	autoIncOrd int        // ordinal of the AUTO_INCREMENT column, -1 if none
	autoGroup  *autoGroup // the key numbering the AUTO_INCREMENT column per group; nil if none
	reuseSlots bool       // deleted row ids are reused (MyISAM, Aria, MEMORY)
}

// columnMeta is one column with its parsed type.
type columnMeta struct {
	def *storage.ColumnDef
	typ sql.Type
}

// indexMeta is one secondary index.
type indexMeta struct {
	def   *storage.IndexDef
	parts []keyPart
	hash  bool // index 0 of a keyless heap table: its entries hold a hash of the whole row
}

// lookupIndexID is the id of a heap table's primary key or row hash index. Secondary indexes
// have ids from 1.
const lookupIndexID = 0

// metaCache maps definitions to their tableMeta.
type metaCache struct {
	m sync.Map // *storage.TableDef -> *tableMeta
}

func (c *metaCache) get(ctx context.Context, def *storage.TableDef) (*tableMeta, error) {
	if m, ok := c.m.Load(def); ok {
		return m.(*tableMeta), nil
	}
	m, err := newTableMeta(ctx, def)
	if err != nil {
		return nil, err
	}
	c.m.Store(def, m)
	return m, nil
}

// forget drops cached entries for definitions that are no longer current.
func (c *metaCache) forget(def *storage.TableDef) { c.m.Delete(def) }

func newTableMeta(ctx context.Context, def *storage.TableDef) (*tableMeta, error) {
	m := &tableMeta{def: def, autoIncOrd: -1}
	for i := range def.Columns {
		cd := &def.Columns[i]
		typ, err := planbuilder.ParseColumnTypeString(ctx, cd.Type)
		if err != nil {
			return nil, fmt.Errorf("sqlengine: table %s.%s column %s: type %q: %w", def.DB, def.Name, cd.Name, cd.Type, err)
		}
		m.columns = append(m.columns, columnMeta{def: cd, typ: typ})
		if cd.AutoIncrement {
			m.autoIncOrd = i
		}
	}
	var err error
	if m.pk, err = m.keyParts(def.PrimaryKey); err != nil {
		return nil, err
	}
	for i := range def.Indexes {
		ix := &def.Indexes[i]
		parts, err := m.keyParts(ix.Columns)
		if err != nil {
			return nil, err
		}
		m.indexes = append(m.indexes, indexMeta{def: ix, parts: parts})
	}
	m.clustered = def.Engine == "InnoDB" && len(m.pk) > 0
	m.reuseSlots = def.Engine != "InnoDB"
	if !m.clustered {
		lookup := &storage.IndexDef{ID: lookupIndexID, Name: "PRIMARY", Unique: true, Columns: def.PrimaryKey}
		m.lookup = &indexMeta{def: lookup, parts: m.pk, hash: len(m.pk) == 0}
	}
	m.autoGroup = findAutoGroup(m)
	return m, nil
}

// allIndexes returns the indexes a row write maintains: the lookup index of a heap table, then
// the secondary indexes.
func (m *tableMeta) allIndexes() []*indexMeta {
	out := make([]*indexMeta, 0, len(m.indexes)+1)
	if m.lookup != nil {
		out = append(out, m.lookup)
	}
	for i := range m.indexes {
		out = append(out, &m.indexes[i])
	}
	return out
}

func (m *tableMeta) ordinal(name string) int {
	for i, c := range m.columns {
		if strings.EqualFold(c.def.Name, name) {
			return i
		}
	}
	return -1
}

func (m *tableMeta) keyParts(cols []storage.IndexColumn) ([]keyPart, error) {
	parts := make([]keyPart, 0, len(cols))
	for _, ic := range cols {
		ord := m.ordinal(ic.Name)
		if ord < 0 {
			return nil, fmt.Errorf("sqlengine: table %s.%s: key column %s does not exist", m.def.DB, m.def.Name, ic.Name)
		}
		typ := m.columns[ord].typ
		parts = append(parts, keyPart{ord: ord, typ: typ, collation: collationOf(typ), prefix: ic.Prefix, desc: ic.Desc})
	}
	return parts, nil
}

// schema returns a fresh sql.Schema for the table: GMS may resolve defaults in place, so every
// table instance gets its own columns and default expressions.
func (m *tableMeta) schema() sql.Schema {
	sch := make(sql.Schema, len(m.columns))
	pk := map[int]bool{}
	for _, p := range m.pk {
		pk[p.ord] = true
	}
	for i, c := range m.columns {
		col := &sql.Column{
			Name:           c.def.Name,
			Type:           c.typ,
			Nullable:       c.def.Nullable,
			Source:         m.def.Name,
			DatabaseSource: m.def.DB,
			Comment:        c.def.Comment,
			PrimaryKey:     pk[i],
			AutoIncrement:  c.def.AutoIncrement,
			Hidden:         c.def.Invisible,
		}
		if c.def.AutoIncrement {
			col.Extra = "auto_increment"
		}
		if c.def.Default != "" {
			col.Default = sql.NewUnresolvedColumnDefaultValue(c.def.Default)
		}
		if c.def.Generated != "" {
			col.Generated = sql.NewUnresolvedColumnDefaultValue(c.def.Generated)
			col.Virtual = !c.def.Stored
		}
		if c.def.OnUpdate != "" {
			col.OnUpdate = sql.NewUnresolvedColumnDefaultValue(c.def.OnUpdate)
		}
		sch[i] = col
	}
	return sch
}

// pkOrdinals returns the ordinals of the primary key columns.
func (m *tableMeta) pkOrdinals() []int {
	ords := make([]int, len(m.pk))
	for i, p := range m.pk {
		ords[i] = p.ord
	}
	return ords
}

// columnDef converts a GMS column to its stored definition.
func columnDef(col *sql.Column) storage.ColumnDef {
	cd := storage.ColumnDef{
		Name:          col.Name,
		Type:          col.Type.String(),
		Nullable:      col.Nullable,
		AutoIncrement: col.AutoIncrement,
		Invisible:     col.Hidden,
		Comment:       col.Comment,
	}
	if col.Default != nil {
		cd.Default = col.Default.String()
	}
	if col.Generated != nil {
		cd.Generated = col.Generated.String()
		cd.Stored = !col.Virtual
	}
	if col.OnUpdate != nil {
		cd.OnUpdate = col.OnUpdate.String()
	}
	return cd
}
