package authn

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/oauth2"
)

const (
	// leakToken and leakSecret have characters that every encoding below
	// changes, so each form is a distinct string to look for.
	leakToken  = "tok-9Qv/Zx+Lm=w&r<k>~Jp4"
	leakSecret = "sEcr3t/+=&<Wq>~z8"
)

// leakForms returns v as a server or a careless error might spell it:
// raw, JSON-escaped (with and without HTML escaping), base64 (standard and
// URL alphabets, unpadded, so a padded copy matches too) and URL-encoded.
func leakForms(v string) map[string]string {
	forms := map[string]string{
		"raw":        v,
		"base64 std": base64.RawStdEncoding.EncodeToString([]byte(v)),
		"base64 url": base64.RawURLEncoding.EncodeToString([]byte(v)),
		"query":      url.QueryEscape(v),
		"path":       url.PathEscape(v),
	}
	j, _ := json.Marshal(v)
	forms["JSON"] = string(j[1 : len(j)-1])
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
	forms["JSON no HTML escaping"] = strings.TrimSuffix(strings.TrimSpace(b.String()), `"`)[1:]
	forms["JSON escaped slashes"] = strings.ReplaceAll(forms["JSON no HTML escaping"], "/", `\/`)
	return forms
}

// secretForms adds the forms of the Basic credentials to leakForms.
func secretForms(id, secret string) map[string]string {
	forms := leakForms(secret)
	for k, v := range leakForms(id + ":" + secret) {
		if strings.HasPrefix(k, "base64") {
			forms["id:secret "+k] = v
		}
	}
	pair := url.QueryEscape(id) + ":" + url.QueryEscape(secret)
	forms["escaped id:secret base64 std"] = base64.RawStdEncoding.EncodeToString([]byte(pair))
	forms["escaped id:secret base64 url"] = base64.RawURLEncoding.EncodeToString([]byte(pair))
	return forms
}

// renderings returns every way err and what it wraps can be printed or
// read, by name.
func renderings(err error) map[string]string {
	r := map[string]string{
		"Error()": err.Error(),
		"%v":      fmt.Sprintf("%v", err),
		"%+v":     fmt.Sprintf("%+v", err),
		"%#v":     fmt.Sprintf("%#v", err),
		"%q":      fmt.Sprintf("%q", err),
	}
	for i, e := 0, err; e != nil; i, e = i+1, errors.Unwrap(e) {
		r[fmt.Sprintf("chain[%d] %%#v", i)] = fmt.Sprintf("%#v", e)
		r[fmt.Sprintf("chain[%d] Error()", i)] = e.Error()
	}
	var ae *Error
	if errors.As(err, &ae) {
		r["*Error %#v"] = fmt.Sprintf("%#v", *ae)
		r["*Error %+v"] = fmt.Sprintf("%+v", *ae)
		r["Error.Body"] = ae.Body
		r["Error.Code"] = ae.Code
		r["Error.Description"] = ae.Description
	}
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		r["RetrieveError.Error()"] = re.Error()
		r["RetrieveError.Body"] = string(re.Body)
		r["RetrieveError %+v"] = fmt.Sprintf("%+v", *re)
		r["RetrieveError fields"] = re.ErrorCode + " " + re.ErrorDescription + " " + re.ErrorURI
		if re.Response != nil {
			r["Response.Header"] = fmt.Sprint(re.Response.Header)
			if re.Response.Request != nil {
				r["Request.Header"] = fmt.Sprint(re.Response.Request.Header)
				r["Request.URL"] = re.Response.Request.URL.String()
			}
		}
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		r["url.Error.URL"] = ue.URL
		r["url.Error.Error()"] = ue.Error()
	}
	return r
}

// assertNoForms fails for every form of values found in any rendering of
// err, naming the place and the form, never the value. It returns how many
// (rendering, value, form) triples it checked.
func assertNoForms(t *testing.T, err error, values map[string]map[string]string) int {
	t.Helper()
	n := 0
	for where, s := range renderings(err) {
		for what, forms := range values {
			for form, v := range forms {
				n++
				if strings.Contains(s, v) {
					t.Errorf("%s of the error contains the %s (%s)", where, what, form)
				}
			}
		}
	}
	return n
}

// TestTokenNeverInErrors sends token bodies that x/oauth2 or this package
// cannot use, each holding a token (and, for error statuses, the secret),
// and looks for every form of both in every rendering of the error.
func TestTokenNeverInErrors(t *testing.T) {
	t.Parallel()
	jsonTok := leakForms(leakToken)["JSON"]
	huge := `{"access_token":"` + leakToken + `","expires_in":3600,"pad":"` + strings.Repeat("x", maxRecordedBody) + `"}`
	basic := base64.StdEncoding.EncodeToString([]byte(testClientID + ":" + leakSecret))
	sf := leakForms(leakSecret)
	echo := "secret " + leakSecret + " json " + sf["JSON"] + " php " + sf["JSON escaped slashes"] + " form " + url.QueryEscape(leakSecret) +
		" path " + url.PathEscape(leakSecret) + " basic " + basic
	tests := []struct {
		name   string
		status int
		ctype  string
		body   string
		class  error
	}{
		{"trailing comma", 200, "application/json", `{"access_token":"` + leakToken + `","expires_in":3600,}`, ErrBadResponse},
		{"trailing comma, escaped token", 200, "application/json", `{"access_token":"` + jsonTok + `","expires_in":3600,}`, ErrBadResponse},
		{"trailing comma as text/plain", 200, "text/plain", `{"access_token":"` + leakToken + `","expires_in":3600,}`, ErrBadResponse},
		{"cut short", 200, "application/json", `{"access_token":"` + leakToken, ErrBadResponse},
		{"over 1 MiB", 200, "application/json", huge, ErrBadResponse},
		{"token under another key", 200, "application/json", `{"token":"` + leakToken + `","expires_in":3600}`, ErrBadResponse},
		{"token under an innocent key", 200, "application/json", `{"value":"` + leakToken + `","expires_in":3600}`, ErrBadResponse},
		{"token nested", 200, "application/json", `{"data":{"access_token":"` + leakToken + `"}}`, ErrBadResponse},
		{"token in an HTML page", 200, "text/html", `<html><p>` + leakToken + `</p></html>`, ErrBadResponse},
		{"token with a bad expires_in", 200, "application/json", `{"access_token":"` + leakToken + `","expires_in":"` + leakToken + `"}`, ErrBadResponse},
		{"token with a bad token_type", 200, "application/json", `{"access_token":"` + leakToken + `","token_type":"` + leakToken + `"}`, ErrBadResponse},
		{"OAuth error in a 200 that echoes the token", 200, "application/json",
			`{"error":"server_error","error_description":"issued ` + leakToken + `","access_token":"` + leakToken + `"}`, ErrBadResponse},
		{"OAuth error in a text/plain 200", 200, "text/plain",
			`{"error":"server_error","error_description":"issued ` + leakToken + `","access_token":"` + leakToken + `"}`, ErrBadResponse},
		{"form body with a bad expires_in", 200, "application/x-www-form-urlencoded",
			"access_token=" + url.QueryEscape(leakToken) + "&expires_in=" + url.QueryEscape(leakToken), ErrBadResponse},
		{"400 echoing the token", 400, "application/json",
			`{"error":"invalid_request","error_description":"` + leakToken + ` is not yours","access_token":"` + leakToken + `"}`, ErrRejected},
		{"400 malformed with the token", 400, "application/json", `{"access_token":"` + leakToken + `",`, ErrRejected},
		{"400 over 1 MiB with the token", 400, "application/json", huge, ErrRejected},
		{"400 with the token after 64 KiB", 400, "text/plain", strings.Repeat("x", maxScannedBody) + " access_token=" + leakToken, ErrRejected},
		{"500 form-encoded with the token", 500, "text/plain", "access_token=" + url.QueryEscape(leakToken) + "&oops", ErrUnavailable},
		{"401 echoing the secret", 401, "application/json",
			`{"error":"invalid_client","error_description":"` + echo + `"}`, ErrInvalidClient},
		{"403 HTML echoing the secret", 403, "text/html", "<html>" + echo + "</html>", ErrRejected},
		{"502 echoing the secret", 502, "text/plain", echo, ErrUnavailable},
	}
	values := map[string]map[string]string{
		"token":  leakForms(leakToken),
		"secret": secretForms(testClientID, leakSecret),
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newTestEnv(t, answer(tt.status, tt.ctype, tt.body), func(c *Config) { c.ClientSecret = leakSecret })
			tok, err := e.ts.Token(context.Background())
			if tok != "" || err == nil {
				t.Fatalf("Token() = %q, %v, want an error", tok, err)
			}
			var ae *Error
			if !errors.As(err, &ae) || !errors.Is(err, tt.class) || ae.StatusCode != tt.status {
				t.Errorf("Token() error = %v, want an *Error with status %d of class %v", err, tt.status, tt.class)
			}
			if tt.status < 300 && ae != nil && ae.Body != "" {
				t.Errorf("Token() error Body = %d bytes, want none for a %d body", len(ae.Body), tt.status)
			}
			n := assertNoForms(t, err, values)
			if tt.name == "trailing comma" {
				t.Logf("checked %d (rendering, value, form) triples per case", n)
			}
		})
	}
}

// TestTokenURLQueryNeverShown gives TokenURL a query holding the secret and
// checks that neither config errors nor transport errors show the query.
func TestTokenURLQueryNeverShown(t *testing.T) {
	t.Parallel()
	query := "?client_secret=" + url.QueryEscape(leakSecret) + "#frag-" + leakSecret
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String() + "/oauth/client-credentials"
	l.Close()
	tests := []struct {
		name     string
		tokenURL string
		// wantConfigErr is whether New refuses the URL; if not, Token
		// fails on the closed port.
		wantConfigErr bool
		wantShown     []string
	}{
		{"ftp", "ftp://sellercenter.example.com/oauth" + query, true, []string{"ftp", "sellercenter.example.com"}},
		{"http to a remote host", "http://sellercenter.example.com/oauth" + query, true, []string{"https", "sellercenter.example.com"}},
		{"no host", "https:///oauth" + query, true, nil},
		{"relative", "/oauth/client-credentials" + query, true, nil},
		{"no scheme", "sellercenter.example.com/oauth" + query, true, nil},
		{"closed port", closed + query, false, []string{"127.0.0.1"}},
	}
	values := map[string]map[string]string{"secret": secretForms(testClientID, leakSecret)}
	values["secret"]["the query parameter"] = "client_secret="
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ts, err := New(Config{ClientID: testClientID, ClientSecret: "other-" + testSecret, TokenURL: tt.tokenURL,
				sleep: (&fakeSleeper{}).Sleep})
			if tt.wantConfigErr {
				if !errors.Is(err, ErrInvalidConfig) {
					t.Fatalf("New(TokenURL %s) = %v, want ErrInvalidConfig", tt.name, err)
				}
			} else {
				if err != nil {
					t.Fatalf("New(TokenURL %s) = %v, want a TokenSource", tt.name, err)
				}
				_, err = ts.Token(context.Background())
				if !errors.Is(err, ErrUnavailable) {
					t.Fatalf("Token() = %v, want ErrUnavailable", err)
				}
			}
			assertNoForms(t, err, values)
			for _, s := range tt.wantShown {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error = %q, want it to name %q", err, s)
				}
			}
		})
	}
}
