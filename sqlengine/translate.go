package sqlengine

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/dolthub/vitess/go/mysql"

	"github.com/seqd/seqd/sequences"
)

// translation rewrites one GMS error message into MariaDB's error.
type translation struct {
	re *regexp.Regexp
	fn func(s *Session, m []string) error
}

// translations are tried in order against GMS's message text.
var translations = []translation{
	// A MariaDB error of seqd's that GMS wrapped: its text ends with the number and SQLSTATE.
	{regexp.MustCompile(`(?s)^(.*) \(errno (\d+)\) \(sqlstate (\w+)\)$`), func(s *Session, m []string) error {
		code, _ := strconv.Atoi(m[2])
		return mysql.NewSQLError(code, m[3], "%s", m[1])
	}},
	{regexp.MustCompile(`^table not found: (.+)$`), func(s *Session, m []string) error {
		db, name := s.missingTable(m[1])
		return mariaErr(sequences.ErrNoSuchTable, db, name)
	}},
	{regexp.MustCompile(`^database not found: (.+)$`), func(s *Session, m []string) error {
		return mariaErr(sequences.ErrBadDB, m[1])
	}},
	{regexp.MustCompile(`^table with name (.+) already exists$`), func(s *Session, m []string) error {
		return mariaErr(sequences.ErrTableExists, m[1])
	}},
	{regexp.MustCompile(`^can't create database (.+); database exists$`), func(s *Session, m []string) error {
		return mysql.NewSQLError(1007, "HY000", "Can't create database '%s'; database exists", m[1])
	}},
	{regexp.MustCompile(`^no database selected$`), func(s *Session, m []string) error {
		return mariaErr(sequences.ErrNoDB)
	}},
	{regexp.MustCompile(`^duplicate (?:primary|unique) key given: (.+)$`), func(s *Session, m []string) error {
		return mysql.NewSQLError(sequences.ErrDupEntry.Code, sequences.ErrDupEntry.State, "Duplicate entry %s", m[1])
	}},
	{regexp.MustCompile(`^column "(.+)" could not be found in any table in scope$`), func(s *Session, m []string) error {
		return mariaErr(sequences.ErrBadField, m[1], "field list")
	}},
	{regexp.MustCompile(`^Unknown column '(.+)' in '(.+)'$`), func(s *Session, m []string) error {
		return mariaErr(sequences.ErrBadField, m[1], m[2])
	}},
	{regexp.MustCompile(`^table "(.+)" does not have column "(.+)"$`), func(s *Session, m []string) error {
		return mariaErr(sequences.ErrBadField, m[2], "field list")
	}},
	{regexp.MustCompile(`^column name '(.+)' is non-nullable but attempted to set a value of null$`), func(s *Session, m []string) error {
		return mariaErr(sequences.ErrBadNull, m[1])
	}},
	{regexp.MustCompile(`^Field '(.+)' doesn't have a default value$`), func(s *Session, m []string) error {
		return mariaErr(sequences.ErrNoDefaultForField, m[1])
	}},
	{regexp.MustCompile(`^number of values does not match number of columns provided$`), func(s *Session, m []string) error {
		return mariaErr(sequences.ErrWrongValueCountOnRow, 1)
	}},
	{regexp.MustCompile("^duplicate column name: `(.+)`$"), func(s *Session, m []string) error {
		return mariaErr(sequences.ErrDupFieldName, m[1])
	}},
	{regexp.MustCompile(`^Duplicate key name '(.+)'$`), func(s *Session, m []string) error {
		return mariaErr(sequences.ErrDupKeyName, m[1])
	}},
	{regexp.MustCompile(`^error: Multiple primary keys defined$`), func(s *Session, m []string) error {
		return mariaErr(sequences.ErrMultiplePriKey)
	}},
	{regexp.MustCompile(`^error: incorrect table definition: there can be only one auto column`), func(s *Session, m []string) error {
		return mariaErr(sequences.ErrWrongAutoKey)
	}},
	{regexp.MustCompile(`^error: can't drop '(.+)'; check that column/key exists$`), func(s *Session, m []string) error {
		return mariaErr(sequences.ErrCantDropFieldOrKey, m[1])
	}},
	{regexp.MustCompile(`^column '(.+)' specified twice$`), func(s *Session, m []string) error {
		return mariaErr(sequences.ErrFieldSpecifiedTwice, m[1])
	}},
	{regexp.MustCompile(`^Unknown system variable '(.+)'$`), func(s *Session, m []string) error {
		return mariaErr(sequences.ErrUnknownSystemVariable, m[1])
	}},
}

// translate rewrites an error GMS produced into MariaDB's number, SQLSTATE and text. Errors seqd
// produced itself already carry MariaDB's and pass through.
func (s *Server) translate(c *mysql.Conn, err error) error {
	if err == nil {
		return nil
	}
	se, ok := err.(*mysql.SQLError)
	if !ok {
		se = mysql.NewSQLError(mysql.ERUnknownError, mysql.SSUnknownSQLState, "%s", err.Error())
	}
	sess := s.sessions.get(c.ConnectionID)
	msg := strings.TrimSpace(se.Message)
	for _, t := range translations {
		if m := t.re.FindStringSubmatch(msg); m != nil {
			return t.fn(sess, m)
		}
	}
	return se
}

// missingTable returns the database and name for a 1146 error about name: the last table
// lookup that missed, or the current database.
func (s *Session) missingTable(name string) (string, string) {
	if s == nil {
		return "", name
	}
	if s.lastMiss.name != "" && strings.EqualFold(s.lastMiss.name, name) {
		return s.lastMiss.db, s.lastMiss.name
	}
	return s.GetCurrentDatabase(), name
}
