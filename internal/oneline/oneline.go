// Package oneline makes text from outside the program (API answers, token
// endpoints, caller input echoed back) safe to put in one line of an error
// message, a log record or a terminal.
package oneline

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clean returns s as one line: every run of white space (line breaks
// included) becomes one space, the ends are trimmed, control and format
// characters (ESC, BEL, NUL, bidi overrides, zero-width marks) are written as
// Go escapes such as \x1b or \u202e, and invalid UTF-8 becomes U+FFFD. The
// result can neither start a new log line nor drive a terminal.
func Clean(s string) string {
	if plain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			if _, n := utf8.DecodeRuneInString(s[i:]); n <= 1 {
				r = unicode.ReplacementChar
			}
		case unicode.IsSpace(r):
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// plain reports whether s is printable ASCII with single inner spaces, the
// common case, which Clean returns unchanged without allocating.
func plain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c > 0x7e || (c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' ')) {
			return false
		}
	}
	return true
}

// Cut shortens s to at most n bytes, on a rune boundary, and marks the cut
// with "…". It does not clean s.
func Cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// Quote returns s as one line in double quotes, for a value inside a
// message: white space folded as by Clean, everything else escaped once by
// strconv.Quote.
func Quote(s string) string {
	return strconv.Quote(strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " "))
}
