package sqlengine

import (
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/analyzer"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"
	"github.com/dolthub/go-mysql-server/sql/types"

	"github.com/seqd/seqd/functions"
)

// seqSortRuleID names seqSortRule among the analyzer's rules; it is past GMS's own ids.
const seqSortRuleID analyzer.RuleId = 10_001

// seqSortRule makes ORDER BY over the sequence functions (NEXT VALUE FOR, PREVIOUS VALUE
// FOR, SETVAL) take as many values as MariaDB does.
//
// MariaDB drops an ORDER BY element that depends on no table (remove_const): ORDER BY 1 when
// the first select item is NEXT VALUE FOR s, ORDER BY an alias of it, ORDER BY PREVIOUS VALUE
// FOR s. The rows then come in scan order and the select list takes one value per row. GMS
// instead sorts on such an element, evaluating it on every comparison, and evaluates the
// select item once more for the output: a three-row SELECT NEXT VALUE FOR s FROM t ORDER BY 1
// takes nine values or more where MariaDB takes three. The rule removes those sort keys (a
// sort left without keys goes; a TopN becomes a Limit) and, where GMS computes an aliased
// select item in a projection below the sort and again in the projection above it, keeps
// only the upper evaluation, which runs after the sort, once per row, as MariaDB's select
// list does.
func seqSortRule(ctx *sql.Context, _ *analyzer.Analyzer, n sql.Node, _ *plan.Scope, _ analyzer.RuleSelector, _ *sql.QueryFlags) (sql.Node, transform.TreeIdentity, error) {
	if !hasSeqFunction(ctx, n) {
		return n, transform.SameTree, nil
	}
	return transform.Node(ctx, n, func(ctx *sql.Context, n sql.Node) (sql.Node, transform.TreeIdentity, error) {
		switch n := n.(type) {
		case *plan.Sort:
			keep, changed := keepSortKeys(ctx, n.SortConditions, n.Child)
			switch {
			case !changed:
				return n, transform.SameTree, nil
			case len(keep) == 0:
				return n.Child, transform.NewTree, nil
			}
			return plan.NewSort(keep, n.Child), transform.NewTree, nil
		case *plan.TopN:
			keep, changed := keepSortKeys(ctx, n.SortConditions, n.Child)
			switch {
			case !changed:
				return n, transform.SameTree, nil
			case len(keep) == 0:
				l := plan.NewLimit(n.Limit, n.Child)
				l.CalcFoundRows = n.CalcFoundRows
				return l, transform.NewTree, nil
			}
			return plan.NewTopN(keep, n.Limit, n.Child).WithCalcFoundRows(n.CalcFoundRows), transform.NewTree, nil
		case *plan.Project:
			return dropInnerSeqEvaluations(ctx, n)
		}
		return n, transform.SameTree, nil
	})
}

// hasSeqFunction reports whether a plan calls a sequence function anywhere.
func hasSeqFunction(ctx *sql.Context, n sql.Node) bool {
	found := false
	transform.InspectExpressions(ctx, n, func(ctx *sql.Context, e sql.Expression) bool {
		if isSeqFunction(e) {
			found = true
		}
		return !found
	})
	return found
}

func isSeqFunction(e sql.Expression) bool {
	switch e.(type) {
	case *functions.NextVal, *functions.LastVal, *functions.SetVal:
		return true
	}
	return false
}

// keepSortKeys returns the sort keys MariaDB keeps: all but those calling a sequence
// function and depending on no table, directly or through a column of the projection
// below the sort.
func keepSortKeys(ctx *sql.Context, conds sql.SortConditions, child sql.Node) (sql.SortConditions, bool) {
	inner, _ := child.(*plan.Project)
	var keep sql.SortConditions
	for _, c := range conds {
		if seqWithoutTables(ctx, c.Expr, inner) {
			continue
		}
		keep = append(keep, c)
	}
	return keep, len(keep) != len(conds)
}

// seqWithoutTables reports whether e calls a sequence function and reads no column, no
// subquery and no aggregate. A column of inner, the projection e is evaluated over, counts
// as its expression.
func seqWithoutTables(ctx *sql.Context, e sql.Expression, inner *plan.Project) bool {
	seq, tables := false, false
	transform.InspectExpr(ctx, e, func(ctx *sql.Context, e sql.Expression) bool {
		switch e := e.(type) {
		case *functions.NextVal, *functions.LastVal, *functions.SetVal:
			seq = true
		case *expression.GetField:
			if p := innerExpr(inner, e); p != nil && seqWithoutTables(ctx, p, nil) {
				seq = true
			} else {
				tables = true
			}
		case *plan.Subquery, sql.Aggregation, sql.WindowAdaptableExpression:
			tables = true
		}
		return tables
	})
	return seq && !tables
}

// innerExpr returns the expression of inner that gf reads, or nil.
func innerExpr(inner *plan.Project, gf *expression.GetField) sql.Expression {
	if inner == nil || gf.Index() < 0 || gf.Index() >= len(inner.Projections) {
		return nil
	}
	p := inner.Projections[gf.Index()]
	if nm, ok := p.(sql.Nameable); !ok || nm.Name() != gf.Name() {
		return nil
	}
	return p
}

// dropInnerSeqEvaluations handles a projection p over an optional Sort or TopN over another
// projection: an aliased select item calling a sequence function that GMS computes in both
// projections, and that no remaining sort key reads, is computed only in p (the lower
// projection keeps a NULL in its place, so no column index moves).
func dropInnerSeqEvaluations(ctx *sql.Context, p *plan.Project) (sql.Node, transform.TreeIdentity, error) {
	var keys sql.SortConditions
	mid := p.Child
	switch s := mid.(type) {
	case *plan.Sort:
		keys, mid = s.SortConditions, s.Child
	case *plan.TopN:
		keys, mid = s.SortConditions, s.Child
	}
	inner, ok := mid.(*plan.Project)
	if !ok {
		return p, transform.SameTree, nil
	}
	read := map[int]bool{}
	for _, k := range keys {
		transform.InspectExpr(ctx, k.Expr, func(ctx *sql.Context, e sql.Expression) bool {
			if gf, ok := e.(*expression.GetField); ok {
				read[gf.Index()] = true
			}
			return false
		})
	}
	var exprs []sql.Expression
	for _, outer := range p.Projections {
		a, ok := outer.(*expression.Alias)
		if !ok || !hasSeqCall(ctx, a.Child) {
			continue
		}
		for i, e := range inner.Projections {
			ia, ok := e.(*expression.Alias)
			if !ok || read[i] || ia.Name() != a.Name() || ia.Child.String() != a.Child.String() {
				continue
			}
			if exprs == nil {
				exprs = append([]sql.Expression(nil), inner.Projections...)
			}
			exprs[i] = expression.NewAlias(ctx, ia.Name(), expression.NewLiteral(nil, types.Null))
		}
	}
	if exprs == nil {
		return p, transform.SameTree, nil
	}
	newInner, err := inner.WithExpressions(ctx, exprs...)
	if err != nil {
		return nil, transform.SameTree, err
	}
	var child sql.Node = newInner
	if p.Child != mid {
		if child, err = p.Child.WithChildren(ctx, newInner); err != nil {
			return nil, transform.SameTree, err
		}
	}
	n, err := p.WithChildren(ctx, child)
	if err != nil {
		return nil, transform.SameTree, err
	}
	return n, transform.NewTree, nil
}

// hasSeqCall reports whether e calls a sequence function.
func hasSeqCall(ctx *sql.Context, e sql.Expression) bool {
	return transform.InspectExpr(ctx, e, func(_ *sql.Context, e sql.Expression) bool { return isSeqFunction(e) })
}
