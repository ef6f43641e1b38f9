package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// TestNoConfigurationUsesTheMock is the README's first command: with
// nothing set, the tool serves the demo data and says so in one line.
func TestNoConfigurationUsesTheMock(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		env  map[string]string
		args []string
		why  string
	}{
		{"nothing set", nil, []string{"orders", "list", "-o", "json"}, "no SELLERCENTER_* configuration set"},
		{"blank values", map[string]string{"SELLERCENTER_BASE_URL": "  ", "SELLERCENTER_CLIENT_ID": ""},
			[]string{"orders", "list", "-o", "json"}, "no SELLERCENTER_* configuration set"},
		{"--mock over a full configuration", map[string]string{
			"SELLERCENTER_BASE_URL": "https://sellercenter-api.example.com", "SELLERCENTER_TOKEN_URL": "https://sellercenter.example.com/oauth/client-credentials",
			"SELLERCENTER_CLIENT_ID": "id", "SELLERCENTER_CLIENT_SECRET": secret,
		}, []string{"orders", "list", "-o", "json", "--mock"}, "--mock given"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := runTool(t, invocation{env: tt.env}, tt.args...)
			wantCode(t, tt.args, res, exitOK)
			if n := strings.Count(res.stderr, "\n"); n != 1 || !strings.Contains(res.stderr, tt.why) || !strings.Contains(res.stderr, "built-in demo SellerCenter") {
				t.Errorf("sellercenter %s stderr = %q, want one line saying %q and that the built-in mock is used", strings.Join(tt.args, " "), res.stderr, tt.why)
			}
			var orders []gen.Order
			if err := json.Unmarshal([]byte(res.stdout), &orders); err != nil {
				t.Fatalf("sellercenter %s stdout does not parse as JSON: %v", strings.Join(tt.args, " "), err)
			}
			if len(orders) != 30 {
				t.Errorf("sellercenter %s = %d orders, want the 30 demo orders", strings.Join(tt.args, " "), len(orders))
			}
			if strings.Contains(res.stdout+res.stderr, secret) {
				t.Errorf("sellercenter %s printed the client secret", strings.Join(tt.args, " "))
			}
		})
	}
}

// TestPartialConfigurationRefused checks that some settings without the
// others is an error naming exactly the missing ones, never the mock.
func TestPartialConfigurationRefused(t *testing.T) {
	t.Parallel()
	full := map[string]string{
		"SELLERCENTER_BASE_URL":      "https://sellercenter-api.example.com",
		"SELLERCENTER_TOKEN_URL":     "https://sellercenter.example.com/oauth/client-credentials",
		"SELLERCENTER_CLIENT_ID":     "app-id",
		"SELLERCENTER_CLIENT_SECRET": secret,
	}
	names := []string{"SELLERCENTER_BASE_URL", "SELLERCENTER_TOKEN_URL", "SELLERCENTER_CLIENT_ID", "SELLERCENTER_CLIENT_SECRET"}
	// Every non-empty, incomplete subset of the four variables.
	for mask := 1; mask < 15; mask++ {
		env := map[string]string{}
		var set, missing []string
		for i, n := range names {
			if mask&(1<<i) != 0 {
				env[n] = full[n]
				set = append(set, n)
			} else {
				missing = append(missing, n)
			}
		}
		t.Run(strings.Join(set, "+"), func(t *testing.T) {
			t.Parallel()
			args := []string{"orders", "list"}
			res := runTool(t, invocation{env: env}, args...)
			wantCode(t, args, res, exitUsage)
			for _, n := range missing {
				if !strings.Contains(res.stderr, n) {
					t.Errorf("sellercenter orders list with %v: stderr = %q, want it to name %s", set, res.stderr, n)
				}
			}
			for _, n := range set {
				if strings.Contains(res.stderr, n+" (") {
					t.Errorf("sellercenter orders list with %v: stderr = %q, names %s as missing", set, res.stderr, n)
				}
			}
			if strings.Contains(res.stderr, "built-in demo") || strings.Contains(res.stderr, secret) || res.stdout != "" {
				t.Errorf("sellercenter orders list with %v: stdout %q, stderr %q; want only the configuration error", set, res.stdout, res.stderr)
			}
		})
	}
}

// TestFlagsOverrideEnvironment points the environment at nothing and the
// flags at the mock.
func TestFlagsOverrideEnvironment(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{ClientSecret: secret})
	env := map[string]string{
		"SELLERCENTER_BASE_URL":      closedPortURL(t),
		"SELLERCENTER_TOKEN_URL":     closedPortURL(t),
		"SELLERCENTER_CLIENT_ID":     "nobody",
		"SELLERCENTER_CLIENT_SECRET": "wrong",
	}
	tests := []struct {
		name string
		env  map[string]string
		args []string
	}{
		{"all flags", env, []string{"seller", "--base-url", srv.URL, "--token-url", srv.TokenURL, "--client-id", srv.ClientID, "--client-secret", srv.ClientSecret}},
		{"flags complete the environment", map[string]string{"SELLERCENTER_BASE_URL": srv.URL, "SELLERCENTER_TOKEN_URL": srv.TokenURL},
			[]string{"seller", "--client-id", srv.ClientID, "--client-secret", srv.ClientSecret}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := runTool(t, invocation{env: tt.env}, tt.args...)
			wantCode(t, tt.args, res, exitOK)
			if !strings.Contains(res.stdout, "Kedai Batik Nusantara") || res.stderr != "" {
				t.Errorf("sellercenter seller = stdout %q, stderr %q; want the mock's seller and no message", res.stdout, res.stderr)
			}
			if strings.Contains(res.stdout+res.stderr, secret) {
				t.Error("sellercenter seller printed the client secret")
			}
		})
	}
}

// TestSecretsNeverPrinted runs commands, successful and failing, with the
// debug log on, and looks for the client secret and for tokens.
func TestSecretsNeverPrinted(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		env  func(srv *sellercentertest.Server) map[string]string
		args []string
		code int
	}{
		{"list", envFor, []string{"orders", "list", "--debug"}, exitOK},
		{"json", envFor, []string{"seller", "--debug", "-o", "json"}, exitOK},
		{"refused change", envFor, []string{"orders", "ship", "5001", "--debug"}, exitFailure},
		{"secret as a flag", func(srv *sellercentertest.Server) map[string]string {
			return with(envFor(srv), "SELLERCENTER_CLIENT_SECRET", "")
		}, []string{"orders", "get", "1001", "--debug", "--client-secret", secret}, exitOK},
		{"wrong secret", func(srv *sellercentertest.Server) map[string]string {
			return with(envFor(srv), "SELLERCENTER_CLIENT_SECRET", secret+"-wrong")
		}, []string{"orders", "list", "--debug"}, exitAuth},
		{"wrong secret as a flag", envFor, []string{"seller", "--debug", "--client-secret", secret + "-wrong"}, exitAuth},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newMock(t, sellercentertest.Config{ClientSecret: secret})
			res := runTool(t, invocation{env: tt.env(srv)}, tt.args...)
			wantCode(t, tt.args, res, tt.code)
			out := res.stdout + res.stderr
			for _, leak := range []string{secret, "Bearer", "Authorization", "access_token"} {
				if strings.Contains(out, leak) {
					t.Errorf("sellercenter %s printed %q:\nstdout: %s\nstderr: %s", strings.Join(tt.args, " "), leak, res.stdout, res.stderr)
				}
			}
			if !strings.Contains(res.stderr, "level=DEBUG") && tt.code != exitAuth {
				t.Errorf("sellercenter %s stderr = %q, want the debug log", strings.Join(tt.args, " "), res.stderr)
			}
		})
	}
}

// TestNoMockWithoutAPI checks that help and completion neither start the
// mock nor need configuration.
func TestNoMockWithoutAPI(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--help"}, "orders"},
		{[]string{}, "Available Commands"},
		{[]string{"orders"}, "ready-to-ship"},
		{[]string{"orders", "export", "--help"}, "--out"},
		{[]string{"completion", "bash"}, "sellercenter"},
		{[]string{"completion", "zsh"}, "sellercenter"},
		{[]string{"completion", "fish"}, "sellercenter"},
		{[]string{"completion", "powershell"}, "sellercenter"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			res := runTool(t, invocation{env: map[string]string{"SELLERCENTER_BASE_URL": "https://only.example.com"}}, tt.args...)
			wantCode(t, tt.args, res, exitOK)
			if !strings.Contains(res.stdout, tt.want) || res.stderr != "" {
				t.Errorf("sellercenter %s = stdout %.80q..., stderr %q; want %q on stdout and nothing on stderr", strings.Join(tt.args, " "), res.stdout, res.stderr, tt.want)
			}
		})
	}
}
