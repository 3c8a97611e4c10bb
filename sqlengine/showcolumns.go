package sqlengine

import (
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/types"

	"github.com/seqd/seqd/storage"
)

// SHOW [FULL] COLUMNS and the per-column facts it shares with information_schema.COLUMNS, as
// MariaDB 10.11 shows them.

// columnPrivileges is the Privileges column for a user with all table privileges.
const columnPrivileges = "select,insert,update,references"

// showColumns serves SHOW [FULL] COLUMNS for seqd's tables, sequences and views (viewcolumns.go).
func (s *Server) showColumns(ctx *sql.Context, n *plan.ShowColumns) (sql.RowIter, error) {
	rt, ok := n.Child.(sql.TableNode)
	if !ok {
		if sa, ok := n.Child.(*plan.SubqueryAlias); ok {
			return s.showViewColumns(ctx, n, sa)
		}
		return nil, nil
	}
	var m *tableMeta
	switch t := unwrapTable(rt.UnderlyingTable()).(type) {
	case *Table:
		m = t.meta
	case *sequenceTable:
		m = t.meta
	default:
		return nil, nil
	}
	keys := columnKeys(m)
	var rows []sql.Row
	for i, c := range m.columns {
		null := "NO"
		if c.def.Nullable {
			null = "YES"
		}
		typ := columnTypeText(c.def.Type, c.typ)
		def := defaultOf(ctx, c).showColumns(c.typ)
		if n.Full {
			var coll any
			if cc := columnCollation(c.typ); cc != 0 {
				coll = cc.Name()
			}
			rows = append(rows, sql.Row{c.def.Name, typ, coll, null, keys[i], def, columnExtra(c), columnPrivileges, c.def.Comment})
		} else {
			rows = append(rows, sql.Row{c.def.Name, typ, null, keys[i], def, columnExtra(c)})
		}
	}
	return sql.RowsToRowIter(rows...), nil
}

// unwrapTable returns the table under GMS's wrappers (virtual columns, projections).
func unwrapTable(t sql.Table) sql.Table {
	for {
		w, ok := t.(sql.TableWrapper)
		if !ok {
			return t
		}
		t = w.Underlying()
	}
}

// columnExtra is the Extra column: auto_increment, on update ..., VIRTUAL/STORED GENERATED,
// INVISIBLE.
func columnExtra(c columnMeta) string {
	var parts []string
	cd := c.def
	if cd.AutoIncrement {
		parts = append(parts, "auto_increment")
	}
	if cd.OnUpdate != "" {
		parts = append(parts, "on update "+onUpdateText(cd.OnUpdate))
	}
	if cd.Generated != "" {
		if cd.Stored {
			parts = append(parts, "STORED GENERATED")
		} else {
			parts = append(parts, "VIRTUAL GENERATED")
		}
	}
	if cd.Invisible {
		parts = append(parts, "INVISIBLE")
	}
	return strings.Join(parts, " ")
}

// columnKeys returns the Key column of each column (MariaDB's PRI_KEY_FLAG, UNIQUE_KEY_FLAG and
// MULTIPLE_KEY_FLAG): PRI for the parts of the primary key, or of the first UNIQUE key of NOT
// NULL columns when there is no primary key; UNI for the column of a one-column unique key; MUL
// for the first column of any other key.
func columnKeys(m *tableMeta) []string {
	keys := make([]string, len(m.columns))
	primary := m.def.PrimaryKey
	implicit := -1
	if len(primary) == 0 {
		for i, ix := range m.def.Indexes {
			if ix.Unique && allNotNull(m, ix.Columns) {
				primary, implicit = ix.Columns, i
				break
			}
		}
	}
	for _, c := range primary {
		if ord := m.ordinal(c.Name); ord >= 0 {
			keys[ord] = "PRI"
		}
	}
	for i, ix := range m.def.Indexes {
		if i == implicit || len(ix.Columns) == 0 {
			continue
		}
		ord := m.ordinal(ix.Columns[0].Name)
		if ord < 0 || keys[ord] == "PRI" {
			continue
		}
		if ix.Unique && len(ix.Columns) == 1 {
			keys[ord] = "UNI"
		} else if keys[ord] == "" {
			keys[ord] = "MUL"
		}
	}
	return keys
}

func allNotNull(m *tableMeta, cols []storage.IndexColumn) bool {
	for _, c := range cols {
		ord := m.ordinal(c.Name)
		if ord < 0 || m.columns[ord].def.Nullable {
			return false
		}
	}
	return true
}

// dataTypeName is information_schema.COLUMNS.DATA_TYPE: the type's name alone.
func dataTypeName(stored string, t sql.Type) string {
	text := columnTypeText(stored, t)
	if i := strings.IndexAny(text, "( "); i >= 0 {
		text = text[:i]
	}
	return text
}

// numericPrecisionScale is NUMERIC_PRECISION and NUMERIC_SCALE.
func numericPrecisionScale(stored string, t sql.Type) (any, any) {
	switch {
	case types.IsBit(t):
		if bt, ok := t.(types.BitType); ok {
			return uint64(bt.NumberOfBits()), nil
		}
	case types.IsDecimal(t):
		if dt, ok := t.(sql.DecimalType); ok {
			return uint64(dt.Precision()), uint64(dt.Scale())
		}
	case types.IsFloat(t):
		ts := parseTypeSpec(stored)
		var scale any
		if ts.scale != "" {
			scale = parseUint(ts.scale)
		}
		if ts.length != "" && ts.scale != "" {
			return parseUint(ts.length), scale
		}
		if t.Type() == types.Float32.Type() {
			return uint64(12), scale
		}
		return uint64(22), scale
	case types.IsInteger(t):
		return integerPrecision(t), uint64(0)
	}
	return nil, nil
}

// integerPrecision is MariaDB's NUMERIC_PRECISION of an integer type.
func integerPrecision(t sql.Type) uint64 {
	p := map[string]uint64{"tinyint": 3, "smallint": 5, "mediumint": 7, "int": 10, "bigint": 19}
	name := strings.Fields(t.String())[0]
	if i := strings.IndexByte(name, '('); i >= 0 {
		name = name[:i]
	}
	n := p[name]
	if name == "bigint" && types.IsUnsigned(t) {
		n = 20
	} else if name == "mediumint" {
		n = 7
	}
	return n
}

func parseUint(s string) uint64 {
	var n uint64
	for _, c := range s {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + uint64(c-'0')
	}
	return n
}
