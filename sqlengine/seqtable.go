package sqlengine

import (
	"io"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// sequenceTable is a sequence seen as MariaDB's one-row table: SELECT shows its persisted row,
// INSERT replaces the row (as mariadb-dump restores it), UPDATE, DELETE and TRUNCATE fail with
// 1031.
type sequenceTable struct {
	srv  *Server
	meta *tableMeta
	sch  sql.Schema
	temp bool
}

var (
	_ sql.Table             = (*sequenceTable)(nil)
	_ sql.InsertableTable   = (*sequenceTable)(nil)
	_ sql.ReplaceableTable  = (*sequenceTable)(nil)
	_ sql.UpdatableTable    = (*sequenceTable)(nil)
	_ sql.DeletableTable    = (*sequenceTable)(nil)
	_ sql.TruncateableTable = (*sequenceTable)(nil)
	_ sql.CommentedTable    = (*sequenceTable)(nil)
	_ sql.TemporaryTable    = (*sequenceTable)(nil)
	_ sql.Databaseable      = (*sequenceTable)(nil)
)

func newSequenceTable(srv *Server, m *tableMeta, temp bool) *sequenceTable {
	return &sequenceTable{srv: srv, meta: m, sch: m.schema(), temp: temp}
}

func (t *sequenceTable) Name() string                   { return t.meta.def.Name }
func (t *sequenceTable) String() string                 { return t.meta.def.Name }
func (t *sequenceTable) Database() string               { return t.meta.def.DB }
func (t *sequenceTable) Schema(*sql.Context) sql.Schema { return t.sch }
func (t *sequenceTable) Comment() string                { return t.meta.def.Comment }
func (t *sequenceTable) IsTemporary() bool              { return t.temp }

// Collation implements sql.Table: the database's collation when the sequence was created,
// which CREATE TABLE ... LIKE copies (unspecified, so the current database's, for a sequence
// stored without one).
func (t *sequenceTable) Collation() sql.CollationID {
	if t.meta.def.Collation == "" {
		return sql.Collation_Unspecified
	}
	c, err := sql.ParseCollation(t.meta.def.Charset, t.meta.def.Collation, false)
	if err != nil {
		return sql.Collation_Unspecified
	}
	return c
}

// ID returns the sequence's id.
func (t *sequenceTable) ID() uint64 { return t.meta.def.ID }

func (t *sequenceTable) open() (*sequences.Sequence, error) {
	seq, err := t.srv.seqs.Open(t.ID(), t.Database(), t.Name())
	return seq, sqlErr(err)
}

// Partitions implements sql.Table.
func (t *sequenceTable) Partitions(*sql.Context) (sql.PartitionIter, error) {
	return &partitionIter{parts: []sql.Partition{seqEnginePartition{}}}, nil
}

// PartitionRows implements sql.Table: the persisted row.
func (t *sequenceTable) PartitionRows(ctx *sql.Context, _ sql.Partition) (sql.RowIter, error) {
	if !t.temp {
		if err := checkLocked(ctx, t.Database(), t.Name(), false); err != nil {
			return nil, err
		}
	}
	seq, err := t.open()
	if err != nil {
		return nil, err
	}
	return sql.RowsToRowIter(stateRow(seq.State())), nil
}

// stateRow is a sequence's row as SELECT shows it.
func stateRow(st sequences.State) sql.Row {
	cycle := uint8(0)
	if st.Cycle {
		cycle = 1
	}
	vals := []any{st.NextNotCached, st.MinValue, st.MaxValue, st.Start}
	if st.Type.Unsigned {
		for i, v := range vals {
			vals[i] = uint64(v.(int64))
		}
	}
	return sql.Row{vals[0], vals[1], vals[2], vals[3], st.Increment, uint64(st.Cache), cycle, st.CycleCount}
}

// rowState converts an inserted row to a sequence row of value type typ.
func rowState(ctx *sql.Context, sch sql.Schema, row sql.Row, typ sequences.ValueType) (sequences.State, error) {
	var n [8]int64
	for i := range n {
		v, err := toInt64Value(ctx, sch[i].Type, row[i])
		if err != nil {
			return sequences.State{}, err
		}
		n[i] = v
	}
	return sequences.State{
		NextNotCached: n[0], MinValue: n[1], MaxValue: n[2], Start: n[3], Increment: n[4],
		Cache: n[5], Cycle: n[6] != 0, CycleCount: n[7], Type: typ,
	}, nil
}

func toInt64Value(ctx *sql.Context, typ sql.Type, v any) (int64, error) {
	switch x := v.(type) {
	case int64:
		return x, nil
	case uint64:
		return int64(x), nil
	case uint8:
		return int64(x), nil
	}
	c, _, err := typ.Convert(ctx, v)
	if err != nil {
		return 0, err
	}
	switch x := c.(type) {
	case int64:
		return x, nil
	case uint64:
		return int64(x), nil
	case uint8:
		return int64(x), nil
	}
	return 0, nil
}

// Inserter implements sql.InsertableTable.
func (t *sequenceTable) Inserter(*sql.Context) sql.RowInserter { return &seqEditor{t: t} }

// Replacer implements sql.ReplaceableTable.
func (t *sequenceTable) Replacer(*sql.Context) sql.RowReplacer { return &seqEditor{t: t} }

// Updater implements sql.UpdatableTable.
func (t *sequenceTable) Updater(*sql.Context) sql.RowUpdater { return &seqEditor{t: t} }

// Deleter implements sql.DeletableTable.
func (t *sequenceTable) Deleter(*sql.Context) sql.RowDeleter { return &seqEditor{t: t} }

// Truncate implements sql.TruncateableTable. MariaDB refuses TRUNCATE, but only after it has
// closed the table, which discards the cache of a sequence that is not temporary. GMS also
// runs DELETE without WHERE as a truncation: that fails without closing anything.
func (t *sequenceTable) Truncate(ctx *sql.Context) (int, error) {
	if q := ctx.Query(); !t.temp && (&lexer{src: q}).next().isWord(q, "truncate") {
		t.srv.seqs.Flush(t.ID())
	}
	return 0, t.illegal()
}

func (t *sequenceTable) illegal() error {
	return mariaErr(sequences.ErrIllegalHA, "SEQUENCE", t.Database(), t.Name())
}

// seqEditor writes a sequence's row: INSERT replaces it, after MariaDB's checks.
type seqEditor struct{ t *sequenceTable }

func (e *seqEditor) StatementBegin(*sql.Context)                 {}
func (e *seqEditor) DiscardChanges(*sql.Context, error) error    { return nil }
func (e *seqEditor) StatementComplete(*sql.Context) error        { return nil }
func (e *seqEditor) Close(*sql.Context) error                    { return nil }
func (e *seqEditor) Update(*sql.Context, sql.Row, sql.Row) error { return e.t.illegal() }
func (e *seqEditor) Delete(*sql.Context, sql.Row) error          { return e.t.illegal() }

// Insert implements sql.RowInserter.
func (e *seqEditor) Insert(ctx *sql.Context, row sql.Row) error {
	seq, err := e.t.open()
	if err != nil {
		return err
	}
	if !e.t.temp {
		if err := checkLocked(ctx, e.t.Database(), e.t.Name(), true); err != nil {
			return err
		}
		if err := e.t.srv.checkTablePrivileges(ctx, e.t.Database(), e.t.Name(), sql.PrivilegeType_Insert); err != nil {
			return err
		}
		// Like MariaDB's metadata lock: other transactions using the sequence wait for this one.
		txn, err := txnOf(ctx)
		if err != nil {
			return err
		}
		if err := lockForWrite(ctx, txn, e.t.meta.def.ID); err != nil {
			return err
		}
	}
	st, err := rowState(ctx, e.t.sch, row, seq.Type())
	if err != nil {
		return err
	}
	notes, err := seq.ReplaceRow(st)
	for _, n := range notes {
		ctx.Session.Warn(&sql.Warning{Level: "Note", Code: n.Code(), Message: n.Message})
	}
	return sqlErr(err)
}

// initSequenceTable gives a sequence created with CREATE TABLE ... SEQUENCE=1 its first row:
// CREATE SEQUENCE's defaults. temporary says it is a CREATE TEMPORARY TABLE: the caller knows,
// while the session's temporary tables cannot tell, since a base table may be created with the
// name of one of them.
func (s *Server) initSequenceTable(txn *storage.Txn, def *storage.TableDef, temporary bool) error {
	row, _, err := sequences.Define(def.DB, def.Name, &sequences.Options{}, s.seqs.AutoIncrement())
	if err != nil {
		return sqlErr(err)
	}
	if !temporary {
		if err := txn.PutSequenceState(def.ID, row); err != nil {
			return translateStorageError(err)
		}
	}
	s.seqs.Register(def.ID, def.DB, def.Name, row, temporary)
	return nil
}

var _ = io.EOF
