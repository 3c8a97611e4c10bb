package sqlengine

import (
	"context"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"
)

// The parser hands every parsed statement to prepareStatement before GMS plans it. It is where
// seqd reads statements as MariaDB does where vitess and GMS read them as MySQL 8 does (see
// coltypes.go for CREATE and ALTER TABLE), and where statements seqd runs itself replace
// vitess's (DROP TABLE, DROP VIEW, SHOW TABLE STATUS, SHOW INDEX).

// prepareStatement applies MariaDB's reading of a parsed statement before GMS plans it, and
// replaces the statements seqd runs itself (DROP TABLE).
func prepareStatement(ctx context.Context, stmt ast.Statement) (ast.Statement, error) {
	stmt, err := rewriteViewDML(ctx, stmt)
	if err != nil {
		return nil, err
	}
	switch stmt.(type) {
	case ast.SelectStatement, *ast.Update, *ast.Delete, *ast.Insert:
		if err := checkDistinctWindows(stmt); err != nil {
			return nil, err
		}
		rewriteStringIns(stmt) // not in DDL, whose expressions are stored and shown
		rewriteRowid(ctx, stmt)
	}
	notes := &typeNotes{stmt: stmt}
	if sel, isSelect := stmt.(*ast.Select); isSelect {
		noteTablelessSelect(ctx, sel)
	} else {
		// GMS parses SELECTs of its own while planning and running a statement (column
		// defaults, checks, views), so only other statements are remembered.
		if sctx, ok := ctx.(*sql.Context); ok {
			if sess, ok := sctx.Session.(*Session); ok {
				sess.colTypes = notes
			}
		}
	}
	switch s := stmt.(type) {
	case *ast.DDL:
		if s.Action == ast.DropStr && len(s.FromTables) > 0 && s.FromViews == nil {
			return dropTableStatement(s), nil
		}
		if s.Action == ast.DropStr && len(s.FromViews) > 0 && s.FromTables == nil {
			return dropViewStatement(s), nil
		}
		if s.Action != ast.CreateStr && s.Action != ast.AlterStr {
			return stmt, nil
		}
		notes.table = s.Table.Name.String()
		if s.OptLike != nil && len(s.OptLike.LikeTables) == 1 {
			notes.source, notes.like = &s.OptLike.LikeTables[0], true
		} else if s.OptSelect != nil {
			notes.source = singleSourceTable(s.OptSelect.Select)
		}
		if s.TableSpec == nil {
			return stmt, nil
		}
		if err := prepareTableSpec(s.TableSpec, notes, s.Action == ast.CreateStr); err != nil {
			return nil, err
		}
	case *ast.AlterTable:
		notes.table = s.Table.Name.String()
		for _, d := range s.Statements {
			if d.TableSpec != nil {
				if err := prepareTableSpec(d.TableSpec, notes, false); err != nil {
					return nil, err
				}
			}
		}
	case *ast.DBDDL:
		prepareDatabaseCharset(s)
		return stmt, nil
	case *ast.Select:
		keepInfoSchemaColumnNames(s)
		keepSysvarColumnNames(s)
	case *ast.Show:
		switch strings.ToLower(s.Type) {
		case "table status":
			return showTableStatusStatement(ctx, s)
		case "index", "indexes", "keys":
			return showIndexStatement(ctx, s)
		}
	case *ast.Set:
		// GMS keeps the warnings of the previous statement for SET, and their count with them;
		// MariaDB keeps the list (SHOW WARNINGS still shows it) but SET itself has no warnings.
		if sctx, ok := ctx.(*sql.Context); ok && sctx.Session != nil {
			sctx.Session.ClearWarningCount()
		}
	}
	return stmt, nil
}

// noteTablelessSelect records whether a SELECT reads no table. Other SELECTs replace only a
// tableless one's notes: GMS parses SELECTs of its own while running DDL.
func noteTablelessSelect(ctx context.Context, sel *ast.Select) {
	sctx, ok := ctx.(*sql.Context)
	if !ok {
		return
	}
	sess, ok := sctx.Session.(*Session)
	if !ok {
		return
	}
	if readsNoTable(sel) {
		sess.colTypes = &typeNotes{stmt: sel, keepWarnings: true}
	} else if sess.colTypes != nil && sess.colTypes.keepWarnings {
		sess.colTypes = &typeNotes{stmt: sel}
	}
}

// readsNoTable reports whether a SELECT has no FROM table, subquery or sequence function.
func readsNoTable(sel *ast.Select) bool {
	for _, te := range sel.From {
		at, ok := te.(*ast.AliasedTableExpr)
		if !ok {
			return false
		}
		tn, ok := at.Expr.(ast.TableName)
		if !ok || !strings.EqualFold(tn.Name.String(), "dual") || !tn.DbQualifier.IsEmpty() {
			return false
		}
	}
	clean := true
	visitAST(sel, func(n any) bool {
		switch n := n.(type) {
		case *ast.Subquery:
			clean = false
		case *ast.FuncExpr:
			if sequenceFuncs[n.Name.Lowered()] {
				clean = false
			}
		}
		return clean
	})
	return clean
}

// keepSysvarColumnNames names the result column of a system variable as typed
// (@@SESSION.AUTO_INCREMENT_OFFSET), as MariaDB does; GMS writes the variable's name in lower
// case. The name becomes an alias, so a variable selected twice keeps GMS's name.
func keepSysvarColumnNames(s *ast.Select) {
	count := map[string]int{}
	var vars []*ast.AliasedExpr
	for _, se := range s.SelectExprs {
		ae, ok := se.(*ast.AliasedExpr)
		if !ok {
			continue
		}
		if col, ok := ae.Expr.(*ast.ColName); ok && col.Qualifier.IsEmpty() && strings.HasPrefix(col.Name.String(), "@@") {
			count[col.Name.Lowered()]++
			if ae.As.IsEmpty() {
				vars = append(vars, ae)
			}
		}
	}
	for _, ae := range vars {
		if col := ae.Expr.(*ast.ColName); count[col.Name.Lowered()] == 1 {
			ae.As = ast.NewColIdent(col.Name.String())
		}
	}
}

// keepInfoSchemaColumnNames makes the result columns of a SELECT from information_schema named
// as typed, as in MariaDB; GMS names them in upper case, as MySQL 8 does.
func keepInfoSchemaColumnNames(s *ast.Select) {
	fromIS := false
	for _, te := range s.From {
		if at, ok := te.(*ast.AliasedTableExpr); ok {
			if tn, ok := at.Expr.(ast.TableName); ok && strings.EqualFold(tn.DbQualifier.String(), "information_schema") {
				fromIS = true
			}
		}
	}
	if !fromIS {
		return
	}
	for _, se := range s.SelectExprs {
		ae, ok := se.(*ast.AliasedExpr)
		if !ok || !ae.As.IsEmpty() {
			continue
		}
		if col, ok := ae.Expr.(*ast.ColName); ok {
			ae.As = ast.NewColIdent(col.Name.String())
		}
	}
}
