package sqlengine

import (
	"slices"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/analyzer"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"
	"github.com/dolthub/vitess/go/mysql"

	"github.com/seqd/seqd/sequences"
)

// ALTER TABLE and AUTO_INCREMENT, as MariaDB copies a table: rows are copied in the table's
// order; a NULL (or, unless NO_AUTO_VALUE_ON_ZERO, a 0) in the AUTO_INCREMENT column gets the
// next value of a counter that starts at the table's AUTO_INCREMENT, and explicit values move
// that counter past them. A 0 already in an AUTO_INCREMENT column that stays one is kept. A
// duplicate in a primary key led by the column fails with ER_DUP_ENTRY's number and
// ER_DUP_ENTRY_AUTOINCREMENT_CASE's text. MODIFY/CHANGE ... AUTO_INCREMENT may key the column
// in the same statement (a PRIMARY KEY attribute, ADD PRIMARY KEY, ADD INDEX).

// autoRewrite numbers the AUTO_INCREMENT column while a table is rewritten.
type autoRewrite struct {
	next     uint64
	keepZero bool // the column was AUTO_INCREMENT already: a 0 (read as NULL) stays 0
}

// startAutoRewrite prepares the numbering of a rewrite of t that changes oldCol into newCol
// (nil, nil when no column changes; oldCol nil when newCol is added).
func (t *Table) startAutoRewrite(ctx *sql.Context, oldCol, newCol *sql.Column) error {
	t.rewrite = &autoRewrite{next: 1}
	if t.meta.autoIncOrd < 0 {
		return nil
	}
	_, s, err := t.lockedState(ctx)
	if err != nil {
		return err
	}
	t.rewrite.next = s.next
	s.mu.Unlock()
	// The column keeps its zeros when it stays the AUTO_INCREMENT column.
	changed := oldCol != nil && strings.EqualFold(oldCol.Name, t.sch[t.meta.autoIncOrd].Name)
	t.rewrite.keepZero = !changed || newCol != nil && newCol.AutoIncrement
	return nil
}

// nextValue is GetNextAutoIncrementValue during a rewrite.
func (r *autoRewrite) nextValue(ctx *sql.Context, given any) uint64 {
	inc, off := incrementSettings(ctx)
	if given != nil {
		v, ok := explicitAutoValue(ctx, given)
		if ok && v >= r.next {
			r.next = nextAfter(v, inc, off)
		}
		return v
	}
	if r.keepZero {
		return 0
	}
	v, _ := alignUp(r.next, inc, off)
	r.next = nextAfter(v, 1, 1)
	return v
}

// Insert implements sql.RowInserter for a rewrite.
func (r *rewriter) Insert(ctx *sql.Context, row sql.Row) error {
	err := r.editor.Insert(ctx, row)
	m := r.t.meta
	if err != nil && sql.ErrPrimaryKeyViolation.Is(err) && m.autoIncOrd >= 0 && len(m.pk) > 0 && m.pk[0].ord == m.autoIncOrd {
		vals := make([]string, len(m.pk))
		for i, p := range m.pk {
			vals[i] = displayValue(ctx, p.typ, row[p.ord])
		}
		msg := sequences.ErrDupEntryAutoincrementCase.New(strings.Join(vals, "-"), "PRIMARY").Message
		return mysql.NewSQLError(sequences.ErrDupEntry.Code, sequences.ErrDupEntry.State, "%s", msg)
	}
	return err
}

// DiscardChanges implements sql.EditOpenerCloser for a rewrite: the failed rewrite is not
// installed when GMS closes it.
func (r *rewriter) DiscardChanges(ctx *sql.Context, err error) error {
	r.failed = true
	return r.editor.DiscardChanges(ctx, err)
}

// wrapAlterValidation lets MODIFY/CHANGE make a column AUTO_INCREMENT when the same ALTER
// TABLE keys it: GMS checks each clause on its own and fails with 1075.
func wrapAlterValidation(a *analyzer.Analyzer) {
	for _, b := range a.Batches {
		b.Rules = slices.Clone(b.Rules) // the builder's slices are GMS's package-level ones
		for i, r := range b.Rules {
			if id := r.Id.String(); id != "validateAlterTable" && id != "ResolveAlterColumn" {
				continue
			}
			orig := r.Apply
			b.Rules[i].Apply = func(ctx *sql.Context, a *analyzer.Analyzer, n sql.Node, scope *plan.Scope, sel analyzer.RuleSelector, qf *sql.QueryFlags) (sql.Node, transform.TreeIdentity, error) {
				cols := autoColumnsKeyedByAlter(n)
				for _, c := range cols {
					c.AutoIncrement = false
				}
				defer func() {
					for _, c := range cols {
						c.AutoIncrement = true
					}
				}()
				return orig(ctx, a, n, scope, sel, qf)
			}
		}
	}
}

// autoColumnsKeyedByAlter returns the new AUTO_INCREMENT columns of MODIFY/CHANGE clauses that
// the statement keys: with a PRIMARY KEY attribute, or in an added primary key or index.
func autoColumnsKeyedByAlter(n sql.Node) []*sql.Column {
	var mods []*sql.Column
	keyed := map[string]bool{}
	transform.Inspect(n, func(n sql.Node) bool {
		switch n := n.(type) {
		case *plan.ModifyColumn:
			if c := n.NewColumn(); c.AutoIncrement {
				mods = append(mods, c)
			}
		case *plan.AlterPK:
			if n.Action == plan.PrimaryKeyAction_Create {
				for _, c := range n.Columns {
					keyed[strings.ToLower(c.Name)] = true
				}
			}
		case *plan.AlterIndex:
			if n.Action == plan.IndexAction_Create {
				for _, c := range n.Columns {
					keyed[strings.ToLower(c.Name)] = true
				}
			}
		}
		return true
	})
	var out []*sql.Column
	for _, c := range mods {
		if c.PrimaryKey || keyed[strings.ToLower(c.Name)] {
			out = append(out, c)
		}
	}
	return out
}
