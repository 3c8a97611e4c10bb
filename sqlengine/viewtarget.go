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
			if !s.IfNotExists && !s.Temporary && likeTargetExists(ctx, s) {
				return mariaErr(sequences.ErrTableExists, s.Table.Name.String())
			}
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

// likeTargetExists reports whether the base table CREATE TABLE ... LIKE would create is taken
// by a table or view: MariaDB reports 1050 before it looks at the LIKE table (except for LIKE
// itself, 1066). A base table may be created under a temporary one of its name.
func likeTargetExists(ctx *sql.Context, s *ast.DDL) bool {
	srv := srvOf(ctx)
	if srv == nil {
		return false
	}
	db := s.Table.DbQualifier.String()
	if db == "" {
		db = ctx.GetCurrentDatabase()
	}
	name := s.Table.Name.String()
	for _, t := range s.OptLike.LikeTables {
		if t.Name.String() == name {
			return false // LIKE itself: 1066 comes first
		}
	}
	if t, ok := srv.catalogOf(ctx).Table(db, name); ok && t.Name == name {
		return true
	}
	v, ok := srv.catalogOf(ctx).View(db, name)
	return ok && v.Name == name
}
