package sqlengine

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strconv"
	"sync"

	sqle "github.com/dolthub/go-mysql-server"
	"github.com/dolthub/go-mysql-server/server"
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/sirupsen/logrus"

	"github.com/seqd/seqd/sequences"
	"github.com/seqd/seqd/storage"
)

// Server is a running seqd: storage, engine and MySQL-protocol listener.
type Server struct {
	cfg      Config
	db       *storage.DB
	seqs     *sequences.Manager
	engine   *sqle.Engine
	provider *Provider
	listener net.Listener
	gms      *server.Server
	sessions sessionSet
	metas    metaCache      // tableMeta per table definition
	autoInc  autoIncrements // AUTO_INCREMENT counters per table id
	slots    freeSlots      // row ids of deleted rows, reused by heap tables
	admin    adminServer    // global read lock, XA, table maintenance flags (adminstate.go)

	closeOnce sync.Once
	closeErr  error
	served    chan struct{} // closed when the accept loop has returned
}

// Start opens the data directory, builds the engine and starts accepting connections. The
// server is listening when Start returns.
func Start(cfg Config) (*Server, error) {
	cfg = cfg.withDefaults()
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	// GMS logs every failed statement as a warning; MariaDB's error log records no client errors.
	logrus.SetLevel(logrus.ErrorLevel)
	if err := installSystemVariables(cfg); err != nil {
		return nil, err
	}
	db, err := storage.Open(cfg.DataDir, storage.Options{})
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, db: db, served: make(chan struct{})}
	if err := s.build(); err != nil {
		_ = db.Close()
		return nil, err
	}
	if err := s.listen(); err != nil {
		_ = db.Close()
		return nil, err
	}
	return s, nil
}

// Addr returns the address the server listens on, as host:port.
func (s *Server) Addr() string { return s.listener.Addr().String() }

// Port returns the TCP port the server listens on.
func (s *Server) Port() int { return s.listener.Addr().(*net.TCPAddr).Port }

// listen opens the socket and starts the accept loop.
func (s *Server) listen() error {
	addr := net.JoinHostPort(s.cfg.BindAddress, strconv.Itoa(s.cfg.Port))
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("sqlengine: can't listen on %s: %w", addr, err)
	}
	s.listener = l
	tlsCfg, err := s.tlsConfig()
	if err != nil {
		_ = l.Close()
		return err
	}
	gcfg := server.Config{
		Protocol:                "tcp",
		Address:                 addr,
		Listener:                prepareListener{l},
		Version:                 Version,
		TLSConfig:               tlsCfg,
		ProtocolListenerFactory: mariaDBListenerFactory,
	}
	srv, err := server.NewServerWithHandler(gcfg, s.engine, sql.NewContext, s.newSessionBuilder(), nil, s.wrapHandler)
	if err != nil {
		_ = l.Close()
		return err
	}
	s.gms = srv
	go func() {
		defer close(s.served)
		_ = srv.Start()
	}()
	return nil
}

func (s *Server) tlsConfig() (*tls.Config, error) {
	if s.cfg.TLSCert == "" {
		return nil, nil
	}
	cert, err := tls.LoadX509KeyPair(s.cfg.TLSCert, s.cfg.TLSKey)
	if err != nil {
		return nil, fmt.Errorf("sqlengine: loading --ssl-cert/--ssl-key: %w", err)
	}
	return &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}, nil
}

// Close stops accepting connections, closes the open ones and closes the storage. Transactions
// that did not commit are rolled back; everything committed is on disk.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		var errs []error
		if s.gms != nil {
			errs = append(errs, s.gms.Close())
			<-s.served
		}
		if s.engine != nil {
			errs = append(errs, s.engine.Close())
		}
		errs = append(errs, s.db.Close())
		s.closeErr = errors.Join(errs...)
	})
	return s.closeErr
}
