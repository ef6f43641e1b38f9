package sellercenter

import (
	"errors"
	"math"
	"net/http"
	"net/http/cookiejar"
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

func TestFromEnv(t *testing.T) {
	t.Parallel()
	full := map[string]string{
		EnvBaseURL:      "https://sellercenter-api.example.test",
		EnvTokenURL:     "https://sellercenter-api.example.test/oauth/client-credentials",
		EnvClientID:     "app-id",
		EnvClientSecret: testSecret,
	}
	tests := []struct {
		name        string
		unset       []string
		blank       []string
		wantMissing []string
	}{
		{name: "all set"},
		{name: "secret missing", unset: []string{EnvClientSecret}, wantMissing: []string{EnvClientSecret}},
		{name: "two blank", blank: []string{EnvBaseURL, EnvClientID}, wantMissing: []string{EnvBaseURL, EnvClientID}},
		{name: "none set", unset: []string{EnvBaseURL, EnvTokenURL, EnvClientID, EnvClientSecret}, wantMissing: []string{EnvBaseURL, EnvTokenURL, EnvClientID, EnvClientSecret}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := make(map[string]string)
			for k, v := range full {
				env[k] = v
			}
			for _, k := range tt.unset {
				delete(env, k)
			}
			for _, k := range tt.blank {
				env[k] = "  "
			}
			cfg, err := fromEnv(func(k string) (string, bool) { v, ok := env[k]; return v, ok })
			if len(tt.wantMissing) == 0 {
				want := Config{BaseURL: full[EnvBaseURL], TokenURL: full[EnvTokenURL], ClientID: full[EnvClientID], ClientSecret: testSecret}
				if err != nil || !reflect.DeepEqual(cfg, want) {
					t.Fatalf("FromEnv() = %+v, %v, want the four values, nil", cfg.BaseURL, err)
				}
				return
			}
			if !errors.Is(err, ErrInvalidConfig) {
				t.Fatalf("FromEnv() error = %v, want ErrInvalidConfig", err)
			}
			want := "sellercenter: invalid config: environment variables not set: " + strings.Join(tt.wantMissing, ", ")
			if err.Error() != want {
				t.Errorf("FromEnv() error = %q, want %q", err, want)
			}
			if strings.Contains(err.Error(), testSecret) {
				t.Errorf("FromEnv() error contains the client secret")
			}
		})
	}
}

func TestFromEnvProcess(t *testing.T) {
	// Not parallel: t.Setenv changes the process environment.
	t.Setenv(EnvBaseURL, "https://sellercenter-api.example.test")
	t.Setenv(EnvTokenURL, "")
	t.Setenv(EnvClientID, "app-id")
	t.Setenv(EnvClientSecret, testSecret)
	_, err := FromEnv()
	if want := "sellercenter: invalid config: environment variables not set: " + EnvTokenURL; err == nil || err.Error() != want {
		t.Errorf("FromEnv() = %v, want %q", err, want)
	}
}

func TestConfigValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		cfg     Config
		wantErr string // "" = valid
	}{
		{"minimal", Config{BaseURL: "https://sellercenter-api.example.test"}, ""},
		{"base path", Config{BaseURL: "http://127.0.0.1:8080/api/"}, ""},
		{"all options", Config{BaseURL: "https://x.test", MaxRetries: -1, RateLimit: -1, Timeout: time.Second, UserAgent: "shop/1"}, ""},
		{"empty base URL", Config{}, "BaseURL is empty"},
		{"not a URL", Config{BaseURL: "https://x.test/%zz"}, "BaseURL is not a URL"},
		{"relative", Config{BaseURL: "/v2"}, "must start with https://"},
		{"ftp", Config{BaseURL: "ftp://x.test"}, "must start with https://"},
		{"no host", Config{BaseURL: "https:///v2"}, "BaseURL has no host"},
		{"credentials", Config{BaseURL: "https://user:" + testSecret + "@x.test"}, "must not contain credentials"},
		{"query", Config{BaseURL: "https://x.test/?a=1"}, "must not have a query"},
		{"fragment", Config{BaseURL: "https://x.test/#top"}, "must not have a query or fragment"},
		{"NaN rate", Config{BaseURL: "https://x.test", RateLimit: math.NaN()}, "RateLimit is NaN"},
		{"burst of a second's worth", Config{BaseURL: "https://x.test", Burst: 30}, ""},
		{"burst with a Limiter", Config{BaseURL: "https://x.test", Burst: 99, Limiter: rate.NewLimiter(1, 1)}, ""},
		{"burst under 1/s", Config{BaseURL: "https://x.test", Burst: 5, RateLimit: 0.5}, ""},
		{"negative burst", Config{BaseURL: "https://x.test", Burst: -1}, "Burst is negative"},
		{"burst over the rate", Config{BaseURL: "https://x.test", Burst: 31}, "Burst 31 is more than the 30 calls"},
		{"negative timeout", Config{BaseURL: "https://x.test", Timeout: -time.Second}, "Timeout is negative"},
		{"header injection", Config{BaseURL: "https://x.test", UserAgent: "a\r\nX-Evil: 1"}, "UserAgent contains a line break"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.cfg.validate()
			if tt.wantErr == "" {
				if err != nil {
					t.Errorf("Config{BaseURL: %q}.validate() = %v, want nil", tt.cfg.BaseURL, err)
				}
				return
			}
			if !errors.Is(err, ErrInvalidConfig) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("validate(%s) = %v, want ErrInvalidConfig containing %q", tt.name, err, tt.wantErr)
			}
			if err != nil && strings.Contains(err.Error(), testSecret) {
				t.Errorf("validate(%s) error contains the secret", tt.name)
			}
		})
	}
}

func TestConfigDefaults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		cfg       Config
		ua        string
		retries   int
		rps       float64
		rateLimit bool
	}{
		{Config{}, "sellercenter-go/" + Version, 2, 30, true},
		{Config{UserAgent: "shop/1", MaxRetries: 5, RateLimit: 10}, "shop/1", 5, 10, true},
		{Config{MaxRetries: -1, RateLimit: -1}, DefaultUserAgent, 0, 0, false},
		{Config{RateLimit: math.Inf(1)}, DefaultUserAgent, 2, 0, false},
	}
	for _, tt := range tests {
		rps, ok := tt.cfg.rateLimit()
		if got := tt.cfg.userAgent(); got != tt.ua {
			t.Errorf("Config%+v.userAgent() = %q, want %q", tt.cfg, got, tt.ua)
		}
		if got := tt.cfg.maxRetries(); got != tt.retries {
			t.Errorf("Config%+v.maxRetries() = %d, want %d", tt.cfg, got, tt.retries)
		}
		if rps != tt.rps || ok != tt.rateLimit {
			t.Errorf("Config%+v.rateLimit() = %v, %t, want %v, %t", tt.cfg, rps, ok, tt.rps, tt.rateLimit)
		}
		if tt.cfg.logger() == nil {
			t.Errorf("Config%+v.logger() = nil, want a discarding logger", tt.cfg)
		}
	}
}

func TestConfigHTTPClient(t *testing.T) {
	t.Parallel()
	if got := (Config{}).baseTransport(); got != http.DefaultTransport {
		t.Errorf("Config{}.baseTransport() = %v, want http.DefaultTransport", got)
	}
	jar, _ := cookiejar.New(nil)
	own := &http.Transport{}
	redirect := func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	cfg := Config{HTTPClient: &http.Client{Transport: own, Timeout: time.Minute, Jar: jar, CheckRedirect: redirect}}
	if got := cfg.baseTransport(); got != own {
		t.Errorf("Config.baseTransport() = %v, want the caller's transport", got)
	}
	rt := roundTripFunc(func(*http.Request) (*http.Response, error) { return nil, errors.New("unused") })
	hc := cfg.httpClient(rt)
	if hc.Timeout != time.Minute || hc.Jar != jar || hc.CheckRedirect == nil || hc == cfg.HTTPClient {
		t.Errorf("Config.httpClient() = %+v, want a new client keeping Timeout, Jar and CheckRedirect", hc)
	}
	if cfg.HTTPClient.Transport != own {
		t.Errorf("Config.httpClient() modified the caller's client")
	}
	if hc := (Config{}).httpClient(rt); hc.Timeout != 0 || hc.Transport == nil {
		t.Errorf("Config{}.httpClient() = %+v, want a plain client over rt", hc)
	}
}
