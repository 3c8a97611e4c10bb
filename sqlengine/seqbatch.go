package sqlengine

import (
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// SELECT NEXT n VALUES FROM t (and SELECT NEXT VALUE FROM t, n = 1) is seqd's batch allocation,
// in the syntax of Vitess sequence tables. It reserves n contiguous values in one round trip and
// returns the first, in a column named nextval:
//
//   - on a MariaDB sequence, the values first, first+increment, ..., exactly what n calls of
//     NEXTVAL would return (an error if the end of a NOCYCLE sequence comes first);
//   - on a Vitess sequence table (COMMENT 'vitess_sequence', columns id, next_id, cache, one row
//     with id 0), the values next_id .. next_id+n-1, and next_id moves past them.
//
// Either way the reservation is on disk before the value is returned.

// vitessSequenceComment marks a Vitess sequence table.
const vitessSequenceComment = "vitess_sequence"

// nextValuesSchema is the result of SELECT NEXT n VALUES.
var nextValuesSchema = sql.Schema{{Name: "nextval", Type: types.Int64, Nullable: true}}

// nextValuesStatement recognizes vitess's parse of SELECT NEXT n VALUES FROM t and returns the
// statement that runs it.
func nextValuesStatement(stmt ast.Statement) (ast.Statement, bool) {
	sel, ok := stmt.(*ast.Select)
	if !ok || len(sel.SelectExprs) != 1 || len(sel.From) != 1 {
		return nil, false
	}
	nv, ok := sel.SelectExprs[0].(ast.Nextval)
	if !ok {
		return nil, false
	}
	ate, ok := sel.From[0].(*ast.AliasedTableExpr)
	if !ok {
		return nil, false
	}
	tn, ok := ate.Expr.(ast.TableName)
	if !ok {
		return nil, false
	}
	db, name := tn.DbQualifier.String(), tn.Name.String()
	return statement("NEXT VALUES", ast.Exprs{nv.Expr}, func(ctx *sql.Context, children []sql.Expression) (sql.Node, error) {
		return &execNode{name: "NEXT VALUES", sch: nextValuesSchema, run: func(ctx *sql.Context) (sql.RowIter, error) {
			n, err := batchSize(ctx, children[0])
			if err != nil {
				return nil, err
			}
			if db == "" {
				db = ctx.GetCurrentDatabase()
			}
			v, err := srvOf(ctx).nextValues(ctx, db, name, n)
			if err != nil {
				return nil, err
			}
			return sql.RowsToRowIter(sql.Row{v}), nil
		}}, nil
	}), true
}

// batchSize evaluates n, which must be a positive integer.
func batchSize(ctx *sql.Context, e sql.Expression) (int64, error) {
	v, err := e.Eval(ctx, nil)
	if err != nil {
		return 0, err
	}
	n, _, err := types.Int64.Convert(ctx, v)
	if err != nil || n == nil || n.(int64) < 1 {
		return 0, mariaErr(sequences.ErrWrongArguments, "NEXT VALUES")
	}
	return n.(int64), nil
}

// nextValues allocates n values of db.name and returns the first.
func (s *Server) nextValues(ctx *sql.Context, db, name string, n int64) (any, error) {
	if db == "" {
		return nil, mariaErr(sequences.ErrNoDB)
	}
	def, temp, ok := s.findTableDef(ctx, db, name)
	if !ok {
		return nil, mariaErr(sequences.ErrNoSuchTable, db, name)
	}
	if !temp {
		if err := checkLocked(ctx, db, def.Name, true); err != nil {
			return nil, err
		}
		if err := s.checkTablePrivileges(ctx, db, def.Name, sql.PrivilegeType_Select, sql.PrivilegeType_Insert); err != nil {
			return nil, err
		}
	}
	if def.Sequence {
		return s.nextSequenceValues(ctx, def, n)
	}
	if isVitessSequence(def) {
		return s.nextVitessValues(ctx, def, n)
	}
	return nil, mariaErr(sequences.ErrNotSequence, db, name)
}

// nextSequenceValues takes n values of a MariaDB sequence; LASTVAL becomes the last of them.
func (s *Server) nextSequenceValues(ctx *sql.Context, def *storage.TableDef, n int64) (any, error) {
	seq, err := s.seqs.Open(def.ID, def.DB, def.Name)
	if err != nil {
		return nil, sqlErr(err)
	}
	first, step, err := seq.NextN(n)
	last := first + (n-1)*step
	if sess, serr := sessionOf(ctx); serr == nil {
		sess.lastVals.Record(seq.ID(), seq.TableKey(), last, err)
	}
	if err != nil {
		return nil, sqlErr(err)
	}
	if seq.Type().Unsigned {
		return uint64(first), nil
	}
	return first, nil
}

// isVitessSequence reports whether a table is a Vitess sequence table.
func isVitessSequence(def *storage.TableDef) bool {
	if !strings.EqualFold(def.Comment, vitessSequenceComment) {
		return false
	}
	have := map[string]bool{}
	for _, c := range def.Columns {
		have[strings.ToLower(c.Name)] = true
	}
	return have["id"] && have["next_id"] && have["cache"]
}

// nextVitessValues moves next_id of the row with id 0 forward by n in a transaction of its own,
// committed (synced) before the first value is returned.
func (s *Server) nextVitessValues(ctx *sql.Context, def *storage.TableDef, n int64) (any, error) {
	m, err := s.metas.get(ctx, def)
	if err != nil {
		return nil, err
	}
	t := newTable(s, m, false)
	txn := s.db.Begin()
	defer txn.Rollback()
	first, err := advanceVitess(ctx, txn, t, n)
	if err != nil {
		return nil, err
	}
	if err := txn.Commit(); err != nil {
		return nil, translateStorageError(err)
	}
	return first, nil
}

// advanceVitess reads the row with id 0 in txn and moves its next_id by n.
func advanceVitess(ctx *sql.Context, txn *storage.Txn, t *Table, n int64) (int64, error) {
	if err := translateStorageError(txn.Lock(ctx, t.ID(), storage.Exclusive, lockWaitTimeout(ctx))); err != nil {
		return 0, err
	}
	e := &editor{t: t, txn: txn}
	idOrd, nextOrd := t.meta.ordinal("id"), t.meta.ordinal("next_id")
	row, err := vitessRow(ctx, e, t, idOrd)
	if err != nil {
		return 0, err
	}
	next, err := toInt64Value(ctx, t.sch[nextOrd].Type, row[nextOrd])
	if err != nil {
		return 0, err
	}
	updated := row.Copy()
	if updated[nextOrd], _, err = t.sch[nextOrd].Type.Convert(ctx, next+n); err != nil {
		return 0, err
	}
	if err := e.Update(ctx, row, updated); err != nil {
		return 0, err
	}
	return next, nil
}

// vitessRow returns the row with id 0 of a Vitess sequence table.
func vitessRow(ctx *sql.Context, e *editor, t *Table, idOrd int) (sql.Row, error) {
	lo, hi := storage.RowPrefix(t.ID())
	it, err := e.txn.NewIter(lo, hi)
	if err != nil {
		return nil, translateStorageError(err)
	}
	defer it.Close()
	for ok := it.First(); ok; ok = it.Next() {
		row, err := decodeRow(ctx, it.Value(), t.sch)
		if err != nil {
			return nil, err
		}
		if id, err := toInt64Value(ctx, t.sch[idOrd].Type, row[idOrd]); err == nil && id == 0 {
			return row, nil
		}
	}
	return nil, mariaErr(sequences.ErrSequenceAccess, t.Database(), t.Name())
}

// initVitessSequence gives a new Vitess sequence table its row (0, 1, 1000).
func (s *Server) initVitessSequence(ctx *sql.Context, txn *storage.Txn, def *storage.TableDef) error {
	m, err := s.metas.get(ctx, def)
	if err != nil {
		return err
	}
	t := newTable(s, m, false)
	row := make(sql.Row, len(t.sch))
	for i, col := range t.sch {
		var v any
		switch strings.ToLower(col.Name) {
		case "id":
			v = 0
		case "next_id":
			v = 1
		case "cache":
			v = 1000
		default:
			continue
		}
		if row[i], _, err = col.Type.Convert(ctx, v); err != nil {
			return err
		}
	}
	return (&editor{t: t, txn: txn}).Insert(ctx, row)
}
