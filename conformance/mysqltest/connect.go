package mysqltest

import (
	"fmt"
	"net"
	"strings"
)

// closedName replaces the name of a disconnected connection, as in mysqltest, so that the
// name can be reused.
const closedName = "-closed_connection-"

func (r *runner) findConn(name string) *conn {
	for _, c := range r.conns {
		if c.name == name {
			return c
		}
	}
	return nil
}

// doConnect is connect(name, host, user, password, db, port, socket, options, auth). The
// connection always goes to the target: host, port and socket are only printed.
func (r *runner) doConnect(cmd *command) error {
	arg, err := stripParens(cmd.arg)
	if err != nil {
		return r.fatal(cmd, "%v", err)
	}
	args, err := r.commandArgs(arg, ',', 9)
	if err != nil {
		return r.fatal(cmd, "%v", err)
	}
	name, host := args[0], args[1]
	if name == "" || host == "" {
		return r.fatal(cmd, "Missing required argument to command 'connect'")
	}
	if r.findConn(name) != nil {
		return r.fatal(cmd, "Connection %s already exists", name)
	}
	p := connParams{user: args[2], password: args[3], db: args[4]}
	if p.db == "" {
		p.db, p.selectDB = r.opts.Database, true
	} else if p.db == "*NO-ONE*" {
		p.db = ""
	}
	if len(cmd.expected) > 0 && !r.props[pDisableQueryLog] {
		r.logConnect(host, p, args[6])
	}
	cmd.query = connectLogText(cmd.query) // as strip_parentheses leaves mysqltest's buffer
	if r.connectLog() {
		r.out.WriteString(r.f.apply(cmd.query) + ";\n")
	}
	c := &conn{name: name, params: p, timeout: r.opts.Timeout}
	if c.c, err = dial(r.target.Addr(), p); err != nil {
		var ds strings.Builder
		herr := r.queryError(cmd, toSQLErr(err), &ds)
		r.out.WriteString(ds.String())
		return herr
	}
	r.conns = append(r.conns, c)
	r.setCurrent(c)
	r.vars["mysql_errno"] = "0"
	err = r.handleNoError(cmd)
	r.revertOnce()
	return err
}

// connectLog reports whether connect, connection and disconnect are logged.
func (r *runner) connectLog() bool {
	return !r.props[pDisableConnectLog] && !r.props[pDisableQueryLog]
}

// connectLogText is the text mysqltest logs for a connect command: the command with the
// opening parenthesis of its argument list turned into a space and everything from the
// closing one on cut, as strip_parentheses leaves its buffer.
func connectLogText(query string) string {
	word, arg := splitFirstWord(query, "\x00")
	t := strings.TrimLeft(arg, " \t")
	if !strings.HasPrefix(t, "(") {
		return query
	}
	i := len(query) - len(t)
	s := query[:i] + " " + query[i+1:]
	if j := strings.LastIndexByte(s, ')'); j > len(word) {
		s = s[:j]
	}
	return s
}

// logConnect prints the line mysqltest logs for a connect that expects an error.
func (r *runner) logConnect(host string, p connParams, sock string) {
	_, port, _ := net.SplitHostPort(r.target.Addr())
	r.out.WriteString("connect(")
	for _, s := range []string{host, p.user, p.password, p.db, port} {
		r.out.WriteString(r.f.apply(s))
		r.out.WriteByte(',')
	}
	r.out.WriteString(r.f.apply(sock))
	r.out.WriteString(")" + r.delim + "\n")
}

func (r *runner) doConnection(cmd *command) error {
	args, err := r.commandArgs(cmd.arg, ' ', 1)
	if err != nil {
		return r.fatal(cmd, "%v", err)
	}
	c := r.findConn(args[0])
	if args[0] == "" || c == nil {
		return r.fatal(cmd, "connection '%s' not found in connection pool", args[0])
	}
	r.setCurrent(c)
	if r.connectLog() {
		r.out.WriteString("connection " + r.f.apply(args[0]) + ";\n")
	}
	return nil
}

func (r *runner) doDisconnect(cmd *command) error {
	args, err := r.commandArgs(cmd.arg, ' ', 1)
	if err != nil {
		return r.fatal(cmd, "%v", err)
	}
	c := r.findConn(args[0])
	if args[0] == "" || c == nil {
		return r.fatal(cmd, "connection '%s' not found in connection pool", args[0])
	}
	c.close()
	c.name = closedName
	if c == r.cur {
		r.vars["CURRENT_CONNECTION"] = closedName
	}
	if r.connectLog() {
		r.out.WriteString("disconnect " + r.f.apply(args[0]) + ";\n")
	}
	return nil
}

// restart restarts the target and reopens every connection that was open, with the same
// user and database; session state is lost, as after a real restart.
func (r *runner) restart(cmd *command) error {
	var open []*conn
	for _, c := range r.conns {
		if c.c != nil {
			c.close()
			open = append(open, c)
		}
	}
	if err := r.target.Restart(); err != nil {
		return r.fatal(cmd, "restart: %v", err)
	}
	for _, c := range open {
		var err error
		if c.c, err = dial(r.target.Addr(), c.params); err != nil {
			return r.fatal(cmd, "reconnecting '%s' after restart: %v", c.name, err)
		}
	}
	return nil
}

// stripParens is mysqltest's strip_parentheses: an argument list starting with ( must end
// with ).
func stripParens(arg string) (string, error) {
	t := strings.TrimSpace(arg)
	if !strings.HasPrefix(t, "(") {
		return arg, nil
	}
	if !strings.HasSuffix(t, ")") {
		return "", fmt.Errorf("argument list started with '(' must be ended with ')'")
	}
	return t[1 : len(t)-1], nil
}

// commandArgs is mysqltest's check_command_args: n arguments separated by sep, each
// optionally quoted with ', " or `, each evaluated for $variables; more arguments are an
// error.
func (r *runner) commandArgs(arg string, sep byte, n int) ([]string, error) {
	out := make([]string, n)
	p, last := 0, 0
	for i := 0; i < n; i++ {
		for p < len(arg) && arg[p] == ' ' {
			p++
		}
		start, end := p, sep
		if p < len(arg) && strings.IndexByte("'`\"", arg[p]) >= 0 {
			end = arg[p]
			p++
			start = p
		}
		for p < len(arg) && arg[p] != end {
			p++
		}
		v, err := r.eval(arg[start:p])
		if err != nil {
			return nil, err
		}
		out[i] = v
		for p < len(arg) && arg[p] != sep {
			p++
		}
		last = p
		if p < len(arg) {
			p++
		}
	}
	for q := last; q < len(arg) && arg[q] != '#'; q++ {
		if arg[q] != ' ' {
			return nil, fmt.Errorf("Extra argument '%s' passed", arg[q:])
		}
	}
	return out, nil
}
