package mysqltest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// FindBinary returns the path of the real mysqltest (mariadb-test) or "" when it is not
// installed.
func FindBinary() string {
	for _, name := range []string{"mariadb-test", "mysqltest"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Record runs the real mysqltest binary bin with --record on testFile against addr, as root
// on database test over TCP, and returns the result it wrote. dir receives the result and
// log files; extra are more mysqltest options. The output of a failed run is returned with
// the error.
func Record(bin, addr, testFile, dir string, extra ...string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", err
	}
	abs, err := filepath.Abs(testFile)
	if err != nil {
		return "", err
	}
	result := filepath.Join(dir, strings.ReplaceAll(strings.TrimSuffix(filepath.Base(testFile), ".test"), ".", "_")+".result")
	cmd := exec.Command(bin, "--no-defaults", "--protocol=tcp", "--host="+host, "--port="+port,
		"--user=root", "--database=test", "--skip-ssl", "--basedir="+filepath.Dir(abs)+"/",
		"--test-file="+abs, "--result-file="+result, "--record", "--tmpdir="+dir, "--logdir="+dir)
	cmd.Args = append(cmd.Args, extra...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "MASTER_MYPORT="+port, "LC_ALL=C")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("%s: %v", bin, err)
	}
	b, err := os.ReadFile(result)
	return string(b), err
}

// Exec runs statements as root on addr, stopping at the first error.
func Exec(addr string, stmts ...string) error {
	c, err := dial(addr, connParams{user: "root"})
	if err != nil {
		return err
	}
	defer c.Close()
	for _, q := range stmts {
		if _, err := c.ExecuteFetch(q, maxRows, false); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return nil
}
