package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

func TestRunFlagErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args   []string
		stderr string
	}{
		{[]string{"-orders", "-1"}, "-orders must be from 0"},
		{[]string{"-orders", "5", "-empty"}, "cannot go with -empty"},
		{[]string{"-products", "-1"}, "-products must be from 0"},
		{[]string{"-feed-delay", "-1s"}, "-feed-delay must not be negative"},
		{[]string{"-latency", "soon"}, "positive duration"},
		{[]string{"-latency", "=1s"}, "the operation is empty"},
		{[]string{"-latency", "listOrders=0s"}, "positive duration"},
		{[]string{"-latency", "noSuchOp=1s"}, `unknown operation "noSuchOp"`},
		{[]string{"-fail", "getSeller"}, "OP=STATUS[:COUNT]"},
		{[]string{"-fail", "getSeller=200"}, "400 to 599"},
		{[]string{"-fail", "getSeller=503:0"}, "positive count"},
		{[]string{"-fail", "noSuchOp=503"}, `unknown operation "noSuchOp"`},
		{[]string{"-maintenance", "soon"}, "Retry-After in seconds"},
		{[]string{"-print-env"}, "fixed port"},
		{[]string{"-print-env", "-addr", ":8099"}, "a host and a fixed port"},
		{[]string{"-print-env", "-addr", "127.0.0.1:8099", "-env-file", "x"}, "cannot go with -env-file"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			var stdout, stderr syncBuffer
			if got := run(context.Background(), tt.args, &stdout, &stderr); got != 2 {
				t.Errorf("run(%q) = %d, want 2; stderr: %s", tt.args, got, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr = %q, want it to say %q", stderr.String(), tt.stderr)
			}
			if stdout.String() != "" {
				t.Errorf("stdout = %q, want nothing", stdout.String())
			}
		})
	}
}

func TestRunPrintEnv(t *testing.T) {
	t.Parallel()
	var stdout, stderr syncBuffer
	if got := run(context.Background(), []string{"-print-env", "-addr", "127.0.0.1:8099", "-client-secret", "a b"}, &stdout, &stderr); got != 0 {
		t.Fatalf("run = %d, want 0; stderr: %s", got, stderr.String())
	}
	want := "export SELLERCENTER_BASE_URL=http://127.0.0.1:8099/api\n" +
		"export SELLERCENTER_TOKEN_URL=http://127.0.0.1:8099/oauth/client-credentials\n" +
		"export SELLERCENTER_CLIENT_ID=sellercentertest-client\n" +
		"export SELLERCENTER_CLIENT_SECRET='a b'\n"
	if stdout.String() != want {
		t.Errorf("stdout = %q, want %q", stdout.String(), want)
	}
}

// call gets a token from the mock run printed env for and sends one GET.
func call(t *testing.T, env map[string]string, path string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, env["SELLERCENTER_TOKEN_URL"], strings.NewReader("grant_type=client_credentials"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(env["SELLERCENTER_CLIENT_ID"], env["SELLERCENTER_CLIENT_SECRET"])
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("token request: %v", err)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	err = json.NewDecoder(resp.Body).Decode(&tok)
	resp.Body.Close()
	if err != nil {
		t.Fatalf("token: %v", err)
	}
	req, _ = http.NewRequest(http.MethodGet, env["SELLERCENTER_BASE_URL"]+path, nil)
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, body
}

// TestRunFaultFlags checks that each flag reaches the server: the answers
// of a few requests change as the flags say.
func TestRunFaultFlags(t *testing.T) {
	t.Parallel()
	type get struct {
		path       string
		status     int
		retryAfter string
		body       string
	}
	tests := []struct {
		args []string
		gets []get
	}{
		{[]string{"-fail", "getSeller=503:2", "-fail", "listOrders=429"}, []get{
			{"/v2/seller", 503, "1", ""}, {"/v2/seller", 503, "1", ""}, {"/v2/seller", 200, "", `"Kedai Batik Nusantara"`},
			{"/v2/orders?limit=1&offset=0", 429, "1", ""}, {"/v2/orders?limit=1&offset=0", 429, "1", ""},
		}},
		{[]string{"-maintenance", "120"}, []get{{"/v2/seller", 503, "120", ""}, {"/v2/health", 503, "120", ""}}},
		// 30 seeded orders, then 1031 to 1280.
		{[]string{"-orders", "250"}, []get{
			{"/v2/orders?limit=1&offset=279", 200, "", `"number":"MY-50001280"`},
			{"/v2/orders?limit=1&offset=280", 200, "", `"items":[]`},
		}},
		{[]string{"-products", "2", "-empty"}, []get{
			{"/v2/product-sets?limit=5&offset=0", 200, "", `"sellerSku":"DEMO-BLT-000002"`},
		}},
		{[]string{"-latency", "1ms", "-latency", "getSeller=2ms"}, []get{{"/v2/seller", 200, "", `"Kedai Batik Nusantara"`}}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(context.Background())
			env, code, stderr := start(t, ctx, append([]string{"-rate-limit", "0"}, tt.args...)...)
			defer func() { cancel(); <-code }()
			for i, g := range tt.gets {
				resp, body := call(t, env, g.path)
				if resp.StatusCode != g.status || resp.Header.Get("Retry-After") != g.retryAfter || !bytes.Contains(body, []byte(g.body)) {
					t.Errorf("request %d, GET %s = %d (Retry-After %q) …%s; want %d (Retry-After %q) with %s; stderr: %s",
						i+1, g.path, resp.StatusCode, resp.Header.Get("Retry-After"), body[max(0, len(body)-200):], g.status, g.retryAfter, g.body, stderr.String())
				}
			}
		})
	}
}

func TestLogWebhookDeliveries(t *testing.T) {
	t.Parallel()
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
	}))
	defer receiver.Close()
	srv, err := sellercentertest.NewServer(sellercentertest.Config{Empty: true, RequestLogSize: sellercentertest.NoRequestLog})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	srv.AddWebhook(receiver.URL, "onOrderCreated")
	var logs syncBuffer
	stop := logWebhookDeliveries(srv, log.New(&logs, "", 0))
	if _, err := srv.AddOrder(gen.Order{Items: []gen.OrderItem{{}}}); err != nil {
		t.Fatal(err)
	}
	if err := srv.WaitWebhooks(context.Background()); err != nil {
		t.Fatal(err)
	}
	stop()
	if want := "webhook onOrderCreated to " + receiver.URL + ": success (HTTP 200)\n"; logs.String() != want {
		t.Errorf("logged %q, want %q", logs.String(), want)
	}
}
