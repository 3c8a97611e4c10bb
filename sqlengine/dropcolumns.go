package sqlengine

import (
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
)

// checkDropAllColumns refuses an ALTER TABLE that drops every column of a table and adds none,
// with MariaDB's 1090 (GMS went on to a table without columns, or failed inside). A column
// that does not exist is left to GMS's 1091.
func checkDropAllColumns(ctx *sql.Context, stmt ast.Statement) error {
	var items []*ast.DDL
	var table ast.TableName
	switch s := stmt.(type) {
	case *ast.AlterTable:
		items, table = s.Statements, s.Table
	case *ast.DDL:
		if s.Action != ast.AlterStr {
			return nil
		}
		items, table = []*ast.DDL{s}, s.Table
	default:
		return nil
	}
	dropped := map[string]bool{}
	for _, it := range items {
		switch {
		case it.ColumnAction == ast.DropStr:
			dropped[strings.ToLower(it.Column.String())] = true
		case it.ColumnAction == ast.AddStr:
			return nil
		}
	}
	if len(dropped) == 0 {
		return nil
	}
	s := srvOf(ctx)
	if s == nil {
		return nil
	}
	db := table.DbQualifier.String()
	if db == "" {
		db = ctx.GetCurrentDatabase()
	}
	def, _, ok := s.findTableDef(ctx, db, table.Name.String())
	if !ok {
		return nil
	}
	for _, c := range def.Columns {
		if !dropped[strings.ToLower(c.Name)] {
			return nil
		}
	}
	if len(dropped) > len(def.Columns) {
		return nil // a column that does not exist: 1091 first
	}
	return mariaErr(sequences.ErrCantRemoveAllFields)
}
