package sequences

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

func TestCatalogueUnique(t *testing.T) {
	codes := map[int]string{}
	names := map[string]int{}
	for _, k := range Catalogue() {
		if prev, dup := codes[k.Code]; dup {
			t.Errorf("code %d declared twice: %s and %s", k.Code, prev, k.Name)
		}
		if prev, dup := names[k.Name]; dup {
			t.Errorf("name %s declared twice: %d and %d", k.Name, prev, k.Code)
		}
		codes[k.Code], names[k.Name] = k.Name, k.Code
		if !regexp.MustCompile(`^[0-9A-Z]{5}$`).MatchString(k.State) {
			t.Errorf("%s: SQLSTATE %q is not five characters", k.Name, k.State)
		}
	}
	for _, code := range []int{4084, 4085, 4086, 4087, 4088, 4089, 4090, 4091, 4092, 4093, 1031,
		1036, 1044, 1045, 1046, 1048, 1049, 1050, 1051, 1054, 1060, 1061, 1062, 1064, 1068, 1075,
		1091, 1099, 1100, 1110, 1113, 1136, 1142, 1143, 1146, 1166, 1171, 1179, 1193, 1196, 1205,
		1213, 1223, 1225, 1227, 1231, 1232, 1235, 1264, 1286, 1290, 1292, 1347, 1356, 1361, 1364,
		1365, 1366, 1399, 1406, 1411, 1451, 1452, 1467, 1569, 1630, 1665, 1815, 1901, 1965,
		1970, 4031} {
		if KindByCode(code) == nil {
			t.Errorf("KindByCode(%d) = nil, want a declared error", code)
		}
	}
}

// TestCatalogueRenders renders every format with placeholder arguments: each verb must consume
// one argument and nothing may be left unrendered.
func TestCatalogueRenders(t *testing.T) {
	verb := regexp.MustCompile("%[-`#]*[0-9]*(\\.([0-9]+|\\*))?[lz]*[sTdiuxcM%]")
	for _, k := range Catalogue() {
		var args []any
		for _, v := range verb.FindAllString(k.Format, -1) {
			switch {
			case strings.HasSuffix(v, "%"):
			case strings.Contains(v, ".*"):
				args = append(args, 3, "abcdef")
			case strings.ContainsAny(v[len(v)-1:], "sT"):
				args = append(args, "a")
			default:
				args = append(args, 7)
			}
		}
		msg := k.New(args...).Error()
		if rest := verb.ReplaceAllString(k.Format, ""); strings.Contains(rest, "%") {
			t.Errorf("%s: format %q has a verb the renderer does not know", k.Name, k.Format)
		}
		if strings.Contains(msg, "%") || strings.Contains(msg, "(null)") {
			t.Errorf("%s.New(%v) = %q, want every verb rendered", k.Name, args, msg)
		}
	}
}

// Messages as MariaDB prints them; the expectations are copied from .result files of
// suite/sql_sequence (file named per case) or recorded from MariaDB 10.11.14.
func TestErrorMessages(t *testing.T) {
	long := strings.Repeat("x", 81)
	tests := []struct {
		err  *Error
		want string
	}{
		{ErrRunOut.New("test", "t1"), "Sequence 'test.t1' has run out"},                                                                                    // next.test
		{ErrInvalidData.New("test", "t1"), "Sequence 'test.t1' has out of range value for options"},                                                        // create.test
		{ErrInvalidTableStructure.New("test", "t1", "Wrong number of columns"), "Sequence 'test.t1' table structure is invalid (Wrong number of columns)"}, // create.test
		{ErrNotSequence.New("test", "t1"), "'test.t1' is not a SEQUENCE"},                                                                                  // create.test
		{ErrUnknownSequences.New("test.t1,test.t2,test.s2"), "Unknown SEQUENCE: 'test.t1,test.t2,test.s2'"},                                                // create.test
		{ErrIllegalHA.New("SEQUENCE", "test", "s1"), "Storage engine SEQUENCE of the table `test`.`s1` doesn't have this option"},                          // other.test
		{ErrDupArgument.New("MAXVALUE"), "Option 'MAXVALUE' used twice in statement"},                                                                      // other.test
		{ErrUnknownStorageEngine.New("sql_sequence"), "Unknown storage engine 'sql_sequence'"},                                                             // create.test
		{ErrIllegalHACreateOption.New("ARCHIVE", "SEQUENCE"), "Table storage engine 'ARCHIVE' does not support the create option 'SEQUENCE'"},              // create_archive.test
		{ErrTruncatedWrongValue.New("INTEGER", "MINVALUE"), "Truncated incorrect INTEGER value: 'MINVALUE'"},
		{ErrXAERRMFail.New("ACTIVE"), "XAER_RMFAIL: The command cannot be executed when global transaction is in the  ACTIVE state"},                              // main/xa.test
		{ErrTableAccessDenied.New("CREATE", "normal_2", "localhost", "s_db", "s2"), "CREATE command denied to user 'normal_2'@'localhost' for table `s_db`.`s2`"}, // grant.test
		{ErrUnknownSystemVariable.New(3, "abcdef"), "Unknown system variable 'abc'"},
		{SyntaxError(" increment by -1", 1), "You have an error in your SQL syntax; check the manual that corresponds to your MariaDB server version for the right syntax to use near ' increment by -1' at line 1"}, // create.test
		{SyntaxError(long, 2), "You have an error in your SQL syntax; check the manual that corresponds to your MariaDB server version for the right syntax to use near '" + long[:77] + "...' at line 2"},
		{SyntaxError("xx"+strings.Repeat("é", 45), 1), "You have an error in your SQL syntax; check the manual that corresponds to your MariaDB server version for the right syntax to use near 'xx" + strings.Repeat("é", 37) + "...' at line 1"},
		{ErrIllegalHA.New("SEQUENCE", "te`st", "s"), "Storage engine SEQUENCE of the table `te``st`.`s` doesn't have this option"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("%s message = %q, want %q", tt.err.Kind.Name, got, tt.want)
		}
	}
}

func TestErrorsIs(t *testing.T) {
	err := fmt.Errorf("nextval: %w", ErrRunOut.New("test", "s"))
	if !errors.Is(err, ErrRunOut) {
		t.Errorf("errors.Is(%v, ErrRunOut) = false, want true", err)
	}
	if errors.Is(err, ErrInvalidData) {
		t.Errorf("errors.Is(%v, ErrInvalidData) = true, want false", err)
	}
	e, ok := AsError(err)
	if !ok || e.Code() != 4084 || e.SQLState() != "HY000" {
		t.Errorf("AsError(%v) = %v, %v; want code 4084 state HY000", err, e, ok)
	}
}
