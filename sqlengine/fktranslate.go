package sqlengine

import (
	"strings"

	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
)

// GMS's foreign key errors, rewritten into MariaDB's (see translate.go). Errors about a
// constraint name it (1451, 1452, 1701) with the constraint as SHOW CREATE TABLE prints it; a
// constraint CREATE or ALTER TABLE cannot add is InnoDB's 1005 errno 150 on the statement's table.

func init() {
	translations = append(fkTranslations, translations...)
}

var fkTranslations = []translation{
	{re("^cannot add or update a child row - Foreign key violation on fk: `(.*)`, table: `(.*)`, referenced table: `.*`, key: `.*`$"), func(t *translator, m []string) error {
		return constraintError(t.sess, sequences.ErrNoReferencedRow2, m[1], m[2])
	}},
	{re("^cannot delete or update a parent row - Foreign key violation on fk: `(.*)`, table: `(.*)`, referenced table: `.*`, key: `.*`$"), func(t *translator, m []string) error {
		return constraintError(t.sess, sequences.ErrRowIsReferenced2, m[1], m[2])
	}},
	{re("^cannot add or update a child row: a foreign key constraint fails \\(`.*`\\.`(.*)`, CONSTRAINT `(.*)` FOREIGN KEY"), func(t *translator, m []string) error {
		return constraintError(t.sess, sequences.ErrNoReferencedRow2, m[2], m[1])
	}},
	{re("^cannot drop table `.*` as it is referenced in foreign key `.*`$"), func(t *translator, m []string) error {
		return errParentRowReferenced()
	}},
	{re("^cannot truncate table (.*) as it is referenced in foreign key (.*) on table (.*)$"), func(t *translator, m []string) error {
		return truncateError(t.sess, m[2], m[3])
	}},
	{re("^cannot drop index: `(.*)` is used by foreign key `.*`$"), func(t *translator, m []string) error {
		return mariaErr(sequences.ErrDropIndexFK, m[1])
	}},
	{re("^the foreign key must reference an equivalent number of columns$"), func(t *translator, m []string) error {
		return mariaErr(sequences.ErrWrongFKDef, "foreign key without name", "Key reference and table reference don't match")
	}},
	{re("^(column type mismatch on|TEXT/BLOB are not valid types for foreign keys|missing index for foreign key|cannot use SET NULL as column|temporary tables do not support foreign keys|\"SET DEFAULT\" is not supported|table \".*\" does not have column)"), func(t *translator, m []string) error {
		if db, table, ok := t.foreignKeyStatement(); ok {
			return mariaErr(sequences.ErrCantCreateTable, db, table, errnoFKIncorrect)
		}
		return nil
	}},
	{re("^duplicate foreign key constraint name `.*`$"), func(t *translator, m []string) error {
		if db, table, ok := t.foreignKeyStatement(); ok {
			return mariaErr(sequences.ErrCantCreateTable, db, table, errnoDuplicateKey)
		}
		return nil
	}},
	{re(`^table not found: (.+?)(, maybe you mean .*)?$`), func(t *translator, m []string) error {
		if db, table, ok := t.foreignKeyStatement(m[1]); ok {
			return mariaErr(sequences.ErrCantCreateTable, db, table, errnoFKIncorrect)
		}
		return nil
	}},
}

// foreignKeyStatement returns the table of the failed statement when it is a CREATE TABLE or
// ALTER TABLE with a FOREIGN KEY clause (referencing one of parents, if given).
func (t *translator) foreignKeyStatement(parents ...string) (string, string, bool) {
	var tn ast.TableName
	var specs []*ast.TableSpec
	switch s := t.statement().(type) {
	case *ast.DDL:
		if s.Action != ast.CreateStr || s.TableSpec == nil {
			return "", "", false
		}
		tn, specs = s.Table, []*ast.TableSpec{s.TableSpec}
	case *ast.AlterTable:
		tn = s.Table
		for _, d := range s.Statements {
			if d.TableSpec != nil {
				specs = append(specs, d.TableSpec)
			}
		}
	default:
		return "", "", false
	}
	found := false
	match := func(ref ast.TableName) {
		if len(parents) == 0 {
			found = true
		}
		for _, p := range parents {
			if strings.EqualFold(ref.Name.String(), p) || strings.EqualFold(ref.DbQualifier.String()+"."+ref.Name.String(), p) {
				found = true
			}
		}
	}
	for _, spec := range specs {
		for _, cd := range spec.Constraints {
			if fk, ok := cd.Details.(*ast.ForeignKeyDefinition); ok {
				match(fk.ReferencedTable)
			}
		}
		for _, c := range spec.Columns {
			if c.Type.ForeignKeyDef != nil {
				match(c.Type.ForeignKeyDef.ReferencedTable)
			}
		}
	}
	if !found {
		return "", "", false
	}
	db := tn.DbQualifier.String()
	if db == "" {
		db = t.currentDB()
	}
	return db, tn.Name.String(), true
}

// truncateError is MariaDB's 1701 for TRUNCATE of a parent of the constraint name of table.
func truncateError(sess *Session, name, table string) error {
	cat := sess.srv.db.Catalog()
	for _, d := range cat.Databases() {
		def, ok := cat.Table(d.Name, table)
		if !ok {
			continue
		}
		for _, fk := range def.ForeignKeys {
			if fk.Name == name {
				return mariaErr(sequences.ErrTruncateIllegalFK, quoteIdent(d.Name)+"."+quoteIdent(def.Name)+", "+foreignKeyText("", fk))
			}
		}
	}
	return mariaErr(sequences.ErrTruncateIllegalFK, quoteIdent(table)+", CONSTRAINT "+quoteIdent(name))
}
