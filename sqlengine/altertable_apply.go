package sqlengine

import (
	"strings"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// alterBaseTable applies ALTER TABLE to a table: GMS's part first, then the options.
func (s *Server) alterBaseTable(ctx *sql.Context, at *alterTable, def *storage.TableDef) (sql.RowIter, error) {
	if at.has(alterPartition) {
		return nil, errNotSupportedYet("PARTITION BY")
	}
	if err := s.runRest(ctx, at); err != nil {
		return nil, err
	}
	if !at.hasOptionItems() {
		return okResult(0), nil
	}
	err := s.ddl(ctx, func(txn *storage.Txn) error {
		cur, ok := txn.Catalog().Table(def.DB, def.Name)
		if !ok { // the statement renamed it
			cur, ok = txn.Catalog().TableByID(def.ID)
		}
		if !ok {
			return mariaErr(sequences.ErrNoSuchTable, def.DB, def.Name)
		}
		if seq, ok := at.option("SEQUENCE"); ok && seq == "1" {
			return s.tableToSequence(ctx, txn, at, cur)
		}
		nd, err := at.applyOptions(cur.Clone(), false)
		if err != nil {
			return err
		}
		if err := checkEngineRules(ctx, nd, nd.Name); err != nil {
			return err
		}
		if err := checkGivenEngineOptions(ctx, nd.Engine, at.engineOptions()); err != nil {
			return err
		}
		if err := checkInnoDBOptions(nd, nd.Name, false); err != nil {
			return err
		}
		if err := s.checkStoredDefaults(ctx, nd.DB, nd.Columns); err != nil {
			return err
		}
		return s.putRelaid(ctx, txn, cur, nd, at.has(alterForce) || at.has(alterOrderBy))
	})
	if err != nil {
		return nil, err
	}
	return okResult(0), nil
}

// hasOptionItems reports whether seqd has options, FORCE or ORDER BY to apply.
func (at *alterTable) hasOptionItems() bool {
	return at.has(alterOption) || at.has(alterForce) || at.has(alterOrderBy)
}

// applyOptions returns def with the statement's table options applied.
func (at *alterTable) applyOptions(def *storage.TableDef, sequence bool) (*storage.TableDef, error) {
	for _, it := range at.items {
		if it.kind != alterOption {
			continue
		}
		switch it.name {
		case "ENGINE":
			e, err := resolveAlterEngine(it.text, sequence)
			if err != nil {
				return nil, err
			}
			def.Engine = e
		case "COMMENT":
			def.Comment = it.text
		case "SEQUENCE":
			// handled by the caller
		default:
			if isEngineOption(it.name) {
				name, value := at.optionAsWritten(it)
				def.EngineOptions = setEngineOption(def.EngineOptions, name, value)
				continue
			}
			if def.Options == nil {
				def.Options = map[string]string{}
			}
			def.Options[it.name] = it.text
		}
	}
	return def, nil
}

// resolveAlterEngine checks an ENGINE= of ALTER TABLE.
func resolveAlterEngine(name string, sequence bool) (string, error) {
	if sequence {
		e, err := sequences.ResolveEngine(name)
		return e, sqlErr(err)
	}
	e, ok := canonicalEngine(name)
	if !ok {
		return "", errUnknownStorageEngine(name)
	}
	return e, nil
}

// putRelaid stores a table's new definition; when the row layout changes (clustered InnoDB
// versus heap) or a rebuild is asked for (FORCE, ORDER BY), the rows are rewritten.
func (s *Server) putRelaid(ctx *sql.Context, txn *storage.Txn, old, nd *storage.TableDef, rebuild bool) error {
	clustered := func(d *storage.TableDef) bool { return d.Engine == "InnoDB" && len(d.PrimaryKey) > 0 }
	if !rebuild && clustered(old) == clustered(nd) {
		return translateStorageError(txn.PutTable(nd))
	}
	m, err := s.metas.get(ctx, old)
	if err != nil {
		return err
	}
	t := newTable(s, m, false)
	return t.rewriteRows(ctx, nd, func(r sql.Row) (sql.Row, error) { return r, nil })
}

// alterSequenceTable applies ALTER TABLE to a sequence. MariaDB allows options (ENGINE,
// COMMENT, SEQUENCE=0, ...), FORCE and RENAME; every ALTER re-opens the sequence, which
// discards its cache.
func (s *Server) alterSequenceTable(ctx *sql.Context, at *alterTable, def *storage.TableDef) (sql.RowIter, error) {
	if err := at.sequenceStructure(def); err != nil {
		return nil, err
	}
	if err := s.runRest(ctx, at); err != nil {
		return nil, err
	}
	name := def.Name
	if cur, _, ok := s.findTableDef(ctx, def.DB, def.Name); !ok || cur.ID != def.ID {
		name = renamedName(s.catalogOf(ctx), def)
		if t, ok := s.sessionTemp(ctx).byID(def.ID); ok {
			name = t.Name // a temporary sequence renamed
		}
	}
	err := s.ddl(ctx, func(txn *storage.Txn) error {
		cur, ok := txn.Catalog().Table(def.DB, name)
		if !ok || cur.ID != def.ID {
			if t, ok := s.sessionTemp(ctx).byID(def.ID); ok {
				return s.alterTempSequence(ctx, txn, at, t)
			}
			return nil
		}
		if seq, ok := at.option("SEQUENCE"); ok && seq != "1" {
			return s.sequenceToTable(ctx, txn, at, cur)
		}
		nd, err := at.applyOptions(cur.Clone(), true)
		if err != nil {
			return err
		}
		return translateStorageError(txn.PutTable(nd))
	})
	if err != nil {
		return nil, err
	}
	s.seqs.Rename(def.ID, def.DB, name)
	if !at.renameOnly() {
		s.seqs.Redefine(def.ID) // a new definition: PREVIOUS VALUE FOR it is NULL
	}
	if !at.renameOnly() {
		s.seqs.Flush(def.ID) // a temporary sequence is re-opened too
	}
	return okResult(0), nil
}

// renamedName finds a sequence's name after a RENAME in the same statement.
func renamedName(cat *storage.Catalog, def *storage.TableDef) string {
	if d, ok := cat.TableByID(def.ID); ok {
		return d.Name
	}
	return def.Name
}

// sequenceStructure returns MariaDB's error for a change a sequence's table cannot take.
func (at *alterTable) sequenceStructure(def *storage.TableDef) error {
	for _, it := range at.items {
		var reason string
		switch it.kind {
		case alterOrderBy:
			reason = "ORDER BY"
		case alterPartition:
			return mariaErr(sequences.ErrIllegalHACreateOption, "partition", "SEQUENCE")
		case alterOther:
			reason = structureReason(at.text[it.start:it.end])
		}
		if reason != "" {
			return mariaErr(sequences.ErrInvalidTableStructure, def.DB, def.Name, reason)
		}
	}
	return nil
}

// structureReason says why an ALTER TABLE item breaks a sequence's structure, "" if it does not
// (RENAME).
func structureReason(item string) string {
	l := &lexer{src: item}
	w1, w2 := l.next(), l.next()
	switch {
	case w1.isWord(item, "rename") && !w2.isWord(item, "column") && !w2.isWord(item, "index") && !w2.isWord(item, "key"):
		return ""
	case w1.isWord(item, "add") || w1.isWord(item, "drop"):
		switch {
		case w2.isWord(item, "constraint") || w2.isWord(item, "check"):
			return "Sequence tables cannot have any constraints"
		case w2.isWord(item, "index") || w2.isWord(item, "key") || w2.isWord(item, "unique") ||
			w2.isWord(item, "primary") || w2.isWord(item, "fulltext") || w2.isWord(item, "spatial") ||
			w2.isWord(item, "foreign"):
			return "Sequence tables cannot have any keys"
		}
		return "Wrong number of columns"
	case w1.isWord(item, "modify") || w1.isWord(item, "change") || w1.isWord(item, "alter"):
		if w2.isWord(item, "column") {
			w2 = l.next()
		}
		return identText(item, w2)
	}
	return strings.TrimSpace(item)
}

// sequenceAsTable opens the sequence that ALTER TABLE ... SEQUENCE=0 makes a table, and returns
// it with the table's definition: the statement's options applied, and the database's
// collation for a sequence stored without one.
func (s *Server) sequenceAsTable(ctx *sql.Context, at *alterTable, def *storage.TableDef) (*sequences.Sequence, *storage.TableDef, error) {
	seq, err := s.seqs.Open(def.ID, def.DB, def.Name)
	if err != nil {
		return nil, nil, sqlErr(err)
	}
	nd, err := at.applyOptions(def.Clone(), false)
	if err != nil {
		return nil, nil, err
	}
	nd.Sequence = false
	if nd.Collation == "" {
		coll := s.databaseCollationID(ctx, nd.DB)
		nd.Charset, nd.Collation = coll.CharacterSet().Name(), coll.Name()
	}
	return seq, nd, nil
}

// sequenceToTable makes a sequence a plain table (ALTER TABLE ... SEQUENCE=0): its row becomes
// the table's one row.
func (s *Server) sequenceToTable(ctx *sql.Context, txn *storage.Txn, at *alterTable, def *storage.TableDef) error {
	seq, nd, err := s.sequenceAsTable(ctx, at, def)
	if err != nil {
		return err
	}
	if err := txn.PutTable(nd); err != nil {
		return translateStorageError(err)
	}
	if err := txn.Delete(storage.SequenceKey(def.ID)); err != nil {
		return translateStorageError(err)
	}
	m, err := s.metas.get(ctx, nd)
	if err != nil {
		return err
	}
	row := stateRow(seq.State())
	if err := (&editor{t: newTable(s, m, false), txn: txn}).Insert(ctx, row); err != nil {
		return err
	}
	s.seqs.Drop(def.ID)
	return nil
}

// alterTempSequence applies the options of ALTER TABLE to a temporary sequence; SEQUENCE=0
// makes it a temporary table holding the sequence's row, as MariaDB does.
func (s *Server) alterTempSequence(ctx *sql.Context, txn *storage.Txn, at *alterTable, def *storage.TableDef) error {
	temp := s.sessionTemp(ctx)
	if seq, ok := at.option("SEQUENCE"); !ok || seq == "1" {
		nd, err := at.applyOptions(def.Clone(), true)
		if err != nil {
			return err
		}
		return temp.put(nd)
	}
	seq, nd, err := s.sequenceAsTable(ctx, at, def)
	if err != nil {
		return err
	}
	m, err := s.metas.get(ctx, nd)
	if err != nil {
		return err
	}
	if err := (&editor{t: newTable(s, m, true), txn: txn}).Insert(ctx, stateRow(seq.State())); err != nil {
		return err
	}
	if err := temp.put(nd); err != nil {
		return err
	}
	s.seqs.Drop(def.ID)
	return nil
}

// tableToSequence makes a table a sequence (ALTER TABLE ... SEQUENCE=1), after MariaDB's checks:
// the structure (4086), exactly one row (1815) and valid values (4085).
func (s *Server) tableToSequence(ctx *sql.Context, txn *storage.Txn, at *alterTable, def *storage.TableDef) error {
	var cols []sequences.ColumnSpec
	for _, c := range def.Columns {
		cols = append(cols, sequences.ColumnSpec{Name: c.Name, Type: c.Type, NotNull: !c.Nullable})
	}
	reason := sequences.CheckTableColumns(cols)
	if reason == "" && (len(def.Indexes) > 0 || len(def.PrimaryKey) > 0) {
		reason = "Sequence tables cannot have any keys"
	}
	if reason == "" && len(def.Checks) > 0 {
		reason = "Sequence tables cannot have any constraints"
	}
	if reason != "" {
		return mariaErr(sequences.ErrInvalidTableStructure, def.DB, def.Name, reason)
	}
	m, err := s.metas.get(ctx, def)
	if err != nil {
		return err
	}
	t := newTable(s, m, false)
	rows, err := t.allRows(ctx, txn)
	if err != nil {
		return err
	}
	switch {
	case len(rows) > 1:
		return mariaErr(sequences.ErrInternal, "More than one row in the table")
	case len(rows) == 0:
		return mariaErr(sequences.ErrInternal, "Fewer than one row in the table")
	}
	st, err := rowState(ctx, t.sch, rows[0], sequences.ValueType{})
	if err != nil {
		return err
	}
	if st, _, err = sequences.ValidateRow(def.DB, def.Name, st, s.seqs.AutoIncrement()); err != nil {
		return sqlErr(err)
	}
	nd, err := at.applyOptions(def.Clone(), true)
	if err != nil {
		return err
	}
	nd.Sequence = true
	if err := deleteRows(txn, t); err != nil {
		return err
	}
	if err := txn.PutTable(nd); err != nil {
		return translateStorageError(err)
	}
	if err := txn.PutSequenceState(def.ID, st); err != nil {
		return translateStorageError(err)
	}
	s.seqs.Register(def.ID, def.DB, def.Name, st, false)
	return nil
}

// allRows reads every row of t in txn.
func (t *Table) allRows(ctx *sql.Context, txn *storage.Txn) ([]sql.Row, error) {
	lo, hi := storage.RowPrefix(t.ID())
	it, err := txn.NewIter(lo, hi)
	if err != nil {
		return nil, translateStorageError(err)
	}
	defer it.Close()
	var rows []sql.Row
	for ok := it.First(); ok; ok = it.Next() {
		r, err := decodeRow(ctx, it.Value(), t.sch)
		if err != nil {
			return nil, err
		}
		rows = append(rows, r)
	}
	return rows, translateStorageError(it.Error())
}

// deleteRows removes a table's rows and index entries.
func deleteRows(txn *storage.Txn, t *Table) error {
	lo, hi := storage.RowPrefix(t.ID())
	if err := txn.DeleteRange(lo, hi); err != nil {
		return translateStorageError(err)
	}
	for _, ix := range t.meta.allIndexes() {
		lo, hi := storage.IndexPrefix(t.ID(), ix.def.ID)
		if err := txn.DeleteRange(lo, hi); err != nil {
			return translateStorageError(err)
		}
	}
	return nil
}

// optionAsWritten returns the name and the value (SQL text) of an option item as written.
func (at *alterTable) optionAsWritten(it alterItem) (string, string) {
	text := at.text[it.start:it.end]
	toks := lexAll(text, false)
	return toks[0].text(text), toks[len(toks)-1].text(text)
}

// engineOptions returns the engine-defined options the statement sets, in order.
func (at *alterTable) engineOptions() []storage.EngineOption {
	var list []storage.EngineOption
	for _, it := range at.items {
		if it.kind == alterOption && isEngineOption(it.name) {
			name, value := at.optionAsWritten(it)
			list = setEngineOption(list, name, value)
		}
	}
	return list
}
