package storage

import (
	"maps"
	"slices"
	"strings"
)

// Catalog is an immutable snapshot of the catalog: databases, tables, views and the users blob.
// DB.Catalog returns the latest published snapshot; a commit that changes the catalog publishes
// a new one. A Catalog is never modified after it is published, so any number of goroutines may
// read it without locking. The definitions it returns are shared and must not be modified.
//
// Names are case-sensitive as stored (MariaDB on Linux with lower_case_table_names=0). The
// ...Fold lookups compare names case-insensitively, preferring an exact match.
type Catalog struct {
	gen    uint64
	dbs    map[string]*DatabaseDef
	tables map[uint64]*TableDef
	views  map[objName]*ViewDef
	trigs  map[objName]*TriggerDef
	users  []byte

	routines map[routineID]*RoutineDef

	// Derived by index; never changed afterwards.
	tableIDs     map[objName]uint64
	dbList       []*DatabaseDef
	tableLists   map[string][]*TableDef
	viewLists    map[string][]*ViewDef
	trigLists    map[string][]*TriggerDef
	routineLists map[string][]*RoutineDef
	dbFold       map[string][]string
	tableFold    map[objName][]objName
	viewFold     map[objName][]objName
}

// objName is a (database, object) name pair.
type objName struct{ db, name string }

func fold(n objName) objName { return objName{strings.ToLower(n.db), strings.ToLower(n.name)} }

func emptyCatalog() *Catalog {
	c := &Catalog{
		gen:    1,
		dbs:    map[string]*DatabaseDef{},
		tables: map[uint64]*TableDef{},
		views:  map[objName]*ViewDef{},
		trigs:  map[objName]*TriggerDef{},

		routines: map[routineID]*RoutineDef{},
	}
	c.index()
	return c
}

// Generation returns a number that grows with every published snapshot, so two published
// snapshots with the same generation are the same. It starts anew at every Open. A transaction's
// private view (Txn.Catalog with staged changes) has generation 0.
func (c *Catalog) Generation() uint64 { return c.gen }

// Database returns the database named name.
func (c *Catalog) Database(name string) (*DatabaseDef, bool) {
	d, ok := c.dbs[name]
	return d, ok
}

// DatabaseFold returns the database whose name equals name case-insensitively.
func (c *Catalog) DatabaseFold(name string) (*DatabaseDef, bool) {
	if d, ok := c.dbs[name]; ok {
		return d, true
	}
	names := c.dbFold[strings.ToLower(name)]
	if len(names) == 0 {
		return nil, false
	}
	return c.dbs[names[0]], true
}

// Databases returns every database, sorted by name.
func (c *Catalog) Databases() []*DatabaseDef { return slices.Clone(c.dbList) }

// Table returns the table (or sequence) db.name.
func (c *Catalog) Table(db, name string) (*TableDef, bool) {
	id, ok := c.tableIDs[objName{db, name}]
	if !ok {
		return nil, false
	}
	return c.tables[id], true
}

// TableFold returns the table whose database and name equal db and name case-insensitively.
func (c *Catalog) TableFold(db, name string) (*TableDef, bool) {
	if t, ok := c.Table(db, name); ok {
		return t, true
	}
	names := c.tableFold[fold(objName{db, name})]
	if len(names) == 0 {
		return nil, false
	}
	return c.Table(names[0].db, names[0].name)
}

// TableByID returns the table with the given id.
func (c *Catalog) TableByID(id uint64) (*TableDef, bool) {
	t, ok := c.tables[id]
	return t, ok
}

// Tables returns the tables and sequences of database db, sorted by name.
func (c *Catalog) Tables(db string) []*TableDef { return slices.Clone(c.tableLists[db]) }

// View returns the view db.name.
func (c *Catalog) View(db, name string) (*ViewDef, bool) {
	v, ok := c.views[objName{db, name}]
	return v, ok
}

// ViewFold returns the view whose database and name equal db and name case-insensitively.
func (c *Catalog) ViewFold(db, name string) (*ViewDef, bool) {
	if v, ok := c.View(db, name); ok {
		return v, true
	}
	names := c.viewFold[fold(objName{db, name})]
	if len(names) == 0 {
		return nil, false
	}
	return c.View(names[0].db, names[0].name)
}

// Views returns the views of database db, sorted by name.
func (c *Catalog) Views(db string) []*ViewDef { return slices.Clone(c.viewLists[db]) }

// Trigger returns the trigger db.name.
func (c *Catalog) Trigger(db, name string) (*TriggerDef, bool) {
	t, ok := c.trigs[objName{db, name}]
	return t, ok
}

// Triggers returns the triggers of database db, sorted by name.
func (c *Catalog) Triggers(db string) []*TriggerDef { return slices.Clone(c.trigLists[db]) }

// Users returns the users-and-grants blob (nil if none was stored). It must not be modified.
func (c *Catalog) Users() []byte { return c.users }

// catalogOp is one staged catalog change. It mirrors exactly one catalog key written to the
// transaction's batch, so a published snapshot always equals what the committed batches wrote.
type catalogOp struct {
	kind  opKind
	db    *DatabaseDef // opPutDatabase
	table *TableDef    // opPutTable
	view  *ViewDef     // opPutView
	trig  *TriggerDef  // opPutTrigger
	name  objName      // opDeleteDatabase (db only), opDeleteView, opDeleteTrigger

	routine   *RoutineDef // opPutRoutine
	routineID routineID   // opDeleteRoutine
	id        uint64      // opDeleteTable
	users     []byte      // opPutUsers
}

type opKind uint8

const (
	opPutDatabase opKind = iota + 1
	opDeleteDatabase
	opPutTable
	opDeleteTable
	opPutView
	opDeleteView
	opPutUsers
	opPutTrigger
	opDeleteTrigger
	opPutRoutine
	opDeleteRoutine
)

// apply returns a new snapshot, of generation 0: c with ops applied in order. c is not changed.
func (c *Catalog) apply(ops []catalogOp) *Catalog {
	n := &Catalog{
		dbs:    maps.Clone(c.dbs),
		tables: maps.Clone(c.tables),
		views:  maps.Clone(c.views),
		trigs:  maps.Clone(c.trigs),
		users:  c.users,

		routines: maps.Clone(c.routines),
	}
	for _, op := range ops {
		n.applyOne(op)
	}
	n.index()
	return n
}

func (c *Catalog) applyOne(op catalogOp) {
	switch op.kind {
	case opPutDatabase:
		c.dbs[op.db.Name] = op.db
	case opDeleteDatabase:
		delete(c.dbs, op.name.db)
	case opPutTable:
		c.tables[op.table.ID] = op.table
	case opDeleteTable:
		delete(c.tables, op.id)
	case opPutView:
		c.views[objName{op.view.DB, op.view.Name}] = op.view
	case opDeleteView:
		delete(c.views, op.name)
	case opPutUsers:
		c.users = op.users
	case opPutTrigger:
		c.trigs[objName{op.trig.DB, op.trig.Name}] = op.trig
	case opDeleteTrigger:
		delete(c.trigs, op.name)
	case opPutRoutine:
		c.routines[idOf(op.routine.DB, op.routine.Type, op.routine.Name)] = op.routine
	case opDeleteRoutine:
		delete(c.routines, op.routineID)
	}
}

// index builds the derived lookup structures.
func (c *Catalog) index() {
	c.tableIDs = make(map[objName]uint64, len(c.tables))
	c.tableLists = map[string][]*TableDef{}
	c.viewLists = map[string][]*ViewDef{}
	c.trigLists = map[string][]*TriggerDef{}
	c.dbFold = map[string][]string{}
	c.tableFold = map[objName][]objName{}
	c.viewFold = map[objName][]objName{}
	c.dbList = make([]*DatabaseDef, 0, len(c.dbs))
	for name, d := range c.dbs {
		c.dbList = append(c.dbList, d)
		c.dbFold[strings.ToLower(name)] = append(c.dbFold[strings.ToLower(name)], name)
	}
	slices.SortFunc(c.dbList, func(a, b *DatabaseDef) int { return strings.Compare(a.Name, b.Name) })
	for _, names := range c.dbFold {
		slices.Sort(names)
	}
	for _, t := range c.tables {
		n := objName{t.DB, t.Name}
		c.tableIDs[n] = t.ID
		c.tableLists[t.DB] = append(c.tableLists[t.DB], t)
		c.tableFold[fold(n)] = append(c.tableFold[fold(n)], n)
	}
	for n, v := range c.views {
		c.viewLists[n.db] = append(c.viewLists[n.db], v)
		c.viewFold[fold(n)] = append(c.viewFold[fold(n)], n)
	}
	for n, t := range c.trigs {
		c.trigLists[n.db] = append(c.trigLists[n.db], t)
	}
	c.sortIndexes()
	c.indexRoutines()
}

func (c *Catalog) sortIndexes() {
	for _, l := range c.tableLists {
		slices.SortFunc(l, func(a, b *TableDef) int { return strings.Compare(a.Name, b.Name) })
	}
	for _, l := range c.viewLists {
		slices.SortFunc(l, func(a, b *ViewDef) int { return strings.Compare(a.Name, b.Name) })
	}
	for _, l := range c.trigLists {
		slices.SortFunc(l, func(a, b *TriggerDef) int { return strings.Compare(a.Name, b.Name) })
	}
	byName := func(a, b objName) int {
		if c := strings.Compare(a.db, b.db); c != 0 {
			return c
		}
		return strings.Compare(a.name, b.name)
	}
	for _, l := range c.tableFold {
		slices.SortFunc(l, byName)
	}
	for _, l := range c.viewFold {
		slices.SortFunc(l, byName)
	}
}
