package sqlengine

import (
	"sort"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/information_schema"
)

// information_schema.REFERENTIAL_CONSTRAINTS as MariaDB 10.11 shows it: one row per FOREIGN KEY
// constraint, the rules as InnoDB reports them (RESTRICT when none was given) and, as
// UNIQUE_CONSTRAINT_NAME, the parent's key the constraint uses: the first key in MariaDB's key
// order whose leading columns are the referenced columns. Rows are ordered by table and name
// (InnoDB's order is its hash table's).

var referentialConstraintsSchema = isSchema("REFERENTIAL_CONSTRAINTS",
	"CONSTRAINT_CATALOG", isVarchar(512), false,
	"CONSTRAINT_SCHEMA", isVarchar(64), false,
	"CONSTRAINT_NAME", isVarchar(64), false,
	"UNIQUE_CONSTRAINT_CATALOG", isVarchar(512), false,
	"UNIQUE_CONSTRAINT_SCHEMA", isVarchar(64), false,
	"UNIQUE_CONSTRAINT_NAME", isVarchar(64), true,
	"MATCH_OPTION", isVarchar(64), false,
	"UPDATE_RULE", isVarchar(64), false,
	"DELETE_RULE", isVarchar(64), false,
	"TABLE_NAME", isVarchar(64), false,
	"REFERENCED_TABLE_NAME", isVarchar(64), false,
)

func (s *Server) referentialConstraintsTable() *information_schema.InformationSchemaTable {
	return &information_schema.InformationSchemaTable{TableName: "REFERENTIAL_CONSTRAINTS", TableSchema: referentialConstraintsSchema, Reader: s.referentialConstraintsRows}
}

func (s *Server) referentialConstraintsRows(ctx *sql.Context, _ sql.Catalog) (sql.RowIter, error) {
	cat := s.catalogOf(ctx)
	var rows []sql.Row
	for _, db := range cat.Databases() {
		tables := cat.Tables(db.Name)
		sort.Slice(tables, func(i, j int) bool { return tables[i].Name < tables[j].Name })
		for _, def := range tables {
			fks := def.ForeignKeys
			if len(fks) > 1 {
				fks = append(fks[:0:0], fks...)
				sort.Slice(fks, func(i, j int) bool { return fks[i].Name < fks[j].Name })
			}
			for _, fk := range fks {
				var unique any
				if p, ok := cat.Table(fk.RefDB, fk.RefTable); ok {
					if m, err := s.metas.get(ctx, p); err == nil {
						for _, k := range orderedKeys(m) {
							if keyStartsWith(k, fk.RefColumns) {
								unique = k.name
								break
							}
						}
					}
				}
				rule := func(a string) string {
					if a == "" {
						return "RESTRICT"
					}
					return a
				}
				rows = append(rows, sql.Row{"def", db.Name, fk.Name, "def", fk.RefDB, unique, "NONE",
					rule(fk.OnUpdate), rule(fk.OnDelete), def.Name, fk.RefTable})
			}
		}
	}
	return sql.RowsToRowIter(rows...), nil
}

// keyStartsWith reports whether k's leading columns are cols (whole columns, any case).
func keyStartsWith(k tableKey, cols []string) bool {
	if len(k.columns) < len(cols) || k.fulltext || k.kind != "" {
		return false
	}
	for i, c := range cols {
		if k.columns[i].Prefix != 0 || !strings.EqualFold(k.columns[i].Name, c) {
			return false
		}
	}
	return true
}
