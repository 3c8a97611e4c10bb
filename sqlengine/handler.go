package sqlengine

import (
	"context"
	"strings"

	"github.com/dolthub/vitess/go/mysql"
	"github.com/dolthub/vitess/go/sqltypes"
	querypb "github.com/dolthub/vitess/go/vt/proto/query"
)

// handler wraps GMS's protocol handler: hot sequence statements take the fast path, and errors
// leave with MariaDB's numbers and texts.
type handler struct {
	mysql.Handler
	srv *Server
}

func (s *Server) wrapHandler(h mysql.Handler) (mysql.Handler, error) {
	return &handler{Handler: h, srv: s}, nil
}

// ComQuery implements mysql.Handler.
func (h *handler) ComQuery(ctx context.Context, c *mysql.Conn, query string, callback mysql.ResultSpoolFn) (err error) {
	st := h.srv.startStatement(c)
	defer func() { h.srv.endStatement(c, st, err) }()
	defer h.recoverQuery(c, &err)
	if done, err := h.srv.fastPath(ctx, c, query, callback); done {
		return h.srv.translateQuery(c, query, err)
	}
	return h.srv.translateQuery(c, query, h.Handler.ComQuery(ctx, c, query, spoolMariaDB(spoolInfo(h.srv.sessions.get(c.ConnectionID), callback))))
}

// ComMultiQuery implements mysql.Handler.
func (h *handler) ComMultiQuery(ctx context.Context, c *mysql.Conn, query string, callback mysql.ResultSpoolFn) (rest string, err error) {
	st := h.srv.startStatement(c)
	defer func() { h.srv.endStatement(c, st, err) }()
	defer h.recoverQuery(c, &err)
	if done, err := h.srv.fastPath(ctx, c, query, callback); done {
		return "", h.srv.translateQuery(c, query, err)
	}
	rest, err = h.Handler.ComMultiQuery(ctx, c, query, spoolMariaDB(spoolInfo(h.srv.sessions.get(c.ConnectionID), callback)))
	return rest, h.srv.translateQuery(c, query, err)
}

// ComInitDB implements mysql.Handler (USE, and the database of a new connection).
func (h *handler) ComInitDB(c *mysql.Conn, db string) error {
	return h.srv.translate(c, h.Handler.ComInitDB(c, db))
}

// ComPrepare implements mysql.Handler.
func (h *handler) ComPrepare(ctx context.Context, c *mysql.Conn, query string, prepare *mysql.PrepareData) (fields []*querypb.Field, err error) {
	defer h.recoverQuery(c, &err)
	query = preparedOriginal(query)
	prepare.PrepareStmt = query
	fields, err = h.Handler.ComPrepare(ctx, c, query, prepare)
	return fields, h.srv.translateQuery(c, query, err)
}

// ComStmtExecute implements mysql.Handler.
func (h *handler) ComStmtExecute(ctx context.Context, c *mysql.Conn, prepare *mysql.PrepareData, callback func(*sqltypes.Result) error) (err error) {
	st := h.srv.startStatement(c)
	defer func() { h.srv.endStatement(c, st, err) }()
	defer h.recoverQuery(c, &err)
	return h.srv.translateQuery(c, prepare.PrepareStmt, h.Handler.ComStmtExecute(ctx, c, prepare, callback))
}

// vitessInfoByte is the byte vitess writes in an OK packet before its info text. Clients read
// the info as a length-encoded string, so the byte is taken as a length of 35: an info text
// shorter than that would make the MariaDB client fail with 2027 "Received malformed packet"
// (PREPARE's "Statement prepared" did). Longer texts read correctly (the client takes the rest
// of the packet). A shorter text is padded with NUL bytes to 35: the client's mysql_info() is a
// C string, which ends at the first of them.
const vitessInfoByte = '#'

// spoolInfo arms sess for the OK packet's info of the client statement that starts (okinfo.go),
// writes that info into its OK result, and pads info texts that vitess would write in a form
// clients reject.
func spoolInfo(sess *Session, callback mysql.ResultSpoolFn) mysql.ResultSpoolFn {
	if sess != nil {
		sess.armOKInfo()
	}
	return func(r *sqltypes.Result, more bool) error {
		if sess != nil {
			sess.okInfoResult(r)
		}
		if r != nil && r.Info != "" && len(r.Info) < vitessInfoByte {
			r.Info += strings.Repeat("\x00", vitessInfoByte-len(r.Info))
		}
		return callback(r, more)
	}
}

// recoverQuery turns a panic while running a statement (GMS panics on some inputs) into an
// error for that statement, so the connection and the server stay up. The statement's
// transaction is rolled back unless the client opened it explicitly.
func (h *handler) recoverQuery(c *mysql.Conn, err *error) {
	r := recover()
	if r == nil {
		return
	}
	*err = mysql.NewSQLError(mysql.ERUnknownError, mysql.SSUnknownSQLState, "internal error: %v", r)
	if sess := h.srv.sessions.get(c.ConnectionID); sess != nil && !sess.GetIgnoreAutoCommit() {
		sess.SetTransaction(nil)
	}
}
