package sqlengine

import (
	"fmt"
	"strings"
)

// Version is the MariaDB version seqd reports in the handshake, VERSION() and @@version.
const Version = "10.11.19-MariaDB-seqd"

// Config holds the server options. Names and meanings follow mariadbd's options.
type Config struct {
	DataDir     string // --datadir: where pebble keeps everything
	Port        int    // --port; 0 picks a free port
	BindAddress string // --bind-address

	CharacterSetServer   string // --character-set-server
	CollationServer      string // --collation-server; "" means the charset's default
	DefaultStorageEngine string // --default-storage-engine: what SHOW CREATE TABLE reports

	RootPassword string // password for root@localhost and root@127.0.0.1; "" means none
	TLSCert      string // --ssl-cert
	TLSKey       string // --ssl-key

	// LogBin makes @@log_bin report 1 (binlog_format ROW). seqd writes no binary log; the
	// option exists because MariaDB's test suite gates some tests on it.
	LogBin bool
	// LogBinTrustFunctionCreators is the initial @@log_bin_trust_function_creators: with LogBin
	// and without it, CREATE FUNCTION needs DETERMINISTIC, NO SQL or READS SQL DATA (1418).
	LogBinTrustFunctionCreators bool

	// NoFastPath sends every statement through GMS's general path (for tests that compare the
	// two).
	NoFastPath bool
}

// withDefaults returns c with MariaDB's defaults filled in.
func (c Config) withDefaults() Config {
	if c.DataDir == "" {
		c.DataDir = "./seqd-data"
	}
	if c.BindAddress == "" {
		c.BindAddress = "127.0.0.1"
	}
	if c.CharacterSetServer == "" {
		c.CharacterSetServer = "latin1"
	}
	if c.DefaultStorageEngine == "" {
		c.DefaultStorageEngine = "InnoDB"
	}
	return c
}

// validate checks the options that can be checked without side effects.
func (c Config) validate() error {
	if c.Port < 0 || c.Port > 65535 {
		return fmt.Errorf("sqlengine: --port %d is out of range", c.Port)
	}
	if _, ok := canonicalEngine(c.DefaultStorageEngine); !ok {
		return fmt.Errorf("sqlengine: unknown storage engine '%s' for --default-storage-engine", c.DefaultStorageEngine)
	}
	if (c.TLSCert == "") != (c.TLSKey == "") {
		return fmt.Errorf("sqlengine: --ssl-cert and --ssl-key must be given together")
	}
	return nil
}

// engines are the storage engine names seqd accepts in ENGINE= and reports, in MariaDB's
// canonical spelling. The data always lives in pebble.
var engines = []string{"InnoDB", "MyISAM", "Aria", "MEMORY", "CSV", "MRG_MyISAM", "ARCHIVE", "PERFORMANCE_SCHEMA", "SEQUENCE"}

// canonicalEngine returns MariaDB's spelling of an engine name usable for tables.
func canonicalEngine(name string) (string, bool) {
	if strings.EqualFold(name, "maria") {
		return "Aria", true
	}
	if strings.EqualFold(name, "heap") {
		return "MEMORY", true // MariaDB's old name for MEMORY
	}
	if strings.EqualFold(name, "innobase") {
		return "InnoDB", true
	}
	for _, e := range engines {
		if strings.EqualFold(e, name) && e != "SEQUENCE" && e != "PERFORMANCE_SCHEMA" {
			return e, true
		}
	}
	return "", false
}
