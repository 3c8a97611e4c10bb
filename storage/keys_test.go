package storage

import (
	"bytes"
	"encoding/hex"
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
)

// TestEncodingGolden pins the bytes of each element kind. NB: these bytes are on disk; a change
// here needs a new FormatVersion.
func TestEncodingGolden(t *testing.T) {
	tests := []struct {
		v    Value
		want string
	}{
		{NullValue(), "05"},
		{IntValue(0), "10 8000000000000000"},
		{IntValue(-1), "10 7fffffffffffffff"},
		{IntValue(math.MinInt64), "10 0000000000000000"},
		{IntValue(math.MaxInt64), "10 ffffffffffffffff"},
		{UintValue(0), "11 0000000000000000"},
		{UintValue(258), "11 0000000000000102"},
		{FloatValue(0), "12 8000000000000000"},
		{FloatValue(math.Copysign(0, -1)), "12 8000000000000000"},
		{FloatValue(1), "12 bff0000000000000"},
		{FloatValue(-1), "12 400fffffffffffff"},
		{FloatValue(math.Inf(-1)), "12 000fffffffffffff"},
		{FloatValue(math.NaN()), "12 0000000000000000"},
		{BytesValue(nil), "20 0001"},
		{BytesValue([]byte("ab")), "20 6162 0001"},
		{BytesValue([]byte{0, 'a', 0xff}), "20 00ff 61 ff 0001"},
	}
	for _, tt := range tests {
		got := hex.EncodeToString(AppendValue(nil, tt.v, false))
		want := stripSpaces(tt.want)
		if got != want {
			t.Errorf("AppendValue(%v) = %s, want %s", tt.v, got, want)
		}
		desc := AppendValue(nil, tt.v, true)
		invert(desc)
		if got := hex.EncodeToString(desc); got != want {
			t.Errorf("AppendValue(%v, desc) complemented = %s, want %s", tt.v, got, want)
		}
	}
}

func stripSpaces(s string) string { return string(bytes.ReplaceAll([]byte(s), []byte(" "), nil)) }

func TestDecodeRoundTrip(t *testing.T) {
	r := newRand(t)
	for i := 0; i < 2000; i++ {
		tuple := randTuple(r)
		for _, desc := range []bool{false, true} {
			var enc []byte
			for _, v := range tuple {
				enc = AppendValue(enc, v, desc)
			}
			rest := enc
			for j, want := range tuple {
				got, next, err := DecodeValue(rest, desc)
				if err != nil || CompareValues(got, want) != 0 {
					t.Fatalf("DecodeValue(%x, desc=%v) element %d = %v, %v; want %v", enc, desc, j, got, err, want)
				}
				rest = next
			}
			if len(rest) != 0 {
				t.Fatalf("DecodeValue(%x) left %x", enc, rest)
			}
		}
	}
}

// TestEncodingOrder checks that bytes.Compare of encodings equals CompareTuples, ascending and
// (element-wise complemented) descending.
func TestEncodingOrder(t *testing.T) {
	r := newRand(t)
	for i := 0; i < 20000; i++ {
		a, b := randTuple(r), randTuple(r)
		if r.IntN(4) == 0 { // share a prefix
			b = append(append([]Value{}, a[:r.IntN(len(a)+1)]...), b...)
		}
		want := CompareTuples(a, b)
		if got := bytes.Compare(EncodeTuple(a...), EncodeTuple(b...)); got != want {
			t.Fatalf("Compare(enc(%v), enc(%v)) = %d, want %d", a, b, got, want)
		}
		if len(a) > 0 && len(b) > 0 {
			ea, eb := AppendValue(nil, a[0], true), AppendValue(nil, b[0], true)
			if got, want := bytes.Compare(ea, eb), -CompareValues(a[0], b[0]); got != want {
				t.Fatalf("Compare(desc(%v), desc(%v)) = %d, want %d", a[0], b[0], got, want)
			}
		}
	}
}

// randTuple returns up to 4 elements, drawn from small domains so that ties and prefixes occur.
func randTuple(r *rand.Rand) []Value {
	n := r.IntN(5)
	vals := make([]Value, n)
	for i := range vals {
		vals[i] = randValue(r)
	}
	return vals
}

func randValue(r *rand.Rand) Value {
	ints := []int64{math.MinInt64, -256, -1, 0, 1, 255, 256, math.MaxInt64}
	floats := []float64{math.Inf(-1), -1.5, -math.SmallestNonzeroFloat64, math.Copysign(0, -1), 0,
		math.SmallestNonzeroFloat64, 2.5, math.MaxFloat64, math.Inf(1), math.NaN()}
	switch r.IntN(5) {
	case 0:
		return NullValue()
	case 1:
		return IntValue(ints[r.IntN(len(ints))] + int64(r.IntN(3)) - 1)
	case 2:
		return UintValue([]uint64{0, 1, 255, 256, math.MaxUint64}[r.IntN(5)])
	case 3:
		return FloatValue(floats[r.IntN(len(floats))])
	}
	b := make([]byte, r.IntN(4))
	for i := range b {
		b[i] = []byte{0, 1, 'a', 0xfe, 0xff}[r.IntN(5)]
	}
	return BytesValue(b)
}

func TestDecodeErrors(t *testing.T) {
	tests := []string{
		"",
		"01",                  // unknown tag
		"10 00",               // truncated int
		"20 61",               // unterminated string
		"20 6100",             // escape at end
		"20 61 0002",          // bad escape
		"12 0000000000000001", // NaN not in canonical form
		"12 7fffffffffffffff", // -0 not folded into +0
		"11 00000000000000",   // truncated uint
	}
	for _, in := range tests {
		b, _ := hex.DecodeString(stripSpaces(in))
		if _, _, err := DecodeValue(b, false); !errors.Is(err, ErrBadKey) {
			t.Errorf("DecodeValue(%s) = %v, want ErrBadKey", in, err)
		}
	}
}

func TestDecodeTuple(t *testing.T) {
	want := []Value{IntValue(-5), BytesValue([]byte("x\x00y")), NullValue(), FloatValue(2.5), UintValue(7)}
	got, err := DecodeTuple(EncodeTuple(want...))
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("DecodeTuple(EncodeTuple(%v)) = %v, %v", want, got, err)
	}
	if _, err := DecodeTuple([]byte{tagInt}); !errors.Is(err, ErrBadKey) {
		t.Errorf("DecodeTuple(truncated) = %v, want ErrBadKey", err)
	}
}

func TestPrefixEnd(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"01", "02"},
		{"01ff", "02"},
		{"ffff", ""},
		{"0a0b", "0a0c"},
	}
	for _, tt := range tests {
		in, _ := hex.DecodeString(tt.in)
		if got := hex.EncodeToString(PrefixEnd(in)); got != tt.want {
			t.Errorf("PrefixEnd(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
	// Every tuple extending p sorts inside [p, PrefixEnd(p)).
	r := newRand(t)
	for i := 0; i < 2000; i++ {
		p := EncodeTuple(randTuple(r)...)
		k := append(bytes.Clone(p), EncodeTuple(randTuple(r)...)...)
		if end := PrefixEnd(p); bytes.Compare(k, p) < 0 || (end != nil && bytes.Compare(k, end) >= 0) {
			t.Fatalf("key %x outside [%x, %x)", k, p, end)
		}
	}
}

// FuzzDecodeValue checks that the decoders never panic and that whatever decodes re-encodes to
// the same bytes.
func FuzzDecodeValue(f *testing.F) {
	for _, v := range []Value{NullValue(), IntValue(-3), UintValue(9), FloatValue(-0.5), BytesValue([]byte("a\x00"))} {
		f.Add(AppendValue(nil, v, false), false)
		f.Add(AppendValue(nil, v, true), true)
	}
	f.Fuzz(func(t *testing.T, b []byte, desc bool) {
		v, rest, err := DecodeValue(b, desc)
		if err != nil {
			return
		}
		enc := AppendValue(nil, v, desc)
		if !bytes.Equal(append(enc, rest...), b) {
			t.Fatalf("DecodeValue(%x) = %v; re-encodes to %x", b, v, enc)
		}
	})
}
