package storage

import (
	"encoding/binary"
	"fmt"
)

// This file builds the keys of the three key spaces (FORMAT.md, "Key layout"):
//
//	0x01 meta      format version, next object id
//	0x02 catalog   databases, tables by id, views, the users blob
//	0x03 data      everything of one table under 0x03 <table id>, so DROP and TRUNCATE are
//	               one range deletion

// NB: every byte constant below is stored on disk and must not change.
const (
	spaceMeta    byte = 0x01
	spaceCatalog byte = 0x02
	spaceData    byte = 0x03

	metaFormatVersion byte = 'v'
	metaNextObjectID  byte = 'n'

	catDatabase byte = 'd'
	catTable    byte = 't'
	catView     byte = 'v'
	catTrigger  byte = 'g'
	catRoutine  byte = 'r'
	catUsers    byte = 'u'

	dataRow      byte = 'r'
	dataIndex    byte = 'i'
	dataAutoInc  byte = 'a'
	dataRowID    byte = 'h'
	dataSequence byte = 'q'
)

var (
	formatVersionKey = []byte{spaceMeta, metaFormatVersion}
	nextObjectIDKey  = []byte{spaceMeta, metaNextObjectID}
	usersKey         = []byte{spaceCatalog, catUsers}
)

func databaseKey(name string) []byte {
	return AppendBytes([]byte{spaceCatalog, catDatabase}, []byte(name))
}

func tableDefKey(id uint64) []byte {
	return binary.BigEndian.AppendUint64([]byte{spaceCatalog, catTable}, id)
}

func triggerKey(db, name string) []byte {
	k := AppendBytes([]byte{spaceCatalog, catTrigger}, []byte(db))
	return AppendBytes(k, []byte(name))
}

func viewKey(db, name string) []byte {
	k := AppendBytes([]byte{spaceCatalog, catView}, []byte(db))
	return AppendBytes(k, []byte(name))
}

// catalogSpan returns the bounds of the catalog key space.
func catalogSpan() (lo, hi []byte) {
	return []byte{spaceCatalog}, []byte{spaceCatalog + 1}
}

// AppendTablePrefix appends 0x03 <table id> to dst: the prefix of every key of the table.
func AppendTablePrefix(dst []byte, tableID uint64) []byte {
	dst = append(dst, spaceData)
	return binary.BigEndian.AppendUint64(dst, tableID)
}

// TablePrefix returns the bounds [lo, hi) of every key of the table: rows, index entries,
// counters and sequence state.
func TablePrefix(tableID uint64) (lo, hi []byte) {
	lo = AppendTablePrefix(nil, tableID)
	return lo, PrefixEnd(lo)
}

func tableKey(tableID uint64, tag byte, extra int) []byte {
	k := make([]byte, 0, 10+extra)
	return append(AppendTablePrefix(k, tableID), tag)
}

// AppendRowKeyPrefix appends 0x03 <table id> 'r' to dst; append a primary-key tuple to get a
// row key.
func AppendRowKeyPrefix(dst []byte, tableID uint64) []byte {
	return append(AppendTablePrefix(dst, tableID), dataRow)
}

// RowKey returns the key of the row whose primary-key tuple encoding is pk. For a keyless
// table pk is AppendUint(nil, rowID) with a row id from the table's RowIDKey counter.
func RowKey(tableID uint64, pk []byte) []byte {
	return append(tableKey(tableID, dataRow, len(pk)), pk...)
}

// RowPrefix returns the bounds [lo, hi) of the table's rows.
func RowPrefix(tableID uint64) (lo, hi []byte) {
	lo = tableKey(tableID, dataRow, 0)
	return lo, PrefixEnd(lo)
}

// AppendIndexKeyPrefix appends 0x03 <table id> 'i' <index id> to dst; append the index tuple
// and then the primary-key tuple to get an index entry key.
func AppendIndexKeyPrefix(dst []byte, tableID uint64, indexID uint32) []byte {
	dst = append(AppendTablePrefix(dst, tableID), dataIndex)
	return binary.BigEndian.AppendUint32(dst, indexID)
}

// IndexKey returns the key of an index entry: entry is the index tuple followed by the
// primary-key tuple. Index entries have an empty value.
func IndexKey(tableID uint64, indexID uint32, entry []byte) []byte {
	k := make([]byte, 0, 14+len(entry))
	return append(AppendIndexKeyPrefix(k, tableID, indexID), entry...)
}

// IndexPrefix returns the bounds [lo, hi) of one index's entries.
func IndexPrefix(tableID uint64, indexID uint32) (lo, hi []byte) {
	lo = AppendIndexKeyPrefix(nil, tableID, indexID)
	return lo, PrefixEnd(lo)
}

// AutoIncrementKey returns the key of the table's AUTO_INCREMENT counter (see Txn.Counter).
func AutoIncrementKey(tableID uint64) []byte { return tableKey(tableID, dataAutoInc, 0) }

// RowIDKey returns the key of the hidden row-id counter of a keyless table.
func RowIDKey(tableID uint64) []byte { return tableKey(tableID, dataRowID, 0) }

// SequenceKey returns the key of a sequence's state (FORMAT.md, "Sequence state").
func SequenceKey(tableID uint64) []byte { return tableKey(tableID, dataSequence, 0) }

// SplitRowKey returns the table id and primary-key tuple of a row key.
func SplitRowKey(key []byte) (tableID uint64, pk []byte, err error) {
	tableID, tag, rest, err := splitDataKey(key)
	if err == nil && tag != dataRow {
		err = fmt.Errorf("%w: not a row key: %x", ErrBadKey, key)
	}
	return tableID, rest, err
}

// SplitIndexKey returns the table id, index id and entry (index tuple + primary-key tuple) of
// an index entry key.
func SplitIndexKey(key []byte) (tableID uint64, indexID uint32, entry []byte, err error) {
	tableID, tag, rest, err := splitDataKey(key)
	if err == nil && (tag != dataIndex || len(rest) < 4) {
		err = fmt.Errorf("%w: not an index key: %x", ErrBadKey, key)
	}
	if err != nil {
		return 0, 0, nil, err
	}
	return tableID, binary.BigEndian.Uint32(rest), rest[4:], nil
}

func splitDataKey(key []byte) (tableID uint64, tag byte, rest []byte, err error) {
	if len(key) < 10 || key[0] != spaceData {
		return 0, 0, nil, fmt.Errorf("%w: not a table data key: %x", ErrBadKey, key)
	}
	return binary.BigEndian.Uint64(key[1:9]), key[9], key[10:], nil
}
