package sqlengine

import (
	"io"
	"regexp"
	"strconv"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/types"
)

// MariaDB's SEQUENCE storage engine provides virtual tables named seq_<from>_to_<to> and
// seq_<from>_to_<to>_step_<n> in every database: one BIGINT UNSIGNED column `seq`, counting from
// <from> to <to> (down when from > to). MariaDB's test suite uses them throughout.

var seqEngineName = regexp.MustCompile(`^seq_([0-9]+)_to_([0-9]+)(?:_step_([0-9]+))?$`)

// seqEngineTable is one such table.
type seqEngineTable struct {
	db, name       string
	from, to, step uint64
	sch            sql.Schema
}

var _ sql.Table = (*seqEngineTable)(nil)

// newSeqEngineTable returns the SEQUENCE engine table a name denotes, if it does.
func newSeqEngineTable(db, name string) (*seqEngineTable, bool) {
	m := seqEngineName.FindStringSubmatch(name)
	if m == nil {
		return nil, false
	}
	from, err1 := strconv.ParseUint(m[1], 10, 64)
	to, err2 := strconv.ParseUint(m[2], 10, 64)
	step := uint64(1)
	var err3 error
	if m[3] != "" {
		step, err3 = strconv.ParseUint(m[3], 10, 64)
	}
	if err1 != nil || err2 != nil || err3 != nil || step == 0 {
		return nil, false
	}
	sch := sql.Schema{{Name: "seq", Type: types.Uint64, Source: name, DatabaseSource: db, PrimaryKey: true}}
	return &seqEngineTable{db: db, name: name, from: from, to: to, step: step, sch: sch}, true
}

func (t *seqEngineTable) Name() string                   { return t.name }
func (t *seqEngineTable) String() string                 { return t.name }
func (t *seqEngineTable) Schema(*sql.Context) sql.Schema { return t.sch }
func (t *seqEngineTable) Collation() sql.CollationID     { return sql.Collation_Default }

// Partitions implements sql.Table.
func (t *seqEngineTable) Partitions(*sql.Context) (sql.PartitionIter, error) {
	return &partitionIter{parts: []sql.Partition{seqEnginePartition{}}}, nil
}

type seqEnginePartition struct{}

func (seqEnginePartition) Key() []byte { return []byte("seq") }

// PartitionRows implements sql.Table.
func (t *seqEngineTable) PartitionRows(*sql.Context, sql.Partition) (sql.RowIter, error) {
	return &seqEngineIter{t: t, next: t.from}, nil
}

type seqEngineIter struct {
	t    *seqEngineTable
	next uint64
	done bool
}

func (it *seqEngineIter) Next(*sql.Context) (sql.Row, error) {
	t := it.t
	if it.done {
		return nil, io.EOF
	}
	v := it.next
	if t.from <= t.to {
		if v > t.to {
			return nil, io.EOF
		}
		if t.to-v < t.step {
			it.done = true
		}
		it.next = v + t.step
	} else {
		if v < t.to {
			return nil, io.EOF
		}
		if v-t.to < t.step {
			it.done = true
		}
		it.next = v - t.step
	}
	return sql.Row{v}, nil
}

func (it *seqEngineIter) Close(*sql.Context) error { return nil }
