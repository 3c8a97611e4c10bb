package sqlengine

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/seqd/seqd/sequences"
)

// GMS adds warnings with its own texts and levels (INSERT IGNORE of a duplicate is "Note 1062
// duplicate primary key given: ..." where MariaDB says "Warning 1062 Duplicate entry '1' for key
// 'PRIMARY'"). Session.Warn rewrites each warning as it is added, so SHOW WARNINGS and the
// warning count match MariaDB's.

// warningTranslation rewrites one GMS warning; returning nil drops it.
type warningTranslation struct {
	re *regexp.Regexp
	fn func(t *translator, m []string) *sql.Warning
}

func warning(level string, k *sequences.Kind, args ...any) *sql.Warning {
	return &sql.Warning{Level: level, Code: k.Code, Message: k.New(args...).Message}
}

var warningTranslations = []warningTranslation{
	{re(archiveDupPattern), func(t *translator, m []string) *sql.Warning {
		return &sql.Warning{Level: "Warning", Code: sequences.ErrDupKey.Code, Message: m[1]}
	}},
	{re(`^duplicate (?:primary|unique) key given: (.+)$`), func(t *translator, m []string) *sql.Warning {
		return &sql.Warning{Level: "Warning", Code: sequences.ErrDupEntry.Code, Message: "Duplicate entry " + m[1]}
	}},
	{re(`^(-?[0-9.eE+]+) out of range for (.+)$`), func(t *translator, m []string) *sql.Warning {
		col, row := t.columnOfValue(numValue(m[1]))
		return warning("Warning", sequences.ErrDataOutOfRange, col, row)
	}},
	{re(`(?s)^string '(.*)' is too large for column '(.+)'$`), func(t *translator, m []string) *sql.Warning {
		col, row := t.columnOfValue(strValue(gmsBytesText(m[1])))
		return warning("Warning", sequences.ErrWarnDataTruncated, col, row)
	}},
	{re(`(?s)^error: '(.*)' is not a valid value for '(.+)'$`), func(t *translator, m []string) *sql.Warning {
		if hasNumericPrefix(m[1]) {
			col, row := t.columnOfValue(strValue(m[1]))
			return warning("Warning", sequences.ErrWarnDataTruncated, col, row)
		}
		return t.incorrectValueWarning(typeWord(m[2]), m[1])
	}},
	{re(`^Truncated incorrect (.+?) value: (.*)$`), func(t *translator, m []string) *sql.Warning {
		return truncatedValueWarning(m[1], m[2])
	}},
	{re(`^Incorrect (date|datetime|time|timestamp) value: (.*)$`), func(t *translator, m []string) *sql.Warning {
		// MariaDB says datetime for every temporal conversion of a string.
		return &sql.Warning{Level: "Warning", Code: 1292, Message: "Incorrect datetime value: " + quotedValue(m[2])}
	}},
	{re(`^column name '(.+)' is non-nullable but attempted to set a value of null$`), func(t *translator, m []string) *sql.Warning {
		return warning("Warning", sequences.ErrBadNull, m[1])
	}},
	{re(`^Can't create database (.+); database exists\s*$`), func(t *translator, m []string) *sql.Warning {
		return warning("Note", sequences.ErrDBCreateExists, m[1])
	}},
	{re(`^Can't drop database (.+); database doesn't exist\s*$`), func(t *translator, m []string) *sql.Warning {
		return warning("Note", sequences.ErrDBDropExists, m[1])
	}},
	{re(`^Setting CHARACTER SET, COLLATION and ENCRYPTION are not supported yet$`), func(*translator, []string) *sql.Warning {
		return nil // seqd does set them
	}},
	{re(`^Duplicate index '.*' defined on the table `), func(*translator, []string) *sql.Warning {
		// GMS warns for any two indexes with as many columns (a bug in its duplicate check);
		// MariaDB only for identical ones, which seqd does not detect.
		return nil
	}},
}

// Warn implements sql.Session: GMS's warnings are rewritten into MariaDB's. The first warning
// of a statement that kept the previous statement's warnings replaces them.
func (s *Session) Warn(w *sql.Warning) {
	s.WarnVerbatim(s.translateWarning(w))
}

// WarnVerbatim adds a warning that already has MariaDB's level, code and text, such as those of
// the functions package, without rewriting it.
func (s *Session) WarnVerbatim(w *sql.Warning) {
	if w != nil {
		if s.keptWarnings {
			s.keptWarnings = false
			s.BaseSession.ClearWarnings()
		}
		s.BaseSession.Warn(w)
	}
}

// ClearWarnings implements sql.Session. A SELECT that reads no table keeps the previous
// statement's warnings listed, as in MariaDB, until it adds one of its own.
// The mark is used once, so clears outside GMS's statement flow (the fast path) still clear.
func (s *Session) ClearWarnings() {
	if s.holdWarnings {
		return // a statement of a stored routine (routinerun.go)
	}
	if s.colTypes != nil && s.colTypes.keepWarnings {
		s.colTypes.keepWarnings = false
		s.keptWarnings = true
		s.ClearWarningCount()
		return
	}
	s.keptWarnings = false
	s.BaseSession.ClearWarnings()
}

func (s *Session) translateWarning(w *sql.Warning) *sql.Warning {
	if w == nil {
		return nil
	}
	t := &translator{sess: s, tried: true}
	if s.colTypes != nil {
		t.stmt = s.colTypes.stmt
	}
	for _, tr := range warningTranslations {
		if m := tr.re.FindStringSubmatch(w.Message); m != nil {
			return tr.fn(t, m)
		}
	}
	return w
}

// incorrectValueWarning is Warning 1366 (1292 for temporal columns).
func (t *translator) incorrectValueWarning(typ, value string) *sql.Warning {
	err := t.incorrectValue(typ, value)
	se := sqlErrorOf(err)
	if se == nil {
		return nil
	}
	return &sql.Warning{Level: "Warning", Code: se.Num, Message: se.Message}
}

// gmsBytesText decodes GMS's rendering of a []byte value ("[116 111 111]") to its text.
func gmsBytesText(s string) string {
	if !strings.HasPrefix(s, "[") || !strings.HasSuffix(s, "]") {
		return s
	}
	var b []byte
	for _, f := range strings.Fields(s[1 : len(s)-1]) {
		n, err := strconv.Atoi(f)
		if err != nil || n < 0 || n > 255 {
			return s
		}
		b = append(b, byte(n))
	}
	return string(b)
}

// truncatedValueWarning is Warning 1292 in MariaDB's words: the type as INTEGER, DOUBLE or
// DECIMAL, the value quoted.
func truncatedValueWarning(typ, value string) *sql.Warning {
	t := strings.ToLower(typ)
	word := strings.ToUpper(typ)
	switch {
	case strings.Contains(t, "int"):
		word = "INTEGER"
	case strings.HasPrefix(t, "double") || strings.HasPrefix(t, "float") || strings.HasPrefix(t, "real"):
		word = "DOUBLE"
	case strings.HasPrefix(t, "decimal"):
		word = "DECIMAL"
	}
	return &sql.Warning{Level: "Warning", Code: 1292, Message: "Truncated incorrect " + word + " value: " + quotedValue(value)}
}

// quotedValue quotes a value the way MariaDB's warnings do, unless GMS already quoted it.
func quotedValue(v string) string {
	if len(v) >= 2 && v[0] == '\'' && v[len(v)-1] == '\'' {
		return v
	}
	return "'" + v + "'"
}
