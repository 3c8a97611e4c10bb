package storage

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/cockroachdb/pebble/v2/vfs"
)

func sampleRoutine() *RoutineDef {
	return &RoutineDef{DB: "test", Name: "f1", Type: RoutineFunction, Params: "x int", Returns: "int(11)",
		Body: "return x + 1", Definer: "root@localhost", Created: 1763683200000000, Modified: 1763683200000000,
		SQLMode: "STRICT_TRANS_TABLES", Comment: "adds one", Security: "INVOKER", Deterministic: true,
		DataAccess: "NO SQL", CharsetClient: "utf8mb3", CollationConnection: "utf8mb3_general_ci",
		DBCollation: "latin1_swedish_ci"}
}

// TestRoutineKeyGolden pins the bytes of a routine key. NB: they are on disk.
func TestRoutineKeyGolden(t *testing.T) {
	got := hex.EncodeToString(routineKey("test", RoutineFunction, "F1"))
	want := stripSpaces("02 72 20 74657374 0001 20 46554e4354494f4e 0001 20 6631 0001")
	if got != want {
		t.Errorf("routine key = %s, want %s", got, want)
	}
}

// TestRoutineFormatDoc checks that FORMAT.md shows the JSON the code writes for a RoutineDef.
func TestRoutineFormatDoc(t *testing.T) {
	doc, err := os.ReadFile("FORMAT.md")
	if err != nil {
		t.Fatal(err)
	}
	compact, err := encodeJSON(sampleRoutine())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, compact, "", "  "); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), buf.String()) {
		t.Errorf("FORMAT.md lacks the JSON of RoutineDef:\n%s", buf.Bytes())
	}
}

func putTestDatabase(t *testing.T, tx *Txn, name string) {
	t.Helper()
	id, err := tx.NextObjectID()
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.PutDatabase(DatabaseDef{ID: id, Name: name}); err != nil {
		t.Fatal(err)
	}
}

func TestRoutineRecords(t *testing.T) {
	fs := vfs.NewMem()
	db, err := Open(testDir, Options{FS: fs, Logger: testLogger{t}})
	if err != nil {
		t.Fatal(err)
	}
	proc := &RoutineDef{DB: "test", Name: "P1", Type: RoutineProcedure, Body: "select 1", Definer: "root@localhost"}
	mustCommit(t, db, func(tx *Txn) error {
		putTestDatabase(t, tx, "test")
		putTestDatabase(t, tx, "other")
		for _, r := range []*RoutineDef{sampleRoutine(), proc,
			{DB: "test", Name: "f1", Type: RoutineProcedure, Body: "begin end"},
			{DB: "other", Name: "g", Type: RoutineFunction, Returns: "int(11)", Body: "return 1"}} {
			if err := tx.PutRoutine(r); err != nil {
				return err
			}
		}
		if got, ok := tx.Catalog().Routine("test", RoutineProcedure, "p1"); !ok || got.Name != "P1" {
			t.Errorf("Routine(p1) in txn = %+v, %v", got, ok)
		}
		return nil
	})
	bad := db.Begin()
	if err := bad.PutRoutine(&RoutineDef{DB: "test", Name: "x", Type: "EVENT"}); !errors.Is(err, ErrInvalidDef) {
		t.Errorf("PutRoutine of type EVENT = %v, want ErrInvalidDef", err)
	}
	_ = bad.Rollback()
	names := func(db *DB, schema string) []string {
		var out []string
		for _, r := range db.Catalog().Routines(schema) {
			out = append(out, r.Type+" "+r.Name)
		}
		return out
	}
	want := []string{"FUNCTION f1", "PROCEDURE f1", "PROCEDURE P1"}
	if got := names(db, "test"); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("Routines(test) = %q, want %q", got, want)
	}
	checkAndClose(t, db)

	// Reopen: the records read back equal what was written.
	db = openTestDB(t, fs)
	if got := names(db, "test"); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("Routines(test) after reopen = %q, want %q", got, want)
	}
	if got, ok := db.Catalog().Routine("test", RoutineFunction, "F1"); !ok || *got != *sampleRoutine() {
		t.Errorf("Routine(F1) after reopen = %+v, %v", got, ok)
	}
	mustCommit(t, db, func(tx *Txn) error {
		if err := tx.DeleteRoutine("test", RoutineProcedure, "p1"); err != nil {
			return err
		}
		if err := tx.DeleteRoutine("test", RoutineProcedure, "p1"); !errors.Is(err, ErrNotFound) {
			t.Errorf("second DeleteRoutine = %v, want ErrNotFound", err)
		}
		return tx.DeleteDatabase("other")
	})
	if got := names(db, "test"); len(got) != 2 {
		t.Errorf("Routines(test) after delete = %q", got)
	}
	if got := names(db, "other"); len(got) != 0 {
		t.Errorf("Routines(other) after DROP DATABASE = %q", got)
	}
}
