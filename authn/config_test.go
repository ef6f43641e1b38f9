package authn

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestFromEnv(t *testing.T) {
	t.Parallel()
	all := map[string]string{
		EnvClientID:     "id",
		EnvClientSecret: "secret-from-env",
		EnvTokenURL:     "https://sellercenter.example.com/oauth/client-credentials",
	}
	without := func(names ...string) map[string]string {
		m := map[string]string{}
		for k, v := range all {
			m[k] = v
		}
		for _, n := range names {
			delete(m, n)
		}
		return m
	}
	tests := []struct {
		name        string
		env         map[string]string
		wantMissing []string
	}{
		{"all set", all, nil},
		{"no id", without(EnvClientID), []string{EnvClientID}},
		{"no secret", without(EnvClientSecret), []string{EnvClientSecret}},
		{"no url", without(EnvTokenURL), []string{EnvTokenURL}},
		{"none", map[string]string{}, []string{EnvClientID, EnvClientSecret, EnvTokenURL}},
		{"empty counts as unset", func() map[string]string {
			m := without()
			m[EnvClientSecret] = ""
			return m
		}(), []string{EnvClientSecret}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg, err := fromEnv(func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok })
			if len(tt.wantMissing) == 0 {
				if err != nil {
					t.Fatalf("FromEnv() = %v, want nil error", err)
				}
				want := Config{ClientID: all[EnvClientID], ClientSecret: all[EnvClientSecret], TokenURL: all[EnvTokenURL]}
				if cfg.ClientID != want.ClientID || cfg.ClientSecret != want.ClientSecret || cfg.TokenURL != want.TokenURL {
					t.Errorf("FromEnv() = %q/%q, want %q/%q", cfg.ClientID, cfg.TokenURL, want.ClientID, want.TokenURL)
				}
				return
			}
			if !errors.Is(err, ErrInvalidConfig) {
				t.Fatalf("FromEnv() error = %v, want ErrInvalidConfig", err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "authn: ") {
				t.Errorf("FromEnv() error = %q, want prefix %q", msg, "authn: ")
			}
			for _, name := range []string{EnvClientID, EnvClientSecret, EnvTokenURL} {
				want := contains(tt.wantMissing, name)
				if got := strings.Contains(msg, name); got != want {
					t.Errorf("FromEnv() error %q mentions %s = %v, want %v", msg, name, got, want)
				}
			}
			if strings.Contains(msg, all[EnvClientSecret]) {
				t.Errorf("FromEnv() error contains the secret")
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func TestNewValidatesConfig(t *testing.T) {
	t.Parallel()
	const secret = "p4ss-word-xyz"
	valid := Config{ClientID: "id", ClientSecret: secret, TokenURL: "https://sellercenter.example.com/oauth/client-credentials"}
	with := func(f func(*Config)) Config { c := valid; f(&c); return c }
	tests := []struct {
		name      string
		cfg       Config
		wantField string // "" means valid
	}{
		{"valid https", valid, ""},
		{"THE ICONIC api host", with(func(c *Config) {
			c.TokenURL = "https://sellercenter-api.theiconic.com.au/oauth/client-credentials"
		}), ""},
		{"http localhost", with(func(c *Config) { c.TokenURL = "http://localhost:8080/oauth/client-credentials" }), ""},
		{"http 127.0.0.1", with(func(c *Config) { c.TokenURL = "http://127.0.0.1:1/x" }), ""},
		{"http ::1", with(func(c *Config) { c.TokenURL = "http://[::1]:1/x" }), ""},
		{"early refresh and client", with(func(c *Config) {
			c.EarlyRefresh = time.Second
			c.HTTPClient = &http.Client{Timeout: time.Second}
		}), ""},
		{"empty id", with(func(c *Config) { c.ClientID = "" }), "ClientID"},
		{"empty secret", with(func(c *Config) { c.ClientSecret = "" }), "ClientSecret"},
		{"secret with newline", with(func(c *Config) { c.ClientSecret = secret + "\n" }), "ClientSecret"},
		{"secret with control char", with(func(c *Config) { c.ClientSecret = "p4ss\x00word" }), "ClientSecret"},
		{"id with space", with(func(c *Config) { c.ClientID = " id" }), "ClientID"},
		{"empty url", with(func(c *Config) { c.TokenURL = "" }), "TokenURL"},
		{"unparsable url", with(func(c *Config) { c.TokenURL = "https://u:" + secret + "@host/%zz" }), "TokenURL"},
		{"relative url", with(func(c *Config) { c.TokenURL = "/oauth/client-credentials" }), "TokenURL"},
		{"no scheme", with(func(c *Config) { c.TokenURL = "sellercenter.example.com/oauth" }), "TokenURL"},
		{"ftp", with(func(c *Config) { c.TokenURL = "ftp://sellercenter.example.com/oauth" }), "TokenURL"},
		{"http remote", with(func(c *Config) { c.TokenURL = "http://sellercenter.example.com/oauth" }), "TokenURL"},
		{"user info", with(func(c *Config) { c.TokenURL = "https://id:" + secret + "@sellercenter.example.com/oauth" }), "TokenURL"},
		{"negative early refresh", with(func(c *Config) { c.EarlyRefresh = -time.Second }), "EarlyRefresh"},
		{"negative timeout", with(func(c *Config) { c.HTTPClient = &http.Client{Timeout: -1} }), "HTTPClient.Timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ts, err := New(tt.cfg)
			if tt.wantField == "" {
				if err != nil || ts == nil {
					t.Fatalf("New(%s) = %v, %v, want a TokenSource", tt.name, ts, err)
				}
				return
			}
			if !errors.Is(err, ErrInvalidConfig) {
				t.Fatalf("New(%s) error = %v, want ErrInvalidConfig", tt.name, err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "authn: ") || !strings.Contains(msg, "Config."+tt.wantField) {
				t.Errorf("New(%s) error = %q, want it to start with %q and name Config.%s", tt.name, msg, "authn: ", tt.wantField)
			}
			if strings.Contains(msg, secret) {
				t.Errorf("New(%s) error contains the secret", tt.name)
			}
		})
	}
}

func TestNewDefaults(t *testing.T) {
	t.Parallel()
	ts, err := New(Config{ClientID: "id", ClientSecret: "s", TokenURL: "https://h.example/oauth/client-credentials"})
	if err != nil {
		t.Fatalf("New() = %v, want nil error", err)
	}
	if ts.hc == nil || ts.hc.Timeout != DefaultTimeout {
		t.Errorf("New().hc = %+v, want a client with Timeout %v", ts.hc, DefaultTimeout)
	}
	if ts.timeout != DefaultTimeout || ts.early != DefaultEarlyRefresh {
		t.Errorf("New() timeout, early = %v, %v, want %v, %v", ts.timeout, ts.early, DefaultTimeout, DefaultEarlyRefresh)
	}

	hc := &http.Client{} // no timeout: the fetch is still bounded
	ts, err = New(Config{ClientID: "id", ClientSecret: "s", TokenURL: "https://h.example/x", HTTPClient: hc, EarlyRefresh: time.Minute * 2})
	if err != nil {
		t.Fatalf("New() = %v, want nil error", err)
	}
	if ts.hc != hc || ts.timeout != DefaultTimeout || ts.early != 2*time.Minute {
		t.Errorf("New() hc, timeout, early = %p, %v, %v, want %p, %v, %v", ts.hc, ts.timeout, ts.early, hc, DefaultTimeout, 2*time.Minute)
	}
}
