package sqlengine

import (
	"github.com/dolthub/go-mysql-server/sql"

	"github.com/seqd/seqd/sequences"
)

// InnoDB's table-level rules and options that MariaDB applies to new InnoDB tables:
// innodb_force_primary_key refuses a table without a primary key, and
// innodb_compression_default gives a new table PAGE_COMPRESSED='ON'.

// globalBool reads a boolean global system variable.
func globalBool(name string) bool {
	_, v, ok := sql.SystemVariables.GetGlobal(name)
	if !ok {
		return false
	}
	n, ok := toUint(v)
	return ok && n != 0
}

// sessionBool reads a boolean session system variable.
func sessionBool(ctx *sql.Context, name string) bool {
	v, err := ctx.GetSessionVariable(ctx, name)
	if err != nil {
		return false
	}
	n, ok := toUint(v)
	return ok && n != 0
}

// forcePrimaryKey is innodb_force_primary_key: an InnoDB table needs a primary key, which a
// UNIQUE key of NOT NULL columns stands in for (InnoDB promotes it), else 1173.
func forcePrimaryKey(ctx *sql.Context, keys []keyShape) error {
	if !globalBool("innodb_force_primary_key") {
		return nil
	}
	for _, k := range keys {
		if k.primary {
			return nil
		}
		if !k.unique {
			continue
		}
		notNull := true
		for _, c := range k.cols {
			notNull = notNull && !c.nullable
		}
		if notNull {
			return nil
		}
	}
	return mariaErr(sequences.ErrRequiresPrimaryKey)
}
