package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/cockroachdb/pebble/v2"
)

// FormatVersion is the version of seqd's on-disk format (FORMAT.md). It is written when a data
// directory is created and checked by Open; a seqd opens only directories of its own version.
// NB: change it whenever a key or value layout changes incompatibly.
const FormatVersion uint32 = 1

// formatMagic starts the value of the format-version key.
const formatMagic = "seqd"

func encodeFormatVersion(v uint32) []byte {
	return binary.BigEndian.AppendUint32([]byte(formatMagic), v)
}

func decodeFormatVersion(b []byte) (uint32, error) {
	if len(b) != len(formatMagic)+4 || !bytes.HasPrefix(b, []byte(formatMagic)) {
		return 0, fmt.Errorf("%w: format version record %x", ErrNotSeqd, b)
	}
	return binary.BigEndian.Uint32(b[len(formatMagic):]), nil
}

// init checks the format version (writing it into an empty database), loads the catalog and
// the object-id counter.
func (db *DB) init() error {
	v, ok, err := db.getRaw(formatVersionKey)
	if err != nil {
		return err
	}
	if !ok {
		return db.create()
	}
	version, err := decodeFormatVersion(v)
	if err != nil {
		return err
	}
	if version != FormatVersion {
		return fmt.Errorf("%w: the data directory has format version %d, this seqd reads version %d",
			ErrFormatVersion, version, FormatVersion)
	}
	return db.load()
}

// create initializes an empty pebble database. A database that has keys but no format version
// was not made by seqd.
func (db *DB) create() error {
	it, err := db.pdb.NewIter(nil)
	if err != nil {
		return fmt.Errorf("storage: %w", err)
	}
	nonEmpty := it.First()
	if err := it.Close(); err != nil {
		return fmt.Errorf("storage: %w", err)
	}
	if nonEmpty {
		return fmt.Errorf("%w: it has keys but no seqd format version", ErrNotSeqd)
	}
	b := db.pdb.NewBatch()
	defer b.Close()
	_ = b.Set(formatVersionKey, encodeFormatVersion(FormatVersion), nil)
	_ = b.Set(nextObjectIDKey, encodeUint64(1), nil)
	if err := db.applySynced(b); err != nil {
		return fmt.Errorf("storage: initialize data directory: %w", err)
	}
	db.cat.Store(emptyCatalog())
	db.nextID = 1
	return nil
}

// load reads the catalog and the object-id counter. The counter is raised above every stored
// id, so an id is never reused even if the counter key were behind.
func (db *DB) load() error {
	cat, err := readCatalog(db.pdb)
	if err != nil {
		return err
	}
	v, ok, err := db.getRaw(nextObjectIDKey)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%w: missing next object id", ErrCorrupt)
	}
	if db.nextID, err = decodeUint64(v); err != nil {
		return err
	}
	db.nextID = max(db.nextID, maxObjectID(cat)+1)
	db.cat.Store(cat)
	return nil
}

func maxObjectID(c *Catalog) uint64 {
	var m uint64
	for id := range c.tables {
		m = max(m, id)
	}
	for _, d := range c.dbs {
		m = max(m, d.ID)
	}
	return m
}

// readCatalog decodes every record of the catalog space.
func readCatalog(r pebble.Reader) (*Catalog, error) {
	lo, hi := catalogSpan()
	it, err := r.NewIter(&pebble.IterOptions{LowerBound: lo, UpperBound: hi})
	if err != nil {
		return nil, fmt.Errorf("storage: %w", err)
	}
	c := emptyCatalog()
	for ok := it.First(); ok; ok = it.Next() {
		v, verr := it.ValueAndErr()
		if err = errors.Join(verr, c.addRecord(it.Key(), v)); err != nil {
			break
		}
	}
	if cerr := it.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("storage: read catalog: %w", cerr)
	}
	if err != nil {
		return nil, err
	}
	c.index()
	return c, nil
}

// addRecord decodes one catalog record into c and checks that its key matches its contents.
func (c *Catalog) addRecord(key, value []byte) error {
	if len(key) < 2 {
		return fmt.Errorf("%w: catalog key %x", ErrCorrupt, key)
	}
	var err error
	switch key[1] {
	case catDatabase:
		var d *DatabaseDef
		if d, err = decodeDatabaseDef(value); err == nil {
			c.dbs[d.Name] = d
			err = keyMatches(key, databaseKey(d.Name))
		}
	case catTable:
		var t *TableDef
		if t, err = decodeTableDef(value); err == nil {
			c.tables[t.ID] = t
			err = keyMatches(key, tableDefKey(t.ID))
		}
	case catView:
		var v *ViewDef
		if v, err = decodeViewDef(value); err == nil {
			c.views[objName{v.DB, v.Name}] = v
			err = keyMatches(key, viewKey(v.DB, v.Name))
		}
	case catTrigger:
		var t *TriggerDef
		if t, err = decodeTriggerDef(value); err == nil {
			c.trigs[objName{t.DB, t.Name}] = t
			err = keyMatches(key, triggerKey(t.DB, t.Name))
		}
	case catRoutine:
		var r *RoutineDef
		if r, err = decodeRoutineDef(value); err == nil {
			c.routines[idOf(r.DB, r.Type, r.Name)] = r
			err = keyMatches(key, routineKey(r.DB, r.Type, r.Name))
		}
	case catUsers:
		c.users = bytes.Clone(value)
		err = keyMatches(key, usersKey)
	default:
		err = fmt.Errorf("%w: unknown catalog key %x", ErrCorrupt, key)
	}
	return err
}

func keyMatches(got, want []byte) error {
	if !bytes.Equal(got, want) {
		return fmt.Errorf("%w: catalog key %x holds the record of key %x", ErrCorrupt, got, want)
	}
	return nil
}

// getRaw reads a committed key outside any transaction. The caller is inside the gate or
// opening.
func (db *DB) getRaw(key []byte) ([]byte, bool, error) {
	return getFrom(db.pdb, key)
}

func getFrom(r pebble.Reader, key []byte) ([]byte, bool, error) {
	v, closer, err := r.Get(key)
	if errors.Is(err, pebble.ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("storage: get: %w", err)
	}
	out := bytes.Clone(v)
	if err := closer.Close(); err != nil {
		return nil, false, fmt.Errorf("storage: get: %w", err)
	}
	if out == nil {
		out = []byte{}
	}
	return out, true, nil
}

func encodeUint64(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }

func decodeUint64(b []byte) (uint64, error) {
	if len(b) != 8 {
		return 0, fmt.Errorf("%w: counter of %d bytes", ErrCorrupt, len(b))
	}
	return binary.BigEndian.Uint64(b), nil
}

// allocateID returns a new object id. The counter is persisted with a synced write before the
// id is returned, so an id is never handed out twice, even across a crash.
func (db *DB) allocateID() (uint64, error) {
	if err := db.enter(); err != nil {
		return 0, err
	}
	defer db.exit()
	db.idMu.Lock()
	defer db.idMu.Unlock()
	id := db.nextID
	if err := db.setSynced(nextObjectIDKey, encodeUint64(id+1)); err != nil {
		return 0, err
	}
	db.nextID++
	return id, nil
}
