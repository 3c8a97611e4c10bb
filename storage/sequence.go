package storage

import (
	"encoding/binary"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/cockroachdb/pebble/v2"

	"github.com/seqd/seqd/sequences"
)

// Sequence state is stored at SequenceKey(id) in a fixed binary layout (FORMAT.md, "Sequence
// state"). NB: the layout is stored on disk; change it only with a new version byte.
const (
	stateVersion1 byte = 1
	stateLen           = 1 + 7*8 + 2

	stateFlagCycle    byte = 1 << 0
	stateFlagUnsigned byte = 1 << 1
)

func encodeState(st sequences.State) []byte {
	b := make([]byte, 0, stateLen)
	b = append(b, stateVersion1)
	for _, v := range []int64{st.NextNotCached, st.MinValue, st.MaxValue, st.Start,
		st.Increment, st.Cache, st.CycleCount} {
		b = binary.BigEndian.AppendUint64(b, uint64(v))
	}
	var flags byte
	if st.Cycle {
		flags |= stateFlagCycle
	}
	if st.Type.Unsigned {
		flags |= stateFlagUnsigned
	}
	return append(b, flags, byte(st.Type.Kind))
}

func decodeState(b []byte) (sequences.State, error) {
	var st sequences.State
	if len(b) != stateLen || b[0] != stateVersion1 {
		return st, fmt.Errorf("%w: sequence state of %d bytes, version %d", ErrCorrupt, len(b), firstByte(b))
	}
	var v [7]int64
	for i := range v {
		v[i] = int64(binary.BigEndian.Uint64(b[1+8*i:]))
	}
	st.NextNotCached, st.MinValue, st.MaxValue, st.Start = v[0], v[1], v[2], v[3]
	st.Increment, st.Cache, st.CycleCount = v[4], v[5], v[6]
	flags, kind := b[stateLen-2], sequences.IntKind(b[stateLen-1])
	if flags&^(stateFlagCycle|stateFlagUnsigned) != 0 || kind > sequences.Int {
		return sequences.State{}, fmt.Errorf("%w: sequence state flags 0x%02x, kind %d", ErrCorrupt, flags, kind)
	}
	st.Cycle = flags&stateFlagCycle != 0
	st.Type = sequences.ValueType{Kind: kind, Unsigned: flags&stateFlagUnsigned != 0}
	return st, nil
}

func firstByte(b []byte) int {
	if len(b) == 0 {
		return -1
	}
	return int(b[0])
}

// SequenceStore implements sequences.PipelineStore over the DB. A save is one synced pebble
// write outside any transaction; concurrent saves share WAL fsyncs through pebble's commit
// pipeline. It is safe for concurrent use.
type SequenceStore struct {
	db *DB

	// waiting counts the saves issued and not yet synced; load is a moving average of it, seen
	// by each Issue, times 256. See walSyncDelay.
	waiting, load atomic.Int64
}

// walGroupDelay is how long the WAL holds back its next sync after one, while many sequence
// saves are waiting at a time (NOCACHE under concurrent NEXTVAL). The clients whose values the
// last sync made durable need a moment to get their answers and send the next statement; when
// the next sync starts at once it carries only the first few of them, and the rest wait for the
// sync after it. Holding back lets one sync carry the whole round. With few waiters (one
// client, or INSERTs) there is no delay.
var walGroupDelay = 25 * time.Microsecond

// busyWaiters is the average number of waiting saves from which walSyncDelay holds back.
const busyWaiters = 4

// walSyncDelay is pebble's WALMinSyncInterval: walGroupDelay while sequence saves are busy.
func (s *SequenceStore) walSyncDelay() time.Duration {
	if s.load.Load() >= busyWaiters*256 {
		return walGroupDelay
	}
	return 0
}

var _ sequences.PipelineStore = (*SequenceStore)(nil)

// SequenceStore returns the DB's sequences.Store.
func (db *DB) SequenceStore() *SequenceStore { return &db.seqs }

// Load returns the committed state of sequence id, or ErrNotFound.
func (s *SequenceStore) Load(id uint64) (sequences.State, error) {
	if err := s.db.enter(); err != nil {
		return sequences.State{}, err
	}
	defer s.db.exit()
	b, ok, err := s.db.getRaw(SequenceKey(id))
	if err != nil {
		return sequences.State{}, err
	}
	if !ok {
		return sequences.State{}, fmt.Errorf("%w: sequence state of table id %d", ErrNotFound, id)
	}
	return decodeState(b)
}

// Save durably writes st as the state of sequence id: Issue, then wait.
func (s *SequenceStore) Save(id uint64, st sequences.State) error {
	wait, err := s.Issue(id, st)
	if err != nil {
		return err
	}
	return wait()
}

// Issue applies the write of st as the state of sequence id (visible to reads, queued for the
// WAL fsync) and returns a function that waits for the fsync. Writes are applied in the order
// of the Issue calls. It returns ErrNotFound if the published catalog has no table id, so a
// save racing with DROP SEQUENCE cannot leave a state key behind the drop (the apply and
// catalog publication exclude each other through DB.catMu). A failed wait fails the DB
// (ErrFailed).
func (s *SequenceStore) Issue(id uint64, st sequences.State) (wait func() error, err error) {
	if err := s.db.enter(); err != nil {
		return nil, err
	}
	b, err := s.apply(id, st)
	if err != nil {
		s.db.exit()
		return nil, err
	}
	n := s.waiting.Add(1)
	for {
		old := s.load.Load()
		if s.load.CompareAndSwap(old, old+(n*256-old)/8) {
			break
		}
	}
	return func() error {
		defer s.db.exit()
		defer b.Close()
		defer s.waiting.Add(-1)
		if err := b.SyncWait(); err != nil {
			return s.db.fail(err)
		}
		return nil
	}, nil
}

func (s *SequenceStore) apply(id uint64, st sequences.State) (*pebble.Batch, error) {
	s.db.catMu.RLock()
	defer s.db.catMu.RUnlock()
	if _, ok := s.db.Catalog().TableByID(id); !ok {
		return nil, fmt.Errorf("%w: sequence table id %d", ErrNotFound, id)
	}
	b := s.db.pdb.NewBatch()
	_ = b.Set(SequenceKey(id), encodeState(st), nil)
	if err := s.db.pdb.ApplyNoSyncWait(b, pebble.Sync); err != nil {
		_ = b.Close()
		return nil, fmt.Errorf("storage: apply: %w", err)
	}
	return b, nil
}

// PutSequenceState writes the state of sequence id in the transaction, so that CREATE SEQUENCE
// (or ALTER SEQUENCE, SETVAL under the table lock) commits definition and state atomically.
func (t *Txn) PutSequenceState(id uint64, st sequences.State) error {
	return t.Set(SequenceKey(id), encodeState(st))
}

// SequenceState reads the state of sequence id as the transaction sees it, or ErrNotFound.
func (t *Txn) SequenceState(id uint64) (sequences.State, error) {
	b, ok, err := t.Get(SequenceKey(id))
	if err != nil {
		return sequences.State{}, err
	}
	if !ok {
		return sequences.State{}, fmt.Errorf("%w: sequence state of table id %d", ErrNotFound, id)
	}
	return decodeState(b)
}
