package sqlengine

import (
	"context"

	"github.com/dolthub/go-mysql-server/sql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/storage"
)

// insertValues returns the VALUES rows of an INSERT or REPLACE (with or without an AS alias),
// nil for one whose rows come from a query.
func insertValues(ins *ast.Insert) ast.Values {
	switch r := ins.Rows.(type) {
	case ast.Values:
		return r
	case *ast.AliasedValues:
		return r.Values
	case ast.AliasedValues:
		return r.Values
	}
	return nil
}

// insertTarget finds the table an INSERT or REPLACE writes, as the statement's session sees it
// (temporary tables first): its definition, database, whether it is temporary, and the server.
// ok is false outside a session or for a table seqd does not have (GMS reports that).
func insertTarget(ctx context.Context, ins *ast.Insert) (t insertTable, ok bool) {
	sctx, isSQL := ctx.(*sql.Context)
	if !isSQL {
		return t, false
	}
	if t.srv = srvOf(sctx); t.srv == nil {
		return t, false
	}
	t.ctx, t.db = sctx, ins.Table.DbQualifier.String()
	if t.db == "" {
		t.db = sctx.GetCurrentDatabase()
	}
	t.def, t.temp, ok = t.srv.findTableDef(sctx, t.db, ins.Table.Name.String())
	return t, ok
}

// insertTable is what insertTarget finds.
type insertTable struct {
	ctx  *sql.Context
	srv  *Server
	db   string
	def  *storage.TableDef
	temp bool
}
