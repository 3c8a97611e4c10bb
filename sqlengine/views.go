package sqlengine

import (
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// Views. seqd runs CREATE/ALTER VIEW itself (viewddl.go) and stores MariaDB's canonical
// definition (viewtext.go) in storage.ViewDef:
//
//	Definition       the SELECT as MariaDB prints it, every name qualified
//	                 (information_schema.VIEWS.VIEW_DEFINITION)
//	CreateStatement  CREATE VIEW `db`.`name` AS <Definition>
//
// GMS reads a view by parsing the CreateViewStatement of GetViewDefinition and binding it
// (planbuilder resolveView); since every name in it is qualified, the view means the same in
// any session, with or without a current database. That statement carries viewMarker, which
// tells seqd's parser to leave it to GMS instead of running it as a user's CREATE VIEW.

// viewMarker starts the CREATE VIEW statements seqd hands to GMS for reading a view.
const viewMarker = "/*seqd:view*/"

// CreateView implements sql.ViewDatabase. seqd's CREATE VIEW does not come here (it is parsed
// by viewddl.go); GMS calls it to rename a view (RENAME TABLE), after dropping the old name in
// the same transaction, with the old view's statement, so the definition is taken from the
// committed catalog and moved as it is.
func (d *Database) CreateView(ctx *sql.Context, name string, selectStatement, createViewStmt string) error {
	txn, err := txnOf(ctx)
	if err != nil {
		return err
	}
	cat := txn.Catalog()
	_, isView := cat.View(d.name, name)
	if _, isTable := cat.Table(d.name, name); isView || isTable {
		return mariaErr(sequences.ErrTableExists, name)
	}
	old, ok := d.srv.renamedView(createViewStmt)
	if !ok {
		return mariaErr(sequences.ErrNotSupportedYet, "this CREATE VIEW")
	}
	nv := old.Clone()
	nv.DB, nv.Name = d.name, name
	nv.CreateStatement = viewCreateStatement(d.name, name,
		strings.TrimPrefix(old.CreateStatement, viewCreateStatement(old.DB, old.Name, "")))
	return translateStorageError(txn.PutView(nv))
}

// renamedView finds, in the committed catalog, the view whose statement GMS passes to
// CreateView when it renames it.
func (s *Server) renamedView(createViewStmt string) (*storage.ViewDef, bool) {
	stmt, err := ast.Parse(strings.TrimPrefix(createViewStmt, viewMarker))
	if err != nil {
		return nil, false
	}
	ddl, ok := stmt.(*ast.DDL)
	if !ok || ddl.ViewSpec == nil {
		return nil, false
	}
	n := ddl.ViewSpec.ViewName
	return s.db.Catalog().View(n.DbQualifier.String(), n.Name.String())
}

// DropView implements sql.ViewDatabase.
func (d *Database) DropView(ctx *sql.Context, name string) error {
	txn, err := txnOf(ctx)
	if err != nil {
		return err
	}
	if _, ok := txn.Catalog().View(d.name, name); !ok {
		return mariaErr(sequences.ErrUnknownView, d.name+"."+name)
	}
	return translateStorageError(txn.DeleteView(d.name, name))
}

// GetViewDefinition implements sql.ViewDatabase.
func (d *Database) GetViewDefinition(ctx *sql.Context, name string) (sql.ViewDefinition, bool, error) {
	v, ok := d.srv.catalogOf(ctx).View(d.name, name)
	if !ok {
		return sql.ViewDefinition{}, false, nil
	}
	bindingView(ctx, d.name)
	return viewDefinition(v), true, nil
}

// AllViews implements sql.ViewDatabase.
func (d *Database) AllViews(ctx *sql.Context) ([]sql.ViewDefinition, error) {
	var out []sql.ViewDefinition
	for _, v := range d.srv.catalogOf(ctx).Views(d.name) {
		out = append(out, viewDefinition(v))
	}
	return out, nil
}

func viewDefinition(v *storage.ViewDef) sql.ViewDefinition {
	return sql.ViewDefinition{Name: v.Name, TextDefinition: v.Definition, CreateViewStatement: viewMarker + " " + v.CreateStatement}
}

// viewCreateStatement is the statement GMS binds to read view db.name.
func viewCreateStatement(db, name, definition string) string {
	return "CREATE VIEW " + quoteIdent(db) + "." + quoteIdent(name) + " AS " + definition
}

// parseViewSelect parses a view definition (as the body of CREATE VIEW, which vitess also
// accepts in parentheses).
func parseViewSelect(text string) (ast.SelectStatement, error) {
	stmt, err := ast.Parse("CREATE VIEW v AS " + text)
	if err != nil {
		return nil, err
	}
	ddl, ok := stmt.(*ast.DDL)
	if !ok || ddl.ViewSpec == nil || ddl.ViewSpec.ViewExpr == nil {
		return nil, mariaErr(sequences.ErrNotSupportedYet, "this view definition")
	}
	return ddl.ViewSpec.ViewExpr, nil
}

// storedViewSelect parses a stored view: its definition, or where vitess cannot read
// MariaDB's text, the statement GMS reads.
func storedViewSelect(v *storage.ViewDef) (ast.SelectStatement, error) {
	sel, err := parseViewSelect(v.Definition)
	if err == nil {
		return sel, nil
	}
	stmt, err2 := ast.Parse(v.CreateStatement)
	if err2 != nil {
		return nil, err
	}
	if ddl, ok := stmt.(*ast.DDL); ok && ddl.ViewSpec != nil && ddl.ViewSpec.ViewExpr != nil {
		return ddl.ViewSpec.ViewExpr, nil
	}
	return nil, err
}

// firstSelect is the first SELECT of a statement: the one that names a view's columns.
func firstSelect(s ast.SelectStatement) *ast.Select {
	for {
		switch x := s.(type) {
		case *ast.Select:
			return x
		case *ast.ParenSelect:
			s = x.Select
		case *ast.SetOp:
			s = x.Left
		default:
			return nil
		}
	}
}

// viewColumnNames returns the column names of a stored view.
func viewColumnNames(v *storage.ViewDef) ([]string, error) {
	sel, err := storedViewSelect(v)
	if err != nil {
		return nil, mariaErr(sequences.ErrViewInvalid, v.DB, v.Name)
	}
	first := firstSelect(sel)
	if first == nil {
		return nil, mariaErr(sequences.ErrViewInvalid, v.DB, v.Name)
	}
	var names []string
	for _, se := range first.SelectExprs {
		ae, ok := se.(*ast.AliasedExpr)
		switch {
		case !ok:
			return nil, mariaErr(sequences.ErrViewInvalid, v.DB, v.Name)
		case !ae.As.IsEmpty():
			names = append(names, ae.As.String())
		default:
			if c, ok := ae.Expr.(*ast.ColName); ok {
				names = append(names, c.Name.String())
			} else {
				names = append(names, inputText(ae.InputExpression))
			}
		}
	}
	return names, nil
}

// objectColumns returns the column names of table, sequence or view db.name, and whether it is
// a view; MariaDB's 1146 if there is none.
func (s *Server) objectColumns(ctx *sql.Context, db, name string) ([]string, bool, error) {
	cat := s.catalogOf(ctx)
	if v, ok := cat.View(db, name); ok {
		cols, err := viewColumnNames(v)
		return cols, true, err
	}
	if def, ok := cat.Table(db, name); ok {
		if !def.Sequence && len(def.Columns) > 0 {
			var cols []string
			for _, c := range def.Columns {
				if !c.Invisible {
					cols = append(cols, c.Name)
				}
			}
			return cols, false, nil
		}
		t, err := s.tableFor(ctx, def, false)
		if err != nil {
			return nil, false, err
		}
		return schemaNames(t.Schema(ctx)), false, nil
	}
	var t sql.Table
	if _, ok := cat.Database(db); ok {
		if st, ok := newSeqEngineTable(db, name); ok {
			t = st
		}
	} else if gdb, err := s.engine.Analyzer.Catalog.Database(ctx, db); err == nil {
		if gt, ok, err := gdb.GetTableInsensitive(ctx, name); err == nil && ok {
			t = gt
		}
	}
	if t == nil {
		return nil, false, mariaErr(sequences.ErrNoSuchTable, db, name)
	}
	return schemaNames(t.Schema(ctx)), false, nil
}

func schemaNames(sch sql.Schema) []string {
	names := make([]string, len(sch))
	for i, c := range sch {
		names[i] = c.Name
	}
	return names
}

// definerParts splits a stored definer user@host.
func definerParts(definer string) (user, host string) {
	i := strings.LastIndexByte(definer, '@')
	if i < 0 {
		return definer, ""
	}
	return definer[:i], definer[i+1:]
}
