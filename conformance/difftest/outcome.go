package difftest

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/dolthub/vitess/go/mysql"
	"github.com/dolthub/vitess/go/sqltypes"
)

// Outcome is everything a client sees of one statement.
type Outcome struct {
	Err      *SQLErr
	Cols     []string
	Rows     [][]string // NULL is nullText
	Affected uint64
	InsertID uint64
	// Warnings are the rows of SHOW WARNINGS (Level, Code, Message). SHOW WARNINGS runs after
	// every statement that failed or reported a warning count.
	WarnCount uint16
	Warnings  [][]string
	// Lost is set when the server did not answer: the connection broke (2013, 2006: the server
	// crashed or closed it) or no answer came within the statement timeout. It holds the
	// client's error text; the other fields are then empty.
	Lost string
}

// SQLErr is an error as the client sees it.
type SQLErr struct {
	Num     int
	State   string
	Message string
}

const nullText = "NULL"

func (e *SQLErr) String() string {
	return fmt.Sprintf("ERROR %d (%s): %s", e.Num, e.State, e.Message)
}

// newOutcome turns a result or an error into an Outcome. A transport error (not an SQL
// error) makes an Outcome with Lost set: the connection is gone.
func newOutcome(res *sqltypes.Result, warnings uint16, err error) *Outcome {
	o := &Outcome{WarnCount: warnings}
	if err != nil {
		var se *mysql.SQLError
		if !errors.As(err, &se) || se.Num == mysql.CRServerLost || se.Num == mysql.CRServerGone {
			return &Outcome{Lost: err.Error()}
		}
		o.Err = &SQLErr{Num: se.Num, State: se.State, Message: se.Message}
		return o
	}
	for _, f := range res.Fields {
		o.Cols = append(o.Cols, f.Name)
	}
	o.Rows = textRows(res.Rows)
	o.Affected, o.InsertID = res.RowsAffected, res.InsertID
	return o
}

func textRows(rows [][]sqltypes.Value) [][]string {
	out := make([][]string, 0, len(rows))
	for _, r := range rows {
		row := make([]string, len(r))
		for i, v := range r {
			if v.IsNull() {
				row[i] = nullText
			} else {
				row[i] = v.ToString()
			}
		}
		out = append(out, row)
	}
	return out
}

// sortRows sorts rows for result sets whose order is unspecified.
func sortRows(rows [][]string) {
	sort.Slice(rows, func(i, j int) bool {
		return strings.Join(rows[i], "\x00") < strings.Join(rows[j], "\x00")
	})
}

// Diff describes how b differs from a ("" when they agree). Its first word classifies the
// difference: lost, error, columns, rows, affected, insert_id, warnings. SHOW WARNINGS
// after a failed statement lists the error in MariaDB; a server that lists nothing there is
// "warnings (error not in SHOW WARNINGS)". Two lost connections agree on nothing: Run
// never compares a statement on which MariaDB lost the connection.
func Diff(a, b *Outcome) string {
	a = withoutAutoRepair(a)
	switch {
	case a.Lost != "" || b.Lost != "":
		return "lost connection"
	case (a.Err == nil) != (b.Err == nil) || a.Err != nil && *a.Err != *b.Err:
		return "error"
	case a.Err == nil && !slices.Equal(a.Cols, b.Cols):
		return "columns"
	case a.Err == nil && !equalRows(a.Rows, b.Rows):
		return "rows"
	case a.Affected != b.Affected:
		return "affected"
	case a.InsertID != b.InsertID:
		return "insert_id"
	case a.WarnCount != b.WarnCount || !equalRows(a.Warnings, b.Warnings):
		if a.Err != nil && len(b.Warnings) == 0 {
			return "warnings (error not in SHOW WARNINGS)"
		}
		return "warnings"
	}
	return ""
}

// withoutAutoRepair returns MariaDB's outcome o without the conditions of MyISAM's automatic
// repair of a table it did not close (Error 145 "... is marked as crashed and should be
// repaired", Warning 1034 "1 client is using or hasn't closed the table properly", Note 1034
// "Table is fixed"): they appear when MariaDB opens a table for the first time after it
// crashed on an earlier statement, which seqd has no reason to reproduce.
func withoutAutoRepair(o *Outcome) *Outcome {
	var kept [][]string
	for _, w := range o.Warnings {
		if len(w) == 3 && (w[1] == "145" || w[1] == "1034") {
			continue
		}
		kept = append(kept, w)
	}
	removed := len(o.Warnings) - len(kept)
	if removed == 0 || int(o.WarnCount) < removed {
		return o
	}
	c := *o
	c.Warnings, c.WarnCount = kept, o.WarnCount-uint16(removed)
	return &c
}

func equalRows(a, b [][]string) bool {
	return slices.EqualFunc(a, b, slices.Equal[[]string])
}

// String renders the outcome roughly as the mariadb client would.
func (o *Outcome) String() string {
	var b strings.Builder
	if o.Lost != "" {
		return "connection lost: " + o.Lost
	}
	if o.Err != nil {
		b.WriteString(o.Err.String())
	} else if o.Cols != nil {
		b.WriteString(strings.Join(o.Cols, "\t"))
		for _, r := range o.Rows {
			b.WriteString("\n" + strings.Join(r, "\t"))
		}
	} else {
		fmt.Fprintf(&b, "OK, %d rows affected", o.Affected)
		if o.InsertID != 0 {
			fmt.Fprintf(&b, ", insert id %d", o.InsertID)
		}
	}
	if o.WarnCount != 0 {
		fmt.Fprintf(&b, "\nWarnings: %d", o.WarnCount)
	}
	for _, w := range o.Warnings {
		b.WriteString("\n  " + strings.Join(w, " "))
	}
	return b.String()
}
