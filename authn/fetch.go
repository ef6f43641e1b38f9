package authn

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/sellercenter-go/sellercenter/internal/backoff"
	"github.com/sellercenter-go/sellercenter/internal/oneline"
	"github.com/sellercenter-go/sellercenter/internal/redact"
)

const (
	// maxAttempts is one request plus two retries.
	maxAttempts = 3
	// baseBackoff is the wait before the first retry; it doubles after.
	baseBackoff = 250 * time.Millisecond
	// defaultExpiresIn is the lifetime SellerCenter documents for every
	// token, used when a response has no expires_in.
	defaultExpiresIn = 3600 * time.Second
	// maxExpiresIn caps a token lifetime (one year, in seconds) so that
	// time arithmetic stays in range.
	maxExpiresIn = 365 * 24 * 3600
	// maxRecordedBody matches the limit x/oauth2 reads.
	maxRecordedBody = 1 << 20
)

// retrieve fetches a token, retrying what is ErrUnavailable (network
// errors, HTTP 5xx, 408 and 429) with backoff while ctx allows.
func (ts *TokenSource) retrieve(ctx context.Context) (*cachedToken, error) {
	for attempt := 1; ; attempt++ {
		start := ts.now()
		tok, e := ts.attempt(ctx, start)
		if e == nil {
			return tok, nil
		}
		e.Attempts = attempt
		if e.class != ErrUnavailable || attempt == maxAttempts || ctx.Err() != nil {
			return nil, e
		}
		d := backoff.Delay(attempt-1, baseBackoff, 0, rand.Int64N)
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < d {
			return nil, e
		}
		if ts.sleep(ctx, d) != nil {
			return nil, e
		}
	}
}

// attempt sends one token request.
func (ts *TokenSource) attempt(ctx context.Context, start time.Time) (*cachedToken, *Error) {
	rec := &recorder{base: ts.hc.Transport}
	if rec.base == nil {
		rec.base = http.DefaultTransport
	}
	hc := *ts.hc
	hc.Transport = rec
	// Whatever the caller's client does, a redirect is answered, not
	// followed: Go keeps the Authorization header on a redirect to the
	// same host name, whatever the port or scheme, and a 307 or 308 sends
	// the form again, so the secret would reach a server that is not
	// TokenURL, and its token would be used.
	hc.CheckRedirect = refuseRedirect
	tok, err := ts.cc.Token(context.WithValue(ctx, oauth2.HTTPClient, &hc))
	if err != nil {
		if tok = jsonTokenFallback(rec); tok == nil {
			return nil, ts.classify(err, rec)
		}
	}
	return ts.accept(tok, start, rec)
}

func refuseRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// oauthJSON is the part of a token endpoint's JSON body this package reads.
type oauthJSON struct {
	AccessToken      string `json:"access_token"`
	TokenType        string `json:"token_type"`
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description"`
}

// jsonTokenFallback reads a 2xx JSON token that x/oauth2 rejected because
// the server labelled it text/plain or form-encoded (x/oauth2 then parses it
// as a query string). It returns nil for anything else.
func jsonTokenFallback(rec *recorder) *oauth2.Token {
	if !rec.gotResponse || rec.readErr != nil || !success(rec.status) {
		return nil
	}
	media, _, _ := mime.ParseMediaType(rec.header.Get("Content-Type"))
	if media != "text/plain" && media != "application/x-www-form-urlencoded" {
		return nil
	}
	b := bytes.TrimSpace(rec.body.Bytes())
	var body oauthJSON
	var raw map[string]any
	if !bytes.HasPrefix(b, []byte("{")) || json.Unmarshal(b, &body) != nil || json.Unmarshal(b, &raw) != nil {
		return nil
	}
	if body.Error != "" || body.AccessToken == "" {
		return nil
	}
	return (&oauth2.Token{AccessToken: body.AccessToken, TokenType: body.TokenType}).WithExtra(raw)
}

func success(status int) bool  { return status >= 200 && status <= 299 }
func redirect(status int) bool { return status >= 300 && status <= 399 }

// knownCodes are the OAuth error codes a 2xx body may be quoted by: a 2xx
// body may hold a token, so nothing else of it goes into an error.
var knownCodes = map[string]bool{
	"invalid_request": true, "invalid_client": true, "invalid_grant": true, "unauthorized_client": true,
	"unsupported_grant_type": true, "invalid_scope": true, "access_denied": true, "server_error": true,
	"temporarily_unavailable": true, "invalid_app_id": true,
}

// invalidClient reports whether an OAuth error code is about the
// application's credentials. SellerCenter answers invalid_app_id for an
// unknown application id.
func invalidClient(code string) bool { return code == "invalid_client" || code == "invalid_app_id" }

// classify turns an x/oauth2 failure into an *Error.
func (ts *TokenSource) classify(err error, rec *recorder) *Error {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) && re.Response != nil {
		return ts.classifyStatus(re, rec)
	}
	if !rec.gotResponse {
		// The request never got an answer: dial, TLS, timeout, reset.
		return &Error{Err: stripURLError(err), class: ErrUnavailable}
	}
	e := &Error{StatusCode: rec.status, class: ErrBadResponse}
	if rec.readErr != nil {
		// The answer was cut off; the next attempt may get all of it.
		e.class = ErrUnavailable
		e.reason = "reading response: " + rec.readErr.Error()
		e.Err = rec.readErr
		return e
	}
	var body oauthJSON
	if json.Unmarshal(bytes.TrimSpace(rec.body.Bytes()), &body) == nil && body.Error != "" {
		// An OAuth error in a 2xx body that x/oauth2 did not read as JSON.
		setSuccessCode(e, body.Error)
		return e
	}
	e.reason = describeBadBody(rec)
	e.Err = errors.New(e.reason)
	return e
}

// setSuccessCode fills e for an OAuth error code in a 2xx body.
func setSuccessCode(e *Error, code string) {
	const reason = "OAuth error in a success response"
	if knownCodes[code] {
		e.Code = code
	}
	e.Err = errors.New(reason)
	if invalidClient(code) {
		e.class = ErrInvalidClient
		return
	}
	e.class = ErrBadResponse
	e.reason = reason
	if e.Code == "" {
		e.reason += " (an unregistered error code)"
	}
}

// classifyStatus builds the *Error for an answer x/oauth2 turned into a
// RetrieveError: an error status, or a 2xx body with an OAuth error code.
func (ts *TokenSource) classifyStatus(re *oauth2.RetrieveError, rec *recorder) *Error {
	status := re.Response.StatusCode
	sc := ts.redactor.forBody(re.Body)
	e := &Error{StatusCode: status}
	code, desc := re.ErrorCode, re.ErrorDescription
	if code == "" {
		// x/oauth2 reads the error fields only from a body labelled JSON.
		var body oauthJSON
		if json.Unmarshal(re.Body, &body) == nil {
			code, desc = body.Error, body.ErrorDescription
		}
	}
	var body string // the redacted body kept, if any
	switch {
	case success(status):
		setSuccessCode(e, code)
		e.Err = ts.sanitize(re, e, sc, "")
		return e
	case redirect(status):
		// The body of a redirect repeats the Location, query included.
		e.class = ErrRejected
		e.reason = redirectReason(re.Response.Header.Get("Location"), rec.reqURL, sc)
		e.Err = ts.sanitize(re, e, sc, "")
		return e
	}
	e.Code, e.Description = sc.snippet(code, maxCodeLen), sc.snippet(desc, maxDescriptionLen)
	if len(re.Body) > 0 {
		body = sc.snippet(string(re.Body), keptBodyLen)
	}
	if e.Code == "" {
		e.Body = oneline.Cut(body, bodySnippetLen)
	}
	switch {
	case invalidClient(code) || (code == "" && status == http.StatusUnauthorized):
		e.class = ErrInvalidClient
	case status == http.StatusRequestTimeout || status == http.StatusTooManyRequests || (status >= 500 && status <= 599):
		e.class = ErrUnavailable
	case status >= 400 && status <= 499:
		e.class = ErrRejected
	default:
		// A 1xx as the final answer, or a status past 599: nothing the
		// OAuth exchange defines.
		e.class = ErrBadResponse
	}
	e.Err = ts.sanitize(re, e, sc, body)
	return e
}

// redirectReason says where the token endpoint redirected to, by scheme,
// host and path only, and what to do about it.
func redirectReason(location string, base *url.URL, sc scrubber) string {
	const why = "redirects are not followed, since the token request carries the client secret"
	if location == "" {
		return "the token endpoint redirected without a Location; " + why
	}
	if base == nil {
		base = &url.URL{}
	}
	u, err := base.Parse(location)
	if err != nil || u.Host == "" {
		return "the token endpoint redirected to a Location that is not a URL; " + why
	}
	to := oneline.Cut(oneline.Clean(sc.text(stripURL(u).String())), 200)
	return "the token endpoint redirected to " + to + "; " + why + ": if that is the token endpoint, set TokenURL to that address"
}

// describeBadBody explains why a 2xx body held no usable token. It runs on
// the recorded body, so it does not depend on x/oauth2's message wording,
// and it says what is wrong without quoting the body, which may hold a
// token.
func describeBadBody(rec *recorder) string {
	ct := rec.header.Get("Content-Type")
	media, _, _ := mime.ParseMediaType(ct)
	b := bytes.TrimSpace(rec.body.Bytes())
	about := bodyFacts(rec, ct)
	switch {
	case len(b) == 0:
		return "empty response body" + about
	case media == "text/html" || bytes.HasPrefix(b, []byte("<")):
		return "response is HTML, not JSON" + about
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		if rec.body.Len() >= maxRecordedBody {
			return "response is over 1 MiB, and was cut before it could be parsed" + about
		}
		if (media == "text/plain" || media == "application/x-www-form-urlencoded") && !bytes.HasPrefix(b, []byte("{")) {
			return "form-encoded response has no access_token" + about
		}
		return "malformed JSON" + about
	}
	var s string
	if raw, ok := m["access_token"]; !ok || json.Unmarshal(raw, &s) != nil || s == "" {
		return "response has no access_token" + about
	}
	if raw, ok := m["expires_in"]; ok {
		var v any
		if err := json.Unmarshal(raw, &v); err == nil {
			if _, err := expiresIn(v); err != nil {
				return err.Error()
			}
		}
	}
	return "malformed token response: a field has the wrong type" + about
}

// bodyFacts describes a recorded body by its Content-Type and size.
func bodyFacts(rec *recorder, ct string) string {
	size := fmt.Sprintf("%d bytes", rec.body.Len())
	switch {
	case rec.contentLength > int64(rec.body.Len()):
		size = fmt.Sprintf("%d bytes", rec.contentLength)
	case rec.body.Len() >= maxRecordedBody:
		size = "at least 1 MiB"
	}
	if ct == "" {
		return " (no Content-Type, " + size + ")"
	}
	return " (Content-Type " + oneline.Quote(oneline.Cut(redact.Text(ct), 80)) + ", " + size + ")"
}

// accept checks a token x/oauth2 parsed and computes when to refresh it.
func (ts *TokenSource) accept(tok *oauth2.Token, start time.Time, rec *recorder) (*cachedToken, *Error) {
	bad := func(reason string) *Error {
		return &Error{StatusCode: rec.status, class: ErrBadResponse, reason: reason, Err: errors.New(reason)}
	}
	if !validTokenChars(tok.AccessToken) {
		return nil, bad("access_token has characters not allowed in an HTTP header")
	}
	if typ := tok.TokenType; typ != "" && !strings.EqualFold(typ, "bearer") {
		if knownTokenTypes[strings.ToLower(typ)] {
			return nil, bad(fmt.Sprintf("unsupported token_type %q, want Bearer", typ))
		}
		return nil, bad("unsupported token_type, want Bearer")
	}
	lifetime, err := expiresIn(tok.Extra("expires_in"))
	if err != nil {
		return nil, bad(err.Error())
	}
	early := ts.early
	if early >= lifetime {
		early = lifetime / 2
	}
	expiry := start.Add(lifetime)
	return &cachedToken{
		value:     tok.AccessToken,
		header:    "Bearer " + tok.AccessToken,
		expiry:    expiry,
		refreshAt: expiry.Add(-early),
	}, nil
}

// knownTokenTypes are the token types other than Bearer an error may name;
// anything else of a token body is described, never quoted.
var knownTokenTypes = map[string]bool{"mac": true, "dpop": true, "pop": true, "n_a": true}

// expiresIn reads the raw expires_in field: a JSON number, a numeric string,
// or absent (the documented 3600 s). Zero is read as absent, as x/oauth2
// does; a negative value is an error. Its errors do not quote the value:
// a token body is never copied into an error.
func expiresIn(v any) (time.Duration, error) {
	var n int64
	switch v := v.(type) {
	case nil:
		return defaultExpiresIn, nil
	case float64:
		switch {
		case v != math.Trunc(v):
			return 0, errors.New("expires_in is not a whole number")
		case v > maxExpiresIn:
			n = maxExpiresIn
		default:
			n = int64(v)
		}
	case int64: // form-encoded bodies, as parsed by oauth2.Token.Extra
		n = min(v, maxExpiresIn)
	case string:
		if strings.TrimSpace(v) == "" {
			return defaultExpiresIn, nil
		}
		i, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		if err != nil {
			return 0, errors.New("expires_in is a string that is not a number")
		}
		n = i
	default:
		return 0, fmt.Errorf("expires_in has type %T, want a number", v)
	}
	switch {
	case n == 0:
		return defaultExpiresIn, nil
	case n < 0:
		return 0, errors.New("expires_in is negative")
	case n > maxExpiresIn:
		n = maxExpiresIn
	}
	return time.Duration(n) * time.Second, nil
}

// validTokenChars reports whether tok can go in a header as is: visible
// ASCII only, which covers RFC 6750's b64token.
func validTokenChars(tok string) bool {
	if tok == "" {
		return false
	}
	for i := 0; i < len(tok); i++ {
		if c := tok[i]; c < 0x21 || c > 0x7e {
			return false
		}
	}
	return true
}

// sanitize copies a RetrieveError without the request (whose Authorization
// header holds the secret) or its URL's query, with the code, description
// and body of e (body is the redacted start of the body to keep, "" for none), redacted
// headers, a status line of its own, and a response body that can no
// longer be read.
func (ts *TokenSource) sanitize(re *oauth2.RetrieveError, e *Error, sc scrubber, body string) *oauth2.RetrieveError {
	out := &oauth2.RetrieveError{
		ErrorCode:        e.Code,
		ErrorDescription: e.Description,
	}
	if body != "" {
		out.Body = []byte(body)
		out.ErrorURI = sc.snippet(re.ErrorURI, maxDescriptionLen)
	}
	if r := re.Response; r != nil {
		out.Response = &http.Response{
			// The reason phrase is server text; the status code says it all.
			Status:        strings.TrimSpace(fmt.Sprintf("%d %s", r.StatusCode, http.StatusText(r.StatusCode))),
			StatusCode:    r.StatusCode,
			Proto:         r.Proto,
			ProtoMajor:    r.ProtoMajor,
			ProtoMinor:    r.ProtoMinor,
			Header:        sc.header(r.Header),
			Body:          http.NoBody,
			ContentLength: r.ContentLength,
		}
		if r.Request != nil && r.Request.URL != nil {
			out.Response.Request = &http.Request{Method: r.Request.Method, URL: stripURL(r.Request.URL), Header: http.Header{}}
		}
	}
	return out
}

// recorder is the token client's transport for one attempt. It adds
// "Accept: application/json", which x/oauth2 does not send, and records the
// response's status, headers and body so that a 2xx response x/oauth2
// cannot parse still yields a useful error.
type recorder struct {
	base          http.RoundTripper
	reqURL        *url.URL // what a relative Location is resolved against
	gotResponse   bool
	status        int
	header        http.Header
	contentLength int64
	body          bytes.Buffer
	readErr       error
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	// Redirects are not followed, so there is one round trip; reset all
	// the same, so nothing of an earlier one could count.
	r.gotResponse, r.status, r.header, r.contentLength, r.readErr = false, 0, nil, -1, nil
	r.body.Reset()
	r.reqURL = req.URL
	req = req.Clone(req.Context())
	req.Header.Set("Accept", "application/json")
	resp, err := r.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	r.gotResponse = true
	r.status = resp.StatusCode
	r.header = resp.Header
	r.contentLength = resp.ContentLength
	resp.Body = &recordingBody{rc: resp.Body, r: r}
	return resp, nil
}

type recordingBody struct {
	rc io.ReadCloser
	r  *recorder
}

func (b *recordingBody) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	if room := maxRecordedBody - b.r.body.Len(); room > 0 {
		b.r.body.Write(p[:min(n, room)])
	}
	if err != nil && err != io.EOF {
		b.r.readErr = err
	}
	return n, err
}

func (b *recordingBody) Close() error { return b.rc.Close() }
