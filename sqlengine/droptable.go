package sqlengine

import (
	"errors"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// DROP [TEMPORARY] TABLE [IF EXISTS] as MariaDB runs it. GMS's DROP TABLE fails while planning
// when a table is missing, names missing tables without their database, and warns once per
// table; MariaDB drops every table that exists (sequences included, temporary tables first),
// then reports all missing ones in one error or Note 1051: Unknown table 'test.a,test.b'.

// dropTableSpec is a parsed DROP TABLE.
type dropTableSpec struct {
	names     []ast.TableName
	ifExists  bool
	temporary bool
}

// errUnknownTable marks a table DROP TABLE did not find.
var errUnknownTable = errors.New("sqlengine: unknown table")

// dropTableStatement replaces vitess's DROP TABLE with seqd's.
func dropTableStatement(d *ast.DDL) ast.Statement {
	st := &dropTableSpec{names: append([]ast.TableName(nil), d.FromTables...), ifExists: d.IfExists, temporary: d.Temporary}
	return statement("DROP TABLE", nil, func(ctx *sql.Context, _ []sql.Expression) (sql.Node, error) {
		return okNode("DROP TABLE", func(ctx *sql.Context) (sql.RowIter, error) { return srvOf(ctx).dropTables(ctx, st) }), nil
	})
}

// dropTables runs DROP TABLE: privileges are checked for every table first; then the tables that
// exist are dropped and the missing ones reported together.
func (s *Server) dropTables(ctx *sql.Context, st *dropTableSpec) (sql.RowIter, error) {
	type target struct{ db, name string }
	targets := make([]target, 0, len(st.names))
	for _, n := range st.names {
		db := n.DbQualifier.String()
		if db == "" {
			if db = ctx.GetCurrentDatabase(); db == "" {
				return nil, mariaErr(sequences.ErrNoDB)
			}
		}
		name := n.Name.String()
		if !s.sessionTemp(ctx).has(db, name) {
			if err := s.checkTablePrivileges(ctx, db, name, sql.PrivilegeType_Drop); err != nil {
				return nil, err
			}
		}
		targets = append(targets, target{db, name})
	}
	var missing []string
	var firstErr error
	err := s.ddl(ctx, func(txn *storage.Txn) error {
		if foreignKeyChecks(ctx) {
			dropped := make(map[tableName]bool, len(targets))
			for _, t := range targets {
				if !s.sessionTemp(ctx).has(t.db, t.name) {
					dropped[tableName{t.db, strings.ToLower(t.name)}] = true
				}
			}
			for t := range dropped {
				for _, r := range referencingKeys(txn.Catalog(), t.db, t.name) {
					if !dropped[tableName{r.child.DB, strings.ToLower(r.child.Name)}] {
						firstErr = errParentRowReferenced()
						return nil
					}
				}
			}
		}
		for _, t := range targets {
			err := s.dropOneTable(ctx, txn, st, t.db, t.name)
			switch {
			case errors.Is(err, errUnknownTable):
				missing = append(missing, t.db+"."+t.name)
			case err != nil && firstErr == nil:
				firstErr = err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if firstErr != nil {
		return nil, firstErr
	}
	if len(missing) > 0 {
		if !st.ifExists {
			return nil, mariaErr(sequences.ErrBadTable, strings.Join(missing, ","))
		}
		note(ctx, sequences.ErrBadTable, strings.Join(missing, ","))
	}
	return okResult(0), nil
}

// dropOneTable drops a temporary table, table or sequence, or reports why not.
func (s *Server) dropOneTable(ctx *sql.Context, txn *storage.Txn, st *dropTableSpec, db, name string) error {
	if temp := s.sessionTemp(ctx); temp.has(db, name) {
		return temp.drop(ctx, s, db, name)
	}
	if st.temporary {
		return errUnknownTable
	}
	cat := txn.Catalog()
	if _, ok := cat.View(db, name); ok {
		if st.ifExists {
			note(ctx, sequences.ErrItIsAView, db+"."+name)
			return nil
		}
		return mariaErr(sequences.ErrItIsAView, db+"."+name)
	}
	def, ok := cat.Table(db, name)
	if !ok {
		return errUnknownTable
	}
	if err := checkLocked(ctx, db, name, true); err != nil {
		return err
	}
	if err := lockForWrite(ctx, txn, def.ID); err != nil {
		return err
	}
	if err := dropTableTriggers(txn, db, def.Name); err != nil {
		return err
	}
	if err := txn.DeleteTable(def.ID); err != nil {
		return translateStorageError(err)
	}
	if def.Sequence {
		s.seqs.Drop(def.ID)
		s.autoInc.forget(def.ID)
	} else {
		s.forgetTable(def.ID)
	}
	return nil
}

// DROP VIEW [IF EXISTS]: existing views are dropped; missing ones are reported together
// (4092), and a table named instead of a view gets Warning 1347 first.

// dropViewStatement replaces vitess's DROP VIEW with seqd's.
func dropViewStatement(d *ast.DDL) ast.Statement {
	st := &dropTableSpec{names: append([]ast.TableName(nil), d.FromViews...), ifExists: d.IfExists}
	return statement("DROP VIEW", nil, func(ctx *sql.Context, _ []sql.Expression) (sql.Node, error) {
		return okNode("DROP VIEW", func(ctx *sql.Context) (sql.RowIter, error) { return srvOf(ctx).dropViews(ctx, st) }), nil
	})
}

func (s *Server) dropViews(ctx *sql.Context, st *dropTableSpec) (sql.RowIter, error) {
	var missing []string
	err := s.ddl(ctx, func(txn *storage.Txn) error {
		for _, n := range st.names {
			db := n.DbQualifier.String()
			if db == "" {
				if db = ctx.GetCurrentDatabase(); db == "" {
					return mariaErr(sequences.ErrNoDB)
				}
			}
			name := n.Name.String()
			cat := txn.Catalog()
			if _, ok := cat.View(db, name); !ok {
				if _, isTable := cat.Table(db, name); isTable {
					ctx.Session.Warn(&sql.Warning{Level: "Warning", Code: sequences.ErrWrongObject.Code,
						Message: sequences.ErrWrongObject.New(db, name, "VIEW").Message})
				}
				missing = append(missing, db+"."+name)
				continue
			}
			if err := s.checkTablePrivileges(ctx, db, name, sql.PrivilegeType_Drop); err != nil {
				return err
			}
			if err := txn.DeleteView(db, name); err != nil {
				return translateStorageError(err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(missing) > 0 {
		if !st.ifExists {
			return nil, mariaErr(sequences.ErrUnknownView, strings.Join(missing, ","))
		}
		note(ctx, sequences.ErrUnknownView, strings.Join(missing, ","))
	}
	return okResult(0), nil
}
