package sqlengine

import (
	"context"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// Column attributes vitess parses and GMS loses, applied as MariaDB does:
//
//   - BINARY without a character set is the binary collation of the table's character set
//     (the database's when the table names none); with a COLLATE other than that collation it
//     is 1302.
//   - DESC key parts: vitess parses them and GMS drops them; the parser notes them (descKeysOf)
//     and the key is stored with them (applyDescParts), which its encoding honours.
//   - INVISIBLE: vitess drops the word, so the parser finds the columns in the statement text
//     (invisibleColumns) and the CreateTable hook and ALTER TABLE's rewrite mark them (the
//     storage flag ColumnDef.Invisible, GMS's Column.Hidden). SELECT * and INSERT without a
//     column list leave invisible columns out (hideInvisibleColumns rewrites them).

// noteColumnAttributes applies BINARY, records the INVISIBLE columns of a CREATE or ALTER TABLE
// for ctx's session, and hides invisible columns from the statement's SELECT * and INSERT.
func noteColumnAttributes(ctx context.Context, stmt ast.Statement, text string) error {
	sctx, _ := ctx.(*sql.Context)
	sess, ok := sessionFromContext(sctx)
	if !ok {
		return nil
	}
	sess.srv.noteOKInfo(sctx, sess, stmt)
	if _, isSelect := stmt.(ast.SelectStatement); !isSelect {
		// GMS parses the SELECTs of views while it runs a statement
		sess.invisibleCols, sess.descKeys = nil, nil
	}
	switch s := stmt.(type) {
	case *ast.DDL:
		if s.Action != ast.CreateStr && s.Action != ast.AlterStr {
			break
		}
		sess.invisibleCols, sess.descKeys = invisibleColumns(text), descKeysOf(s)
		if err := sess.srv.binaryAttribute(sctx, s.Table, s.TableSpec, s.Action == ast.CreateStr); err != nil {
			return err
		}
	case *ast.AlterTable:
		sess.invisibleCols, sess.descKeys = invisibleColumns(text), descKeysOf(s)
		for _, d := range s.Statements {
			if err := sess.srv.binaryAttribute(sctx, s.Table, d.TableSpec, false); err != nil {
				return err
			}
		}
	}
	sess.srv.hideInvisibleColumns(sctx, stmt)
	return nil
}

// binaryAttribute gives the columns declared BINARY without a character set the binary
// collation of the table's character set.
func (s *Server) binaryAttribute(ctx *sql.Context, table ast.TableName, ts *ast.TableSpec, create bool) error {
	if ts == nil {
		return nil
	}
	charset := ""
	for _, cd := range ts.Columns {
		ct := &cd.Type
		if !ct.BinaryCollate {
			continue
		}
		cs := ct.Charset
		if cs == "" {
			if charset == "" {
				charset = s.tableCharset(ctx, table, ts, create)
			}
			cs = charset
		}
		if ct.Collate != "" && !strings.EqualFold(ct.Collate, cs+"_bin") {
			if ct.Charset == "" {
				return mariaErr(sequences.ErrConflictingDeclarations, "", "BINARY", "COLLATE ", ct.Collate)
			}
			return mariaErr(sequences.ErrConflictingDeclarations, "COLLATE ", strings.ToLower(cs)+"_bin", "COLLATE ", ct.Collate)
		}
		if cs != "" && ct.Charset == "" && !strings.EqualFold(cs, "binary") {
			ct.Charset = cs
		}
	}
	return nil
}

// tableCharset is the character set of the table a CREATE or ALTER TABLE defines: its DEFAULT
// CHARSET or COLLATE option, else (CREATE) the database's or (ALTER) the table's.
func (s *Server) tableCharset(ctx *sql.Context, table ast.TableName, ts *ast.TableSpec, create bool) string {
	collate := ""
	for _, o := range ts.TableOpts {
		switch strings.ToLower(o.Name) {
		case "character set", "charset":
			return o.Value
		case "collate":
			collate = o.Value
		}
	}
	if collate != "" {
		if c, err := sql.ParseCollation("", collate, false); err == nil {
			return c.CharacterSet().Name()
		}
	}
	db := table.DbQualifier.String()
	if db == "" {
		db = ctx.GetCurrentDatabase()
	}
	if !create {
		if def, _, ok := s.findTableDef(ctx, db, table.Name.String()); ok && def.Charset != "" {
			return def.Charset
		}
	}
	if db == "" {
		return ""
	}
	return (&Database{srv: s, name: db}).GetCollation(ctx).CharacterSet().Name()
}

// keyWords start the items of a column list that are not columns.
var keyWords = map[string]bool{
	"key": true, "index": true, "primary": true, "unique": true, "constraint": true, "check": true,
	"foreign": true, "fulltext": true, "spatial": true, "period": true, "system": true,
}

// invisibleColumns returns the lower-case names of the columns a CREATE TABLE or ALTER TABLE
// (ADD, MODIFY, CHANGE) defines with INVISIBLE; nil if none.
func invisibleColumns(q string) map[string]bool {
	if !containsFold(q, "invisible") {
		return nil
	}
	toks := lexAll(q, false)
	if !isTableDDL(q, toks) {
		return nil
	}
	out := map[string]bool{}
	i := 0
	for i < len(toks) && !toks[i].isWord(q, "table") {
		i++
	}
	i += 2 // TABLE name
	if i+1 < len(toks) && toks[i].isPunct(q, '.') {
		i += 2
	}
	if toks[0].isWord(q, "create") {
		for j := i; j < len(toks); j++ {
			if toks[j].isPunct(q, '(') {
				columnList(q, toks[j+1:], out)
				break
			}
		}
		return out
	}
	for _, item := range splitArgs(q, toks[min(i, len(toks)):]) {
		alterItemColumns(q, item, out)
	}
	return out
}

// alterItemColumns notes the invisible column of one ALTER TABLE item.
func alterItemColumns(q string, item []token, out map[string]bool) {
	j := 0
	word := func(w string) bool {
		if j < len(item) && item[j].isWord(q, w) {
			j++
			return true
		}
		return false
	}
	switch {
	case word("add"):
		word("column")
		if word("if") {
			j += 2 // NOT EXISTS
		}
		if j < len(item) && item[j].isPunct(q, '(') {
			columnList(q, item[j+1:], out)
			return
		}
	case word("modify"):
		word("column")
		if word("if") {
			j++ // EXISTS
		}
	case word("change"):
		word("column")
		if word("if") {
			j++ // EXISTS
		}
		j++ // the old name
	default:
		return
	}
	if j < len(item) {
		columnDefinition(q, item[j:], out)
	}
}

// columnList notes the invisible columns of a parenthesized list whose "(" precedes toks.
func columnList(q string, toks []token, out map[string]bool) {
	depth := 0
	for i, t := range toks {
		if t.isPunct(q, '(') {
			depth++
		} else if t.isPunct(q, ')') {
			if depth == 0 {
				toks = toks[:i]
				break
			}
			depth--
		}
	}
	for _, el := range splitArgs(q, toks) {
		columnDefinition(q, el, out)
	}
}

// columnDefinition notes el's column if el defines one with INVISIBLE.
func columnDefinition(q string, el []token, out map[string]bool) {
	if len(el) == 0 || !el[0].isIdent() || el[0].kind == tokWord && keyWords[strings.ToLower(el[0].text(q))] {
		return
	}
	depth := 0
	for _, t := range el[1:] {
		switch {
		case t.isPunct(q, '('):
			depth++
		case t.isPunct(q, ')'):
			depth--
		case depth == 0 && t.isWord(q, "invisible"):
			out[strings.ToLower(identText(q, el[0]))] = true
			return
		}
	}
}

// markInvisible marks the columns the statement declared INVISIBLE in a new definition and
// checks MariaDB's rules for them: a NOT NULL invisible column needs a default (4108), and a
// table needs a visible column (1113).
func markInvisible(ctx *sql.Context, def *storage.TableDef) error {
	sess, ok := sessionFromContext(ctx)
	if ok && len(sess.invisibleCols) > 0 {
		for i := range def.Columns {
			if sess.invisibleCols[strings.ToLower(def.Columns[i].Name)] {
				def.Columns[i].Invisible = true
			}
		}
	}
	return checkInvisible(def.Columns)
}

// checkInvisible applies MariaDB's rules for invisible columns.
func checkInvisible(cols []storage.ColumnDef) error {
	visible := len(cols) == 0
	for _, c := range cols {
		visible = visible || !c.Invisible
	}
	if !visible {
		return mariaErr(sequences.ErrTableMustHaveColumns)
	}
	for _, c := range cols {
		if c.Invisible && !c.Nullable && c.Default == "" && c.Generated == "" && !c.AutoIncrement {
			return mariaErr(sequences.ErrInvisibleNotNullWithoutDefault, c.Name)
		}
	}
	return nil
}

// hideInvisibleColumns rewrites the SELECT * (and t.*) and the INSERT without a column list of
// a statement that read or write a table with invisible columns, so that they leave those
// columns out.
func (s *Server) hideInvisibleColumns(ctx *sql.Context, stmt ast.Statement) {
	visitAST(stmt, func(n any) bool {
		switch n := n.(type) {
		case *ast.Select:
			s.expandStars(ctx, n)
		case *ast.Insert:
			s.insertColumns(ctx, n)
		}
		return true
	})
}

// fromItem is a table of a FROM clause: def is nil for a derived table or view.
type fromItem struct {
	qualifier ast.TableName
	def       *storage.TableDef
}

func hasInvisible(def *storage.TableDef) bool {
	if def == nil {
		return false
	}
	for _, c := range def.Columns {
		if c.Invisible {
			return true
		}
	}
	return false
}

// fromItems lists the tables of a FROM clause in order; ok is false for a join whose columns
// * does not simply concatenate (NATURAL, USING) or an item that cannot be qualified.
func (s *Server) fromItems(ctx *sql.Context, te ast.TableExpr) ([]fromItem, bool) {
	switch t := te.(type) {
	case *ast.AliasedTableExpr:
		if tn, ok := t.Expr.(ast.TableName); ok {
			q := ast.TableName{Name: tn.Name, DbQualifier: tn.DbQualifier}
			if !t.As.IsEmpty() {
				q = ast.TableName{Name: t.As}
			}
			db := tn.DbQualifier.String()
			if db == "" {
				db = ctx.GetCurrentDatabase()
			}
			def, _, _ := s.findTableDef(ctx, db, tn.Name.String())
			return []fromItem{{qualifier: q, def: def}}, true
		}
		if t.As.IsEmpty() {
			return nil, false
		}
		return []fromItem{{qualifier: ast.TableName{Name: t.As}}}, true
	case *ast.JoinTableExpr:
		if t.Condition.Using != nil || strings.Contains(strings.ToLower(t.Join), "natural") {
			return nil, false
		}
		l, ok := s.fromItems(ctx, t.LeftExpr)
		if !ok {
			return nil, false
		}
		r, ok := s.fromItems(ctx, t.RightExpr)
		return append(l, r...), ok
	case *ast.ParenTableExpr:
		var out []fromItem
		for _, e := range t.Exprs {
			items, ok := s.fromItems(ctx, e)
			if !ok {
				return nil, false
			}
			out = append(out, items...)
		}
		return out, true
	}
	return nil, false
}

// expandStars replaces the stars of sel that cover a table with invisible columns by its
// visible columns.
func (s *Server) expandStars(ctx *sql.Context, sel *ast.Select) {
	hasStar := false
	for _, se := range sel.SelectExprs {
		if _, ok := se.(*ast.StarExpr); ok {
			hasStar = true
		}
	}
	if !hasStar {
		return
	}
	var items []fromItem
	invisible := false
	for _, te := range sel.From {
		its, ok := s.fromItems(ctx, te)
		if !ok {
			return
		}
		for _, it := range its {
			invisible = invisible || hasInvisible(it.def)
		}
		items = append(items, its...)
	}
	if !invisible {
		return
	}
	var out ast.SelectExprs
	for _, se := range sel.SelectExprs {
		star, ok := se.(*ast.StarExpr)
		if !ok {
			out = append(out, se)
			continue
		}
		for _, it := range items {
			if star.TableName.Name.IsEmpty() || strings.EqualFold(star.TableName.Name.String(), it.qualifier.Name.String()) {
				out = append(out, starOf(it)...)
			}
		}
	}
	sel.SelectExprs = out
}

// starOf is what * selects of one table: its visible columns, or the table's star.
func starOf(it fromItem) ast.SelectExprs {
	if !hasInvisible(it.def) {
		return ast.SelectExprs{&ast.StarExpr{TableName: it.qualifier}}
	}
	var out ast.SelectExprs
	for _, c := range it.def.Columns {
		if c.Invisible {
			continue
		}
		name := ast.NewColIdent(c.Name)
		out = append(out, &ast.AliasedExpr{Expr: &ast.ColName{Name: name, Qualifier: it.qualifier}, As: name, InputExpression: c.Name})
	}
	return out
}

// insertColumns gives an INSERT without a column list into a table with invisible columns the
// list of its visible columns.
func (s *Server) insertColumns(ctx *sql.Context, ins *ast.Insert) {
	if len(ins.Columns) > 0 || ins.Table.Name.IsEmpty() {
		return
	}
	if vals, ok := ins.Rows.(ast.Values); ok {
		for _, row := range vals {
			if len(row) == 0 {
				return // VALUES () takes every default
			}
		}
	}
	db := ins.Table.DbQualifier.String()
	if db == "" {
		db = ctx.GetCurrentDatabase()
	}
	def, _, ok := s.findTableDef(ctx, db, ins.Table.Name.String())
	if !ok || !hasInvisible(def) {
		return
	}
	for _, c := range def.Columns {
		if !c.Invisible {
			ins.Columns = append(ins.Columns, ast.NewColIdent(c.Name))
		}
	}
}

// descKey is a key a statement declares with descending parts (vitess parses ASC/DESC, GMS
// drops it).
type descKey struct {
	name    string   // lower case; "primary" for the primary key, "" if unnamed
	columns []string // lower case
	desc    []bool
}

// descKeysOf returns the keys with a descending part that stmt defines.
func descKeysOf(stmt ast.Statement) []descKey {
	var out []descKey
	add := func(name string, fields []*ast.IndexField) {
		k := descKey{name: strings.ToLower(name)}
		any := false
		for _, f := range fields {
			d := strings.EqualFold(f.Order, "desc")
			any = any || d
			k.columns = append(k.columns, f.Column.Lowered())
			k.desc = append(k.desc, d)
		}
		if any {
			out = append(out, k)
		}
	}
	visitAST(stmt, func(n any) bool {
		switch n := n.(type) {
		case *ast.IndexDefinition:
			if n.Info != nil {
				name := n.Info.Name.String()
				if n.Info.Primary {
					name = "primary"
				}
				add(name, n.Fields)
			}
		case *ast.IndexSpec:
			if strings.EqualFold(n.Action, ast.CreateStr) {
				name := n.ToName.String()
				if strings.EqualFold(n.Type, "primary") {
					name = "primary"
				}
				add(name, n.Fields)
			}
		case *ast.Select:
			return false
		}
		return true
	})
	return out
}

// applyDescParts marks the descending parts of a key the running statement declared: the key
// of that name, or else the unnamed one on the same columns.
func applyDescParts(ctx *sql.Context, name string, cols []storage.IndexColumn) {
	sess, ok := sessionFromContext(ctx)
	if !ok {
		return
	}
	match := func(k descKey) bool {
		if len(k.columns) != len(cols) {
			return false
		}
		for i, c := range cols {
			if k.columns[i] != strings.ToLower(c.Name) {
				return false
			}
		}
		return true
	}
	for _, byName := range []bool{true, false} {
		for _, k := range sess.descKeys {
			if byName && k.name != strings.ToLower(name) || !byName && k.name != "" || !match(k) {
				continue
			}
			for i := range cols {
				cols[i].Desc = k.desc[i]
			}
			return
		}
	}
}
