package difftest

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// ParseSteps reads statements written as Step.String prints them ("[conn2] SQL;" lines,
// "# restart both servers"); a line without a connection label runs on connection 1. Lines
// starting with "--" and blank lines are skipped.
func ParseSteps(r io.Reader) ([]Step, error) {
	var steps []Step
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "--"):
			continue
		case line == "# restart both servers":
			steps = append(steps, Step{Restart: true, Kind: "restart"})
			continue
		case strings.HasPrefix(line, "#"):
			continue
		}
		st := Step{Kind: "replay"}
		if m := connLabel.FindStringSubmatch(line); m != nil {
			n, _ := strconv.Atoi(m[1])
			if n < 1 || n > Conns {
				return nil, fmt.Errorf("%q: connections are conn1..conn%d", line, Conns)
			}
			st.Conn, line = n-1, line[len(m[0]):]
		}
		st.SQL = strings.TrimSuffix(strings.TrimSpace(line), ";")
		st.Sorted = strings.HasPrefix(strings.ToUpper(st.SQL), "SHOW") && strings.Contains(strings.ToUpper(st.SQL), "TABLES")
		steps = append(steps, st)
	}
	return steps, sc.Err()
}

var connLabel = regexp.MustCompile(`^\[conn(\d+)\]\s*`)

// Replay runs steps on both servers from a fresh test database and writes every statement
// with the two outcomes, marking the ones that differ.
func Replay(maria, seqd Server, steps []Step, w io.Writer) error {
	r := &runner{maria: newSide("MariaDB", maria), seqd: newSide("seqd", seqd)}
	defer r.maria.close()
	defer r.seqd.close()
	if err := r.reset(); err != nil {
		return err
	}
	for _, st := range steps {
		if st.Restart {
			if err := r.restart(); err != nil {
				return err
			}
			fmt.Fprintln(w, st)
			continue
		}
		mo, so, err := r.exec(st)
		if err != nil {
			return err
		}
		if d := Diff(mo, so); d != "" {
			fmt.Fprintf(w, "%s\n!! differs (%s)\nMariaDB:\n%s\nseqd:\n%s\n", st, d, indent(mo.String()), indent(so.String()))
		} else {
			fmt.Fprintf(w, "%s\n%s\n", st, indent(mo.String()))
		}
	}
	return nil
}
