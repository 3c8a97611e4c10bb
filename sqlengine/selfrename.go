package sqlengine

import (
	"github.com/dolthub/go-mysql-server/sql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
)

// selfRenameStatement recognizes ALTER TABLE name RENAME [TO|AS] name, the same name in the same
// database: MariaDB does nothing and answers OK (after the usual existence and privilege
// checks), where GMS fails with 1050.
func selfRenameStatement(text string) (ast.Statement, bool) {
	toks := lexAll(text, false)
	i := 0
	word := func(w string) bool {
		if i < len(toks) && toks[i].isWord(text, w) {
			i++
			return true
		}
		return false
	}
	if !word("alter") {
		return nil, false
	}
	word("online")
	word("ignore")
	if !word("table") {
		return nil, false
	}
	name := func() (db, tbl string, ok bool) {
		if i >= len(toks) || !toks[i].isIdent() {
			return "", "", false
		}
		tbl = unquoteIdent(toks[i].text(text))
		i++
		if i+1 < len(toks) && toks[i].isPunct(text, '.') && toks[i+1].isIdent() {
			db, tbl = tbl, unquoteIdent(toks[i+1].text(text))
			i += 2
		}
		return db, tbl, true
	}
	db1, t1, ok := name()
	if !ok || !word("rename") {
		return nil, false
	}
	if !word("to") {
		word("as")
	}
	db2, t2, ok := name()
	if !ok || t1 != t2 || db1 != db2 {
		return nil, false
	}
	if i < len(toks) && !toks[i].isPunct(text, ';') {
		return nil, false // more items, or a statement after it: left to the general path
	}
	return statement("ALTER TABLE RENAME", nil, func(ctx *sql.Context, _ []sql.Expression) (sql.Node, error) {
		return okNode("ALTER TABLE RENAME", func(ctx *sql.Context) (sql.RowIter, error) {
			db := db1
			if db == "" {
				if db = ctx.GetCurrentDatabase(); db == "" {
					return nil, mariaErr(sequences.ErrNoDB)
				}
			}
			s := srvOf(ctx)
			if s == nil {
				return nil, mariaErr(sequences.ErrNoSuchTable, db, t1)
			}
			if err := s.checkDBPrivileges(ctx, db, t1, sql.PrivilegeType_Alter); err != nil {
				return nil, err
			}
			if _, _, ok := s.findTableDef(ctx, db, t1); !ok {
				return nil, mariaErr(sequences.ErrNoSuchTable, db, t1)
			}
			return okResult(0), nil
		}), nil
	}), true
}
