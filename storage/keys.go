package storage

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
)

// This file is the order-preserving tuple encoding used for primary-key and index tuples. Each
// element starts with a tag byte; elements are self-delimiting (no encoding is a prefix of
// another), so the concatenation of element encodings orders like the tuple, and a tuple that
// is a prefix of another sorts first. FORMAT.md draws the bytes.

// Kind is the type of a tuple element.
type Kind uint8

// The element kinds, in the order their encodings sort. A column has one kind (besides NULL),
// so the order between different non-NULL kinds only has to be fixed, not meaningful.
const (
	KindNull  Kind = iota // SQL NULL; sorts before every other value
	KindInt               // int64
	KindUint              // uint64
	KindFloat             // float64; -0 equals +0, every NaN equals every other and sorts below -Inf
	KindBytes             // byte string (the SQL layer passes collation weights for strings)
)

// NB: the tag bytes are stored on disk and must not change.
const (
	tagNull  byte = 0x05
	tagInt   byte = 0x10
	tagUint  byte = 0x11
	tagFloat byte = 0x12
	tagBytes byte = 0x20

	bytesEscape  byte = 0x00 // a 0x00 in the string is written 0x00 0xFF
	bytesEscaped byte = 0xFF
	bytesEnd     byte = 0x01 // the string ends with 0x00 0x01
)

// Value is one element of a key tuple. Only the field selected by Kind is meaningful.
type Value struct {
	Kind  Kind
	Int   int64
	Uint  uint64
	Float float64
	Bytes []byte
}

// NullValue returns a NULL element.
func NullValue() Value { return Value{Kind: KindNull} }

// IntValue returns an int64 element.
func IntValue(v int64) Value { return Value{Kind: KindInt, Int: v} }

// UintValue returns a uint64 element.
func UintValue(v uint64) Value { return Value{Kind: KindUint, Uint: v} }

// FloatValue returns a float64 element.
func FloatValue(v float64) Value { return Value{Kind: KindFloat, Float: v} }

// BytesValue returns a byte-string element. The encoders do not retain b.
func BytesValue(b []byte) Value { return Value{Kind: KindBytes, Bytes: b} }

// String formats v for test output and error messages.
func (v Value) String() string {
	switch v.Kind {
	case KindNull:
		return "NULL"
	case KindInt:
		return fmt.Sprintf("%d", v.Int)
	case KindUint:
		return fmt.Sprintf("%du", v.Uint)
	case KindFloat:
		return fmt.Sprintf("%g", v.Float)
	case KindBytes:
		return fmt.Sprintf("%q", v.Bytes)
	}
	return fmt.Sprintf("Value{Kind:%d}", v.Kind)
}

// AppendNull appends the ascending encoding of NULL to dst.
func AppendNull(dst []byte) []byte { return append(dst, tagNull) }

// AppendInt appends the ascending encoding of v to dst.
func AppendInt(dst []byte, v int64) []byte {
	dst = append(dst, tagInt)
	return binary.BigEndian.AppendUint64(dst, uint64(v)^(1<<63))
}

// AppendUint appends the ascending encoding of v to dst.
func AppendUint(dst []byte, v uint64) []byte {
	dst = append(dst, tagUint)
	return binary.BigEndian.AppendUint64(dst, v)
}

// AppendFloat appends the ascending encoding of v to dst. -0 is encoded as +0 and every NaN as
// one canonical NaN that sorts below -Inf.
func AppendFloat(dst []byte, v float64) []byte {
	dst = append(dst, tagFloat)
	return binary.BigEndian.AppendUint64(dst, floatKey(v))
}

// AppendBytes appends the ascending encoding of b to dst: the bytes with each 0x00 escaped as
// 0x00 0xFF, then the terminator 0x00 0x01.
func AppendBytes(dst []byte, b []byte) []byte {
	dst = append(dst, tagBytes)
	for {
		i := bytes.IndexByte(b, bytesEscape)
		if i < 0 {
			dst = append(dst, b...)
			break
		}
		dst = append(dst, b[:i+1]...)
		dst = append(dst, bytesEscaped)
		b = b[i+1:]
	}
	return append(dst, bytesEscape, bytesEnd)
}

// AppendValue appends the encoding of v to dst. With desc set, the element's bytes are
// complemented, which reverses its order (used for DESC index columns; NULL then sorts last).
func AppendValue(dst []byte, v Value, desc bool) []byte {
	start := len(dst)
	switch v.Kind {
	case KindNull:
		dst = AppendNull(dst)
	case KindInt:
		dst = AppendInt(dst, v.Int)
	case KindUint:
		dst = AppendUint(dst, v.Uint)
	case KindFloat:
		dst = AppendFloat(dst, v.Float)
	default:
		dst = AppendBytes(dst, v.Bytes)
	}
	if desc {
		invert(dst[start:])
	}
	return dst
}

// EncodeTuple returns the ascending encoding of vals.
func EncodeTuple(vals ...Value) []byte {
	var dst []byte
	for _, v := range vals {
		dst = AppendValue(dst, v, false)
	}
	return dst
}

// DecodeValue decodes the element at the start of src, encoded ascending or (desc) descending,
// and returns it with the rest of src. A decoded byte string never aliases src. It returns
// ErrBadKey for input that no encoder produces.
func DecodeValue(src []byte, desc bool) (Value, []byte, error) {
	if len(src) == 0 {
		return Value{}, nil, fmt.Errorf("%w: empty input", ErrBadKey)
	}
	var flip byte
	if desc {
		flip = 0xFF
	}
	switch src[0] ^ flip {
	case tagNull:
		return NullValue(), src[1:], nil
	case tagInt:
		u, rest, err := decodeFixed(src, flip)
		return IntValue(int64(u ^ (1 << 63))), rest, err
	case tagUint:
		u, rest, err := decodeFixed(src, flip)
		return UintValue(u), rest, err
	case tagFloat:
		u, rest, err := decodeFixed(src, flip)
		if err != nil {
			return Value{}, nil, err
		}
		f, err := floatFromKey(u)
		return FloatValue(f), rest, err
	case tagBytes:
		b, rest, err := decodeBytes(src[1:], flip)
		return BytesValue(b), rest, err
	}
	return Value{}, nil, fmt.Errorf("%w: unknown tag 0x%02x", ErrBadKey, src[0])
}

// SkipValue returns src after its first element, without decoding it.
func SkipValue(src []byte, desc bool) ([]byte, error) {
	_, rest, err := DecodeValue(src, desc)
	return rest, err
}

// DecodeTuple decodes an ascending tuple encoding that spans all of src.
func DecodeTuple(src []byte) ([]Value, error) {
	var vals []Value
	for len(src) > 0 {
		v, rest, err := DecodeValue(src, false)
		if err != nil {
			return nil, err
		}
		vals = append(vals, v)
		src = rest
	}
	return vals, nil
}

// CompareValues orders two elements as their ascending encodings do: by Kind, then by value.
func CompareValues(a, b Value) int {
	if a.Kind != b.Kind {
		return cmpOrdered(a.Kind, b.Kind)
	}
	switch a.Kind {
	case KindInt:
		return cmpOrdered(a.Int, b.Int)
	case KindUint:
		return cmpOrdered(a.Uint, b.Uint)
	case KindFloat:
		return cmpOrdered(floatKey(a.Float), floatKey(b.Float))
	case KindBytes:
		return bytes.Compare(a.Bytes, b.Bytes)
	}
	return 0
}

// CompareTuples orders two tuples element by element; a proper prefix sorts first.
func CompareTuples(a, b []Value) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if c := CompareValues(a[i], b[i]); c != 0 {
			return c
		}
	}
	return cmpOrdered(len(a), len(b))
}

// PrefixEnd returns the smallest key greater than every key that starts with prefix, or nil
// when there is none (prefix is empty or all 0xFF). Use it as an exclusive upper bound; since
// element encodings are self-delimiting, [p, PrefixEnd(p)) holds exactly the keys whose tuple
// starts with the elements encoded in p.
func PrefixEnd(prefix []byte) []byte {
	end := bytes.Clone(prefix)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i] != 0xFF {
			end[i]++
			return end[:i+1]
		}
	}
	return nil
}

func cmpOrdered[T int | int64 | uint64 | Kind](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func invert(b []byte) {
	for i := range b {
		b[i] = ^b[i]
	}
}

func decodeFixed(src []byte, flip byte) (uint64, []byte, error) {
	if len(src) < 9 {
		return 0, nil, fmt.Errorf("%w: truncated number", ErrBadKey)
	}
	u := binary.BigEndian.Uint64(src[1:9])
	if flip != 0 {
		u = ^u
	}
	return u, src[9:], nil
}

func decodeBytes(src []byte, flip byte) ([]byte, []byte, error) {
	out := []byte{}
	for {
		i := bytes.IndexByte(src, bytesEscape^flip)
		if i < 0 || i+1 >= len(src) {
			return nil, nil, fmt.Errorf("%w: unterminated string", ErrBadKey)
		}
		out = appendFlipped(out, src[:i], flip)
		switch src[i+1] ^ flip {
		case bytesEscaped:
			out = append(out, 0)
		case bytesEnd:
			return out, src[i+2:], nil
		default:
			return nil, nil, fmt.Errorf("%w: bad escape 0x00 0x%02x", ErrBadKey, src[i+1]^flip)
		}
		src = src[i+2:]
	}
}

func appendFlipped(dst, src []byte, flip byte) []byte {
	if flip == 0 {
		return append(dst, src...)
	}
	for _, c := range src {
		dst = append(dst, c^flip)
	}
	return dst
}

// canonicalNaNKey is the key of every NaN: below the key of -Inf (0x000FFFFFFFFFFFFF).
const canonicalNaNKey = 0

func floatKey(f float64) uint64 {
	if math.IsNaN(f) {
		return canonicalNaNKey
	}
	if f == 0 {
		f = 0 // folds -0 into +0
	}
	b := math.Float64bits(f)
	if b&(1<<63) != 0 {
		return ^b
	}
	return b | 1<<63
}

// floatFromKey inverts floatKey and rejects keys floatKey never produces.
func floatFromKey(k uint64) (float64, error) {
	var f float64
	switch {
	case k == canonicalNaNKey:
		return math.NaN(), nil
	case k&(1<<63) != 0:
		f = math.Float64frombits(k &^ (1 << 63))
	default:
		f = math.Float64frombits(^k)
	}
	if floatKey(f) != k {
		return 0, fmt.Errorf("%w: non-canonical float 0x%016x", ErrBadKey, k)
	}
	return f, nil
}
