package storage

import (
	"fmt"
	"slices"
	"strings"
)

// Stored procedures and functions (FORMAT.md, "Catalog"). A routine is keyed by its database,
// its type and its lower-cased name: MariaDB's routine names are case-insensitive, and a
// procedure and a function may share a name.

// Routine types, as RoutineDef.Type holds them.
const (
	RoutineProcedure = "PROCEDURE"
	RoutineFunction  = "FUNCTION"
)

// RoutineDef is a stored procedure or function: the columns of MariaDB's mysql.proc that the SQL
// layer needs to show and run it. The SQL layer parses Params, Returns and Body again.
type RoutineDef struct {
	DB   string `json:"db"`
	Name string `json:"name"` // as created; lookups ignore case
	Type string `json:"type"` // PROCEDURE or FUNCTION
	// Params is the parameter list as written, without the parentheses.
	Params string `json:"params,omitempty"`
	// Returns is a function's return type as MariaDB prints it.
	Returns string `json:"returns,omitempty"`
	// Body is the routine body as written: from its first token to its last.
	Body    string `json:"body"`
	Definer string `json:"definer"` // user@host
	// Created and Modified are Unix microseconds.
	Created  int64  `json:"created"`
	Modified int64  `json:"modified"`
	SQLMode  string `json:"sql_mode,omitempty"`
	Comment  string `json:"comment,omitempty"`
	// Security is INVOKER, or "" for SQL SECURITY DEFINER (the default).
	Security      string `json:"security,omitempty"`
	Deterministic bool   `json:"deterministic,omitempty"`
	// DataAccess is NO SQL, READS SQL DATA or MODIFIES SQL DATA, or "" for CONTAINS SQL.
	DataAccess string `json:"data_access,omitempty"`
	// The creating session's character_set_client and collation_connection, and the database's
	// collation then.
	CharsetClient       string `json:"character_set_client,omitempty"`
	CollationConnection string `json:"collation_connection,omitempty"`
	DBCollation         string `json:"db_collation,omitempty"`
}

// routineID identifies a routine: database, type and lower-cased name.
type routineID struct{ db, typ, name string }

func idOf(db, typ, name string) routineID { return routineID{db, typ, strings.ToLower(name)} }

func routineKey(db, typ, name string) []byte {
	k := AppendBytes([]byte{spaceCatalog, catRoutine}, []byte(db))
	k = AppendBytes(k, []byte(typ))
	return AppendBytes(k, []byte(strings.ToLower(name)))
}

func validateRoutine(d *RoutineDef) error {
	if d.DB == "" || d.Name == "" || (d.Type != RoutineProcedure && d.Type != RoutineFunction) {
		return fmt.Errorf("%w: routine %q.%q needs a database, a name and a type", ErrInvalidDef, d.DB, d.Name)
	}
	return nil
}

func decodeRoutineDef(b []byte) (*RoutineDef, error) {
	d := new(RoutineDef)
	if err := decodeJSON(b, d); err != nil {
		return nil, err
	}
	return d, corruptIf(validateRoutine(d))
}

// Routine returns the routine db.name of type typ (RoutineProcedure or RoutineFunction),
// ignoring the case of name.
func (c *Catalog) Routine(db, typ, name string) (*RoutineDef, bool) {
	r, ok := c.routines[idOf(db, typ, name)]
	return r, ok
}

// Routines returns the procedures and functions of database db, sorted by type, then name.
func (c *Catalog) Routines(db string) []*RoutineDef { return slices.Clone(c.routineLists[db]) }

// indexRoutines builds the per-database routine lists.
func (c *Catalog) indexRoutines() {
	c.routineLists = map[string][]*RoutineDef{}
	for id, r := range c.routines {
		c.routineLists[id.db] = append(c.routineLists[id.db], r)
	}
	for _, l := range c.routineLists {
		slices.SortFunc(l, func(a, b *RoutineDef) int {
			if n := strings.Compare(a.Type, b.Type); n != 0 {
				return n
			}
			return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
		})
	}
}

// PutRoutine creates or replaces the routine def.DB.def.Name of type def.Type.
func (t *Txn) PutRoutine(def *RoutineDef) error {
	if err := validateRoutine(def); err != nil {
		return err
	}
	value, err := encodeJSON(def)
	if err != nil {
		return err
	}
	stored, err := decodeRoutineDef(value)
	if err != nil {
		return err
	}
	return t.stage(routineKey(def.DB, def.Type, def.Name), value, catalogOp{kind: opPutRoutine, routine: stored})
}

// DeleteRoutine drops routine db.name of type typ. It returns ErrNotFound if the transaction
// does not see it.
func (t *Txn) DeleteRoutine(db, typ, name string) error {
	if _, ok := t.Catalog().Routine(db, typ, name); !ok {
		return fmt.Errorf("%w: %s %q.%q", ErrNotFound, strings.ToLower(typ), db, name)
	}
	id := idOf(db, typ, name)
	return t.unstage(routineKey(db, typ, name), catalogOp{kind: opDeleteRoutine, routineID: id})
}

// deleteRoutines drops every routine of database db.
func (t *Txn) deleteRoutines(db string) error {
	for _, r := range t.Catalog().Routines(db) {
		if err := t.DeleteRoutine(r.DB, r.Type, r.Name); err != nil {
			return err
		}
	}
	return nil
}
