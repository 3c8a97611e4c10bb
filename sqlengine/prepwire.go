package sqlengine

import (
	"encoding/base64"
	"encoding/binary"
	"net"
	"strings"
)

// Server-side prepared statements (COM_STMT_PREPARE, used by go-sql-driver/mysql for every
// statement with parameters, and by MariaDB Connector/J, mysql2's execute, ...) are parsed by
// vitess's own parser inside its connection loop, before seqd's handler sees them, only to count
// the ? placeholders; a statement that parser does not know (NEXT VALUE FOR, CREATE SEQUENCE,
// PREVIOUS VALUE FOR, ...) fails there. vitess offers no hook for this, so seqd rewrites the
// packet on its way in: the statement text becomes a stand-in vitess can parse, with the same
// number of placeholders, carrying the original text, and the handler's ComPrepare takes the
// original text back out (preparedOriginal).
//
// Over TLS the client's packets are encrypted below vitess, so they cannot be rewritten; there,
// a prepared statement must be one vitess can parse (text-protocol statements are unaffected).

const (
	comStmtPrepare  = 0x16
	clientSSL       = 0x800
	maxPacketLength = 1<<24 - 1
	// preparedMarker starts a stand-in statement; the original text follows in base64.
	preparedMarker = "/*seqd-prepare "
)

// prepareListener wraps the accepted connections of a listener in prepareConn.
type prepareListener struct{ net.Listener }

// Accept implements net.Listener.
func (l prepareListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &prepareConn{Conn: c}, nil
}

// prepareConn reads the client's packets whole and rewrites COM_STMT_PREPARE statements.
type prepareConn struct {
	net.Conn
	buf         []byte // read buffer, reused; in is a window of it (or nil)
	in          []byte // bytes read from the socket, not yet a whole packet
	out         []byte // the packet being handed to the reader
	seenFirst   bool   // the client's first packet (handshake response or SSL request) passed
	passthrough bool   // TLS: bytes pass unchanged
}

// Read implements net.Conn. It hands over one packet at a time and allocates nothing for
// packets it passes unchanged.
func (c *prepareConn) Read(p []byte) (int, error) {
	for len(c.out) == 0 {
		if c.passthrough {
			if len(c.in) > 0 {
				c.out, c.in = c.in, nil
				break
			}
			return c.Conn.Read(p)
		}
		if pkt, ok := c.nextPacket(); ok {
			c.out = pkt
			continue
		}
		n, err := c.fill()
		if n == 0 && err != nil {
			if len(c.in) > 0 { // a truncated packet: hand it over and let vitess fail on it
				c.out, c.in = c.in, nil
				break
			}
			return 0, err
		}
	}
	n := copy(p, c.out)
	c.out = c.out[n:]
	if len(c.out) == 0 {
		c.out = nil
	}
	return n, nil
}

// minRead is the least room fill leaves for one read from the socket.
const minRead = 4 << 10

// fill reads from the socket into the free end of buf, after moving the incomplete packet in
// c.in to the front of buf (growing buf for a packet larger than it).
// REQUIRES: c.out is empty (nothing else points into buf).
func (c *prepareConn) fill() (int, error) {
	if cap(c.in)-len(c.in) < minRead {
		if size := max(16<<10, 2*len(c.in)+minRead); size > len(c.buf) {
			c.buf = make([]byte, size)
		}
		c.in = c.buf[:copy(c.buf, c.in)]
	}
	n, err := c.Conn.Read(c.in[len(c.in):cap(c.in)])
	c.in = c.in[:len(c.in)+n]
	return n, err
}

// nextPacket takes one whole packet off c.in, rewritten if it is a COM_STMT_PREPARE.
func (c *prepareConn) nextPacket() ([]byte, bool) {
	if len(c.in) < 4 {
		return nil, false
	}
	length := int(c.in[0]) | int(c.in[1])<<8 | int(c.in[2])<<16
	if len(c.in) < 4+length {
		return nil, false
	}
	pkt := c.in[: 4+length : 4+length]
	c.in = c.in[4+length:]
	payload, seq := pkt[4:], pkt[3]
	if !c.seenFirst {
		c.seenFirst = true
		if len(payload) >= 4 && binary.LittleEndian.Uint32(payload)&clientSSL != 0 {
			c.passthrough = true // an SSL request: TLS follows
		}
		return pkt, true
	}
	if seq != 0 || length == 0 || length == maxPacketLength || payload[0] != comStmtPrepare {
		return pkt, true
	}
	standIn := preparedStandIn(string(payload[1:]))
	if len(standIn)+1 >= maxPacketLength {
		return pkt, true
	}
	out := make([]byte, 4, 5+len(standIn))
	out[0], out[1], out[2] = byte(len(standIn)+1), byte((len(standIn)+1)>>8), byte((len(standIn)+1)>>16)
	out[3] = 0
	out = append(out, comStmtPrepare)
	return append(out, standIn...), true
}

// preparedStandIn returns a statement vitess parses with as many placeholders as query, that
// carries query.
func preparedStandIn(query string) string {
	var b strings.Builder
	b.WriteString(preparedMarker)
	b.WriteString(base64.StdEncoding.EncodeToString([]byte(query)))
	b.WriteString(" */ SELECT ")
	n := 0
	for _, t := range lexAll(query, false) {
		if t.isPunct(query, '?') {
			if n > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('?')
			n++
		}
	}
	if n == 0 {
		b.WriteByte('1')
	}
	return b.String()
}

// preparedOriginal returns the statement a stand-in carries, or query itself.
func preparedOriginal(query string) string {
	rest, ok := strings.CutPrefix(query, preparedMarker)
	if !ok {
		return query
	}
	enc, _, ok := strings.Cut(rest, " ")
	if !ok {
		return query
	}
	orig, err := base64.StdEncoding.DecodeString(enc)
	if err != nil {
		return query
	}
	return string(orig)
}
