package sqlengine

import (
	"context"
	"fmt"
	"sync"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/vitess/go/mysql"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// Session is the per-connection state: GMS's base session, the open transaction, this
// connection's LASTVAL values and its temporary tables and sequences.
//
// A Session is used by one connection's goroutine at a time, except for KILL and SHOW PROCESSLIST,
// which only read immutable fields.
type Session struct {
	*sql.BaseSession
	srv *Server

	lastVals sequences.LastValues // LASTVAL per sequence id
	seqDefer seqDeferral          // sequence errors of the unit being evaluated (seqscope.go)
	// insertColumnList: the INSERT being run names its columns (seqscope.go)
	insertColumnList bool
	createdBase      tableName    // the base table the running CREATE TABLE made (database.go)
	temp             *tempObjects // temporary tables and sequences of this connection

	fastCtx        *sql.Context                 // the context of fast-path statements (fastpath.go)
	pendingCreate  *createOptions               // table options of the CREATE TABLE being run
	lastMiss       tableName                    // the last table lookup that found nothing, for error 1146
	pendingReplace tableName                    // the table of the CREATE OR REPLACE TABLE being run
	pendingLike    tableName                    // the table of the CREATE TABLE ... LIKE being run
	selectOpts     *selectOptions               // table options of CREATE TABLE name <options> SELECT
	engineOpts     []storage.EngineOption       // engine-defined options of the CREATE TABLE being run
	invisibleCols  map[string]bool              // columns the CREATE/ALTER TABLE being run declares INVISIBLE
	descKeys       []descKey                    // keys with DESC parts the statement being run declares
	okInfo         *okInfo                      // what the running client statement's OK packet reports (okinfo.go)
	okArmed        bool                         // a client statement started: the next parse is its
	okReplace      bool                         // the client statement is a REPLACE (okinfo.go)
	okAutoID       uint64                       // its insert id: the first AUTO_INCREMENT value it generated, else the last it wrote
	okAutoState    uint8                        // 0: no AUTO_INCREMENT value written, 1: okAutoID written, 2: generated
	host           string                       // the client's host as MariaDB names it in access errors
	preparedText   map[string]string            // PREPARE texts by lower-case name, for EXECUTE ... USING expressions
	keptWarnings   bool                         // the statement kept the previous statement's warnings (warnings.go)
	holdWarnings   bool                         // a stored routine runs: its statements keep the warnings (routinerun.go)
	grantPasswords map[accountKey]grantPassword // IDENTIFIED BY clauses of the GRANT being run
	columnChecks   []string                     // columns with a column-level CHECK in the CREATE TABLE being run
	locked         map[tableName]lockedTable    // the tables of LOCK TABLES; nil when none
	colTypes       *typeNotes                   // numeric type texts of the DDL being run (coltypes.go)
	admin          adminSession                 // global read lock and XA state (adminstate.go)
	views          viewSession                  // view state of the statement being run (viewdb.go)
}

// tableName is a table's database and name.
type tableName struct{ db, name string }

var (
	_ sql.Session               = (*Session)(nil)
	_ sql.TransactionSession    = (*Session)(nil)
	_ sql.LifecycleAwareSession = (*Session)(nil)
)

// newSessionBuilder returns GMS's per-connection session factory.
func (s *Server) newSessionBuilder() func(ctx context.Context, conn *mysql.Conn, addr string) (sql.Session, error) {
	return func(ctx context.Context, conn *mysql.Conn, addr string) (sql.Session, error) {
		var client sql.Client
		if u, ok := conn.UserData.(sql.MysqlConnectionUser); ok {
			client = sql.Client{Address: u.Host, User: u.User, Capabilities: conn.Capabilities}
		}
		sess := &Session{
			BaseSession: newRealSession(addr, client, conn.ConnectionID),
			srv:         s,
			temp:        newTempObjects(),
			host:        connectionHost(addr),
		}
		sess.fastCtx = sql.NewContext(context.Background(), sql.WithSession(sess))
		sess.setClientCharset(conn.CharacterSet)
		s.sessions.add(sess)
		return sess, nil
	}
}

// sessionOf returns seqd's session of a context.
func sessionOf(ctx *sql.Context) (*Session, error) {
	sess, ok := ctx.Session.(*Session)
	if !ok {
		return nil, fmt.Errorf("sqlengine: context has session %T, want *sqlengine.Session", ctx.Session)
	}
	return sess, nil
}

// CommandBegin implements sql.LifecycleAwareSession.
func (s *Session) CommandBegin() error { return nil }

// CommandEnd implements sql.LifecycleAwareSession.
func (s *Session) CommandEnd() { s.views = viewSession{} }

// SessionEnd implements sql.LifecycleAwareSession: the connection is gone, so its open
// transaction rolls back and its temporary objects disappear.
func (s *Session) SessionEnd() {
	s.srv.endAdminSession(s)
	if tx, ok := s.GetTransaction().(*Transaction); ok && tx != nil {
		tx.txn.Rollback()
		s.SetTransaction(nil)
	}
	s.temp.dropAll(s.srv)
	s.srv.sessions.remove(s)
}

// Transaction is a GMS transaction over a storage transaction.
type Transaction struct {
	txn        *storage.Txn
	readOnly   bool
	savepoints map[string]storage.Savepoint // named SAVEPOINTs
	// wroteTrans and wroteNonTrans are set when a row of an InnoDB table, or of a table of
	// another engine, changed in the transaction (nontrans.go).
	wroteTrans, wroteNonTrans bool
}

var _ sql.Transaction = (*Transaction)(nil)

// String implements fmt.Stringer.
func (t *Transaction) String() string { return "seqd transaction" }

// IsReadOnly implements sql.Transaction.
func (t *Transaction) IsReadOnly() bool { return t.readOnly }

// StartTransaction implements sql.TransactionSession.
func (s *Session) StartTransaction(ctx *sql.Context, chars sql.TransactionCharacteristic) (sql.Transaction, error) {
	return &Transaction{txn: s.srv.db.Begin(), readOnly: chars == sql.ReadOnly}, nil
}

// CommitTransaction implements sql.TransactionSession. It returns once the commit is durable.
func (s *Session) CommitTransaction(ctx *sql.Context, tx sql.Transaction) error {
	t, ok := tx.(*Transaction)
	if !ok {
		return fmt.Errorf("sqlengine: unexpected transaction type %T", tx)
	}
	return translateStorageError(t.txn.Commit())
}

// Rollback implements sql.TransactionSession.
func (s *Session) Rollback(ctx *sql.Context, tx sql.Transaction) error {
	t, ok := tx.(*Transaction)
	if !ok {
		return fmt.Errorf("sqlengine: unexpected transaction type %T", tx)
	}
	return rollbackKeepingNonTrans(ctx, t)
}

// CreateSavepoint implements sql.TransactionSession.
func (s *Session) CreateSavepoint(ctx *sql.Context, tx sql.Transaction, name string) error {
	t := tx.(*Transaction)
	if t.savepoints == nil {
		t.savepoints = map[string]storage.Savepoint{}
	}
	t.savepoints[normalizeSavepoint(name)] = t.txn.Savepoint()
	return nil
}

// RollbackToSavepoint implements sql.TransactionSession.
func (s *Session) RollbackToSavepoint(ctx *sql.Context, tx sql.Transaction, name string) error {
	t := tx.(*Transaction)
	sp, ok := t.savepoints[normalizeSavepoint(name)]
	if !ok {
		return errSavepointDoesNotExist(name)
	}
	return t.txn.RollbackTo(sp)
}

// ReleaseSavepoint implements sql.TransactionSession.
func (s *Session) ReleaseSavepoint(ctx *sql.Context, tx sql.Transaction, name string) error {
	t := tx.(*Transaction)
	key := normalizeSavepoint(name)
	if _, ok := t.savepoints[key]; !ok {
		return errSavepointDoesNotExist(name)
	}
	delete(t.savepoints, key)
	return nil
}

// sessionSet is the set of live sessions of a server.
type sessionSet struct {
	mu sync.Mutex // protects m
	m  map[uint32]*Session
}

func (ss *sessionSet) add(s *Session) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if ss.m == nil {
		ss.m = map[uint32]*Session{}
	}
	ss.m[s.ID()] = s
}

func (ss *sessionSet) remove(s *Session) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	delete(ss.m, s.ID())
}

func (ss *sessionSet) get(id uint32) *Session {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return ss.m[id]
}

// SetTransaction implements sql.Session. GMS drops an autocommit transaction without ending it
// when a statement fails before it runs; such a transaction is rolled back here, so that its
// locks are released and nothing it wrote survives.
func (s *Session) SetTransaction(tx sql.Transaction) {
	if old, ok := s.GetTransaction().(*Transaction); ok && old != nil && old != tx {
		_ = old.txn.Rollback()
	}
	s.BaseSession.SetTransaction(tx)
}

// Warnings implements sql.Session. MariaDB lists a statement's warnings in the order they were
// raised; GMS's BaseSession returns them newest first.
func (s *Session) Warnings() []*sql.Warning {
	w := s.BaseSession.Warnings()
	for i, j := 0, len(w)-1; i < j; i, j = i+1, j-1 {
		w[i], w[j] = w[j], w[i]
	}
	return w
}

// setClientCharset sets character_set_client, _connection and _results and
// collation_connection from the collation the client named in its handshake, as MariaDB does.
func (s *Session) setClientCharset(id uint8) {
	if id == 0 {
		return
	}
	coll := sql.CollationID(id)
	name := coll.Name()
	if name == "" || coll.CharacterSet().Name() == "" {
		return
	}
	cs := coll.CharacterSet().Name()
	for _, v := range [...][2]string{
		{"character_set_client", cs}, {"character_set_connection", cs}, {"character_set_results", cs},
		{"collation_connection", name},
	} {
		_ = s.SetSessionVariable(s.fastCtx, v[0], v[1])
	}
}
