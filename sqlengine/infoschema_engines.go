package sqlengine

import (
	"github.com/dolthub/go-mysql-server/sql"
)

// information_schema.ENGINES and PLUGINS as a MariaDB 10.11 server shows them (checked against
// 10.11 started with mtr's options and --plugin-load-add=ha_archive.so, as mtr loads it for
// include/have_archive.inc). Every engine stores its data in pebble; the names exist so
// that ENGINE=... and the suite's have_*.inc gates behave as on MariaDB.

var enginesSchema = isSchema("ENGINES",
	"ENGINE", isVarchar(64), false,
	"SUPPORT", isVarchar(8), false,
	"COMMENT", isVarchar(160), false,
	"TRANSACTIONS", isVarchar(3), true,
	"XA", isVarchar(3), true,
	"SAVEPOINTS", isVarchar(3), true,
)

// engineInfo is one row of ENGINES.
type engineInfo struct {
	name, comment, transactions, xa, savepoints string
}

// mariadbEngines are MariaDB 10.11's engines, with ARCHIVE loaded, in the order it lists them.
var mariadbEngines = []engineInfo{
	{"CSV", "Stores tables as CSV files", "NO", "NO", "NO"},
	{"MRG_MyISAM", "Collection of identical MyISAM tables", "NO", "NO", "NO"},
	{"MEMORY", "Hash based, stored in memory, useful for temporary tables", "NO", "NO", "NO"},
	{"Aria", "Crash-safe tables with MyISAM heritage. Used for internal temporary tables and privilege tables", "NO", "NO", "NO"},
	{"MyISAM", "Non-transactional engine with good performance and small data footprint", "NO", "NO", "NO"},
	{"SEQUENCE", "Generated tables filled with sequential values", "YES", "NO", "YES"},
	{"ARCHIVE", "gzip-compresses tables for a low storage footprint", "NO", "NO", "NO"},
	{"PERFORMANCE_SCHEMA", "Performance Schema", "NO", "NO", "NO"},
	{"InnoDB", "Supports transactions, row-level locking, foreign keys and encryption for tables", "YES", "YES", "YES"},
}

// enginesRows lists the engines; the session's default_storage_engine has SUPPORT DEFAULT.
func (s *Server) enginesRows(ctx *sql.Context, _ sql.Catalog) (sql.RowIter, error) {
	def := s.defaultEngine(ctx)
	rows := make([]sql.Row, 0, len(mariadbEngines))
	for _, e := range mariadbEngines {
		support := "YES"
		if e.name == def {
			support = "DEFAULT"
		}
		rows = append(rows, sql.Row{e.name, support, e.comment, e.transactions, e.xa, e.savepoints})
	}
	return sql.RowsToRowIter(rows...), nil
}

var pluginsSchema = isSchema("PLUGINS",
	"PLUGIN_NAME", isVarchar(64), false,
	"PLUGIN_VERSION", isVarchar(20), false,
	"PLUGIN_STATUS", isVarchar(16), false,
	"PLUGIN_TYPE", isVarchar(80), false,
	"PLUGIN_TYPE_VERSION", isVarchar(20), false,
	"PLUGIN_LIBRARY", isVarchar(64), true,
	"PLUGIN_LIBRARY_VERSION", isVarchar(20), true,
	"PLUGIN_AUTHOR", isVarchar(64), true,
	"PLUGIN_DESCRIPTION", isLongtext, true,
	"PLUGIN_LICENSE", isVarchar(80), false,
	"LOAD_OPTION", isVarchar(64), false,
	"PLUGIN_MATURITY", isVarchar(12), false,
	"PLUGIN_AUTH_VERSION", isVarchar(80), true,
)

// pluginInfo is one row of PLUGINS. library and libraryVersion are set for a plugin MariaDB
// loads from a shared library (ARCHIVE, from ha_archive.so).
type pluginInfo struct {
	name, version, typ, author, description, load, authVersion string
	library, libraryVersion                                    string
}

// mariadbPlugins are the built-in plugins of MariaDB 10.11 that matter to clients: the storage
// engines, the partition helper (have_partition.inc) and the authentication plugins.
var mariadbPlugins = []pluginInfo{
	{"binlog", "1.0", "STORAGE ENGINE", "MySQL AB", "This is a pseudo storage engine to represent the binlog in a transaction", "FORCE", "1.0", "", ""},
	{"mysql_native_password", "1.0", "AUTHENTICATION", "R.J.Silk, Sergei Golubchik", "Native MySQL authentication", "FORCE", "1.0", "", ""},
	{"mysql_old_password", "1.0", "AUTHENTICATION", "R.J.Silk, Sergei Golubchik", "Old MySQL-4.0 authentication", "FORCE", "1.0", "", ""},
	{"CSV", "1.0", "STORAGE ENGINE", "Brian Aker, MySQL AB", "Stores tables as CSV files", "FORCE", "1.0", "", ""},
	{"MEMORY", "1.0", "STORAGE ENGINE", "MySQL AB", "Hash based, stored in memory, useful for temporary tables", "FORCE", "1.0", "", ""},
	{"Aria", "1.5", "STORAGE ENGINE", "MariaDB Corporation Ab", "Crash-safe tables with MyISAM heritage. Used for internal temporary tables and privilege tables", "FORCE", "1.5", "", ""},
	{"MyISAM", "1.0", "STORAGE ENGINE", "MySQL AB", "Non-transactional engine with good performance and small data footprint", "FORCE", "1.0", "", ""},
	{"MRG_MyISAM", "1.0", "STORAGE ENGINE", "MySQL AB", "Collection of identical MyISAM tables", "FORCE", "1.0", "", ""},
	{"SQL_SEQUENCE", "1.0", "STORAGE ENGINE", "jianwei.zhao @ Aliyun & Monty @ MariaDB corp", "Sequence Storage Engine for CREATE SEQUENCE", "FORCE", "1.0", "", ""},
	{"InnoDB", "10.11", "STORAGE ENGINE", "Oracle Corporation", "Supports transactions, row-level locking, foreign keys and encryption for tables", "ON", "10.11.19", "", ""},
	{"PERFORMANCE_SCHEMA", "0.1", "STORAGE ENGINE", "Marc Alff, Oracle", "Performance Schema", "FORCE", "5.7.31", "", ""},
	{"SEQUENCE", "1.0", "STORAGE ENGINE", "Sergei Golubchik", "Generated tables filled with sequential values", "ON", "0.1", "", ""},
	{"unix_socket", "1.0", "AUTHENTICATION", "Sergei Golubchik", "Unix Socket based authentication", "ON", "1.0", "", ""},
	{"partition", "1.0", "STORAGE ENGINE", "Mikael Ronstrom, MySQL AB", "Partition Storage Engine Helper", "ON", "1.0", "", ""},
	{"ARCHIVE", "3.0", "STORAGE ENGINE", "Brian Aker, MySQL AB", "gzip-compresses tables for a low storage footprint", "ON", "1.0", "ha_archive.so", "1.15"},
}

// pluginTypeVersion is PLUGIN_TYPE_VERSION: the server version for engines, the API version
// for authentication plugins.
func pluginTypeVersion(typ string) string {
	if typ == "AUTHENTICATION" {
		return "2.2"
	}
	return "101119.0"
}

func (s *Server) pluginsRows(ctx *sql.Context, _ sql.Catalog) (sql.RowIter, error) {
	rows := make([]sql.Row, 0, len(mariadbPlugins))
	for _, p := range mariadbPlugins {
		var lib, libVersion any
		if p.library != "" {
			lib, libVersion = p.library, p.libraryVersion
		}
		rows = append(rows, sql.Row{
			p.name, p.version, "ACTIVE", p.typ, pluginTypeVersion(p.typ), lib, libVersion, p.author,
			p.description, "GPL", p.load, "Stable", p.authVersion,
		})
	}
	return sql.RowsToRowIter(rows...), nil
}
