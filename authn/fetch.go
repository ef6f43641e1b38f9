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
	"strconv"
	"strings"
	"time"

	"golang.org/x/oauth2"
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

// retrieve fetches a token, retrying network errors and HTTP 5xx with
// backoff while ctx allows.
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
		d := backoff(attempt)
		if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < d {
			return nil, e
		}
		if ts.sleep(ctx, d) != nil {
			return nil, e
		}
	}
}

// backoff returns the wait before retry number attempt (1-based): the base
// doubled per attempt, with the upper half jittered so that many processes
// do not retry in step.
func backoff(attempt int) time.Duration {
	d := baseBackoff << (attempt - 1)
	return d/2 + rand.N(d/2+1)
}

// attempt sends one token request.
func (ts *TokenSource) attempt(ctx context.Context, start time.Time) (*cachedToken, *Error) {
	rec := &recorder{base: ts.hc.Transport}
	if rec.base == nil {
		rec.base = http.DefaultTransport
	}
	hc := *ts.hc
	hc.Transport = rec
	tok, err := ts.cc.Token(context.WithValue(ctx, oauth2.HTTPClient, &hc))
	if err != nil {
		if tok = jsonTokenFallback(rec); tok == nil {
			return nil, ts.classify(err, rec)
		}
	}
	return ts.accept(tok, start, rec)
}

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
	if !rec.gotResponse || rec.readErr != nil || rec.status < 200 || rec.status > 299 {
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

// classify turns an x/oauth2 failure into an *Error.
func (ts *TokenSource) classify(err error, rec *recorder) *Error {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) && re.Response != nil {
		e := &Error{
			StatusCode:  re.Response.StatusCode,
			Code:        ts.redactor.text(re.ErrorCode),
			Description: ts.redactor.text(re.ErrorDescription),
			Err:         ts.sanitize(re),
		}
		if e.Code == "" {
			// x/oauth2 reads the error fields only from a body labelled JSON.
			var body oauthJSON
			if json.Unmarshal(re.Body, &body) == nil && body.Error != "" {
				e.Code = ts.redactor.text(body.Error)
				e.Description = ts.redactor.text(body.ErrorDescription)
			}
		}
		if e.Code == "" {
			e.Body = shorten(strings.TrimSpace(ts.redactor.body(re.Body)), bodySnippetLen)
		}
		switch {
		case e.Code == "invalid_client" || (e.Code == "" && e.StatusCode == http.StatusUnauthorized):
			e.class = ErrInvalidClient
		case e.StatusCode >= 500:
			e.class = ErrUnavailable
		case e.StatusCode >= 200 && e.StatusCode < 300:
			e.class = ErrBadResponse
			e.reason = "OAuth error in a success response"
		}
		return e
	}
	if !rec.gotResponse {
		// The request never got an answer: dial, TLS, timeout, reset.
		return &Error{Err: err, class: ErrUnavailable}
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
		e.Code = ts.redactor.text(body.Error)
		e.Description = ts.redactor.text(body.ErrorDescription)
		e.Err = errors.New("OAuth error in a success response")
		if e.Code == "invalid_client" {
			e.class = ErrInvalidClient
		} else {
			e.reason = "OAuth error in a success response"
		}
		return e
	}
	reason, cause := describeBadBody(rec)
	e.reason, e.Err = ts.redactor.text(reason), cause
	if rec.body.Len() > 0 {
		e.Body = shorten(strings.TrimSpace(ts.redactor.body(rec.body.Bytes())), bodySnippetLen)
	}
	return e
}

// describeBadBody explains why a 2xx body held no usable token. It runs on
// the recorded body, so it does not depend on x/oauth2's message wording.
func describeBadBody(rec *recorder) (reason string, err error) {
	ct := rec.header.Get("Content-Type")
	media, _, _ := mime.ParseMediaType(ct)
	b := bytes.TrimSpace(rec.body.Bytes())
	switch {
	case len(b) == 0:
		return "empty response body", errors.New("empty response body")
	case media == "text/html" || bytes.HasPrefix(b, []byte("<")):
		return fmt.Sprintf("response is not JSON (Content-Type %q)", ct), errors.New("response is HTML, not JSON")
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return fmt.Sprintf("malformed JSON (Content-Type %q)", ct), err
	}
	var s string
	if raw, ok := m["access_token"]; !ok || json.Unmarshal(raw, &s) != nil || s == "" {
		return "response has no access_token", errors.New("missing access_token")
	}
	if raw, ok := m["expires_in"]; ok {
		var v any
		if err := json.Unmarshal(raw, &v); err == nil {
			if _, err := expiresIn(v); err != nil {
				return err.Error(), err
			}
		}
	}
	return "malformed token response", errors.New("a token response field has the wrong type")
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
		return nil, bad(fmt.Sprintf("unsupported token_type %q", shorten(ts.redactor.text(typ), 40)))
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

// expiresIn reads the raw expires_in field: a JSON number, a numeric string,
// or absent (the documented 3600 s). Zero is read as absent, as x/oauth2
// does; a negative value is an error.
func expiresIn(v any) (time.Duration, error) {
	var n int64
	switch v := v.(type) {
	case nil:
		return defaultExpiresIn, nil
	case float64:
		switch {
		case v != math.Trunc(v):
			return 0, fmt.Errorf("expires_in %v is not a whole number", v)
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
			return 0, fmt.Errorf("expires_in %q is not a number", shorten(v, 20))
		}
		n = i
	default:
		return 0, fmt.Errorf("expires_in has type %T, want a number", v)
	}
	switch {
	case n == 0:
		return defaultExpiresIn, nil
	case n < 0:
		return 0, fmt.Errorf("expires_in %d is negative", n)
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
// header holds the secret), with a redacted body and headers, and with a
// response body that can no longer be read.
func (ts *TokenSource) sanitize(re *oauth2.RetrieveError) *oauth2.RetrieveError {
	out := &oauth2.RetrieveError{
		Body:             []byte(shorten(ts.redactor.body(re.Body), keptBodyLen)),
		ErrorCode:        ts.redactor.text(re.ErrorCode),
		ErrorDescription: ts.redactor.text(re.ErrorDescription),
		ErrorURI:         ts.redactor.text(re.ErrorURI),
	}
	if r := re.Response; r != nil {
		out.Response = &http.Response{
			Status:        r.Status,
			StatusCode:    r.StatusCode,
			Proto:         r.Proto,
			ProtoMajor:    r.ProtoMajor,
			ProtoMinor:    r.ProtoMinor,
			Header:        ts.redactor.header(r.Header),
			Body:          http.NoBody,
			ContentLength: r.ContentLength,
		}
		if r.Request != nil && r.Request.URL != nil {
			u := *r.Request.URL
			u.User = nil
			out.Response.Request = &http.Request{Method: r.Request.Method, URL: &u, Header: http.Header{}}
		}
	}
	return out
}

// recorder is the token client's transport for one attempt. It adds
// "Accept: application/json", which x/oauth2 does not send, and records the
// last response's status, headers and body so that a 2xx response x/oauth2
// cannot parse still yields a useful error.
type recorder struct {
	base        http.RoundTripper
	gotResponse bool
	status      int
	header      http.Header
	body        bytes.Buffer
	readErr     error
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	// Only the last round trip counts (a redirect makes several).
	r.gotResponse, r.status, r.header, r.readErr = false, 0, nil, nil
	r.body.Reset()
	req = req.Clone(req.Context())
	req.Header.Set("Accept", "application/json")
	resp, err := r.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	r.gotResponse = true
	r.status = resp.StatusCode
	r.header = resp.Header
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
