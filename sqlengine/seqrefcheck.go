package sqlengine

import (
	"context"

	"github.com/dolthub/go-mysql-server/sql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"
)

// MariaDB opens every sequence a statement's value functions name before the statement runs,
// in the order they are written, so a missing sequence or one that is not a sequence fails the
// statement even where no row makes the function run (WHERE false, an empty table). seqd
// resolves sequences when a function is evaluated, so the statement is checked first.
//
// Which error a missing sequence gives depends on how MariaDB opens it. A statement with
// tables (INSERT, UPDATE, DELETE, or a SELECT with a FROM clause) opens the sequences with its
// tables and fails with 1146 "Table 'db.s' doesn't exist". A SELECT without tables, a UNION,
// SET and DO open them when the function is first evaluated, failing with 4091 "Unknown
// SEQUENCE: 's'" (SHOW WARNINGS also lists the 1146). A table or view is 4089 either way.
//
// MariaDB opens the statement's first table before its sequences (the others come after the
// sequences of the select list): when that table is missing, its 1146 comes first, and the
// check is left to the planner, which reports it.

// checkSequenceRefs checks the sequences named by the value functions of stmt, whose text
// (after the pre-pass: every value function is a nextval/lastval/setval call) is text.
func checkSequenceRefs(ctx context.Context, stmt ast.Statement, text string, ansiQuotes bool) error {
	sctx, ok := ctx.(*sql.Context)
	if !ok || !needsPatch(text) {
		return nil
	}
	withTables, ok := opensTables(stmt)
	if !ok {
		return nil
	}
	s := srvOf(sctx)
	if s == nil {
		return nil
	}
	if db, name, ok := firstTable(stmt); ok {
		if db == "" {
			db = sctx.GetCurrentDatabase()
		}
		if !s.canOpenTable(sctx, db, name) {
			return nil
		}
	}
	for _, ref := range valueFunctionRefs(text, ansiQuotes) {
		db := ref.db
		if db == "" {
			if db = sctx.GetCurrentDatabase(); db == "" {
				continue // 1046 when the function is planned
			}
		}
		var err error
		if withTables {
			err = s.checkSequenceExists(sctx, db, ref.name)
		} else {
			_, _, err = s.lookupSequence(sctx, db, ref.name, false)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// opensTables reports whether stmt is a statement whose sequences are checked, and whether it
// opens them with tables (see above).
func opensTables(stmt ast.Statement) (withTables, checked bool) {
	switch st := stmt.(type) {
	case *ast.Select:
		return len(st.From) > 0, true
	case *ast.SetOp, *ast.Set:
		return false, true
	case *ast.Insert, *ast.Update, *ast.Delete:
		return true, true
	}
	return false, false
}

// firstTable returns the first base table stmt names in its FROM clause or as its target.
func firstTable(stmt ast.Statement) (db, name string, ok bool) {
	var from ast.TableExprs
	switch st := stmt.(type) {
	case *ast.Select:
		from = st.From
	case *ast.Insert:
		return st.Table.DbQualifier.String(), st.Table.Name.String(), true
	case *ast.Update:
		from = st.TableExprs
	case *ast.Delete:
		from = st.TableExprs
	}
	if len(from) == 0 {
		return "", "", false
	}
	return leftmostTable(from[0])
}

func leftmostTable(te ast.TableExpr) (db, name string, ok bool) {
	switch t := te.(type) {
	case *ast.AliasedTableExpr:
		if tn, isName := t.Expr.(ast.TableName); isName {
			return tn.DbQualifier.String(), tn.Name.String(), true
		}
	case *ast.JoinTableExpr:
		return leftmostTable(t.LeftExpr)
	case *ast.ParenTableExpr:
		if len(t.Exprs) > 0 {
			return leftmostTable(t.Exprs[0])
		}
	}
	return "", "", false
}

// canOpenTable reports whether db.name can be opened as a table: a table, sequence or view of
// the session, or anything of a database seqd does not store (information_schema, mysql,
// seq_1_to_N tables), which the planner checks itself.
func (s *Server) canOpenTable(ctx *sql.Context, db, name string) bool {
	if _, _, ok := s.findTableDef(ctx, db, name); ok {
		return true
	}
	cat := s.catalogOf(ctx)
	if _, ok := cat.View(db, name); ok {
		return true
	}
	if _, ok := cat.Database(db); !ok {
		return true
	}
	_, isSeq := newSeqEngineTable(db, name)
	return isSeq
}

// valueFunctionRefs returns the sequences named by the nextval/lastval/setval calls of text,
// in order; an unqualified name has db "".
func valueFunctionRefs(text string, ansiQuotes bool) []seqNameRef {
	toks := lexAll(text, ansiQuotes)
	var refs []seqNameRef
	for i := 0; i+2 < len(toks); i++ {
		t := toks[i]
		if !(t.isWord(text, "nextval") || t.isWord(text, "lastval") || t.isWord(text, "setval")) ||
			!toks[i+1].isPunct(text, '(') || (i > 0 && toks[i-1].isPunct(text, '.')) {
			continue
		}
		end, ok := tableIdent(text, toks, i+2)
		if !ok {
			continue
		}
		switch end - (i + 2) {
		case 1:
			refs = append(refs, seqNameRef{name: unquoteName(toks[i+2].text(text))})
		case 2: // .name
			refs = append(refs, seqNameRef{name: unquoteName(toks[i+3].text(text))})
		case 3:
			refs = append(refs, seqNameRef{db: unquoteName(toks[i+2].text(text)), name: unquoteName(toks[i+4].text(text))})
		}
	}
	return refs
}
