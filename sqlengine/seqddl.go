package sqlengine

import (
	"errors"
	"strconv"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// parseSequenceDDL parses CREATE/ALTER/DROP SEQUENCE and SHOW CREATE SEQUENCE. isSeq is false
// for any other statement.
func parseSequenceDDL(text string, mode parseMode) (stmt ast.Statement, isSeq bool, err error) {
	st, err := sequences.Parse(text, sequences.Mode{ANSIQuotes: mode.opts.AnsiQuotes, Oracle: mode.oracle})
	if errors.Is(err, sequences.ErrNotSequenceDDL) {
		return nil, false, nil
	}
	var trailing *sequences.TrailingError
	if errors.As(err, &trailing) {
		return statement("CREATE SEQUENCE", nil, func(ctx *sql.Context, _ []sql.Expression) (sql.Node, error) {
			return okNode("CREATE SEQUENCE", func(ctx *sql.Context) (sql.RowIter, error) {
				return nil, srvOf(ctx).trailingCreateError(ctx, trailing)
			}), nil
		}), true, nil
	}
	if err != nil {
		return nil, true, sqlErr(err)
	}
	switch st := st.(type) {
	case *sequences.CreateSequence:
		return statement("CREATE SEQUENCE", nil, func(ctx *sql.Context, _ []sql.Expression) (sql.Node, error) {
			return okNode("CREATE SEQUENCE", func(ctx *sql.Context) (sql.RowIter, error) { return srvOf(ctx).createSequence(ctx, st) }), nil
		}), true, nil
	case *sequences.AlterSequence:
		return statement("ALTER SEQUENCE", nil, func(ctx *sql.Context, _ []sql.Expression) (sql.Node, error) {
			return okNode("ALTER SEQUENCE", func(ctx *sql.Context) (sql.RowIter, error) { return srvOf(ctx).alterSequence(ctx, st) }), nil
		}), true, nil
	case *sequences.DropSequence:
		return statement("DROP SEQUENCE", nil, func(ctx *sql.Context, _ []sql.Expression) (sql.Node, error) {
			return okNode("DROP SEQUENCE", func(ctx *sql.Context) (sql.RowIter, error) { return srvOf(ctx).dropSequences(ctx, st) }), nil
		}), true, nil
	case *sequences.ShowCreateSequence:
		return statement("SHOW CREATE SEQUENCE", nil, func(ctx *sql.Context, _ []sql.Expression) (sql.Node, error) {
			return &execNode{name: "SHOW CREATE SEQUENCE", sch: showCreateSchema, readOnly: true,
				run: func(ctx *sql.Context) (sql.RowIter, error) { return srvOf(ctx).showCreateSequence(ctx, st) }}, nil
		}), true, nil
	}
	return nil, true, nil
}

// showCreateSchema is the result schema of SHOW CREATE TABLE/SEQUENCE.
var showCreateSchema = sql.Schema{
	{Name: "Table", Type: types.LongText},
	{Name: "Create Table", Type: types.LongText},
}

// srvOf returns the server of the session running ctx.
func srvOf(ctx *sql.Context) *Server {
	if sess, err := sessionOf(ctx); err == nil {
		return sess.srv
	}
	return nil
}

// qualify returns the database of a possibly unqualified name.
func qualify(ctx *sql.Context, n sequences.Name) (string, error) {
	if n.DB != "" {
		return n.DB, nil
	}
	if db := ctx.GetCurrentDatabase(); db != "" {
		return db, nil
	}
	return "", mariaErr(sequences.ErrNoDB)
}

// note adds a Note to the session's warnings.
func note(ctx *sql.Context, k *sequences.Kind, args ...any) {
	ctx.Session.Warn(&sql.Warning{Level: "Note", Code: k.Code, Message: k.New(args...).Message})
}

// implicitCommit commits the open transaction, as MariaDB does before DDL.
func (s *Server) implicitCommit(ctx *sql.Context) error {
	if tx, ok := ctx.GetTransaction().(*Transaction); ok && tx != nil {
		err := tx.txn.Commit()
		ctx.SetTransaction(nil)
		if err != nil {
			return translateStorageError(err)
		}
	}
	ctx.SetIgnoreAutoCommit(false)
	return nil
}

// ddl runs fn in a transaction of its own after committing the open one, and commits it. The
// transaction is the statement's while fn runs, so helpers that use txnOf(ctx) share it.
func (s *Server) ddl(ctx *sql.Context, fn func(txn *storage.Txn) error) error {
	if err := s.implicitCommit(ctx); err != nil {
		return err
	}
	txn := s.db.Begin()
	ctx.SetTransaction(&Transaction{txn: txn})
	if err := fn(txn); err != nil {
		ctx.SetTransaction(nil) // rolls txn back
		return err
	}
	err := txn.Commit()
	ctx.SetTransaction(nil)
	return translateStorageError(err)
}

// createSequence runs CREATE [OR REPLACE] [TEMPORARY] SEQUENCE [IF NOT EXISTS]. The checks come
// in MariaDB's order: the options (4085), the engine name (1286), an existing table (Note or
// 1050; OR REPLACE drops it), and only then whether the engine can hold a sequence (1478), so a
// failing CREATE OR REPLACE leaves no table behind.
func (s *Server) createSequence(ctx *sql.Context, st *sequences.CreateSequence) (sql.RowIter, error) {
	db, err := qualify(ctx, st.Name)
	if err != nil {
		return nil, err
	}
	if err := s.requireDatabase(ctx, db); err != nil {
		return nil, err
	}
	row, notes, err := sequences.Define(db, st.Name.Name, &st.Options, s.seqs.AutoIncrement())
	if err != nil {
		return nil, sqlErr(err)
	}
	if err := sequences.KnownEngine(s.sequenceEngineName(ctx, st.Table)); err != nil {
		return nil, sqlErr(err)
	}
	if !st.Temporary {
		if err := s.checkDBPrivileges(ctx, db, st.Name.Name, sql.PrivilegeType_Create); err != nil {
			return nil, err
		}
	}
	for _, n := range notes {
		ctx.Session.Warn(&sql.Warning{Level: "Note", Code: n.Code(), Message: n.Message})
	}
	if st.Temporary {
		return s.createTempSequence(ctx, st, db, row)
	}
	if exists, err := s.sequenceNameTaken(ctx, st, db); err != nil || exists {
		return okResult(0), err
	}
	if st.OrReplace {
		// MariaDB drops the old table before it checks the engine: a failing CREATE OR REPLACE
		// leaves no table behind.
		if err := s.ddl(ctx, func(txn *storage.Txn) error { return s.dropTableIn(ctx, txn, db, st.Name.Name) }); err != nil {
			return nil, err
		}
	}
	def, err := s.sequenceDef(ctx, db, st.Name.Name, st.Table, row)
	if err != nil {
		return nil, err
	}
	err = s.ddl(ctx, func(txn *storage.Txn) error {
		cat := txn.Catalog()
		_, tExists := cat.Table(db, def.Name)
		_, vExists := cat.View(db, def.Name)
		switch {
		case (tExists || vExists) && st.IfNotExists:
			note(ctx, sequences.ErrTableExists, def.Name)
			return errSkip
		case vExists && st.OrReplace:
			return mariaErr(sequences.ErrWrongObject, db, def.Name, "BASE TABLE")
		case tExists && st.OrReplace:
			if err := s.dropTableIn(ctx, txn, db, def.Name); err != nil {
				return err
			}
		case tExists || vExists:
			return mariaErr(sequences.ErrTableExists, def.Name)
		}
		return s.stageSequence(txn, def, row)
	})
	if errors.Is(err, errSkip) {
		return okResult(0), nil
	}
	if err != nil {
		return nil, err
	}
	s.seqs.Register(def.ID, db, def.Name, row, false)
	return okResult(0), nil
}

// trailingCreateError is the error of a CREATE SEQUENCE with text after its options: 4085 when
// the options are invalid, else the syntax error.
func (s *Server) trailingCreateError(ctx *sql.Context, te *sequences.TrailingError) error {
	db, err := qualify(ctx, te.Stmt.Name)
	if err != nil {
		return err
	}
	if _, _, err := sequences.Define(db, te.Stmt.Name.Name, &te.Stmt.Options, s.seqs.AutoIncrement()); err != nil {
		return sqlErr(err)
	}
	return sqlErr(te.Err)
}

// sequenceNameTaken checks the name of a new base sequence before its engine is resolved:
// with IF NOT EXISTS an existing table or view gives Note 1050 and exists is true; without OR
// REPLACE it is 1050.
func (s *Server) sequenceNameTaken(ctx *sql.Context, st *sequences.CreateSequence, db string) (exists bool, err error) {
	cat := s.catalogOf(ctx)
	_, tExists := cat.Table(db, st.Name.Name)
	_, vExists := cat.View(db, st.Name.Name)
	switch {
	case (tExists || vExists) && st.IfNotExists:
		note(ctx, sequences.ErrTableExists, st.Name.Name)
		return true, nil
	case (tExists || vExists) && !st.OrReplace:
		return false, mariaErr(sequences.ErrTableExists, st.Name.Name)
	}
	return false, nil
}

// sequenceEngineName is the engine a CREATE SEQUENCE asks for: its ENGINE= or the session's
// default_storage_engine.
func (s *Server) sequenceEngineName(ctx *sql.Context, topts sequences.TableOptions) string {
	if topts.Engine != "" {
		return topts.Engine
	}
	return s.defaultEngine(ctx)
}

// errSkip ends a DDL function without changes and without error.
var errSkip = errors.New("sqlengine: nothing to do")

// stageSequence stages a new sequence's definition and first row.
func (s *Server) stageSequence(txn *storage.Txn, def *storage.TableDef, row sequences.State) error {
	id, err := txn.NextObjectID()
	if err != nil {
		return translateStorageError(err)
	}
	def.ID = id
	if err := txn.PutTable(def); err != nil {
		return translateStorageError(err)
	}
	return translateStorageError(txn.PutSequenceState(id, row))
}

// dropTableIn drops db.name (a table or sequence) within txn.
func (s *Server) dropTableIn(ctx *sql.Context, txn *storage.Txn, db, name string) error {
	def, ok := txn.Catalog().Table(db, name)
	if !ok {
		return nil
	}
	if err := lockForWrite(ctx, txn, def.ID); err != nil {
		return err
	}
	if err := dropTableTriggers(txn, db, name); err != nil {
		return err
	}
	if err := txn.DeleteTable(def.ID); err != nil {
		return translateStorageError(err)
	}
	s.forgetTable(def.ID)
	return nil
}

// createTempSequence creates a TEMPORARY sequence: only this session sees it, and it is not
// persisted. As for base sequences, OR REPLACE drops the old one before the engine is checked.
func (s *Server) createTempSequence(ctx *sql.Context, st *sequences.CreateSequence, db string, row sequences.State) (sql.RowIter, error) {
	temp := s.sessionTemp(ctx)
	if temp.has(db, st.Name.Name) {
		if st.IfNotExists {
			note(ctx, sequences.ErrTableExists, st.Name.Name)
			return okResult(0), nil
		}
		if !st.OrReplace {
			return nil, mariaErr(sequences.ErrTableExists, st.Name.Name)
		}
		if err := temp.drop(ctx, s, db, st.Name.Name); err != nil {
			return nil, err
		}
	}
	def, err := s.sequenceDef(ctx, db, st.Name.Name, st.Table, row)
	if err != nil {
		return nil, err
	}
	txn, err := txnOf(ctx)
	if err != nil {
		return nil, err
	}
	if def.ID, err = txn.NextObjectID(); err != nil {
		return nil, translateStorageError(err)
	}
	if err := temp.put(def); err != nil {
		return nil, err
	}
	s.seqs.Register(def.ID, def.DB, def.Name, row, true)
	return okResult(0), nil
}

// sequenceDef builds the catalog definition of a sequence.
func (s *Server) sequenceDef(ctx *sql.Context, db, name string, topts sequences.TableOptions, row sequences.State) (*storage.TableDef, error) {
	engine, err := sequences.ResolveEngine(s.sequenceEngineName(ctx, topts))
	if err != nil {
		return nil, sqlErr(err)
	}
	def := &storage.TableDef{DB: db, Name: name, Engine: engine, Sequence: true}
	// The table keeps the database's collation of now, as MariaDB's does (TABLE_COLLATION, and
	// the table's after ALTER TABLE ... SEQUENCE=0).
	coll := s.databaseCollationID(ctx, db)
	def.Charset, def.Collation = coll.CharacterSet().Name(), coll.Name()
	for _, c := range sequences.TableColumns(row.Type) {
		def.Columns = append(def.Columns, storage.ColumnDef{Name: c.Name, Type: c.Type, Comment: c.Comment})
	}
	if topts.Comment != nil {
		def.Comment = *topts.Comment
	}
	def.Options = sequenceTableOptions(topts)
	if err := setSequenceEngineOptions(ctx, def, topts); err != nil {
		return nil, err
	}
	return def, nil
}

// sequenceTableOptions keeps the table options of CREATE SEQUENCE other than ENGINE and COMMENT.
func sequenceTableOptions(t sequences.TableOptions) map[string]string {
	m := map[string]string{}
	if t.MinRows != nil {
		m["MIN_ROWS"] = uintString(*t.MinRows)
	}
	if t.MaxRows != nil {
		m["MAX_ROWS"] = uintString(*t.MaxRows)
	}
	for _, o := range t.Other {
		m[o.Name] = o.Value
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

// requireDatabase fails with 1049 when db does not exist.
func (s *Server) requireDatabase(ctx *sql.Context, db string) error {
	if _, ok := s.catalogOf(ctx).Database(db); !ok {
		return mariaErr(sequences.ErrBadDB, db)
	}
	return nil
}

// checkDBPrivileges checks a table-level privilege on db.name (CREATE, DROP, ALTER).
func (s *Server) checkDBPrivileges(ctx *sql.Context, db, name string, priv sql.PrivilegeType) error {
	return s.checkTablePrivileges(ctx, db, name, priv)
}

// alterSequence runs ALTER SEQUENCE [IF EXISTS].
func (s *Server) alterSequence(ctx *sql.Context, st *sequences.AlterSequence) (sql.RowIter, error) {
	db, err := qualify(ctx, st.Name)
	if err != nil {
		return nil, err
	}
	if err := s.implicitCommit(ctx); err != nil {
		return nil, err
	}
	// MariaDB 10.11 opens the sequence of ALTER SEQUENCE as a base table: a temporary sequence
	// is neither altered nor does it hide the base one (4091 when there is no base sequence).
	def, temp, err := s.lookupSequence(ctx, db, st.Name.Name, true)
	if err != nil {
		if st.IfExists && isUnknownSequence(err) {
			note(ctx, sequences.ErrUnknownSequences, db+"."+st.Name.Name)
			return okResult(0), nil
		}
		return nil, err
	}
	if !temp {
		if err := s.checkDBPrivileges(ctx, db, def.Name, sql.PrivilegeType_Alter); err != nil {
			return nil, err
		}
		// ALTER waits for transactions that use the sequence (MariaDB's metadata lock).
		txn, err := txnOf(ctx)
		if err != nil {
			return nil, err
		}
		if err := lockForWrite(ctx, txn, def.ID); err != nil {
			return nil, err
		}
	}
	seq, err := s.seqs.Open(def.ID, db, def.Name)
	if err != nil {
		return nil, sqlErr(err)
	}
	notes, err := seq.Alter(&st.Options)
	if err != nil {
		return nil, sqlErr(err)
	}
	for _, n := range notes {
		ctx.Session.Warn(&sql.Warning{Level: "Note", Code: n.Code(), Message: n.Message})
	}
	return okResult(0), nil
}

func isUnknownSequence(err error) bool {
	return strings.Contains(err.Error(), "Unknown SEQUENCE")
}

// dropSequences runs DROP [TEMPORARY] SEQUENCE [IF EXISTS] a, b, ...: existing sequences are
// dropped; other errors are reported in order and missing names together at the end.
func (s *Server) dropSequences(ctx *sql.Context, st *sequences.DropSequence) (sql.RowIter, error) {
	if err := uniqueSequenceNames(ctx, st.Names); err != nil {
		return nil, err
	}
	var missing []string
	var firstErr error
	err := s.ddl(ctx, func(txn *storage.Txn) error {
		for _, n := range st.Names {
			db, err := qualify(ctx, n)
			if err != nil {
				return err
			}
			if err := s.dropOneSequence(ctx, txn, st, db, n.Name); err != nil {
				if isUnknownSequence(err) {
					missing = append(missing, db+"."+n.Name)
					continue
				}
				if firstErr == nil {
					firstErr = err
				} else if se := sqlErrorOf(err); se != nil {
					// MariaDB goes on with the other names and lists each later error
					// after the first, which is the statement's.
					noteAfterError(ctx, &sql.Warning{Level: "Error", Code: se.Num, Message: se.Message})
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if firstErr != nil {
		if len(missing) > 0 {
			// MariaDB reports the first error and lists the missing names after it.
			noteAfterError(ctx, &sql.Warning{Level: "Error", Code: sequences.ErrUnknownSequences.Code,
				Message: sequences.ErrUnknownSequences.New(strings.Join(missing, ",")).Message})
		}
		return nil, firstErr
	}
	if len(missing) > 0 {
		if !st.IfExists {
			return nil, mariaErr(sequences.ErrUnknownSequences, strings.Join(missing, ","))
		}
		note(ctx, sequences.ErrUnknownSequences, strings.Join(missing, ","))
	}
	return okResult(0), nil
}

// uniqueSequenceNames fails with 1066 when a list names a table twice (DROP SEQUENCE s, test.s):
// MariaDB checks the statement's table list before it opens any table.
func uniqueSequenceNames(ctx *sql.Context, names []sequences.Name) error {
	seen := make(map[tableName]bool, len(names))
	for _, n := range names {
		db, err := qualify(ctx, n)
		if err != nil {
			return err
		}
		key := tableName{db: db, name: n.Name}
		if seen[key] {
			return mariaErr(sequences.ErrNonUniqTable, n.Name)
		}
		seen[key] = true
	}
	return nil
}

// dropOneSequence drops one sequence, or reports why not.
func (s *Server) dropOneSequence(ctx *sql.Context, txn *storage.Txn, st *sequences.DropSequence, db, name string) error {
	if def, ok := s.sessionTemp(ctx).get(db, name); ok && def.Sequence {
		return s.sessionTemp(ctx).drop(ctx, s, db, name)
	}
	if st.Temporary {
		return mariaErr(sequences.ErrUnknownSequences, db+"."+name)
	}
	cat := txn.Catalog()
	if _, ok := cat.View(db, name); ok {
		if st.IfExists {
			note(ctx, sequences.ErrItIsAView, db+"."+name)
			return nil
		}
		return mariaErr(sequences.ErrItIsAView, db+"."+name)
	}
	def, ok := cat.Table(db, name)
	if !ok {
		return mariaErr(sequences.ErrUnknownSequences, db+"."+name)
	}
	if err := checkLocked(ctx, db, name, true); err != nil {
		return err // MariaDB checks the lock when it opens the table, before its type
	}
	if !def.Sequence {
		if st.IfExists {
			note(ctx, sequences.ErrNotSequence2, db+"."+name)
			return nil
		}
		return mariaErr(sequences.ErrNotSequence2, db+"."+name)
	}
	if err := s.checkDBPrivileges(ctx, db, name, sql.PrivilegeType_Drop); err != nil {
		return err
	}
	if err := lockForWrite(ctx, txn, def.ID); err != nil {
		return err
	}
	if err := txn.DeleteTable(def.ID); err != nil {
		return translateStorageError(err)
	}
	s.seqs.Drop(def.ID)
	s.autoInc.forget(def.ID)
	return nil
}

// showCreateSequence runs SHOW CREATE SEQUENCE.
func (s *Server) showCreateSequence(ctx *sql.Context, st *sequences.ShowCreateSequence) (sql.RowIter, error) {
	db, err := qualify(ctx, st.Name)
	if err != nil {
		return nil, err
	}
	def, temp, ok := s.findTableDef(ctx, db, st.Name.Name)
	if !temp {
		if err := s.checkAnyTablePrivilege(ctx, "SHOW", db, st.Name.Name); err != nil {
			return nil, err
		}
	}
	if !ok {
		if _, isView := s.catalogOf(ctx).View(db, st.Name.Name); isView {
			return nil, mariaErr(sequences.ErrNotSequence, db, st.Name.Name)
		}
		return nil, mariaErr(sequences.ErrNoSuchTable, db, st.Name.Name)
	}
	if !def.Sequence {
		return nil, mariaErr(sequences.ErrNotSequence, db, st.Name.Name)
	}
	spec, err := s.showSpec(def, temp)
	if err != nil {
		return nil, err
	}
	text := spec.CreateSequence(sessionMode(ctx))
	return sql.RowsToRowIter(sql.Row{def.Name, text}), nil
}

// findTableDef finds a table or sequence for ctx's session, temporary objects first.
func (s *Server) findTableDef(ctx *sql.Context, db, name string) (*storage.TableDef, bool, bool) {
	if def, ok := s.sessionTemp(ctx).get(db, name); ok {
		return def, true, true
	}
	def, ok := s.catalogOf(ctx).Table(db, name)
	return def, false, ok
}

// showSpec returns what SHOW CREATE prints for a sequence.
func (s *Server) showSpec(def *storage.TableDef, temp bool) (sequences.ShowSpec, error) {
	seq, err := s.seqs.Open(def.ID, def.DB, def.Name)
	if err != nil {
		return sequences.ShowSpec{}, sqlErr(err)
	}
	topts := sequences.TableOptions{Engine: def.Engine}
	if def.Comment != "" {
		c := def.Comment
		topts.Comment = &c
	}
	topts.MinRows = optionUint(def.Options, "MIN_ROWS")
	topts.MaxRows = optionUint(def.Options, "MAX_ROWS")
	topts.Other = append(topts.Other, sequenceEngineOptions(def)...)
	plain := true
	for _, c := range def.Columns {
		plain = plain && c.Comment == ""
	}
	return sequences.ShowSpec{Name: def.Name, Temporary: temp, Row: seq.State(), Table: topts, PlainColumns: plain}, nil
}

// optionUint returns a numeric table option, or nil.
func optionUint(opts map[string]string, name string) *uint64 {
	v, ok := opts[name]
	if !ok {
		return nil
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		return nil
	}
	return &n
}

// sessionMode returns the sequences.Mode of the session's sql_mode.
func sessionMode(ctx *sql.Context) sequences.Mode {
	v, err := ctx.GetSessionVariable(ctx, "sql_mode")
	if err != nil {
		return sequences.Mode{}
	}
	return sequences.ParseSQLMode(toString(v))
}

func uintString(v uint64) string { return strconv.FormatUint(v, 10) }
