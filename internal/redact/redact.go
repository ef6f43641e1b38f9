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

// field matches one `key: value` or `key=value` pair at the start of its
// input, in JSON, form or free text, the key quoted or not. A quoted value
// runs to its closing quote or, in text cut short, to the end, so a
// truncated body still yields its token. An unquoted value stops at ":" and
// "=", so a run of "k:k:k:" costs little (base64 padding is all a token can
// lose to that).
var field = regexp.MustCompile(`^(?:"([^"\\]{1,64})"|([A-Za-z][A-Za-z0-9_.\-]{0,63}))\s*[:=]\s*(?:"((?:[^"\\]|\\.)*)"?|([^\s"',&;:=}\]]+))`)

// keyHints are lower-case parts of every name SensitiveKey accepts ("key"
// for api_key and X-Api-Key), which Values looks for before it tries the
// pattern: most text holds none, and the pattern then runs only where a key
// could start.
var keyHints = []string{"token", "secret", "passw", "authorization", "signature", "credential", "key"}

// Values returns the values of the sensitive fields in text, however
// malformed or truncated text is: as they appear in it, JSON-unescaped and
// URL-decoded, longest first, so that replacing them in order never leaves
// part of a longer one behind.
func Values(text string) []string {
	var out []string
	for _, at := range keyStarts(text) {
		m := field.FindStringSubmatchIndex(text[at:])
		if m == nil {
			continue
		}
		sub := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return text[at+m[2*i] : at+m[2*i+1]]
		}
		if !SensitiveKey(sub(1) + sub(2)) {
			continue
		}
		if v := sub(3); v != "" {
			out = append(out, v)
			if u, err := strconv.Unquote(`"` + v + `"`); err == nil {
				out = append(out, u)
			}
		}
		if v := sub(4); v != "" {
			out = append(out, v)
			if u, err := url.QueryUnescape(v); err == nil {
				out = append(out, u, url.QueryEscape(u))
			}
		}
	}
	slices.SortFunc(out, func(a, b string) int { return len(b) - len(a) })
	return slices.Compact(out)
}

// keyStarts returns, in order and once each, the offsets where a key that
// holds one of keyHints starts: back from the hint over the characters a
// key is made of, and to its opening quote if it is quoted (a quoted key
// may hold spaces). Every key is tried, so a value that itself holds
// `"key": "value"` (a body cut or quoted oddly) is still searched.
func keyStarts(text string) []int {
	lower := asciiLower(text)
	var starts []int
	for _, hint := range keyHints {
		for from := 0; ; {
			i := strings.Index(lower[from:], hint)
			if i < 0 {
				break
			}
			i += from
			from = i + len(hint)
			start := i
			for start > 0 && start > i-64 && keyChar(text[start-1]) {
				start--
			}
			quoted := start
			for quoted > 0 && quoted > i-64 && (keyChar(text[quoted-1]) || text[quoted-1] == ' ') {
				quoted--
			}
			if quoted > 0 && text[quoted-1] == '"' {
				start = quoted - 1
			}
			starts = append(starts, start)
		}
	}
	slices.Sort(starts)
	return slices.Compact(starts)
}

func keyChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-'
}

// asciiLower lowers ASCII letters only, so offsets stay those of s.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
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
