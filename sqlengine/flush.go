package sqlengine

import (
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
)

// flushTablesStatement handles FLUSH TABLE[S] [t, ...]: as in MariaDB, sequences drop their
// cached values and continue from next_not_cached_value. (Tables need no flushing: every
// commit is on disk.) FLUSH TABLES WITH READ LOCK is left to GMS.
func flushTablesStatement(stmt ast.Statement) (ast.Statement, bool) {
	f, ok := stmt.(*ast.Flush)
	if !ok || f.Option == nil || f.Option.ReadLock {
		return nil, false
	}
	opt := strings.ToLower(f.Option.Name)
	if opt != "table" && opt != "tables" {
		return nil, false
	}
	tables := f.Option.Tables
	return statement("FLUSH TABLES", nil, func(ctx *sql.Context, _ []sql.Expression) (sql.Node, error) {
		return okNode("FLUSH TABLES", func(ctx *sql.Context) (sql.RowIter, error) {
			s := srvOf(ctx)
			if len(tables) == 0 {
				s.seqs.FlushAll()
				return okResult(0), nil
			}
			seen := map[tableName]bool{}
			for _, tn := range tables {
				db := tn.DbQualifier.String()
				if db == "" {
					db = ctx.GetCurrentDatabase()
				}
				key := tableName{db, tn.Name.String()}
				if seen[key] {
					return nil, mariaErr(sequences.ErrNonUniqTable, key.name)
				}
				seen[key] = true
			}
			for key := range seen {
				// A temporary sequence is not flushed: FLUSH TABLES names base tables only.
				if def, ok := s.catalogOf(ctx).Table(key.db, key.name); ok && def.Sequence {
					s.seqs.Rename(def.ID, def.DB, def.Name)
				}
			}
			return okResult(0), nil
		}), nil
	}), true
}
