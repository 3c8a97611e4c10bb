package sqlengine

import (
	"fmt"
	"strings"
	"sync"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/planbuilder"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// CREATE TABLE and ALTER TABLE as MariaDB reads them (applied by prepareStatement, prepare.go,
// before GMS builds a plan):
//
//   - ZEROFILL implies UNSIGNED.
//   - CHARACTER SET without COLLATE means MariaDB's default collation of the character set
//     (utf8mb4_general_ci), not MySQL 8's (utf8mb4_0900_ai_ci), for columns, tables and
//     databases.
//   - Unnamed CHECK constraints get MariaDB's names: a column-level check the column's name, a
//     table-level one the first free CONSTRAINT_<n>.
//   - What GMS drops from numeric types (display width, ZEROFILL, FLOAT(M,D)) is noted in the
//     session, and keepColumnTypes stores it in the column's type text when the table is created
//     or rewritten, so that SHOW CREATE TABLE prints int(3) unsigned zerofill as MariaDB does.

// typeNotes is what the session remembers of the last statement parsed: the statement (for
// error and warning texts that name a column or row) and, for CREATE/ALTER TABLE, the numeric
// type texts of its columns.
type typeNotes struct {
	stmt  ast.Statement
	table string            // the table's name as written
	cols  map[string]string // lower-case column name -> type text
	// source is the table of CREATE TABLE ... LIKE (like is set) or of a CREATE TABLE ...
	// SELECT from a single table: its columns' type texts and comments carry over.
	source *ast.TableName
	like   bool
	// keepWarnings is set for a SELECT that reads no table: MariaDB keeps the previous
	// statement's warnings listed then (see Session.ClearWarnings).
	keepWarnings bool
}

// singleSourceTable returns the table a SELECT reads when it reads exactly one.
func singleSourceTable(sel ast.SelectStatement) *ast.TableName {
	s, ok := sel.(*ast.Select)
	if !ok || len(s.From) != 1 {
		return nil
	}
	at, ok := s.From[0].(*ast.AliasedTableExpr)
	if !ok {
		return nil
	}
	tn, ok := at.Expr.(ast.TableName)
	if !ok {
		return nil
	}
	return &tn
}

// prepareTableSpec normalizes one table spec and notes its columns' type texts.
func prepareTableSpec(ts *ast.TableSpec, notes *typeNotes, create bool) error {
	for _, cd := range ts.Columns {
		if cd.Type.KeyOpt == colKey {
			cd.Type.KeyOpt = colKeyPrimary // KEY in a column definition is PRIMARY KEY
		}
	}
	if create && primaryKeyCount(ts) > 1 {
		return mariaErr(sequences.ErrMultiplePriKey)
	}
	for _, cd := range ts.Columns {
		ct := &cd.Type
		if ct.Zerofill {
			ct.Unsigned = true
		}
		if ct.Charset != "" && ct.Collate == "" && !ct.BinaryCollate {
			ct.Collate = mariadbDefaultCollation(ct.Charset)
		}
		if ct.Constraint != nil && ct.Constraint.Name == "" {
			ct.Constraint.Name = cd.Name.String()
		}
		if text, ok := numericTypeNote(ct); ok {
			if notes.cols == nil {
				notes.cols = map[string]string{}
			}
			notes.cols[cd.Name.Lowered()] = text
		}
	}
	nameChecks(ts, create)
	if create {
		prepareTableCharset(ts)
	}
	return nil
}

// colKeyPrimary and colKey are vitess's (unexported) ColumnKeyOptions of a column declared
// PRIMARY KEY and KEY.
const (
	colKeyPrimary ast.ColumnKeyOption = 1
	colKey        ast.ColumnKeyOption = 5
)

// primaryKeyCount counts the PRIMARY KEY clauses of a CREATE TABLE: GMS merges several into one,
// MariaDB rejects them (1068).
func primaryKeyCount(ts *ast.TableSpec) int {
	n := 0
	for _, cd := range ts.Columns {
		if cd.Type.KeyOpt == colKeyPrimary {
			n++
		}
	}
	for _, ix := range ts.Indexes {
		if ix.Info != nil && ix.Info.Primary {
			n++
		}
	}
	return n
}

// nameChecks names the unnamed checks of a table spec. A column-level check appears both on
// its column and among the table's constraints; it is named after its column. Table-level
// checks of ALTER TABLE are named when added (uniqueCheckName), where the table's are known.
func nameChecks(ts *ast.TableSpec, create bool) {
	used := map[string]bool{}
	byDetails := map[*ast.CheckConstraintDefinition]string{}
	for _, cd := range ts.Columns {
		if c := cd.Type.Constraint; c != nil {
			if d, ok := c.Details.(*ast.CheckConstraintDefinition); ok {
				byDetails[d] = c.Name
			}
		}
	}
	for _, c := range ts.Constraints {
		if c.Name != "" {
			used[strings.ToLower(c.Name)] = true
		}
	}
	for _, c := range ts.Constraints {
		d, ok := c.Details.(*ast.CheckConstraintDefinition)
		if !ok || c.Name != "" {
			continue
		}
		if name, ok := byDetails[d]; ok {
			c.Name = name
			continue
		}
		if !create {
			continue
		}
		c.Name = freeCheckName(used)
		used[strings.ToLower(c.Name)] = true
	}
}

// freeCheckName returns the first CONSTRAINT_<n> not in used (lower-case names).
func freeCheckName(used map[string]bool) string {
	for n := 1; ; n++ {
		name := fmt.Sprintf("CONSTRAINT_%d", n)
		if !used[strings.ToLower(name)] {
			return name
		}
	}
}

// uniqueCheckName names a check added by ALTER TABLE ADD CHECK without a name.
func uniqueCheckName(existing []storage.CheckDef) string {
	used := map[string]bool{}
	for _, c := range existing {
		used[strings.ToLower(c.Name)] = true
	}
	return freeCheckName(used)
}

// prepareTableCharset adds MariaDB's default collation to DEFAULT CHARSET=cs without COLLATE.
func prepareTableCharset(ts *ast.TableSpec) {
	var charset string
	for _, o := range ts.TableOpts {
		switch strings.ToLower(o.Name) {
		case "collate":
			return
		case "character set", "charset":
			charset = o.Value
		}
	}
	if charset != "" {
		if coll := mariadbDefaultCollation(charset); coll != "" {
			ts.TableOpts = append(ts.TableOpts, &ast.TableOption{Name: "collate", Value: coll})
		}
	}
}

// prepareDatabaseCharset does the same for CREATE/ALTER DATABASE.
func prepareDatabaseCharset(d *ast.DBDDL) {
	var charset string
	for _, o := range d.CharsetCollate {
		switch strings.ToLower(o.Type) {
		case "collate":
			return
		case "character set", "charset":
			charset = o.Value
		}
	}
	if coll := mariadbDefaultCollation(charset); coll != "" {
		d.CharsetCollate = append(d.CharsetCollate, &ast.CharsetAndCollate{Type: "collate", Value: coll})
	}
}

// mariadbDefaultCollation is MariaDB 10.11's default collation of the character sets whose
// default differs from MySQL 8's, or "".
func mariadbDefaultCollation(charset string) string {
	switch strings.ToLower(strings.Trim(charset, "'\"`")) {
	case "utf8mb4":
		return "utf8mb4_general_ci"
	case "utf8", "utf8mb3":
		return "utf8mb3_general_ci"
	case "ucs2":
		return "ucs2_general_ci"
	case "utf16":
		return "utf16_general_ci"
	case "utf32":
		return "utf32_general_ci"
	}
	return ""
}

// numericTypeNote returns the type text of a numeric column when it carries something GMS's type
// drops: a display width, ZEROFILL, or FLOAT/DOUBLE(M,D).
func numericTypeNote(ct *ast.ColumnType) (string, bool) {
	name := strings.ToLower(ct.Type)
	switch name {
	case "tinyint", "smallint", "mediumint", "int", "integer", "bigint":
		if ct.Length == nil && !ct.Zerofill {
			return "", false
		}
		if name == "integer" {
			name = "int"
		}
	case "float", "double", "real", "double precision":
		if (ct.Length == nil || ct.Scale == nil) && !ct.Zerofill && !ct.Unsigned {
			return "", false
		}
		if name != "float" {
			name = "double"
		}
	case "decimal", "dec", "numeric", "fixed":
		if !ct.Zerofill && !ct.Unsigned {
			return "", false
		}
		name = "decimal"
	default:
		return "", false
	}
	text := name
	if ct.Length != nil {
		text += "(" + string(ct.Length.Val)
		if ct.Scale != nil {
			text += "," + string(ct.Scale.Val)
		}
		text += ")"
	}
	if ct.Unsigned || ct.Zerofill {
		text += " unsigned"
	}
	if ct.Zerofill {
		text += " zerofill"
	}
	return text, true
}

// keepColumnTypes gives the columns of a new or rewritten table definition the type texts the
// user wrote: from the statement being run (its notes) or, for columns it did not define, from
// the table's previous definition. A text is used only if it denotes the same GMS type as the
// column's, so a stale note can never change a type.
func (s *Server) keepColumnTypes(ctx *sql.Context, def, old *storage.TableDef) {
	var notes *typeNotes
	if sess, ok := ctx.Session.(*Session); ok && sess.colTypes != nil && sess.colTypes.table != "" && strings.EqualFold(sess.colTypes.table, def.Name) {
		notes = sess.colTypes
	}
	if old == nil && notes != nil && notes.source != nil {
		old, _ = s.sourceTableDef(ctx, notes.source)
	}
	for i := range def.Columns {
		c := &def.Columns[i]
		if notes != nil {
			if text, ok := notes.cols[strings.ToLower(c.Name)]; ok && sameType(ctx, text, c.Type) {
				c.Type = text
				continue
			}
			if notes.source != nil && old != nil {
				s.copySourceColumn(ctx, c, old, notes.like)
				continue
			}
		}
		if old == nil {
			continue
		}
		name := c.Name
		if from, ok := renamedColumns(notes)[strings.ToLower(name)]; ok {
			name = from
		}
		for _, oc := range old.Columns {
			if strings.EqualFold(oc.Name, name) && oc.Type != c.Type && sameType(ctx, oc.Type, c.Type) {
				c.Type = oc.Type
				break
			}
		}
	}
}

// renamedColumns maps the new names of ALTER TABLE ... RENAME COLUMN a TO b to the old ones.
func renamedColumns(notes *typeNotes) map[string]string {
	if notes == nil {
		return nil
	}
	at, ok := notes.stmt.(*ast.AlterTable)
	if !ok {
		return nil
	}
	var m map[string]string
	for _, d := range at.Statements {
		if d.ColumnAction == ast.RenameStr && !d.ToColumn.IsEmpty() {
			if m == nil {
				m = map[string]string{}
			}
			m[d.ToColumn.Lowered()] = d.Column.String()
		}
	}
	return m
}

// sourceTableDef returns the definition of the LIKE or SELECT source of a CREATE TABLE.
func (s *Server) sourceTableDef(ctx *sql.Context, tn *ast.TableName) (*storage.TableDef, bool) {
	db := tn.DbQualifier.String()
	if db == "" {
		db = ctx.GetCurrentDatabase()
	}
	if def, ok := s.sessionTemp(ctx).get(db, tn.Name.String()); ok {
		return def, true
	}
	return s.catalogOf(ctx).Table(db, tn.Name.String())
}

// copySourceColumn gives c the type text and comment (and, for LIKE, the visibility) of the
// source column of the same name, if its type is the same.
func (s *Server) copySourceColumn(ctx *sql.Context, c *storage.ColumnDef, src *storage.TableDef, like bool) {
	for _, sc := range src.Columns {
		if !strings.EqualFold(sc.Name, c.Name) || !sameType(ctx, sc.Type, c.Type) {
			continue
		}
		c.Type = sc.Type
		if c.Comment == "" {
			c.Comment = sc.Comment
		}
		if like {
			c.Invisible = sc.Invisible
		}
		return
	}
}

// sameType reports whether two type texts parse to the same GMS type.
func sameType(ctx *sql.Context, a, b string) bool {
	ta, err := parseColumnType(ctx, a)
	if err != nil {
		return false
	}
	tb, err := parseColumnType(ctx, b)
	if err != nil {
		return false
	}
	return ta.String() == tb.String() && ta.Equals(tb)
}

var columnTypes sync.Map // type text -> sql.Type

// parseColumnType parses a stored type text, caching the result.
func parseColumnType(ctx *sql.Context, text string) (sql.Type, error) {
	if t, ok := columnTypes.Load(text); ok {
		return t.(sql.Type), nil
	}
	t, err := planbuilder.ParseColumnTypeString(ctx, text)
	if err != nil {
		return nil, err
	}
	columnTypes.Store(text, t)
	return t, nil
}
