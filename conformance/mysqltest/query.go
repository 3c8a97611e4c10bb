package mysqltest

import (
	"errors"
	"strconv"
	"strings"

	"github.com/dolthub/vitess/go/mysql"
	"github.com/dolthub/vitess/go/sqltypes"
)

// sqlErr is an error a statement returned.
type sqlErr struct {
	num   uint16
	state string
	msg   string
}

func toSQLErr(err error) sqlErr {
	var se *mysql.SQLError
	if errors.As(err, &se) {
		return sqlErr{uint16(se.Num), se.State, se.Message}
	}
	return sqlErr{mysql.CRServerLost, mysql.SSUnknownSQLState, err.Error()}
}

// notNullFlag is NOT_NULL_FLAG of the column definition flags.
const notNullFlag = 1

// errGone is what mysqltest reports for a query on a disconnected connection.
var errGone = sqlErr{2006, "000000", "MariaDB server has gone away"}

// runQuery is mysqltest's run_query: log the query, run it (send and/or reap), and append its
// output, sorted when sorted_result is on.
func (r *runner) runQuery(cmd *command, query string, send, reap bool) error {
	c := r.cur
	if c.pending && send {
		return r.fatal(cmd, "Cannot run query on connection between send and reap")
	}
	if !send && !c.pending {
		return r.fatal(cmd, "Cannot reap on a connection without pending send")
	}
	if !r.props[pDisableQueryLog] && send {
		r.out.WriteString(r.f.apply(query))
		r.out.WriteString(r.delim)
		r.out.WriteByte('\n')
	}
	var block strings.Builder
	err := r.execute(cmd, c, query, send, reap, &block)
	if r.f.sorted {
		appendSorted(&r.out, block.String(), true)
	} else {
		r.out.WriteString(block.String())
	}
	r.flushFailures()
	return err
}

// execute is mysqltest's run_query_normal.
func (r *runner) execute(cmd *command, c *conn, query string, send, reap bool, ds *strings.Builder) error {
	if c.c == nil {
		c.pending = false
		r.vars["mysql_errno"] = "2006"
		return r.handleError(cmd, errGone, ds)
	}
	if send {
		if err := c.send(query); err != nil {
			return r.queryError(cmd, toSQLErr(err), ds)
		}
	}
	if !reap {
		c.pending = true
		return nil
	}
	c.pending = false
	resp := c.read()
	for i, res := range resp.results {
		if r.props[pDisableResultLog] {
			continue
		}
		if len(res.Fields) > 0 {
			r.appendResult(ds, res)
		}
		if !r.props[pDisableWarnings] && i == len(resp.results)-1 && resp.err == nil {
			if err := r.appendWarnings(cmd, c, resp.warnings, ds); err != nil {
				return err
			}
		}
	}
	if resp.err != nil {
		return r.queryError(cmd, toSQLErr(resp.err), ds)
	}
	r.vars["mysql_errno"] = "0"
	err := r.handleNoError(cmd)
	r.revertOnce()
	return err
}

func (r *runner) queryError(cmd *command, e sqlErr, ds *strings.Builder) error {
	r.vars["mysql_errno"] = strconv.Itoa(int(e.num))
	return r.handleError(cmd, e, ds)
}

// handleError is mysqltest's handle_error: print an expected error, fail on an unexpected one.
func (r *runner) handleError(cmd *command, e sqlErr, ds *strings.Builder) error {
	cmd.usedReplace = true
	if cmd.abortOnError {
		return r.fail(cmd, "query '%s' failed: %s (%d): %s", cmd.query, errorName(e.num), e.num, e.msg)
	}
	if i := matchExpected(cmd.expected, e); i >= 0 {
		if !r.props[pDisableResultLog] {
			if len(cmd.expected) == 1 {
				r.appendError(ds, e)
			} else if cmd.expected[0].isState || cmd.expected[0].num != 0 {
				ds.WriteString("Got one of the listed errors\n")
			}
		}
		r.revertOnce()
		return nil
	}
	if !r.props[pDisableResultLog] {
		r.appendError(ds, e)
	}
	var err error
	if len(cmd.expected) > 0 {
		want := cmd.expected[0]
		if want.isState {
			err = r.fail(cmd, "query '%s' failed with wrong sqlstate %s: '%s', instead of %s...",
				cmd.query, e.state, e.msg, want.state)
		} else {
			err = r.fail(cmd, "query '%s' failed with wrong errno %s (%d): '%s', instead of %s (%d)...",
				cmd.query, errorName(e.num), e.num, e.msg, errorName(want.num), want.num)
		}
	}
	r.revertOnce()
	return err
}

func (r *runner) appendError(ds *strings.Builder, e sqlErr) {
	ds.WriteString("ERROR ")
	ds.WriteString(r.f.apply(e.state))
	ds.WriteString(": ")
	ds.WriteString(r.f.apply(e.msg))
	ds.WriteByte('\n')
}

// handleNoError fails a command that succeeded although --error asked for an error.
func (r *runner) handleNoError(cmd *command) error {
	if len(cmd.expected) == 0 {
		return nil
	}
	want := cmd.expected[0]
	switch {
	case !want.isState && want.num != 0:
		return r.fail(cmd, "query '%s' succeeded - should have failed with error %s (%d)...",
			cmd.query, errorName(want.num), want.num)
	case want.isState && want.state != "00000":
		return r.fail(cmd, "query '%s' succeeded - should have failed with sqlstate %s...",
			cmd.query, want.state)
	}
	return nil
}

// appendResult prints a result set: metadata when enabled, the column names unless disabled
// or vertical, then the rows.
func (r *runner) appendResult(ds *strings.Builder, res *sqltypes.Result) {
	if r.props[pMetadata] {
		r.appendMetadata(ds, res)
	}
	if !r.vertical && !r.disableColumnNames {
		for i, f := range res.Fields {
			if i > 0 {
				ds.WriteByte('\t')
			}
			ds.WriteString(r.f.apply(f.Name))
		}
		ds.WriteByte('\n')
	}
	r.appendRows(ds, res)
}

// appendRows is mysqltest's append_result: tab-separated values, NULL for NULL, and the
// replace_column replacements; in vertical mode one "name<TAB>value" line per field.
func (r *runner) appendRows(ds *strings.Builder, res *sqltypes.Result) {
	for _, row := range res.Rows {
		for i, v := range row {
			val := string(v.Raw())
			if rep, ok := r.f.columns[i]; ok {
				val = rep
			} else if v.IsNull() {
				val = "NULL"
			}
			if r.vertical {
				ds.WriteString(res.Fields[i].Name)
				ds.WriteByte('\t')
				ds.WriteString(r.f.apply(val))
				ds.WriteByte('\n')
				continue
			}
			if i > 0 {
				ds.WriteByte('\t')
			}
			ds.WriteString(r.f.apply(val))
		}
		if !r.vertical {
			ds.WriteByte('\n')
		}
	}
}

// appendMetadata is mysqltest's append_metadata. Max length is computed from the rows, as
// mysql_store_result does.
func (r *runner) appendMetadata(ds *strings.Builder, res *sqltypes.Result) {
	ds.WriteString("Catalog\tDatabase\tTable\tTable_alias\tColumn\tColumn_alias\tType\tLength\t" +
		"Max length\tIs_null\tFlags\tDecimals\tCharsetnr\n")
	num := func(n uint64) string { return r.f.apply(strconv.FormatUint(n, 10)) }
	for i, f := range res.Fields {
		maxLen := 0
		for _, row := range res.Rows {
			maxLen = max(maxLen, len(row[i].Raw()))
		}
		typ, _ := sqltypes.TypeToMySQL(f.Type)
		isNull := "Y"
		if f.Flags&notNullFlag != 0 {
			isNull = "N"
		}
		for _, s := range []string{"def", f.Database, f.OrgTable, f.Table, f.OrgName, f.Name,
			num(uint64(typ)), num(uint64(f.ColumnLength)), num(uint64(maxLen)), isNull,
			num(uint64(f.Flags)), num(uint64(f.Decimals))} {
			ds.WriteString(s)
			ds.WriteByte('\t')
		}
		ds.WriteString(num(uint64(f.Charset)))
		ds.WriteByte('\n')
	}
}

// appendWarnings runs SHOW WARNINGS when the statement left warnings and prints them after
// "Warnings:", sorted when sorted_result is on.
func (r *runner) appendWarnings(cmd *command, c *conn, count uint16, ds *strings.Builder) error {
	if count == 0 {
		return nil
	}
	resp := c.query("SHOW WARNINGS")
	if resp.err != nil || len(resp.results) == 0 {
		return r.fatal(cmd, "Error running query \"SHOW WARNINGS\": %v", resp.err)
	}
	var w strings.Builder
	r.appendRows(&w, resp.results[0])
	ds.WriteString("Warnings:\n")
	if r.f.sorted {
		appendSorted(ds, w.String(), false)
	} else {
		ds.WriteString(w.String())
	}
	return nil
}
