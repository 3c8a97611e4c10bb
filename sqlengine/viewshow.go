package sqlengine

import (
	"context"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// SHOW CREATE VIEW and information_schema.VIEWS as MariaDB's view_store_create_info and
// get_schema_views_record print them.

var showCreateViewSchema = sql.Schema{
	{Name: "View", Type: types.LongText},
	{Name: "Create View", Type: types.LongText},
	{Name: "character_set_client", Type: types.LongText},
	{Name: "collation_connection", Type: types.LongText},
}

// parseShowCreateView parses SHOW CREATE VIEW name.
func parseShowCreateView(ctx context.Context, text string, mode parseMode) (ast.Statement, error) {
	stmt, err := ast.ParseWithOptions(ctx, text, mode.opts)
	if err != nil {
		return nil, syntaxError(text, &rewrite{orig: text, text: text}, err)
	}
	show, ok := stmt.(*ast.Show)
	if !ok {
		return nil, parseErrorNear(text, 0)
	}
	name := show.Table
	return statement("SHOW CREATE VIEW", nil, func(ctx *sql.Context, _ []sql.Expression) (sql.Node, error) {
		return &execNode{name: "SHOW CREATE VIEW", sch: showCreateViewSchema, readOnly: true,
			run: func(ctx *sql.Context) (sql.RowIter, error) { return srvOf(ctx).showCreateView(ctx, name) }}, nil
	}), nil
}

// showCreateView runs SHOW CREATE VIEW.
func (s *Server) showCreateView(ctx *sql.Context, tn ast.TableName) (sql.RowIter, error) {
	db := tn.DbQualifier.String()
	if db == "" {
		if db = ctx.GetCurrentDatabase(); db == "" {
			return nil, mariaErr(sequences.ErrNoDB)
		}
	}
	name := tn.Name.String()
	cat := s.catalogOf(ctx)
	v, ok := cat.View(db, name)
	if !ok {
		if _, isTable := cat.Table(db, name); isTable || s.sessionTemp(ctx).has(db, name) {
			return nil, mariaErr(sequences.ErrWrongObject, db, name, "VIEW")
		}
		return nil, mariaErr(sequences.ErrNoSuchTable, db, name)
	}
	if err := s.checkTablePrivileges(ctx, db, name, sql.PrivilegeType_ShowView); err != nil {
		return nil, err
	}
	return sql.RowsToRowIter(s.showCreateViewRow(ctx, v)), nil
}

// showCreateViewRow is the row of SHOW CREATE VIEW (and SHOW CREATE TABLE of a view). A view
// whose tables are gone is still shown, with MariaDB's warning 1356.
func (s *Server) showCreateViewRow(ctx *sql.Context, v *storage.ViewDef) sql.Row {
	if !s.viewValid(ctx, v) {
		ctx.Session.Warn(&sql.Warning{Level: "Warning", Code: sequences.ErrViewInvalid.Code,
			Message: sequences.ErrViewInvalid.New(v.DB, v.Name).Message})
	}
	return sql.Row{v.Name, s.createViewText(ctx, v), v.ClientCharset, v.Collation}
}

// createViewText is MariaDB's CREATE VIEW text for SHOW CREATE VIEW in this session: the view
// options unless sql_mode names another database system, the view's name and its tables
// without their database when they are all in the current one, identifiers quoted for the
// session's sql_mode.
func (s *Server) createViewText(ctx *sql.Context, v *storage.ViewDef) string {
	mode := strings.ToUpper(sessionString(ctx, "sql_mode"))
	foreign := false
	for _, m := range []string{"POSTGRESQL", "ORACLE", "MSSQL", "DB2", "MAXDB", "ANSI"} {
		if sqlModeHas(mode, m) {
			foreign = true
		}
	}
	var b strings.Builder
	b.WriteString("CREATE ")
	if !foreign {
		user, host := definerParts(v.Definer)
		b.WriteString("ALGORITHM=" + orDefault(v.Algorithm, "UNDEFINED") + " DEFINER=" + quoteIdent(user) + "@" +
			quoteIdent(host) + " SQL SECURITY " + orDefault(v.SQLSecurity, "DEFINER") + " ")
	}
	b.WriteString("VIEW ")
	cur := ctx.GetCurrentDatabase()
	if cur != v.DB {
		b.WriteString(quoteIdent(v.DB) + ".")
	}
	b.WriteString(quoteIdent(v.Name) + " AS ")
	compact := cur == v.DB
	for _, t := range viewTables(v) {
		if t.db != v.DB {
			compact = false
		}
	}
	body := v.Definition
	if compact {
		body = compactViewText(body, v.DB, s.viewValid(ctx, v))
	}
	if sqlModeHas(mode, "ORACLE") {
		body = oracleViewText(body)
	}
	b.WriteString(body)
	switch v.CheckOption {
	case "LOCAL":
		b.WriteString(" WITH LOCAL CHECK OPTION")
	case "CASCADED":
		b.WriteString(" WITH CASCADED CHECK OPTION")
	}
	return quoteForSession(ctx, b.String())
}

// quoteForSession returns text printed with backquoted identifiers as MariaDB prints it in the
// session: with "double quotes" under sql_mode ANSI_QUOTES (SHOW CREATE VIEW, EXPLAIN's Note
// 1003).
func quoteForSession(ctx *sql.Context, text string) string {
	if sqlModeHas(strings.ToUpper(sessionString(ctx, "sql_mode")), "ANSI_QUOTES") {
		return requoteANSI(text)
	}
	return text
}

// sqlModeHas reports whether the comma-separated sql_mode value has mode m.
func sqlModeHas(modes, m string) bool {
	for _, x := range strings.Split(modes, ",") {
		if x == m {
			return true
		}
	}
	return false
}

// viewValid reports whether every table, view and sequence the view names exists.
func (s *Server) viewValid(ctx *sql.Context, v *storage.ViewDef) bool {
	cat := s.catalogOf(ctx)
	for _, t := range viewTables(v) {
		if _, ok := cat.Table(t.db, t.name); ok {
			continue
		}
		if _, ok := cat.View(t.db, t.name); ok {
			continue
		}
		if _, ok := cat.Database(t.db); ok {
			if _, isSeq := newSeqEngineTable(t.db, t.name); isSeq {
				continue
			}
			return false
		}
		if _, _, err := s.objectColumns(ctx, t.db, t.name); err != nil {
			return false
		}
	}
	return true
}
