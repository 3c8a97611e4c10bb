package sqlengine

import (
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/plan"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// ARCHIVE is MariaDB's ha_archive as a client sees it. Its rows are stored like those of the
// other heap engines (insertion order; nothing is ever deleted, so no slot is reused); what
// makes a table ARCHIVE is what it refuses, as MariaDB 10.11 with ha_archive.so does:
//
//   - at most one key (1069), of NOT NULL columns (1121), and only on the AUTO_INCREMENT
//     column, ascending (otherwise the engine refuses the table: 1005 errno 140);
//   - no FULLTEXT key (1214);
//   - UPDATE or DELETE of a row, and TRUNCATE, fail with 1031 (statements that change no row
//     succeed);
//   - with a UNIQUE key (or PRIMARY KEY), an AUTO_INCREMENT value is accepted only above the
//     counter: anything else is "duplicate key" 1022, also for REPLACE and ON DUPLICATE KEY
//     UPDATE, and a warning under INSERT IGNORE.

const archiveEngine = "ARCHIVE"

// wrongCreateOptions is the engine error of a definition ARCHIVE (or InnoDB) refuses.
var wrongCreateOptions = sequences.Errno{Code: 140, Text: "Wrong create options"}

// keyShape is a key of a table being defined, as the engine rules see it.
type keyShape struct {
	primary, unique, fulltext bool
	cols                      []keyShapeCol
}

type keyShapeCol struct {
	name              string
	nullable, autoInc bool
	desc              bool
}

// archiveKeyRules checks the keys of an ARCHIVE table db.table, in MariaDB's order: the number
// of keys, then FULLTEXT and NULL columns key by key, then the engine's own check.
func archiveKeyRules(db, table string, keys []keyShape) error {
	if len(keys) > 1 {
		return mariaErr(sequences.ErrTooManyKeys, 1)
	}
	for _, k := range keys {
		if k.fulltext {
			return mariaErr(sequences.ErrTableCantHandleFT, archiveEngine)
		}
		for _, c := range k.cols {
			if c.nullable {
				return mariaErr(sequences.ErrNullColumnInIndex, c.name)
			}
		}
	}
	for _, k := range keys {
		for _, c := range k.cols {
			if !c.autoInc || c.desc {
				return mariaErr(sequences.ErrCantCreateTable, db, table, wrongCreateOptions)
			}
		}
	}
	return nil
}

// planKeys returns the keys of CREATE TABLE's plan: the primary key, then the indexes.
func planKeys(ct *plan.CreateTable) []keyShape {
	sch := ct.PkSchema()
	col := func(name string) keyShapeCol {
		c := keyShapeCol{name: name}
		if i := sch.Schema.IndexOfColName(name); i >= 0 {
			c.name = sch.Schema[i].Name
			c.nullable, c.autoInc = sch.Schema[i].Nullable, sch.Schema[i].AutoIncrement
		}
		return c
	}
	var keys []keyShape
	if len(sch.PkOrdinals) > 0 {
		k := keyShape{primary: true, unique: true}
		for _, o := range sch.PkOrdinals {
			k.cols = append(k.cols, col(sch.Schema[o].Name))
			k.cols[len(k.cols)-1].nullable = false
		}
		keys = append(keys, k)
	}
	for _, ix := range ct.Indexes() {
		if ix.Constraint == sql.IndexConstraint_Primary {
			continue
		}
		k := keyShape{unique: ix.IsUnique(), fulltext: ix.IsFullText()}
		for _, c := range ix.Columns {
			k.cols = append(k.cols, col(c.Name))
		}
		keys = append(keys, k)
	}
	return keys
}

// defKeys returns the keys of a table definition: the primary key, then the indexes.
func defKeys(def *storage.TableDef) []keyShape {
	col := func(ic storage.IndexColumn, pk bool) keyShapeCol {
		c := keyShapeCol{name: ic.Name, desc: ic.Desc}
		for _, cd := range def.Columns {
			if strings.EqualFold(cd.Name, ic.Name) {
				c.name, c.nullable, c.autoInc = cd.Name, cd.Nullable && !pk, cd.AutoIncrement
			}
		}
		return c
	}
	var keys []keyShape
	if len(def.PrimaryKey) > 0 {
		k := keyShape{primary: true, unique: true}
		for _, ic := range def.PrimaryKey {
			k.cols = append(k.cols, col(ic, true))
		}
		keys = append(keys, k)
	}
	for _, ix := range def.Indexes {
		k := keyShape{unique: ix.Unique, fulltext: ix.Kind == "FULLTEXT"}
		for _, ic := range ix.Columns {
			k.cols = append(k.cols, col(ic, false))
		}
		keys = append(keys, k)
	}
	return keys
}

// checkEngineRules checks a new or changed table definition against its engine's rules
// (ARCHIVE's keys, innodb_force_primary_key). name is the table the error names.
func checkEngineRules(ctx *sql.Context, def *storage.TableDef, name string) error {
	if def.Sequence {
		return nil
	}
	keys := defKeys(def)
	switch def.Engine {
	case archiveEngine:
		return archiveKeyRules(def.DB, name, keys)
	case "InnoDB":
		return forcePrimaryKey(ctx, keys)
	}
	return nil
}

// beforeUpdate is what an editor does before it updates a row: count it for the OK packet's
// info (okinfo.go), and refuse it in an ARCHIVE table.
func (e *editor) beforeUpdate(ctx *sql.Context) error {
	noteRowWrite(ctx, e.t, true)
	return e.t.archiveRefuses()
}

// archiveRefuses is ARCHIVE's 1031 for changing or deleting a row, or truncating.
func (t *Table) archiveRefuses() error {
	if t.meta.def.Engine != archiveEngine {
		return nil
	}
	return mariaErr(sequences.ErrIllegalHA, archiveEngine, t.Database(), t.Name())
}

// archiveTruncate is ARCHIVE's answer to TRUNCATE, which it refuses, and to DELETE without
// WHERE, which GMS runs as a truncation: MariaDB deletes row by row, which fails only when there
// is a row. rows is the number of rows the table has.
func (t *Table) archiveTruncate(ctx *sql.Context, rows int) error {
	if t.meta.def.Engine != archiveEngine {
		return nil
	}
	q := ctx.Query()
	l := &lexer{src: q}
	if l.next().isWord(q, "delete") && rows == 0 {
		return nil
	}
	return t.archiveRefuses()
}

// archiveInsert applies ARCHIVE's rule for a row about to be inserted: with a unique key, the
// AUTO_INCREMENT value must be above the counter and not taken. row holds the final value.
func (e *editor) archiveInsert(ctx *sql.Context, row sql.Row) error {
	noteRowWrite(ctx, e.t, false) // for the OK packet's info (okinfo.go)
	m := e.t.meta
	if m.def.Engine != archiveEngine || m.autoIncOrd < 0 {
		return nil
	}
	var unique []*indexMeta
	for _, ix := range m.allIndexes() {
		if ix.def.Unique && !ix.hash {
			unique = append(unique, ix)
		}
	}
	if len(unique) == 0 {
		return nil
	}
	v, ok := explicitAutoValue(ctx, row[m.autoIncOrd])
	if !ok {
		return nil
	}
	// GMS has already moved the counter past an explicit value above it, so a value at or
	// below the counter shows as one more than an increment below the next value, or as taken.
	next, err := e.t.PeekNextAutoIncrementValue(ctx)
	if err != nil {
		return err
	}
	inc, _ := incrementSettings(ctx)
	if v+inc < next {
		return archiveDupKey(e.t.Name())
	}
	for _, ix := range unique {
		if err := e.checkUnique(ctx, ix, row, nil); err != nil {
			if sql.ErrUniqueKeyViolation.Is(err) || sql.ErrPrimaryKeyViolation.Is(err) {
				return archiveDupKey(e.t.Name())
			}
			return err
		}
	}
	return nil
}

// archiveDupKey is 1022 as GMS's ErrDuplicateEntry, which INSERT IGNORE turns into a warning and
// which REPLACE and ON DUPLICATE KEY UPDATE do not act on. The translation of errors and of
// warnings recovers MariaDB's error from the text.
func archiveDupKey(table string) error {
	e := sequences.ErrDupKey.New(table)
	return sql.ErrDuplicateEntry.New(e.Message + archiveDupMark)
}

// archiveDupMark ends the key name of an archiveDupKey error.
const archiveDupMark = " (errno 1022)"

// archiveDupPattern matches an archiveDupKey error's or warning's text; group 1 is MariaDB's
// message.
var archiveDupPattern = `^Duplicate entry for key '(.*) \(errno 1022\)'$`
