package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is an io.Writer safe for the logger and the test at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// start runs the command with args until ctx is done; it returns the printed
// settings and a channel with the exit code.
func start(t *testing.T, ctx context.Context, args ...string) (map[string]string, <-chan int, *syncBuffer) {
	t.Helper()
	pr, pw := io.Pipe()
	stderr := &syncBuffer{}
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, args, pw, stderr)
		pw.Close()
	}()
	env := map[string]string{}
	sc := bufio.NewScanner(pr)
	for len(env) < 4 && sc.Scan() {
		line, ok := strings.CutPrefix(sc.Text(), "export ")
		k, v, ok2 := strings.Cut(line, "=")
		if !ok || !ok2 {
			t.Fatalf("stdout line %q is not export NAME=value", sc.Text())
		}
		env[k] = v
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }() // nothing more is expected
	if len(env) < 4 {
		t.Fatalf("run(%q) printed %v before exiting with %d; stderr: %s", args, env, <-code, stderr.String())
	}
	return env, code, stderr
}

func TestRunServesTheMock(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	env, code, stderr := start(t, ctx, "-addr", "127.0.0.1:0", "-token-lifetime", "10m", "-v")
	for _, k := range []string{"SELLERCENTER_BASE_URL", "SELLERCENTER_TOKEN_URL", "SELLERCENTER_CLIENT_ID", "SELLERCENTER_CLIENT_SECRET"} {
		if env[k] == "" {
			t.Errorf("%s was not printed; got %v", k, env)
		}
	}
	if !strings.HasSuffix(env["SELLERCENTER_BASE_URL"], "/api") || !strings.HasPrefix(env["SELLERCENTER_BASE_URL"], "http://127.0.0.1:") {
		t.Errorf("SELLERCENTER_BASE_URL = %q, want a loopback URL ending in /api", env["SELLERCENTER_BASE_URL"])
	}

	req, _ := http.NewRequest(http.MethodPost, env["SELLERCENTER_TOKEN_URL"], strings.NewReader("grant_type=client_credentials"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(env["SELLERCENTER_CLIENT_ID"], env["SELLERCENTER_CLIENT_SECRET"])
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("token request: %v", err)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
		ExpiresIn   int    `json:"expires_in"`
	}
	err = json.NewDecoder(resp.Body).Decode(&tok)
	resp.Body.Close()
	if err != nil || tok.AccessToken == "" || tok.ExpiresIn != 600 {
		t.Fatalf("token = %+v, %v; want a token for 600 s", tok, err)
	}
	req, _ = http.NewRequest(http.MethodGet, env["SELLERCENTER_BASE_URL"]+"/v2/orders?limit=1&offset=0", nil)
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("listOrders: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.Contains(body, []byte(`"MY-32001001"`)) {
		t.Errorf("listOrders = %d %.200s, want the seeded order MY-32001001", resp.StatusCode, body)
	}

	cancel()
	select {
	case c := <-code:
		if c != 0 {
			t.Errorf("run after cancel = %d, want 0", c)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not return after its context was canceled")
	}
	logs := stderr.String()
	if !strings.Contains(logs, "GET /api/v2/orders?limit=1&offset=0 listOrders -> 200") || !strings.Contains(logs, "stopped") {
		t.Errorf("stderr = %q, want the request logged by -v and a stop message", logs)
	}
	if strings.Contains(logs, tok.AccessToken) || strings.Contains(logs, "VIOLATES") {
		t.Errorf("stderr has a token or a spec violation: %q", logs)
	}
	if _, err := http.Get(env["SELLERCENTER_BASE_URL"] + "/v2/health"); err == nil {
		t.Error("the server still answers after run returned")
	}
}

func TestRunUsage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want int
	}{
		{[]string{"-h"}, 0},
		{[]string{"-no-such-flag"}, 2},
		{[]string{"extra"}, 2},
		{[]string{"-token-lifetime", "0s"}, 2},
		{[]string{"-client-secret", ""}, 2},
		{[]string{"-rate-limit", "-1"}, 2},
		{[]string{"-rate-limit", "2000000000"}, 2},
		{[]string{"-addr", "127.0.0.1:99999"}, 1},
	}
	for _, tt := range tests {
		var stdout, stderr syncBuffer
		if got := run(context.Background(), tt.args, &stdout, &stderr); got != tt.want {
			t.Errorf("run(%q) = %d, want %d; stderr: %s", tt.args, got, tt.want, stderr.String())
		}
		if stdout.String() != "" {
			t.Errorf("run(%q) printed %q on stdout, want nothing", tt.args, stdout.String())
		}
	}
}

func TestRunCustomCredentials(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	env, code, _ := start(t, ctx, "-client-id", "my app", "-client-secret", "it's-me", "-empty")
	cancel()
	<-code
	if env["SELLERCENTER_CLIENT_ID"] != "'my app'" || env["SELLERCENTER_CLIENT_SECRET"] != `'it'\''s-me'` {
		t.Errorf("printed credentials = %q / %q, want shell-quoted values", env["SELLERCENTER_CLIENT_ID"], env["SELLERCENTER_CLIENT_SECRET"])
	}
}

// TestRunRateLimit sends quick bursts of health checks: the limit is on by
// default, -rate-limit sets it and -rate-limit 0 turns it off.
func TestRunRateLimit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args       []string
		burst      int
		want429    bool
		retryAfter string
	}{
		// 50 loopback requests take far less than the 2/3 s that would
		// refill the 20 missing from a bucket of 30.
		{nil, 50, true, "1"},
		{[]string{"-rate-limit", "1"}, 2, true, "1"},
		{[]string{"-rate-limit", "0"}, 50, false, ""},
	}
	for _, tt := range tests {
		t.Run(strings.Join(append([]string{"args"}, tt.args...), " "), func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(context.Background())
			env, code, _ := start(t, ctx, append([]string{"-empty"}, tt.args...)...)
			defer func() { cancel(); <-code }()
			refused := 0
			for range tt.burst {
				resp, err := http.Get(env["SELLERCENTER_BASE_URL"] + "/v2/health")
				if err != nil {
					t.Fatalf("GET /v2/health: %v", err)
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				switch resp.StatusCode {
				case http.StatusOK:
				case http.StatusTooManyRequests:
					refused++
					if got := resp.Header.Get("Retry-After"); got != tt.retryAfter {
						t.Errorf("Retry-After = %q, want %q", got, tt.retryAfter)
					}
				default:
					t.Fatalf("GET /v2/health = %d, want 200 or 429", resp.StatusCode)
				}
			}
			if got := refused > 0; got != tt.want429 {
				t.Errorf("%d of %d quick requests refused with 429, want some: %v", refused, tt.burst, tt.want429)
			}
		})
	}
}

func TestShellQuote(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"http://127.0.0.1:80/api": "http://127.0.0.1:80/api",
		"":                        "''",
		"a b":                     "'a b'",
		"x;rm -rf":                "'x;rm -rf'",
		"it's":                    `'it'\''s'`,
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %q, want %q", in, got, want)
		}
	}
}
