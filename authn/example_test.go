package authn_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"time"

	"github.com/sellercenter-go/sellercenter/authn"
	"github.com/sellercenter-go/sellercenter/gen"
)

// A TokenSource fetches a token once and sets it on every request through its
// editor; here a test server stands in for the Seller Center token endpoint.
func ExampleTokenSource_Edit() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"access_token":"example-token","token_type":"Bearer","expires_in":3600}`)
	}))
	defer srv.Close()

	ts, err := authn.New(authn.Config{
		ClientID:     "my-app-id",
		ClientSecret: "my-app-secret",
		TokenURL:     srv.URL + "/oauth/client-credentials",
	})
	if err != nil {
		log.Fatal(err)
	}

	req, _ := http.NewRequest("GET", "https://sellercenter-api.zalora.com.my/v2/seller", nil)
	if err := ts.Edit(context.Background(), req); err != nil {
		log.Fatal(err)
	}
	fmt.Println(req.Header.Get("Authorization"))
	// Output: Bearer example-token
}

// FromEnv reads SELLERCENTER_CLIENT_ID, SELLERCENTER_CLIENT_SECRET and
// SELLERCENTER_TOKEN_URL; the TokenSource's Edit method is the generated
// client's request editor. sellercenter.New does this, and adds retries, rate
// limiting and the 401 refresh shown here by hand.
func ExampleFromEnv() {
	cfg, err := authn.FromEnv()
	if err != nil {
		log.Fatal(err) // names every missing variable
	}
	ts, err := authn.New(cfg)
	if err != nil {
		log.Fatal(err)
	}
	client, err := gen.NewClientWithResponses(os.Getenv("SELLERCENTER_BASE_URL"), gen.WithRequestEditorFn(ts.Edit))
	if err != nil {
		log.Fatal(err)
	}
	resp, err := client.GetSellerWithResponse(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	if resp.StatusCode() == http.StatusUnauthorized {
		// The API rejected the token: drop it so the next call fetches a new one.
		ts.Invalidate(strings.TrimPrefix(resp.HTTPResponse.Request.Header.Get("Authorization"), "Bearer "))
	}
	if resp.JSON200 != nil {
		fmt.Println(resp.JSON200.Name)
	}
}

// A Signer adds the HMAC signature headers that some endpoints require. The
// clock and nonce are fixed here to reproduce the documented example.
func ExampleSigner_Edit() {
	signer := &authn.Signer{
		Secret: "my_key_123456789012345678901234567890123",
		Now:    func() time.Time { return time.Unix(1234567890, 0) },
		Nonce:  func() (string, error) { return "9b95be45f403af9c0039e08bee85f409611fa1b2", nil },
	}
	req, _ := http.NewRequest("GET", "https://sellercenter-api.example.com/my/path?foo=bar&zzz=second%20parameter", nil)
	if err := signer.Edit(context.Background(), req); err != nil {
		log.Fatal(err)
	}
	for _, h := range []string{"X-Timestamp", "X-Nonce", "X-Signature-Algorithm", "X-Signature"} {
		fmt.Printf("%s: %s\n", h, req.Header.Get(h))
	}
	// Output:
	// X-Timestamp: 1234567890
	// X-Nonce: 9b95be45f403af9c0039e08bee85f409611fa1b2
	// X-Signature-Algorithm: HMAC-SHA256
	// X-Signature: 88810379e74af556c15fad9c8fc9fc1756b000d3915df597b69056af0f3ff004
}
