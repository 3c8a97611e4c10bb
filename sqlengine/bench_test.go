package sqlengine

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/dolthub/vitess/go/mysql"
)

// BenchmarkStatement runs hot statements over loopback connections to an in-process server, one
// connection per parallel goroutine (-cpu sets how many run at once; SetParallelism multiplies
// it). The numbers include the client's cost; use them for profiles (-cpuprofile, -memprofile)
// and allocation counts (cpu-ns/op is the CPU of client and server per statement), and bench/
// (sysbench, side by side with MariaDB) for throughput.
func BenchmarkStatement(b *testing.B) {
	srv, err := Start(Config{
		DataDir:              filepath.Join(b.TempDir(), "data"),
		CharacterSetServer:   "latin1",
		DefaultStorageEngine: "MyISAM",
	})
	if err != nil {
		b.Fatalf("Start: %v", err)
	}
	defer srv.Close()
	setup := benchConn(b, srv, "")
	for _, q := range []string{
		"CREATE DATABASE bench",
		"CREATE SEQUENCE bench.s_cache CACHE 1000",
		"CREATE SEQUENCE bench.s_nocache NOCACHE",
		"CREATE TABLE bench.t_ai (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, c INT NOT NULL)",
	} {
		if _, err := setup.ExecuteFetch(q, 0, false); err != nil {
			b.Fatalf("%s: %v", q, err)
		}
	}
	setup.Close()
	for _, bc := range []struct{ name, q string }{
		{"select1", "SELECT 1"},
		{"nextval_cache", "SELECT NEXT VALUE FOR s_cache"},
		{"nextval_nocache", "SELECT NEXT VALUE FOR s_nocache"},
		{"next1000", "SELECT NEXT 1000 VALUES FROM s_cache"},
		{"insert_ai", "INSERT INTO t_ai (c) VALUES (1)"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetParallelism(8)
			cpu0 := cpuTime()
			defer func() { b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op") }()
			b.RunParallel(func(pb *testing.PB) {
				c := benchConn(b, srv, "bench")
				defer c.Close()
				for pb.Next() {
					if _, err := c.ExecuteFetch(bc.q, 10, false); err != nil {
						b.Errorf("%s: %v", bc.q, err)
						return
					}
				}
			})
		})
	}
}

// cpuTime is the CPU time (user + system) the process has used, in ns: with client and server in
// one process, cpu-ns/op is steadier than ns/op on a shared machine.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

func benchConn(b *testing.B, srv *Server, db string) *mysql.Conn {
	host, port, _ := strings.Cut(srv.Addr(), ":")
	p, _ := strconv.Atoi(port)
	c, err := mysql.Connect(context.Background(), &mysql.ConnParams{Host: host, Port: p, Uname: "root", DbName: db})
	if err != nil {
		b.Fatalf("connect: %v", err)
	}
	return c
}
