package sqlengine

import (
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/mysql_db"
)

// Accounts and grants live in GMS's MySQLDb, persisted as one blob in the catalog. On a new data
// directory seqd creates root@localhost (loopback connections count as localhost) with the
// configured password, or none; --root-password given on a later start resets it.

// usersPersister writes MySQLDb's serialized accounts to storage.
type usersPersister struct{ srv *Server }

var _ mysql_db.MySQLDbPersistence = usersPersister{}

// Persist implements mysql_db.MySQLDbPersistence. It runs in the statement's transaction, so a
// CREATE USER or GRANT is durable when the client gets OK.
func (p usersPersister) Persist(ctx *sql.Context, data []byte) error {
	txn, err := txnOf(ctx)
	if err != nil {
		return err
	}
	return translateStorageError(txn.PutUsers(data))
}

// loadAccounts loads the stored accounts, creating root on first start.
func (s *Server) loadAccounts() error {
	mdb := s.engine.Analyzer.Catalog.MySQLDb
	ctx := sql.NewEmptyContext()
	blob := s.db.Catalog().Users()
	if len(blob) > 0 {
		if err := mdb.LoadData(ctx, blob); err != nil {
			return err
		}
	}
	ed := mdb.Editor()
	defer ed.Close()
	if len(blob) == 0 || s.cfg.RootPassword != "" {
		if s.cfg.RootPassword != "" {
			ed.RemoveUser(mysql_db.UserPrimaryKey{Host: "localhost", User: "root"})
		}
		mdb.AddSuperUser(ed, "root", "localhost", s.cfg.RootPassword)
	}
	mdb.SetEnabled(true)
	mdb.SetPersister(usersPersister{srv: s})
	return s.persistAccounts(ed)
}

// persistAccounts writes the accounts in a transaction of their own.
func (s *Server) persistAccounts(ed *mysql_db.Editor) error {
	txn := s.db.Begin()
	sess := &Session{BaseSession: sql.NewBaseSession(), srv: s, temp: newTempObjects()}
	ctx := sql.NewContext(nil, sql.WithSession(sess))
	ctx.SetTransaction(&Transaction{txn: txn})
	if err := s.engine.Analyzer.Catalog.MySQLDb.Persist(ctx, ed); err != nil {
		_ = txn.Rollback()
		return err
	}
	return translateStorageError(txn.Commit())
}
