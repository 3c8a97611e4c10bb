package sqlengine

import (
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/types"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// MyISAM and Aria number an AUTO_INCREMENT column per group when no key starts with it: in
// PRIMARY KEY (a, b AUTO_INCREMENT) a generated b is one more than the largest b among the rows
// with the same a. The key is the first one, in MariaDB's key order, that holds the column
// (find_ref_key in table.cc); the group is the row's values of the key's columns before it.
// Such a column has no table-wide counter. InnoDB and MEMORY refuse such a table (1075).

// autoGroup is the key that groups a per-group AUTO_INCREMENT column.
type autoGroup struct {
	ix   *indexMeta
	part int // the column's position in the key, > 0
}

// groupedAutoEngine reports whether an engine numbers AUTO_INCREMENT per group.
func groupedAutoEngine(engine string) bool { return engine == "MyISAM" || engine == "Aria" }

// findAutoGroup returns the grouping key of m's AUTO_INCREMENT column, nil when the column has
// a table-wide counter.
func findAutoGroup(m *tableMeta) *autoGroup {
	if m.autoIncOrd < 0 || !groupedAutoEngine(m.def.Engine) {
		return nil
	}
	name := m.columns[m.autoIncOrd].def.Name
	keys := orderedKeys(m)
	for _, k := range keys {
		if len(k.columns) > 0 && strings.EqualFold(k.columns[0].Name, name) {
			return nil
		}
	}
	for _, k := range keys {
		for j, c := range k.columns {
			if !strings.EqualFold(c.Name, name) {
				continue
			}
			ix := m.lookup
			if !k.primary {
				ix = &m.indexes[k.pos]
			}
			return &autoGroup{ix: ix, part: j}
		}
	}
	return nil
}

// checkAutoKey fails with 1075 when CREATE TABLE for an engine without per-group numbering
// puts its AUTO_INCREMENT column first in no key.
func (s *Server) checkAutoKey(ctx *sql.Context, ct *plan.CreateTable) error {
	engine := s.defaultEngine(ctx)
	for k, v := range ct.TableOpts {
		if e, ok := canonicalEngine(toString(v)); ok && strings.EqualFold(k, "engine") {
			engine = e
		}
	}
	sch := ct.PkSchema()
	name := ""
	for _, c := range sch.Schema {
		if c.AutoIncrement {
			name = c.Name
		}
	}
	if name == "" || groupedAutoEngine(engine) {
		return nil
	}
	if len(sch.PkOrdinals) > 0 && strings.EqualFold(sch.Schema[sch.PkOrdinals[0]].Name, name) {
		return nil
	}
	for _, ix := range ct.Indexes() {
		if len(ix.Columns) > 0 && strings.EqualFold(ix.Columns[0].Name, name) {
			return nil
		}
	}
	return mariaErr(sequences.ErrWrongAutoKey)
}

// groupAutoValue is the value a generated per-group AUTO_INCREMENT column takes in row: one
// past the largest in the row's group, aligned to auto_increment_increment and _offset.
func (e *editor) groupAutoValue(ctx *sql.Context, row sql.Row) (any, error) {
	t, g := e.t, e.t.meta.autoGroup
	prefix, err := appendKey(ctx, nil, g.ix.parts[:g.part], row)
	if err != nil {
		return nil, err
	}
	lo := storage.IndexKey(t.ID(), g.ix.def.ID, prefix)
	ix := t.newIndex(g.ix.def.Name, g.ix.def, g.ix.parts, g.ix.def.Unique, false)
	it, err := t.indexRows(ctx, e.txn, &indexPartition{ix: ix, lo: lo, hi: storage.PrefixEnd(lo), reverse: !g.ix.parts[g.part].desc})
	if err != nil {
		return nil, err
	}
	defer it.Close(ctx)
	var last uint64
	switch r, err := it.Next(ctx); {
	case err == nil:
		last, _ = explicitAutoValue(ctx, r[t.meta.autoIncOrd])
	case !isEOF(err):
		return nil, err
	}
	inc, off := incrementSettings(ctx)
	v, ok := alignUp(last+1, inc, off)
	if !ok || v > maxForType(t.autoType()) {
		return nil, t.autoRangeError()
	}
	out, _, err := t.autoType().Convert(ctx, v)
	return out, err
}

// autoZeroFound reports whether CHECK TABLE of a MyISAM or Aria table warns "Found row where
// the auto_increment column has the value 0": some row has 0 in the first column of the
// AUTO_INCREMENT column's key (MariaDB looks the value 0 up in that key's first part, which
// for a per-group column is the group's first column).
func (s *Server) autoZeroFound(ctx *sql.Context, def *storage.TableDef, temp bool) (bool, error) {
	m, err := s.metas.get(ctx, def)
	if err != nil || m.autoIncOrd < 0 {
		return false, err
	}
	ord := m.autoIncOrd
	if m.autoGroup != nil {
		ord = m.autoGroup.ix.parts[0].ord
	}
	if !types.IsNumber(m.columns[ord].typ) {
		return false, nil
	}
	it, err := newTable(s, m, temp).fullScan(ctx)
	if err != nil {
		return false, err
	}
	defer it.Close(ctx)
	for {
		row, err := it.Next(ctx)
		if err != nil {
			if isEOF(err) {
				return false, nil
			}
			return false, err
		}
		if cmp, err := m.columns[ord].typ.Compare(ctx, row[ord], 0); err == nil && cmp == 0 {
			return true, nil
		}
	}
}
