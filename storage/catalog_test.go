package storage

import (
	"errors"
	"reflect"
	"testing"

	"github.com/cockroachdb/pebble/v2/vfs"
)

func TestCatalogLifecycle(t *testing.T) {
	fs := vfs.NewMem()
	db := openTestDB(t, fs)
	var ids []uint64
	mustCommit(t, db, func(tx *Txn) error {
		for range 4 {
			id, err := tx.NextObjectID()
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return errors.Join(
			tx.PutDatabase(DatabaseDef{ID: ids[0], Name: "test", Charset: "latin1"}),
			tx.PutDatabase(DatabaseDef{ID: ids[1], Name: "Other"}),
			tx.PutTable(testTable(ids[2], "test", "t2")),
			tx.PutTable(testTable(ids[3], "test", "T1")),
			tx.PutView(&ViewDef{DB: "test", Name: "v", Definition: "select 1"}),
			tx.PutUsers([]byte("users-blob")),
		)
	})
	check := func(cat *Catalog) {
		t.Helper()
		if got := names(cat.Databases()); !reflect.DeepEqual(got, []string{"Other", "test"}) {
			t.Errorf("Databases = %q", got)
		}
		if got := names(cat.Tables("test")); !reflect.DeepEqual(got, []string{"T1", "t2"}) {
			t.Errorf("Tables(test) = %q", got)
		}
		if tb, ok := cat.Table("test", "T1"); !ok || tb.ID != ids[3] {
			t.Errorf("Table(test, T1) = %v, %v", tb, ok)
		}
		if _, ok := cat.Table("test", "t1"); ok {
			t.Errorf("Table(test, t1) found; names are case-sensitive")
		}
		if tb, ok := cat.TableFold("TEST", "t1"); !ok || tb.ID != ids[3] {
			t.Errorf("TableFold(TEST, t1) = %v, %v", tb, ok)
		}
		if d, ok := cat.DatabaseFold("other"); !ok || d.ID != ids[1] {
			t.Errorf("DatabaseFold(other) = %v, %v", d, ok)
		}
		if v, ok := cat.ViewFold("test", "V"); !ok || v.Definition != "select 1" {
			t.Errorf("ViewFold(test, V) = %v, %v", v, ok)
		}
		if tb, ok := cat.TableByID(ids[2]); !ok || tb.Name != "t2" {
			t.Errorf("TableByID = %v, %v", tb, ok)
		}
		if string(cat.Users()) != "users-blob" {
			t.Errorf("Users = %q", cat.Users())
		}
	}
	check(db.Catalog())
	checkAndClose(t, db)
	db = openTestDB(t, fs)
	check(db.Catalog())
}

func names[T interface {
	*DatabaseDef | *TableDef | *ViewDef
}](defs []T) []string {
	var out []string
	for _, d := range defs {
		switch d := any(d).(type) {
		case *DatabaseDef:
			out = append(out, d.Name)
		case *TableDef:
			out = append(out, d.Name)
		case *ViewDef:
			out = append(out, d.Name)
		}
	}
	return out
}

func TestCatalogFoldPrefersExact(t *testing.T) {
	db := openTestDB(t, nil)
	createTable(t, db, "test", "ab")
	b := createTable(t, db, "test", "AB")
	if tb, _ := db.Catalog().TableFold("test", "AB"); tb.ID != b.ID {
		t.Errorf("TableFold(test, AB) = %q, want the exact match", tb.Name)
	}
	if tb, _ := db.Catalog().TableFold("test", "Ab"); tb.Name != "AB" {
		t.Errorf("TableFold(test, Ab) = %q, want the first in byte order, AB", tb.Name)
	}
}

func TestCatalogStagedInTxn(t *testing.T) {
	db := openTestDB(t, nil)
	before := db.Catalog()
	tx := db.Begin()
	id, _ := tx.NextObjectID()
	if err := tx.PutDatabase(DatabaseDef{ID: id, Name: "d"}); err != nil {
		t.Fatal(err)
	}
	if _, ok := tx.Catalog().Database("d"); !ok {
		t.Error("txn does not see its staged database")
	}
	if _, ok := db.Catalog().Database("d"); ok {
		t.Error("published catalog has an uncommitted database")
	}
	if tx.Catalog().Generation() != 0 {
		t.Error("a txn's private catalog view has a non-zero generation")
	}
	_ = tx.Rollback()
	if db.Catalog() != before {
		t.Error("Rollback published a snapshot")
	}
}

// TestCatalogConcurrentDDL checks that two DDL transactions on different objects, committed in
// either order, both end up in the catalog.
func TestCatalogConcurrentDDL(t *testing.T) {
	db := openTestDB(t, nil)
	createTable(t, db, "test", "seed")
	a, b := db.Begin(), db.Begin()
	idA, _ := a.NextObjectID()
	idB, _ := b.NextObjectID()
	if err := errors.Join(a.PutTable(testTable(idA, "test", "a")), b.PutTable(testTable(idB, "test", "b"))); err != nil {
		t.Fatal(err)
	}
	if err := errors.Join(b.Commit(), a.Commit()); err != nil {
		t.Fatal(err)
	}
	if got := names(db.Catalog().Tables("test")); !reflect.DeepEqual(got, []string{"a", "b", "seed"}) {
		t.Errorf("Tables = %q, want a, b, seed", got)
	}
}

func TestRenameTable(t *testing.T) {
	db := openTestDB(t, nil)
	tbl := createTable(t, db, "test", "old")
	renamed := tbl.Clone()
	renamed.Name = "new"
	mustCommit(t, db, func(tx *Txn) error { return tx.PutTable(renamed) })
	if _, ok := db.Catalog().Table("test", "old"); ok {
		t.Error("old name still resolves")
	}
	if got, ok := db.Catalog().Table("test", "new"); !ok || got.ID != tbl.ID {
		t.Errorf("Table(test, new) = %v, %v", got, ok)
	}
}

func TestDropDatabaseCascades(t *testing.T) {
	db := openTestDB(t, nil)
	t1 := createTable(t, db, "test", "t1")
	keep := createTable(t, db, "keep", "t1")
	mustCommit(t, db, func(tx *Txn) error {
		return errors.Join(
			tx.Set(RowKey(t1.ID, AppendInt(nil, 1)), []byte("row")),
			tx.Set(IndexKey(t1.ID, 1, append(AppendBytes(nil, []byte("x")), AppendInt(nil, 1)...)), nil),
			tx.SetCounter(AutoIncrementKey(t1.ID), 2),
			tx.Set(RowKey(keep.ID, AppendInt(nil, 1)), []byte("kept")),
			tx.PutView(&ViewDef{DB: "test", Name: "v", Definition: "select 1"}),
		)
	})
	mustCommit(t, db, func(tx *Txn) error { return tx.DeleteDatabase("test") })
	cat := db.Catalog()
	if _, ok := cat.Database("test"); ok {
		t.Error("database still there")
	}
	if _, ok := cat.TableByID(t1.ID); ok {
		t.Error("table still there")
	}
	if _, ok := cat.View("test", "v"); ok {
		t.Error("view still there")
	}
	lo, hi := TablePrefix(t1.ID)
	if got := scan(t, db.Begin(), lo, hi); len(got) != 0 {
		t.Errorf("data of the dropped table: %q", got)
	}
	lo, hi = TablePrefix(keep.ID)
	if got := scan(t, db.Begin(), lo, hi); len(got) != 1 {
		t.Errorf("data of the other database's table: %q, want 1 row", got)
	}
	if err := db.Begin().DeleteDatabase("test"); !errors.Is(err, ErrNotFound) {
		t.Errorf("DeleteDatabase(missing) = %v, want ErrNotFound", err)
	}
}

func TestInvalidDefs(t *testing.T) {
	db := openTestDB(t, nil)
	tx := db.Begin()
	defer tx.Rollback()
	bad := []*TableDef{
		{DB: "d", Name: "t", Columns: []ColumnDef{{Name: "a", Type: "int"}}}, // no id
		{ID: 9, DB: "d", Name: "t", Columns: []ColumnDef{{Name: "a", Type: "int"}, {Name: "A", Type: "int"}}},
		{ID: 9, DB: "d", Name: "t", Columns: []ColumnDef{{Name: "a", Type: "int"}}, PrimaryKey: []IndexColumn{{Name: "b"}}},
		{ID: 9, DB: "d", Name: "t", Columns: []ColumnDef{{Name: "a", Type: "int"}},
			Indexes: []IndexDef{{ID: 1, Columns: []IndexColumn{{Name: "a"}}}, {ID: 1, Columns: []IndexColumn{{Name: "a"}}}}},
	}
	for i, def := range bad {
		if err := tx.PutTable(def); !errors.Is(err, ErrInvalidDef) {
			t.Errorf("PutTable(bad %d) = %v, want ErrInvalidDef", i, err)
		}
	}
	if err := tx.PutDatabase(DatabaseDef{Name: "x"}); !errors.Is(err, ErrInvalidDef) {
		t.Errorf("PutDatabase(no id) = %v, want ErrInvalidDef", err)
	}
	if err := tx.PutView(&ViewDef{Name: "v"}); !errors.Is(err, ErrInvalidDef) {
		t.Errorf("PutView(no db) = %v, want ErrInvalidDef", err)
	}
}

// TestCatalogUnknownFieldsIgnored stores a record with a field a later seqd might add.
func TestCatalogUnknownFieldsIgnored(t *testing.T) {
	fs := vfs.NewMem()
	db := openTestDB(t, fs)
	checkAndClose(t, db)
	rawSet(t, fs, databaseKey("future"), []byte(`{"id":77,"name":"future","shiny_new_field":[1,2]}`))
	db = openTestDB(t, fs)
	if d, ok := db.Catalog().Database("future"); !ok || d.ID != 77 {
		t.Fatalf("Database(future) = %v, %v", d, ok)
	}
	if id, _ := db.Begin().NextObjectID(); id <= 77 {
		t.Errorf("NextObjectID = %d, want > 77 (above every stored id)", id)
	}
}

func TestObjectIDsNeverReused(t *testing.T) {
	fs := vfs.NewCrashableMem()
	db := openTestDB(t, fs)
	tx := db.Begin()
	first, _ := tx.NextObjectID()
	_ = tx.Rollback()
	crashed := fs.CrashClone(vfs.CrashCloneCfg{})
	db2 := openTestDB(t, crashed)
	if id, _ := db2.Begin().NextObjectID(); id <= first {
		t.Errorf("NextObjectID after crash = %d, want > %d", id, first)
	}
}

func TestTableDefClone(t *testing.T) {
	a := testTable(1, "d", "t")
	a.Options = map[string]string{"MIN_ROWS": "1"}
	a.ForeignKeys = []ForeignKeyDef{{Name: "fk", Columns: []string{"v"}, RefDB: "d", RefTable: "p", RefColumns: []string{"id"}}}
	b := a.Clone()
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("Clone = %+v, want %+v", b, a)
	}
	b.Columns[0].Name = "x"
	b.Indexes[0].Columns[0].Name = "x"
	b.Options["MIN_ROWS"] = "2"
	b.ForeignKeys[0].Columns[0] = "x"
	if a.Columns[0].Name == "x" || a.Indexes[0].Columns[0].Name == "x" || a.Options["MIN_ROWS"] == "2" || a.ForeignKeys[0].Columns[0] == "x" {
		t.Error("Clone shares memory with the original")
	}
}

// TestCatalogCanonicalForm: empty slices and maps become what a reopen decodes (the cleanup
// Check compares the published catalog with the stored one).
func TestCatalogCanonicalForm(t *testing.T) {
	db := openTestDB(t, nil)
	createTable(t, db, "test", "seed")
	mustCommit(t, db, func(tx *Txn) error {
		id, _ := tx.NextObjectID()
		def := testTable(id, "test", "empty")
		def.PrimaryKey, def.Indexes, def.Checks, def.Options = []IndexColumn{}, []IndexDef{}, []CheckDef{}, map[string]string{}
		return tx.PutTable(def)
	})
	if err := db.Check(); err != nil {
		t.Fatal(err)
	}
}

func TestTriggerRecords(t *testing.T) {
	db := openTestDB(t, nil)
	tr := &TriggerDef{DB: "test", Name: "tr1", Table: "t1", CreateStatement: "CREATE TRIGGER tr1 ...", CreatedAt: 7}
	mustCommit(t, db, func(tx *Txn) error {
		id, err := tx.NextObjectID()
		if err != nil {
			return err
		}
		if err := tx.PutDatabase(DatabaseDef{ID: id, Name: "test"}); err != nil {
			return err
		}
		if err := tx.PutTrigger(tr); err != nil {
			return err
		}
		if got, ok := tx.Catalog().Trigger("test", "tr1"); !ok || got.Table != "t1" {
			t.Errorf("Trigger in txn = %+v, %v", got, ok)
		}
		return nil
	})
	if got := db.Catalog().Triggers("test"); len(got) != 1 || got[0].Name != "tr1" {
		t.Fatalf("Triggers after commit = %+v", got)
	}
	mustCommit(t, db, func(tx *Txn) error {
		if err := tx.DeleteTrigger("test", "tr1"); err != nil {
			return err
		}
		if err := tx.DeleteTrigger("test", "tr1"); !errors.Is(err, ErrNotFound) {
			t.Errorf("second DeleteTrigger = %v, want ErrNotFound", err)
		}
		return nil
	})
	if got := db.Catalog().Triggers("test"); len(got) != 0 {
		t.Fatalf("Triggers after delete = %+v", got)
	}
}

// TestForeignKeysPersist stores a table's FOREIGN KEY constraints and reads them back after a
// reopen, and checks that updating the definition replaces them.
func TestForeignKeysPersist(t *testing.T) {
	fs := vfs.NewMem()
	db := openTestDB(t, fs)
	want := []ForeignKeyDef{
		{Name: "c_ibfk_1", Columns: []string{"pid"}, RefDB: "test", RefTable: "p", RefColumns: []string{"id"}, OnDelete: "CASCADE"},
		{Name: "fk2", Columns: []string{"a", "b"}, RefDB: "other", RefTable: "q", RefColumns: []string{"x", "y"}, OnUpdate: "SET NULL", OnDelete: "NO ACTION"},
	}
	var id uint64
	mustCommit(t, db, func(tx *Txn) error {
		dbID, err := tx.NextObjectID()
		if err != nil {
			return err
		}
		if err := tx.PutDatabase(DatabaseDef{ID: dbID, Name: "test"}); err != nil {
			return err
		}
		if id, err = tx.NextObjectID(); err != nil {
			return err
		}
		def := testTable(id, "test", "c")
		def.Columns = append(def.Columns, ColumnDef{Name: "pid", Type: "int(11)", Nullable: true},
			ColumnDef{Name: "a", Type: "int(11)", Nullable: true}, ColumnDef{Name: "b", Type: "int(11)", Nullable: true})
		def.ForeignKeys = want
		return tx.PutTable(def)
	})
	checkAndClose(t, db)
	db = openTestDB(t, fs)
	got, ok := db.Catalog().Table("test", "c")
	if !ok || !reflect.DeepEqual(got.ForeignKeys, want) {
		t.Fatalf("after reopen: ForeignKeys = %+v, %v; want %+v", got, ok, want)
	}
	mustCommit(t, db, func(tx *Txn) error {
		def := got.Clone()
		def.ForeignKeys = def.ForeignKeys[1:]
		return tx.PutTable(def)
	})
	checkAndClose(t, db)
	db = openTestDB(t, fs)
	if got, _ := db.Catalog().Table("test", "c"); !reflect.DeepEqual(got.ForeignKeys, want[1:]) {
		t.Errorf("after dropping one: ForeignKeys = %+v, want %+v", got.ForeignKeys, want[1:])
	}
	checkAndClose(t, db)
}
