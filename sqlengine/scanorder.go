package sqlengine

import (
	"math"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"
	"github.com/dolthub/go-mysql-server/sql/types"
	"github.com/dolthub/vitess/go/sqltypes"

	"github.com/seqd/seqd/storage"
)

// MariaDB reads a table it would scan through an index instead when one index holds every
// column the query uses (covering keys; EXPLAIN's type "index", "Using index"): of those it takes
// the shortest key, the first in key order on a tie (find_shortest_key). Rows then come in that
// index's order, which is what a SELECT without ORDER BY shows. MyISAM, Aria and InnoDB read
// indexes so; MEMORY does not. An InnoDB secondary index also holds the primary key's columns,
// and its clustered primary key costs a whole row, so any covering secondary index wins over it.
//
// seqd follows this for a query that reads one table with a full scan: chooseScanIndex sets the
// table's scan to the chosen index. Rows are still read whole; only their order changes.

// chooseScanIndex sets the scan of the table a statement reads with a full scan, when it is a
// single-table read (SELECT, or the SELECT of INSERT ... SELECT). The priority builder calls it
// for every node it builds, the statement's root first: the root decides for every table under
// it, so the nodes below, which see only part of the query, leave them alone. A subquery's
// tables are not under the root (they hang off expressions) and are decided when it runs.
func chooseScanIndex(ctx *sql.Context, n sql.Node) {
	var tables []*Table
	transform.Inspect(n, func(n sql.Node) bool {
		if rt, ok := n.(*plan.ResolvedTable); ok {
			if t, ok := rt.UnderlyingTable().(*Table); ok {
				tables = append(tables, t)
			}
		}
		return true
	})
	for _, t := range tables {
		if t.scanChosen {
			return
		}
		t.scanChosen = true
	}
	read := n
	if ins, ok := read.(*plan.InsertInto); ok {
		read = ins.Source
	}
	rt, alias, ok := singleScannedTable(read)
	if !ok {
		return
	}
	t, ok := rt.UnderlyingTable().(*Table)
	if !ok || t.lookup != nil {
		return
	}
	used := readColumns(ctx, read, alias)
	if !projects(read) {
		for _, c := range t.sch {
			used[strings.ToLower(c.Name)] = true
		}
	}
	t.scan = t.coveringIndex(used)
}

// projects reports whether a read's rows are computed from the table's rather than being the
// table's rows themselves (GMS drops a projection of all the columns in order).
func projects(read sql.Node) bool {
	for {
		switch read.(type) {
		case *plan.Project, *plan.GroupBy, *plan.Window:
			return true
		}
		if len(read.Children()) != 1 {
			return false
		}
		read = read.Children()[0]
	}
}

// singleScannedTable returns the one table a read scans and the name its columns carry, when
// the read is a plain single-table query: projections, filters, sorts, limits and grouping
// over one table, without joins or subqueries.
func singleScannedTable(read sql.Node) (*plan.ResolvedTable, string, bool) {
	var rt *plan.ResolvedTable
	var alias string
	ok := true
	transform.Inspect(read, func(n sql.Node) bool {
		switch n := n.(type) {
		case *plan.ResolvedTable:
			if rt != nil {
				ok = false
			}
			rt = n
			if alias == "" {
				alias = n.Name()
			}
		case *plan.TableAlias:
			alias = n.Name()
		case *plan.Project, *plan.Filter, *plan.Limit, *plan.Offset, *plan.Sort, *plan.TopN,
			*plan.Distinct, *plan.OrderedDistinct, *plan.GroupBy, *plan.Having, *plan.Window:
			if hasSubquery(n) {
				ok = false
			}
		default:
			ok = false
		}
		return ok
	})
	return rt, alias, ok && rt != nil
}

// hasSubquery reports whether a node's expressions hold a subquery.
func hasSubquery(n sql.Node) bool {
	ex, ok := n.(sql.Expressioner)
	if !ok {
		return false
	}
	found := false
	for _, e := range ex.Expressions() {
		sql.Inspect(nil, e, func(_ *sql.Context, e sql.Expression) bool {
			if _, ok := e.(*plan.Subquery); ok {
				found = true
			}
			return !found
		})
	}
	return found
}

// readColumns returns the lower-case names of the columns of table (as the read names it) that
// the read's expressions use.
func readColumns(ctx *sql.Context, read sql.Node, table string) map[string]bool {
	used := map[string]bool{}
	transform.InspectExpressions(ctx, read, func(_ *sql.Context, e sql.Expression) bool {
		if gf, ok := e.(*expression.GetField); ok && strings.EqualFold(gf.Table(), table) {
			used[strings.ToLower(gf.Name())] = true
		}
		return true
	})
	return used
}

// keyreadEngine reports whether an engine reads rows from an index alone.
func keyreadEngine(engine string) bool {
	return engine == "MyISAM" || engine == "Aria" || engine == "InnoDB"
}

// coveringIndex returns the index MariaDB scans for a query using the columns used, nil for
// the table's own order.
func (t *Table) coveringIndex(used map[string]bool) *index {
	m := t.meta
	if !keyreadEngine(m.def.Engine) {
		return nil
	}
	var best *tableKey
	bestLen := 0
	for _, k := range orderedKeys(m) {
		if k.fulltext || k.kind != "" || k.ignored {
			continue
		}
		cols := k.columns
		if m.clustered && !k.primary {
			cols = append(append([]storage.IndexColumn(nil), cols...), m.def.PrimaryKey...)
		}
		if !coversColumns(cols, used) {
			continue
		}
		n := m.keyLength(k.columns)
		if k.primary && m.clustered {
			n = math.MaxInt // the whole row
		}
		if best == nil || n < bestLen {
			k := k
			best, bestLen = &k, n
		}
	}
	switch {
	case best == nil || best.primary && m.clustered:
		return nil
	case best.primary:
		return t.newIndex("PRIMARY", m.lookup.def, m.pk, true, false)
	}
	ix := &m.indexes[best.pos]
	return t.newIndex(ix.def.Name, ix.def, ix.parts, ix.def.Unique, false)
}

// coversColumns reports whether key columns hold every used column whole.
func coversColumns(cols []storage.IndexColumn, used map[string]bool) bool {
	have := map[string]bool{}
	for _, c := range cols {
		if c.Prefix == 0 {
			have[strings.ToLower(c.Name)] = true
		}
	}
	for c := range used {
		if !have[c] {
			return false
		}
	}
	return true
}

// keyLength is MariaDB's key_length: the stored bytes of each key part, a length prefix of 2 for
// variable-length ones, one more byte for a nullable column.
func (m *tableMeta) keyLength(cols []storage.IndexColumn) int {
	n := 0
	for _, c := range cols {
		ord := m.ordinal(c.Name)
		if ord < 0 {
			continue
		}
		n += partLength(m.columns[ord].typ, c.Prefix)
		if m.columns[ord].def.Nullable {
			n++
		}
	}
	return n
}

// partLength is the key bytes of a column of type typ (prefix characters of it, if not 0).
func partLength(typ sql.Type, prefix int) int {
	switch typ.Type() {
	case sqltypes.Int8, sqltypes.Uint8, sqltypes.Year:
		return 1
	case sqltypes.Int16, sqltypes.Uint16:
		return 2
	case sqltypes.Int24, sqltypes.Uint24, sqltypes.Date, sqltypes.Time:
		return 3
	case sqltypes.Int32, sqltypes.Uint32, sqltypes.Float32, sqltypes.Timestamp:
		return 4
	case sqltypes.Int64, sqltypes.Uint64, sqltypes.Float64, sqltypes.Datetime:
		return 8
	case sqltypes.Enum:
		return 2
	case sqltypes.Set:
		return 8
	case sqltypes.Bit:
		if bt, ok := typ.(types.BitType); ok {
			return (int(bt.NumberOfBits()) + 7) / 8
		}
	case sqltypes.Decimal:
		if dt, ok := typ.(sql.DecimalType); ok {
			return decimalBytes(int(dt.Precision())-int(dt.Scale())) + decimalBytes(int(dt.Scale()))
		}
	}
	st, ok := typ.(sql.StringType)
	if !ok {
		return 8
	}
	n := int(st.MaxByteLength())
	if prefix > 0 && st.MaxCharacterLength() > 0 {
		n = prefix * int(st.MaxByteLength()/st.MaxCharacterLength())
	}
	switch typ.Type() {
	case sqltypes.Char, sqltypes.Binary:
		return n
	}
	return n + 2
}

// decimalBytes is the bytes MariaDB's binary DECIMAL takes for digits decimal digits.
func decimalBytes(digits int) int {
	rest := [...]int{0, 1, 1, 2, 2, 3, 3, 4, 4, 4}
	return digits/9*4 + rest[digits%9]
}
