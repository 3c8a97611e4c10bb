package functions

import "testing"

func TestFormatFields(t *testing.T) {
	for _, tc := range []struct {
		f    string
		args []any
		want string
		err  error
	}{
		{"{} and {}", []any{int64(1), "x"}, "1 and x", nil},
		{"{:*^9}|{:<3}|", []any{"ab", int64(7)}, "***ab****|7  |", nil},
		{"{:+08.2f}", []any{3.14159}, "+0003.14", nil},
		{"{:#X}", []any{int64(255)}, "0XFF", nil},
		{"{:x}", []any{int64(-9223372036854775808)}, "-8000000000000000", nil},
		{"{}", []any{uint64(12345678901234567890)}, "-6101065172474983726", nil},
		{"{:.2}", []any{"héllo"}, "hé", nil},
		{"{:>3}", []any{"é"}, "  é", nil},
		{"{}", []any{1e-5}, "1e-05", nil},
		{"{}", []any{123456789012345.0}, "123456789012345", nil},
		{"{:c}", []any{int64(0x263a)}, "☺", nil},
		{"{} {}", []any{int64(1)}, "", errFmtArgument},
		{"{0}{}", []any{int64(1)}, "", errFmtManual},
		{"{}{0}", []any{int64(1)}, "", errFmtAuto},
		{"{:d}", []any{"x"}, "", errFmtType},
		{"{:.2d}", []any{int64(1)}, "", errFmtString},
		{"{:99999999999999999999}", []any{int64(1)}, "", nil},
		{"{", []any{int64(1)}, "", errFmtString},
		{"}", nil, "", errFmtUnmatched},
		{"{{}}", nil, "{}", nil},
	} {
		got, err := formatFields(tc.f, tc.args)
		if err != tc.err || (err == nil && tc.want != "" && got != tc.want) {
			t.Errorf("formatFields(%q, %v) = %q, %v; want %q, %v", tc.f, tc.args, got, err, tc.want, tc.err)
		}
	}
}

func TestNaturalKey(t *testing.T) {
	for in, want := range map[string]string{
		"a010":                 "a110",
		"000":                  "00",
		"12345678901234567890": "99112345678901234567890",
		"x1.5y":                "x01.05y",
		"":                     "",
		"１２":                   "１２",
	} {
		if got := naturalKey(in); got != want {
			t.Errorf("naturalKey(%q) = %q, want %q", in, got, want)
		}
	}
}
