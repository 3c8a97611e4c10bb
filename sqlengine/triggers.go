package sqlengine

import (
	"github.com/dolthub/go-mysql-server/sql"
)

var _ sql.TriggerDatabase = (*Database)(nil)

// GetTriggers implements sql.TriggerDatabase. seqd does not store triggers yet (README, "Not
// done"), so no table has any.
func (d *Database) GetTriggers(*sql.Context) ([]sql.TriggerDefinition, error) { return nil, nil }

// CreateTrigger implements sql.TriggerDatabase: triggers are not supported yet.
func (d *Database) CreateTrigger(*sql.Context, sql.TriggerDefinition) error {
	return errNotSupportedYet("triggers")
}

// DropTrigger implements sql.TriggerDatabase.
func (d *Database) DropTrigger(_ *sql.Context, name string) error {
	return sql.ErrTriggerDoesNotExist.New(name)
}
