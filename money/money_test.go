package money_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/sellercenter-go/sellercenter/money"
)

// amount parses s or fails the test.
func amount(t testing.TB, s string) money.Amount {
	t.Helper()
	a, err := money.Parse(s)
	if err != nil {
		t.Fatalf("Parse(%q) = %v", s, err)
	}
	return a
}

func TestParseKeepsText(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"0", "65.3", "65.30", "-0.10", "1000", "1.5e2", "1E-2", "+12.00", "007.5", "-0", "123456789012345678901234567890.123456789"} {
		t.Run(s, func(t *testing.T) {
			t.Parallel()
			if got := amount(t, s).String(); got != s {
				t.Errorf("Parse(%q).String() = %q, want the text unchanged", s, got)
			}
		})
	}
}

func TestParseRefusesWhatIsNotADecimal(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", " 1", "1 ", "1,50", "1.", ".5", "-", "+", "NaN", "Inf", "-Inf", "0x10", "1e", "1e+", "1e401", "1e-401", "1.2.3", "--1", "١٢", "12€", "true", strings.Repeat("9", 101), "0." + strings.Repeat("1", 100)} {
		t.Run(s, func(t *testing.T) {
			t.Parallel()
			a, err := money.Parse(s)
			if !errors.Is(err, money.ErrSyntax) {
				t.Fatalf("Parse(%q) = %v, %v; want an error wrapping ErrSyntax", s, a, err)
			}
			if !strings.HasPrefix(err.Error(), "money: ") {
				t.Errorf("Parse(%q) error %q does not say it is about money", s, err)
			}
		})
	}
}

func TestJSONRoundTripKeepsForm(t *testing.T) {
	t.Parallel()
	for _, in := range []string{`65.3`, `65.30`, `"65.30"`, `-0.10`, `"-0.10"`, `0`, `1.5e2`, `"1000"`, `12345678901234567890.01`} {
		t.Run(in, func(t *testing.T) {
			t.Parallel()
			var a money.Amount
			if err := json.Unmarshal([]byte(in), &a); err != nil {
				t.Fatalf("Unmarshal(%s) = %v", in, err)
			}
			out, err := json.Marshal(a)
			if err != nil {
				t.Fatalf("Marshal(%v) = %v", a, err)
			}
			if string(out) != in {
				t.Errorf("Marshal(Unmarshal(%s)) = %s, want it unchanged", in, out)
			}
			if want := strings.HasPrefix(in, `"`); a.IsString() != want {
				t.Errorf("Unmarshal(%s).IsString() = %v, want %v", in, a.IsString(), want)
			}
		})
	}
}

func TestJSONRefusesBadInput(t *testing.T) {
	t.Parallel()
	for _, in := range []string{`""`, `"abc"`, `"1,5"`, `true`, `{}`, `[1]`, `"\u0031"`, `" 1"`} {
		t.Run(in, func(t *testing.T) {
			t.Parallel()
			var a money.Amount
			if err := json.Unmarshal([]byte(in), &a); err == nil {
				t.Errorf("Unmarshal(%s) = %v, want an error", in, a)
			}
		})
	}
}

func TestJSONNullLeavesZero(t *testing.T) {
	t.Parallel()
	var v struct {
		A money.Amount  `json:"a"`
		B *money.Amount `json:"b"`
	}
	if err := json.Unmarshal([]byte(`{"a":null,"b":null}`), &v); err != nil {
		t.Fatalf("Unmarshal(null) = %v", err)
	}
	if !v.A.IsZero() || v.B != nil {
		t.Errorf("Unmarshal(null) = %v, %v; want 0 and nil", v.A, v.B)
	}
}

func TestMarshalWritesValidJSONForStringOnlyText(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"+12.00": "12.00", "007.5": "7.5", "-00.10": "-0.10"} {
		t.Run(in, func(t *testing.T) {
			t.Parallel()
			out, err := json.Marshal(amount(t, in))
			if err != nil || string(out) != want {
				t.Errorf("Marshal(Parse(%q)) = %s, %v; want %s", in, out, err, want)
			}
		})
	}
}

func TestArithmetic(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		got  func(t *testing.T) money.Amount
		want string
	}{
		{"add keeps the finest scale", func(t *testing.T) money.Amount { return amount(t, "0.10").Add(amount(t, "2")) }, "2.10"},
		{"add negative", func(t *testing.T) money.Amount { return amount(t, "10.00").Add(amount(t, "-12.5")) }, "-2.50"},
		{"sub", func(t *testing.T) money.Amount { return amount(t, "100.00").Sub(amount(t, "0.01")) }, "99.99"},
		{"sum of none", func(t *testing.T) money.Amount { return money.Sum() }, "0"},
		{"sum with exponent", func(t *testing.T) money.Amount {
			return money.Sum(amount(t, "1.5e2"), amount(t, "0.25"), amount(t, "1e-3"))
		}, "150.251"},
		{"neg", func(t *testing.T) money.Amount { return amount(t, "65.30").Neg() }, "-65.30"},
		{"neg of negative", func(t *testing.T) money.Amount { return amount(t, "-0.10").Neg() }, "0.10"},
		{"neg of zero", func(t *testing.T) money.Amount { return amount(t, "-0.00").Neg() }, "0.00"},
		{"beyond int64", func(t *testing.T) money.Amount {
			return amount(t, "9223372036854775807.99").Add(amount(t, "0.01"))
		}, "9223372036854775808.00"},
		{"from minor units", func(t *testing.T) money.Amount {
			a, err := money.FromMinorUnits(-1050, 2)
			if err != nil {
				t.Fatal(err)
			}
			return a
		}, "-10.50"},
		{"from minor units below one", func(t *testing.T) money.Amount {
			a, err := money.FromMinorUnits(7, 3)
			if err != nil {
				t.Fatal(err)
			}
			return a
		}, "0.007"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.got(t).String(); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestCmp(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, b string
		want int
	}{
		{"1.5", "1.50", 0}, {"0", "-0.00", 0}, {"0.1", "0.09", 1}, {"-1", "0.5", -1},
		{"1e2", "100.00", 0}, {"99999999999999999999.01", "99999999999999999999.1", -1},
	}
	for _, tt := range tests {
		t.Run(tt.a+" vs "+tt.b, func(t *testing.T) {
			t.Parallel()
			if got := amount(t, tt.a).Cmp(amount(t, tt.b)); got != tt.want {
				t.Errorf("Cmp(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestMinorUnits(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in       string
		decimals int
		want     int64
		err      error
	}{
		{"10.50", 2, 1050, nil},
		{"10.5", 2, 1050, nil},
		{"10.500", 2, 1050, nil},
		{"-0.01", 2, -1, nil},
		{"1000", 0, 1000, nil},
		{"1.5e2", 2, 15000, nil},
		{"92233720368547758.07", 2, 9223372036854775807, nil},
		{"-92233720368547758.08", 2, -9223372036854775808, nil},
		{"10.505", 2, 0, money.ErrRange},
		{"0.1", 0, 0, money.ErrRange},
		{"92233720368547758.08", 2, 0, money.ErrRange},
		{"1", -1, 0, money.ErrRange},
		{"1", 19, 0, money.ErrRange},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s at %d", tt.in, tt.decimals), func(t *testing.T) {
			t.Parallel()
			got, err := amount(t, tt.in).MinorUnits(tt.decimals)
			if !errors.Is(err, tt.err) || got != tt.want {
				t.Errorf("MinorUnits(%d) of %s = %d, %v; want %d, %v", tt.decimals, tt.in, got, err, tt.want, tt.err)
			}
		})
	}
}

func TestZeroAmount(t *testing.T) {
	t.Parallel()
	var a money.Amount
	out, err := json.Marshal(a)
	if err != nil || string(out) != "0" || a.String() != "0" || !a.IsZero() || a.Sign() != 0 {
		t.Errorf("zero Amount = %s (%v), String %q, IsZero %v; want 0", out, err, a.String(), a.IsZero())
	}
}

func TestSumOfManyIsExact(t *testing.T) {
	t.Parallel()
	tenCents := amount(t, "0.10")
	many := make([]money.Amount, 10000)
	for i := range many {
		many[i] = tenCents
	}
	if got := money.Sum(many...).String(); got != "1000.00" {
		t.Errorf("Sum(10,000 × 0.10) = %s, want 1000.00", got)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"0", "65.30", "-0.10", "1.5e2", "+1", "", "1e401", "NaN", "1,5", "007"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := money.Parse(s)
		if err != nil {
			if !errors.Is(err, money.ErrSyntax) {
				t.Fatalf("Parse(%q) error %v does not wrap ErrSyntax", s, err)
			}
			return
		}
		if a.String() != s {
			t.Fatalf("Parse(%q).String() = %q", s, a.String())
		}
		out, err := json.Marshal(a)
		if err != nil {
			t.Fatalf("Marshal(Parse(%q)) = %v", s, err)
		}
		var back money.Amount
		if err := json.Unmarshal(out, &back); err != nil || back.Cmp(a) != 0 {
			t.Fatalf("Unmarshal(Marshal(Parse(%q))) = %v, %v; want the same amount", s, back, err)
		}
		if a.Add(a.Neg()).Sign() != 0 {
			t.Fatalf("%s + -%s is not zero", s, s)
		}
	})
}
