package authn

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Classes of token failures; test for them with errors.Is on an *Error.
var (
	// ErrInvalidClient means the token endpoint rejected the application's
	// credentials: OAuth error "invalid_client", or HTTP 401 without an
	// OAuth error body. Retrying does not help; fix ClientID/ClientSecret.
	ErrInvalidClient = errors.New("authn: invalid client credentials")

	// ErrUnavailable means the token endpoint could not be reached or kept
	// failing with HTTP 5xx after the retries.
	ErrUnavailable = errors.New("authn: token endpoint unavailable")

	// ErrBadResponse means the token endpoint answered 2xx with something
	// that is not a usable token: not JSON, an HTML page, an empty body, no
	// access_token, or an unsupported token_type or expires_in.
	ErrBadResponse = errors.New("authn: bad token response")
)

// Error is a failed token fetch. It never holds the client secret or a
// token: the body snippet and the wrapped *oauth2.RetrieveError are redacted
// before they are stored.
type Error struct {
	// StatusCode is the HTTP status of the last attempt, or 0 when no
	// response arrived.
	StatusCode int

	// Code and Description are RFC 6749's "error" and "error_description"
	// when the body is an OAuth error.
	Code        string
	Description string

	// Body is the start of the response body, redacted, when it carries no
	// OAuth error code.
	Body string

	// Attempts is how many token requests were sent.
	Attempts int

	// Err is the cause: a *oauth2.RetrieveError (sanitized: no request
	// headers, redacted body) for an HTTP error status, a transport error, or
	// a description of what is wrong with a 2xx response.
	Err error

	class  error  // one of the Err* sentinels, or nil
	reason string // what was wrong, for messages that have no HTTP error
}

// Error returns a one-line message starting with "authn:".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("authn: token request failed")
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " after %d attempts", e.Attempts)
	}
	if e.StatusCode != 0 {
		fmt.Fprintf(&b, ": HTTP %d", e.StatusCode)
		if t := http.StatusText(e.StatusCode); t != "" {
			b.WriteString(" " + t)
		}
	}
	if e.reason != "" {
		b.WriteString(": ")
		b.WriteString(e.reason)
	}
	switch {
	case e.Code != "":
		fmt.Fprintf(&b, ": %s", quoteIfNeeded(e.Code))
		if e.Description != "" {
			fmt.Fprintf(&b, " (%q)", e.Description)
		}
	case e.Body != "":
		fmt.Fprintf(&b, ": body %q", shorten(e.Body, 120))
	case e.StatusCode == 0 && e.Err != nil:
		fmt.Fprintf(&b, ": %v", e.Err)
	}
	return b.String()
}

// Unwrap returns the cause, so errors.As finds a *oauth2.RetrieveError or a
// *url.Error.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether e belongs to the class target (ErrInvalidClient,
// ErrUnavailable or ErrBadResponse).
func (e *Error) Is(target error) bool { return target != nil && e.class == target }

// quoteIfNeeded leaves a plain RFC 6749 error code alone and quotes anything
// else, so server text cannot forge extra log lines.
func quoteIfNeeded(s string) string {
	for _, r := range s {
		if r < 0x21 || r > 0x7e || r == '"' || r == '\\' {
			return strconv.Quote(s)
		}
	}
	return s
}

// shorten cuts s to at most n bytes on a rune boundary, marking the cut.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "..."
}

const (
	redacted       = "[REDACTED]"
	bodySnippetLen = 512
	keptBodyLen    = 4 << 10
)

// redactor removes the client secret, in every form a server might echo it,
// and any token found in a body.
type redactor struct {
	secrets []string
}

func newRedactor(clientID, clientSecret string) *redactor {
	forms := []string{
		clientSecret,
		url.QueryEscape(clientSecret),
		url.PathEscape(clientSecret),
		base64.StdEncoding.EncodeToString([]byte(clientID + ":" + clientSecret)),
		base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(clientID) + ":" + url.QueryEscape(clientSecret))),
	}
	if j, err := json.Marshal(clientSecret); err == nil {
		forms = append(forms, string(j[1:len(j)-1]))
	}
	r := &redactor{}
	seen := map[string]bool{}
	for _, f := range forms {
		if f != "" && !seen[f] {
			seen[f] = true
			r.secrets = append(r.secrets, f)
		}
	}
	return r
}

// tokenKeys are body fields whose values are credentials.
var tokenKeys = []string{"access_token", "refresh_token", "id_token"}

// body returns a redacted copy of a response body.
func (r *redactor) body(b []byte) string {
	s := string(b)
	for _, tok := range tokensIn(b) {
		s = strings.ReplaceAll(s, tok, redacted)
	}
	return r.text(s)
}

// text removes the secret from one string.
func (r *redactor) text(s string) string {
	for _, sec := range r.secrets {
		s = strings.ReplaceAll(s, sec, redacted)
	}
	return s
}

// tokensIn returns the token values of a JSON or form-encoded body, longest
// first so that a token containing another is replaced whole.
func tokensIn(b []byte) []string {
	var out []string
	var m map[string]any
	if json.Unmarshal(b, &m) == nil {
		for _, k := range tokenKeys {
			if v, ok := m[k].(string); ok && v != "" {
				out = append(out, v)
			}
		}
	} else if vals, err := url.ParseQuery(string(bytes.TrimSpace(b))); err == nil {
		for _, k := range tokenKeys {
			for _, v := range vals[k] {
				if v != "" {
					out = append(out, v, url.QueryEscape(v))
				}
			}
		}
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && len(out[j]) > len(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// header returns a copy of h with secrets removed from every value.
func (r *redactor) header(h http.Header) http.Header {
	out := make(http.Header, len(h))
	for k, vs := range h {
		if strings.EqualFold(k, "Set-Cookie") {
			continue
		}
		c := make([]string, len(vs))
		for i, v := range vs {
			c[i] = r.text(v)
		}
		out[k] = c
	}
	return out
}
