package mysqltest

import (
	"fmt"
	"strings"
)

type cmdKind uint8

const (
	kindQuery     cmdKind = iota // a statement for the server
	kindComment                  // # ...
	kindEmptyLine                // only matters because it clears --error
	kindError                    // the error command
	kindCommand                  // any other mysqltest command
)

// command is one classified command, like mysqltest's st_command.
type command struct {
	raw      rawCommand
	kind     cmdKind
	name     string // lowercased mysqltest command word; "" for queries and comments
	query    string // the statement of a query; otherwise the whole command text
	arg      string // the text after the command word
	expected []expectedErr
	// abortOnError: no --error applies and abort_on_error is on, so any error is fatal.
	abortOnError bool
	usedReplace  bool // an error was handled, which clears the filters as in mysqltest
}

func (c *command) where() string { return fmt.Sprintf("%s:%d", c.raw.file, c.raw.line) }

// handler runs a mysqltest command; a nil handler marks a command this runner does not
// support.
type handler func(r *runner, cmd *command) error

// handlers lists every mysqltest 3.5 command name, so that an unsupported command is reported
// instead of being sent to the server as SQL.
var handlers = map[string]handler{
	"connection": (*runner).doConnection, "query": nil, "connect": (*runner).doConnect,
	"sleep": (*runner).doSleep, "real_sleep": (*runner).doSleep,
	"inc": (*runner).doIncDec, "dec": (*runner).doIncDec,
	"source": (*runner).doSource, "disconnect": (*runner).doDisconnect,
	"let": (*runner).doLet, "echo": (*runner).doEcho,
	"while": nil, "end": nil, "break": nil, "system": nil, "result": nil, "require": nil,
	"save_master_pos": nil, "sync_with_master": nil, "sync_slave_with_master": nil,
	"error": (*runner).doError, "send": (*runner).doSend, "reap": (*runner).doReap,
	"dirty_close":    (*runner).doDisconnect,
	"replace_result": (*runner).doReplaceResult, "replace_column": (*runner).doReplaceColumn,
	"ping": nil, "eval": (*runner).doEval, "evalp": nil, "eval_result": nil,
	"enable_query_log":       propHandler(pDisableQueryLog, false),
	"disable_query_log":      propHandler(pDisableQueryLog, true),
	"enable_result_log":      propHandler(pDisableResultLog, false),
	"disable_result_log":     propHandler(pDisableResultLog, true),
	"enable_connect_log":     propHandler(pDisableConnectLog, false),
	"disable_connect_log":    propHandler(pDisableConnectLog, true),
	"wait_for_slave_to_stop": nil,
	"enable_warnings":        propHandler(pDisableWarnings, false),
	"disable_warnings":       propHandler(pDisableWarnings, true),
	"enable_info":            nil, "disable_info": noop,
	"enable_session_track_info": nil, "disable_session_track_info": noop,
	"enable_metadata":     propHandler(pMetadata, true),
	"disable_metadata":    propHandler(pMetadata, false),
	"enable_column_names": (*runner).doColumnNames, "disable_column_names": (*runner).doColumnNames,
	"exec": nil, "delimiter": (*runner).doDelimiter,
	"disable_abort_on_error": propHandler(pAbortOnError, false),
	"enable_abort_on_error":  propHandler(pAbortOnError, true),
	"vertical_results":       (*runner).doVertical, "horizontal_results": (*runner).doVertical,
	"query_vertical": (*runner).doQueryVertical, "query_horizontal": (*runner).doQueryVertical,
	"sorted_result": (*runner).doSorted, "lowercase_result": (*runner).doLowercase,
	"start_timer": noop, "end_timer": noop, "character_set": nil,
	"disable_ps_protocol": noop, "enable_ps_protocol": noop,
	"disable_ps2_protocol": noop, "enable_ps2_protocol": noop,
	"disable_view_protocol": noop, "enable_view_protocol": noop,
	"disable_cursor_protocol": noop, "enable_cursor_protocol": noop,
	"disable_service_connection": noop, "enable_service_connection": noop,
	"enable_non_blocking_api": noop, "disable_non_blocking_api": noop,
	"disable_reconnect": noop, "enable_reconnect": noop,
	"if": nil, "disable_parsing": (*runner).doParsing, "enable_parsing": (*runner).doParsing,
	"replace_regex": (*runner).doReplaceRegex,
	"remove_file":   nil, "file_exists": nil, "write_file": nil, "write_line": nil,
	"copy_file": nil, "perl": nil, "die": (*runner).doDie, "exit": (*runner).doExit,
	"skip": nil, "chmod": nil, "append_file": nil, "cat_file": nil, "diff_files": nil,
	"send_quit": nil, "change_user": nil, "mkdir": nil, "rmdir": nil, "list_files": nil,
	"list_files_write_file": nil, "list_files_append_file": nil, "send_shutdown": nil,
	"shutdown_server": nil, "result_format": nil, "move_file": nil,
	"remove_files_wildcard": nil, "send_eval": (*runner).doSend,
	"enable_prepare_warnings": noop, "disable_prepare_warnings": noop,
	"reset_connection": nil, "optimizer_trace": nil,
	"ps_prepare": nil, "ps_bind": nil, "ps_execute": nil, "ps_close": nil,
}

func noop(*runner, *command) error { return nil }

// classify finds the command type as mysqltest's get_command_type does: the first word is
// looked up, case-insensitively, among the command names; anything else is a query.
func (r *runner) classify(raw rawCommand) (*command, error) {
	cmd := &command{raw: raw, query: raw.text}
	switch raw.kind {
	case rawComment:
		cmd.kind = kindComment
		return cmd, nil
	case rawEmptyLine:
		cmd.kind = kindEmptyLine
		return cmd, nil
	}
	cmd.expected = r.expected
	if strings.HasPrefix(raw.text, "}") {
		return nil, r.fatal(cmd, "blocks (if, while) are not supported by this runner")
	}
	word, arg := splitFirstWord(raw.text, r.delim)
	name := strings.ToLower(word)
	if _, ok := handlers[name]; !ok {
		if raw.kind == rawCommentWithCommand {
			return nil, r.fatal(cmd, "Found line beginning with --  that didn't contain a valid "+
				"mysqltest command, check your syntax or use # if you intended to write a comment")
		}
		cmd.kind = kindQuery
		return cmd, nil
	}
	if name == "query" {
		cmd.kind, cmd.query = kindQuery, arg
		return cmd, nil
	}
	cmd.kind, cmd.name, cmd.arg = kindCommand, name, arg
	if name == "error" {
		cmd.kind = kindError
	}
	return cmd, nil
}

func (r *runner) dispatch(cmd *command) error {
	switch cmd.kind {
	case kindComment:
		if strings.TrimSpace(cmd.query) == RestartDirective && !r.parsingDisabled {
			return r.restart(cmd)
		}
		return nil
	case kindEmptyLine:
		return nil
	case kindQuery:
		return r.doQuery(cmd, cmd.query)
	}
	h := handlers[cmd.name]
	if h == nil {
		return r.fatal(cmd, "mysqltest command %q is not supported by this runner", cmd.name)
	}
	return h(r, cmd)
}

// doQuery runs a query, only sending it when it follows a bare send.
func (r *runner) doQuery(cmd *command, q string) error {
	r.executed++
	if r.sendNext {
		r.sendNext = false
		return r.runQuery(cmd, q, true, false)
	}
	return r.runQuery(cmd, q, true, true)
}

func (r *runner) doEval(cmd *command) error {
	q, err := r.eval(cmd.arg)
	if err != nil {
		return r.fatal(cmd, "%v", err)
	}
	cmd.query = q
	return r.doQuery(cmd, q)
}

func (r *runner) doQueryVertical(cmd *command) error {
	saved := r.vertical
	r.vertical = cmd.name == "query_vertical"
	defer func() { r.vertical = saved }()
	cmd.query = cmd.arg
	return r.doQuery(cmd, cmd.arg)
}

func (r *runner) doSend(cmd *command) error {
	q := cmd.arg
	if q == "" {
		r.sendNext = true
		return nil
	}
	if cmd.name == "send_eval" {
		var err error
		if q, err = r.eval(q); err != nil {
			return r.fatal(cmd, "%v", err)
		}
	}
	cmd.query = q
	r.executed++
	return r.runQuery(cmd, q, true, false)
}

func (r *runner) doReap(cmd *command) error {
	r.executed++
	return r.runQuery(cmd, "", false, true)
}

func (r *runner) doEcho(cmd *command) error {
	s, err := r.eval(cmd.arg)
	if err != nil {
		return r.fatal(cmd, "%v", err)
	}
	r.out.WriteString(s)
	r.out.WriteByte('\n')
	r.executed++
	return nil
}

// propHandler returns the handler of an enable_X or disable_X command.
func propHandler(p int, val bool) handler {
	return func(r *runner, cmd *command) error {
		if cmd.arg != "" && cmd.arg != "ONCE" {
			return r.fatal(cmd, "End of line junk detected: %q", cmd.arg)
		}
		r.setProp(p, val, cmd.arg)
		return nil
	}
}

func (r *runner) doColumnNames(cmd *command) error {
	r.disableColumnNames = cmd.name == "disable_column_names"
	return nil
}

func (r *runner) doVertical(cmd *command) error {
	r.vertical = cmd.name == "vertical_results"
	return nil
}

func (r *runner) doSorted(*command) error    { r.f.sorted = true; return nil }
func (r *runner) doLowercase(*command) error { r.f.lower = true; return nil }

func (r *runner) doReplaceResult(cmd *command) error {
	pairs, err := parseReplaceResult(cmd.arg, r.lookupVar)
	if err != nil {
		return r.fatal(cmd, "%v", err)
	}
	r.f.replace = pairs
	return nil
}

func (r *runner) doReplaceColumn(cmd *command) error {
	cols, err := parseReplaceColumn(cmd.arg, r.lookupVar)
	if err != nil {
		return r.fatal(cmd, "%v", err)
	}
	r.f.columns = cols
	return nil
}

func (r *runner) doReplaceRegex(cmd *command) error {
	subs, err := parseRegexes(cmd.arg)
	if err != nil {
		return r.fatal(cmd, "%v", err)
	}
	r.f.regex = subs
	return nil
}

func (r *runner) doParsing(cmd *command) error {
	disable := cmd.name == "disable_parsing"
	if disable == r.parsingDisabled {
		return r.fail(cmd, "Parsing is already %sd", strings.TrimSuffix(cmd.name, "_parsing"))
	}
	r.parsingDisabled = disable
	return nil
}

func (r *runner) doDelimiter(cmd *command) error {
	d := strings.TrimLeft(cmd.arg, " \t\r\n")
	if d == "" {
		return r.fatal(cmd, "Can't set empty delimiter")
	}
	if len(d) > 15 {
		d = d[:15]
	}
	r.delim = d
	return nil
}

func (r *runner) doExit(*command) error { return errExit }

func (r *runner) doDie(cmd *command) error {
	msg, _ := r.eval(cmd.arg)
	if msg == "" {
		msg = "Explicit --die command executed"
	}
	return r.fatal(cmd, "%s", msg)
}
