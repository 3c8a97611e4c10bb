package sqlengine

import (
	"context"
	"errors"
	"slices"
	"sync"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/vitess/go/mysql"
)

// What MariaDB does at the end of a statement that failed, and GMS does not: the error goes
// into the diagnostics area that SHOW WARNINGS lists, and an autocommit statement's
// transaction ends.

// stmtStart is what the handler notes before a statement runs.
type stmtStart struct {
	sess     *Session
	warnings []*sql.Warning // the session's warnings before the statement
}

// startStatement notes the session's warnings before a statement.
func (s *Server) startStatement(c *mysql.Conn) stmtStart {
	sess := s.sessions.get(c.ConnectionID)
	if sess == nil {
		return stmtStart{}
	}
	sess.seqDefer, sess.insertColumnList, sess.createdBase = seqDeferral{}, false, tableName{}
	return stmtStart{sess: sess, warnings: sess.BaseSession.Warnings()}
}

// endStatement runs after a statement: when it failed, its error is added to the warnings
// and a failed autocommit transaction is rolled back.
func (s *Server) endStatement(c *mysql.Conn, st stmtStart, err error) {
	if err == nil {
		if st.sess != nil {
			errorNotes.Delete(st.sess)
		}
		return
	}
	sess := st.sess
	if sess == nil {
		if sess = s.sessions.get(c.ConnectionID); sess == nil {
			return
		}
	}
	recordError(sess, st.warnings, err)
	endFailedAutocommit(sess, s.cfg.LogBin)
}

// recordError adds a failed statement's error to the session's warnings, as MariaDB's
// diagnostics area holds it: SHOW WARNINGS after an error lists the warnings the statement
// raised, then the error, then the notes raised with it (errorNotes). A statement that failed
// before GMS cleared the previous statement's warnings (a syntax error, an unknown table while
// planning) has left them in place; MariaDB starts every statement but SHOW WARNINGS with an
// empty list, so they are dropped.
func recordError(sess *Session, before []*sql.Warning, err error) {
	var se *mysql.SQLError
	if !errors.As(err, &se) {
		return
	}
	if now := sess.BaseSession.Warnings(); len(now) > 0 && slices.Equal(now, before) {
		sess.ClearWarnings()
	}
	sess.BaseSession.Warn(&sql.Warning{Level: "Error", Code: se.Num, Message: se.Message})
	if notes, ok := errorNotes.LoadAndDelete(sess); ok {
		for _, w := range notes.([]*sql.Warning) {
			sess.BaseSession.Warn(w)
		}
	}
}

// errorNotes holds, per session, the conditions MariaDB lists after the error of the running
// statement: NEXTVAL of a missing sequence fails with 4091 and SHOW WARNINGS then also shows
// the 1146 of the table it tried to open.
var errorNotes sync.Map // *Session -> []*sql.Warning

// noteAfterError records w to be listed after the error the running statement is about to
// fail with.
func noteAfterError(ctx *sql.Context, w *sql.Warning) {
	sess, err := sessionOf(ctx)
	if err != nil {
		return
	}
	var notes []*sql.Warning
	if v, ok := errorNotes.Load(sess); ok {
		notes = v.([]*sql.Warning)
	}
	for _, n := range notes {
		if *n == *w {
			return // the statement was parsed twice (GMS does for some statements)
		}
	}
	errorNotes.Store(sess, append(notes, w))
}

// notesAfterError records ws, in order, to be listed after the error the running statement is
// about to fail with. Unlike noteAfterError it keeps repeated conditions: a statement can fail
// on the same sequence twice, and MariaDB lists both.
func notesAfterError(ctx *sql.Context, ws []*sql.Warning) {
	sess, err := sessionOf(ctx)
	if err != nil || len(ws) == 0 {
		return
	}
	var notes []*sql.Warning
	if v, ok := errorNotes.Load(sess); ok {
		notes = v.([]*sql.Warning)
	}
	errorNotes.Store(sess, append(notes, ws...))
}

// clearErrorNotes drops the notes recorded for the running statement's error (its error
// changed).
func clearErrorNotes(ctx *sql.Context) {
	if sess, err := sessionOf(ctx); err == nil {
		errorNotes.Delete(sess)
	}
}

// endFailedAutocommit rolls back the transaction a failed statement left behind in autocommit
// mode. GMS commits an autocommit statement when its rows have been read to the end; a
// statement that fails while running (an INSERT of an out-of-range value, a DEFAULT NEXT VALUE
// FOR that runs out) leaves its transaction on the session, holding the table locks it took,
// so every other connection writing those tables waits until this connection sends another
// statement. MariaDB ends such a statement there: its changes are undone and its locks freed.
// An explicit transaction (BEGIN, autocommit=0) stays open, as in MariaDB. logBin says the
// server reports a binary log (see commitKept).
func endFailedAutocommit(sess *Session, logBin bool) {
	tx, _ := sess.GetTransaction().(*Transaction)
	var kept, wrote bool
	if tx != nil {
		kept, wrote = nonTransactionalKept(tx.txn)
	}
	if tx == nil || sess.GetIgnoreAutoCommit() {
		return
	}
	ctx := sql.NewContext(context.Background(), sql.WithSession(sess))
	if on, err := plan.IsSessionAutocommit(ctx); err != nil || !on {
		return
	}
	if kept {
		commitKept(sess, tx, wrote && logBin)
		return
	}
	sess.SetTransaction(nil) // Session.SetTransaction rolls the dropped transaction back
}
