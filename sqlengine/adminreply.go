package sqlengine

import (
	"strconv"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// Msg_text values MariaDB's sql_admin.cc and the engines write.
const (
	msgOK              = "OK"
	msgUpToDate        = "Table is already up to date"
	msgOperationFailed = "Operation failed"
	msgEITS            = "Engine-independent statistics collected"
	msgRecreate        = "Table does not support optimize, doing recreate + analyze instead"
	msgAutoZero        = "Found row where the auto_increment column has the value 0"
)

// adminReply builds the rows of one table of a maintenance statement.
type adminReply struct {
	s        *Server
	ctx      *sql.Context
	st       *adminStmt
	db, name string
	rows     []sql.Row
}

func (r *adminReply) add(msgType, text string) {
	r.rows = append(r.rows, sql.Row{r.db + "." + r.name, string(r.st.op), msgType, text})
}

// error adds an Error row and the row closing it (status Operation failed, or what last says).
func (r *adminReply) error(text string, last ...string) {
	r.add("Error", text)
	if len(last) > 0 {
		r.add("error", last[0])
		return
	}
	r.add("status", msgOperationFailed)
}

// notSupported adds the note of an engine without the operation.
func (r *adminReply) notSupported() {
	r.add("note", sequences.ErrCheckNotImplemented.New(string(r.st.op)).Message)
}

// run resolves the table and adds its rows. Errors about the table become rows; a returned
// error fails the statement.
func (r *adminReply) run() error {
	def, temp, ok := r.s.findTableDef(r.ctx, r.db, r.name)
	if !ok {
		return r.runOther()
	}
	if !temp {
		write := r.st.op == opRepair || r.st.op == opOptimize
		if err := checkLocked(r.ctx, r.db, def.Name, write); err != nil {
			r.error(sqlMessage(err))
			return nil
		}
	}
	r.name = def.Name
	if r.st.op == opAnalyze && !temp && r.collectsStatistics() {
		r.add("status", msgEITS)
	}
	if def.Sequence {
		r.sequence(def)
		return nil
	}
	return r.baseTable(def, temp)
}

// runOther answers for a name that is no table or sequence of the catalog: a view, a system
// table, or nothing.
func (r *adminReply) runOther() error {
	if _, ok := r.s.catalogOf(r.ctx).View(r.db, r.name); ok {
		if r.st.op == opCheck {
			r.add("status", msgOK)
		} else {
			r.error(sequences.ErrWrongObject.New(r.db, r.name, "BASE TABLE").Message)
		}
		return nil
	}
	if isSystemSchema(r.db) {
		if _, _, err := r.s.engine.Analyzer.Catalog.Table(r.ctx, r.db, r.name); err == nil {
			return r.systemTable()
		}
	}
	r.error(sequences.ErrNoSuchTable.New(r.db, r.name).Message)
	return nil
}

// isSystemSchema reports whether db is one of the databases GMS serves itself.
func isSystemSchema(db string) bool {
	switch strings.ToLower(db) {
	case "information_schema", "mysql", "performance_schema", "sys":
		return true
	}
	return false
}

// systemTable answers for a table of information_schema (a view in MariaDB, which refuses
// changes to it) or of mysql (Aria tables there).
func (r *adminReply) systemTable() error {
	if strings.EqualFold(r.db, "information_schema") {
		if r.st.op == opCheck {
			r.notSupported()
			return nil
		}
		c := r.ctx.Session.Client()
		host := c.Address
		if i := strings.LastIndexByte(host, ':'); i >= 0 {
			host = host[:i]
		}
		if host == "" || host == "127.0.0.1" || host == "[::1]" || host == "::1" {
			host = "localhost"
		}
		return mariaErr(sequences.ErrDBAccessDenied, c.User, host, "information_schema")
	}
	if r.st.op == opAnalyze && r.collectsStatistics() {
		r.add("status", msgEITS)
	}
	r.add("status", msgOK)
	return nil
}

// collectsStatistics reports whether ANALYZE collects engine-independent statistics: with
// PERSISTENT FOR, or when use_stat_tables is COMPLEMENTARY or PREFERABLY (seqd's default, as
// in MariaDB's test suite).
func (r *adminReply) collectsStatistics() bool {
	if r.st.persistent {
		return true
	}
	v, err := r.ctx.GetSessionVariable(r.ctx, "use_stat_tables")
	if err != nil {
		return true
	}
	mode, _ := v.(string)
	return strings.EqualFold(mode, "PREFERABLY") || strings.EqualFold(mode, "COMPLEMENTARY") || mode == ""
}

// sequence answers for a sequence: the SQL layer's sequence engine supports none of the
// operations, except that REPAIR goes to the underlying engine (OK for MyISAM and Aria).
// REPAIR and OPTIMIZE discard the sequence's cached values.
func (r *adminReply) sequence(def *storage.TableDef) {
	switch r.st.op {
	case opRepair:
		r.s.seqs.Rename(def.ID, def.DB, def.Name)
		if def.Engine == "InnoDB" {
			r.notSupported()
		} else {
			r.add("status", msgOK)
		}
	case opOptimize:
		r.s.seqs.Rename(def.ID, def.DB, def.Name)
		r.notSupported()
	default:
		r.notSupported()
	}
}

// baseTable answers for a base table by engine.
func (r *adminReply) baseTable(def *storage.TableDef, temp bool) error {
	switch def.Engine {
	case "InnoDB":
		r.innoDB()
	case "MyISAM", "Aria":
		return r.myisam(def, temp)
	case archiveEngine:
		if r.st.op == opAnalyze {
			r.notSupported()
		} else {
			r.add("status", msgOK)
		}
	case "CSV":
		switch r.st.op {
		case opCheck, opRepair:
			r.add("status", msgOK)
		default:
			r.notSupported()
		}
	default: // MEMORY and the others
		r.notSupported()
	}
	return nil
}

func (r *adminReply) innoDB() {
	switch r.st.op {
	case opRepair:
		r.notSupported()
	case opOptimize:
		r.add("note", msgRecreate)
		r.add("status", msgOK)
	default:
		r.add("status", msgOK)
	}
}

// myisam answers for a MyISAM or Aria table from its maintenance flags (admintables.go).
func (r *adminReply) myisam(def *storage.TableDef, temp bool) error {
	txn, err := txnOf(r.ctx)
	if err != nil {
		return err
	}
	exist, err := rowsExist(txn, def.ID)
	if err != nil {
		return err
	}
	st := r.s.admin.tables.get(def.ID)
	st.init(!exist)
	switch r.st.op {
	case opCheck:
		if r.st.changedOnly && !st.has(stateChanged) {
			r.add("status", msgUpToDate)
			return nil
		}
		st.clear(stateChanged | stateNotAnalyzed)
		if zero, err := r.s.autoZeroFound(r.ctx, def, temp); err != nil {
			return err
		} else if zero {
			r.add("warning", msgAutoZero)
		}
	case opAnalyze:
		if !st.has(stateNotAnalyzed) {
			r.add("status", msgUpToDate)
			return nil
		}
		st.clear(stateNotAnalyzed)
	case opOptimize:
		if !st.has(stateNotAnalyzed | stateDeleted) {
			r.add("status", msgUpToDate)
			return nil
		}
		st.clear(stateChanged | stateNotAnalyzed | stateDeleted)
	case opRepair:
		st.clear(stateChanged)
		st.flags.Or(stateNotAnalyzed | stateDeleted)
		if r.st.useFrm && exist {
			n, err := countTableRows(txn, def.ID)
			if err != nil {
				return err
			}
			r.add("warning", "Number of rows changed from 0 to "+strconv.FormatInt(n, 10))
		}
	}
	r.add("status", msgOK)
	return nil
}
