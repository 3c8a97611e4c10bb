package storage

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestKeyLayoutGolden pins the bytes of every key kind (FORMAT.md, "Key layout"). NB: these
// bytes are on disk; a change needs a new FormatVersion.
func TestKeyLayoutGolden(t *testing.T) {
	pk := AppendInt(nil, 7)
	entry := append(AppendBytes(nil, []byte("x")), pk...)
	tests := []struct {
		name string
		key  []byte
		want string
	}{
		{"format version", formatVersionKey, "01 76"},
		{"next object id", nextObjectIDKey, "01 6e"},
		{"database", databaseKey("test"), "02 64 20 74657374 0001"},
		{"table def", tableDefKey(5), "02 74 0000000000000005"},
		{"view", viewKey("test", "v1"), "02 76 20 74657374 0001 20 7631 0001"},
		{"users", usersKey, "02 75"},
		{"row", RowKey(5, pk), "03 0000000000000005 72 10 8000000000000007"},
		{"index entry", IndexKey(5, 2, entry), "03 0000000000000005 69 00000002 20 78 0001 10 8000000000000007"},
		{"auto_increment", AutoIncrementKey(5), "03 0000000000000005 61"},
		{"row id", RowIDKey(5), "03 0000000000000005 68"},
		{"sequence", SequenceKey(5), "03 0000000000000005 71"},
	}
	for _, tt := range tests {
		if got := hex.EncodeToString(tt.key); got != stripSpaces(tt.want) {
			t.Errorf("%s key = %s, want %s", tt.name, got, stripSpaces(tt.want))
		}
	}
	if got := hex.EncodeToString(encodeFormatVersion(FormatVersion)); got != "7365716400000001" {
		t.Errorf("format version value = %s", got)
	}
}

func TestPrefixBounds(t *testing.T) {
	lo, hi := TablePrefix(5)
	for _, k := range [][]byte{RowKey(5, nil), IndexKey(5, 1, nil), SequenceKey(5), AutoIncrementKey(5)} {
		if bytes.Compare(k, lo) < 0 || bytes.Compare(k, hi) >= 0 {
			t.Errorf("key %x outside TablePrefix(5) = [%x, %x)", k, lo, hi)
		}
	}
	if k := RowKey(6, nil); bytes.Compare(k, hi) < 0 {
		t.Errorf("table 6 key %x inside TablePrefix(5)", k)
	}
	rlo, rhi := RowPrefix(5)
	ilo, ihi := IndexPrefix(5, 1)
	if k := IndexKey(5, 1, AppendInt(nil, 1)); bytes.Compare(k, ilo) < 0 || bytes.Compare(k, ihi) >= 0 {
		t.Errorf("index key outside IndexPrefix")
	}
	if k := IndexKey(5, 2, nil); bytes.Compare(k, ihi) < 0 {
		t.Errorf("index 2 key inside IndexPrefix(5, 1)")
	}
	if k := RowKey(5, AppendBytes(nil, []byte{0xff, 0xff})); bytes.Compare(k, rlo) < 0 || bytes.Compare(k, rhi) >= 0 {
		t.Errorf("row key outside RowPrefix")
	}
}

func TestSplitKeys(t *testing.T) {
	pk := EncodeTuple(IntValue(3), BytesValue([]byte("a")))
	if id, got, err := SplitRowKey(RowKey(9, pk)); id != 9 || !bytes.Equal(got, pk) || err != nil {
		t.Errorf("SplitRowKey = %d, %x, %v", id, got, err)
	}
	if id, ix, got, err := SplitIndexKey(IndexKey(9, 4, pk)); id != 9 || ix != 4 || !bytes.Equal(got, pk) || err != nil {
		t.Errorf("SplitIndexKey = %d, %d, %x, %v", id, ix, got, err)
	}
	for _, bad := range [][]byte{nil, {0x03}, SequenceKey(9), tableDefKey(9), append(AppendTablePrefix(nil, 9), 'i', 0)} {
		if _, _, err := SplitRowKey(bad); !errors.Is(err, ErrBadKey) {
			t.Errorf("SplitRowKey(%x) = %v, want ErrBadKey", bad, err)
		}
		if _, _, _, err := SplitIndexKey(bad); !errors.Is(err, ErrBadKey) {
			t.Errorf("SplitIndexKey(%x) = %v, want ErrBadKey", bad, err)
		}
	}
}

// sampleTable is the TableDef example of FORMAT.md.
func sampleTable() *TableDef {
	return &TableDef{
		ID: 12, DB: "test", Name: "t1",
		Columns: []ColumnDef{
			{Name: "id", Type: "int(11)", AutoIncrement: true},
			{Name: "name", Type: "varchar(20) CHARACTER SET latin1 COLLATE latin1_bin", Nullable: true, Default: "NULL", Comment: "who"},
			{Name: "ts", Type: "timestamp", Default: "current_timestamp()", OnUpdate: "current_timestamp()"},
			{Name: "n2", Type: "int(11)", Nullable: true, Generated: "`id` * 2", Stored: true},
		},
		PrimaryKey: []IndexColumn{{Name: "id"}},
		Indexes:    []IndexDef{{ID: 1, Name: "name", Unique: true, Columns: []IndexColumn{{Name: "name", Prefix: 10, Desc: true}}}},
		Checks:     []CheckDef{{Name: "CONSTRAINT_1", Expr: "`id` > 0", Enforced: true}},
		Engine:     "InnoDB", Comment: "example", Charset: "latin1", Collation: "latin1_swedish_ci",
		Options: map[string]string{"MIN_ROWS": "10"},
	}
}

// TestFormatDoc checks that FORMAT.md states the current format version and shows the JSON the
// code writes for each catalog record.
func TestFormatDoc(t *testing.T) {
	doc, err := os.ReadFile("FORMAT.md")
	if err != nil {
		t.Fatal(err)
	}
	if want := "FormatVersion = " + strconv.Itoa(int(FormatVersion)); !strings.Contains(string(doc), want) {
		t.Errorf("FORMAT.md does not say %q", want)
	}
	samples := []any{
		DatabaseDef{ID: 3, Name: "test", Charset: "latin1", Collation: "latin1_swedish_ci"},
		sampleTable(),
		&ViewDef{DB: "test", Name: "v1", Definition: "select `t1`.`id` AS `id` from `t1`", Algorithm: "UNDEFINED",
			Definer: "root@localhost", SQLSecurity: "DEFINER", ClientCharset: "utf8mb4", Collation: "utf8mb4_general_ci"},
		&TriggerDef{DB: "test", Name: "tr1", Table: "t1", CreateStatement: "CREATE DEFINER=`root`@`localhost` TRIGGER tr1 BEFORE INSERT ON t1 FOR EACH ROW SET NEW.a = 1",
			CreatedAt: 1763683200000000, SQLMode: "STRICT_TRANS_TABLES",
			CharsetClient: "utf8mb3", CollationConnection: "utf8mb3_general_ci", DBCollation: "latin1_swedish_ci"},
	}
	for _, s := range samples {
		compact, err := encodeJSON(s)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := json.Indent(&buf, compact, "", "  "); err != nil {
			t.Fatal(err)
		}
		b := buf.Bytes()
		if !strings.Contains(string(doc), string(b)) {
			t.Errorf("FORMAT.md lacks the JSON of %T:\n%s", s, b)
		}
	}
}
