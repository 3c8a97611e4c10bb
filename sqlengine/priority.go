package sqlengine

import (
	"sort"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/rowexec"
)

// priorityBuilder executes the nodes whose stock GMS behaviour differs from MariaDB's. GMS asks
// it first for every node; a nil iterator falls back to GMS.
type priorityBuilder struct {
	srv  *Server
	base *rowexec.BaseBuilder
}

var _ sql.NodeExecBuilder = (*priorityBuilder)(nil)

// Build implements sql.NodeExecBuilder.
func (b *priorityBuilder) Build(ctx *sql.Context, n sql.Node, r sql.Row) (sql.RowIter, error) {
	if nn, ok := checkNodeOverflows(ctx, n); ok {
		return b.base.Build(ctx, nn, r) // back here with nn, which has nothing left to replace
	}
	if err := b.srv.gate(ctx, n); err != nil {
		return nil, err
	}
	chooseScanIndex(ctx, n)
	switch n := n.(type) {
	case *plan.UpdateSource:
		if nn, ok := seqUpdate(ctx, n); ok {
			if sess, err := sessionOf(ctx); err == nil {
				iter, err := b.base.Build(ctx, nn, r)
				if err != nil {
					return nil, err
				}
				level := "Warning"
				if sql.LoadSqlMode(ctx).Strict() {
					level = "Error"
				}
				return &seqRowCheck{RowIter: iter, sess: sess, nullLevel: level}, nil
			}
		}
		if nn, ok := nonStrictUpdate(ctx, n); ok {
			return b.base.Build(ctx, nn, r)
		}
	case *plan.InsertInto:
		if nn, ok := nonStrictInsert(ctx, n); ok {
			return b.base.Build(ctx, nn, r)
		}
	case *insertConversion:
		return b.buildInsertConversion(ctx, n, r)
	case *plan.DropDB:
		if err := lockDatabaseForDrop(ctx, n.DbName); err != nil {
			return nil, err
		}
	case *plan.LockTables:
		return b.srv.lockTables(ctx, n)
	case *plan.UnlockTables:
		b.srv.releaseReadLock(ctx)
		return b.srv.unlockTables(ctx)
	case *plan.ShowTables:
		return b.srv.showTables(ctx, n)
	case *showTablesLike:
		return b.srv.showTables(ctx, n.ShowTables)
	case *seqConstCond, *seqKeyLookup:
		return b.buildSeqWhere(ctx, n, r)
	case *plan.Filter:
		if nn, ok := seqWhere(ctx, n); ok {
			return b.base.Build(ctx, nn, r)
		}
		if nn, ok := seqItems(ctx, n); ok {
			return b.base.Build(ctx, nn, r)
		}
	case *plan.Set:
		if nn, ok := seqSet(ctx, n); ok {
			return b.base.Build(ctx, nn, r)
		}
	case *plan.Project:
		if nn, ok := seqItems(ctx, n); ok {
			return b.base.Build(ctx, nn, r)
		}
	case *plan.ShowCreateTable:
		if err := b.srv.checkShowCreate(ctx, n); err != nil {
			return nil, err
		}
		return b.srv.showCreateTable(ctx, n)
	case *plan.ShowColumns:
		return b.srv.showColumns(ctx, n)
	case *plan.Block:
		if iter, ok, err := b.srv.addColumnsTogether(ctx, n); ok {
			return iter, err
		}
	case *plan.TableCopier:
		if iter, ok := b.srv.createSelectIfNotExists(ctx, n); ok {
			return iter, nil
		}
	case *plan.DropTrigger:
		if iter, err := b.srv.dropTrigger(ctx, n); iter != nil || err != nil {
			return iter, err
		}
	case *plan.Grant:
		return nil, b.srv.grantCreatesUsers(ctx, n)
	}
	return nil, nil
}

// showTables lists tables, sequences and views sorted by name; SHOW FULL TABLES gives each its
// MariaDB Table_type.
func (s *Server) showTables(ctx *sql.Context, n *plan.ShowTables) (sql.RowIter, error) {
	db := n.Database()
	type entry struct{ name, kind string }
	var entries []entry
	cat := s.catalogOf(ctx)
	if _, ok := cat.Database(db.Name()); ok {
		for _, t := range cat.Tables(db.Name()) {
			kind := "BASE TABLE"
			if t.Sequence {
				kind = "SEQUENCE"
			}
			entries = append(entries, entry{t.Name, kind})
		}
		for _, v := range cat.Views(db.Name()) {
			entries = append(entries, entry{v.Name, "VIEW"})
		}
	} else {
		names, err := db.GetTableNames(ctx)
		if err != nil {
			return nil, err
		}
		for _, name := range names {
			entries = append(entries, entry{name, "SYSTEM VIEW"})
		}
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].name < entries[j].name })
	rows := make([]sql.Row, 0, len(entries))
	for _, e := range entries {
		if n.Full {
			rows = append(rows, sql.Row{e.name, e.kind})
		} else {
			rows = append(rows, sql.Row{e.name})
		}
	}
	return sql.RowsToRowIter(rows...), nil
}
