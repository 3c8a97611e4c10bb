package storage

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"

	"github.com/cockroachdb/pebble/v2"
)

// maxCheckErrors bounds the number of problems Check reports.
const maxCheckErrors = 20

// Check verifies the consistency of the stored data, like bbolt's Tx.Check: the format
// version; the object-id counter is above every id; every catalog record decodes and the
// published catalog equals the stored one; tables belong to existing databases and no two
// objects share a name; every data key belongs to a table in the catalog and decodes (row keys
// as the primary-key tuple, index keys as index tuple + primary-key tuple of an index the table
// has, counters as 8 bytes, sequence state only for sequences, which must have one). Call it
// when no commit is in flight; tests call it after every test. Whether index entries point at
// existing rows is the SQL layer's concern. It returns nil or every problem found (up to 20)
// joined, each wrapping ErrCorrupt.
func (db *DB) Check() error {
	if err := db.enter(); err != nil {
		return err
	}
	defer db.exit()
	snap := db.pdb.NewSnapshot()
	defer snap.Close()
	c := &checker{}
	c.meta(snap, db.Catalog())
	stored, err := readCatalog(snap)
	if err != nil {
		return err
	}
	c.catalog(stored, db.Catalog())
	c.data(snap, stored)
	return errors.Join(c.errs...)
}

type checker struct {
	errs []error
}

func (c *checker) errorf(format string, args ...any) {
	if len(c.errs) < maxCheckErrors {
		c.errs = append(c.errs, fmt.Errorf("%w: check: "+format, append([]any{ErrCorrupt}, args...)...))
	}
}

func (c *checker) meta(r pebble.Reader, cat *Catalog) {
	v, ok, err := getFrom(r, formatVersionKey)
	if version, derr := decodeFormatVersion(v); err != nil || !ok || derr != nil || version != FormatVersion {
		c.errorf("format version record %x (%v)", v, errors.Join(err, derr))
	}
	v, ok, err = getFrom(r, nextObjectIDKey)
	next, derr := decodeUint64(v)
	if err != nil || !ok || derr != nil {
		c.errorf("next object id record %x (%v)", v, errors.Join(err, derr))
	} else if m := maxObjectID(cat); next <= m {
		c.errorf("next object id %d is not above object id %d", next, m)
	}
}

// catalog compares the stored catalog with the published one and checks names.
func (c *checker) catalog(stored, published *Catalog) {
	if !reflect.DeepEqual(stored.dbs, published.dbs) || !reflect.DeepEqual(stored.tables, published.tables) ||
		!reflect.DeepEqual(stored.views, published.views) || !reflect.DeepEqual(stored.trigs, published.trigs) ||
		!reflect.DeepEqual(stored.routines, published.routines) || !bytes.Equal(stored.users, published.users) {
		c.errorf("the published catalog differs from the stored catalog")
	}
	names := map[objName]string{}
	for _, t := range stored.tables {
		if _, ok := stored.dbs[t.DB]; !ok {
			c.errorf("table %d %s.%s: no database %q", t.ID, t.DB, t.Name, t.DB)
		}
		c.uniqueName(names, objName{t.DB, t.Name}, fmt.Sprintf("table %d", t.ID))
	}
	for n := range stored.views {
		if _, ok := stored.dbs[n.db]; !ok {
			c.errorf("view %s.%s: no database %q", n.db, n.name, n.db)
		}
		c.uniqueName(names, n, "a view")
	}
	for n := range stored.trigs {
		if _, ok := stored.dbs[n.db]; !ok {
			c.errorf("trigger %s.%s: no database %q", n.db, n.name, n.db)
		}
	}
	for id := range stored.routines {
		if _, ok := stored.dbs[id.db]; !ok {
			c.errorf("%s %s.%s: no database %q", id.typ, id.db, id.name, id.db)
		}
	}
}

func (c *checker) uniqueName(names map[objName]string, n objName, what string) {
	if other, ok := names[n]; ok {
		c.errorf("%s.%s names both %s and %s", n.db, n.name, other, what)
	}
	names[n] = what
}

// data checks every key of the data space.
func (c *checker) data(r pebble.Reader, cat *Catalog) {
	it, err := r.NewIter(&pebble.IterOptions{LowerBound: []byte{spaceData}, UpperBound: []byte{spaceData + 1}})
	if err != nil {
		c.errorf("%v", err)
		return
	}
	hasState := map[uint64]bool{}
	for ok := it.First(); ok && len(c.errs) < maxCheckErrors; ok = it.Next() {
		v, err := it.ValueAndErr()
		if err != nil {
			c.errorf("key %x: %v", it.Key(), err)
			continue
		}
		c.dataKey(cat, it.Key(), v, hasState)
	}
	if err := it.Close(); err != nil {
		c.errorf("%v", err)
	}
	for _, t := range cat.tables {
		if t.Sequence && !hasState[t.ID] {
			c.errorf("sequence %d %s.%s has no state", t.ID, t.DB, t.Name)
		}
	}
}

func (c *checker) dataKey(cat *Catalog, key, value []byte, hasState map[uint64]bool) {
	id, tag, rest, err := splitDataKey(key)
	t, ok := cat.tables[id]
	if err != nil || !ok {
		c.errorf("key %x: no table %d in the catalog (%v)", key, id, err)
		return
	}
	switch {
	case tag == dataRow:
		err = checkTuple(rest, pkShape(t))
	case tag == dataIndex:
		err = checkIndexEntry(t, key, value)
	case (tag == dataAutoInc || tag == dataRowID) && len(rest) == 0:
		_, err = decodeUint64(value)
	case tag == dataSequence && len(rest) == 0 && t.Sequence:
		hasState[id] = true
		_, err = decodeState(value)
	default:
		err = fmt.Errorf("%w: unexpected key", ErrBadKey)
	}
	if err != nil {
		c.errorf("table %d %s.%s: key %x: %v", id, t.DB, t.Name, key, err)
	}
}

// pkShape returns the desc flags of the primary-key tuple; a keyless table's row id is one
// ascending element.
func pkShape(t *TableDef) []bool {
	if len(t.PrimaryKey) == 0 {
		return []bool{false}
	}
	desc := make([]bool, len(t.PrimaryKey))
	for i, ic := range t.PrimaryKey {
		desc[i] = ic.Desc
	}
	return desc
}

func checkIndexEntry(t *TableDef, key, value []byte) error {
	_, indexID, entry, err := SplitIndexKey(key)
	if err != nil {
		return err
	}
	for _, ix := range t.Indexes {
		if ix.ID == indexID {
			shape := make([]bool, 0, len(ix.Columns)+len(t.PrimaryKey)+1)
			for _, ic := range ix.Columns {
				shape = append(shape, ic.Desc)
			}
			if len(value) != 0 {
				return fmt.Errorf("%w: index entry with a %d-byte value", ErrCorrupt, len(value))
			}
			return checkTuple(entry, append(shape, pkShape(t)...))
		}
	}
	return fmt.Errorf("%w: no index %d", ErrBadKey, indexID)
}

// checkTuple checks that b is exactly one element per desc flag.
func checkTuple(b []byte, desc []bool) error {
	for _, d := range desc {
		var err error
		if b, err = SkipValue(b, d); err != nil {
			return err
		}
	}
	if len(b) != 0 {
		return fmt.Errorf("%w: %d bytes after the tuple", ErrBadKey, len(b))
	}
	return nil
}
