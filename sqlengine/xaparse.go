package sqlengine

import (
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
)

// maxXIDPart is the longest gtrid or bqual MariaDB accepts (MAXGTRIDSIZE, MAXBQUALSIZE).
const maxXIDPart = 64

// parseXA parses an XA statement, text being the statement without its ';':
//
//	XA {START|BEGIN} xid [JOIN|RESUME]    XA END xid [SUSPEND [FOR MIGRATE]]
//	XA PREPARE xid                        XA COMMIT xid [ONE PHASE]
//	XA ROLLBACK xid                       XA RECOVER [FORMAT = 'RAW'|'SQL']
//
// with xid = gtrid [, bqual [, formatID]]. JOIN, RESUME and SUSPEND parse but fail at run time
// with XAER_INVAL, as in MariaDB.
func parseXA(text string, mode parseMode) (ast.Statement, error) {
	p := &xaParser{src: text, l: &lexer{src: text, ansiQuotes: mode.opts.AnsiQuotes}}
	p.advance() // XA
	verb := p.advance()
	switch {
	case verb.isWord(text, "start"), verb.isWord(text, "begin"):
		x, err := p.xid()
		if err != nil {
			return nil, err
		}
		inval := p.optionalWord("join") || p.optionalWord("resume")
		return p.finish("XA START", func(ctx *sql.Context) (sql.RowIter, error) {
			if inval {
				return nil, mariaErr(sequences.ErrXAERInval)
			}
			return srvOf(ctx).xaStart(ctx, x)
		})
	case verb.isWord(text, "end"):
		x, err := p.xid()
		if err != nil {
			return nil, err
		}
		inval := false
		if p.optionalWord("suspend") {
			inval = true
			if p.optionalWord("for") && !p.optionalWord("migrate") {
				return nil, p.errorHere()
			}
		}
		return p.finish("XA END", func(ctx *sql.Context) (sql.RowIter, error) {
			if inval {
				return nil, mariaErr(sequences.ErrXAERInval)
			}
			return srvOf(ctx).xaMove(ctx, x, xaActive, xaIdle)
		})
	case verb.isWord(text, "prepare"):
		x, err := p.xid()
		if err != nil {
			return nil, err
		}
		return p.finish("XA PREPARE", func(ctx *sql.Context) (sql.RowIter, error) {
			return srvOf(ctx).xaMove(ctx, x, xaIdle, xaPrepared)
		})
	case verb.isWord(text, "commit"), verb.isWord(text, "rollback"):
		commit := verb.isWord(text, "commit")
		x, err := p.xid()
		if err != nil {
			return nil, err
		}
		onePhase := false
		if commit && p.optionalWord("one") {
			if !p.optionalWord("phase") {
				return nil, p.errorHere()
			}
			onePhase = true
		}
		name := "XA ROLLBACK"
		if commit {
			name = "XA COMMIT"
		}
		return p.finish(name, func(ctx *sql.Context) (sql.RowIter, error) {
			return srvOf(ctx).xaFinish(ctx, x, commit, onePhase)
		})
	case verb.isWord(text, "recover"):
		sqlFormat := false
		if p.optionalWord("format") {
			if eq := p.advance(); !eq.isPunct(text, '=') {
				return nil, p.errorAt(eq)
			}
			f := p.advance()
			if f.kind != tokString {
				return nil, p.errorAt(f)
			}
			sqlFormat = strings.EqualFold(stringLiteral(text, f), "SQL")
		}
		if t := p.advance(); t.kind != tokEOF {
			return nil, p.errorAt(t)
		}
		return statement("XA RECOVER", nil, func(ctx *sql.Context, _ []sql.Expression) (sql.Node, error) {
			return &execNode{name: "XA RECOVER", sch: xaRecoverSchema, readOnly: true,
				run: func(ctx *sql.Context) (sql.RowIter, error) { return srvOf(ctx).xaRecover(ctx, sqlFormat) }}, nil
		}), nil
	}
	return nil, p.errorAt(verb)
}

// xaParser reads an XA statement token by token.
type xaParser struct {
	src  string
	l    *lexer
	peek *token
}

func (p *xaParser) advance() token {
	if p.peek != nil {
		t := *p.peek
		p.peek = nil
		return t
	}
	return p.l.next()
}

func (p *xaParser) look() token {
	if p.peek == nil {
		t := p.l.next()
		p.peek = &t
	}
	return *p.peek
}

// optionalWord consumes the next token if it is the word w.
func (p *xaParser) optionalWord(w string) bool {
	if p.look().isWord(p.src, w) {
		p.advance()
		return true
	}
	return false
}

func (p *xaParser) errorAt(t token) error { return parseErrorNear(p.src, t.start) }

func (p *xaParser) errorHere() error { return p.errorAt(p.look()) }

// finish checks that the statement ends here and returns it.
func (p *xaParser) finish(name string, run func(*sql.Context) (sql.RowIter, error)) (ast.Statement, error) {
	if t := p.advance(); t.kind != tokEOF {
		return nil, p.errorAt(t)
	}
	return statement(name, nil, func(ctx *sql.Context, _ []sql.Expression) (sql.Node, error) {
		return okNode(name, run), nil
	}), nil
}

// xid parses gtrid [, bqual [, formatID]].
func (p *xaParser) xid() (xid, error) {
	x := xid{format: 1}
	var err error
	if x.gtrid, err = p.xidPart(); err != nil {
		return xid{}, err
	}
	if !p.look().isPunct(p.src, ',') {
		return x, nil
	}
	p.advance()
	if x.bqual, err = p.xidPart(); err != nil {
		return xid{}, err
	}
	if !p.look().isPunct(p.src, ',') {
		return x, nil
	}
	p.advance()
	t := p.advance()
	if t.kind != tokNumber {
		return xid{}, p.errorAt(t)
	}
	n, perr := strconv.ParseUint(t.text(p.src), 10, 32)
	if perr != nil {
		return xid{}, p.errorAt(t)
	}
	x.format = n
	return x, nil
}

// xidPart parses a string literal: '...', "...", 0x..., X'...'. A part longer than 64 bytes is
// a syntax error at the end of the statement, as in MariaDB.
func (p *xaParser) xidPart() (string, error) {
	t := p.advance()
	var v string
	switch {
	case t.kind == tokString:
		v = stringLiteral(p.src, t)
	case t.kind == tokWord && len(t.text(p.src)) > 2 && (strings.HasPrefix(t.text(p.src), "0x")):
		b, err := hex.DecodeString(padHex(t.text(p.src)[2:]))
		if err != nil {
			return "", p.errorAt(t)
		}
		v = string(b)
	case (t.isWord(p.src, "x") || t.isWord(p.src, "X")) && p.look().kind == tokString && p.look().start == t.end:
		s := p.advance()
		b, err := hex.DecodeString(stringLiteral(p.src, s))
		if err != nil {
			return "", p.errorAt(t)
		}
		v = string(b)
	default:
		return "", p.errorAt(t)
	}
	if len(v) > maxXIDPart {
		return "", parseErrorNear(p.src, len(p.src))
	}
	return v, nil
}

func padHex(h string) string {
	if len(h)%2 == 1 {
		return "0" + h
	}
	return h
}

// stringLiteral returns the value of a quoted string token: a doubled quote stands for itself,
// and backslash escapes are MariaDB's.
func stringLiteral(src string, t token) string {
	s := src[t.start:t.end]
	if len(s) < 2 {
		return ""
	}
	q, body := s[0], s[1:len(s)-1]
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case c == '\\' && i+1 < len(body):
			i++
			b.WriteString(backslashEscape(body[i]))
		case c == q && i+1 < len(body) && body[i+1] == q:
			b.WriteByte(q)
			i++
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// backslashEscape returns what \c stands for in a string literal.
func backslashEscape(c byte) string {
	switch c {
	case '0':
		return "\x00"
	case 'b':
		return "\b"
	case 'n':
		return "\n"
	case 'r':
		return "\r"
	case 't':
		return "\t"
	case 'Z':
		return "\x1a"
	case '%', '_':
		return "\\" + string(c)
	}
	return string(c)
}
