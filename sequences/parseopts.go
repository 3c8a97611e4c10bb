package sequences

// This file parses the sequence options (sequence_defs in MariaDB's sql_yacc.yy).

// sequenceOptions parses options in any order until a token that starts none. It reports
// whether there was at least one. RESTART is an option of ALTER only; in CREATE MariaDB reports
// it as a syntax error near 'RESTART'.
func (p *parser) sequenceOptions(o *Options, alter bool) bool {
	n := 0
	for p.ok() && p.sequenceOption(o, alter) {
		n++
	}
	return n > 0
}

// dup reports 1225 for an option given twice.
func (p *parser) dup(name string) { p.failWith(ErrDupArgument.New(name)) }

func (p *parser) sequenceOption(o *Options, alter bool) bool {
	t := p.tok
	if t.kind != tWord {
		return false
	}
	switch {
	case t.is("INCREMENT"):
		p.advance()
		if !p.accept("BY") {
			p.equal()
		}
		v := p.number().V
		if p.ok() && o.Increment != nil {
			p.dup("INCREMENT")
		}
		o.Increment = &v
	case t.is("MINVALUE"):
		p.advance()
		p.equal()
		// NB: MariaDB does not check MINVALUE n for repetition; the last one wins.
		o.Min = &Bound{Value: p.number()}
	case t.is("MAXVALUE"):
		p.advance()
		p.equal()
		v := p.number()
		p.bound(&o.Max, Bound{Value: v}, "MAXVALUE")
	case t.is("NOMINVALUE"), t.is("NOMAXVALUE"), t.is("NO"):
		p.noBound(o)
	case t.is("START"):
		p.advance()
		if !p.accept("WITH") {
			p.equal()
		}
		v := p.number()
		if p.ok() && o.Start != nil {
			p.dup("START")
		}
		o.Start = &v
	case t.is("CACHE"), t.is("NOCACHE"):
		p.cache(o)
	case t.is("CYCLE"), t.is("NOCYCLE"):
		p.advance()
		if o.Cycle != nil {
			p.dup("CYCLE")
		}
		c := t.is("CYCLE")
		o.Cycle = &c
	case t.is("RESTART"):
		p.restart(o, alter)
	default:
		return false
	}
	return true
}

// bound sets *b unless it is already set (1225).
func (p *parser) bound(b **Bound, v Bound, name string) {
	if !p.ok() {
		return
	}
	if *b != nil {
		p.dup(name)
		return
	}
	*b = &v
}

// noBound parses NO MINVALUE, NO MAXVALUE, NOMINVALUE and NOMAXVALUE.
func (p *parser) noBound(o *Options) {
	t := p.advance()
	if t.is("NO") {
		t = p.tok
		if !t.is("MINVALUE") && !t.is("MAXVALUE") {
			p.fail(t)
			return
		}
		p.advance()
	}
	if t.is("MINVALUE") || t.is("NOMINVALUE") {
		p.bound(&o.Min, Bound{None: true}, "MINVALUE")
	} else {
		p.bound(&o.Max, Bound{None: true}, "MAXVALUE")
	}
}

func (p *parser) cache(o *Options) {
	var v int64
	if p.advance().is("CACHE") {
		p.equal()
		v = p.number().V
	}
	if p.ok() && o.Cache != nil {
		p.dup("CACHE")
	}
	o.Cache = &v
}

// restart parses RESTART [[WITH | = | :=] n].
func (p *parser) restart(o *Options, alter bool) {
	p.advance()
	r := &Restart{}
	line := p.tok.line // MariaDB reports the line of the token after a bare RESTART
	if p.accept("WITH") || p.equal() || p.tok.kind == tNum || p.tok.isPunct('-') || p.tok.isPunct('+') {
		line = p.tok.line
		v := p.number()
		r.Value = &v
	}
	switch {
	case !p.ok():
	case !alter:
		p.failWith(SyntaxError("RESTART", line))
	case o.Restart != nil:
		p.dup("RESTART")
	default:
		o.Restart = r
	}
}
