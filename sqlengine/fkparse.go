package sqlengine

import (
	"context"
	"fmt"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"
)

// MariaDB parses a FOREIGN KEY clause for every engine, but only InnoDB keeps the constraint.
// Every engine gets the index MariaDB generates for it (sql_table.cc: a KEY named after the
// constraint, else after the FOREIGN KEY's index name, else after its first column, dropped when
// another key starts with the same columns). For the other engines seqd rewrites the clauses of
// CREATE TABLE into those keys before GMS sees them; for InnoDB it keeps them, and GMS creates
// the key while resolving the constraint (sql/plan.ResolveForeignKey, whose naming is MySQL's and
// MariaDB's).

// rewriteForeignKeys adapts the FOREIGN KEY clauses of a CREATE TABLE statement to its engine.
func rewriteForeignKeys(ctx context.Context, stmt ast.Statement) {
	ddl, ok := stmt.(*ast.DDL)
	if !ok || ddl.Action != ast.CreateStr || ddl.TableSpec == nil {
		return
	}
	spec := ddl.TableSpec
	if !hasForeignKeys(spec) {
		return
	}
	if specEngine(ctx, spec) == "InnoDB" {
		// FOREIGN KEY idx (...) without CONSTRAINT name: MariaDB names the constraint idx.
		for _, cd := range spec.Constraints {
			if fk, ok := cd.Details.(*ast.ForeignKeyDefinition); ok && cd.Name == "" && fk.Index != "" {
				cd.Name = fk.Index
			}
		}
		return
	}
	var keep []*ast.ConstraintDefinition
	var fks []fkKey
	for _, cd := range spec.Constraints {
		fk, ok := cd.Details.(*ast.ForeignKeyDefinition)
		if !ok {
			keep = append(keep, cd)
			continue
		}
		name := cd.Name
		if name == "" {
			name = fk.Index
		}
		fks = append(fks, fkKey{name: name, cols: fk.Source})
	}
	spec.Constraints = keep
	for _, c := range spec.Columns {
		if c.Type.ForeignKeyDef != nil {
			c.Type.ForeignKeyDef = nil
			fks = append(fks, fkKey{cols: ast.Columns{c.Name}})
		}
	}
	for _, k := range fks {
		addForeignKeyIndex(spec, k)
	}
}

// fkKey is the key MariaDB generates for a FOREIGN KEY clause: its name ("" = after the first
// column) and columns.
type fkKey struct {
	name string
	cols ast.Columns
}

func hasForeignKeys(spec *ast.TableSpec) bool {
	for _, cd := range spec.Constraints {
		if _, ok := cd.Details.(*ast.ForeignKeyDefinition); ok {
			return true
		}
	}
	for _, c := range spec.Columns {
		if c.Type.ForeignKeyDef != nil {
			return true
		}
	}
	return false
}

// specEngine is the engine a CREATE TABLE statement creates the table in.
func specEngine(ctx context.Context, spec *ast.TableSpec) string {
	for _, o := range spec.TableOpts {
		if strings.EqualFold(o.Name, "engine") {
			e, _ := canonicalEngine(strings.Trim(o.Value, "'\"`"))
			return e
		}
	}
	if sctx, ok := ctx.(*sql.Context); ok {
		if v, err := sctx.GetSessionVariable(sctx, "default_storage_engine"); err == nil {
			e, _ := canonicalEngine(toString(v))
			return e
		}
	}
	return ""
}

// addForeignKeyIndex adds the key of a FOREIGN KEY clause to spec unless a key of spec (or the
// primary key of a column) starts with its columns.
func addForeignKeyIndex(spec *ast.TableSpec, k fkKey) {
	for _, ix := range spec.Indexes {
		if indexStartsWith(ix, k.cols) {
			return
		}
	}
	if len(k.cols) == 1 {
		for _, c := range spec.Columns {
			if c.Name.Equal(k.cols[0]) && columnKeyed(c.Type.KeyOpt) {
				return
			}
		}
	}
	name := k.name
	if name == "" {
		name = uniqueIndexName(spec, k.cols[0].String())
	}
	ix := &ast.IndexDefinition{Info: &ast.IndexInfo{Type: "key", Name: ast.NewColIdent(name)}}
	for _, c := range k.cols {
		ix.Fields = append(ix.Fields, &ast.IndexField{Column: c})
	}
	spec.Indexes = append(spec.Indexes, ix)
}

// indexStartsWith reports whether ix's leading fields are the columns cols, in order.
func indexStartsWith(ix *ast.IndexDefinition, cols ast.Columns) bool {
	if len(ix.Fields) < len(cols) || ix.Info.Fulltext || ix.Info.Spatial {
		return false
	}
	for i, c := range cols {
		f := ix.Fields[i]
		if f.Expression != nil || f.Length != nil || !f.Column.Equal(c) {
			return false
		}
	}
	return true
}

// uniqueIndexName is base, or base_2, base_3, ... when an index of spec has that name.
func uniqueIndexName(spec *ast.TableSpec, base string) string {
	taken := func(n string) bool {
		for _, ix := range spec.Indexes {
			if strings.EqualFold(ix.Info.Name.String(), n) || (ix.Info.Primary && strings.EqualFold(n, "PRIMARY")) {
				return true
			}
		}
		return false
	}
	name := base
	for i := 2; taken(name); i++ {
		name = fmt.Sprintf("%s_%d", base, i)
	}
	return name
}

// columnKeyed reports whether a column's key option (PRIMARY KEY, UNIQUE, UNIQUE KEY, KEY) gives
// it an index of its own. vitess does not export the option's constants; the values are its
// colKeyPrimary, colKeyUnique, colKeyUniqueKey and colKey.
func columnKeyed(opt ast.ColumnKeyOption) bool {
	switch opt {
	case 1, 3, 4, 5:
		return true
	}
	return false
}
