package sqlengine

import (
	"strconv"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// Engine-defined table options (MariaDB's sql/create_options.cc): options an engine declares
// for itself, such as InnoDB's PAGE_COMPRESSED. MariaDB keeps them as written, in order (a
// repeated option moves to the end), prints them after the other options as `name`=value, and
// keeps them across ALTER TABLE ... ENGINE=, printing options the engine does not know inside a
// comment. An engine refuses options it does not know (1911) unless sql_mode has
// IGNORE_BAD_TABLE_OPTIONS, which makes that a warning.

// innodbTableOptions are InnoDB's engine-defined table options.
var innodbTableOptions = map[string]bool{
	"PAGE_COMPRESSED": true, "PAGE_COMPRESSION_LEVEL": true, "ENCRYPTED": true, "ENCRYPTION_KEY_ID": true,
}

// isEngineOption reports whether a table option is engine-defined (vitess parses only InnoDB's).
func isEngineOption(name string) bool { return innodbTableOptions[strings.ToUpper(name)] }

// setEngineOption sets name to value (SQL text) in list: an earlier setting is removed, the new
// one goes last; DEFAULT only removes.
func setEngineOption(list []storage.EngineOption, name, value string) []storage.EngineOption {
	out := list[:0:0]
	for _, o := range list {
		if !strings.EqualFold(o.Name, name) {
			out = append(out, o)
		}
	}
	if strings.EqualFold(value, "default") {
		return out
	}
	return append(out, storage.EngineOption{Name: name, Value: value})
}

// engineOptionsOf returns the engine-defined options among parsed table options, in order.
func engineOptionsOf(opts []*ast.TableOption) []storage.EngineOption {
	var list []storage.EngineOption
	for _, o := range opts {
		if isEngineOption(o.Name) {
			list = setEngineOption(list, o.Name, o.Value)
		}
	}
	return list
}

// engineOption returns the value of an engine-defined option of def, unquoted.
func engineOption(def *storage.TableDef, name string) (string, bool) {
	for _, o := range def.EngineOptions {
		if strings.EqualFold(o.Name, name) {
			return strings.Trim(o.Value, "'\""), true
		}
	}
	return "", false
}

// optionBool reads the value of a boolean option; ok is false if it is none.
func optionBool(v string) (on, ok bool) {
	switch strings.ToLower(v) {
	case "1", "on", "yes", "true":
		return true, true
	case "0", "off", "no", "false":
		return false, true
	}
	return false, false
}

// checkGivenEngineOptions checks the engine-defined options a statement gives for a table of
// engine: unknown to the engine (1911, or a warning under IGNORE_BAD_TABLE_OPTIONS) or with a
// value out of range (1912).
func checkGivenEngineOptions(ctx *sql.Context, engine string, given []storage.EngineOption) error {
	for _, o := range given {
		if engine != "InnoDB" || !isEngineOption(o.Name) {
			if sql.LoadSqlMode(ctx).ModeEnabled("IGNORE_BAD_TABLE_OPTIONS") {
				ctx.Session.Warn(&sql.Warning{Level: "Warning", Code: sequences.ErrUnknownOption.Code,
					Message: sequences.ErrUnknownOption.New(o.Name).Message})
				continue
			}
			return mariaErr(sequences.ErrUnknownOption, o.Name)
		}
		if !innodbOptionValueOK(strings.ToUpper(o.Name), strings.Trim(o.Value, "'\"")) {
			return mariaErr(sequences.ErrBadOptionValue, strings.Trim(o.Value, "'\""), strings.ToUpper(o.Name))
		}
	}
	return nil
}

// innodbOptionValueOK checks a value of one of InnoDB's options.
func innodbOptionValueOK(name, v string) bool {
	switch name {
	case "PAGE_COMPRESSED":
		_, ok := optionBool(v)
		return ok
	case "PAGE_COMPRESSION_LEVEL":
		n, err := strconv.ParseUint(v, 10, 64)
		return err == nil && n >= 1 && n <= 9
	case "ENCRYPTION_KEY_ID":
		n, err := strconv.ParseUint(v, 10, 64)
		return err == nil && n >= 1 && n <= 1<<32-1
	case "ENCRYPTED":
		switch strings.ToUpper(v) {
		case "DEFAULT", "YES", "NO":
			return true
		}
		return false
	}
	return true
}

// checkInnoDBOptions is InnoDB's check of a table's options as a whole (innodb_strict_mode):
// ROW_FORMAT=FIXED or PAGE, KEY_BLOCK_SIZE with a row format other than COMPRESSED, and page
// compression with ROW_FORMAT=COMPRESSED or REDUNDANT fail with 1005 (errno 140) naming
// db.name, as does ENCRYPTED=YES (seqd, like a server without a key management plugin, has no
// keys); a compression level without page compression fails so at CREATE and with 1478 at
// ALTER, as do the other engine-defined options.
func checkInnoDBOptions(def *storage.TableDef, name string, create bool) error {
	if def.Engine != "InnoDB" {
		return nil
	}
	wrongCreate := mariaErr(sequences.ErrCantCreateTable, def.DB, name, wrongCreateOptions)
	wrong := func(option string) error {
		if create {
			return wrongCreate
		}
		return mariaErr(sequences.ErrIllegalHACreateOption, "InnoDB", option)
	}
	rf := strings.ToUpper(strings.Trim(def.Options["ROW_FORMAT"], "'\""))
	kbs, _ := strconv.Atoi(def.Options["KEY_BLOCK_SIZE"])
	switch {
	case rf == "FIXED" || rf == "PAGE":
		return wrongCreate
	case kbs > 0 && (rf == "DYNAMIC" || rf == "COMPACT" || rf == "REDUNDANT"):
		return wrongCreate
	}
	if v, ok := engineOption(def, "ENCRYPTED"); ok && strings.EqualFold(v, "YES") {
		return wrong("ENCRYPTED")
	}
	compressed := false
	if v, ok := engineOption(def, "PAGE_COMPRESSED"); ok {
		compressed, _ = optionBool(v)
	}
	if _, ok := engineOption(def, "PAGE_COMPRESSION_LEVEL"); ok && !compressed {
		return wrong("PAGE_COMPRESSION_LEVEL")
	}
	if compressed && (rf == "COMPRESSED" || rf == "REDUNDANT" || kbs > 0) {
		return wrong("PAGE_COMPRESSED")
	}
	return nil
}

// setCreateEngineOptions gives a new table the engine-defined options CREATE gives it, after
// checking them; under innodb_compression_default a new InnoDB table without PAGE_COMPRESSED
// gets PAGE_COMPRESSED='ON'. like says def holds the options of CREATE ... LIKE's table.
func setCreateEngineOptions(ctx *sql.Context, def *storage.TableDef, given []storage.EngineOption, like bool) error {
	if err := checkGivenEngineOptions(ctx, def.Engine, given); err != nil {
		return err
	}
	for _, o := range given {
		def.EngineOptions = setEngineOption(def.EngineOptions, o.Name, o.Value)
	}
	if !like && def.Engine == "InnoDB" && sessionBool(ctx, "innodb_compression_default") {
		if _, ok := engineOption(def, "PAGE_COMPRESSED"); !ok {
			def.EngineOptions = append(def.EngineOptions, storage.EngineOption{Name: "PAGE_COMPRESSED", Value: "'ON'"})
		}
	}
	if err := checkInnoDBOptions(def, def.Name, true); err != nil {
		return err
	}
	if e, ok := engineOption(def, "ENCRYPTED"); ok && strings.EqualFold(e, "NO") && def.Engine == "InnoDB" {
		if k, ok := engineOption(def, "ENCRYPTION_KEY_ID"); ok && k != "1" {
			ctx.Session.Warn(&sql.Warning{Level: "Warning", Code: wrongCreateOptions.Code,
				Message: "InnoDB: ENCRYPTED=NO implies ENCRYPTION_KEY_ID=1"})
		}
	}
	return nil
}

// engineOptionsText prints def's engine-defined options for SHOW CREATE TABLE (show) and
// information_schema.TABLES.CREATE_OPTIONS. SHOW CREATE puts options the engine does not know
// inside a comment unless sql_mode has IGNORE_BAD_TABLE_OPTIONS.
func engineOptionsText(ctx *sql.Context, def *storage.TableDef, show bool) string {
	if len(def.EngineOptions) == 0 {
		return ""
	}
	var known, unknown []string
	for _, o := range def.EngineOptions {
		text := quoteIdent(o.Name) + "=" + o.Value
		if !show || def.Engine == "InnoDB" || sql.LoadSqlMode(ctx).ModeEnabled("IGNORE_BAD_TABLE_OPTIONS") {
			known = append(known, text)
		} else {
			unknown = append(unknown, text)
		}
	}
	s := strings.Join(known, " ")
	if len(unknown) > 0 {
		if s != "" {
			s += " "
		}
		s += "/* " + strings.Join(unknown, " ") + " */"
	}
	return s
}

// sequenceEngineOptions returns what SHOW CREATE SEQUENCE prints of def's engine-defined
// options.
func sequenceEngineOptions(def *storage.TableDef) []sequences.TableOption {
	var out []sequences.TableOption
	for _, o := range def.EngineOptions {
		kind := sequences.ValueWord
		v := o.Value
		if strings.HasPrefix(v, "'") {
			kind, v = sequences.ValueString, strings.Trim(v, "'")
		}
		out = append(out, sequences.TableOption{Name: o.Name, Value: v, Kind: kind, EngineDefined: true})
	}
	return out
}

// setSequenceEngineOptions moves the engine-defined options of CREATE SEQUENCE out of
// def.Options into def.EngineOptions, as setCreateEngineOptions does for a table.
func setSequenceEngineOptions(ctx *sql.Context, def *storage.TableDef, topts sequences.TableOptions) error {
	var given []storage.EngineOption
	for _, o := range topts.Other {
		if !o.EngineDefined {
			continue
		}
		delete(def.Options, o.Name)
		v := o.Value
		if o.Kind == sequences.ValueString {
			v = quoteString(v)
		}
		given = setEngineOption(given, o.Name, v)
	}
	if len(def.Options) == 0 {
		def.Options = nil
	}
	return setCreateEngineOptions(ctx, def, given, false)
}
