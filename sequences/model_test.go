package sequences

import (
	"errors"
	"flag"
	"math/big"
	"math/rand"
	"testing"
	"time"
)

var seedFlag = flag.Int64("seed", 0, "seed for randomised tests (0: from the clock)")

func testSeed(t testing.TB) int64 {
	s := *seedFlag
	if s == 0 {
		s = time.Now().UnixNano()
	}
	t.Logf("seed %d (replay with -seed=%d)", s, s)
	return s
}

// ref is a deliberately naive model of a sequence: big integers, no cache, no clamping tricks.
// It knows the position of the next value and the round. After FLUSH or a crash the real
// sequence continues from its reservation boundary, which ref does not model; resync then
// accepts any next value in the rest of the round (or the start of the next one) and adopts it.
type ref struct {
	typ      ValueType
	min, max *big.Int
	inc      *big.Int
	cycle    bool
	cache    int64
	pos      *big.Int
	round    int64
	resync   bool
	unsynced bool // the row is not predictable from ref (a flush happened)
}

func newRef(row State) *ref {
	t := row.Type
	return &ref{typ: t, min: t.big(row.MinValue), max: t.big(row.MaxValue),
		inc: big.NewInt(row.Increment), cycle: row.Cycle, cache: row.Cache,
		pos: t.big(row.NextNotCached), round: row.CycleCount}
}

func (r *ref) up() bool { return r.inc.Sign() > 0 }

// before reports a < b in the direction of the sequence.
func (r *ref) before(a, b *big.Int) bool {
	if r.up() {
		return a.Cmp(b) < 0
	}
	return a.Cmp(b) > 0
}

func (r *ref) inRange(v *big.Int) bool { return v.Cmp(r.min) >= 0 && v.Cmp(r.max) <= 0 }

// pastEnd reports v beyond MAXVALUE (ascending) or MINVALUE (descending). A position before the
// other bound is still handed out: MariaDB does so after SETVAL into a later round.
func (r *ref) pastEnd(v *big.Int) bool {
	if r.up() {
		return v.Cmp(r.max) > 0
	}
	return v.Cmp(r.min) < 0
}

// first is the first value of a round: MINVALUE ascending, MAXVALUE descending.
func (r *ref) first() *big.Int {
	if r.up() {
		return r.min
	}
	return r.max
}

// after returns v+inc, or one past the end when that passes it.
func (r *ref) after(v *big.Int) *big.Int {
	n := new(big.Int).Add(v, r.inc)
	switch {
	case r.up() && n.Cmp(r.max) > 0:
		return new(big.Int).Add(r.max, big.NewInt(1))
	case !r.up() && n.Cmp(r.min) < 0:
		return new(big.Int).Sub(r.min, big.NewInt(1))
	}
	return n
}

// next predicts NEXTVAL: the value, or ok false for "has run out". A failed call still moves
// the position to one past the end, as MariaDB's next_value steps before it checks.
func (r *ref) next() (*big.Int, bool) {
	if r.pastEnd(r.pos) {
		if !r.cycle {
			r.pos = r.after(r.pos)
			return nil, false
		}
		r.round++
		r.pos = r.first()
	}
	v := r.pos
	r.pos = r.after(v)
	return v, true
}

// setval predicts SETVAL: "NULL", "ok" or "run out".
func (r *ref) setval(v *big.Int, used bool, round int64) string {
	target := v
	if used {
		target = r.after(v)
	}
	switch {
	case uint64(r.round) > uint64(round):
		return "NULL"
	case r.round == round && r.before(target, r.pos):
		return "NULL"
	case r.round == round:
		r.pos = target
		return "ok"
	case !r.cycle:
		return "run out"
	}
	r.round, r.pos = round, target
	return "ok"
}

// nextN predicts NextN: the first value, or the refusal.
func (r *ref) nextN(n int64) (*big.Int, error) {
	pos, round := r.pos, r.round
	if r.pastEnd(pos) {
		switch {
		case !r.cycle && n == 1:
			r.pos = r.after(r.pos)
			return nil, ErrRunOut
		case !r.cycle:
			return nil, ErrBatchPastEnd
		}
		round, pos = round+1, r.first()
	}
	last := new(big.Int).Mul(big.NewInt(n-1), r.inc)
	last.Add(last, pos)
	if r.pastEnd(last) {
		if r.cycle {
			return nil, ErrBatchWraps
		}
		return nil, ErrBatchPastEnd
	}
	r.pos, r.round = r.after(last), round
	return pos, nil
}

// TestModel runs random operations on sequences with random options near the int64 and uint64
// limits and checks each result against ref, and that every value handed out is covered by the
// row saved before it was returned.
func TestModel(t *testing.T) {
	rng := rand.New(rand.NewSource(testSeed(t)))
	configs, steps := 300, 300
	if testing.Short() {
		configs = 50
	}
	for i := 0; i < configs; i++ {
		row := randomRow(rng)
		m := &modelRun{t: t, rng: rng, store: newFakeStore(), ref: newRef(row)}
		m.store.set(1, row)
		m.mgr = NewManager(m.store, nil)
		var err error
		if m.seq, err = m.mgr.Open(1, "test", "s"); err != nil {
			t.Fatal(err)
		}
		for j := 0; j < steps && !t.Failed(); j++ {
			m.step()
		}
		if t.Failed() {
			t.Fatalf("config %d: row %+v; ops: %v", i, row, m.log)
		}
	}
}

// randomRow returns a valid row with bounds, start and increment drawn towards the edges of a
// random value type.
func randomRow(rng *rand.Rand) State {
	types := []ValueType{{}, {Unsigned: true}, {Kind: Tinyint}, {Kind: Int, Unsigned: true}, {Kind: Smallint}}
	for {
		t := types[rng.Intn(len(types))]
		lo, hi := t.Bounds()
		a, b := edgeValue(rng, t, lo, hi), edgeValue(rng, t, lo, hi)
		if t.Less(b, a) {
			a, b = b, a
		}
		inc := []int64{1, 2, 3, 7, 1000, 1 << 40}[rng.Intn(6)]
		if rng.Intn(2) == 0 {
			inc = -inc
		}
		row := State{MinValue: a, MaxValue: b, Increment: inc, Cycle: rng.Intn(2) == 0,
			Cache: []int64{0, 1, 2, 3, 5, 100}[rng.Intn(6)], Type: t}
		row.Start = []int64{a, b, edgeValue(rng, t, a, b)}[rng.Intn(3)]
		row.NextNotCached = row.Start
		// ValidateRow may clamp a bound at the type's extreme, as MariaDB 11.5 does.
		if valid, _, err := ValidateRow("test", "s", row, DefaultAutoIncrement); err == nil {
			return valid
		}
	}
}

// edgeValue returns a value strictly between lo and hi, often close to one of them or to 0.
func edgeValue(rng *rand.Rand, t ValueType, lo, hi int64) int64 {
	d := int64(rng.Intn(5))
	switch rng.Intn(4) {
	case 0:
		return lo + 1 + d
	case 1:
		return hi - 1 - d
	case 2:
		return d - 2
	}
	span := new(big.Int).Sub(t.big(hi), t.big(lo))
	off := new(big.Int).Rand(rng, span)
	return t.fromBig(off.Add(off, t.big(lo)))
}

type modelRun struct {
	t     *testing.T
	rng   *rand.Rand
	store *fakeStore
	mgr   *Manager
	seq   *Sequence
	ref   *ref
	log   []string
}

func (m *modelRun) step() {
	switch k := m.rng.Intn(20); {
	case m.ref.resync || k < 10:
		m.next()
	case k < 13:
		m.nextN()
	case k < 16:
		m.setval()
	case k < 17:
		m.log = append(m.log, "flush")
		m.seq.Flush()
		m.ref.resync, m.ref.unsynced = true, true
	case k < 18:
		m.log = append(m.log, "crash")
		m.mgr.Forget(1)
		m.seq, _ = m.mgr.Open(1, "test", "s")
		m.ref.resync, m.ref.unsynced = true, true
	default:
		m.restart()
	}
}

func (m *modelRun) next() {
	v, err := m.seq.Next()
	t, r := m.seq.Type(), m.ref
	m.log = append(m.log, "next "+result(t.Format(v), err))
	if r.resync {
		m.resync(v, err)
		return
	}
	want, ok := r.next()
	switch {
	case !ok && !errors.Is(err, ErrRunOut):
		m.t.Errorf("Next() = %s, %v; want ERROR 4084", t.Format(v), err)
	case ok && (err != nil || t.big(v).Cmp(want) != 0):
		m.t.Errorf("Next() = %s, %v; want %v", t.Format(v), err, want)
	case ok:
		m.checkCovered(want, r.round)
	}
}

// resync adopts the first value after a flush or crash, checking that it follows the last
// value in the same round, at most one reservation ahead, or is the first value of the next
// round.
func (m *modelRun) resync(v int64, err error) {
	r := m.ref
	r.resync = false
	if err != nil {
		if r.cycle || !errors.Is(err, ErrRunOut) {
			m.t.Errorf("Next() after flush = %v, want a value", err)
		}
		r.pos = r.after(r.max)
		if !r.up() {
			r.pos = r.after(r.min)
		}
		return
	}
	bv := m.seq.Type().big(v)
	round := m.seq.State().CycleCount
	// The value follows the last one handed out (pos - inc), at most one reservation
	// (cache × increment) and one increment further: values after a SETVAL need not lie on
	// the increment's lattice, and neither does the reservation boundary.
	prev := new(big.Int).Sub(r.pos, r.inc)
	window := new(big.Int).Mul(r.inc, big.NewInt(max(r.cache, 1)))
	window.Add(window, r.inc)
	gap := new(big.Int).Sub(bv, prev)
	inWindow := gap.CmpAbs(window) <= 0 && gap.Sign() != 0 && !r.before(bv, prev)
	switch {
	case round == r.round && !r.pastEnd(bv) && inWindow:
	case round == r.round+1 && r.cycle && bv.Cmp(r.first()) == 0:
	default:
		m.t.Errorf("Next() after flush = %v in round %d, want %v or later in round %d", bv, round, r.pos, r.round)
	}
	r.round, r.pos = round, r.after(bv)
	m.checkCovered(bv, round)
}

// checkCovered checks the durability contract: the saved row covers v of round.
func (m *modelRun) checkCovered(v *big.Int, round int64) {
	saved, _ := m.store.Load(1)
	r := m.ref
	rr := saved.Type.big(saved.NextNotCached)
	covered := saved.CycleCount > round || saved.CycleCount == round && r.before(v, rr)
	if !covered {
		m.t.Errorf("value %v of round %d handed out, saved row %+v does not cover it", v, round, saved)
	}
	if r.cache <= 1 && !r.unsynced && saved.CycleCount == r.round && rr.Cmp(r.pos) != 0 {
		m.t.Errorf("NOCACHE saved next_not_cached_value %v, want %v (last value + increment)", rr, r.pos)
	}
}

func (m *modelRun) nextN() {
	n := int64(1 + m.rng.Intn(4))
	if m.rng.Intn(10) == 0 {
		n = 1 << 62
	}
	first, step, err := m.seq.NextN(n)
	t := m.seq.Type()
	m.log = append(m.log, "nextn "+result(t.Format(first), err))
	want, werr := m.ref.nextN(n)
	switch {
	case werr != nil && !errors.Is(err, werr):
		m.t.Errorf("NextN(%d) = %s, %v; want %v", n, t.Format(first), err, werr)
	case werr == nil && (err != nil || t.big(first).Cmp(want) != 0 || step != m.ref.inc.Int64()):
		m.t.Errorf("NextN(%d) = %s step %d, %v; want %v step %v", n, t.Format(first), step, err, want, m.ref.inc)
	case werr == nil:
		last := new(big.Int).Mul(big.NewInt(n-1), m.ref.inc)
		m.checkCovered(last.Add(last, want), m.ref.round)
	}
}

func (m *modelRun) setval() {
	r, t := m.ref, m.seq.Type()
	v := new(big.Int).Add(r.pos, big.NewInt(int64(m.rng.Intn(7)-3)))
	if !r.inRange(v) && m.rng.Intn(2) == 0 {
		v = r.max
	}
	lo, hi := t.Bounds()
	if v.Cmp(t.big(lo)) < 0 || v.Cmp(t.big(hi)) > 0 {
		return
	}
	used := m.rng.Intn(2) == 0
	round := r.round + int64(m.rng.Intn(4)) - 1
	ok, err := m.seq.SetVal(t.fromBig(v), used, round)
	got := "ok"
	switch {
	case errors.Is(err, ErrRunOut):
		got = "run out"
	case err != nil:
		got = err.Error()
	case !ok:
		got = "NULL"
	}
	m.log = append(m.log, "setval "+v.String()+" "+got)
	if want := r.setval(v, used, round); got != want {
		m.t.Errorf("SetVal(%v, %v, %d) = %s, want %s", v, used, round, got, want)
	}
}

func (m *modelRun) restart() {
	r, t := m.ref, m.seq.Type()
	v := []*big.Int{r.pos, r.min, r.max, new(big.Int).Sub(r.min, big.NewInt(1)),
		new(big.Int).Add(r.max, big.NewInt(1))}[m.rng.Intn(5)]
	if !v.IsInt64() || (t.Unsigned && v.Sign() < 0) {
		return
	}
	n := Num{V: t.fromBig(v), Unsigned: t.Unsigned && t.fromBig(v) < 0}
	_, err := m.seq.Alter(&Options{Restart: &Restart{Value: &n}})
	m.log = append(m.log, "restart "+v.String()+" "+result("ok", err))
	valid := r.up() && v.Cmp(r.min) >= 0 || !r.up() && v.Cmp(r.max) <= 0
	switch {
	case valid && err != nil, !valid && !errors.Is(err, ErrInvalidData):
		m.t.Errorf("ALTER RESTART %v = %v, want valid=%v", v, err, valid)
	case valid: // ALTER SEQUENCE starts round 0, as MariaDB's
		r.pos, r.round = v, 0
	}
}
