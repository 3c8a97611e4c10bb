package sqlengine

import (
	"strconv"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/plan"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/storage"
)

// explainedQuery is what EXPLAIN tells about a statement.
type explainedQuery struct {
	selectType      string // SIMPLE, INSERT
	tables          []*explainedTable
	impossible      bool          // the WHERE is always false ("Impossible WHERE")
	impossibleConst bool          // a const or system table's row fails the WHERE
	optimizedAway   bool          // aggregates answered without reading the table
	sorted          bool          // the plan sorts (ORDER BY)
	stmt            ast.Statement // the statement as vitess parses it, without seqd's patches; may be nil
}

// explainedTable is one table of the query.
type explainedTable struct {
	name   string // as the query names it (its alias, if any)
	def    *storage.TableDef
	sch    sql.Schema
	filter sql.Expression // the WHERE condition applied right above the table, if any
	where  bool           // rows are filtered ("Using where")
	access string         // system, const, index, ALL
	rows   int64          // -1: NULL
	key    string         // for const and index: the index read
	keyLen int            // for const and index: MariaDB's key_len
	keyN   int            // for const: number of key parts
	row    sql.Row        // the row of a system or const table
}

// explainPlan inspects the analyzed plan of the explained statement.
func (s *Server) explainPlan(ctx *sql.Context, node sql.Node, stmt ast.Statement) (*explainedQuery, error) {
	q := &explainedQuery{selectType: "SIMPLE", stmt: stmt}
	if ins, ok := node.(*plan.InsertInto); ok {
		q.selectType = "INSERT"
		node = ins.Destination
	}
	q.walk(node, "", nil)
	for _, t := range q.tables {
		if err := s.explainTable(ctx, q, t); err != nil {
			return nil, err
		}
	}
	// MariaDB reads const and system tables first.
	var first, rest []*explainedTable
	for _, t := range q.tables {
		if t.access == "system" || t.access == "const" {
			first = append(first, t)
		} else {
			rest = append(rest, t)
		}
	}
	q.tables = append(first, rest...)
	return q, nil
}

// walk collects the tables under n; filter is the condition of a Filter right above.
func (q *explainedQuery) walk(n sql.Node, alias string, filter sql.Expression) {
	switch n := n.(type) {
	case *plan.TableAlias:
		q.walk(n.Child, n.Name(), filter)
		return
	case *plan.Filter:
		q.walk(n.Child, alias, n.Expression)
		return
	case *plan.Sort, *plan.TopN:
		q.sorted = true
	case *plan.EmptyTable:
		q.impossible = true
		return
	case *plan.IndexedTableAccess:
		q.addTable(n.TableNode, n.UnderlyingTable(), alias, filter, true)
		return
	case *plan.ResolvedTable:
		if !plan.IsDualTable(n) {
			q.addTable(n, n.UnderlyingTable(), alias, filter, filter != nil)
		}
		return
	}
	for _, c := range n.Children() {
		q.walk(c, alias, nil)
	}
}

func (q *explainedQuery) addTable(tn sql.TableNode, t sql.Table, alias string, filter sql.Expression, where bool) {
	name := alias
	if name == "" {
		name = tn.Name()
	}
	et := &explainedTable{name: name, access: "ALL", rows: -1, filter: filter, where: where}
	switch t := t.(type) {
	case *Table:
		et.def, et.sch = t.meta.def, t.sch
	case *sequenceTable:
		et.def, et.sch = t.meta.def, t.sch
	}
	q.tables = append(q.tables, et)
}

// explainTable decides a table's access type and row estimate.
func (s *Server) explainTable(ctx *sql.Context, q *explainedQuery, t *explainedTable) error {
	if t.def == nil || q.selectType == "INSERT" {
		return nil
	}
	if t.def.Sequence {
		seq, err := s.seqs.Open(t.def.ID, t.def.DB, t.def.Name)
		if err != nil {
			return sqlErr(err)
		}
		t.access, t.rows, t.row = "system", 1, stateRow(seq.State())
		return q.checkConstRow(ctx, t)
	}
	txn, err := txnOf(ctx)
	if err != nil {
		return err
	}
	rows, err := tableRows(ctx, txn, t.def.ID, t.sch, 2)
	if err != nil {
		return err
	}
	if exactRowCount(t.def.Engine) && len(rows) <= 1 {
		t.access, t.rows = "system", int64(len(rows))
		if len(rows) == 1 {
			t.row = rows[0]
		}
		return q.checkConstRow(ctx, t)
	}
	if t.rows, err = countTableRows(txn, t.def.ID); err != nil {
		return err
	}
	if t.rows == 0 && t.def.Engine == "InnoDB" {
		t.rows = 1 // InnoDB never estimates 0
	}
	if q.answersFromMetadata(t) {
		q.optimizedAway = true
		return nil
	}
	if key, n, ok := q.coveringIndex(t); ok {
		t.access, t.key, t.keyLen = "index", key, n
		return nil
	}
	return q.constPrimaryKey(ctx, txn, t)
}

// exactRowCount reports whether an engine knows its row count, so that MariaDB reads a table
// of at most one row as a constant (type system).
func exactRowCount(engine string) bool {
	return engine == "MyISAM" || engine == "Aria" || engine == "MEMORY"
}

// checkConstRow evaluates the condition above a system table on its row.
func (q *explainedQuery) checkConstRow(ctx *sql.Context, t *explainedTable) error {
	t.where = false
	if t.filter == nil || len(q.tables) != 1 {
		return nil
	}
	if t.row == nil {
		return nil
	}
	ok, err := sql.EvaluateCondition(ctx, t.filter, t.row)
	if err != nil {
		return nil
	}
	if !sql.IsTrue(ok) {
		q.impossibleConst = true
	}
	return nil
}

// constPrimaryKey makes t const when the WHERE of a single-table query is equalities of
// constants to every column of t's integer primary key, and reads the row.
func (q *explainedQuery) constPrimaryKey(ctx *sql.Context, txn *storage.Txn, t *explainedTable) error {
	sel, ok := q.stmt.(*ast.Select)
	if !ok || len(q.tables) != 1 || sel.Where == nil || len(t.def.PrimaryKey) == 0 {
		return nil
	}
	eq := map[string]*ast.SQLVal{}
	if !collectEqualities(sel.Where.Expr, eq) || len(eq) != len(t.def.PrimaryKey) {
		return nil
	}
	keyLen, ok := keyLength(t.def, t.def.PrimaryKey)
	if !ok {
		return nil
	}
	want := make(map[int]*ast.SQLVal, len(eq))
	for _, pk := range t.def.PrimaryKey {
		v, ok := eq[strings.ToLower(pk.Name)]
		idx := t.sch.IndexOfColName(pk.Name)
		if !ok || idx < 0 {
			return nil
		}
		want[idx] = v
	}
	rows, err := tableRows(ctx, txn, t.def.ID, t.sch, -1)
	if err != nil {
		return err
	}
	t.access, t.rows, t.key, t.keyLen, t.keyN, t.where = "const", 1, "PRIMARY", keyLen, len(want), false
	for _, r := range rows {
		if rowMatches(ctx, t.sch, r, want) {
			t.row = r
			return nil
		}
	}
	q.impossibleConst = true
	return nil
}

// collectEqualities gathers column = literal conditions joined by AND; false if e has other
// conditions.
func collectEqualities(e ast.Expr, out map[string]*ast.SQLVal) bool {
	switch e := e.(type) {
	case *ast.ParenExpr:
		return collectEqualities(e.Expr, out)
	case *ast.AndExpr:
		return collectEqualities(e.Left, out) && collectEqualities(e.Right, out)
	case *ast.ComparisonExpr:
		if e.Operator != ast.EqualStr {
			return false
		}
		col, lok := e.Left.(*ast.ColName)
		val, rok := e.Right.(*ast.SQLVal)
		if !lok || !rok {
			col, lok = e.Right.(*ast.ColName)
			val, rok = e.Left.(*ast.SQLVal)
		}
		if !lok || !rok || val.Type != ast.IntVal {
			return false
		}
		out[strings.ToLower(col.Name.String())] = val
		return true
	}
	return false
}

func rowMatches(ctx *sql.Context, sch sql.Schema, row sql.Row, want map[int]*ast.SQLVal) bool {
	for i, v := range want {
		n, err := strconv.ParseInt(string(v.Val), 10, 64)
		if err != nil {
			return false
		}
		c, err := sch[i].Type.Compare(ctx, row[i], n)
		if err != nil || c != 0 {
			return false
		}
	}
	return true
}

// tableRows reads up to limit rows of table id (all if limit < 0).
func tableRows(ctx *sql.Context, txn *storage.Txn, id uint64, sch sql.Schema, limit int) ([]sql.Row, error) {
	lo, hi := storage.RowPrefix(id)
	it, err := txn.NewIter(lo, hi)
	if err != nil {
		return nil, translateStorageError(err)
	}
	defer it.Close()
	var rows []sql.Row
	for ok := it.First(); ok && (limit < 0 || len(rows) < limit); ok = it.Next() {
		r, err := decodeRow(ctx, it.Value(), sch)
		if err != nil {
			return nil, err
		}
		rows = append(rows, r)
	}
	return rows, translateStorageError(it.Error())
}

// rows renders the query as EXPLAIN's result rows.
func (q *explainedQuery) rows(extended bool) []sql.Row {
	if q.impossible || q.impossibleConst || q.optimizedAway || len(q.tables) == 0 {
		extra := "No tables used"
		switch {
		case q.optimizedAway:
			extra = "Select tables optimized away"
		case q.impossibleConst:
			extra = "Impossible WHERE noticed after reading const tables"
		case q.impossible:
			extra = "Impossible WHERE"
		}
		return []sql.Row{explainRow(extended, q.selectType, nil, nil, nil, nil, nil, nil, nil, nil, extra)}
	}
	out := make([]sql.Row, 0, len(q.tables))
	for _, t := range q.tables {
		var rows any
		if t.rows >= 0 {
			rows = strconv.FormatInt(t.rows, 10)
		}
		var keys, key, keyLen, ref any
		switch t.access {
		case "const":
			keys, key, keyLen = t.key, t.key, strconv.Itoa(t.keyLen)
			ref = strings.TrimSuffix(strings.Repeat("const,", t.keyN), ",")
		case "index":
			key, keyLen = t.key, strconv.Itoa(t.keyLen)
		}
		var filtered any = "100.00"
		var extra any = ""
		switch {
		case q.selectType == "INSERT":
			extra, rows, filtered = nil, nil, nil
		case t.access == "system" && t.rows == 0:
			extra, filtered = "Const row not found", "0.00"
		case t.where && t.access == "ALL":
			extra = "Using where"
		case t.access == "index":
			extra = "Using index"
		}
		if q.sorted && t.access == "ALL" && len(q.tables) == 1 {
			if extra == "" {
				extra = "Using filesort"
			} else {
				extra = extra.(string) + "; Using filesort"
			}
		}
		out = append(out, explainRow(extended, q.selectType, t.name, t.access, keys, key, keyLen, ref, rows, filtered, extra))
	}
	return out
}

func explainRow(extended bool, selectType string, table, typ, keys, key, keyLen, ref, rows, filtered, extra any) sql.Row {
	row := sql.Row{uint64(1), selectType, table, typ, keys, key, keyLen, ref, rows}
	if extended {
		row = append(row, filtered)
	}
	return append(row, extra)
}
