package sellercentertest

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter/authn"
	"github.com/sellercenter-go/sellercenter/gen"
)

// newServer starts a seeded server whose spec violations fail t.
func newServer(t *testing.T, cfg Config) *Server {
	t.Helper()
	if cfg.OnViolation == nil {
		cfg.OnViolation = func(err error) { t.Errorf("the fake broke the OpenAPI document: %v", err) }
	}
	s, err := NewServer(cfg)
	if err != nil {
		t.Fatalf("NewServer(%+v) = %v, want a server", cfg, err)
	}
	t.Cleanup(s.Close)
	return s
}

// fakeClock is a settable Config.Now.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *fakeClock {
	return &fakeClock{t: time.Date(2024, time.October, 8, 9, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// tokenRequest posts a token request with Basic credentials id:secret (none
// when both are empty) and form body.
func tokenRequest(t *testing.T, s *Server, id, secret string, form url.Values) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.TokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if id != "" || secret != "" {
		req.SetBasicAuth(id, secret)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", s.TokenURL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the token response: %v", err)
	}
	return resp, body
}

// token fetches an access token with a plain form POST.
func token(t *testing.T, s *Server) string {
	t.Helper()
	resp, body := tokenRequest(t, s, s.ClientID, s.ClientSecret, url.Values{"grant_type": {"client_credentials"}})
	var tr struct {
		AccessToken string `json:"access_token"`
	}
	if resp.StatusCode != http.StatusOK || json.Unmarshal(body, &tr) != nil || tr.AccessToken == "" {
		t.Fatalf("token request = %d %s, want 200 with an access_token", resp.StatusCode, body)
	}
	return tr.AccessToken
}

func bearer(tok string) gen.RequestEditorFn {
	return func(_ context.Context, r *http.Request) error {
		r.Header.Set("Authorization", "Bearer "+tok)
		return nil
	}
}

// apiClient returns the generated client on s's API with a fresh token. It
// signs every request on s's clock, as the x-signed operations need; these
// tests make no retries, so signing once per call is enough.
func apiClient(t *testing.T, s *Server) *gen.ClientWithResponses {
	t.Helper()
	signer := &authn.Signer{Secret: s.ClientSecret, Now: s.now}
	c, err := gen.NewClientWithResponses(s.URL, gen.WithRequestEditorFn(bearer(token(t, s))), gen.WithRequestEditorFn(signer.Edit))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// call sends a raw API request with tok (none when empty) and returns the
// status and body.
func call(t *testing.T, s *Server, tok, method, path, contentType, body string) (int, http.Header, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, s.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading the body: %v", method, path, err)
	}
	return resp.StatusCode, resp.Header, b
}

func decode[T any](t *testing.T, body []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("decoding %T from %s: %v", v, body, err)
	}
	return v
}

func str(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}

func multipartBody(t *testing.T, fields map[string]string, fileField, fileName string, content []byte) (string, string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	fw, err := w.CreateFormFile(fileField, fileName)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(content); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return w.FormDataContentType(), b.String()
}

// makeXLSX writes a minimal workbook: the first row as shared strings, the
// others as inline strings, and numeric-looking cells as numbers.
func makeXLSX(t *testing.T, rows [][]string) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	write := func(name, content string) {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(content)); err != nil {
			t.Fatal(err)
		}
	}
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	const rel = `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	write("xl/workbook.xml", `<?xml version="1.0"?><workbook `+ns+` `+rel+`><sheets><sheet name="Upload" sheetId="1" r:id="rId7"/></sheets></workbook>`)
	write("xl/_rels/workbook.xml.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/upload.xml"/></Relationships>`)
	var sst, sheet strings.Builder
	esc := func(s string) string {
		var e strings.Builder
		if err := xml.EscapeText(&e, []byte(s)); err != nil {
			t.Fatal(err)
		}
		return e.String()
	}
	for r, cells := range rows {
		fmt.Fprintf(&sheet, `<row r="%d">`, r+1)
		for c, v := range cells {
			ref := fmt.Sprintf("%c%d", 'A'+c, r+1)
			switch {
			case v == "":
			case r == 0:
				fmt.Fprintf(&sheet, `<c r="%s" t="s"><v>%d</v></c>`, ref, c)
				fmt.Fprintf(&sst, `<si><t>%s</t></si>`, esc(v))
			case strings.Trim(v, "0123456789.") == "":
				fmt.Fprintf(&sheet, `<c r="%s"><v>%s</v></c>`, ref, v)
			default:
				fmt.Fprintf(&sheet, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, esc(v))
			}
		}
		sheet.WriteString(`</row>`)
	}
	write("xl/sharedStrings.xml", `<?xml version="1.0"?><sst `+ns+`>`+sst.String()+`</sst>`)
	write("xl/worksheets/upload.xml", `<?xml version="1.0"?><worksheet `+ns+`><sheetData>`+sheet.String()+`</sheetData></worksheet>`)
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func attrs(t *testing.T, kv ...any) gen.ProductSetAttributes {
	t.Helper()
	out := gen.ProductSetAttributes{}
	for i := 0; i+1 < len(kv); i += 2 {
		v := &gen.ProductSetAttributeValue{}
		var err error
		switch x := kv[i+1].(type) {
		case int:
			err = v.FromProductSetAttributeOption(x)
		case []int:
			err = v.FromProductSetAttributeOptions(x)
		case string:
			err = v.FromProductSetAttributeText(x)
		}
		if err != nil {
			t.Fatal(err)
		}
		out[fmt.Sprint(kv[i])] = v
	}
	return out
}
