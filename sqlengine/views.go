package sqlengine

import (
	"github.com/dolthub/go-mysql-server/sql"

	"github.com/seqd/seqd/storage"
)

// CreateView implements sql.ViewDatabase.
func (d *Database) CreateView(ctx *sql.Context, name string, selectStatement, createViewStmt string) error {
	txn, err := txnOf(ctx)
	if err != nil {
		return err
	}
	cat := txn.Catalog()
	if _, ok := cat.View(d.name, name); ok {
		return sql.ErrExistingView.New(d.name, name)
	}
	if _, ok := cat.Table(d.name, name); ok {
		return sql.ErrTableAlreadyExists.New(name)
	}
	def := &storage.ViewDef{
		DB:              d.name,
		Name:            name,
		Definition:      selectStatement,
		CreateStatement: createViewStmt,
		SQLSecurity:     "DEFINER",
		Algorithm:       "UNDEFINED",
	}
	if mode, err := ctx.GetSessionVariable(ctx, "sql_mode"); err == nil {
		_ = mode
	}
	return translateStorageError(txn.PutView(def))
}

// DropView implements sql.ViewDatabase.
func (d *Database) DropView(ctx *sql.Context, name string) error {
	txn, err := txnOf(ctx)
	if err != nil {
		return err
	}
	if _, ok := txn.Catalog().View(d.name, name); !ok {
		return sql.ErrViewDoesNotExist.New(d.name, name)
	}
	return translateStorageError(txn.DeleteView(d.name, name))
}

// GetViewDefinition implements sql.ViewDatabase.
func (d *Database) GetViewDefinition(ctx *sql.Context, name string) (sql.ViewDefinition, bool, error) {
	v, ok := d.srv.catalogOf(ctx).View(d.name, name)
	if !ok {
		return sql.ViewDefinition{}, false, nil
	}
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
	return sql.ViewDefinition{Name: v.Name, TextDefinition: v.Definition, CreateViewStatement: v.CreateStatement}
}
