package sequences

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// runScript runs a sequence script: one command per line, "=> want" after commands that
// produce output, "#" comments. Commands:
//
//	create <CREATE SEQUENCE statement>  (also: create temporary ...)
//	next [=> v | ERROR n]               NEXTVAL
//	nextn n => first step | ERROR n     NextN
//	setval v [used [round]] => v | NULL | ERROR n
//	alter <ALTER SEQUENCE options> => ok | ERROR n
//	insert a,b,c,d,e,f,g,h => ok | ERROR n   INSERT of a full row (cycle as 0/1)
//	flush                               FLUSH TABLES
//	crash                               reopen from the store, losing the cache
//	auto inc off                        set auto_increment_increment and _offset
//	row => next_not_cached cycle_count  the persisted row (two columns)
//	table => a b c d e f g h            the persisted row (eight columns)
//	saves => n                          Store.Save calls since the create
func runScript(t *testing.T, script string) {
	t.Helper()
	r := &scriptRun{t: t, ai: DefaultAutoIncrement, store: newFakeStore()}
	r.mgr = NewManager(r.store, func() AutoIncrement { return r.ai })
	for n, line := range strings.Split(script, "\n") {
		line = strings.TrimSpace(line)
		if i := strings.Index(line, "#"); i >= 0 && !strings.HasPrefix(line, "create") {
			line = strings.TrimSpace(line[:i])
		}
		if line == "" {
			continue
		}
		cmd, want, _ := strings.Cut(line, "=>")
		got := r.do(strings.TrimSpace(cmd))
		if want = strings.TrimSpace(want); want != "" && got != want {
			t.Errorf("line %d: %s => %s, want %s", n+1, strings.TrimSpace(cmd), got, want)
		}
	}
}

type scriptRun struct {
	t     *testing.T
	ai    AutoIncrement
	store *fakeStore
	mgr   *Manager
	seq   *Sequence
	base  int // saves before the script's sequence existed
}

func (r *scriptRun) do(cmd string) string {
	verb, arg, _ := strings.Cut(cmd, " ")
	switch verb {
	case "create":
		return r.create(cmd)
	case "next":
		v, err := r.seq.Next()
		return result(r.seq.Type().Format(v), err)
	case "nextn":
		first, step, err := r.seq.NextN(atoi(r.t, arg))
		return result(r.seq.Type().Format(first)+" "+strconv.FormatInt(step, 10), err)
	case "setval":
		return r.setval(arg)
	case "alter":
		st, err := Parse("alter sequence s "+arg, Mode{})
		if err != nil {
			r.t.Fatalf("%s: %v", cmd, err)
		}
		_, err = r.seq.Alter(&st.(*AlterSequence).Options)
		return result("ok", err)
	case "insert":
		_, err := r.seq.ReplaceRow(parseRow(r.t, arg))
		return result("ok", err)
	case "flush":
		r.seq.Flush()
	case "crash":
		r.mgr.Forget(r.seq.ID())
		s, err := r.mgr.Open(r.seq.ID(), "test", "s")
		if err != nil {
			r.t.Fatal(err)
		}
		r.seq = s
	case "auto":
		f := strings.Fields(arg)
		r.ai = AutoIncrement{Increment: int64(atoi(r.t, f[0])), Offset: int64(atoi(r.t, f[1]))}
	case "row":
		st := r.seq.State()
		return st.Type.Format(st.NextNotCached) + " " + strconv.FormatInt(st.CycleCount, 10)
	case "table":
		return formatRow(r.seq.State())
	case "saves":
		return strconv.Itoa(r.store.count() - r.base)
	default:
		r.t.Fatalf("unknown script command %q", cmd)
	}
	return ""
}

func (r *scriptRun) create(sql string) string {
	st, err := Parse(sql, Mode{})
	if err != nil {
		return result("", err)
	}
	c := st.(*CreateSequence)
	row, _, err := Define("test", "s", &c.Options, r.ai)
	if err != nil {
		return result("", err)
	}
	if err := r.store.Save(1, row); err != nil {
		r.t.Fatal(err)
	}
	r.base = r.store.count()
	r.seq = r.mgr.Register(1, "test", "s", row, c.Temporary)
	return "ok"
}

func (r *scriptRun) setval(arg string) string {
	f := strings.Fields(arg)
	v, used, round := atoi(r.t, f[0]), true, int64(0)
	if len(f) > 1 {
		used = f[1] != "0"
	}
	if len(f) > 2 {
		round = atoi(r.t, f[2])
	}
	ok, err := r.seq.SetVal(v, used, round)
	if err == nil && !ok {
		return "NULL"
	}
	return result(strconv.FormatInt(v, 10), err)
}

func result(s string, err error) string {
	if err == nil {
		return s
	}
	if e, ok := AsError(err); ok {
		return fmt.Sprintf("ERROR %d", e.Code())
	}
	return "ERROR " + err.Error()
}

func atoi(t *testing.T, s string) int64 {
	t.Helper()
	if u, err := strconv.ParseUint(s, 10, 64); err == nil {
		return int64(u)
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatalf("bad number %q", s)
	}
	return v
}

func parseRow(t *testing.T, s string) State {
	f := strings.Split(s, ",")
	if len(f) != 8 {
		t.Fatalf("row %q: want 8 values", s)
	}
	n := func(i int) int64 { return atoi(t, strings.TrimSpace(f[i])) }
	return State{NextNotCached: n(0), MinValue: n(1), MaxValue: n(2), Start: n(3), Increment: n(4),
		Cache: n(5), Cycle: n(6) != 0, CycleCount: n(7)}
}

func formatRow(st State) string {
	t := st.Type
	cycle := "0"
	if st.Cycle {
		cycle = "1"
	}
	return strings.Join([]string{t.Format(st.NextNotCached), t.Format(st.MinValue),
		t.Format(st.MaxValue), t.Format(st.Start), strconv.FormatInt(st.Increment, 10),
		strconv.FormatInt(st.Cache, 10), cycle, strconv.FormatInt(st.CycleCount, 10)}, " ")
}
