package suite

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// DefaultMySQLTestDir is where Debian's mariadb-test package installs the suites.
const DefaultMySQLTestDir = "/usr/share/mysql/mysql-test"

// FairTests are the tests a plain external MariaDB passes with no per-test options, no file
// access and no restart (docs/mariadb-suite.md, section 7).
var FairTests = []string{
	"sql_sequence.alter_notembedded",
	"sql_sequence.aria",
	"sql_sequence.auto_increment",
	"sql_sequence.concurrent_create",
	"sql_sequence.create",
	"sql_sequence.default",
	"sql_sequence.grant",
	"sql_sequence.kill",
	"sql_sequence.lock",
	"sql_sequence.mysqldump",
	"sql_sequence.next",
	"sql_sequence.other",
	"sql_sequence.partition",
	"sql_sequence.rebuild",
	"sql_sequence.rename",
	"sql_sequence.setval",
	"sql_sequence.temporary",
	"sql_sequence.view",
	"main.auto_increment",
}

// OracleTest passes against a target reporting @@log_bin=1 and @@binlog_format='ROW'; others
// skip it at its have_log_bin gate.
const OracleTest = "compat/oracle.sequence"

// DefaultTests are the tests the ratchet covers: the fair tests plus OracleTest.
var DefaultTests = append(append([]string(nil), FairTests...), OracleTest)

// AllTests are the 31 tests of docs/mariadb-suite.md: the whole sql_sequence suite,
// OracleTest, main.auto_increment and main.auto_increment_ranges_innodb.
var AllTests = append(append([]string(nil), DefaultTests...),
	"sql_sequence.alter",
	"sql_sequence.binlog",
	"sql_sequence.create_archive",
	"sql_sequence.debug_sync",
	"sql_sequence.gtid",
	"sql_sequence.read_only",
	"sql_sequence.replication",
	"sql_sequence.replication_drop",
	"sql_sequence.replication_mixed",
	"sql_sequence.slave_nextval",
	"main.auto_increment_ranges_innodb",
)

// Test locates one test of the MariaDB suites.
type Test struct {
	Name       string // canonical: sql_sequence.next, compat/oracle.sequence, main.auto_increment
	SuiteDir   string // mysqltest's --suite-dir, ending in /
	TestFile   string
	ResultFile string
}

// FileBase is the test's name as a file name without dots, for the copies of its result:
// sql_sequence-next, compat-oracle-sequence.
func (t Test) FileBase() string {
	return strings.NewReplacer("/", "-", ".", "-").Replace(t.Name)
}

// Resolve finds a test by name: "sql_sequence.next", "compat/oracle.sequence",
// "main.auto_increment", a bare sql_sequence name such as "next", or a path to a .test file
// under mtDir.
func Resolve(mtDir, name string) (Test, error) {
	if strings.HasSuffix(name, ".test") {
		return resolvePath(mtDir, name)
	}
	suiteName, test := "sql_sequence", name
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		suiteName, test = name[:i], name[i+1:]
	}
	t := Test{Name: suiteName + "." + test}
	if suiteName == "main" {
		t.SuiteDir = filepath.Join(mtDir, "main") + "/"
		t.TestFile = filepath.Join(mtDir, "main", test+".test")
		t.ResultFile = filepath.Join(mtDir, "main", test+".result")
	} else {
		dir := filepath.Join(mtDir, "suite", filepath.FromSlash(suiteName))
		t.SuiteDir = dir + "/"
		t.TestFile, t.ResultFile = filepath.Join(dir, test+".test"), filepath.Join(dir, test+".result")
		if _, err := os.Stat(filepath.Join(dir, "t")); err == nil {
			t.TestFile = filepath.Join(dir, "t", test+".test")
			t.ResultFile = filepath.Join(dir, "r", test+".result")
		}
	}
	if _, err := os.Stat(t.TestFile); err != nil {
		return Test{}, fmt.Errorf("suite: unknown test %q: %w", name, err)
	}
	return t, nil
}

func resolvePath(mtDir, path string) (Test, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return Test{}, err
	}
	rel, err := filepath.Rel(mtDir, abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return Test{}, fmt.Errorf("suite: %s is not under %s", path, mtDir)
	}
	parts := strings.Split(filepath.ToSlash(strings.TrimSuffix(rel, ".test")), "/")
	name := parts[len(parts)-1]
	switch {
	case parts[0] == "main" && len(parts) == 2:
		return Resolve(mtDir, "main."+name)
	case parts[0] == "suite" && len(parts) >= 3:
		dirs := parts[1 : len(parts)-1]
		if dirs[len(dirs)-1] == "t" {
			dirs = dirs[:len(dirs)-1]
		}
		return Resolve(mtDir, strings.Join(dirs, "/")+"."+name)
	}
	return Test{}, fmt.Errorf("suite: cannot tell the suite of %s", path)
}

// environment is what a test's sources say about the server it needs.
type environment struct {
	skip string   // why the runner must not run it, or ""
	opts []string // the .opt options mtr would apply
}

var (
	sourceRE   = regexp.MustCompile(`(?m)^\s*-{0,2}\s*source\s+([^\s;]+)`)
	shutdownRE = regexp.MustCompile(`(?m)^\s*-{0,2}\s*shutdown_server`)
)

// needs reads a test and, recursively, the files it sources, for what would take the target
// down or needs a second server, and for the .opt files mtr would apply.
func needs(mtDir string, t Test) environment {
	var env environment
	optSet := map[string]bool{}
	addOpt := func(path string) {
		b, err := os.ReadFile(path)
		if err != nil {
			return
		}
		for _, o := range strings.Fields(string(b)) {
			optSet[o] = true
		}
	}
	addOpt(strings.TrimSuffix(t.TestFile, ".test") + ".opt")
	seen := map[string]bool{}
	var scan func(file string, depth int)
	scan = func(file string, depth int) {
		if seen[file] || depth > 5 {
			return
		}
		seen[file] = true
		b, err := os.ReadFile(file)
		if err != nil {
			return
		}
		text := string(b)
		if env.skip == "" && shutdownRE.MatchString(text) {
			env.skip = "shuts the server down"
		}
		for _, m := range sourceRE.FindAllStringSubmatch(text, -1) {
			inc := m[1]
			switch base := filepath.Base(inc); base {
			case "restart_mysqld.inc", "shutdown_mysqld.inc", "kill_mysqld.inc", "start_mysqld.inc":
				if env.skip == "" {
					env.skip = "restarts the server (" + base + ")"
				}
			case "master-slave.inc", "rpl_init.inc":
				if env.skip == "" {
					env.skip = "needs a replica (" + base + ")"
				}
			}
			if strings.Contains(inc, "$") {
				continue
			}
			if path := findInclude(mtDir, t, file, inc); path != "" {
				addOpt(strings.TrimSuffix(path, ".inc") + ".opt")
				scan(path, depth+1)
			}
		}
	}
	scan(t.TestFile, 0)
	for o := range optSet {
		env.opts = append(env.opts, o)
	}
	sort.Strings(env.opts)
	return env
}

// findInclude resolves a sourced file as mysqltest does: the sourcing file's directory, the
// suite directory, then the mysql-test directory.
func findInclude(mtDir string, t Test, from, inc string) string {
	for _, dir := range []string{filepath.Dir(from), t.SuiteDir, mtDir} {
		p := filepath.Join(dir, inc)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}
