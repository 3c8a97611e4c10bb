package sqlengine

import (
	"strings"

	ast "github.com/dolthub/vitess/go/vt/sqlparser"
)

// namesInfoSchemaTable reports whether the failing statement reads or writes a table of
// information_schema named name ("" for any): qualified, or with information_schema as the
// current database.
func (t *translator) namesInfoSchemaTable(name string) bool {
	stmt := t.statement()
	if stmt == nil {
		return false
	}
	found := false
	visitAST(stmt, func(n any) bool {
		tn, ok := n.(ast.TableName)
		if !ok || found {
			return !found
		}
		db := tn.DbQualifier.String()
		if db == "" {
			db = t.currentDB()
		}
		if strings.EqualFold(db, "information_schema") && (name == "" || strings.EqualFold(tn.Name.String(), name)) {
			found = true
		}
		return !found
	})
	return found
}

// account is the user and client host MariaDB names in access errors.
func (t *translator) account() (string, string) {
	if t.sess == nil {
		return "", "localhost"
	}
	host := t.sess.host
	if host == "" {
		host = "localhost"
	}
	return t.sess.Client().User, host
}
