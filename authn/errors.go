package authn

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode/utf16"

	"github.com/sellercenter-go/sellercenter/internal/oneline"
	"github.com/sellercenter-go/sellercenter/internal/redact"
)

// Classes of token failures; test for them with errors.Is on an *Error.
// Every *Error matches at most one of ErrRejected, ErrUnavailable and
// ErrBadResponse, and ErrInvalidClient only together with ErrRejected.
var (
	// ErrRejected means the token endpoint refused the request for a
	// reason retrying cannot fix: an HTTP 4xx status other than 408 and
	// 429, an OAuth error code in a 4xx answer (invalid_grant,
	// invalid_request and the like), or a redirect, which is never followed
	// because the request carries the client secret.
	ErrRejected = errors.New("authn: token request rejected")

	// ErrInvalidClient means the token endpoint rejected the application's
	// credentials: OAuth error "invalid_client" or "invalid_app_id" (which
	// SellerCenter sends for an unknown application id), or HTTP 401
	// without an OAuth error code. It is the part of ErrRejected about the
	// credentials, so such an error matches both; fix ClientID/ClientSecret.
	ErrInvalidClient = errors.New("authn: invalid client credentials")

	// ErrUnavailable means the token endpoint could not be reached, cut
	// its answer short, or kept answering HTTP 5xx, 408 or 429 after the
	// retries: a later attempt may succeed.
	ErrUnavailable = errors.New("authn: token endpoint unavailable")

	// ErrBadResponse means the token endpoint answered 2xx with something
	// that is not a usable token: not JSON, an HTML page, an empty body, no
	// access_token, an unsupported token_type or expires_in, or an OAuth
	// error code other than invalid_client.
	ErrBadResponse = errors.New("authn: bad token response")
)

// Error is a failed token fetch. It never holds the client secret or a
// token: it keeps nothing of a 2xx body but a description, and the body
// snippet of an error status and the wrapped *oauth2.RetrieveError are
// redacted before they are stored.
type Error struct {
	// StatusCode is the HTTP status of the last attempt, or 0 when no
	// response arrived.
	StatusCode int

	// Code and Description are RFC 6749's "error" and "error_description"
	// when the body is an OAuth error. Description is left empty for a 2xx
	// body, which may hold a token.
	Code        string
	Description string

	// Body is the start of the response body, redacted, when the status is
	// not 2xx and the body carries no OAuth error code.
	Body string

	// Attempts is how many token requests were sent.
	Attempts int

	// Err is the cause: a *oauth2.RetrieveError (sanitized: no request
	// headers, no query, redacted body) for an HTTP error status, a
	// transport error (a *url.Error without the URL's query), or a
	// description of what is wrong with a 2xx response.
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
		b.WriteString(oneline.Clean(e.reason))
	}
	switch {
	case e.Code != "":
		b.WriteString(": " + quoteIfNeeded(e.Code))
		if e.Description != "" {
			b.WriteString(" (" + oneline.Quote(oneline.Cut(e.Description, 200)) + ")")
		}
	case e.Body != "":
		b.WriteString(": body " + oneline.Quote(oneline.Cut(e.Body, 120)))
	case e.StatusCode == 0 && e.Err != nil:
		b.WriteString(": " + oneline.Clean(e.Err.Error()))
	}
	return b.String()
}

// Unwrap returns the cause, so errors.As finds a *oauth2.RetrieveError or a
// *url.Error.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether e belongs to the class target (ErrRejected,
// ErrInvalidClient, ErrUnavailable or ErrBadResponse).
func (e *Error) Is(target error) bool {
	return target != nil && (e.class == target || target == ErrRejected && e.class == ErrInvalidClient)
}

// quoteIfNeeded leaves a plain RFC 6749 error code alone and quotes anything
// else, so that server text reads as a value and cannot forge more of the
// message.
func quoteIfNeeded(s string) string {
	for _, r := range s {
		if r < 0x21 || r > 0x7e || r == '"' || r == '\\' {
			return oneline.Quote(oneline.Cut(s, 100))
		}
	}
	return oneline.Cut(s, 100)
}

// Bounds on the server text an *Error keeps.
const (
	bodySnippetLen    = 512     // Error.Body
	keptBodyLen       = 4 << 10 // the sanitized RetrieveError's Body
	maxCodeLen        = 200
	maxDescriptionLen = 1 << 10
)

// redactor removes the client secret, in every form a server might echo it,
// and the values of credential fields, from text taken from a response.
type redactor struct {
	secrets []string // longest first
}

func newRedactor(clientID, clientSecret string) *redactor {
	pair := clientID + ":" + clientSecret
	escapedPair := url.QueryEscape(clientID) + ":" + url.QueryEscape(clientSecret)
	forms := []string{
		clientSecret,
		url.QueryEscape(clientSecret),
		url.PathEscape(clientSecret),
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
		forms = append(forms,
			enc.EncodeToString([]byte(pair)),
			enc.EncodeToString([]byte(escapedPair)),
			enc.EncodeToString([]byte(clientSecret)))
	}
	if j, err := json.Marshal(clientSecret); err == nil {
		forms = append(forms, string(j[1:len(j)-1]))
	}
	// The same without HTML escaping, as most JSON encoders write it, and
	// with "/" and non-ASCII escaped too, as PHP's json_encode does.
	forms = append(forms, strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(clientSecret), escapedJSON(clientSecret))
	return &redactor{secrets: longestFirst(forms)}
}

// escapedJSON returns the inside of s as a JSON string with "/" and every
// non-ASCII character escaped.
func escapedJSON(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '"' || r == '\\' || r == '/':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x80:
			b.WriteRune(r)
		default:
			for _, u := range utf16.Encode([]rune{r}) {
				fmt.Fprintf(&b, `\u%04x`, u)
			}
		}
	}
	return b.String()
}

// longestFirst returns the distinct non-empty values of vs, longest first,
// so that replacing them in order never leaves part of a longer one.
func longestFirst(vs []string) []string {
	vs = slices.DeleteFunc(slices.Clone(vs), func(v string) bool { return v == "" })
	slices.SortFunc(vs, func(a, b string) int { return cmp.Or(len(b)-len(a), strings.Compare(a, b)) })
	return slices.Compact(vs)
}

// maxScannedBody bounds how much of a body is searched for credential
// fields: the search costs about 0.2 s per MiB, and up to three attempts
// may each bring a 1 MiB body.
const maxScannedBody = 64 << 10

// scrubber redacts the text taken from one response.
type scrubber struct {
	known []string // the secret's forms and the body's credential values, longest first
}

// forBody returns a scrubber for the strings of a response with body: it
// also removes every credential field value found in the first
// maxScannedBody bytes of body, which redact.Values finds even when body
// does not parse or was cut short, so that a description or header echoing
// one is redacted too.
func (r *redactor) forBody(body []byte) scrubber {
	found := redact.Values(string(body[:min(len(body), maxScannedBody)]))
	return scrubber{known: longestFirst(append(found, r.secrets...))}
}

// text removes every known value, and every credential field value in v
// itself, from v.
func (s scrubber) text(v string) string {
	return redact.Text(v, s.known...)
}

// snippet returns the redacted start of v, at most n bytes. It redacts a
// little more than it keeps, so that no value is cut before it is
// recognised, and no more, so that a huge v costs little.
func (s scrubber) snippet(v string, n int) string {
	margin := 256
	if len(s.known) > 0 {
		margin += len(s.known[0])
	}
	if len(v) > n+margin {
		v = v[:n+margin]
	}
	return oneline.Cut(strings.TrimSpace(s.text(v)), n)
}

// header returns a copy of h with credentials removed from every value,
// without cookies, and with the query of any Location dropped.
func (s scrubber) header(h http.Header) http.Header {
	out := make(http.Header, len(h))
	for k, vs := range h {
		if strings.EqualFold(k, "Set-Cookie") {
			continue
		}
		c := make([]string, len(vs))
		for i, v := range vs {
			switch {
			case redact.SensitiveKey(k):
				c[i] = redact.Mark
			case strings.EqualFold(k, "Location"), strings.EqualFold(k, "Content-Location"):
				c[i] = s.text(withoutQuery(v))
			default:
				c[i] = s.text(v)
			}
		}
		out[k] = c
	}
	return out
}

// withoutQuery returns the scheme, host and path of a URL, dropping user
// information, query and fragment, which may hold credentials. It returns
// "" for what does not parse.
func withoutQuery(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return stripURL(u).String()
}

// stripURL returns a copy of u without user information, query and
// fragment.
func stripURL(u *url.URL) *url.URL {
	return &url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path, RawPath: u.RawPath}
}

// stripURLError returns err with the URL of a top-level *url.Error cut to
// scheme, host and path: http.Client puts the whole request URL, query
// included, in its errors, and TokenURL's query may hold a credential.
func stripURLError(err error) error {
	ue, ok := err.(*url.Error)
	if !ok {
		return err
	}
	return &url.Error{Op: ue.Op, URL: withoutQuery(ue.URL), Err: ue.Err}
}
