package mysqltest

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// expectedErr is one code of an --error list: an error number or, with isState, a SQLSTATE.
type expectedErr struct {
	num     uint16
	state   string
	isState bool
}

func matchExpected(list []expectedErr, e sqlErr) int {
	for i, x := range list {
		if !x.isState && x.num == e.num || x.isState && x.state == e.state {
			return i
		}
	}
	return -1
}

var errorNumbers map[uint16]string

// errorName returns the name mysqltest prints for an error number.
func errorName(num uint16) string {
	if num == 0 {
		return ""
	}
	if errorNumbers == nil {
		errorNumbers = make(map[uint16]string, len(errorNames))
		for name, n := range errorNames {
			if old, ok := errorNumbers[n]; !ok || name < old {
				errorNumbers[n] = name
			}
		}
	}
	if name, ok := errorNumbers[num]; ok {
		return name
	}
	return "<Unknown>"
}

// doError is mysqltest's do_get_errcodes: a comma-separated list of error numbers, error
// names (ER_..., WARN_...) and SQLSTATEs (S42S02), for the next command.
func (r *runner) doError(cmd *command) error {
	arg, err := r.eval(cmd.arg)
	if err != nil {
		return r.fatal(cmd, "%v", err)
	}
	if strings.TrimSpace(arg) == "" {
		return r.fatal(cmd, "Missing argument(s) to 'error'")
	}
	var list []expectedErr
	for _, tok := range strings.Split(arg, ",") {
		tok = strings.TrimLeft(tok, " ")
		if i := strings.IndexByte(tok, ' '); i >= 0 {
			tok = tok[:i]
		}
		x, err := parseErrCode(tok)
		if err != nil {
			return r.fatal(cmd, "%v", err)
		}
		list = append(list, x)
	}
	if len(list) >= 12 {
		return r.fatal(cmd, "Too many errorcodes specified")
	}
	r.expected = list
	return nil
}

func parseErrCode(tok string) (expectedErr, error) {
	switch {
	case tok == "":
		return expectedErr{}, fmt.Errorf("Invalid argument to error: empty code")
	case tok[0] == 'S':
		if len(tok) != 6 || strings.ToUpper(tok) != tok {
			return expectedErr{}, fmt.Errorf("The sqlstate must be exactly 5 digits or uppercase letters: %q", tok)
		}
		return expectedErr{state: tok[1:], isState: true}, nil
	case tok[0] == 'E' || tok[0] == 'W' || tok[0] == 'H':
		n, ok := errorNames[tok]
		if !ok {
			return expectedErr{}, fmt.Errorf("Unknown SQL error name '%s'", tok)
		}
		return expectedErr{num: n}, nil
	}
	n, err := strconv.ParseUint(tok, 10, 16)
	if err != nil {
		return expectedErr{}, fmt.Errorf("Invalid argument to error: '%s' - the errno may only consist of digits[0-9]", tok)
	}
	return expectedErr{num: uint16(n)}, nil
}

// doLet is let $name = value, where value may be `query` (its first row, tab-separated) or
// query_get_value(query, column, row).
func (r *runner) doLet(cmd *command) error {
	p := cmd.arg
	i := strings.IndexFunc(p, func(c rune) bool { return c == '=' || c < 128 && isSpace(byte(c)) })
	if i <= 0 || p[:i] == "$" {
		return r.fatal(cmd, "Missing variable name in let")
	}
	name := p[:i]
	rest := strings.TrimLeft(p[i:], " \t\r\n")
	if !strings.HasPrefix(rest, "=") {
		return r.fatal(cmd, "Missing assignment operator in let")
	}
	rhs, err := r.eval(strings.TrimLeft(rest[1:], " \t\r\n"))
	if err != nil {
		return r.fatal(cmd, "%v", err)
	}
	var value string
	switch {
	case strings.HasPrefix(rhs, "`"):
		value, err = r.queryValue(cmd, rhs)
	case strings.HasPrefix(rhs, "query_get_value"):
		value, err = r.queryGetValue(cmd, rhs[len("query_get_value"):])
	default:
		value = rhs
	}
	r.vars[strings.TrimPrefix(name, "$")] = value
	return err
}

// queryValue runs the query between backticks and returns its first row, tab-separated.
func (r *runner) queryValue(cmd *command, rhs string) (string, error) {
	end := strings.LastIndexByte(rhs, '`')
	if end == 0 {
		return "", r.fatal(cmd, "Syntax error in query, missing '`'")
	}
	resp := r.cur.query(rhs[1:end])
	if resp.err != nil {
		var ds strings.Builder
		err := r.queryError(cmd, toSQLErr(resp.err), &ds)
		r.out.WriteString(ds.String())
		return "", err
	}
	if len(resp.results) == 0 || len(resp.results[0].Rows) == 0 || resp.results[0].Rows[0][0].IsNull() {
		return "", nil
	}
	var fields []string
	for _, v := range resp.results[0].Rows[0] {
		fields = append(fields, r.f.apply(string(v.Raw())))
	}
	return strings.Join(fields, "\t"), nil
}

// queryGetValue is query_get_value(query, column name, row number).
func (r *runner) queryGetValue(cmd *command, arg string) (string, error) {
	arg, err := stripParens(arg)
	if err != nil {
		return "", r.fatal(cmd, "%v", err)
	}
	args, err := r.commandArgs(arg, ',', 3)
	if err != nil {
		return "", r.fatal(cmd, "%v", err)
	}
	row, err := strconv.Atoi(args[2])
	if err != nil {
		return "", r.fatal(cmd, "Invalid row number: '%s'", args[2])
	}
	resp := r.cur.query(args[0])
	if resp.err != nil {
		var ds strings.Builder
		err := r.queryError(cmd, toSQLErr(resp.err), &ds)
		r.out.WriteString(ds.String())
		return "", err
	}
	if len(resp.results) == 0 || len(resp.results[0].Fields) == 0 {
		return "", r.fail(cmd, "Query '%s' didn't return a result set", args[0])
	}
	res := resp.results[0]
	for i, f := range res.Fields {
		if f.Name != args[1] {
			continue
		}
		if row < 1 || row > len(res.Rows) {
			return "No such row", nil
		}
		if v := res.Rows[row-1][i]; !v.IsNull() {
			return string(v.Raw()), nil
		}
		return "NULL", nil
	}
	return "", r.fail(cmd, "Could not find column '%s' in the result of '%s'", args[1], args[0])
}

// doSource runs another file: relative names are looked up in the directory of the current
// file, then in Options.IncludeDirs.
func (r *runner) doSource(cmd *command) error {
	args, err := r.commandArgs(cmd.arg, ' ', 1)
	if err != nil || args[0] == "" {
		return r.fatal(cmd, "Missing required argument 'filename' to command 'source'")
	}
	name := args[0]
	candidates := []string{name}
	if !filepath.IsAbs(name) {
		candidates = []string{filepath.Join(filepath.Dir(r.rd.top().name), name)}
		for _, d := range r.opts.IncludeDirs {
			candidates = append(candidates, filepath.Join(d, name))
		}
	}
	for _, c := range candidates {
		if _, err := os.Stat(c); err == nil {
			if err := r.rd.push(c); err != nil {
				return r.fatal(cmd, "%v", err)
			}
			return nil
		}
	}
	return r.fatal(cmd, "Could not open '%s' for reading", name)
}

func (r *runner) doSleep(cmd *command) error {
	s, err := r.eval(strings.TrimSpace(cmd.arg))
	if err != nil {
		return r.fatal(cmd, "%v", err)
	}
	secs, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return r.fatal(cmd, "Invalid argument to %s \"%s\"", cmd.name, cmd.arg)
	}
	time.Sleep(time.Duration(secs * float64(time.Second)))
	return nil
}

func (r *runner) doIncDec(cmd *command) error {
	name := strings.TrimSpace(cmd.arg)
	if !strings.HasPrefix(name, "$") {
		return r.fatal(cmd, "The argument to %s must be a variable (start with $)", cmd.name)
	}
	n, err := strconv.Atoi(r.lookupVar(name[1:]))
	if err != nil {
		return r.fatal(cmd, "Cannot perform inc/dec on a non-numeric value")
	}
	if cmd.name == "inc" {
		n++
	} else {
		n--
	}
	r.vars[name[1:]] = strconv.Itoa(n)
	return nil
}
