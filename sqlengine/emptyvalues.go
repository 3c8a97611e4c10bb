package sqlengine

import (
	"context"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// checkInsertValues applies MariaDB's rules for the DEFAULT values of INSERT ... VALUES that GMS
// gets wrong, and rewrites empty rows:
//   - an empty row () fills every column with its default, but only without a column list,
//     and only when every row is empty: otherwise 1136 at the first row whose count differs;
//   - a row whose count differs from the number of columns fails with 1136 before any of its
//     values is looked at;
//   - in strict mode, DEFAULT (or an empty row) for a NOT NULL column without a default fails
//     with 1364, as when the column is left out (GMS stored NULL and failed with 1048);
//   - INSERT INTO t [()] VALUES (), ... becomes INSERT INTO t (c) VALUES (DEFAULT), ... with c
//     a stored column: both fill every column with its default, but GMS evaluates the defaults
//     of an empty row without the row's other columns, so a default that reads another column
//     (b INT DEFAULT (a + 1)) came out NULL.
func checkInsertValues(ctx context.Context, stmt ast.Statement) error {
	ins, ok := stmt.(*ast.Insert)
	if !ok {
		return nil
	}
	rows := insertValues(ins)
	if len(rows) == 0 {
		return nil
	}
	empty := 0
	for i, row := range rows {
		if len(row) == 0 {
			empty++
		}
		if len(row) != len(rows[0]) || len(row) == 0 && len(ins.Columns) > 0 {
			return mariaErr(sequences.ErrWrongValueCountOnRow, i+1)
		}
	}
	target, ok := insertTarget(ctx, ins)
	if !ok {
		return nil
	}
	def := target.def
	if err := checkValueCounts(def, ins.Columns, rows); err != nil {
		return err
	}
	if sql.LoadSqlMode(target.ctx).Strict() && ins.Ignore == "" {
		if err := checkExplicitDefaults(def, ins.Columns, rows); err != nil {
			return err
		}
	}
	if empty == 0 || def.Sequence {
		return nil
	}
	for _, c := range def.Columns {
		if c.Generated != "" {
			continue
		}
		ins.Columns = ast.Columns{ast.NewColIdent(c.Name)}
		for i := range rows {
			rows[i] = ast.ValTuple{&ast.Default{}}
		}
		break
	}
	return nil
}

// checkValueCounts returns 1136 at the first row whose number of values differs from the number
// of columns it fills (the column list, or the visible columns): MariaDB counts before it looks
// at any value, so a DEFAULT for a column without a default in a short row is not reported.
// It opens the tables the values name and resolves the first row's columns before that, so rows
// that name a column, a function (NEXTVAL(s), ...) or a subquery are left to GMS.
func checkValueCounts(def *storage.TableDef, cols ast.Columns, rows ast.Values) error {
	opens := false
	visitAST(rows, func(n any) bool {
		switch n.(type) {
		case *ast.ColName, *ast.FuncExpr, *ast.Subquery, *ast.Nextval:
			opens = true
		}
		return !opens
	})
	if opens {
		return nil
	}
	want := len(cols)
	if want == 0 {
		for _, c := range def.Columns {
			if !c.Invisible {
				want++
			}
		}
	}
	for i, row := range rows {
		if len(row) != want && (len(row) > 0 || len(cols) > 0) {
			return mariaErr(sequences.ErrWrongValueCountOnRow, i+1)
		}
	}
	return nil
}

// checkExplicitDefaults returns 1364 for a DEFAULT value (or an empty row) given to a NOT NULL
// column that has no default. An ENUM NOT NULL column has one: its first member. (INSERT
// IGNORE is never strict: the caller leaves it to insertConversion's warnings.)
func checkExplicitDefaults(def *storage.TableDef, cols ast.Columns, rows ast.Values) error {
	noDefault := func(c *storage.ColumnDef) bool {
		return !c.Nullable && c.Default == "" && !c.AutoIncrement && c.Generated == "" &&
			!strings.HasPrefix(strings.ToLower(c.Type), "enum(")
	}
	var targets []*storage.ColumnDef
	if len(cols) == 0 {
		for i := range def.Columns {
			if !def.Columns[i].Invisible {
				targets = append(targets, &def.Columns[i])
			}
		}
	} else {
		for _, name := range cols {
			for i := range def.Columns {
				if strings.EqualFold(def.Columns[i].Name, name.String()) {
					targets = append(targets, &def.Columns[i])
				}
			}
		}
		if len(targets) != len(cols) {
			return nil // an unknown column: GMS reports it
		}
	}
	for _, row := range rows {
		if len(row) == 0 {
			for _, c := range def.Columns {
				if noDefault(&c) {
					return mariaErr(sequences.ErrNoDefaultForField, c.Name)
				}
			}
			continue
		}
		for j, e := range row {
			if _, isDefault := e.(*ast.Default); isDefault && j < len(targets) && noDefault(targets[j]) {
				return mariaErr(sequences.ErrNoDefaultForField, targets[j].Name)
			}
		}
	}
	return nil
}
