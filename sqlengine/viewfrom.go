package sqlengine

import (
	"fmt"
	"strings"
	"unicode/utf8"

	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
)

// FROM clauses and column names of view definitions (see viewresolve.go).

// tableExpr resolves one element of a FROM clause, adding its tables to sc. The ON conditions
// it meets are appended to ons: MariaDB resolves them after WHERE.
func (r *viewResolver) tableExpr(te ast.TableExpr, sc *viewScope, ons *[]ast.Expr) error {
	switch te := te.(type) {
	case *ast.AliasedTableExpr:
		src, err := r.aliasedTable(te)
		if err != nil {
			return err
		}
		for _, other := range sc.sources {
			if other.name == src.name && (!other.plain || !src.plain || other.db == src.db) {
				return mariaErr(sequences.ErrNonUniqTable, src.name)
			}
		}
		sc.sources = append(sc.sources, src)
		r.sources[te] = src
	case *ast.ParenTableExpr:
		for _, x := range te.Exprs {
			if err := r.tableExpr(x, sc, ons); err != nil {
				return err
			}
		}
	case *ast.JoinTableExpr:
		return r.join(te, sc, ons)
	default:
		return mariaErr(sequences.ErrNotSupportedYet, "this table expression in a view")
	}
	return nil
}

// join resolves a join: USING and NATURAL become ON conditions (the merged columns taken from
// the left table, or the right one of a RIGHT JOIN), and a RIGHT JOIN becomes a LEFT JOIN with
// its operands swapped, as MariaDB's parser does.
func (r *viewResolver) join(te *ast.JoinTableExpr, sc *viewScope, ons *[]ast.Expr) error {
	first := len(sc.sources)
	if err := r.tableExpr(te.LeftExpr, sc, ons); err != nil {
		return err
	}
	mid := len(sc.sources)
	if err := r.tableExpr(te.RightExpr, sc, ons); err != nil {
		return err
	}
	left, right := sc.sources[first:mid], sc.sources[mid:]
	kind := strings.ToLower(te.Join)
	natural := strings.HasPrefix(kind, "natural ")
	kind = strings.TrimPrefix(kind, "natural ")
	kind = strings.Replace(kind, " outer", "", 1)
	if kind == "full join" {
		return mariaErr(sequences.ErrNotSupportedYet, "FULL JOIN")
	}
	rightJoin := kind == "right join"
	var using []string
	switch {
	case natural:
		using = commonColumns(left, right)
	case len(te.Condition.Using) > 0:
		for _, c := range te.Condition.Using {
			using = append(using, c.String())
		}
	}
	if natural || len(using) > 0 {
		on, err := usingCondition(using, left, right, rightJoin)
		if err != nil {
			return err
		}
		te.Condition = ast.JoinCondition{On: on}
		r.joins[te] = using
	} else if te.Condition.On != nil {
		*ons = append(*ons, te.Condition.On)
	}
	switch kind {
	case "left join", "right join":
		te.Join = ast.LeftJoinStr
	case ast.StraightJoinStr:
		te.Join = ast.StraightJoinStr
	default:
		te.Join = ast.JoinStr
	}
	if rightJoin {
		te.LeftExpr, te.RightExpr = te.RightExpr, te.LeftExpr
	}
	return nil
}

// commonColumns lists the columns both sides of a NATURAL join have, in the left side's order.
func commonColumns(left, right []*viewSource) []string {
	var out []string
	for _, l := range left {
		for _, c := range l.cols {
			if l.hidden[strings.ToLower(c)] {
				continue
			}
			if _, ok := visibleColumn(right, c); ok {
				out = append(out, c)
			}
		}
	}
	return out
}

// visibleColumn finds the table of sources that has column c for unqualified references.
func visibleColumn(sources []*viewSource, c string) (*viewSource, bool) {
	for _, s := range sources {
		if _, ok := s.column(c); ok && !s.hidden[strings.ToLower(c)] {
			return s, true
		}
	}
	return nil, false
}

// usingCondition builds the ON condition of JOIN ... USING (cols) and hides the merged columns
// of the side that does not supply them.
func usingCondition(using []string, left, right []*viewSource, rightJoin bool) (ast.Expr, error) {
	var on ast.Expr
	for _, c := range using {
		l, okL := visibleColumn(left, c)
		rt, okR := visibleColumn(right, c)
		if !okL || !okR {
			return nil, mariaErr(sequences.ErrBadField, c, "from clause")
		}
		lc, _ := l.column(c)
		rc, _ := rt.column(c)
		eq := &ast.ComparisonExpr{Operator: ast.EqualStr,
			Left:  &ast.ColName{Qualifier: l.qualifier(), Name: ast.NewColIdent(lc)},
			Right: &ast.ColName{Qualifier: rt.qualifier(), Name: ast.NewColIdent(rc)}}
		if on == nil {
			on = eq
		} else {
			on = &ast.AndExpr{Left: on, Right: eq}
		}
		loser := rt
		if rightJoin {
			loser = l
		}
		if loser.hidden == nil {
			loser.hidden = map[string]bool{}
		}
		loser.hidden[strings.ToLower(c)] = true
	}
	return on, nil
}

// aliasedTable resolves a table, view, sequence, common table expression or derived table.
func (r *viewResolver) aliasedTable(te *ast.AliasedTableExpr) (*viewSource, error) {
	switch e := te.Expr.(type) {
	case ast.TableName:
		src, err := r.namedTable(e, te.As.String())
		if err == nil && src.db != "" {
			te.Expr = ast.TableName{DbQualifier: ast.NewTableIdent(src.db), Name: e.Name}
		}
		return src, err
	case *ast.Subquery:
		if te.As.IsEmpty() {
			return nil, mariaErr(sequences.ErrDerivedMustHaveAlias)
		}
		cols, err := r.derived(e.Select, e.Columns)
		if err != nil {
			return nil, err
		}
		return &viewSource{name: te.As.String(), cols: cols}, nil
	}
	return nil, mariaErr(sequences.ErrNotSupportedYet, "this table expression in a view")
}

// derived resolves a derived table or common table expression and returns its column names.
func (r *viewResolver) derived(s ast.SelectStatement, columns ast.Columns) ([]string, error) {
	parts, err := r.statement(s, nil)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, c := range columns {
		names = append(names, c.String())
	}
	return nameItems(parts, names, false)
}

// namedTable resolves a table name in FROM.
func (r *viewResolver) namedTable(tn ast.TableName, alias string) (*viewSource, error) {
	name, db := tn.Name.String(), tn.DbQualifier.String()
	if db == "" {
		if cte := r.cte(name); cte != nil {
			src := *cte
			if alias != "" {
				src.name = alias
			}
			return &src, nil
		}
		if db = r.curDB; db == "" {
			return nil, mariaErr(sequences.ErrNoDB)
		}
	}
	if r.srv.sessionTemp(r.ctx).has(db, name) {
		return nil, mariaErr(sequences.ErrViewSelectTmptable, name)
	}
	cols, isView, err := r.srv.objectColumns(r.ctx, db, name)
	if err != nil {
		return nil, err
	}
	r.tables = append(r.tables, objectName{db, name})
	src := &viewSource{name: name, db: db, table: name, cols: cols, plain: !isView && alias == ""}
	if alias != "" {
		src.name = alias
	}
	return src, nil
}

// pushCTEs resolves the common table expressions of a WITH clause and makes their names visible
// until the returned function is called.
func (r *viewResolver) pushCTEs(w *ast.With) (func(), error) {
	if w == nil || len(w.Ctes) == 0 {
		return func() {}, nil
	}
	if w.Recursive {
		return nil, mariaErr(sequences.ErrNotSupportedYet, "WITH RECURSIVE in a view")
	}
	level := map[string]*viewSource{}
	r.ctes = append(r.ctes, level)
	pop := func() { r.ctes = r.ctes[:len(r.ctes)-1] }
	for _, cte := range w.Ctes {
		sq, ok := cte.Expr.(*ast.Subquery)
		if !ok {
			pop()
			return nil, mariaErr(sequences.ErrNotSupportedYet, "this WITH clause in a view")
		}
		cols, err := r.derived(sq.Select, cte.Columns)
		if err != nil {
			pop()
			return nil, err
		}
		name := cte.As.String()
		level[name] = &viewSource{name: name, cols: cols}
	}
	return pop, nil
}

func (r *viewResolver) cte(name string) *viewSource {
	for i := len(r.ctes) - 1; i >= 0; i-- {
		if s, ok := r.ctes[i][name]; ok {
			return s
		}
	}
	return nil
}

// nameItems names the items of each SELECT of a view (view) or derived table and sets the
// aliases viewPrinter prints; it returns the column names. A view's column list renames the
// first SELECT's items; then, for a view, names MariaDB cannot use as column names become
// Name_exp_<n> (make_valid_column_names), and duplicate names are made unique as
// My_exp_<name> where MariaDB's check_duplicate_names allows it.
func nameItems(parts [][]*viewItem, columns []string, view bool) ([]string, error) {
	if len(parts) == 0 {
		return nil, nil
	}
	first := parts[0]
	if len(columns) > 0 {
		if len(columns) != len(first) {
			if view {
				return nil, mariaErr(sequences.ErrViewWrongList)
			}
			return nil, mariaErr(sequences.ErrWrongNumberOfColumnsInSelect)
		}
		for i, c := range columns {
			first[i].name, first[i].explicit = c, true
		}
	}
	if view {
		for _, part := range parts {
			for i, it := range part {
				if !it.explicit && !it.field && badColumnName(it.name) {
					it.orig = it.name
					it.name = fmt.Sprintf("Name_exp_%d", i+1)
				}
			}
		}
	}
	if err := uniqueNames(first, view); err != nil {
		return nil, err
	}
	for _, part := range parts {
		for _, it := range part {
			it.ae.As = ast.NewColIdent(it.name)
		}
	}
	names := make([]string, len(first))
	for i, it := range first {
		names[i] = it.name
	}
	return names, nil
}

// badColumnName is MariaDB's check_column_name: empty, longer than 64 characters, or ending in
// a space.
func badColumnName(name string) bool {
	return name == "" || utf8.RuneCountInString(name) > 64 || strings.HasSuffix(name, " ")
}

// uniqueNames is check_duplicate_names: a duplicate of a column reference or an explicit name
// is error 1060, other duplicates are renamed (for a view) or an error (derived table).
func uniqueNames(items []*viewItem, rename bool) error {
	for i, it := range items {
		for j := 0; j < i; j++ {
			check := items[j]
			if !strings.EqualFold(it.name, check.name) {
				continue
			}
			switch {
			case !rename:
				return mariaErr(sequences.ErrDupFieldName, it.name)
			case !it.explicit && !it.field:
				makeUniqueName(it, items, i)
			case !check.explicit && !check.field:
				makeUniqueName(check, items, i)
			default:
				return mariaErr(sequences.ErrDupFieldName, it.name)
			}
		}
	}
	return nil
}

// makeUniqueName is make_unique_view_field_name: My_exp_<name>, then My_exp_<n>_<name>, until
// no other item up to items[last] has the name.
func makeUniqueName(target *viewItem, items []*viewItem, last int) {
	base := target.name
	if target.orig != "" {
		base = target.orig
	}
	for attempt := 0; ; attempt++ {
		name := "My_exp_" + base
		if attempt > 0 {
			name = fmt.Sprintf("My_exp_%d_%s", attempt, base)
		}
		taken := false
		for k := 0; k <= last && k < len(items); k++ {
			if items[k] != target && strings.EqualFold(items[k].name, name) {
				taken = true
				break
			}
		}
		if !taken {
			target.orig, target.name = target.name, name
			return
		}
	}
}
