package sqlengine

import (
	"io"
	"slices"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"
	"github.com/dolthub/go-mysql-server/sql/types"

	"github.com/seqd/seqd/sequences"
)

// MariaDB's INSERT (REPLACE, INSERT ... SELECT, LOAD DATA) stores a value a column cannot hold
// as the nearest value it can (a string cut to the column's length, a number clamped to its
// range, 0 for 'x' in an integer, the zero date, NULL in a NOT NULL column as the implicit
// default), with a warning, unless the statement is strict. GMS's insert iterator fails the
// statement for every such value, so insertConversion converts the source rows before GMS sees
// them, the way MariaDB does, and GMS finds nothing left to fail on.
//
// A row is strict (a bad value fails the statement, which GMS does) when sql_mode has
// STRICT_ALL_TABLES, or STRICT_TRANS_TABLES and either the table is transactional (InnoDB) or
// the statement has not yet written a row: MariaDB aborts on a warning only until a
// non-transactional table has been changed, as the change cannot be undone. Then MariaDB names a
// too-long string with "Data too long" (1406) rather than "Data truncated" (1265). INSERT
// IGNORE is never strict. Outside strict mode, NULL in a NOT NULL column of a single-row
// INSERT ... VALUES is still an error (1048); in a multi-row INSERT or an INSERT ... SELECT it
// is a warning.
//
// What never fails in MariaDB, even in strict mode, is converted in strict rows too: trailing
// spaces cut from a string (Note 1265).

// insertConversion converts the rows of an INSERT's source to the destination's columns.
type insertConversion struct {
	plan.UnaryNode
	db, table string
	schema    sql.Schema // the destination's columns; a source row ends with their values
	// strictRows is how many leading rows are strict: -1 every row, 0 none, 1 the first.
	strictRows int
	// strictTexts: the statement is under a strict sql_mode, whose texts the warnings take.
	strictTexts bool
	// singleRow: the source is a single VALUES row, where NULL in a NOT NULL column fails.
	singleRow bool
	// loadData: the source is LOAD DATA, whose NULL in a NOT NULL column is warning 1263.
	loadData bool
	// noDefault: the columns the INSERT leaves out that are NOT NULL without a default.
	noDefault []bool
	// explicit: the columns the INSERT's column list (or SET) names; nil without a list.
	explicit []bool
	// defaultCells: for each VALUES row, the destination columns given DEFAULT that are NOT
	// NULL without a default (GMS computes NULL for them); nil when there is none.
	defaultCells [][]defaultCell
}

var _ sql.Node = (*insertConversion)(nil)

// nonStrictInsert returns the INSERT with its source wrapped in an insertConversion, and false
// when it is already wrapped or does not write a seqd table.
func nonStrictInsert(ctx *sql.Context, n *plan.InsertInto) (sql.Node, bool) {
	if _, done := n.Source.(*insertConversion); done {
		return nil, false
	}
	t := insertedTable(n.Destination)
	if t == nil {
		return nil, false
	}
	c := &insertConversion{
		UnaryNode: plan.UnaryNode{Child: n.Source},
		db:        t.meta.def.DB,
		table:     t.meta.def.Name,
		schema:    n.Destination.Schema(ctx),
	}
	mode := sql.LoadSqlMode(ctx)
	switch {
	case n.Ignore:
	case mode.StrictAllTables():
		c.strictRows, c.strictTexts = -1, true
	case mode.StrictTransTables():
		c.strictRows, c.strictTexts = 1, true
		if transactionalEngine(t.meta.def.Engine) {
			c.strictRows = -1
		}
	}
	c.singleRow = !n.Ignore && singleValuesRow(n.Source)
	transform.Inspect(n.Source, func(n sql.Node) bool {
		_, ld := n.(*plan.LoadData)
		c.loadData = c.loadData || ld
		return !c.loadData
	})
	if sess, err := sessionOf(ctx); err == nil && sess.insertColumnList {
		c.explicit = make([]bool, len(c.schema))
		for i, col := range c.schema {
			c.explicit[i] = slices.ContainsFunc(n.ColumnNames, func(name string) bool { return strings.EqualFold(name, col.Name) })
		}
	}
	c.Child = seqInsertSource(ctx, c.Child, c.schema, c.singleRow, c.explicit != nil)
	c.noDefault = make([]bool, len(c.schema))
	for i := range c.schema {
		c.noDefault[i] = n.DeferredDefaults.Contains(i)
	}
	c.defaultCells = explicitNoDefaults(n, c.schema)
	return n.WithSource(c), true
}

// defaultCell is what a DEFAULT value of an INSERT row gives a NOT NULL column without a
// default.
type defaultCell uint8

const (
	noDefaultCell defaultCell = iota
	// implicitCell: outside strict mode, the type's implicit default with warning 1364, as
	// for a column left out.
	implicitCell
	// firstMemberCell: an ENUM column's first member, its implicit default, in any mode.
	firstMemberCell
)

// explicitNoDefaults finds the DEFAULT values of an INSERT ... VALUES (or SET) given to NOT NULL
// columns without a default: per row, what each destination column gets. GMS computes NULL
// (a Wrapper of no default), which would give 1048.
func explicitNoDefaults(n *plan.InsertInto, dest sql.Schema) [][]defaultCell {
	var values *plan.Values
	transform.Inspect(n.Source, func(x sql.Node) bool {
		if v, ok := x.(*plan.Values); ok && values == nil {
			values = v
		}
		return values == nil
	})
	if values == nil {
		return nil
	}
	var cells [][]defaultCell
	for r, tuple := range values.ExpressionTuples {
		for k, e := range tuple {
			w, ok := e.(*expression.Wrapper)
			if !ok || k >= len(n.ColumnNames) {
				continue
			}
			if cd, isDefault := w.Unwrap().(*sql.ColumnDefaultValue); !isDefault || cd != nil {
				continue
			}
			i := dest.IndexOfColName(n.ColumnNames[k])
			if i < 0 || dest[i].Nullable || dest[i].AutoIncrement || dest[i].Default != nil || dest[i].Generated != nil {
				continue
			}
			if cells == nil {
				cells = make([][]defaultCell, len(values.ExpressionTuples))
			}
			if cells[r] == nil {
				cells[r] = make([]defaultCell, len(dest))
			}
			cells[r][i] = implicitCell
			if types.IsEnum(dest[i].Type) {
				cells[r][i] = firstMemberCell
			}
		}
	}
	return cells
}

// defaultCell is what row (counted from 1) gives column i with a DEFAULT it has not got.
func (c *insertConversion) defaultCell(row, i int) defaultCell {
	if row-1 < len(c.defaultCells) && c.defaultCells[row-1] != nil {
		return c.defaultCells[row-1][i]
	}
	return noDefaultCell
}

// insertedTable is the seqd table an INSERT writes, nil if it is something else.
func insertedTable(dest sql.Node) *Table {
	var found *Table
	transform.Inspect(dest, func(n sql.Node) bool {
		if found != nil {
			return false
		}
		if nt, ok := n.(sql.TableNode); ok {
			if t, ok := sql.GetUnderlyingTable(nt.UnderlyingTable()).(*Table); ok {
				found = t
			}
			return false
		}
		return true
	})
	return found
}

// singleValuesRow reports whether an INSERT's source is one row of VALUES (or SET).
func singleValuesRow(src sql.Node) bool {
	rows := -1
	transform.Inspect(src, func(n sql.Node) bool {
		switch n := n.(type) {
		case *plan.Values:
			rows = len(n.ExpressionTuples)
			return false
		case *plan.ValueDerivedTable:
			rows = len(n.ExpressionTuples)
			return false
		case sql.TableNode:
			rows = -1
			return false
		}
		return true
	})
	return rows == 1
}

// String implements sql.Node.
func (c *insertConversion) String() string { return c.Child.String() }

// IsReadOnly implements sql.Node.
func (c *insertConversion) IsReadOnly() bool { return c.Child.IsReadOnly() }

// WithChildren implements sql.Node.
func (c *insertConversion) WithChildren(_ *sql.Context, children ...sql.Node) (sql.Node, error) {
	if len(children) != 1 {
		return nil, sql.ErrInvalidChildrenNumber.New(c, len(children), 1)
	}
	nc := *c
	nc.Child = children[0]
	return &nc, nil
}

// buildInsertConversion is the iterator of an insertConversion.
func (b *priorityBuilder) buildInsertConversion(ctx *sql.Context, c *insertConversion, r sql.Row) (sql.RowIter, error) {
	child, err := b.base.Build(ctx, c.Child, r)
	if err != nil {
		return nil, err
	}
	sess, _ := ctx.Session.(*Session)
	return &insertConversionIter{c: c, child: child, sess: sess}, nil
}

// insertConversionIter converts each source row; row counts them from 1 for the warnings.
type insertConversionIter struct {
	c     *insertConversion
	child sql.RowIter
	sess  *Session
	row   int
	// fail is the error the row fails with, when convert knows it better than GMS.
	fail error
}

// Next implements sql.RowIter.
func (it *insertConversionIter) Next(ctx *sql.Context) (sql.Row, error) {
	if it.row == 0 && !it.c.lenient(1) && !it.c.loadData {
		// In a strict statement MariaDB fails on a column left out without a default before
		// it computes a row (whose DEFAULT expressions may take sequence values).
		for i, col := range it.c.schema {
			if it.c.noDefault[i] {
				return nil, mariaErr(sequences.ErrNoDefaultForField, col.Name)
			}
		}
	}
	r, err := it.child.Next(ctx)
	if it.sess != nil && len(it.sess.seqDefer.pending) > 0 {
		// A value of the row failed (seqscope.go); so does the row, with its 1048s as the
		// row's strictness makes them.
		level := "Error"
		if it.c.lenient(it.row + 1) {
			level = "Warning"
		}
		if err == io.EOF {
			err = nil
		}
		return nil, seqFailure(ctx, it.sess.seqDefer.take(0), err, level)
	}
	if err == io.EOF && it.c.loadData && it.sess != nil && it.sess.okInfo != nil && it.sess.okInfo.kind == okLoad {
		it.sess.okInfo.values = it.row
	}
	if err != nil {
		return r, err
	}
	it.row++
	c := it.c
	off := len(r) - len(c.schema)
	if off < 0 {
		return r, nil
	}
	lenient := c.lenient(it.row)
	if lenient && it.row == 1 {
		// MariaDB checks the columns left out before the first row.
		for i, col := range c.schema {
			if c.noDefault[i] {
				it.warn(ctx, "Warning", sequences.ErrNoDefaultForField, col.Name)
			}
		}
	}
	var out sql.Row
	for i, col := range c.schema {
		v := r[off+i]
		if v == nil && c.noDefault[i] && lenient {
			// Left out without a default: the implicit default, warned about above.
			if out == nil {
				out = make(sql.Row, len(r))
				copy(out, r)
			}
			out[off+i] = col.Type.Zero()
			continue
		}
		if cell := c.defaultCell(it.row, i); v == nil && (cell == firstMemberCell || cell == implicitCell && lenient) {
			// DEFAULT for a column without one: the implicit default, with warning 1364 but
			// for an ENUM (its first member).
			if out == nil {
				out = make(sql.Row, len(r))
				copy(out, r)
			}
			if cell == firstMemberCell {
				out[off+i] = uint16(1)
				continue
			}
			it.warn(ctx, "Warning", sequences.ErrNoDefaultForField, col.Name)
			out[off+i] = col.Type.Zero()
			continue
		}
		nv, changed, goOn := it.convert(ctx, col, v, lenient)
		if changed {
			if out == nil {
				out = make(sql.Row, len(r))
				copy(out, r)
			}
			out[off+i] = nv
		}
		if !goOn {
			if err := it.fail; err != nil {
				it.fail = nil
				return nil, err
			}
			break
		}
	}
	if out == nil {
		return r, nil
	}
	return out, nil
}

// explicit reports whether the INSERT's column list names col.
func (it *insertConversionIter) explicit(col *sql.Column) bool {
	for i, c := range it.c.schema {
		if c == col {
			return it.c.explicit != nil && it.c.explicit[i]
		}
	}
	return false
}

// lenient reports whether row (counted from 1) is not strict: a bad value in it is converted
// with a warning.
func (c *insertConversion) lenient(row int) bool {
	return c.strictRows == 0 || (c.strictRows > 0 && row > c.strictRows)
}

// Close implements sql.RowIter.
func (it *insertConversionIter) Close(ctx *sql.Context) error { return it.child.Close(ctx) }

var _ sql.RowIter = (*insertConversionIter)(nil)
