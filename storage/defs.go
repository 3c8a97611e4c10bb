package storage

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// This file declares the catalog records. Each is stored as one JSON object (FORMAT.md,
// "Catalog records"); decoding ignores unknown fields, so a later seqd can add fields that this
// one skips. NB: the JSON names are stored on disk and must not change.
//
// Definitions handed out by a Catalog are shared by every reader and must not be modified;
// Clone them first.

// DatabaseDef is a database (schema).
type DatabaseDef struct {
	// ID is an object id from Txn.NextObjectID, usable as a lock resource (for example DROP
	// DATABASE locks it exclusively and CREATE TABLE shared).
	ID        uint64 `json:"id"`
	Name      string `json:"name"`
	Charset   string `json:"charset,omitempty"`   // default character set, "" = server default
	Collation string `json:"collation,omitempty"` // default collation, "" = charset default
	Comment   string `json:"comment,omitempty"`
}

// TableDef is a table or a sequence (Sequence set). Its ID keys its data (TablePrefix), its lock
// and, for a sequence, its state and LASTVAL entries; ids are never reused.
type TableDef struct {
	ID          uint64          `json:"id"`
	DB          string          `json:"db"`
	Name        string          `json:"name"`
	Columns     []ColumnDef     `json:"columns"`
	PrimaryKey  []IndexColumn   `json:"primary_key,omitempty"` // empty: keyless, rows keyed by a hidden row id
	Indexes     []IndexDef      `json:"indexes,omitempty"`     // secondary indexes, UNIQUE included
	Checks      []CheckDef      `json:"checks,omitempty"`
	ForeignKeys []ForeignKeyDef `json:"foreign_keys,omitempty"`
	Engine      string          `json:"engine,omitempty"`
	Comment     string          `json:"comment,omitempty"`
	Charset     string          `json:"charset,omitempty"`   // DEFAULT CHARSET
	Collation   string          `json:"collation,omitempty"` // COLLATE
	// Options holds the other table options as given, upper-case name to SQL text (MIN_ROWS,
	// ROW_FORMAT, ...). AUTO_INCREMENT=n is not an option: it sets the AutoIncrementKey counter.
	Options map[string]string `json:"options,omitempty"`
	// EngineOptions are the engine-defined table options (MariaDB's ha_table_option_struct, for
	// example InnoDB's PAGE_COMPRESSED) in the order SHOW CREATE TABLE prints them: the name as
	// written and the value as SQL text ("1", "'ON'", "yes").
	EngineOptions []EngineOption `json:"engine_options,omitempty"`
	Sequence      bool           `json:"sequence,omitempty"` // created by CREATE SEQUENCE or SEQUENCE=1
}

// EngineOption is one engine-defined table option.
type EngineOption struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// ColumnDef is one column. Expressions are SQL text that the SQL layer re-parses.
type ColumnDef struct {
	Name string `json:"name"`
	// Type is the column type as SQL text, including length, UNSIGNED, ZEROFILL, CHARACTER SET
	// and COLLATE, e.g. "varchar(20) CHARACTER SET latin1 COLLATE latin1_bin".
	Type     string `json:"type"`
	Nullable bool   `json:"nullable,omitempty"`
	// Default is the DEFAULT clause as SQL text: "" means none, "NULL" an explicit DEFAULT NULL,
	// "'x'" a literal, "(expr)" or "current_timestamp()" an expression.
	Default       string `json:"default,omitempty"`
	OnUpdate      string `json:"on_update,omitempty"` // ON UPDATE expression text, "" = none
	Generated     string `json:"generated,omitempty"` // GENERATED ALWAYS AS (expr) text, "" = not generated
	Stored        bool   `json:"stored,omitempty"`    // a generated column is STORED/PERSISTENT, else VIRTUAL
	AutoIncrement bool   `json:"auto_increment,omitempty"`
	Invisible     bool   `json:"invisible,omitempty"`
	Comment       string `json:"comment,omitempty"`
}

// IndexColumn is one column of an index or primary key.
type IndexColumn struct {
	Name   string `json:"name"`
	Prefix int    `json:"prefix,omitempty"` // key prefix length in characters, 0 = whole column
	Desc   bool   `json:"desc,omitempty"`
}

// IndexDef is a secondary index. Its entries live under IndexPrefix(table id, ID).
type IndexDef struct {
	// ID is unique within the table and not 0 (see TableDef.NextIndexID). An index id may be
	// reused only after the old index's entries were range-deleted.
	ID      uint32        `json:"id"`
	Name    string        `json:"name"`
	Unique  bool          `json:"unique,omitempty"`
	Kind    string        `json:"kind,omitempty"` // "", "FULLTEXT" or "SPATIAL"
	Columns []IndexColumn `json:"columns"`
	Comment string        `json:"comment,omitempty"`
	Ignored bool          `json:"ignored,omitempty"` // MariaDB IGNORED (MySQL INVISIBLE) index
}

// CheckDef is a CHECK constraint. A column-level check is stored with the column's name.
type CheckDef struct {
	Name     string `json:"name"`
	Expr     string `json:"expr"`
	Enforced bool   `json:"enforced"`
}

// ForeignKeyDef is a FOREIGN KEY constraint; actions are SQL text ("CASCADE", "SET NULL", ...;
// "" = unspecified).
type ForeignKeyDef struct {
	Name       string   `json:"name"`
	Columns    []string `json:"columns"`
	RefDB      string   `json:"ref_db"`
	RefTable   string   `json:"ref_table"`
	RefColumns []string `json:"ref_columns"`
	OnUpdate   string   `json:"on_update,omitempty"`
	OnDelete   string   `json:"on_delete,omitempty"`
}

// ViewDef is a view.
type ViewDef struct {
	DB   string `json:"db"`
	Name string `json:"name"`
	// Definition is the view's SELECT text.
	Definition string `json:"definition"`
	// CreateStatement is the full CREATE VIEW text as the SQL layer wants to show it, if kept.
	CreateStatement string `json:"create_statement,omitempty"`
	Algorithm       string `json:"algorithm,omitempty"`    // UNDEFINED, MERGE or TEMPTABLE
	Definer         string `json:"definer,omitempty"`      // user@host
	SQLSecurity     string `json:"sql_security,omitempty"` // DEFINER or INVOKER
	CheckOption     string `json:"check_option,omitempty"` // "", CASCADED or LOCAL
	ClientCharset   string `json:"client_charset,omitempty"`
	Collation       string `json:"collation,omitempty"` // collation_connection
}

// TriggerDef is a trigger. The SQL layer stores its CREATE TRIGGER text and parses it again.
type TriggerDef struct {
	DB              string `json:"db"`
	Name            string `json:"name"`
	Table           string `json:"table"`            // the table it fires on
	CreateStatement string `json:"create_statement"` // the CREATE TRIGGER text
	CreatedAt       int64  `json:"created_at"`       // Unix microseconds
	SQLMode         string `json:"sql_mode,omitempty"`
	// The creating session's character_set_client and collation_connection, and the database's
	// collation then, as MariaDB keeps them with a trigger.
	CharsetClient       string `json:"character_set_client,omitempty"`
	CollationConnection string `json:"collation_connection,omitempty"`
	DBCollation         string `json:"db_collation,omitempty"`
}

// NextIndexID returns an index id one above the table's largest.
func (d *TableDef) NextIndexID() uint32 {
	var m uint32
	for _, ix := range d.Indexes {
		m = max(m, ix.ID)
	}
	return m + 1
}

// Clone returns a deep copy of d.
func (d *TableDef) Clone() *TableDef {
	c := *d
	c.Columns = slices.Clone(d.Columns)
	c.PrimaryKey = slices.Clone(d.PrimaryKey)
	c.Indexes = slices.Clone(d.Indexes)
	for i := range c.Indexes {
		c.Indexes[i].Columns = slices.Clone(c.Indexes[i].Columns)
	}
	c.Checks = slices.Clone(d.Checks)
	c.ForeignKeys = slices.Clone(d.ForeignKeys)
	for i := range c.ForeignKeys {
		fk := &c.ForeignKeys[i]
		fk.Columns = slices.Clone(fk.Columns)
		fk.RefColumns = slices.Clone(fk.RefColumns)
	}
	c.Options = maps.Clone(d.Options)
	c.EngineOptions = slices.Clone(d.EngineOptions)
	return &c
}

// Clone returns a copy of d.
func (d *ViewDef) Clone() *ViewDef {
	c := *d
	return &c
}

// Validate reports whether d is well formed: an id, names, unique column names (case
// insensitive), key and index columns that exist, and unique non-zero index ids.
func (d *TableDef) Validate() error {
	if d.ID == 0 || d.DB == "" || d.Name == "" {
		return fmt.Errorf("%w: table %q.%q needs an id, a database and a name", ErrInvalidDef, d.DB, d.Name)
	}
	cols := make(map[string]bool, len(d.Columns))
	for _, c := range d.Columns {
		if c.Name == "" || c.Type == "" || cols[strings.ToLower(c.Name)] {
			return fmt.Errorf("%w: table %s.%s: bad or duplicate column %q", ErrInvalidDef, d.DB, d.Name, c.Name)
		}
		cols[strings.ToLower(c.Name)] = true
	}
	if err := d.checkIndexColumns("PRIMARY", d.PrimaryKey, cols); err != nil {
		return err
	}
	ids := make(map[uint32]bool, len(d.Indexes))
	for _, ix := range d.Indexes {
		if ix.ID == 0 || ids[ix.ID] || len(ix.Columns) == 0 {
			return fmt.Errorf("%w: table %s.%s: index %q needs a unique id and columns", ErrInvalidDef, d.DB, d.Name, ix.Name)
		}
		ids[ix.ID] = true
		if err := d.checkIndexColumns(ix.Name, ix.Columns, cols); err != nil {
			return err
		}
	}
	return nil
}

func (d *TableDef) checkIndexColumns(index string, ics []IndexColumn, cols map[string]bool) error {
	for _, ic := range ics {
		if !cols[strings.ToLower(ic.Name)] || ic.Prefix < 0 {
			return fmt.Errorf("%w: table %s.%s: index %s: bad column %q", ErrInvalidDef, d.DB, d.Name, index, ic.Name)
		}
	}
	return nil
}

func validateDatabase(d *DatabaseDef) error {
	if d.ID == 0 || d.Name == "" {
		return fmt.Errorf("%w: database %q needs an id and a name", ErrInvalidDef, d.Name)
	}
	return nil
}

func validateView(d *ViewDef) error {
	if d.DB == "" || d.Name == "" {
		return fmt.Errorf("%w: view %q.%q needs a database and a name", ErrInvalidDef, d.DB, d.Name)
	}
	return nil
}

func validateTrigger(d *TriggerDef) error {
	if d.DB == "" || d.Name == "" || d.Table == "" {
		return fmt.Errorf("%w: trigger %q.%q needs a database, a name and a table", ErrInvalidDef, d.DB, d.Name)
	}
	return nil
}

func decodeTriggerDef(b []byte) (*TriggerDef, error) {
	d := new(TriggerDef)
	if err := decodeJSON(b, d); err != nil {
		return nil, err
	}
	return d, corruptIf(validateTrigger(d))
}

// encodeJSON encodes a catalog record. It cannot fail for the record types, which hold only
// strings, numbers, bools, slices and string maps; the error is passed on all the same.
// SQL text is kept readable: '<', '>' and '&' are not escaped.
func encodeJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("%w: %T: %w", ErrInvalidDef, v, err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func decodeDatabaseDef(b []byte) (*DatabaseDef, error) {
	d := new(DatabaseDef)
	if err := decodeJSON(b, d); err != nil {
		return nil, err
	}
	return d, corruptIf(validateDatabase(d))
}

func decodeTableDef(b []byte) (*TableDef, error) {
	d := new(TableDef)
	if err := decodeJSON(b, d); err != nil {
		return nil, err
	}
	return d, corruptIf(d.Validate())
}

func decodeViewDef(b []byte) (*ViewDef, error) {
	d := new(ViewDef)
	if err := decodeJSON(b, d); err != nil {
		return nil, err
	}
	return d, corruptIf(validateView(d))
}

// corruptIf marks a validation error of a stored record as corruption.
func corruptIf(err error) error {
	if err != nil {
		return fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	return nil
}

func decodeJSON(b []byte, v any) error {
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%w: %T: %w", ErrCorrupt, v, err)
	}
	return nil
}
