package sqlengine

import (
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
	"github.com/dolthub/vitess/go/mysql"
	"github.com/dolthub/vitess/go/sqltypes"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
)

// CHECK, REPAIR, OPTIMIZE and ANALYZE TABLE answer, as MariaDB 10.11 does, with rows of
// (Table, Op, Msg_type, Msg_text) per table: what each engine says (adminreply.go), and
// errors about one table (missing, a view, not locked) as an "Error" row followed by "status
// Operation failed". seqd keeps nothing to check or repair, so no statement changes data;
// REPAIR and OPTIMIZE of a sequence discard its cached values, as in MariaDB. Each statement
// commits the open transaction first.

// adminOp is the statement.
type adminOp string

const (
	opCheck    adminOp = "check"
	opRepair   adminOp = "repair"
	opOptimize adminOp = "optimize"
	opAnalyze  adminOp = "analyze"
)

// adminStmt is a parsed maintenance statement.
type adminStmt struct {
	op     adminOp
	tables []adminTarget
	// changedOnly is CHECK's FAST or CHANGED: MyISAM and Aria skip unchanged tables.
	changedOnly bool
	// useFrm is REPAIR's USE_FRM: MyISAM rebuilds the index file and warns about the row count.
	useFrm bool
	// persistent is ANALYZE's PERSISTENT FOR: engine-independent statistics are collected
	// whatever use_stat_tables says.
	persistent bool
}

// adminTarget is a table as named in the statement.
type adminTarget struct {
	db, name string // db is "" when not qualified
}

// adminSchema is the result of the maintenance statements.
var adminSchema = sql.Schema{
	{Name: "Table", Type: types.MustCreateStringWithDefaults(sqltypes.VarChar, 192)},
	{Name: "Op", Type: types.MustCreateStringWithDefaults(sqltypes.VarChar, 10)},
	{Name: "Msg_type", Type: types.MustCreateStringWithDefaults(sqltypes.VarChar, 10)},
	{Name: "Msg_text", Type: types.MustCreateStringWithDefaults(sqltypes.VarChar, 1024)},
}

// adminStatement wraps a parsed maintenance statement for the AST.
func adminStatement(st *adminStmt) ast.Statement {
	name := string(st.op) + " table"
	return statement(name, nil, func(ctx *sql.Context, _ []sql.Expression) (sql.Node, error) {
		return &execNode{name: name, sch: adminSchema, run: func(ctx *sql.Context) (sql.RowIter, error) {
			return srvOf(ctx).runAdmin(ctx, st)
		}}, nil
	})
}

// runAdmin runs a maintenance statement.
func (s *Server) runAdmin(ctx *sql.Context, st *adminStmt) (sql.RowIter, error) {
	sess, err := sessionOf(ctx)
	if err != nil {
		return nil, err
	}
	if err := sess.admin.xa.refuse(); err != nil {
		return nil, err
	}
	targets, err := qualifyTargets(ctx, st.tables)
	if err != nil {
		return nil, err
	}
	readLocked := false
	if st.op != opCheck && s.admin.active.Load() != 0 && s.admin.readLock.isHeld() {
		readLocked = sess.admin.readLock
		if st.op == opAnalyze || !readLocked {
			if err := s.waitReadLock(ctx, sess); err != nil {
				return nil, err
			}
		}
	}
	if err := s.implicitCommit(ctx); err != nil {
		return nil, err
	}
	var rows []sql.Row
	for _, t := range targets {
		r := &adminReply{s: s, ctx: ctx, st: st, db: t.db, name: t.name}
		if readLocked {
			r.error(sqlMessage(mariaErr(sequences.ErrCantUpdateWithReadLock)), "Corrupt")
		} else if err := r.run(); err != nil {
			return nil, err
		}
		rows = append(rows, r.rows...)
	}
	// The statement's reads ran in a transaction of their own; end it.
	if err := s.implicitCommit(ctx); err != nil {
		return nil, err
	}
	return sql.RowsToRowIter(rows...), nil
}

// qualifyTargets fills in the current database and rejects a table named twice (1066).
func qualifyTargets(ctx *sql.Context, in []adminTarget) ([]adminTarget, error) {
	out := make([]adminTarget, 0, len(in))
	seen := map[adminTarget]bool{}
	for _, t := range in {
		if t.db == "" {
			if t.db = ctx.GetCurrentDatabase(); t.db == "" {
				return nil, mariaErr(sequences.ErrNoDB)
			}
		}
		if seen[t] {
			return nil, mariaErr(sequences.ErrNonUniqTable, t.name)
		}
		seen[t] = true
		out = append(out, t)
	}
	return out, nil
}

// sqlMessage returns the text of a client error.
func sqlMessage(err error) string {
	if e, ok := err.(*mysql.SQLError); ok {
		return e.Message
	}
	return err.Error()
}
