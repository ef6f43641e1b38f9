// Package redact is the one list of what counts as a credential in this
// module, and the code that finds such values in text that may not parse.
// The client's logging layer, package authn and the mock all use it, so a
// name added here is redacted everywhere.
package redact

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Mark replaces every redacted value.
const Mark = "[REDACTED]"

var (
	keySeparators = strings.NewReplacer("_", "", "-", "", ".", "")
	// sensitiveWords are the parts of field, parameter and header names
	// under which APIs carry credentials.
	sensitiveWords = []string{"token", "secret", "password", "passwd", "authorization", "apikey", "signature", "credential"}
	// notSensitive are names that match a word above but never carry a
	// credential; redacting their values ("Bearer") would blank out
	// unrelated text.
	notSensitive = []string{"tokentype", "expiresin"}
)

// SensitiveKey reports whether a field, parameter or header named k holds
// a credential: access_token, client_secret, X-Api-Key, Authorization and
// the like, whatever their case and separators.
func SensitiveKey(k string) bool {
	k = keySeparators.Replace(strings.ToLower(k))
	if slices.Contains(notSensitive, k) {
		return false
	}
	for _, s := range sensitiveWords {
		if strings.Contains(k, s) {
			return true
		}
	}
	return false
}

// field matches `key: value` and `key=value` pairs in JSON, form or free
// text, quoted or not. A quoted value runs to its closing quote or, in text
// cut short, to the end, so a truncated body still yields its token. An
// unquoted value stops at ":" and "=", which keeps the overlapping scan of
// Values linear (base64 padding is all a token can lose to that).
var field = regexp.MustCompile(`(?:"([^"\\]{1,64})"|\b([A-Za-z][A-Za-z0-9_.\-]{0,63}))\s*[:=]\s*(?:"((?:[^"\\]|\\.)*)"?|([^\s"',&;:=}\]]+))`)

// Values returns the values of the sensitive fields in text, however
// malformed or truncated text is: as they appear in it, JSON-unescaped and
// URL-decoded, longest first, so that replacing them in order never leaves
// part of a longer one behind.
func Values(text string) []string {
	var out []string
	for pos := 0; pos < len(text); {
		m := field.FindStringSubmatchIndex(text[pos:])
		if m == nil {
			break
		}
		for i := range m {
			if m[i] >= 0 {
				m[i] += pos
			}
		}
		// Matches may overlap: a value can itself hold "key": "value"
		// (a body cut or quoted oddly), so the scan goes on from where
		// this value starts, not where it ends.
		pos = max(valueStart(m), pos+1)
		key := submatch(text, m, 1) + submatch(text, m, 2)
		if !SensitiveKey(key) {
			continue
		}
		if v := submatch(text, m, 3); v != "" {
			out = append(out, v)
			if u, err := strconv.Unquote(`"` + v + `"`); err == nil {
				out = append(out, u)
			}
		}
		if v := submatch(text, m, 4); v != "" {
			out = append(out, v)
			if u, err := url.QueryUnescape(v); err == nil {
				out = append(out, u, url.QueryEscape(u))
			}
		}
	}
	slices.SortFunc(out, func(a, b string) int { return len(b) - len(a) })
	return slices.Compact(out)
}

// valueStart is where the value of match m starts in the text, its opening
// quote included.
func valueStart(m []int) int {
	if m[6] >= 0 {
		return m[6] - 1
	}
	return m[8]
}

func submatch(s string, m []int, i int) string {
	if m[2*i] < 0 {
		return ""
	}
	return s[m[2*i]:m[2*i+1]]
}

// Text returns text with every sensitive field value found by Values, and
// every one of known (secrets the caller holds), replaced by Mark.
func Text(text string, known ...string) string {
	for _, v := range Values(text) {
		text = strings.ReplaceAll(text, v, Mark)
	}
	for _, v := range known {
		if v != "" {
			text = strings.ReplaceAll(text, v, Mark)
		}
	}
	return text
}
