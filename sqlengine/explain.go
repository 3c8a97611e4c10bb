package sqlengine

import (
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
	"github.com/dolthub/vitess/go/sqltypes"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"
)

// EXPLAIN [EXTENDED] stmt answers in MariaDB's traditional format: one row per table of a
// simple query, with the access type seqd can tell without a cost model (system for a
// sequence or a one-row MyISAM/Aria/MEMORY table, const for a primary key given by constants,
// ALL otherwise) and MariaDB's row estimates; "No tables used" when there is none. EXPLAIN
// EXTENDED adds the filtered column and Note 1003 with the query as MariaDB prints it
// (explainprint.go). Other formats (FORMAT=..., EXPLAIN PLAN, ANALYZE) are left to GMS.

// explainStatement replaces vitess's EXPLAIN of a statement with seqd's. text is the
// statement as the user typed it.
func explainStatement(stmt ast.Statement, text string) (ast.Statement, bool) {
	ex, ok := stmt.(*ast.Explain)
	if !ok || ex.Plan || ex.Analyze || ex.ExplainFormat != "" {
		return nil, false
	}
	inner, extended, ok := explainTarget(text)
	if !ok {
		return nil, false
	}
	sch := explainSchema(extended)
	return statement("EXPLAIN", nil, func(ctx *sql.Context, _ []sql.Expression) (sql.Node, error) {
		return &execNode{name: "EXPLAIN", sch: sch, readOnly: true, run: func(ctx *sql.Context) (sql.RowIter, error) {
			return srvOf(ctx).explain(ctx, inner, extended)
		}}, nil
	}), true
}

// explainTarget splits EXPLAIN [EXTENDED] off text and returns the explained statement.
func explainTarget(text string) (inner string, extended, ok bool) {
	l := &lexer{src: text}
	verb := l.next()
	if !verb.isWord(text, "explain") && !verb.isWord(text, "describe") && !verb.isWord(text, "desc") {
		return "", false, false
	}
	start := verb.end
	if t := l.next(); t.isWord(text, "extended") {
		extended, start = true, t.end
	}
	return text[start:], extended, true
}

// explainSchema is MariaDB's EXPLAIN result; EXTENDED adds filtered.
func explainSchema(extended bool) sql.Schema {
	str := func(name string, n int64) *sql.Column {
		return &sql.Column{Name: name, Type: types.MustCreateStringWithDefaults(sqltypes.VarChar, n), Nullable: true}
	}
	sch := sql.Schema{
		{Name: "id", Type: types.Uint64, Nullable: true},
		str("select_type", 19),
		str("table", 64),
		str("type", 10),
		str("possible_keys", 4096),
		str("key", 64),
		str("key_len", 4096),
		str("ref", 2048),
		str("rows", 64),
	}
	if extended {
		sch = append(sch, &sql.Column{Name: "filtered", Type: types.MustCreateDecimalType(4, 2), Nullable: true})
	}
	return append(sch, str("Extra", 255))
}

// explain runs EXPLAIN [EXTENDED] of inner.
func (s *Server) explain(ctx *sql.Context, inner string, extended bool) (sql.RowIter, error) {
	node, err := s.engine.AnalyzeQuery(ctx, inner)
	if err != nil {
		return nil, err
	}
	plan, err := s.explainPlan(ctx, node, parseExplained(ctx, inner))
	if err != nil {
		return nil, err
	}
	rows := plan.rows(extended)
	if extended {
		if note, ok := s.explainNote(ctx, plan); ok {
			ctx.Session.Warn(&sql.Warning{Level: "Note", Code: 1003, Message: quoteForSession(ctx, note)})
		}
	}
	return sql.RowsToRowIter(rows...), nil
}
