package sqlengine

import (
	"context"

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
func (h *handler) ComQuery(ctx context.Context, c *mysql.Conn, query string, callback mysql.ResultSpoolFn) error {
	if done, err := h.srv.fastPath(ctx, c, query, callback); done {
		return h.srv.translate(c, err)
	}
	return h.srv.translate(c, h.Handler.ComQuery(ctx, c, query, spoolMariaDB(callback)))
}

// ComMultiQuery implements mysql.Handler.
func (h *handler) ComMultiQuery(ctx context.Context, c *mysql.Conn, query string, callback mysql.ResultSpoolFn) (string, error) {
	if done, err := h.srv.fastPath(ctx, c, query, callback); done {
		return "", h.srv.translate(c, err)
	}
	rest, err := h.Handler.ComMultiQuery(ctx, c, query, spoolMariaDB(callback))
	return rest, h.srv.translate(c, err)
}

// ComPrepare implements mysql.Handler.
func (h *handler) ComPrepare(ctx context.Context, c *mysql.Conn, query string, prepare *mysql.PrepareData) ([]*querypb.Field, error) {
	fields, err := h.Handler.ComPrepare(ctx, c, query, prepare)
	return fields, h.srv.translate(c, err)
}

// ComStmtExecute implements mysql.Handler.
func (h *handler) ComStmtExecute(ctx context.Context, c *mysql.Conn, prepare *mysql.PrepareData, callback func(*sqltypes.Result) error) error {
	return h.srv.translate(c, h.Handler.ComStmtExecute(ctx, c, prepare, callback))
}
