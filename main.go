// Command seqd is a MySQL-protocol server that speaks MariaDB 10.11's SQL for sequences and the
// tables around them, storing everything durably in pebble.
//
// Usage:
//
//	seqd [--port=3306] [--bind-address=127.0.0.1] [--datadir=./seqd-data] [options]
//
// Run seqd --help for all options.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/seqd/seqd/sqlengine"
)

// defaultGCPercent replaces Go's GOGC=100 unless GOGC is set. seqd's Go heap is small (a few MB:
// pebble keeps its block cache and memtables outside it) while every statement allocates, so
// with GOGC=100 the collector ran about 25 times a second under load; at 400 it costs about
// 20 MB more and SELECT 1 used about a fifth less CPU (bench/README.md).
const defaultGCPercent = 400

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(defaultGCPercent)
	}
	cfg, err := parseFlags(os.Args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "seqd:", err)
		os.Exit(2)
	}
	srv, err := sqlengine.Start(cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "seqd:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "seqd %s ready for connections on %s (datadir %s)\n", sqlengine.Version, srv.Addr(), cfg.DataDir)
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	<-stop
	fmt.Fprintln(os.Stderr, "seqd: shutting down")
	if err := srv.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "seqd: shutdown:", err)
		os.Exit(1)
	}
}

// parseFlags reads mariadbd-style options (--name=value or --name value).
func parseFlags(args []string) (sqlengine.Config, error) {
	var cfg sqlengine.Config
	fs := flag.NewFlagSet("seqd", flag.ContinueOnError)
	fs.IntVar(&cfg.Port, "port", 3306, "TCP port to listen on")
	fs.StringVar(&cfg.BindAddress, "bind-address", "127.0.0.1", "IP address to listen on")
	fs.StringVar(&cfg.DataDir, "datadir", "./seqd-data", "directory holding all data (pebble)")
	fs.StringVar(&cfg.CharacterSetServer, "character-set-server", "latin1", "default character set of the server")
	fs.StringVar(&cfg.CollationServer, "collation-server", "", "default collation (default: the character set's default)")
	fs.StringVar(&cfg.DefaultStorageEngine, "default-storage-engine", "InnoDB", "engine reported for tables created without ENGINE= (data always lives in pebble)")
	fs.StringVar(&cfg.RootPassword, "root-password", "", "password for root@localhost (default: none; reset at every start when given)")
	fs.StringVar(&cfg.TLSCert, "ssl-cert", "", "X.509 certificate in PEM format, enables TLS")
	fs.StringVar(&cfg.TLSKey, "ssl-key", "", "private key in PEM format for --ssl-cert")
	fs.Var(logBinFlag{&cfg.LogBin}, "log-bin", "report @@log_bin=1 and binlog_format=ROW; takes an optional basename, as mariadbd (no binary log is written)")
	fs.BoolVar(&cfg.LogBinTrustFunctionCreators, "log-bin-trust-function-creators", false, "initial @@log_bin_trust_function_creators: let CREATE FUNCTION omit DETERMINISTIC, NO SQL and READS SQL DATA under --log-bin")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: seqd [options]\n\nseqd %s: MariaDB sequences on a durable pebble store.\n\nOptions:\n", sqlengine.Version)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	return cfg, nil
}

// logBinFlag is --log-bin[=basename]: present means on, as for mariadbd.
type logBinFlag struct{ on *bool }

func (f logBinFlag) String() string {
	if f.on != nil && *f.on {
		return "ON"
	}
	return ""
}

func (f logBinFlag) Set(v string) error {
	*f.on = v != "0" && v != "false" && v != "OFF"
	return nil
}

func (f logBinFlag) IsBoolFlag() bool { return true }
