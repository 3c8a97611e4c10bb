package sqlengine

import (
	"context"
	"strconv"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/vitess/go/mysql"
	"github.com/dolthub/vitess/go/sqltypes"
	querypb "github.com/dolthub/vitess/go/vt/proto/query"

	"github.com/seqd/seqd/functions"
	"github.com/seqd/seqd/sequences"
)

// The fast path answers the hot sequence statements without GMS's parser, planner and
// analyzer:
//
//	SELECT NEXT VALUE FOR s      SELECT NEXTVAL(s)
//	SELECT PREVIOUS VALUE FOR s  SELECT LASTVAL(s)
//	SELECT NEXT n VALUES FROM s  SELECT NEXT VALUE FROM s
//
// (s possibly qualified and backquoted, an optional trailing ';'). Any other text, including
// comments or aliases, takes the general path. The fast path calls the same resolution,
// privilege checks, sequence operations and error conversions as the general path, and sends
// the same result metadata; fastpath_test.go runs every statement both ways and compares.

// fastKind is which statement the fast path recognized.
type fastKind uint8

const (
	fastNone fastKind = iota
	fastNext
	fastLast
	fastBatch
)

// fastStmt is a recognized statement.
type fastStmt struct {
	kind     fastKind
	db, name string // db is "" when not qualified
	n        int64  // batch size
	header   string // the select expression as typed: the result column's name
}

// recognizeFast parses the statements of the fast path. It never allocates for other text.
func recognizeFast(q string) (fastStmt, bool) {
	l := &lexer{src: q}
	sel := l.next()
	if !sel.isWord(q, "select") {
		return fastStmt{}, false
	}
	toks := make([]token, 0, 8)
	for {
		t := l.next()
		if t.kind == tokEOF {
			break
		}
		if len(toks) == cap(toks) {
			return fastStmt{}, false
		}
		toks = append(toks, t)
	}
	if n := len(toks); n > 0 && toks[n-1].isPunct(q, ';') {
		toks = toks[:n-1]
	}
	if len(toks) == 0 || l.inExec || hasComment(q, sel, toks) {
		return fastStmt{}, false
	}
	var st fastStmt
	var nameAt int
	switch {
	case len(toks) >= 4 && toks[0].isWord(q, "next") && toks[1].isWord(q, "value") && toks[2].isWord(q, "for"):
		st.kind, nameAt = fastNext, 3
	case len(toks) >= 4 && toks[0].isWord(q, "previous") && toks[1].isWord(q, "value") && toks[2].isWord(q, "for"):
		st.kind, nameAt = fastLast, 3
	case len(toks) >= 4 && (toks[0].isWord(q, "nextval") || toks[0].isWord(q, "lastval")) && toks[1].isPunct(q, '('):
		st.kind, nameAt = fastNext, 2
		if toks[0].isWord(q, "lastval") {
			st.kind = fastLast
		}
	case len(toks) >= 4 && toks[0].isWord(q, "next"):
		return recognizeBatch(q, toks)
	default:
		return fastStmt{}, false
	}
	end, ok := st.parseName(q, toks, nameAt)
	if !ok {
		return fastStmt{}, false
	}
	if nameAt == 2 {
		if end >= len(toks) || !toks[end].isPunct(q, ')') {
			return fastStmt{}, false
		}
		end++
	}
	if end != len(toks) {
		return fastStmt{}, false
	}
	st.header = q[toks[0].start:toks[end-1].end]
	return st, true
}

// recognizeBatch recognizes NEXT n VALUES FROM s and NEXT VALUE FROM s.
func recognizeBatch(q string, toks []token) (fastStmt, bool) {
	st := fastStmt{kind: fastBatch, n: 1, header: "nextval"}
	i := 1
	if toks[1].kind == tokNumber {
		n, err := strconv.ParseInt(q[toks[1].start:toks[1].end], 10, 64)
		if err != nil || n < 1 || !toks[2].isWord(q, "values") {
			return fastStmt{}, false
		}
		st.n, i = n, 3
	} else if toks[1].isWord(q, "value") {
		i = 2
	} else {
		return fastStmt{}, false
	}
	if i >= len(toks) || !toks[i].isWord(q, "from") {
		return fastStmt{}, false
	}
	end, ok := st.parseName(q, toks, i+1)
	if !ok || end != len(toks) {
		return fastStmt{}, false
	}
	return st, true
}

// parseName reads name or db.name at toks[i] and returns the index after it.
func (st *fastStmt) parseName(q string, toks []token, i int) (int, bool) {
	if i >= len(toks) || !toks[i].isIdent() {
		return 0, false
	}
	first := identText(q, toks[i])
	if i+2 < len(toks) && toks[i+1].isPunct(q, '.') && toks[i+2].isIdent() {
		st.db, st.name = first, identText(q, toks[i+2])
		return i + 3, true
	}
	st.name = first
	return i + 1, true
}

// identText returns an identifier's name, unquoting a backquoted one.
func identText(q string, t token) string {
	s := q[t.start:t.end]
	if t.kind != tokQuoted {
		return s
	}
	inner := s[1 : len(s)-1]
	for i := 0; i+1 < len(inner); i++ {
		if inner[i] == '`' && inner[i+1] == '`' {
			return unescapeBackquotes(inner)
		}
	}
	return inner
}

func unescapeBackquotes(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		out = append(out, s[i])
		if s[i] == '`' && i+1 < len(s) && s[i+1] == '`' {
			i++
		}
	}
	return string(out)
}

// hasComment reports whether anything but blanks separates the tokens (a comment).
func hasComment(q string, first token, toks []token) bool {
	prev := first
	for _, t := range toks {
		for j := prev.end; j < t.start; j++ {
			if !isSpace(q[j]) {
				return true
			}
		}
		prev = t
	}
	return false
}

// fastPath answers a recognized statement; done=false sends the statement down the general
// path.
func (s *Server) fastPath(ctx context.Context, c *mysql.Conn, query string, callback mysql.ResultSpoolFn) (done bool, err error) {
	if s.cfg.NoFastPath {
		return false, nil
	}
	st, ok := recognizeFast(query)
	if !ok {
		return false, nil
	}
	sess := s.sessions.get(c.ConnectionID)
	if sess == nil || sess.fastCtx == nil {
		return false, nil
	}
	sctx := sess.fastCtx
	if inTransaction(sctx) {
		return false, nil // sequences used in a transaction are locked until it ends (locking.go)
	}
	sess.ClearWarnings()
	v, err := s.runFast(sctx, sess, st)
	if err != nil {
		return true, err
	}
	sess.GetLastQueryInfo().RowCount.Store(-1)
	sess.GetLastQueryInfo().FoundRows.Store(1)
	row := []sqltypes.Value{sqltypes.NULL}
	switch x := v.(type) {
	case int64:
		row[0] = sqltypes.NewInt64(x)
	case uint64:
		row[0] = sqltypes.NewUint64(x)
	}
	res := &sqltypes.Result{Fields: fastFields(st.header), Rows: [][]sqltypes.Value{row}}
	return true, callback(res, false)
}

// runFast evaluates a recognized statement exactly as the general path does.
func (s *Server) runFast(ctx *sql.Context, sess *Session, st fastStmt) (any, error) {
	db := st.db
	if db == "" {
		if db = sess.GetCurrentDatabase(); db == "" && st.kind != fastBatch {
			return nil, mariaErr(sequences.ErrNoDB)
		}
	}
	if st.kind == fastBatch {
		return s.nextValues(ctx, db, st.name, st.n)
	}
	r := seqResolver{s}
	ref := functions.NewRef(db, st.name)
	op := functions.OpNext
	if st.kind == fastLast {
		op = functions.OpLast
	}
	seq, err := r.Resolve(ctx, ref, op)
	if err != nil {
		return nil, err
	}
	if st.kind == fastLast {
		v, ok := sess.lastVals.Get(seq.ID(), seq.TableKey())
		if !ok {
			return nil, nil
		}
		return seqValue(seq.Type().Unsigned, v), nil
	}
	v, err := seq.Next()
	sess.lastVals.Record(seq.ID(), seq.TableKey(), v, err)
	if err != nil {
		return nil, sqlErr(err)
	}
	return seqValue(seq.Type().Unsigned, v), nil
}

func seqValue(unsigned bool, v int64) any {
	if unsigned {
		return uint64(v)
	}
	return v
}

// fastFields is the metadata the general path sends for a sequence function column.
func fastFields(name string) []*querypb.Field {
	f := &querypb.Field{
		Name:         name,
		Type:         sqltypes.Int64,
		Charset:      binaryCollationID,
		ColumnLength: 20,
		Flags:        uint32(querypb.MySqlFlag_BINARY_FLAG),
	}
	return []*querypb.Field{f}
}
