package redact

import (
	"strings"
	"testing"
)

func TestSensitiveKey(t *testing.T) {
	t.Parallel()
	for k, want := range map[string]bool{
		"access_token": true, "refresh_token": true, "id_token": true, "accessToken": true,
		"client_secret": true, "X-Api-Key": true, "Authorization": true, "password": true,
		"Signature": true, "token": true, "refresh-token": true, "Password": true, "apiKey": true,
		"API_KEY": true, "authorization": true, "X-Signature": true,
		"name": false, "orderItemId": false, "status": false, "key": false,
		"token_type": false, "expires_in": false, "orderId": false, "sellerSku": false, "": false,
	} {
		if got := SensitiveKey(k); got != want {
			t.Errorf("SensitiveKey(%q) = %v, want %v", k, got, want)
		}
	}
}

const tok = "tok-Zq81xLw0d3"

func TestText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in string
	}{
		{"valid JSON", `{"access_token":"` + tok + `","expires_in":3600}`},
		{"trailing comma", `{"access_token":"` + tok + `","expires_in":3600,}`},
		{"cut inside the value", `{"token_type":"bearer","access_token":"` + tok},
		{"cut after the value", `{"access_token":"` + tok + `","expi`},
		{"spaces and camel case", `{ "accessToken" : "` + tok + `" }`},
		{"single-quoted JSON-ish", `{access_token: ` + tok + `}`},
		{"form", `access_token=` + tok + `&token_type=bearer`},
		{"escaped slash", `{"access_token":"tok\/` + tok + `"}`},
		{"html echo", `<p>refresh_token=` + tok + `</p>`},
		{"nested", `{"data":{"id_token":"` + tok + `"}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := Text(tt.in)
			if strings.Contains(got, tok) {
				t.Errorf("Text(%q) = %q, still holds the token", tt.in, got)
			}
			if !strings.Contains(got, Mark) {
				t.Errorf("Text(%q) = %q, want %s in it", tt.in, got, Mark)
			}
		})
	}
}

func TestTextKeepsTheRest(t *testing.T) {
	t.Parallel()
	in := `{"error":"invalid_grant","token_type":"bearer","expires_in":3600,"detail":"order 12 not found"}`
	if got := Text(in); got != in {
		t.Errorf("Text changed a body without credentials:\n got %s\nwant %s", got, in)
	}
	if got := Text("secret s3cr3t and more s3cr3t", "s3cr3t"); got != "secret [REDACTED] and more [REDACTED]" {
		t.Errorf("Text with a known secret = %q", got)
	}
}

// TestTextLargeHostileBody feeds the shapes that make a naive overlapping
// scan quadratic; a quadratic Values would not finish within the test
// timeout on these 64 KiB.
func TestTextLargeHostileBody(t *testing.T) {
	t.Parallel()
	for _, unit := range []string{"k:", "k=", `"k":`, `k:"`, `"a":"`} {
		body := strings.Repeat(unit, (1<<16)/len(unit)) + `"access_token":"` + tok
		if strings.Contains(Text(body), tok) {
			t.Errorf("token kept after %d × %q", (1<<16)/len(unit), unit)
		}
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{`{"access_token":"abc"}`, `access_token=a%20b`, `{"a":`, `"token":"\`} {
		f.Add(s, "tok-fuzz-1234")
	}
	f.Fuzz(func(t *testing.T, prefix, token string) {
		// A token that could be confused with the surrounding text (or
		// with Mark itself) proves nothing; real tokens are long.
		if len(token) < 8 || strings.ContainsAny(token, "\"\\ \t\r\n,&;:=}]'") ||
			strings.Contains(prefix, token) || strings.Contains(Mark+`{"access_token":"",}&=`, token) {
			t.Skip()
		}
		for _, body := range []string{
			prefix + `{"access_token":"` + token,
			prefix + `"access_token":"` + token + `",}`,
			prefix + `&access_token=` + token,
		} {
			if strings.Contains(Text(body), token) {
				t.Fatalf("Text(%q) keeps the token", body)
			}
		}
	})
}
