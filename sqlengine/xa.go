package sqlengine

import (
	"sort"
	"strconv"
	"sync"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/types"

	"github.com/seqd/seqd/sequences"
)

// XA transactions map onto seqd's transactions: XA START opens one, XA END and XA PREPARE only
// move its state (seqd has no second phase to prepare), XA COMMIT and XA ROLLBACK end it. As in
// MariaDB, an ACTIVE branch refuses statements that would commit implicitly (DDL, COMMIT,
// BEGIN, LOCK TABLES, CREATE TEMPORARY SEQUENCE) with 1399, an IDLE or PREPARED one also
// refuses every statement that opens a table; a branch prepared by a session that disconnects
// stays, holding its locks, until XA COMMIT or XA ROLLBACK from another session. Prepared
// branches do not survive a restart.

// xid is an XA transaction id.
type xid struct {
	gtrid, bqual string
	format       uint64
}

// xaState is the state of a session's XA branch.
type xaState uint8

const (
	xaActive xaState = iota
	xaIdle
	xaPrepared
)

func (st xaState) String() string {
	switch st {
	case xaActive:
		return "ACTIVE"
	case xaIdle:
		return "IDLE"
	}
	return "PREPARED"
}

// xaBranch is a session's XA transaction.
type xaBranch struct {
	xid   xid
	state xaState
}

// refuse returns the 1399 error of a statement the branch's state forbids; nil for no branch.
func (b *xaBranch) refuse() error {
	if b == nil {
		return nil
	}
	return mariaErr(sequences.ErrXAERRMFail, b.state.String())
}

// admit checks node n, about to run, against the branch's state (see gate).
func (b *xaBranch) admit(ctx *sql.Context, n sql.Node) error {
	if endsTransaction(ctx, n, b.state == xaActive) {
		return b.refuse()
	}
	if b.state == xaActive {
		return nil
	}
	switch n := n.(type) {
	case *plan.ResolvedTable:
		if !plan.IsDualTable(n) {
			return b.refuse()
		}
	case *plan.InsertInto, *plan.Update, *plan.DeleteFrom, *plan.Truncate:
		return b.refuse()
	}
	return nil
}

// endsTransaction reports whether n would commit the open transaction: DDL (creating a temporary
// table only if !allowTemp), transaction control, LOCK TABLES, and the DDL seqd runs itself.
func endsTransaction(ctx *sql.Context, n sql.Node, allowTemp bool) bool {
	switch n := n.(type) {
	case *plan.Commit, *plan.Rollback, *plan.StartTransaction, *plan.LockTables:
		return true
	case *plan.CreateTable:
		return !(allowTemp && n.Temporary())
	case *execNode:
		switch n.name {
		case "CREATE SEQUENCE", "ALTER SEQUENCE", "DROP SEQUENCE", "ALTER TABLE", "DROP VIEW", "FLUSH TABLES":
			return true
		case "DROP TABLE":
			return !(allowTemp && statementIsTemporary(ctx.Query()))
		}
		return false
	case *plan.Grant, *plan.Revoke, *plan.CreateUser, *plan.DropUser, *plan.RenameUser,
		*plan.CreateRole, *plan.DropRole, *plan.GrantRole, *plan.RevokeRole, *plan.AlterUser:
		return true
	}
	return plan.IsDDLNode(n)
}

// admitSequence checks an operation on a sequence (write: NEXTVAL or SETVAL; temp: a
// temporary sequence) against the session's XA state and the global read lock.
func (s *Server) admitSequence(ctx *sql.Context, temp, write bool) error {
	if s.admin.active.Load() == 0 {
		return nil
	}
	sess, err := sessionOf(ctx)
	if err != nil {
		return nil
	}
	if b := sess.admin.xa; b != nil && b.state != xaActive {
		return b.refuse()
	}
	if write && !temp && s.admin.readLock.isHeld() {
		return s.waitReadLock(ctx, sess)
	}
	return nil
}

// xaRegistry holds the prepared branches, of live sessions and of sessions that disconnected.
type xaRegistry struct {
	mu       sync.Mutex // protects prepared and seq
	prepared map[xid]*preparedXA
	seq      uint64
}

// preparedXA is a prepared branch.
type preparedXA struct {
	owner uint32       // the session's id; 0 once the session has disconnected
	tx    *Transaction // the branch's transaction, ended by whoever commits or rolls back
	seq   uint64       // order of preparation, for XA RECOVER
}

func (r *xaRegistry) add(x xid, owner uint32, tx *Transaction) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.prepared == nil {
		r.prepared = map[xid]*preparedXA{}
	}
	r.seq++
	r.prepared[x] = &preparedXA{owner: owner, tx: tx, seq: r.seq}
}

func (r *xaRegistry) has(x xid) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, ok := r.prepared[x]
	return ok
}

func (r *xaRegistry) remove(x xid) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.prepared, x)
}

// detach marks a disconnected session's prepared branch as ownerless.
func (r *xaRegistry) detach(x xid) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if p, ok := r.prepared[x]; ok {
		p.owner = 0
	}
}

// takeDetached removes and returns the ownerless prepared branch x.
func (r *xaRegistry) takeDetached(x xid) (*preparedXA, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	p, ok := r.prepared[x]
	if !ok || p.owner != 0 {
		return nil, false
	}
	delete(r.prepared, x)
	return p, true
}

// list returns the prepared xids in the order they were prepared.
func (r *xaRegistry) list() []xid {
	r.mu.Lock()
	defer r.mu.Unlock()
	xs := make([]xid, 0, len(r.prepared))
	for x := range r.prepared {
		xs = append(xs, x)
	}
	sort.Slice(xs, func(i, j int) bool { return r.prepared[xs[i]].seq < r.prepared[xs[j]].seq })
	return xs
}

// xaStart runs XA START.
func (s *Server) xaStart(ctx *sql.Context, x xid) (sql.RowIter, error) {
	sess, err := sessionOf(ctx)
	if err != nil {
		return nil, err
	}
	if b := sess.admin.xa; b != nil {
		return nil, b.refuse()
	}
	if x.gtrid == "" {
		return nil, mariaErr(sequences.ErrXAERInval)
	}
	if inActiveTransaction(ctx) || sess.locked != nil {
		return nil, mariaErr(sequences.ErrXAEROutside)
	}
	if s.admin.xa.has(x) {
		return nil, mariaErr(sequences.ErrXAERDupID)
	}
	if err := s.implicitCommit(ctx); err != nil {
		return nil, err
	}
	tx, err := sess.StartTransaction(ctx, sql.ReadWrite)
	if err != nil {
		return nil, err
	}
	ctx.SetTransaction(tx)
	ctx.SetIgnoreAutoCommit(true)
	sess.admin.xa = &xaBranch{xid: x}
	s.admin.active.Add(1)
	return okResult(0), nil
}

// inActiveTransaction reports whether the session is inside a transaction it opened: after
// BEGIN, or with autocommit off once a statement wrote.
func inActiveTransaction(ctx *sql.Context) bool {
	if ctx.GetIgnoreAutoCommit() {
		return true
	}
	if autocommitting(ctx) {
		return false
	}
	tx, ok := ctx.GetTransaction().(*Transaction)
	return ok && tx != nil && len(tx.txn.Locks()) > 0
}

// autocommitting reports whether the session commits after each statement: autocommit is on
// and no BEGIN is open.
func autocommitting(ctx *sql.Context) bool {
	if ctx.GetIgnoreAutoCommit() {
		return false
	}
	on, err := plan.IsSessionAutocommit(ctx)
	return err == nil && on
}

// xaEnd runs XA END and XA PREPARE: the branch must be in state from, and moves to to.
func (s *Server) xaMove(ctx *sql.Context, x xid, from, to xaState) (sql.RowIter, error) {
	sess, err := sessionOf(ctx)
	if err != nil {
		return nil, err
	}
	b := sess.admin.xa
	switch {
	case b == nil:
		return nil, mariaErr(sequences.ErrXAERRMFail, "NON-EXISTING")
	case b.xid != x:
		return nil, mariaErr(sequences.ErrXAERNota)
	case b.state != from:
		return nil, b.refuse()
	}
	b.state = to
	if to == xaPrepared {
		tx, _ := ctx.GetTransaction().(*Transaction)
		s.admin.xa.add(x, sess.ID(), tx)
	}
	return okResult(0), nil
}

// xaFinish runs XA COMMIT [ONE PHASE] (commit true) and XA ROLLBACK.
func (s *Server) xaFinish(ctx *sql.Context, x xid, commit, onePhase bool) (sql.RowIter, error) {
	sess, err := sessionOf(ctx)
	if err != nil {
		return nil, err
	}
	b := sess.admin.xa
	if b == nil || b.xid != x {
		return s.xaFinishDetached(ctx, sess, x, commit)
	}
	switch {
	case b.state == xaActive:
		return nil, b.refuse()
	case commit && b.state == xaIdle && !onePhase:
		return nil, b.refuse()
	case commit && b.state == xaPrepared && onePhase:
		return nil, mariaErr(sequences.ErrXAERInval)
	}
	s.admin.xa.remove(x)
	sess.admin.xa = nil
	s.admin.active.Add(-1)
	var endErr error
	if tx, ok := ctx.GetTransaction().(*Transaction); ok && tx != nil {
		if commit {
			endErr = sess.CommitTransaction(ctx, tx)
		} else {
			endErr = sess.Rollback(ctx, tx)
		}
	}
	ctx.SetTransaction(nil)
	ctx.SetIgnoreAutoCommit(false)
	if endErr != nil {
		return nil, endErr
	}
	return okResult(0), nil
}

// xaFinishDetached commits or rolls back the prepared branch of a session that disconnected.
// A session inside a transaction of its own may not (1400).
func (s *Server) xaFinishDetached(ctx *sql.Context, sess *Session, x xid, commit bool) (sql.RowIter, error) {
	if sess.admin.xa != nil || !autocommitting(ctx) {
		return nil, mariaErr(sequences.ErrXAEROutside)
	}
	p, ok := s.admin.xa.takeDetached(x)
	if !ok {
		return nil, mariaErr(sequences.ErrXAERNota)
	}
	if p.tx == nil {
		return okResult(0), nil
	}
	if commit {
		if err := translateStorageError(p.tx.txn.Commit()); err != nil {
			return nil, err
		}
		return okResult(0), nil
	}
	p.tx.txn.Rollback()
	return okResult(0), nil
}

// endXASession ends the XA branch of a closing session: a prepared branch is detached and
// kept, any other is left to the session's rollback.
func (s *Server) endXASession(sess *Session) {
	b := sess.admin.xa
	sess.admin.xa = nil
	s.admin.active.Add(-1)
	if b.state != xaPrepared {
		return
	}
	s.admin.xa.detach(b.xid)
	sess.BaseSession.SetTransaction(nil) // not Session.SetTransaction, which would roll it back
}

// xaRecoverSchema is the result of XA RECOVER.
var xaRecoverSchema = sql.Schema{
	{Name: "formatID", Type: types.Int64},
	{Name: "gtrid_length", Type: types.Int64},
	{Name: "bqual_length", Type: types.Int64},
	{Name: "data", Type: types.LongText},
}

// xaRecover runs XA RECOVER [FORMAT='RAW'|'SQL'].
func (s *Server) xaRecover(ctx *sql.Context, sqlFormat bool) (sql.RowIter, error) {
	var rows []sql.Row
	for _, x := range s.admin.xa.list() {
		data := x.gtrid + x.bqual
		if sqlFormat {
			data = xidSQL(x)
		}
		rows = append(rows, sql.Row{int64(x.format), int64(len(x.gtrid)), int64(len(x.bqual)), data})
	}
	return sql.RowsToRowIter(rows...), nil
}

// xidSQL prints an xid as XA RECOVER FORMAT='SQL' does: the parts as string literals, bqual and
// formatID only when they differ from the defaults.
func xidSQL(x xid) string {
	s := quoteXIDPart(x.gtrid)
	if x.bqual != "" || x.format != 1 {
		s += "," + quoteXIDPart(x.bqual)
	}
	if x.format != 1 {
		s += "," + strconv.FormatUint(x.format, 10)
	}
	return s
}

// quoteXIDPart quotes printable text, and gives anything else as a hex literal.
func quoteXIDPart(p string) string {
	for i := 0; i < len(p); i++ {
		if c := p[i]; c < 0x20 || c >= 0x7f || c == '\'' || c == '\\' {
			return "X'" + hexUpper(p) + "'"
		}
	}
	return "'" + p + "'"
}

func hexUpper(p string) string {
	const digits = "0123456789ABCDEF"
	b := make([]byte, 0, 2*len(p))
	for i := 0; i < len(p); i++ {
		b = append(b, digits[p[i]>>4], digits[p[i]&15])
	}
	return string(b)
}
