package sqlengine

import (
	"fmt"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/analyzer"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"
)

// showLikeRuleID names showTablesLikeRule among the analyzer's rules.
const showLikeRuleID analyzer.RuleId = 10_002

// showTablesLikeRule names the first column of SHOW [FULL] TABLES LIKE 'pattern' as MariaDB
// does, "Tables_in_db (pattern)": GMS plans the LIKE as a filter over SHOW TABLES, which
// keeps the plain "Tables_in_db". It runs before GMS's rules, which turn the LIKE into a
// range, and replaces the SHOW TABLES under the filter by a showTablesLike.
func showTablesLikeRule(ctx *sql.Context, _ *analyzer.Analyzer, n sql.Node, _ *plan.Scope, _ analyzer.RuleSelector, _ *sql.QueryFlags) (sql.Node, transform.TreeIdentity, error) {
	return transform.Node(ctx, n, func(ctx *sql.Context, n sql.Node) (sql.Node, transform.TreeIdentity, error) {
		f, ok := n.(*plan.Filter)
		if !ok {
			return n, transform.SameTree, nil
		}
		st, ok := f.Child.(*plan.ShowTables)
		if !ok {
			return n, transform.SameTree, nil
		}
		like, ok := f.Expression.(*expression.Like)
		if !ok {
			return n, transform.SameTree, nil
		}
		lit, ok := like.Right().(*expression.Literal)
		if !ok {
			return n, transform.SameTree, nil
		}
		pattern, ok := lit.Value().(string)
		if !ok {
			return n, transform.SameTree, nil
		}
		col := fmt.Sprintf("Tables_in_%s (%s)", st.Database().Name(), pattern)
		nf, err := f.WithChildren(ctx, &showTablesLike{ShowTables: st, column: col})
		if err != nil {
			return nil, transform.SameTree, err
		}
		return nf, transform.NewTree, nil
	})
}

// showTablesLike is SHOW TABLES under a LIKE filter: the same rows (Server.showTables), the
// first column named after the pattern.
type showTablesLike struct {
	*plan.ShowTables
	column string
}

var _ sql.Node = (*showTablesLike)(nil)

// Schema implements sql.Node.
func (s *showTablesLike) Schema(ctx *sql.Context) sql.Schema {
	sch := s.ShowTables.Schema(ctx).Copy()
	sch[0].Name = s.column
	return sch
}

// WithChildren implements sql.Node.
func (s *showTablesLike) WithChildren(_ *sql.Context, children ...sql.Node) (sql.Node, error) {
	if len(children) != 0 {
		return nil, sql.ErrInvalidChildrenNumber.New(s, len(children), 0)
	}
	return s, nil
}
