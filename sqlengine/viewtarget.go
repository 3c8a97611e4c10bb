package sqlengine

import (
	"github.com/dolthub/go-mysql-server/sql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
)

// Statements that only work on base tables, given a view: MariaDB refuses ALTER TABLE (any
// form, also CREATE INDEX and DROP INDEX) and CREATE TABLE ... LIKE with 1347 "'db.v' is not of
// type 'BASE TABLE'", and TRUNCATE with 1146, as if the view did not exist. GMS resolves the
// view to its table instead (TRUNCATE emptied the view's table) or fails with a text of its own.
// A temporary table hides a view of the same name, so it is looked up first.

// checkViewTargets fails a statement that names a view where MariaDB wants a base table.
func checkViewTargets(ctx *sql.Context, stmt ast.Statement) error {
	switch s := stmt.(type) {
	case *ast.AlterTable:
		return notBaseTable(ctx, s.Table)
	case *ast.DDL:
		switch {
		case s.Action == ast.TruncateStr:
			if db, name, ok := viewNamed(ctx, s.Table); ok {
				return mariaErr(sequences.ErrNoSuchTable, db, name)
			}
		case s.Action == ast.AlterStr:
			return notBaseTable(ctx, s.Table)
		case s.Action == ast.CreateStr && s.OptLike != nil:
			for _, t := range s.OptLike.LikeTables {
				if err := notBaseTable(ctx, t); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// notBaseTable is 1347 when t names a view.
func notBaseTable(ctx *sql.Context, t ast.TableName) error {
	if db, name, ok := viewNamed(ctx, t); ok {
		return mariaErr(sequences.ErrWrongObject, db, name, "BASE TABLE")
	}
	return nil
}

// viewNamed reports whether t names a view (and no temporary table), with its database.
func viewNamed(ctx *sql.Context, t ast.TableName) (string, string, bool) {
	s := srvOf(ctx)
	name := t.Name.String()
	if s == nil || name == "" {
		return "", "", false
	}
	db := t.DbQualifier.String()
	if db == "" {
		db = ctx.GetCurrentDatabase()
	}
	if _, ok := s.sessionTemp(ctx).get(db, name); ok {
		return "", "", false
	}
	v, ok := s.catalogOf(ctx).View(db, name)
	if !ok {
		return "", "", false
	}
	return v.DB, v.Name, true
}
