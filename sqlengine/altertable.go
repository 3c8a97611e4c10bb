package sqlengine

import (
	"fmt"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// ALTER TABLE: vitess parses the column and index changes but drops most table options (ENGINE,
// SEQUENCE, MIN_ROWS, ...), cannot parse ORDER BY, and GMS knows nothing of sequences. seqd
// therefore reads the statement's items itself: table options, FORCE, ALGORITHM, LOCK, ORDER BY
// and PARTITION BY are taken out, the rest (if any) is parsed by vitess and run by GMS, and the
// options are applied by seqd. On a sequence, MariaDB allows only options, FORCE and RENAME;
// other changes fail with 4086.

// alterItem is one comma-separated item of ALTER TABLE.
type alterItem struct {
	kind       alterKind
	name, text string // option name (upper case) and value as written
	start, end int    // span in the statement text, separator excluded
}

type alterKind uint8

const (
	alterOther     alterKind = iota // a column, index or constraint change: vitess and GMS
	alterOption                     // a table option seqd applies
	alterForce                      // FORCE
	alterAlgorithm                  // ALGORITHM=x or LOCK=x
	alterOrderBy                    // ORDER BY ...
	alterPartition                  // PARTITION BY ..., REMOVE PARTITIONING
)

// alterTableOptions are the table options seqd applies (the others GMS applies: COMMENT for
// tables, AUTO_INCREMENT, character set and collation).
var alterTableOptions = map[string]bool{
	"ENGINE": true, "SEQUENCE": true, "MIN_ROWS": true, "MAX_ROWS": true, "ROW_FORMAT": true,
	"KEY_BLOCK_SIZE": true, "CHECKSUM": true, "TABLE_CHECKSUM": true, "DELAY_KEY_WRITE": true,
	"PACK_KEYS": true, "STATS_AUTO_RECALC": true, "STATS_PERSISTENT": true, "STATS_SAMPLE_PAGES": true,
	"TRANSACTIONAL": true, "PAGE_CHECKSUM": true, "AVG_ROW_LENGTH": true, "PAGE_COMPRESSED": true,
	"PAGE_COMPRESSION_LEVEL": true, "ENCRYPTED": true, "ENCRYPTION_KEY_ID": true, "COMMENT": true,
}

// alterTable is a parsed ALTER TABLE.
type alterTable struct {
	text     string
	db, name string
	ignore   bool
	items    []alterItem
	rest     ast.Statement // what vitess parsed of the other items, nil if none
}

// parseAlterTable reads ALTER [ONLINE] [IGNORE] TABLE name items. ok is false for other
// statements and for ALTER TABLE statements seqd leaves entirely to GMS (no item it handles).
func parseAlterTable(text string, mode parseMode) (*alterTable, bool) {
	l := &lexer{src: text, ansiQuotes: mode.opts.AnsiQuotes}
	if !l.next().isWord(text, "alter") {
		return nil, false
	}
	at := &alterTable{text: text}
	t := l.next()
	for t.isWord(text, "online") || t.isWord(text, "ignore") {
		at.ignore = at.ignore || t.isWord(text, "ignore")
		t = l.next()
	}
	if !t.isWord(text, "table") {
		return nil, false
	}
	nameTok := l.next()
	if !nameTok.isIdent() {
		return nil, false
	}
	at.name = identText(text, nameTok)
	t = l.next()
	if t.isPunct(text, '.') {
		at.db = at.name
		n := l.next()
		if !n.isIdent() {
			return nil, false
		}
		at.name = identText(text, n)
		t = l.next()
	}
	at.items = splitAlterItems(text, l, t)
	return at, len(at.items) > 0
}

// handlesItems reports whether seqd applies any item itself.
func (at *alterTable) handlesItems() bool {
	for _, it := range at.items {
		if it.kind != alterOther {
			return true
		}
	}
	return false
}

// splitAlterItems splits the items of ALTER TABLE, starting at token t.
func splitAlterItems(text string, l *lexer, t token) []alterItem {
	var items []alterItem
	var toks []token
	depth := 0
	flush := func() {
		if len(toks) > 0 {
			items = append(items, classifyAlterItem(text, toks))
		}
		toks = nil
	}
	for ; t.kind != tokEOF; t = l.next() {
		switch {
		case t.isPunct(text, ';') && depth == 0:
			flush()
			return items
		case t.isPunct(text, '('):
			depth++
		case t.isPunct(text, ')'):
			depth--
		case t.isPunct(text, ',') && depth == 0 && !partitionItem(text, toks):
			flush()
			continue
		}
		toks = append(toks, t)
	}
	flush()
	return items
}

// partitionItem reports whether an item is a PARTITION BY clause, which runs to the end of the
// statement (its own commas included).
func partitionItem(text string, toks []token) bool {
	return len(toks) > 0 && toks[0].isWord(text, "partition")
}

// classifyAlterItem decides what one item is.
func classifyAlterItem(text string, toks []token) alterItem {
	it := alterItem{start: toks[0].start, end: toks[len(toks)-1].end}
	first := strings.ToUpper(toks[0].text(text))
	switch {
	case first == "FORCE" && len(toks) == 1:
		it.kind = alterForce
	case first == "ALGORITHM" || first == "LOCK":
		it.kind, it.name, it.text = alterAlgorithm, first, optionValue(text, toks)
	case first == "ORDER" && len(toks) > 1 && toks[1].isWord(text, "by"):
		it.kind = alterOrderBy
	case first == "PARTITION" || first == "REMOVE" && len(toks) > 1 && toks[1].isWord(text, "partitioning"):
		it.kind = alterPartition
	case alterTableOptions[first] && isOptionShape(text, toks):
		it.kind, it.name, it.text = alterOption, first, optionValue(text, toks)
	}
	return it
}

// isOptionShape reports whether toks read "NAME [=] value".
func isOptionShape(text string, toks []token) bool {
	n := len(toks)
	return n == 2 || n == 3 && toks[1].isPunct(text, '=')
}

// optionValue returns the value of "NAME [=] value", unquoted.
func optionValue(text string, toks []token) string {
	v := toks[len(toks)-1]
	s := v.text(text)
	switch v.kind {
	case tokString:
		return unquoteString(s)
	case tokQuoted:
		return identText(text, v)
	}
	return s
}

// restText is the statement without the items seqd handles, or "" if none remain.
func (at *alterTable) restText() string {
	var keep []string
	for _, it := range at.items {
		if it.kind == alterOther {
			keep = append(keep, at.text[it.start:it.end])
		}
	}
	if len(keep) == 0 {
		return ""
	}
	head := at.text[:at.items[0].start]
	return head + strings.Join(keep, ", ")
}

// has reports whether the statement has an item of kind k.
func (at *alterTable) has(k alterKind) bool {
	for _, it := range at.items {
		if it.kind == k {
			return true
		}
	}
	return false
}

// option returns the value of a table option item, if given (the last one counts).
func (at *alterTable) option(name string) (string, bool) {
	v, ok := "", false
	for _, it := range at.items {
		if it.kind == alterOption && it.name == name {
			v, ok = it.text, true
		}
	}
	return v, ok
}

// alterTableStatement returns the injected statement of an ALTER TABLE seqd takes part in.
func alterTableStatement(ctx *sql.Context, at *alterTable, mode parseMode) (ast.Statement, error) {
	if rest := at.restText(); rest != "" {
		parsed, err := ast.ParseWithOptions(ctx, rest, mode.opts)
		if err != nil {
			return nil, syntaxError(rest, &rewrite{orig: rest, text: rest}, err)
		}
		at.rest = parsed
	}
	return statement("ALTER TABLE", nil, func(ctx *sql.Context, _ []sql.Expression) (sql.Node, error) {
		return okNode("ALTER TABLE", func(ctx *sql.Context) (sql.RowIter, error) {
			return srvOf(ctx).runAlterTable(ctx, at)
		}), nil
	}), nil
}

// runAlterTable runs an ALTER TABLE seqd takes part in.
func (s *Server) runAlterTable(ctx *sql.Context, at *alterTable) (sql.RowIter, error) {
	db := at.db
	if db == "" {
		if db = ctx.GetCurrentDatabase(); db == "" {
			return nil, mariaErr(sequences.ErrNoDB)
		}
	}
	def, _, ok := s.findTableDef(ctx, db, at.name)
	if !ok {
		return nil, mariaErr(sequences.ErrNoSuchTable, db, at.name)
	}
	if err := checkLocked(ctx, db, def.Name, true); err != nil {
		return nil, err
	}
	if err := s.checkDBPrivileges(ctx, db, def.Name, sql.PrivilegeType_Alter); err != nil {
		return nil, err
	}
	if err := at.checkAlgorithm(def); err != nil {
		return nil, err
	}
	copied := s.alterCopiedRows(ctx, at, def)
	var iter sql.RowIter
	var err error
	if def.Sequence {
		iter, err = s.alterSequenceTable(ctx, at, def)
	} else {
		iter, err = s.alterBaseTable(ctx, at, def)
	}
	if err != nil || at.renameOnly() {
		return iter, err
	}
	if at.has(alterOrderBy) && def.Engine == "InnoDB" && len(def.PrimaryKey) > 0 {
		ctx.Session.Warn(&sql.Warning{Level: "Warning", Code: 1105,
			Message: fmt.Sprintf("ORDER BY ignored as there is a user-defined clustered index in the table '%s'", def.Name)})
	}
	if sess, ok := sessionFromContext(ctx); ok {
		sess.okInfo = &okInfo{kind: okAlter, alterRows: copied}
	}
	return okResult(copied), nil
}

// copyingAlterOptions are the table options whose change makes MariaDB copy a table of an
// engine other than InnoDB; the others (COMMENT, MIN_ROWS, AVG_ROW_LENGTH, the statistics
// options, ...) only change its definition.
var copyingAlterOptions = map[string]bool{
	"ENGINE": true, "ROW_FORMAT": true, "CHECKSUM": true, "TABLE_CHECKSUM": true, "MAX_ROWS": true,
	"PACK_KEYS": true, "TRANSACTIONAL": true,
}

// alterCopiedRows is what MariaDB reports as an ALTER TABLE's affected rows (and "Records:"):
// the rows it copies into a new table, 0 when it changes the table in place. A temporary table
// is always copied. Otherwise a statement whose result is a sequence copies it (its one row),
// unless an InnoDB sequence stays InnoDB without a SEQUENCE= option. Otherwise (a table, or a
// sequence made a table by SEQUENCE=0) a table is copied for ORDER BY; an InnoDB table when it
// changes engine or is given SEQUENCE=; a table of another engine for FORCE, a change of its
// columns or indexes, or of one of copyingAlterOptions.
func (s *Server) alterCopiedRows(ctx *sql.Context, at *alterTable, def *storage.TableDef) int {
	if _, temp, _ := s.findTableDef(ctx, def.DB, def.Name); temp {
		// MariaDB alters a temporary table (or sequence) by copying it, always.
		if def.Sequence {
			return 1
		}
		return s.committedRows(ctx, def, true)
	}
	newEngine := def.Engine
	if e, ok := at.option("ENGINE"); ok {
		if r, err := resolveAlterEngine(e, def.Sequence); err == nil {
			newEngine = r
		}
	}
	seq, seqGiven := at.option("SEQUENCE")
	if seqGiven && seq == "1" || def.Sequence && !seqGiven {
		if def.Engine == "InnoDB" && newEngine == "InnoDB" && !seqGiven {
			return 0
		}
		if def.Sequence {
			return 1
		}
		_, temp, _ := s.findTableDef(ctx, def.DB, def.Name)
		return s.committedRows(ctx, def, temp)
	}
	copies := at.has(alterOrderBy) || newEngine != def.Engine && (def.Engine == "InnoDB" || newEngine == "InnoDB")
	if def.Engine == "InnoDB" {
		copies = copies || seqGiven
	} else {
		copies = copies || at.has(alterForce) || at.rest != nil && !at.restRenamesOnly()
		for _, it := range at.items {
			copies = copies || it.kind == alterOption && copyingAlterOptions[it.name]
		}
	}
	if !copies {
		return 0
	}
	if def.Sequence {
		return 1
	}
	_, temp, _ := s.findTableDef(ctx, def.DB, def.Name)
	return s.committedRows(ctx, def, temp)
}

// renameOnly reports whether the statement's only items are RENAME [TO|AS] name: MariaDB
// sends no "Records:" info for it.
func (at *alterTable) renameOnly() bool {
	for _, it := range at.items {
		if it.kind != alterOther {
			return false
		}
	}
	return len(at.items) > 0 && at.restRenamesOnly()
}

// restRenamesOnly reports whether the items left to GMS only rename the table.
func (at *alterTable) restRenamesOnly() bool {
	for _, it := range at.items {
		if it.kind == alterOther && structureReason(at.text[it.start:it.end]) != "" {
			return false
		}
	}
	return true
}

// checkAlgorithm refuses ALGORITHM=INPLACE for a change between table and sequence.
func (at *alterTable) checkAlgorithm(def *storage.TableDef) error {
	seq, ok := at.option("SEQUENCE")
	if !ok || (seq == "1") == def.Sequence {
		return nil
	}
	for _, it := range at.items {
		if it.kind == alterAlgorithm && it.name == "ALGORITHM" && strings.EqualFold(it.text, "inplace") {
			return mariaErr(sequences.ErrAlterOperationNotSupportedReason, "ALGORITHM=INPLACE", "SEQUENCE", "ALGORITHM=COPY")
		}
	}
	return nil
}

// runRest runs the column and index changes of an ALTER TABLE through GMS.
func (s *Server) runRest(ctx *sql.Context, at *alterTable) error {
	if at.rest == nil {
		return nil
	}
	_, iter, _, err := s.engine.QueryWithBindings(ctx, at.restText(), at.rest, nil, nil)
	if err != nil {
		return err
	}
	for {
		if _, err := iter.Next(ctx); err != nil {
			if isEOF(err) {
				break
			}
			_ = iter.Close(ctx)
			return err
		}
	}
	return iter.Close(ctx)
}

// targetsSequence reports whether an ALTER TABLE names a sequence.
func targetsSequence(ctx *sql.Context, at *alterTable) bool {
	s := srvOf(ctx)
	if s == nil {
		return false
	}
	db := at.db
	if db == "" {
		db = ctx.GetCurrentDatabase()
	}
	def, _, ok := s.findTableDef(ctx, db, at.name)
	return ok && def.Sequence
}
