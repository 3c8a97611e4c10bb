package sqlengine

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/expression/function"
	"github.com/dolthub/go-mysql-server/sql/types"
	"github.com/dolthub/vitess/go/mysql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/functions"
	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// Running stored routines. A call parses the routine's body again, binds every name that refers
// to a parameter or local variable (MariaDB resolves them when it parses the routine, and they
// take precedence over column names) and interprets the compound statements itself: BEGIN ...
// END, DECLARE of variables, SET, SELECT ... INTO, IF, WHILE, LOOP, REPEAT, LEAVE, ITERATE,
// RETURN and CALL. Every other statement runs through the engine in the caller's session and
// transaction, with the variables it reads injected as literals of their current values.

// spVar is a parameter or local variable of one call.
type spVar struct {
	name string
	typ  sql.Type
	val  any
}

// varRef is a variable in a statement's AST: it resolves to the variable's value when the
// statement is planned, which happens each time the statement runs.
type varRef struct{ v *spVar }

var _ ast.Injectable = (*varRef)(nil)

func (r *varRef) String() string { return r.v.name }

// WithResolvedChildren implements ast.Injectable.
func (r *varRef) WithResolvedChildren(context.Context, []any) (any, error) {
	return &varValue{Literal: expression.NewLiteral(r.v.val, r.v.typ)}, nil
}

// varValue is a variable's value in a statement: a literal that may be NULL, as a variable may,
// so that result columns read from variables are nullable as in MariaDB.
type varValue struct{ *expression.Literal }

// IsNullable implements sql.Expression.
func (v *varValue) IsNullable(*sql.Context) bool { return true }

// varScope is a BEGIN ... END block's variables and cursors while a body is bound.
type varScope struct {
	parent  *varScope
	vars    map[string]*spVar
	cursors []string
	label   string // the block's or loop's label, if any
	loop    bool   // the label is a loop's, which ITERATE may name
}

// checkLabel fails binding (1308) unless LEAVE (or, for a loop, ITERATE) may name label here.
func (c *routineCall) checkLabel(stmt, label string, scope *varScope, loop bool) {
	for s := scope; s != nil; s = s.parent {
		if s.label != "" && strings.EqualFold(s.label, label) && (s.loop || !loop) {
			return
		}
	}
	c.bindFail(mariaErr(sequences.ErrSPLabelMismatch, stmt, label))
}

// checkCursor fails binding (1324) unless cursor name is declared in scope.
func (c *routineCall) checkCursor(name string, scope *varScope) {
	for s := scope; s != nil; s = s.parent {
		for _, n := range s.cursors {
			if n == strings.ToLower(name) {
				return
			}
		}
	}
	c.bindFail(mariaErr(sequences.ErrSPCursorMismatch, name))
}

func (s *varScope) lookup(name string) *spVar {
	for ; s != nil; s = s.parent {
		if v, ok := s.vars[strings.ToLower(name)]; ok {
			return v
		}
	}
	return nil
}

// routineCall is one running call of a routine.
type routineCall struct {
	srv      *Server
	def      *storage.RoutineDef
	ret      sql.Type // a function's return type
	declared map[*ast.Declare][]*spVar
	sets     map[*ast.SetVarExpr]*spVar
	intos    map[*ast.Select][]*spVar // nil entries are user variables
	intoUser map[*ast.Select][]string
	fetches  map[*ast.FetchCursor][]*spVar
	bindErr  error // the first name that does not resolve
	result   *routineResult
	retVal   any
	rs       *routineSession

	// The handlers, conditions and cursors of the blocks being run, innermost last.
	handlers     []*activeHandler
	handling     []error // the conditions the running handlers handle, for RESIGNAL
	currentBlock *ast.BeginEndBlock
	conditions   []*ast.DeclareCondition
	cursors      []*openCursor
}

// activeHandler is a DECLARE ... HANDLER of a block being run.
type activeHandler struct {
	decl  *ast.DeclareHandler
	block *ast.BeginEndBlock
	conds []*ast.DeclareCondition // the conditions its condition names referred to when declared
}

// openCursor is a DECLARE ... CURSOR of a block being run, with its rows once opened.
type openCursor struct {
	decl *ast.DeclareCursor
	open bool
	rows []sql.Row
	pos  int
}

// routineResult is the last result set a procedure's statements produced.
type routineResult struct {
	sch  sql.Schema
	rows []sql.Row
}

// flow is how a statement ends: normally, or by LEAVE, ITERATE, RETURN or an EXIT handler.
type flow struct {
	kind  int // flowNext, flowLeave, flowIterate, flowReturn, flowExit
	label string
	block *ast.BeginEndBlock // flowExit: the block the handler was declared in
}

const (
	flowNext = iota
	flowLeave
	flowIterate
	flowReturn
	flowExit
)

// maxRoutineDepth bounds nested calls of different routines, as MariaDB's thread stack does.
const maxRoutineDepth = 300

// routineSession is what the running calls of one session share: how deeply they nest and
// which routines are running.
type routineSession struct {
	depth  int
	active []*storage.RoutineDef // the calls running, outermost first
}

// checkRecursion refuses a function that is already running (1424) and a procedure running
// more than @@max_sp_recursion_depth times already (1456), as MariaDB does.
func (rs *routineSession) checkRecursion(ctx *sql.Context, def *storage.RoutineDef) error {
	n := 0
	for _, a := range rs.active {
		if a.DB == def.DB && a.Type == def.Type && strings.EqualFold(a.Name, def.Name) {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	if def.Type == storage.RoutineFunction {
		return mariaErr(sequences.ErrSPNoRecursion)
	}
	limit := int64(0)
	if v, err := ctx.GetSessionVariable(ctx, "max_sp_recursion_depth"); err == nil {
		if i, _, err := types.Int64.Convert(ctx, v); err == nil && i != nil {
			limit = i.(int64)
		}
	}
	if int64(n) > limit {
		return mariaErr(sequences.ErrSPRecursionLimit, limit, def.Name)
	}
	return nil
}

var routineSessions sync.Map // session id -> *routineSession

// run binds params to args and runs the routine's body.
func (c *routineCall) run(ctx *sql.Context, params []routineParam, args []any) error {
	id := ctx.Session.ID()
	v, _ := routineSessions.LoadOrStore(id, &routineSession{})
	rs := v.(*routineSession)
	if rs.depth >= maxRoutineDepth {
		return errNotSupportedYet("routine recursion deeper than " + fmt.Sprint(maxRoutineDepth))
	}
	if err := rs.checkRecursion(ctx, c.def); err != nil {
		if rs.depth == 0 {
			routineSessions.Delete(id)
		}
		return err
	}
	c.rs = rs
	if rs.depth == 0 {
		// Each statement clears the session's warnings when it starts; those of the routine's
		// statements stay, as MariaDB's diagnostics area holds all of a CALL's or a
		// statement's that calls functions.
		holdWarnings(ctx, true)
	}
	rs.depth++
	rs.active = append(rs.active, c.def)
	defer func() {
		rs.active = rs.active[:len(rs.active)-1]
		if rs.depth--; rs.depth == 0 {
			routineSessions.Delete(id)
			holdWarnings(ctx, false)
		}
	}()

	mode := c.def.SQLMode
	body, _, _, err := parseBody(ctx, c.def.Body, parseMode{opts: sql.NewSqlModeFromString(mode).ParserOptions()})
	if err != nil {
		return err
	}
	top := &varScope{vars: map[string]*spVar{}}
	vars := make([]*spVar, len(params))
	for i, p := range params {
		v := &spVar{name: p.name, typ: p.typ}
		if i < len(args) && p.dir != ast.ProcedureParamDirection_Out {
			// Arguments are converted under the caller's sql_mode.
			if v.val, err = c.assign(ctx, p.typ, args[i], p.name, 1); err != nil {
				return err
			}
		}
		vars[i] = v
		top.vars[strings.ToLower(p.name)] = v
	}
	if err := c.bindBody(body, top); err != nil {
		return err
	}
	var f flow
	// The body runs in the routine's database and under the sql_mode it was created with, as in
	// MariaDB: unqualified names are its own.
	callerDB, callerMode := ctx.GetCurrentDatabase(), sessionString(ctx, "sql_mode")
	ctx.SetCurrentDatabase(c.def.DB)
	if mode != callerMode {
		if err := ctx.SetSessionVariable(ctx, "sql_mode", mode); err != nil {
			mode = callerMode
		}
	}
	err = c.srv.asDefiner(ctx, c.def, func() error {
		if f, err = c.exec(ctx, body); err != nil {
			return err
		}
		if c.def.Type == storage.RoutineFunction && f.kind == flowReturn {
			c.retVal, err = c.assign(ctx, c.ret, c.retVal, c.def.Name+"()", 0)
		}
		return err
	})
	ctx.SetCurrentDatabase(callerDB)
	if mode != callerMode {
		_ = ctx.SetSessionVariable(ctx, "sql_mode", callerMode)
	}
	if err != nil {
		return err
	}
	if c.def.Type == storage.RoutineFunction && f.kind != flowReturn {
		return mariaErr(sequences.ErrSPNoReturnEnd, c.def.Name)
	}
	for i := range args {
		if i < len(vars) {
			args[i] = vars[i].val
		}
	}
	return nil
}

// asDefiner runs fn with the privileges of the routine's definer unless it is SQL SECURITY
// INVOKER: the session's account is the definer's while fn runs.
func (s *Server) asDefiner(ctx *sql.Context, def *storage.RoutineDef, fn func() error) error {
	mdb := s.engine.Analyzer.Catalog.MySQLDb
	if def.Security == "INVOKER" || !mdb.Enabled() {
		return fn()
	}
	user, host := definerParts(def.Definer)
	if !s.accountExists(user, host) {
		return mariaErr(sequences.ErrNoSuchUser, user, host)
	}
	invoker := ctx.Session.Client()
	definer := invoker
	definer.User, definer.Address = user, host
	ctx.Session.SetClient(definer)
	ctx.Session.SetPrivilegeSet(nil, 0)
	defer func() {
		ctx.Session.SetClient(invoker)
		ctx.Session.SetPrivilegeSet(nil, 0)
	}()
	return fn()
}

// accountExists reports whether the account user@host exists.
func (s *Server) accountExists(user, host string) bool {
	mdb := s.engine.Analyzer.Catalog.MySQLDb
	rd := mdb.Reader()
	defer rd.Close()
	return mdb.GetUser(rd, user, host, false) != nil
}

// holdWarnings makes the statements of a routine keep the warnings raised before them.
func holdWarnings(ctx *sql.Context, hold bool) {
	if s, ok := ctx.Session.(*Session); ok {
		s.holdWarnings = hold
	}
}

// warn raises a warning of the routine.
func (c *routineCall) warn(ctx *sql.Context, w *sql.Warning) {
	ctx.Session.Warn(w)
}

// convertTo converts v to t, as assigning to a variable or parameter does.
func convertTo(ctx *sql.Context, t sql.Type, v any) (any, error) {
	return (&routineCall{}).assign(ctx, t, v, "", 0)
}

// assign converts v for a variable, parameter or return value of type t, as MariaDB stores a
// value into column `column` at row `row`: out of range or too long fails under a strict
// sql_mode (1264, 1406), and otherwise is cut to fit with a warning (1264, 1265).
func (c *routineCall) assign(ctx *sql.Context, t sql.Type, v any, column string, row int) (any, error) {
	if v == nil || t == nil {
		return v, nil
	}
	out, inRange, err := t.Convert(ctx, v)
	mode := strings.ToUpper(sessionString(ctx, "sql_mode"))
	strict := sqlModeHas(mode, "STRICT_TRANS_TABLES") || sqlModeHas(mode, "STRICT_ALL_TABLES")
	switch {
	case err == nil && inRange != sql.InRange:
		if strict {
			return nil, mariaErr(sequences.ErrDataOutOfRange, column, row)
		}
		c.warn(ctx, &sql.Warning{Level: "Warning", Code: sequences.ErrDataOutOfRange.Code,
			Message: sequences.ErrDataOutOfRange.New(column, row).Message})
		return out, nil
	case err != nil && types.ErrLengthBeyondLimit.Is(err):
		if strict {
			return nil, mariaErr(sequences.ErrDataTooLong, column, row)
		}
		// MariaDB numbers the row of this warning 0, also for parameters.
		c.warn(ctx, &sql.Warning{Level: "Warning", Code: sequences.ErrWarnDataTruncated.Code,
			Message: sequences.ErrWarnDataTruncated.New(column, 0).Message})
		if st, ok := t.(sql.StringType); ok {
			if str, ok := v.(string); ok {
				r := []rune(str)
				if n := st.MaxCharacterLength(); int64(len(r)) > n {
					out, _, err = t.Convert(ctx, string(r[:n]))
					return out, err
				}
			}
		}
		return out, nil
	case err != nil && sql.ErrInvalidValue.Is(err):
		return out, nil
	}
	return out, err
}

// bindBody resolves the names of a routine's body, whose parameters are in top.
func (c *routineCall) bindBody(body ast.Statement, top *varScope) error {
	c.declared = map[*ast.Declare][]*spVar{}
	c.sets = map[*ast.SetVarExpr]*spVar{}
	c.intos = map[*ast.Select][]*spVar{}
	c.intoUser = map[*ast.Select][]string{}
	c.fetches = map[*ast.FetchCursor][]*spVar{}
	c.bind(body, top)
	return c.bindErr
}

// bindFail records the first error of binding.
func (c *routineCall) bindFail(err error) {
	if c.bindErr == nil {
		c.bindErr = err
	}
}

// bind resolves the variables of st in scope.
func (c *routineCall) bind(st ast.Statement, scope *varScope) {
	switch n := st.(type) {
	case *ast.BeginEndBlock:
		inner := &varScope{parent: scope, vars: map[string]*spVar{}, label: n.Label}
		for _, x := range n.Statements {
			if d, ok := x.(*ast.Declare); ok && d.Variables != nil {
				if d.Variables.VarType.Default != nil {
					bindExpr(&d.Variables.VarType.Default, inner)
				}
				t, err := types.ColumnTypeToType(&d.Variables.VarType)
				if err != nil {
					t = types.LongText
				}
				for _, name := range d.Variables.Names {
					if _, dup := inner.vars[strings.ToLower(name.String())]; dup {
						c.bindFail(mariaErr(sequences.ErrSPDupVar, name.String()))
					}
					v := &spVar{name: name.String(), typ: t}
					inner.vars[strings.ToLower(name.String())] = v
					c.declared[d] = append(c.declared[d], v)
				}
				continue
			}
			if d, ok := x.(*ast.Declare); ok && d.Cursor != nil {
				inner.cursors = append(inner.cursors, strings.ToLower(d.Cursor.Name))
				substVars(reflect.ValueOf(d.Cursor.SelectStmt), inner)
				continue
			}
			if d, ok := x.(*ast.Declare); ok && d.Handler != nil {
				c.bind(d.Handler.Statement, inner)
				continue
			}
			c.bind(x, inner)
		}
	case *ast.CaseStatement:
		if n.Expr != nil {
			bindExpr(&n.Expr, scope)
		}
		for i := range n.Cases {
			bindExpr(&n.Cases[i].Case, scope)
			for _, x := range n.Cases[i].Statements {
				c.bind(x, scope)
			}
		}
		for _, x := range n.Else {
			c.bind(x, scope)
		}
	case *ast.Signal:
		for i := range n.Info {
			bindExpr(&n.Info[i].Value, scope)
		}
	case *ast.OpenCursor:
		c.checkCursor(n.Name, scope)
	case *ast.CloseCursor:
		c.checkCursor(n.Name, scope)
	case *ast.FetchCursor:
		c.checkCursor(n.Name, scope)
		for _, name := range n.Variables {
			v := scope.lookup(name)
			if v == nil {
				c.bindFail(mariaErr(sequences.ErrSPUndeclaredVar, name))
			}
			c.fetches[n] = append(c.fetches[n], v)
		}
	case *ast.IfStatement:
		for i := range n.Conditions {
			bindExpr(&n.Conditions[i].Expr, scope)
			for _, x := range n.Conditions[i].Statements {
				c.bind(x, scope)
			}
		}
		for _, x := range n.Else {
			c.bind(x, scope)
		}
	case *ast.While:
		bindExpr(&n.Condition, scope)
		inner := &varScope{parent: scope, label: n.Label, loop: true}
		for _, x := range n.Statements {
			c.bind(x, inner)
		}
	case *ast.Repeat:
		inner := &varScope{parent: scope, label: n.Label, loop: true}
		bindExpr(&n.Condition, inner)
		for _, x := range n.Statements {
			c.bind(x, inner)
		}
	case *ast.Loop:
		inner := &varScope{parent: scope, label: n.Label, loop: true}
		for _, x := range n.Statements {
			c.bind(x, inner)
		}
	case *ast.Leave:
		c.checkLabel("LEAVE", n.Label, scope, false)
	case *ast.Iterate:
		c.checkLabel("ITERATE", n.Label, scope, true)
	case *ast.Return:
		bindExpr(&n.Expr, scope)
	case *ast.Set:
		for _, e := range n.Exprs {
			if e.Scope == ast.SetScope_None && e.Name != nil && e.Name.Qualifier.IsEmpty() {
				if v := scope.lookup(e.Name.Name.String()); v != nil {
					c.sets[e] = v
				}
			}
			bindExpr(&e.Expr, scope)
		}
	case *ast.Select:
		if n.Into != nil {
			for _, name := range n.Into.Variables {
				s := name.String()
				if strings.HasPrefix(s, "@") {
					c.intos[n] = append(c.intos[n], nil)
					c.intoUser[n] = append(c.intoUser[n], strings.TrimPrefix(s, "@"))
					continue
				}
				v := scope.lookup(s)
				if v == nil {
					c.bindFail(mariaErr(sequences.ErrSPUndeclaredVar, s))
				}
				c.intos[n] = append(c.intos[n], v)
				c.intoUser[n] = append(c.intoUser[n], s)
			}
		}
		substVars(reflect.ValueOf(n), scope)
	default:
		substVars(reflect.ValueOf(st), scope)
	}
}

// bindExpr binds the variables of the expression *e, which may itself be a variable.
func bindExpr(e *ast.Expr, scope *varScope) {
	substVars(reflect.ValueOf(e).Elem(), scope)
}

var injectedExprType = reflect.TypeOf(ast.InjectedExpr{})

// substVars replaces every unqualified column name under v that names a variable in scope by
// the variable.
func substVars(v reflect.Value, scope *varScope) {
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() {
			return
		}
		if cn, ok := v.Interface().(*ast.ColName); ok {
			if cn.Qualifier.IsEmpty() && v.CanSet() && injectedExprType.AssignableTo(v.Type()) {
				if sv := scope.lookup(cn.Name.String()); sv != nil {
					v.Set(reflect.ValueOf(ast.InjectedExpr{
						Auth:       ast.AuthInformation{AuthType: ast.AuthType_IGNORE},
						Expression: &varRef{v: sv},
					}))
				}
			}
			return
		}
		substVars(v.Elem(), scope)
	case reflect.Pointer:
		if !v.IsNil() {
			substVars(v.Elem(), scope)
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < v.NumField(); i++ {
			if t.Field(i).IsExported() {
				substVars(v.Field(i), scope)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			substVars(v.Index(i), scope)
		}
	}
}

// execList runs a list of statements. An error goes to the innermost handler for it: a
// CONTINUE handler resumes with the next statement, an EXIT handler leaves the block it was
// declared in.
func (c *routineCall) execList(ctx *sql.Context, list ast.Statements) (flow, error) {
	for _, st := range list {
		f, err := c.exec(ctx, st)
		if err == nil {
			if f.kind != flowNext {
				return f, nil
			}
			continue
		}
		noData, isNoData := err.(selectNoData)
		if isNoData {
			err = noData.err
		}
		se := c.srv.routineError(ctx, st, err)
		h := c.findHandler(se)
		if h == nil {
			if isNoData {
				// MariaDB reports it from procedures only.
				if c.def.Type == storage.RoutineProcedure {
					c.warn(ctx, &sql.Warning{Level: "Warning", Code: int(se.Num), Message: se.Message})
				}
				continue
			}
			return f, se
		}
		c.handling = append(c.handling, se)
		hf, err := c.runHandler(ctx, h)
		c.handling = c.handling[:len(c.handling)-1]
		if err != nil || hf.kind == flowReturn {
			return hf, err
		}
		if h.decl.Action == ast.DeclareHandlerAction_Exit {
			return flow{kind: flowExit, block: h.block}, nil
		}
	}
	return flow{}, nil
}

// selectNoData is SELECT ... INTO without a row: a NOT FOUND handler takes it, otherwise it is
// a warning.
type selectNoData struct{ err error }

func (e selectNoData) Error() string { return e.err.Error() }

// routineTranslate is translateFor, assigned in init: the translations parse statements, and
// parsing reaches the routine interpreter, which a variable's initializer may not refer back to.
var routineTranslate func(sess *Session, query string, err error) error

func init() { routineTranslate = translateFor }

// routineError is err as MariaDB's client error, translated as if st had failed on its own.
func (s *Server) routineError(ctx *sql.Context, st ast.Statement, err error) *mysql.SQLError {
	sess, _ := sessionOf(ctx)
	out := routineTranslate(sess, ast.String(st), err)
	if se, ok := out.(*mysql.SQLError); ok {
		return se
	}
	return mysql.NewSQLError(mysql.ERUnknownError, mysql.SSUnknownSQLState, "%s", out.Error())
}

// findHandler returns the innermost active handler for error se: its number, its SQLSTATE, or
// its class (NOT FOUND for '02', SQLEXCEPTION for any other class than '00', '01', '02').
func (c *routineCall) findHandler(se *mysql.SQLError) *activeHandler {
	state := se.SQLState()
	class := state
	if len(class) > 2 {
		class = class[:2]
	}
	for i := len(c.handlers) - 1; i >= 0; i-- {
		h := c.handlers[i]
		for j, cond := range h.decl.ConditionValues {
			switch cond.ValueType {
			case ast.DeclareHandlerCondition_MysqlErrorCode:
				if cond.MysqlErrorCode != nil && string(cond.MysqlErrorCode.Val) == fmt.Sprint(se.Number()) {
					return h
				}
			case ast.DeclareHandlerCondition_SqlState:
				if cond.String == state {
					return h
				}
			case ast.DeclareHandlerCondition_ConditionName:
				if d := h.conds[j]; d != nil {
					if (d.MysqlErrorCode != nil && string(d.MysqlErrorCode.Val) == fmt.Sprint(se.Number())) ||
						(d.SqlStateValue != "" && d.SqlStateValue == state) {
						return h
					}
				}
			case ast.DeclareHandlerCondition_NotFound:
				if class == "02" {
					return h
				}
			case ast.DeclareHandlerCondition_SqlException:
				if class != "00" && class != "01" && class != "02" {
					return h
				}
			}
		}
	}
	return nil
}

// runHandler runs a handler's statement; the handler and those declared after it are not
// active meanwhile.
func (c *routineCall) runHandler(ctx *sql.Context, h *activeHandler) (flow, error) {
	saved := c.handlers
	for i, x := range c.handlers {
		if x == h {
			c.handlers = c.handlers[:i:i]
			break
		}
	}
	defer func() { c.handlers = saved }()
	f, err := c.exec(ctx, h.decl.Statement)
	if f.kind == flowExit && f.block == nil {
		f = flow{}
	}
	return f, err
}

// lookupCondition finds the condition name declared innermost.
func (c *routineCall) lookupCondition(name string) *ast.DeclareCondition {
	for i := len(c.conditions) - 1; i >= 0; i-- {
		if strings.EqualFold(c.conditions[i].Name, name) {
			return c.conditions[i]
		}
	}
	return nil
}

// lookupCursor finds the cursor declared innermost.
func (c *routineCall) lookupCursor(name string) (*openCursor, error) {
	for i := len(c.cursors) - 1; i >= 0; i-- {
		if strings.EqualFold(c.cursors[i].decl.Name, name) {
			return c.cursors[i], nil
		}
	}
	return nil, mariaErr(sequences.ErrSPCursorMismatch, name)
}

// exec runs one statement.
func (c *routineCall) exec(ctx *sql.Context, st ast.Statement) (flow, error) {
	if err := ctx.Err(); err != nil {
		return flow{}, err
	}
	switch n := st.(type) {
	case *ast.BeginEndBlock:
		nh, nc, ncur, outer := len(c.handlers), len(c.conditions), len(c.cursors), c.currentBlock
		c.currentBlock = n
		f, err := c.execList(ctx, n.Statements)
		c.handlers, c.conditions, c.cursors, c.currentBlock = c.handlers[:nh], c.conditions[:nc], c.cursors[:ncur], outer
		if f.kind == flowLeave && n.Label != "" && strings.EqualFold(f.label, n.Label) {
			f = flow{}
		}
		if f.kind == flowExit && f.block == n {
			f = flow{}
		}
		return f, err
	case *ast.Declare:
		switch {
		case n.Condition != nil:
			c.conditions = append(c.conditions, n.Condition)
			return flow{}, nil
		case n.Cursor != nil:
			c.cursors = append(c.cursors, &openCursor{decl: n.Cursor})
			return flow{}, nil
		case n.Handler != nil:
			if n.Handler.Action == ast.DeclareHandlerAction_Undo {
				return flow{}, errNotSupportedYet("UNDO handlers")
			}
			h := &activeHandler{decl: n.Handler, block: c.currentBlock}
			for _, cond := range n.Handler.ConditionValues {
				var d *ast.DeclareCondition
				if cond.ValueType == ast.DeclareHandlerCondition_ConditionName {
					if d = c.lookupCondition(cond.String); d == nil {
						return flow{}, mariaErr(sequences.ErrSPCondMismatch, cond.String)
					}
				}
				h.conds = append(h.conds, d)
			}
			c.handlers = append(c.handlers, h)
			return flow{}, nil
		case n.Variables == nil:
			return flow{}, errNotSupportedYet("this DECLARE in stored routines")
		}
		var val any
		if n.Variables.VarType.Default != nil {
			v, err := c.eval(ctx, n.Variables.VarType.Default)
			if err != nil {
				return flow{}, err
			}
			val = v
		}
		for _, v := range c.declared[n] {
			cv, err := c.assign(ctx, v.typ, val, v.name, 0)
			if err != nil {
				return flow{}, err
			}
			v.val = cv
		}
		return flow{}, nil
	case *ast.Set:
		return flow{}, c.execSet(ctx, n)
	case *ast.Select:
		if n.Into != nil {
			return flow{}, c.execSelectInto(ctx, n)
		}
		sch, rows, err := c.query(ctx, n)
		if err != nil {
			return flow{}, err
		}
		c.result = &routineResult{sch: sch, rows: rows}
		return flow{}, nil
	case *ast.IfStatement:
		for _, cond := range n.Conditions {
			ok, err := c.truth(ctx, cond.Expr)
			if err != nil {
				return flow{}, err
			}
			if ok {
				return c.execList(ctx, cond.Statements)
			}
		}
		return c.execList(ctx, n.Else)
	case *ast.While:
		return c.loop(ctx, n.Label, n.Statements, n.Condition, nil)
	case *ast.Repeat:
		return c.loop(ctx, n.Label, n.Statements, nil, n.Condition)
	case *ast.Loop:
		return c.loop(ctx, n.Label, n.Statements, nil, nil)
	case *ast.Leave:
		return flow{kind: flowLeave, label: n.Label}, nil
	case *ast.Iterate:
		return flow{kind: flowIterate, label: n.Label}, nil
	case *ast.Return:
		v, err := c.eval(ctx, n.Expr)
		if err != nil {
			return flow{}, err
		}
		c.retVal = v
		return flow{kind: flowReturn}, nil
	case *ast.Call:
		return flow{}, c.execCall(ctx, n)
	case *ast.CaseStatement:
		return c.execCase(ctx, n)
	case *ast.Signal:
		return flow{}, c.execSignal(ctx, n)
	case *ast.OpenCursor:
		cur, err := c.lookupCursor(n.Name)
		if err != nil {
			return flow{}, err
		}
		if cur.open {
			return flow{}, mariaErr(sequences.ErrSPCursorAlreadyOpen)
		}
		_, rows, err := c.query(ctx, cur.decl.SelectStmt)
		if err != nil {
			return flow{}, err
		}
		cur.open, cur.rows, cur.pos = true, rows, 0
		return flow{}, nil
	case *ast.FetchCursor:
		return flow{}, c.execFetch(ctx, n)
	case *ast.CloseCursor:
		cur, err := c.lookupCursor(n.Name)
		if err != nil {
			return flow{}, err
		}
		if !cur.open {
			return flow{}, mariaErr(sequences.ErrSPCursorNotOpen)
		}
		cur.open, cur.rows = false, nil
		return flow{}, nil
	case *ast.Resignal:
		if n.ConditionName != "" || n.SqlStateValue != "" || len(n.Info) > 0 {
			return flow{}, errNotSupportedYet("RESIGNAL with a condition or SET")
		}
		if len(c.handling) == 0 {
			return flow{}, mariaErr(sequences.ErrResignalWithoutHandler)
		}
		return flow{}, c.handling[len(c.handling)-1]
	}
	sch, rows, err := c.query(ctx, st)
	if err != nil {
		return flow{}, err
	}
	if sch != nil && !isOkSchema(sch) {
		c.result = &routineResult{sch: sch, rows: rows}
	}
	return flow{}, nil
}

// isOkSchema reports whether sch is the schema of an OK packet.
func isOkSchema(sch sql.Schema) bool {
	return len(sch) == 1 && sch[0].Type == types.OkResultSchema[0].Type && sch[0].Name == types.OkResultSchema[0].Name
}

// loop runs WHILE (pre, checked before each pass), REPEAT (post, checked after each pass, ends
// when true) and LOOP (neither).
func (c *routineCall) loop(ctx *sql.Context, label string, body ast.Statements, pre, post ast.Expr) (flow, error) {
	for {
		if pre != nil {
			ok, err := c.truth(ctx, pre)
			if err != nil || !ok {
				return flow{}, err
			}
		}
		f, err := c.execList(ctx, body)
		if err != nil {
			return f, err
		}
		switch f.kind {
		case flowReturn:
			return f, nil
		case flowLeave:
			if label != "" && strings.EqualFold(f.label, label) {
				return flow{}, nil
			}
			return f, nil
		case flowIterate:
			if label == "" || !strings.EqualFold(f.label, label) {
				return f, nil
			}
			continue
		}
		if post != nil {
			ok, err := c.truth(ctx, post)
			if err != nil || ok {
				return flow{}, err
			}
		}
	}
}

// execSet runs SET: assignments to variables here, the rest through the engine, in order.
func (c *routineCall) execSet(ctx *sql.Context, n *ast.Set) error {
	for _, e := range n.Exprs {
		if v, ok := c.sets[e]; ok {
			val, err := c.eval(ctx, e.Expr)
			if err != nil {
				return err
			}
			if v.val, err = c.assign(ctx, v.typ, val, v.name, 0); err != nil {
				return err
			}
			continue
		}
		if _, _, err := c.query(ctx, &ast.Set{Exprs: ast.SetVarExprs{e}}); err != nil {
			return err
		}
	}
	return nil
}

// execSelectInto runs SELECT ... INTO variables: no row leaves them as they are with warning
// 1329, more than one row fails with 1172.
func (c *routineCall) execSelectInto(ctx *sql.Context, n *ast.Select) error {
	into := n.Into
	n.Into = nil
	_, rows, err := c.query(ctx, n)
	n.Into = into
	if err != nil {
		return err
	}
	switch {
	case len(rows) == 0:
		return selectNoData{mariaErr(sequences.ErrSPFetchNoData)}
	case len(rows) > 1:
		return mariaErr(sequences.ErrTooManyRows)
	}
	targets, names := c.intos[n], c.intoUser[n]
	if len(rows[0]) != len(targets) {
		return mariaErr(sequences.ErrWrongNumberOfColumnsInSelect)
	}
	for i, v := range targets {
		val := rows[0][i]
		if v == nil {
			if strings.HasPrefix(into.Variables[i].String(), "@") {
				if err := ctx.SetUserVariable(ctx, names[i], val, userVarType(val)); err != nil {
					return err
				}
				continue
			}
			return mariaErr(sequences.ErrSPUndeclaredVar, names[i])
		}
		if v.val, err = c.assign(ctx, v.typ, val, v.name, 0); err != nil {
			return err
		}
	}
	return nil
}

// userVarType is the type a user variable takes from a value.
func userVarType(v any) sql.Type {
	switch v.(type) {
	case nil:
		return types.Null
	case int8, int16, int32, int64, int:
		return types.Int64
	case uint8, uint16, uint32, uint64, uint:
		return types.Uint64
	case float32, float64:
		return types.Float64
	}
	return types.LongText
}

// eval evaluates an expression of the body.
func (c *routineCall) eval(ctx *sql.Context, e ast.Expr) (any, error) {
	sel, err := ast.Parse("SELECT 1")
	if err != nil {
		return nil, err
	}
	s := sel.(*ast.Select)
	s.SelectExprs = ast.SelectExprs{&ast.AliasedExpr{Expr: e}}
	_, rows, err := c.query(ctx, s)
	if err != nil {
		return nil, err
	}
	if len(rows) != 1 || len(rows[0]) != 1 {
		return nil, nil
	}
	return rows[0][0], nil
}

// truth evaluates a condition: true unless zero, false or NULL.
func (c *routineCall) truth(ctx *sql.Context, e ast.Expr) (bool, error) {
	v, err := c.eval(ctx, e)
	if err != nil || v == nil {
		return false, err
	}
	b, err := sql.ConvertToBool(ctx, v)
	if err != nil {
		return false, nil
	}
	return b, nil
}

// query runs a statement through the engine in the caller's session and transaction and
// returns its result.
func (c *routineCall) query(ctx *sql.Context, st ast.Statement) (sql.Schema, []sql.Row, error) {
	type result struct {
		sch  sql.Schema
		rows []sql.Row
	}
	r, err := sql.RunInterpreted(ctx, func(ctx *sql.Context) (result, error) {
		sch, iter, _, err := c.srv.engine.QueryWithBindings(ctx, ast.String(st), st, nil, nil)
		if err != nil {
			return result{}, err
		}
		rows, err := sql.RowIterToRows(ctx, iter)
		return result{sch, rows}, err
	})
	return r.sch, r.rows, err
}

// execCall runs CALL inside a routine: OUT and INOUT arguments may be variables of this routine
// or user variables.
func (c *routineCall) execCall(ctx *sql.Context, n *ast.Call) error {
	db := n.ProcName.Qualifier.String()
	name := n.ProcName.Name.String()
	def, params, err := c.srv.lookupProcedure(ctx, db, name, len(n.Params))
	if err != nil {
		return err
	}
	args := make([]any, len(n.Params))
	for i, p := range n.Params {
		if params[i].dir == ast.ProcedureParamDirection_Out {
			continue
		}
		if args[i], err = c.eval(ctx, p); err != nil {
			return err
		}
	}
	inner := &routineCall{srv: c.srv, def: def}
	if err := inner.run(ctx, params, args); err != nil {
		return err
	}
	if inner.result != nil {
		c.result = inner.result
	}
	for i, p := range n.Params {
		if params[i].dir == ast.ProcedureParamDirection_In {
			continue
		}
		if ie, ok := p.(ast.InjectedExpr); ok {
			if r, ok := ie.Expression.(*varRef); ok {
				if r.v.val, err = c.assign(ctx, r.v.typ, args[i], r.v.name, 0); err != nil {
					return err
				}
				continue
			}
		}
		uv, ok := userVarName(p)
		if !ok {
			return mariaErr(sequences.ErrSPNotVarArg, i+1, def.DB+"."+def.Name)
		}
		if err := ctx.SetUserVariable(ctx, uv, args[i], userVarType(args[i])); err != nil {
			return err
		}
	}
	return nil
}

// userVarName returns the name of a user variable argument (@name).
func userVarName(e ast.Expr) (string, bool) {
	cn, ok := e.(*ast.ColName)
	if !ok || !cn.Qualifier.IsEmpty() {
		return "", false
	}
	s := cn.Name.String()
	if !strings.HasPrefix(s, "@") || strings.HasPrefix(s, "@@") {
		return "", false
	}
	return strings.Trim(s[1:], "`'\""), true
}

// lookupProcedure finds procedure db.name for a CALL with nargs arguments and checks the
// caller's EXECUTE privilege.
func (s *Server) lookupProcedure(ctx *sql.Context, db, name string, nargs int) (*storage.RoutineDef, []routineParam, error) {
	db, err := routineDB(ctx, db)
	if err != nil {
		return nil, nil, err
	}
	def, ok := s.catalogOf(ctx).Routine(db, storage.RoutineProcedure, name)
	if !ok {
		return nil, nil, mariaErr(sequences.ErrSPDoesNotExist, "PROCEDURE", db+"."+name)
	}
	if err := s.checkRoutinePrivilege(ctx, db, def.Name, def.Type, sql.PrivilegeType_Execute); err != nil {
		return nil, nil, err
	}
	params, err := routineParams(def.Params)
	if err != nil {
		return nil, nil, err
	}
	if len(params) != nargs {
		return nil, nil, mariaErr(sequences.ErrSPWrongNoOfArgs, "PROCEDURE", db+"."+def.Name, len(params), nargs)
	}
	return def, params, nil
}

// parseCall parses CALL [db.]name[(args)].
func parseCall(ctx context.Context, s string, _ int, mode parseMode) (ast.Statement, error) {
	rw := prepass(s, mode.oracle, mode.opts.AnsiQuotes)
	stmt, err := ast.ParseWithOptions(ctx, rw.text, mode.opts)
	if err != nil {
		return nil, syntaxError(s, rw, err)
	}
	call, ok := stmt.(*ast.Call)
	if !ok {
		return nil, parseErrorNear(s, 0)
	}
	if err := patchAST(call, rw, false); err != nil {
		return nil, err
	}
	db, name := call.ProcName.Qualifier.String(), call.ProcName.Name.String()
	params := call.Params
	children := make(ast.Exprs, len(params))
	copy(children, params)
	return statement("CALL", children, func(ctx *sql.Context, args []sql.Expression) (sql.Node, error) {
		n := &execNode{name: "CALL", sch: types.OkResultSchema}
		n.run = func(ctx *sql.Context) (sql.RowIter, error) {
			srv := srvOf(ctx)
			def, ps, err := srv.lookupProcedure(ctx, db, name, len(params))
			if err != nil {
				return nil, err
			}
			vals := make([]any, len(args))
			for i, a := range args {
				if ps[i].dir == ast.ProcedureParamDirection_Out {
					continue
				}
				if vals[i], err = a.Eval(ctx, nil); err != nil {
					return nil, err
				}
			}
			for i, p := range params {
				if ps[i].dir == ast.ProcedureParamDirection_In {
					continue
				}
				if _, ok := userVarName(p); !ok {
					return nil, mariaErr(sequences.ErrSPNotVarArg, i+1, def.DB+"."+def.Name)
				}
			}
			c := &routineCall{srv: srv, def: def}
			if err := c.run(ctx, ps, vals); err != nil {
				return nil, err
			}
			for i, p := range params {
				if ps[i].dir == ast.ProcedureParamDirection_In {
					continue
				}
				uv, _ := userVarName(p)
				if err := ctx.SetUserVariable(ctx, uv, vals[i], userVarType(vals[i])); err != nil {
					return nil, err
				}
			}
			if c.result != nil {
				n.sch = c.result.sch
				return sql.RowsToRowIter(c.result.rows...), nil
			}
			return okResult(0), nil
		}
		return n, nil
	}), nil
}

// Function implements sql.FunctionProvider: stored functions. A built-in function of the same
// name wins unless the call is qualified with a database, as in MariaDB.
func (p *Provider) Function(ctx *sql.Context, schema, name string) (sql.Function, bool) {
	qualified := schema != ""
	if schema == "" {
		if f, ok := sumAvgFunction(name); ok {
			return f, true
		}
		if f, ok := decimalRoundFunction(name); ok {
			return f, true
		}
		if f, ok := functions.Replacement(name); ok {
			return f, true
		}
		if f, ok := decimalSafeFunction(name); ok {
			return f, true
		}
		if isBuiltinFunction(name) {
			return nil, false
		}
		schema = ctx.GetCurrentDatabase()
	}
	if schema == "" {
		return nil, false
	}
	def, ok := p.srv.catalogOf(ctx).Routine(schema, storage.RoutineFunction, name)
	if !ok {
		if qualified {
			// db.f() names a stored function only; MariaDB names the database in its error.
			missing := mariaErr(sequences.ErrSPDoesNotExist, "FUNCTION", schema+"."+name)
			return sql.FunctionN{Name: name, Fn: func(*sql.Context, ...sql.Expression) (sql.Expression, error) {
				return nil, missing
			}}, true
		}
		return nil, false
	}
	srv := p.srv
	return sql.FunctionN{Name: name, Fn: func(ctx *sql.Context, args ...sql.Expression) (sql.Expression, error) {
		return srv.newStoredFunctionCall(ctx, def, args)
	}}, true
}

var _ sql.FunctionProvider = (*Provider)(nil)

var (
	builtinOnce  sync.Once
	builtinNames map[string]bool
)

// isBuiltinFunction reports whether name is a function GMS or seqd provides.
func isBuiltinFunction(name string) bool {
	builtinOnce.Do(func() {
		builtinNames = map[string]bool{}
		for _, f := range function.BuiltIns {
			builtinNames[strings.ToLower(f.FunctionName())] = true
		}
		for _, f := range functions.Functions(nil) {
			builtinNames[strings.ToLower(f.FunctionName())] = true
		}
	})
	lower := strings.ToLower(name)
	return builtinNames[lower] || strings.HasPrefix(lower, "__seqd_") // seqd's rewrites (defaultFuncName)
}

// newStoredFunctionCall checks a call of a stored function and returns its expression.
func (s *Server) newStoredFunctionCall(ctx *sql.Context, def *storage.RoutineDef, args []sql.Expression) (sql.Expression, error) {
	params, err := routineParams(def.Params)
	if err != nil {
		return nil, err
	}
	if len(params) != len(args) {
		return nil, mariaErr(sequences.ErrSPWrongNoOfArgs, "FUNCTION", def.DB+"."+def.Name, len(params), len(args))
	}
	if err := s.checkRoutinePrivilege(ctx, def.DB, def.Name, def.Type, sql.PrivilegeType_Execute); err != nil {
		return nil, err
	}
	if s.functionRecursive(ctx, def) {
		return nil, mariaErr(sequences.ErrSPNoRecursion)
	}
	ret, err := parseColumnType(ctx, normalizeCharset(def.Returns))
	if err != nil {
		return nil, err
	}
	return &storedFunction{srv: s, def: def, params: params, ret: ret, args: args}, nil
}

// functionRecursive reports whether function def calls itself, directly or through other stored
// functions. MariaDB finds this when it opens the functions a statement uses, before running
// any, so a recursive function fails even when its recursive call would not run.
func (s *Server) functionRecursive(ctx *sql.Context, def *storage.RoutineDef) bool {
	cat := s.catalogOf(ctx)
	seen := map[*storage.RoutineDef]bool{}
	var calls func(d *storage.RoutineDef) bool
	calls = func(d *storage.RoutineDef) bool {
		body, _, _, err := parseBody(ctx, d.Body, parseMode{opts: sql.LoadSqlMode(ctx).ParserOptions()})
		if err != nil {
			return false
		}
		found := false
		walkAST(reflect.ValueOf(body), func(v reflect.Value) {
			f, ok := v.Interface().(*ast.FuncExpr)
			if !ok || found {
				return
			}
			db := f.Qualifier.String()
			if db == "" {
				if isBuiltinFunction(f.Name.String()) {
					return
				}
				db = d.DB
			}
			callee, ok := cat.Routine(db, storage.RoutineFunction, f.Name.String())
			if !ok {
				return
			}
			if callee.DB == def.DB && strings.EqualFold(callee.Name, def.Name) {
				found = true
				return
			}
			if !seen[callee] {
				seen[callee] = true
				found = calls(callee)
			}
		})
		return found
	}
	return calls(def)
}

// storedFunction is a call of a stored function in an expression.
type storedFunction struct {
	srv    *Server
	def    *storage.RoutineDef
	params []routineParam
	ret    sql.Type
	args   []sql.Expression
}

var (
	_ sql.Expression                 = (*storedFunction)(nil)
	_ sql.NonDeterministicExpression = (*storedFunction)(nil)
)

func (f *storedFunction) Resolved() bool {
	for _, a := range f.args {
		if !a.Resolved() {
			return false
		}
	}
	return true
}

func (f *storedFunction) String() string {
	parts := make([]string, len(f.args))
	for i, a := range f.args {
		parts[i] = a.String()
	}
	return quoteIdent(f.def.DB) + "." + quoteIdent(f.def.Name) + "(" + strings.Join(parts, ",") + ")"
}

func (f *storedFunction) Type(*sql.Context) sql.Type   { return f.ret }
func (f *storedFunction) IsNullable(*sql.Context) bool { return true }
func (f *storedFunction) Children() []sql.Expression   { return f.args }
func (f *storedFunction) IsNonDeterministic() bool     { return true }
func (f *storedFunction) CollationCoercibility(*sql.Context) (sql.CollationID, byte) {
	return sql.Collation_binary, 4
}

// WithChildren implements sql.Expression.
func (f *storedFunction) WithChildren(_ *sql.Context, children ...sql.Expression) (sql.Expression, error) {
	if len(children) != len(f.args) {
		return nil, sql.ErrInvalidChildrenNumber.New(f, len(children), len(f.args))
	}
	n := *f
	n.args = children
	return &n, nil
}

// Eval implements sql.Expression: it runs the function's body.
func (f *storedFunction) Eval(ctx *sql.Context, row sql.Row) (any, error) {
	args := make([]any, len(f.args))
	for i, a := range f.args {
		v, err := a.Eval(ctx, row)
		if err != nil {
			return nil, err
		}
		args[i] = v
	}
	c := &routineCall{srv: f.srv, def: f.def, ret: f.ret}
	if err := c.run(ctx, f.params, args); err != nil {
		return nil, err
	}
	return c.retVal, nil
}

// execCase runs a CASE statement: the simple form compares its value, computed once, with each
// WHEN value; the searched form tests each WHEN condition. No match and no ELSE fails with 1339.
func (c *routineCall) execCase(ctx *sql.Context, n *ast.CaseStatement) (flow, error) {
	var subject *spVar
	if n.Expr != nil {
		v, err := c.eval(ctx, n.Expr)
		if err != nil {
			return flow{}, err
		}
		subject = &spVar{name: "case", typ: literalType(v), val: v}
	}
	for _, w := range n.Cases {
		cond := w.Case
		if subject != nil {
			cond = &ast.ComparisonExpr{Operator: ast.EqualStr, Left: ast.InjectedExpr{
				Auth: ast.AuthInformation{AuthType: ast.AuthType_IGNORE}, Expression: &varRef{v: subject}}, Right: w.Case}
		}
		ok, err := c.truth(ctx, cond)
		if err != nil {
			return flow{}, err
		}
		if ok {
			return c.execList(ctx, w.Statements)
		}
	}
	if n.Else == nil {
		return flow{}, mariaErr(sequences.ErrSPCaseNotFound)
	}
	return c.execList(ctx, n.Else)
}

// literalType is the type of a value read back from a query.
func literalType(v any) sql.Type {
	if v == nil {
		return types.Null
	}
	return expression.NewLiteral(v, types.ApproximateTypeFromValue(v)).Type(nil)
}

// execFetch runs FETCH cursor INTO variables; past the last row it fails with 1329 (NOT FOUND).
func (c *routineCall) execFetch(ctx *sql.Context, n *ast.FetchCursor) error {
	cur, err := c.lookupCursor(n.Name)
	if err != nil {
		return err
	}
	if !cur.open {
		return mariaErr(sequences.ErrSPCursorNotOpen)
	}
	if cur.pos >= len(cur.rows) {
		return mariaErr(sequences.ErrSPFetchNoData)
	}
	row := cur.rows[cur.pos]
	cur.pos++
	vars := c.fetches[n]
	if len(vars) != len(row) {
		return mariaErr(sequences.ErrSPWrongNoOfFetchArgs)
	}
	for i, v := range vars {
		if v.val, err = c.assign(ctx, v.typ, row[i], v.name, 0); err != nil {
			return err
		}
	}
	return nil
}

// execSignal runs SIGNAL: an error of the given SQLSTATE (or declared condition), a warning
// for class '01'. MESSAGE_TEXT and MYSQL_ERRNO replace the default text and number.
func (c *routineCall) execSignal(ctx *sql.Context, n *ast.Signal) error {
	state, code := n.SqlStateValue, 0
	if n.ConditionName != "" {
		d := c.lookupCondition(n.ConditionName)
		if d == nil {
			return mariaErr(sequences.ErrSPCondMismatch, n.ConditionName)
		}
		if d.SqlStateValue == "" {
			return mariaErr(sequences.ErrSignalBadCondition)
		}
		state = d.SqlStateValue
	}
	kind := sequences.ErrSignalException
	switch {
	case strings.HasPrefix(state, "01"):
		kind = sequences.ErrSignalWarn
	case strings.HasPrefix(state, "02"):
		kind = sequences.ErrSignalNotFound
	}
	code, msg := kind.Code, kind.New().Message
	for _, info := range n.Info {
		v, err := c.eval(ctx, info.Value)
		if err != nil {
			return err
		}
		switch info.ConditionItemName {
		case ast.SignalConditionItemName_MessageText:
			msg = toString(v)
		case ast.SignalConditionItemName_MysqlErrno:
			if i, _, err := types.Int64.Convert(ctx, v); err == nil && i != nil {
				code = int(i.(int64))
			}
		}
	}
	if kind == sequences.ErrSignalWarn {
		c.warn(ctx, &sql.Warning{Level: "Warning", Code: code, Message: msg})
		return nil
	}
	return mysql.NewSQLError(code, state, "%s", msg)
}
