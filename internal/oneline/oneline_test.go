package oneline

import (
	"strings"
	"testing"
	"unicode"
)

func TestClean(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"plain", "order 1001 not found", "order 1001 not found"},
		{"empty", "", ""},
		{"crlf injection", "SKU\r\nX-Injected: 1", `SKU X-Injected: 1`},
		{"whitespace runs", "  a \t\n b  ", "a b"},
		{"escape", "red\x1b[31mtext", `red\x1b[31mtext`},
		{"bell and nul", "a\ab\x00c", `a\ab\x00c`},
		{"del and c1", "a\x7fb\u0085c\u009bd", `a\x7fb c\u009bd`},
		{"bidi override", "abc\u202Etxt.exe", `abc\u202etxt.exe`},
		{"zero width", "to\u200Bken", `to\u200bken`},
		{"line separator", "a\u2028b", "a b"},
		{"invalid utf8", "a\xffb", "a\uFFFDb"},
		{"real replacement char kept", "a\uFFFDb", "a\uFFFDb"},
		{"unicode letters kept", "São Paulo – 東京", "São Paulo – 東京"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := Clean(tt.in)
			if got != tt.want {
				t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
			}
			for _, r := range got {
				if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || (r != ' ' && unicode.IsSpace(r)) {
					t.Errorf("Clean(%q) kept %U", tt.in, r)
				}
			}
			if Clean(got) != got {
				t.Errorf("Clean is not idempotent on %q", got)
			}
		})
	}
}

func TestCut(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"abcdefghijk", 5, "abcde…"},
		{"ééé", 3, "é…"}, // never splits a rune
		{"abc", 0, "…"},
	}
	for _, tt := range tests {
		if got := Cut(tt.in, tt.n); got != tt.want {
			t.Errorf("Cut(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}

func TestQuote(t *testing.T) {
	t.Parallel()
	if got, want := Quote("a\r\nb\x1b\u202e"), `"a b\x1b\u202e"`; got != want {
		t.Errorf("Quote = %s, want %s", got, want)
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"", "a b", "SKU\r\nX: 1", "\x1b[2J", "\xff\xfe", "\u202e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Clean(s)
		if strings.ContainsAny(got, "\r\n\x00\x1b\a") {
			t.Fatalf("Clean(%q) = %q keeps a control character", s, got)
		}
		if Clean(got) != got {
			t.Fatalf("Clean not idempotent: %q -> %q -> %q", s, got, Clean(got))
		}
	})
}
