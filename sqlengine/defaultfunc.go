package sqlengine

import (
	"context"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/dolthub/go-mysql-server/sql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// DEFAULT(col) is MariaDB's function for the default value of a column of the table in scope:
// `SELECT DEFAULT(a) FROM t`, `INSERT INTO t VALUES (DEFAULT(a), DEFAULT(a))`,
// `UPDATE t SET a = DEFAULT(a)`, `... WHERE DEFAULT(a) > 0`, even `b INT DEFAULT (DEFAULT(a))`.
// It evaluates the default expression again, so a NEXTVAL default takes a new value each time.
//
// vitess parses DEFAULT(x) only as a whole expression, and GMS either replaces it by the
// *target* column's default (INSERT VALUES) or fails. So the pre-pass renames DEFAULT(x) in
// expression position to a function call vitess parses anywhere (matchDefaultFunc), and
// patchDefaultFuncs replaces each such call by the column's default expression, parsed from the
// catalog, with its column references qualified by the table in scope.

// defaultFuncName is the stand-in function name the pre-pass writes for DEFAULT(x).
const defaultFuncName = "__seqd_default"

// defaultFuncContexts are the tokens after which DEFAULT(x) is an expression, not a DEFAULT
// clause of a column definition (`a INT DEFAULT (b)`) or of ALTER ... SET DEFAULT (b).
var defaultFuncContexts = map[string]bool{
	"select": true, "where": true, "and": true, "or": true, "not": true, "xor": true, "on": true,
	"having": true, "when": true, "then": true, "else": true, "between": true, "like": true,
	"case": true, "div": true, "mod": true, "by": true, "distinct": true, "return": true,
}

// matchDefaultFunc matches DEFAULT ( name ) in expression position at toks[i].
func matchDefaultFunc(q string, toks []token, i int) (string, int) {
	if i == 0 || i+3 >= len(toks) || !toks[i].isWord(q, "default") || !toks[i+1].isPunct(q, '(') {
		return "", 0
	}
	name, n := qualifiedName(q, toks, i+2)
	if n == 0 || i+2+n >= len(toks) || !toks[i+2+n].isPunct(q, ')') {
		return "", 0
	}
	prev := toks[i-1]
	switch prev.kind {
	case tokPunct:
		if !strings.Contains("(,=+-*/<>!%&|^~", prev.text(q)) {
			return "", 0
		}
	case tokWord:
		if !defaultFuncContexts[strings.ToLower(prev.text(q))] {
			return "", 0
		}
	default:
		return "", 0
	}
	return defaultFuncName + "(" + name + ")", 3 + n
}

// defaultScope is a table whose columns DEFAULT(x) may name.
type defaultScope struct {
	db, name, alias string
	// cols are the column definitions of a table being created (nil for a stored table).
	cols []*ast.ColumnDefinition
	// insert: the table is an INSERT's target, so no row is in scope and a default's column
	// references read the other columns' defaults (MariaDB's record starts out as defaults).
	insert bool
}

// patchDefaultFuncs replaces every DEFAULT(x) stand-in call in stmt.
func patchDefaultFuncs(ctx context.Context, stmt ast.Statement, text string) error {
	if !containsFold(text, defaultFuncName) {
		return nil
	}
	sctx, ok := ctx.(*sql.Context)
	if !ok {
		return nil
	}
	p := &defaultPatcher{ctx: sctx}
	p.walk(reflect.ValueOf(&stmt).Elem(), nil, false)
	return p.err
}

type defaultPatcher struct {
	ctx *sql.Context
	err error
}

// walk visits v (settable where it holds an interface) with the tables in scope, innermost last.
// inWhere says v is part of a WHERE or HAVING condition.
func (p *defaultPatcher) walk(v reflect.Value, scopes []defaultScope, inWhere bool) {
	if p.err != nil {
		return
	}
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() {
			return
		}
		if f, ok := v.Interface().(*ast.FuncExpr); ok && f.Name.EqualString(defaultFuncName) {
			repl, err := p.replacement(f, scopes)
			if err != nil {
				p.err = err
				return
			}
			if inWhere {
				repl = evaluatedOnce(repl)
			}
			if v.CanSet() {
				v.Set(reflect.ValueOf(repl))
			}
			return
		}
		p.walk(v.Elem(), scopes, inWhere)
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		switch v.Interface().(type) {
		case *ast.Where:
			inWhere = true
		case *ast.Select, *ast.Subquery:
			inWhere = false
		}
		scopes = p.enter(v.Interface(), scopes)
		p.walk(v.Elem(), scopes, inWhere)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				p.walk(v.Field(i), scopes, inWhere)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			p.walk(v.Index(i), scopes, inWhere)
		}
	}
}

// enter returns scopes with the tables node brings into scope.
func (p *defaultPatcher) enter(node any, scopes []defaultScope) []defaultScope {
	switch n := node.(type) {
	case *ast.Select:
		return p.tables(n.From, scopes)
	case *ast.Insert:
		return append(scopes, defaultScope{db: n.Table.DbQualifier.String(), name: n.Table.Name.String(), insert: true})
	case *ast.Update:
		return p.tables(n.TableExprs, scopes)
	case *ast.Delete:
		return p.tables(n.TableExprs, scopes)
	case *ast.DDL:
		if n.TableSpec != nil && n.Action == ast.CreateStr {
			return append(scopes, defaultScope{db: n.Table.DbQualifier.String(), name: n.Table.Name.String(), cols: n.TableSpec.Columns})
		}
	}
	return scopes
}

// tables adds the base tables of a FROM clause to scopes, as one level.
func (p *defaultPatcher) tables(exprs ast.TableExprs, scopes []defaultScope) []defaultScope {
	out := slicesClone(scopes)
	var add func(e ast.TableExpr)
	add = func(e ast.TableExpr) {
		switch t := e.(type) {
		case *ast.AliasedTableExpr:
			if tn, ok := t.Expr.(ast.TableName); ok {
				out = append(out, defaultScope{db: tn.DbQualifier.String(), name: tn.Name.String(), alias: t.As.String()})
			}
		case *ast.JoinTableExpr:
			add(t.LeftExpr)
			add(t.RightExpr)
		case *ast.ParenTableExpr:
			for _, x := range t.Exprs {
				add(x)
			}
		}
	}
	for _, e := range exprs {
		add(e)
	}
	return out
}

func slicesClone(s []defaultScope) []defaultScope {
	return append([]defaultScope(nil), s...)
}

// replacement returns the default expression of the column f names.
func (p *defaultPatcher) replacement(f *ast.FuncExpr, scopes []defaultScope) (ast.Expr, error) {
	if len(f.Exprs) != 1 {
		return nil, sql.ErrInvalidArgumentNumber.New("DEFAULT", 1, len(f.Exprs))
	}
	ae, ok := f.Exprs[0].(*ast.AliasedExpr)
	if !ok {
		return nil, sql.ErrInvalidArgument.New("DEFAULT")
	}
	col, ok := ae.Expr.(*ast.ColName)
	if !ok {
		return nil, sql.ErrInvalidArgument.New("DEFAULT")
	}
	name, qualifier := col.Name.String(), col.Qualifier.Name.String()
	for i := len(scopes) - 1; i >= 0; i-- {
		sc := scopes[i]
		if qualifier != "" && !strings.EqualFold(qualifier, sc.alias) && (sc.alias != "" || !strings.EqualFold(qualifier, sc.name)) {
			continue
		}
		if sc.cols != nil {
			for _, cd := range sc.cols {
				if strings.EqualFold(cd.Name.String(), name) {
					return p.createdDefault(cd, f)
				}
			}
			continue
		}
		db := sc.db
		if db == "" {
			db = p.ctx.GetCurrentDatabase()
		}
		s := srvOf(p.ctx)
		if s == nil {
			break
		}
		def, _, ok := s.findTableDef(p.ctx, db, sc.name)
		if !ok {
			continue
		}
		for _, cd := range def.Columns {
			if strings.EqualFold(cd.Name, name) {
				qual := ast.TableName{Name: ast.NewTableIdent(sc.name), DbQualifier: ast.NewTableIdent(db)}
				if sc.alias != "" {
					qual = ast.TableName{Name: ast.NewTableIdent(sc.alias)}
				}
				// The default's sequences are opened with the table, as base tables (see
				// openDefaultSequences); under LOCK TABLES they must be locked for writing.
				for _, r := range sequenceRefsIn(cd.Default, db) {
					if _, ok := s.catalogOf(p.ctx).Table(r.db, r.name); !ok {
						return nil, mariaErr(sequences.ErrNoSuchTable, r.db, r.name)
					}
					if err := checkLocked(p.ctx, r.db, r.name, true); err != nil {
						return nil, err
					}
				}
				if sc.insert {
					return p.insertDefault(def.Columns, cd.Name, 0)
				}
				return p.storedDefault(cd.Name, cd.Default, cd.Nullable, cd.AutoIncrement, qual)
			}
		}
	}
	// Not a column of any table in scope: the column reference fails as MariaDB's does.
	return col, nil
}

// storedDefault parses the default of a stored column.
func (p *defaultPatcher) storedDefault(name, text string, nullable, autoInc bool, qual ast.TableName) (ast.Expr, error) {
	switch {
	case autoInc:
		return ast.NewIntVal([]byte("0")), nil
	case text == "" && !nullable:
		return nil, mariaErr(sequences.ErrNoDefaultForField, name)
	case text == "" || strings.EqualFold(text, "NULL"):
		return &ast.NullVal{}, nil
	}
	stmt, _, _, err := newParser().parse(p.ctx, "SELECT "+text, ';', false, modeOf(p.ctx))
	if err != nil {
		return nil, err
	}
	sel, ok := stmt.(*ast.Select)
	if !ok || len(sel.SelectExprs) != 1 {
		return nil, sql.ErrInvalidArgument.New("DEFAULT")
	}
	ae, ok := sel.SelectExprs[0].(*ast.AliasedExpr)
	if !ok {
		return nil, sql.ErrInvalidArgument.New("DEFAULT")
	}
	qualifyColumns(ae.Expr, qual)
	return &ast.ParenExpr{Expr: ae.Expr}, nil
}

// insertDefault is the default of column name for an INSERT: the stored default with its
// column references replaced by those columns' defaults.
func (p *defaultPatcher) insertDefault(cols []storage.ColumnDef, name string, depth int) (ast.Expr, error) {
	for _, cd := range cols {
		if !strings.EqualFold(cd.Name, name) {
			continue
		}
		e, err := p.storedDefault(cd.Name, cd.Default, cd.Nullable, cd.AutoIncrement, ast.TableName{})
		if err != nil || depth > 8 {
			return e, err
		}
		var ferr error
		out := replaceColNames(e, func(c *ast.ColName) ast.Expr {
			if ferr != nil || !c.Qualifier.IsEmpty() {
				return c
			}
			d, err := p.insertDefault(cols, c.Name.String(), depth+1)
			if err != nil {
				ferr = err
				return c
			}
			return d
		})
		return out, ferr
	}
	return &ast.ColName{Name: ast.NewColIdent(name)}, nil
}

// replaceColNames returns e with every column reference replaced by fn's result.
func replaceColNames(e ast.Expr, fn func(*ast.ColName) ast.Expr) ast.Expr {
	if c, ok := e.(*ast.ColName); ok {
		return fn(c)
	}
	holder := struct{ E ast.Expr }{e}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Interface:
			if v.IsNil() {
				return
			}
			if c, ok := v.Interface().(*ast.ColName); ok && v.CanSet() {
				if r := fn(c); r != nil {
					v.Set(reflect.ValueOf(r))
				}
				return
			}
			walk(v.Elem())
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i))
				}
			}
		case reflect.Slice, reflect.Array:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
		}
	}
	walk(reflect.ValueOf(&holder).Elem())
	return holder.E
}

// createdDefault is the default of a column of the table the statement creates.
// call is the DEFAULT(x) call being replaced: a default that contains it (DEFAULT(a) in a's own
// default, which checkExpressionRefs rejects first) would make the statement cyclic.
func (p *defaultPatcher) createdDefault(cd *ast.ColumnDefinition, call *ast.FuncExpr) (ast.Expr, error) {
	switch {
	case bool(cd.Type.Autoincrement):
		return ast.NewIntVal([]byte("0")), nil
	case cd.Type.Default != nil:
		cyclic := false
		visitAST(cd.Type.Default, func(n any) bool {
			cyclic = cyclic || n == any(call)
			return !cyclic
		})
		if cyclic {
			return nil, mariaErr(sequences.ErrExpressionRefersToUninitField, cd.Name.String(), cd.Name.String())
		}
		return cd.Type.Default, nil
	case bool(cd.Type.NotNull):
		return nil, mariaErr(sequences.ErrNoDefaultForField, cd.Name.String())
	}
	return &ast.NullVal{}, nil
}

// qualifyColumns qualifies the unqualified column references of e with qual.
func qualifyColumns(e ast.Expr, qual ast.TableName) {
	_ = ast.Walk(func(n ast.SQLNode) (bool, error) {
		if c, ok := n.(*ast.ColName); ok && c.Qualifier.IsEmpty() {
			c.Qualifier = qual
		}
		return true, nil
	}, e)
}

// In a WHERE or HAVING condition MariaDB evaluates DEFAULT(col) once, as a constant (so a
// NEXTVAL default takes one value for the statement), while in a select list it evaluates it
// for every row.

// evaluatedOnce wraps e so that it is evaluated once per statement.
func evaluatedOnce(e ast.Expr) ast.Expr {
	return ast.InjectedExpr{
		Auth:       ast.AuthInformation{AuthType: ast.AuthType_IGNORE},
		Expression: onceInjectable{},
		Children:   ast.Exprs{e},
	}
}

// onceInjectable builds onceExpr around its resolved child.
type onceInjectable struct{}

// String implements fmt.Stringer.
func (onceInjectable) String() string { return "default" }

// WithResolvedChildren implements ast.Injectable.
func (onceInjectable) WithResolvedChildren(_ context.Context, children []any) (any, error) {
	if len(children) != 1 {
		return nil, sql.ErrInvalidChildrenNumber.New("DEFAULT", len(children), 1)
	}
	e, ok := children[0].(sql.Expression)
	if !ok {
		return nil, sql.ErrInvalidArgument.New("DEFAULT")
	}
	return &onceExpr{child: e}, nil
}

// onceExpr evaluates its child once per statement execution.
type onceExpr struct {
	child sql.Expression
	mu    sync.Mutex
	key   onceKey
	val   any
	done  bool
}

// onceKey identifies a statement execution.
type onceKey struct {
	session uint32
	pid     uint64
	start   time.Time
}

var _ sql.Expression = (*onceExpr)(nil)

func (e *onceExpr) String() string                   { return e.child.String() }
func (e *onceExpr) Resolved() bool                   { return e.child.Resolved() }
func (e *onceExpr) Type(ctx *sql.Context) sql.Type   { return e.child.Type(ctx) }
func (e *onceExpr) IsNullable(ctx *sql.Context) bool { return e.child.IsNullable(ctx) }
func (e *onceExpr) Children() []sql.Expression       { return []sql.Expression{e.child} }

// WithChildren implements sql.Expression.
func (e *onceExpr) WithChildren(_ *sql.Context, children ...sql.Expression) (sql.Expression, error) {
	if len(children) != 1 {
		return nil, sql.ErrInvalidChildrenNumber.New(e, len(children), 1)
	}
	return &onceExpr{child: children[0]}, nil
}

// Eval implements sql.Expression.
func (e *onceExpr) Eval(ctx *sql.Context, row sql.Row) (any, error) {
	key := onceKey{session: ctx.Session.ID(), pid: ctx.Pid(), start: ctx.QueryTime()}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.done && e.key == key {
		return e.val, nil
	}
	v, err := e.child.Eval(ctx, row)
	if err != nil {
		return nil, err
	}
	e.key, e.val, e.done = key, v, true
	return v, nil
}

// patchUpdateDefaults replaces SET col = DEFAULT in an UPDATE for a NOT NULL column without a
// default (and not generated) by what MariaDB assigns: an AUTO_INCREMENT column takes 0 (its
// default record's value; an UPDATE never generates a value), any other column fails with 1364
// before any row is read, whatever sql_mode says. GMS assigned NULL and failed with 1048.
func patchUpdateDefaults(ctx context.Context, stmt ast.Statement) error {
	upd, ok := stmt.(*ast.Update)
	if !ok {
		return nil
	}
	sctx, ok := ctx.(*sql.Context)
	if !ok {
		return nil
	}
	var p *defaultPatcher
	var scopes []defaultScope
	for _, ae := range upd.Exprs {
		if _, isDefault := ae.Expr.(*ast.Default); !isDefault || ae.Name == nil {
			continue
		}
		if p == nil {
			p = &defaultPatcher{ctx: sctx}
			scopes = p.tables(upd.TableExprs, nil)
		}
		cd := p.storedColumn(ae.Name, scopes)
		if cd == nil || cd.Nullable || cd.Default != "" || cd.Generated != "" {
			continue
		}
		e, err := p.storedDefault(cd.Name, "", false, cd.AutoIncrement, ast.TableName{})
		if err != nil {
			return err
		}
		ae.Expr = e
	}
	return nil
}

// storedColumn finds the stored column col names among the tables in scope, innermost first;
// nil when no table in scope has it (GMS then reports the column).
func (p *defaultPatcher) storedColumn(col *ast.ColName, scopes []defaultScope) *storage.ColumnDef {
	s := srvOf(p.ctx)
	if s == nil {
		return nil
	}
	name, qualifier := col.Name.String(), col.Qualifier.Name.String()
	for i := len(scopes) - 1; i >= 0; i-- {
		sc := scopes[i]
		if qualifier != "" && !strings.EqualFold(qualifier, sc.alias) && (sc.alias != "" || !strings.EqualFold(qualifier, sc.name)) {
			continue
		}
		db := sc.db
		if db == "" {
			db = p.ctx.GetCurrentDatabase()
		}
		def, _, ok := s.findTableDef(p.ctx, db, sc.name)
		if !ok {
			continue
		}
		for j := range def.Columns {
			if strings.EqualFold(def.Columns[j].Name, name) {
				return &def.Columns[j]
			}
		}
	}
	return nil
}
