package sqlengine

import (
	"fmt"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/vitess/go/sqltypes"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/storage"
)

// The info text of the OK packet, as MariaDB sends it (mysql_info(), mysqltest's
// --enable_info): "Records: R  Duplicates: D  Warnings: W" after an INSERT or REPLACE of
// several VALUES rows or from a SELECT, CREATE TABLE ... SELECT and ALTER TABLE (not a pure
// RENAME); GMS writes UPDATE's "Rows matched: ..." itself. An ALTER TABLE that copies the table
// (every change of a MyISAM, Aria, ... table; an InnoDB table changing engine or a column's
// type) reports the rows it copied as affected rows; InnoDB's in-place changes report 0.
//
// The handler arms the session when a client statement starts (spoolInfo); the first statement
// parsed after that is the client's, and notes what it is (noteOKInfo); editors count the rows
// it inserts and updates; the handler writes the text into the OK packet.

type okKind uint8

const (
	okNone         okKind = iota
	okInsert              // INSERT or REPLACE with several rows or from a SELECT
	okCreateSelect        // CREATE TABLE ... SELECT
	okAlter               // ALTER TABLE, CREATE INDEX, DROP INDEX
	okLoad                // LOAD DATA
	okTruncate            // TRUNCATE TABLE: MariaDB reports 0 affected rows, whatever it emptied
)

// okInfo is what the running client statement's OK packet reports.
type okInfo struct {
	kind                       okKind
	db, table                  string
	values                     int // rows of INSERT ... VALUES
	ignore, replace, dupUpdate bool
	inserts, updates           int // rows written into db.table
	alterRows                  int // rows ALTER TABLE copies: its affected rows
}

// noteOKInfo notes what the first statement parsed after the handler armed the session is.
func (s *Server) noteOKInfo(ctx *sql.Context, sess *Session, stmt ast.Statement) {
	if !sess.okArmed {
		return
	}
	sess.okArmed = false
	info := &okInfo{}
	sess.okInfo = info
	db := func(tn ast.TableName) string {
		if d := tn.DbQualifier.String(); d != "" {
			return d
		}
		return ctx.GetCurrentDatabase()
	}
	switch st := stmt.(type) {
	case *ast.Insert:
		sess.okReplace = strings.EqualFold(st.Action, ast.ReplaceStr)
		vals := insertValues(st)
		if vals != nil && len(vals) <= 1 {
			return
		}
		*info = okInfo{kind: okInsert, db: db(st.Table), table: st.Table.Name.String(), values: len(vals),
			ignore: st.Ignore != "", replace: strings.EqualFold(st.Action, ast.ReplaceStr), dupUpdate: len(st.OnDup) > 0}
	case *ast.Load:
		*info = okInfo{kind: okLoad, db: db(st.Table), table: st.Table.Name.String(),
			replace: strings.EqualFold(st.IgnoreOrReplace, ast.ReplaceStr)}
	case *ast.DDL:
		switch {
		case st.Action == ast.CreateStr && st.OptSelect != nil:
			*info = okInfo{kind: okCreateSelect, db: db(st.Table), table: st.Table.Name.String()}
		case st.Action == ast.AlterStr:
			s.noteAlterInfo(ctx, info, db(st.Table), st.Table.Name.String(), []*ast.DDL{st})
		case st.Action == ast.TruncateStr:
			info.kind = okTruncate
		}
	case *ast.AlterTable:
		s.noteAlterInfo(ctx, info, db(st.Table), st.Table.Name.String(), st.Statements)
	}
}

// noteAlterInfo decides what an ALTER TABLE run by GMS reports: nothing for a pure RENAME, else
// the table's rows when MariaDB would copy it (always, for a temporary table).
func (s *Server) noteAlterInfo(ctx *sql.Context, info *okInfo, db, name string, items []*ast.DDL) {
	def, temp, ok := s.findTableDef(ctx, db, name)
	if !ok {
		return
	}
	renameOnly, typeChange := true, false
	for _, it := range items {
		if it.Action != ast.RenameStr {
			renameOnly = false
		}
		if it.ColumnAction == ast.ModifyStr || it.ColumnAction == ast.ChangeStr {
			typeChange = typeChange || s.changesColumnType(ctx, def, it)
		}
	}
	if renameOnly {
		return
	}
	*info = okInfo{kind: okAlter, db: db, table: name}
	if def.Engine != "InnoDB" || typeChange || temp { // MariaDB copies every temporary table
		info.alterRows = s.committedRows(ctx, def, temp)
	}
}

// changesColumnType reports whether a MODIFY or CHANGE gives its column another type.
func (s *Server) changesColumnType(ctx *sql.Context, def *storage.TableDef, it *ast.DDL) bool {
	if it.TableSpec == nil || len(it.TableSpec.Columns) == 0 || it.Column.String() == "" {
		return false
	}
	newType := strings.ToLower(it.TableSpec.Columns[0].Type.Type)
	for _, c := range def.Columns {
		if strings.EqualFold(c.Name, it.Column.String()) {
			old := strings.ToLower(c.Type)
			if i := strings.IndexAny(old, "( "); i >= 0 {
				old = old[:i]
			}
			return old != newType
		}
	}
	return false
}

// committedRows counts a table's rows in a snapshot of its own (the statement has not begun its
// transaction while it is being parsed).
func (s *Server) committedRows(ctx *sql.Context, def *storage.TableDef, temp bool) int {
	m, err := s.metas.get(ctx, def)
	if err != nil {
		return 0
	}
	txn := s.db.Begin()
	defer txn.Rollback()
	n, err := newTable(s, m, temp).countRows(ctx, txn)
	if err != nil {
		return 0
	}
	return n
}

// noteRowWrite counts a row the running statement inserts (or updates) into t.
func noteRowWrite(ctx *sql.Context, t *Table, update bool) {
	sess, ok := sessionFromContext(ctx)
	if !ok || sess.okInfo == nil || sess.okInfo.kind == okNone {
		return
	}
	info := sess.okInfo
	if !strings.EqualFold(info.table, t.Name()) || !strings.EqualFold(info.db, t.Database()) {
		return
	}
	if update {
		info.updates++
	} else {
		info.inserts++
	}
}

// text is the info text for a statement that affected affected rows with warnings warnings;
// it also returns the affected rows to report.
func (info *okInfo) text(affected uint64, warnings uint16) (string, uint64) {
	records, dups := 0, 0
	switch info.kind {
	case okInsert:
		records = max(info.inserts, info.values)
		switch {
		case info.ignore && !info.dupUpdate:
			dups = max(0, records-int(affected))
		case info.replace:
			if info.values > 0 {
				records = info.values // GMS writes a replaced row twice
			}
			dups = max(0, int(affected)-records)
		case info.dupUpdate:
			dups = info.updates
		}
	case okCreateSelect:
		records = max(info.inserts, int(affected))
	case okAlter:
		records, affected = info.alterRows, uint64(info.alterRows)
	case okLoad:
		// values is the lines read (insertConversionIter counts them); a line not written
		// was skipped as a duplicate, a replaced row counts twice in the affected rows.
		records = max(info.values, int(affected))
		deleted, skipped := 0, max(0, records-int(affected))
		if info.replace {
			records = info.values
			deleted, skipped = max(0, int(affected)-records), 0
		}
		return fmt.Sprintf("Records: %d  Deleted: %d  Skipped: %d  Warnings: %d", records, deleted, skipped, warnings), affected
	case okTruncate:
		return "", 0
	default:
		return "", affected
	}
	return fmt.Sprintf("Records: %d  Duplicates: %d  Warnings: %d", records, dups, warnings), affected
}

// armOKInfo starts a client statement: the next statement parsed is its.
func (sess *Session) armOKInfo() {
	sess.okInfo, sess.okArmed = nil, true
	sess.okReplace, sess.okAutoID, sess.okAutoState = false, 0, 0
}

// noteAutoValue notes an AUTO_INCREMENT value a row written by the client statement has, for
// the insert id of a REPLACE: MariaDB reports the first value the statement generated or, when
// it generated none, the value of the last row it wrote (0 without an AUTO_INCREMENT column).
func (sess *Session) noteAutoValue(v uint64, generated bool) {
	switch {
	case sess.okAutoState == 2:
	case generated:
		sess.okAutoID, sess.okAutoState = v, 2
	default:
		sess.okAutoID, sess.okAutoState = v, 1
	}
}

// okInfoResult writes the info text into a statement's OK result, and a REPLACE's insert id
// (noteAutoValue): GMS reports LAST_INSERT_ID() as it was before the statement.
func (sess *Session) okInfoResult(r *sqltypes.Result) {
	if r != nil && len(r.Fields) == 0 && sess.okReplace {
		r.InsertID = sess.okAutoID
	}
	if r != nil && strings.HasPrefix(r.Info, "Rows matched: ") {
		// GMS's UPDATE info always says "Warnings: 0"; MariaDB counts the statement's.
		if i := strings.LastIndex(r.Info, "Warnings: "); i >= 0 {
			r.Info = fmt.Sprintf("%sWarnings: %d", r.Info[:i], sess.WarningCount())
		}
	}
	info := sess.okInfo
	if info == nil || r == nil || len(r.Fields) > 0 || r.Info != "" {
		return
	}
	sess.okInfo = nil
	r.Info, r.RowsAffected = info.text(r.RowsAffected, sess.WarningCount())
}
