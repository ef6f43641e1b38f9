package sellercenter

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sellercenter-go/sellercenter/internal/oneline"
	"github.com/sellercenter-go/sellercenter/internal/redact"
)

// LevelBody is the slog level at which request and response bodies are
// logged: below Debug, so turning on Debug shows the traffic without the
// payloads. Bodies are redacted and truncated; those of the token endpoint
// are never logged.
const LevelBody = slog.LevelDebug - 4

const (
	// bodyLogLimit is how much of a (redacted) body a record shows.
	bodyLogLimit = 2 << 10
	// bodyPeekLimit is how much of a body is read to redact it; a JSON
	// body must be parsed whole before any of it can be shown.
	bodyPeekLimit = 64 << 10
)

// loggingTransport records each HTTP exchange. It never logs headers, so the
// Authorization header added by the auth layer above cannot leak.
type loggingTransport struct {
	next   http.RoundTripper
	logger *slog.Logger
	// tokenURL, when set, names the OAuth endpoint whose bodies are never
	// logged, whatever the level.
	tokenURL *url.URL
	// noBodies turns body logging off for every request.
	noBodies bool
}

// RoundTrip implements http.RoundTripper.
func (t *loggingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	if !t.logger.Enabled(ctx, slog.LevelDebug) {
		return t.next.RoundTrip(req)
	}
	token := t.isTokenEndpoint(req.URL)
	bodies := t.logger.Enabled(ctx, LevelBody) && !token && !t.noBodies
	if bodies && req.GetBody != nil {
		// Only a replayable body is logged: reading req.Body would consume it.
		if b, err := req.GetBody(); err == nil && b != nil {
			data, rerr := io.ReadAll(io.LimitReader(b, bodyPeekLimit+1))
			_ = b.Close()
			if rerr == nil && len(data) > 0 {
				t.logger.LogAttrs(ctx, LevelBody, "sellercenter: request body",
					slog.String("method", req.Method),
					slog.String("path", req.URL.EscapedPath()),
					slog.String("body", formatBody(req.Header.Get("Content-Type"), data, req.ContentLength)))
			}
		}
	}

	start := time.Now()
	resp, err := t.next.RoundTrip(req)
	attrs := make([]slog.Attr, 0, 7)
	msg := "sellercenter: request"
	if token {
		// The token endpoint is usually on another host than the API.
		msg = "sellercenter: token request"
		attrs = append(attrs, slog.String("method", req.Method),
			slog.String("url", req.URL.Scheme+"://"+req.URL.Host+req.URL.EscapedPath()))
	} else {
		attrs = append(attrs, slog.String("method", req.Method),
			slog.String("path", req.URL.EscapedPath()))
	}
	if q := redactQuery(req.URL.RawQuery); q != "" {
		attrs = append(attrs, slog.String("query", q))
	}
	if !token {
		// A token request runs inside the API attempt that needed the
		// token, and authn counts its own attempts.
		attrs = append(attrs, slog.Int("attempt", attemptFrom(ctx)))
	}
	if err != nil {
		attrs = append(attrs, slog.Duration("duration", time.Since(start)), slog.String("error", err.Error()))
		t.logger.LogAttrs(ctx, slog.LevelDebug, msg+" failed", attrs...)
		return nil, err
	}
	attrs = append(attrs, slog.Int("status", resp.StatusCode), slog.Duration("duration", time.Since(start)))
	t.logger.LogAttrs(ctx, slog.LevelDebug, msg, attrs...)

	if bodies {
		data, rerr := peekBody(resp)
		if len(data) > 0 || rerr != nil {
			t.logger.LogAttrs(ctx, LevelBody, "sellercenter: response body",
				slog.String("method", req.Method),
				slog.String("path", req.URL.EscapedPath()),
				slog.Int("status", resp.StatusCode),
				slog.String("body", formatBody(resp.Header.Get("Content-Type"), data, resp.ContentLength)))
		}
	}
	return resp, nil
}

// newTokenLogging is the transport of token requests: cfg's base, logged
// like API requests, without bodies (the request carries the secret, the
// response the token).
func newTokenLogging(cfg Config) http.RoundTripper {
	tokenURL, err := url.Parse(cfg.TokenURL)
	if err != nil || cfg.TokenURL == "" {
		// Without a token URL to recognise, bodies are never logged.
		return &loggingTransport{next: cfg.baseTransport(), logger: cfg.logger(), noBodies: true}
	}
	return &loggingTransport{next: cfg.baseTransport(), logger: cfg.logger(), tokenURL: tokenURL}
}

func (t *loggingTransport) isTokenEndpoint(u *url.URL) bool {
	return t.tokenURL != nil && sameOrigin(u, t.tokenURL) &&
		strings.TrimSuffix(u.Path, "/") == strings.TrimSuffix(t.tokenURL.Path, "/")
}

// peekBody reads the start of resp.Body and puts it back in front of the
// rest, so the caller still reads the whole body, read errors included.
func peekBody(resp *http.Response) ([]byte, error) {
	if resp.Body == nil || resp.Body == http.NoBody {
		return nil, nil
	}
	orig := resp.Body
	data, err := io.ReadAll(io.LimitReader(orig, bodyPeekLimit+1))
	rest := io.MultiReader(bytes.NewReader(data), orig)
	if err != nil {
		rest = io.MultiReader(bytes.NewReader(data), errReader{err})
	}
	resp.Body = readCloser{Reader: rest, Closer: orig}
	return data, err
}

type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

type readCloser struct {
	io.Reader
	io.Closer
}

// formatBody renders a body for a log record with every secret-looking
// value replaced. Content that cannot be parsed, and so not redacted, is
// described rather than shown.
func formatBody(contentType string, data []byte, length int64) string {
	size := len(data)
	complete := size <= bodyPeekLimit
	if length > int64(size) {
		size = int(length)
	}
	mediaType, _, _ := mime.ParseMediaType(contentType)
	trimmed := bytes.TrimSpace(data)
	switch {
	case strings.HasSuffix(mediaType, "json") || (mediaType == "" && len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[')):
		if !complete {
			return "[JSON body of " + strconv.Itoa(size) + "+ bytes, too large to redact, not logged]"
		}
		var v any
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil || dec.More() {
			return "[invalid JSON body of " + strconv.Itoa(size) + " bytes, not logged]"
		}
		out, err := json.Marshal(redactJSON(v))
		if err != nil {
			return "[JSON body of " + strconv.Itoa(size) + " bytes, not logged]"
		}
		return truncate(string(out), size)
	case mediaType == "application/x-www-form-urlencoded":
		if !complete {
			return "[form body of " + strconv.Itoa(size) + "+ bytes, too large to redact, not logged]"
		}
		values, err := url.ParseQuery(string(data))
		if err != nil {
			return "[invalid form body of " + strconv.Itoa(size) + " bytes, not logged]"
		}
		return truncate(redactValues(values), size)
	case strings.HasPrefix(mediaType, "multipart/"):
		return "[multipart body of " + strconv.Itoa(size) + " bytes, not logged]"
	case looksBinary(data):
		return "[binary body of " + strconv.Itoa(size) + " bytes, not logged]"
	}
	return truncate(string(data), size)
}

// truncate cuts s to bodyLogLimit bytes on a rune boundary and says how big
// the original was.
func truncate(s string, size int) string {
	if len(s) <= bodyLogLimit {
		return s
	}
	return oneline.Cut(s, bodyLogLimit) + "[truncated, " + strconv.Itoa(size) + " bytes]"
}

func redactJSON(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			if redact.SensitiveKey(k) {
				x[k] = redact.Mark
			} else {
				x[k] = redactJSON(val)
			}
		}
	case []any:
		for i := range x {
			x[i] = redactJSON(x[i])
		}
	}
	return v
}

// redactValues encodes values with the sensitive ones replaced by the
// mark, which is left unescaped so that it reads the same in every record.
func redactValues(values url.Values) string {
	for k := range values {
		if redact.SensitiveKey(k) {
			values[k] = []string{redact.Mark}
		}
	}
	return strings.ReplaceAll(values.Encode(), url.QueryEscape(redact.Mark), redact.Mark)
}

// redactQuery returns the query with sensitive values replaced, or a note
// when it cannot be parsed (and so cannot be redacted).
func redactQuery(raw string) string {
	if raw == "" {
		return ""
	}
	values, err := url.ParseQuery(raw)
	if err != nil {
		return "[unparseable query not logged]"
	}
	return redactValues(values)
}

// looksBinary reports whether the start of data is not text: invalid UTF-8
// (other than a rune cut at the end) or a NUL byte.
func looksBinary(data []byte) bool {
	head := data[:min(len(data), bodyLogLimit)]
	for len(head) > 0 {
		r, n := utf8.DecodeRune(head)
		switch {
		case r == utf8.RuneError && n <= 1:
			return utf8.FullRune(head)
		case r == 0:
			return true
		}
		head = head[n:]
	}
	return false
}
