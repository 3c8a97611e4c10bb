package sqlengine

import (
	"bytes"
	"io"
	"math/rand"
	"net"
	"testing"
)

// chunkConn is a net.Conn whose reads return src in chunks of random sizes.
type chunkConn struct {
	net.Conn
	src []byte
	rng *rand.Rand
}

func (c *chunkConn) Read(p []byte) (int, error) {
	if len(c.src) == 0 {
		return 0, io.EOF
	}
	n := min(len(p), len(c.src), 1+c.rng.Intn(300))
	copy(p, c.src[:n])
	c.src = c.src[n:]
	return n, nil
}

func packet(seq byte, payload []byte) []byte {
	n := len(payload)
	return append([]byte{byte(n), byte(n >> 8), byte(n >> 16), seq}, payload...)
}

// TestPrepareConnPackets feeds packets in random fragments through prepareConn and checks that
// they come out whole and unchanged, except COM_STMT_PREPARE, which becomes its stand-in.
func TestPrepareConnPackets(t *testing.T) {
	seed := rand.Int63()
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewSource(seed))
	first := packet(1, make([]byte, 32)) // handshake response without CLIENT_SSL
	query := packet(0, append([]byte{0x03}, "SELECT NEXT VALUE FOR s"...))
	big := packet(0, append([]byte{0x03}, bytes.Repeat([]byte("x"), 40<<10)...))
	prep := packet(0, append([]byte{comStmtPrepare}, "SELECT NEXTVAL(s), ?"...))
	standIn := packet(0, append([]byte{comStmtPrepare}, preparedStandIn("SELECT NEXTVAL(s), ?")...))
	var in, want []byte
	in, want = append(in, first...), append(want, first...)
	for i := 0; i < 200; i++ {
		switch rng.Intn(4) {
		case 0:
			in, want = append(in, big...), append(want, big...)
		case 1:
			in, want = append(in, prep...), append(want, standIn...)
		default:
			in, want = append(in, query...), append(want, query...)
		}
	}
	c := &prepareConn{Conn: &chunkConn{src: in, rng: rng}}
	var got []byte
	buf := make([]byte, 1000)
	for {
		n, err := c.Read(buf[:1+rng.Intn(len(buf))])
		got = append(got, buf[:n]...)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("prepareConn passed %d bytes, want %d (first difference at %d)", len(got), len(want), firstDiff(got, want))
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// TestPrepareConnDoesNotAllocate: a packet passed unchanged costs no allocation.
func TestPrepareConnDoesNotAllocate(t *testing.T) {
	query := packet(0, append([]byte{0x03}, "SELECT 1"...))
	src := &chunkConn{rng: rand.New(rand.NewSource(1))}
	c := &prepareConn{Conn: src, seenFirst: true}
	buf := make([]byte, 4096)
	readOne := func() {
		src.src = query
		for got := 0; got < len(query); {
			n, err := c.Read(buf)
			if err != nil {
				t.Fatal(err)
			}
			got += n
		}
	}
	readOne()
	if n := testing.AllocsPerRun(100, readOne); n != 0 {
		t.Errorf("reading a packet allocates %v times, want 0", n)
	}
}
