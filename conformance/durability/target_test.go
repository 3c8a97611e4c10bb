package durability

import (
	"testing"

	"github.com/seqd/seqd/conformance/mariadbtest"
)

// target is a server a scenario runs against: seqd, or a scratch MariaDB that shows what
// the scenario's expectations are worth.
type target interface {
	Addr() string
	Restart() error // SIGTERM, then start on the same data
	Crash() error   // SIGKILL, then start on the same data
}

// mtrOptions are the seqd options that match the scratch MariaDB's mtr-like configuration.
var mtrOptions = []string{"--character-set-server=latin1", "--default-storage-engine=MyISAM"}

// onSeqdAndMariaDB runs scenario against seqd and, when MariaDB is installed, against a
// scratch MariaDB 10.11 with the same options; without MariaDB that subtest is skipped.
func onSeqdAndMariaDB(t *testing.T, scenario func(t *testing.T, tg target)) {
	t.Run("seqd", func(t *testing.T) { scenario(t, startServer(t, mtrOptions...)) })
	t.Run("mariadb", func(t *testing.T) { scenario(t, mariadbtest.New(t, mariadbtest.Options{})) })
}
