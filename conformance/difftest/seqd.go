package difftest

import (
	"net"
	"path/filepath"
	"strconv"

	"github.com/sirupsen/logrus"

	"github.com/seqd/seqd/sqlengine"
)

// Seqd is an in-process seqd configured like the scratch MariaDB (latin1, MyISAM) on a free
// loopback port.
type Seqd struct {
	cfg sqlengine.Config
	srv *sqlengine.Server
}

// StartSeqd starts a seqd with its data under dir.
func StartSeqd(dir string) (*Seqd, error) {
	s := &Seqd{cfg: sqlengine.Config{
		DataDir:              filepath.Join(dir, "data"),
		BindAddress:          "127.0.0.1",
		CharacterSetServer:   "latin1",
		CollationServer:      "latin1_swedish_ci",
		DefaultStorageEngine: "MyISAM",
	}}
	var err error
	s.srv, err = sqlengine.Start(s.cfg)
	quiet()
	return s, err
}

// quiet keeps the server's log of every failing statement (the stream fails many on
// purpose) out of the output; sqlengine.Start sets the level to warnings.
func quiet() { logrus.SetLevel(logrus.ErrorLevel) }

// Addr is the server's address.
func (s *Seqd) Addr() string { return s.srv.Addr() }

// Restart closes the server and starts it again on the same data directory and port.
func (s *Seqd) Restart() error {
	_, port, err := net.SplitHostPort(s.srv.Addr())
	if err != nil {
		return err
	}
	if s.cfg.Port, err = strconv.Atoi(port); err != nil {
		return err
	}
	err = s.srv.Close()
	s.srv = nil
	if err != nil {
		return err
	}
	s.srv, err = sqlengine.Start(s.cfg)
	quiet()
	return err
}

// Close stops the server.
func (s *Seqd) Close() error {
	if s.srv == nil {
		return nil
	}
	err := s.srv.Close()
	s.srv = nil
	return err
}
