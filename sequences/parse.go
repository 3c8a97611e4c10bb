package sequences

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Stmt is a parsed sequence DDL statement: *CreateSequence, *AlterSequence, *DropSequence or
// *ShowCreateSequence.
type Stmt interface{ stmt() }

// Name is a possibly schema-qualified name as written (case preserved). DB is empty when the
// name is not qualified.
type Name struct {
	DB, Name string
}

// CreateSequence is CREATE [OR REPLACE] [TEMPORARY] SEQUENCE [IF NOT EXISTS] name [options]
// [table options]. Apply Define to Options for the row.
type CreateSequence struct {
	OrReplace, Temporary, IfNotExists bool
	Name                              Name
	Options                           Options
	Table                             TableOptions
}

// AlterSequence is ALTER SEQUENCE [IF EXISTS] name options. Apply it with Sequence.Alter.
type AlterSequence struct {
	IfExists bool
	Name     Name
	Options  Options
}

// DropSequence is DROP [TEMPORARY] SEQUENCE [IF EXISTS] name [, name ...].
type DropSequence struct {
	Temporary, IfExists bool
	Names               []Name
}

// ShowCreateSequence is SHOW CREATE SEQUENCE name.
type ShowCreateSequence struct {
	Name Name
}

func (*CreateSequence) stmt()     {}
func (*AlterSequence) stmt()      {}
func (*DropSequence) stmt()       {}
func (*ShowCreateSequence) stmt() {}

// Parse parses one sequence DDL statement, optionally ended by ';'. For any other statement
// it returns ErrNotSequenceDDL, so that the caller can use its general SQL parser; a statement
// counts as sequence DDL once its leading keywords (CREATE [OR REPLACE] [TEMPORARY] SEQUENCE,
// ALTER SEQUENCE, DROP [TEMPORARY] SEQUENCE, SHOW CREATE SEQUENCE) have been read.
//
// Errors are MariaDB's, found where MariaDB's parser finds them: 1064 (SyntaxError) with the
// same near-text and line, 1225 for an option given twice, 1221 for OR REPLACE with IF NOT
// EXISTS, 1103 and 1102 for unusable table and database names, 1235 for what MariaDB does not
// support. Values are not checked here (see Define), nor
// is the storage engine (see ResolveEngine). As in MariaDB 10.11, there is no AS clause (11.5)
// and numbers outside BIGINT are a syntax error.
func Parse(sql string, mode Mode) (Stmt, error) {
	p := &parser{lx: newLexer(sql, mode), src: sql}
	p.tok = p.lx.next()
	st := p.statement()
	if st == nil && p.err == nil {
		return nil, ErrNotSequenceDDL
	}
	if p.err == nil {
		p.end()
		if c, ok := st.(*CreateSequence); ok && p.err != nil {
			return nil, &TrailingError{Stmt: c, Err: p.err}
		}
	}
	if p.err != nil {
		return nil, p.err
	}
	return st, nil
}

// TrailingError is Parse's error for a CREATE SEQUENCE whose options and table options parse
// but which does not end there (CREATE SEQUENCE s MAXVALUE=1+1). MariaDB checks the options
// when its grammar has read them, before it reads on: invalid options fail with 4085
// (ErrInvalidData, see Define) and only valid ones with the syntax error Err.
type TrailingError struct {
	Stmt *CreateSequence
	Err  error
}

func (e *TrailingError) Error() string { return e.Err.Error() }

// Unwrap returns the syntax error.
func (e *TrailingError) Unwrap() error { return e.Err }

// parser is a recursive-descent parser over lexer tokens with one token of lookahead. The first
// error sticks: later calls do nothing once err is set.
type parser struct {
	lx  *lexer
	src string
	tok lexeme // the current (lookahead) token
	err error
}

func (p *parser) advance() lexeme {
	t := p.tok
	p.tok = p.lx.next()
	return t
}

// fail records a syntax error at t, unless an error is already recorded.
func (p *parser) fail(t lexeme) { p.failWith(SyntaxError(p.src[t.pos:], t.line)) }

func (p *parser) failWith(err *Error) {
	if p.err != nil {
		return
	}
	p.err = err
}

func (p *parser) ok() bool { return p.err == nil }

// accept consumes the keyword kw if it is next.
func (p *parser) accept(kw string) bool {
	if p.tok.is(kw) {
		p.advance()
		return true
	}
	return false
}

// expect consumes the keyword kw or fails at the current token.
func (p *parser) expect(kw string) {
	if p.ok() && !p.accept(kw) {
		p.fail(p.tok)
	}
}

// equal consumes '=' or ':=' if next (MariaDB's opt_equal).
func (p *parser) equal() bool {
	if p.tok.isPunct('=') || p.tok.kind == tSetVar {
		p.advance()
		return true
	}
	return false
}

// end accepts an optional ';' and then requires the end of the text.
func (p *parser) end() {
	if p.tok.isPunct(';') {
		p.advance()
	}
	if p.tok.kind != tEOF {
		p.fail(p.tok)
	}
}

// statement dispatches on the leading keywords; nil means not sequence DDL.
func (p *parser) statement() Stmt {
	switch {
	case p.accept("CREATE"):
		return p.create()
	case p.accept("ALTER"):
		if !p.accept("SEQUENCE") {
			return nil
		}
		return p.alter()
	case p.accept("DROP"):
		temporary := p.accept("TEMPORARY")
		if !p.accept("SEQUENCE") {
			return nil
		}
		return p.drop(temporary)
	case p.accept("SHOW"):
		if !p.accept("CREATE") || !p.accept("SEQUENCE") {
			return nil
		}
		return &ShowCreateSequence{Name: p.checkName(p.name())}
	}
	return nil
}

func (p *parser) create() Stmt {
	st := &CreateSequence{}
	if p.accept("OR") {
		if !p.accept("REPLACE") {
			return nil
		}
		st.OrReplace = true
	}
	st.Temporary = p.accept("TEMPORARY")
	if !p.accept("SEQUENCE") {
		return nil
	}
	if p.accept("IF") {
		p.expect("NOT")
		p.expect("EXISTS")
		st.IfNotExists = true
	}
	st.Name = p.name()
	if p.ok() && st.OrReplace && st.IfNotExists {
		p.failWith(ErrWrongUsage.New("OR REPLACE", "IF NOT EXISTS"))
	}
	p.checkName(st.Name)
	p.sequenceOptions(&st.Options, false)
	p.tableOptions(&st.Table)
	return st
}

func (p *parser) alter() Stmt {
	st := &AlterSequence{}
	if p.accept("IF") {
		p.expect("EXISTS")
		st.IfExists = true
	}
	st.Name = p.name()
	p.checkName(st.Name)
	if p.ok() && !p.sequenceOptions(&st.Options, true) {
		p.fail(p.tok) // ALTER SEQUENCE needs at least one option
	}
	return st
}

func (p *parser) drop(temporary bool) Stmt {
	st := &DropSequence{Temporary: temporary}
	if p.accept("IF") {
		p.expect("EXISTS")
		st.IfExists = true
	}
	st.Names = append(st.Names, p.checkName(p.name()))
	for p.ok() && p.tok.isPunct(',') {
		p.advance()
		st.Names = append(st.Names, p.checkName(p.name()))
	}
	return st
}

// name parses table_ident: name, db.name or .name.
func (p *parser) name() Name {
	if !p.ok() {
		return Name{}
	}
	if p.tok.isPunct('.') {
		p.advance()
		return Name{Name: p.ident(true)}
	}
	first := p.ident(false)
	if p.ok() && p.tok.isPunct('.') {
		p.advance()
		return Name{DB: first, Name: p.ident(true)}
	}
	return Name{Name: first}
}

// checkName reports 1103 or 1102 for a name MariaDB cannot use for a table or database: empty,
// over 64 characters, or ending in a space. MariaDB checks the table name first, while parsing.
func (p *parser) checkName(n Name) Name {
	switch {
	case !p.ok():
	case !validName(n.Name):
		p.failWith(ErrWrongTableName.New(n.Name))
	case n.DB != "" && !validName(n.DB):
		p.failWith(ErrWrongDBName.New(n.DB))
	}
	return n
}

func validName(s string) bool {
	return s != "" && utf8.RuneCountInString(s) <= 64 && !strings.HasSuffix(s, " ")
}

// ident parses an identifier. After a '.', MariaDB takes any word as an identifier, even a
// reserved one.
func (p *parser) ident(afterDot bool) string {
	t := p.tok
	switch {
	case !p.ok():
		return ""
	case t.kind == tQuotedIdent, t.kind == tWord && (afterDot || !isReserved(t.text)):
		p.advance()
		return t.text
	}
	p.fail(t)
	return ""
}

// number parses MariaDB's longlong_num: an optional sign and decimal digits. A number outside
// BIGINT (including -9223372036854775808) is a syntax error at its digits, as in MariaDB 10.11.
func (p *parser) number() Num {
	neg := false
	if p.tok.isPunct('-') || p.tok.isPunct('+') {
		neg = p.advance().text == "-"
	}
	t := p.tok
	if !p.ok() || t.kind != tNum {
		p.fail(t)
		return Num{}
	}
	p.advance()
	u, err := strconv.ParseUint(t.text, 10, 64)
	if err != nil || u > 1<<63-1 {
		p.fail(t)
		return Num{}
	}
	if neg {
		return Num{V: -int64(u)}
	}
	return Num{V: int64(u)}
}
