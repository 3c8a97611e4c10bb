package sqlengine

import (
	"io"
	"slices"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"

	"github.com/seqd/seqd/functions"
)

// `ALTER TABLE t ADD c INT DEFAULT NEXT VALUE FOR s, ADD d INT DEFAULT PREVIOUS VALUE FOR s`
// copies the table once in MariaDB, evaluating the new columns' defaults row by row, in column
// order: every row gets c = the next value and d = that same value. GMS runs the ADDs one after
// the other, each over the whole table, so d would be the last value for every row. When the
// added defaults use sequence functions, seqd runs the ADDs together in one pass.

// addColumnsTogether runs a block of ADD COLUMNs on one of seqd's tables in one pass; ok is
// false when the block is not one to handle this way (GMS runs it).
func (s *Server) addColumnsTogether(ctx *sql.Context, blk *plan.Block) (sql.RowIter, bool, error) {
	nodes := blk.Children()
	if len(nodes) < 2 {
		return nil, false, nil
	}
	var t *Table
	seqDefault := false
	adds := make([]*plan.AddColumn, 0, len(nodes))
	for _, n := range nodes {
		a, ok := n.(*plan.AddColumn)
		if !ok {
			return nil, false, nil
		}
		tn, ok := a.Table.(sql.TableNode)
		if !ok {
			return nil, false, nil
		}
		tt, ok := unwrapTable(tn.UnderlyingTable()).(*Table)
		if !ok || (t != nil && tt.meta.def.ID != t.meta.def.ID) {
			return nil, false, nil
		}
		t = tt
		col := a.Column()
		if col.AutoIncrement || col.Generated != nil || col.Default == nil || referencesColumns(ctx, col.Default) {
			return nil, false, nil
		}
		if callsSequence(ctx, col.Default) {
			seqDefault = true
		}
		adds = append(adds, a)
	}
	if !seqDefault {
		return nil, false, nil
	}
	return s.runAddColumns(ctx, t, adds)
}

// runAddColumns adds the columns of adds to t, copying the rows once.
func (s *Server) runAddColumns(ctx *sql.Context, t *Table, adds []*plan.AddColumn) (sql.RowIter, bool, error) {
	oldSch := t.Schema(ctx)
	sch := oldSch.Copy()
	positions := make([]int, len(adds))
	cols := make([]*sql.Column, len(adds))
	for i, a := range adds {
		col := a.Column()
		if ct, ok := col.Type.(sql.TypeWithCollation); ok && ct.Collation() == sql.Collation_Unspecified {
			typ, err := ct.WithNewCollation(t.Collation())
			if err != nil {
				return nil, true, err
			}
			col.Type = typ
		}
		col.Source = t.Name()
		pos := len(sch)
		if o := a.Order(ctx); o != nil {
			switch {
			case o.First:
				pos = 0
			case o.AfterColumn != "":
				idx := sch.IndexOf(o.AfterColumn, t.Name())
				if idx < 0 {
					return nil, true, sql.ErrTableColumnNotFound.New(t.Name(), o.AfterColumn)
				}
				pos = idx + 1
			}
		}
		if err := s.checkDefaultSequences(ctx, col); err != nil {
			return nil, true, err
		}
		sch = slices.Insert(sch, pos, col)
		positions[i], cols[i] = pos, col
	}
	oldPk := sql.SchemaToPrimaryKeySchema(ctx, t, oldSch)
	newPk := sql.SchemaToPrimaryKeySchema(ctx, t, sch)
	ins, err := t.RewriteInserter(ctx, oldPk, newPk, nil, cols[len(cols)-1], nil)
	if err != nil {
		return nil, true, err
	}
	if err := copyWithDefaults(ctx, t, ins, positions, cols); err != nil {
		_ = ins.DiscardChanges(ctx, err)
		_ = ins.Close(ctx)
		return nil, true, err
	}
	if err := ins.Close(ctx); err != nil {
		return nil, true, err
	}
	return sql.RowsToRowIter(), true, nil // a block of DDL has an empty schema; the client gets OK
}

// copyWithDefaults inserts every row of t into ins with the new columns' defaults evaluated in
// column order.
func copyWithDefaults(ctx *sql.Context, t *Table, ins sql.RowInserter, positions []int, cols []*sql.Column) error {
	parts, err := t.Partitions(ctx)
	if err != nil {
		return err
	}
	it := sql.NewTableRowIter(ctx, t, parts)
	defer it.Close(ctx)
	for {
		r, err := it.Next(ctx)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		row := r.Copy()
		for i, col := range cols {
			v, err := (plan.ColDefaultExpression{Column: col}).Eval(ctx, row)
			if err != nil {
				return err
			}
			row = slices.Insert(row, positions[i], v)
		}
		if err := ins.Insert(ctx, row); err != nil {
			return err
		}
	}
}

// callsSequence reports whether e calls a sequence function.
func callsSequence(ctx *sql.Context, e sql.Expression) bool {
	return transform.InspectExpr(ctx, e, func(_ *sql.Context, x sql.Expression) bool {
		_, ok := x.(*functions.Ref)
		return ok
	})
}

// referencesColumns reports whether e reads a column.
func referencesColumns(ctx *sql.Context, e sql.Expression) bool {
	return transform.InspectExpr(ctx, e, func(_ *sql.Context, x sql.Expression) bool {
		switch x.(type) {
		case *expression.GetField, *expression.UnresolvedColumn:
			return true
		}
		return false
	})
}
