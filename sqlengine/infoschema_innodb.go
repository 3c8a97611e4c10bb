package sqlengine

import (
	"sort"
	"strconv"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"

	"github.com/seqd/seqd/storage"
)

// information_schema.INNODB_SYS_TABLES: InnoDB's data dictionary as MariaDB 10.11 shows it, for
// seqd's InnoDB tables and sequences (not temporary ones), after InnoDB's own tables. TABLE_ID
// and SPACE are numbers seqd derives from its table ids; FLAG, N_COLS, ROW_FORMAT and
// ZIP_PAGE_SIZE are what InnoDB computes from the definition (dict_tf_t in dict0mem.h).

var innodbSysTablesSchema = isSchema("INNODB_SYS_TABLES",
	"TABLE_ID", types.Uint64, false,
	"NAME", isVarchar(655), false,
	"FLAG", types.Int32, false,
	"N_COLS", types.Uint32, false,
	"SPACE", types.Uint32, false,
	"ROW_FORMAT", types.MustCreateEnumType([]string{"Redundant", "Compact", "Compressed", "Dynamic"}, sql.Collation_Information_Schema_Default), true,
	"ZIP_PAGE_SIZE", types.Uint32, false,
	"SPACE_TYPE", types.MustCreateEnumType([]string{"Single", "System"}, sql.Collation_Information_Schema_Default), true,
)

// innodbSystemTables are the rows MariaDB 10.11 lists for InnoDB's own tables.
var innodbSystemTables = []sql.Row{
	{uint64(11), "SYS_FOREIGN", int32(0), uint32(7), uint32(0), "Redundant", uint32(0), "System"},
	{uint64(12), "SYS_FOREIGN_COLS", int32(0), uint32(7), uint32(0), "Redundant", uint32(0), "System"},
	{uint64(13), "SYS_VIRTUAL", int32(0), uint32(6), uint32(0), "Redundant", uint32(0), "System"},
	{uint64(14), "mysql/innodb_table_stats", int32(33), uint32(9), uint32(1), "Dynamic", uint32(0), "Single"},
	{uint64(15), "mysql/innodb_index_stats", int32(33), uint32(11), uint32(2), "Dynamic", uint32(0), "Single"},
	{uint64(16), "mysql/transaction_registry", int32(33), uint32(8), uint32(3), "Dynamic", uint32(0), "Single"},
	{uint64(17), "mysql/gtid_slave_pos", int32(33), uint32(7), uint32(4), "Dynamic", uint32(0), "Single"},
}

// InnoDB's table flags (dict0mem.h).
const (
	innodbFlagCompact         = 1
	innodbFlagZipShift        = 1 // 4 bits: log2(zip page size / 512)
	innodbFlagAtomicBlobs     = 1 << 5
	innodbFlagDataDir         = 1 << 6
	innodbFlagPageCompression = 1 << 7
	innodbFlagLevelShift      = 8       // 4 bits: page compression level
	innodbFlagNoRollback      = 3 << 12 // a sequence
)

func (s *Server) innodbSysTablesRows(ctx *sql.Context, cat sql.Catalog) (sql.RowIter, error) {
	rows := append([]sql.Row(nil), innodbSystemTables...)
	scat := s.catalogOf(ctx)
	var mine []sql.Row
	for _, db := range scat.Databases() {
		for _, def := range scat.Tables(db.Name) {
			if def.Engine == "InnoDB" {
				mine = append(mine, innodbSysTableRow(def))
			}
		}
	}
	sort.Slice(mine, func(i, j int) bool { return mine[i][0].(uint64) < mine[j][0].(uint64) })
	return sql.RowsToRowIter(append(rows, mine...)...), nil
}

// innodbSysTableRow is one table's row.
func innodbSysTableRow(def *storage.TableDef) sql.Row {
	format, zip := innodbRowFormat(def)
	if v, ok := engineOption(def, "PAGE_COMPRESSED"); ok && format == "Compact" {
		if on, _ := optionBool(v); on {
			format = "Dynamic" // page compression needs it
		}
	}
	flag := innodbFlags(def, format, zip)
	cols := 0
	for _, c := range def.Columns {
		if c.Generated == "" || c.Stored {
			cols++ // virtual columns are not stored
		}
	}
	return sql.Row{17 + def.ID, def.DB + "/" + def.Name, int32(flag), uint32(cols + 3), uint32(4 + def.ID), format, uint32(zip), "Single"}
}

// innodbRowFormat is the table's row format and, for COMPRESSED, its page size: ROW_FORMAT as
// given, COMPRESSED when only KEY_BLOCK_SIZE is given, else DYNAMIC (innodb_default_row_format).
func innodbRowFormat(def *storage.TableDef) (string, int) {
	kbs, _ := strconv.Atoi(def.Options["KEY_BLOCK_SIZE"])
	rf := strings.ToUpper(strings.Trim(def.Options["ROW_FORMAT"], "'\""))
	switch {
	case rf == "REDUNDANT":
		return "Redundant", 0
	case rf == "COMPACT":
		return "Compact", 0
	case rf == "COMPRESSED" || (rf == "" || rf == "DEFAULT") && kbs > 0:
		if kbs <= 0 {
			kbs = 8
		}
		return "Compressed", kbs * 1024
	}
	return "Dynamic", 0
}

// innodbFlags computes FLAG.
func innodbFlags(def *storage.TableDef, format string, zip int) int {
	flag := 0
	if format != "Redundant" {
		flag |= innodbFlagCompact
	}
	if zip > 0 {
		ssize := 1
		for p := 1024; p < zip; p *= 2 {
			ssize++
		}
		flag |= ssize << innodbFlagZipShift
	}
	if format == "Dynamic" || format == "Compressed" {
		flag |= innodbFlagAtomicBlobs
	}
	if _, ok := def.Options["DATA DIRECTORY"]; ok {
		flag |= innodbFlagDataDir
	}
	if v, ok := engineOption(def, "PAGE_COMPRESSED"); ok {
		if on, _ := optionBool(v); on {
			level := 6 // innodb_compression_level
			if l, ok := engineOption(def, "PAGE_COMPRESSION_LEVEL"); ok {
				level, _ = strconv.Atoi(l)
			}
			flag |= innodbFlagPageCompression | level<<innodbFlagLevelShift
		}
	}
	if def.Sequence {
		flag |= innodbFlagNoRollback
	}
	return flag
}
