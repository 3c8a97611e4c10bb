package sqlengine

import (
	"strings"
	"time"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/plan"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// Triggers are stored in the catalog with their CREATE TRIGGER text; GMS parses and runs them.
// A trigger goes when its table or database is dropped.

var _ sql.TriggerDatabase = (*Database)(nil)

// GetTriggers implements sql.TriggerDatabase.
func (d *Database) GetTriggers(ctx *sql.Context) ([]sql.TriggerDefinition, error) {
	var out []sql.TriggerDefinition
	cat := d.srv.catalogOf(ctx)
	for _, t := range cat.Triggers(d.name) {
		if _, ok := cat.Table(d.name, t.Table); !ok {
			continue // left behind by a table dropped before triggers went with their tables
		}
		out = append(out, sql.TriggerDefinition{
			Name:            t.Name,
			CreateStatement: t.CreateStatement,
			CreatedAt:       time.UnixMicro(t.CreatedAt).UTC(),
			SqlMode:         t.SQLMode,
		})
	}
	return out, nil
}

// CreateTrigger implements sql.TriggerDatabase. MariaDB refuses triggers on sequences.
func (d *Database) CreateTrigger(ctx *sql.Context, def sql.TriggerDefinition) error {
	table, err := triggerTable(def.CreateStatement)
	if err != nil {
		return err
	}
	txn, err := txnOf(ctx)
	if err != nil {
		return err
	}
	cat := txn.Catalog()
	if t, ok := cat.Table(d.name, table); ok && t.Sequence {
		return mariaErr(sequences.ErrTrgOnViewOrTempTable, table)
	}
	if _, ok := cat.Trigger(d.name, def.Name); ok {
		return mariaErr(sequences.ErrTrgAlreadyExists, d.name+"."+def.Name)
	}
	cs, coll := sessionString(ctx, "character_set_client"), sessionString(ctx, "collation_connection")
	return translateStorageError(txn.PutTrigger(&storage.TriggerDef{
		DB: d.name, Name: def.Name, Table: table,
		CreateStatement: withDefiner(originalTriggerText(ctx, def), ctx.Session.Client()),
		CreatedAt:       def.CreatedAt.UnixMicro(), SQLMode: orDefault(sessionString(ctx, "sql_mode"), def.SqlMode),
		CharsetClient: cs, CollationConnection: coll, DBCollation: d.GetCollation(ctx).Name(),
	}))
}

// DropTrigger implements sql.TriggerDatabase.
func (d *Database) DropTrigger(ctx *sql.Context, name string) error {
	txn, err := txnOf(ctx)
	if err != nil {
		return err
	}
	if _, ok := txn.Catalog().Trigger(d.name, name); !ok {
		return mariaErr(sequences.ErrTrgDoesNotExist)
	}
	return translateStorageError(txn.DeleteTrigger(d.name, name))
}

// dropTableTriggers drops the triggers of db.table, as MariaDB does with the table.
func dropTableTriggers(txn *storage.Txn, db, table string) error {
	for _, t := range txn.Catalog().Triggers(db) {
		if t.Table == table {
			if err := txn.DeleteTrigger(db, t.Name); err != nil {
				return translateStorageError(err)
			}
		}
	}
	return nil
}

// triggerTable returns the table a CREATE TRIGGER statement names.
func triggerTable(stmt string) (string, error) {
	parsed, err := ast.Parse(stmt)
	if err != nil {
		return "", err
	}
	ddl, ok := parsed.(*ast.DDL)
	if !ok {
		return "", sql.ErrTriggerCreateStatementInvalid.New(stmt)
	}
	return ddl.Table.Name.String(), nil
}

// renameTableTriggers moves the triggers of db.from to db.to, as RENAME TABLE does in MariaDB:
// the stored statement then says ON `to`.
func renameTableTriggers(txn *storage.Txn, db, from, to string) error {
	for _, t := range txn.Catalog().Triggers(db) {
		if t.Table != from {
			continue
		}
		nt := *t
		nt.Table = to
		nt.CreateStatement = retargetTrigger(t.CreateStatement, to)
		if err := txn.PutTrigger(&nt); err != nil {
			return translateStorageError(err)
		}
	}
	return nil
}

// retargetTrigger replaces the table name after ON in a CREATE TRIGGER statement.
func retargetTrigger(stmt, table string) string {
	toks := lexAll(stmt, false)
	for i, t := range toks {
		if !t.isWord(stmt, "on") || i+1 >= len(toks) || !toks[i+1].isIdent() {
			continue
		}
		end := toks[i+1].end
		if i+3 < len(toks) && toks[i+2].isPunct(stmt, '.') && toks[i+3].isIdent() {
			end = toks[i+3].end
		}
		return stmt[:t.start] + "ON " + sequences.QuoteIdent(table, '`') + stmt[end:]
	}
	return stmt
}

// withDefiner returns a CREATE TRIGGER statement with the DEFINER clause MariaDB stores: the
// creating account when the statement names none.
func withDefiner(stmt string, client sql.Client) string {
	toks := lexAll(stmt, false)
	if len(toks) < 2 || !toks[0].isWord(stmt, "create") || toks[1].isWord(stmt, "definer") {
		return stmt
	}
	host := client.Address
	if host == "" {
		host = "localhost"
	}
	return "CREATE DEFINER=" + sequences.QuoteIdent(client.User, '`') + "@" +
		sequences.QuoteIdent(host, '`') + stmt[toks[0].end:]
}

// dropTrigger runs DROP TRIGGER [IF EXISTS]: a missing trigger is error 1360, or a note under
// IF EXISTS (GMS says nothing).
func (s *Server) dropTrigger(ctx *sql.Context, n *plan.DropTrigger) (sql.RowIter, error) {
	if n.Db == nil {
		return nil, nil
	}
	db := n.Db.Name()
	txn, err := txnOf(ctx)
	if err != nil {
		return nil, err
	}
	if _, ok := txn.Catalog().Database(db); !ok {
		return nil, nil
	}
	if _, ok := txn.Catalog().Trigger(db, n.TriggerName); !ok {
		if n.IfExists {
			note(ctx, sequences.ErrTrgDoesNotExist)
			return okResult(0), nil
		}
		return nil, mariaErr(sequences.ErrTrgDoesNotExist)
	}
	if err := txn.DeleteTrigger(db, n.TriggerName); err != nil {
		return nil, translateStorageError(err)
	}
	return okResult(0), nil
}

// originalTriggerText returns the CREATE TRIGGER statement as the client sent it, which MariaDB
// keeps; GMS hands over the text seqd's parser rewrote (NEXT VALUE FOR s as nextval(s)).
func originalTriggerText(ctx *sql.Context, def sql.TriggerDefinition) string {
	q := strings.TrimRight(strings.TrimSpace(ctx.Query()), ";")
	toks := lexAll(q, false)
	for i, t := range toks {
		if i > 4 {
			break
		}
		if t.isWord(q, "trigger") && i+1 < len(toks) && strings.EqualFold(unquoteName(toks[i+1].text(q)), def.Name) {
			if toks[0].isWord(q, "create") {
				return strings.TrimSpace(q)
			}
		}
	}
	return def.CreateStatement
}
