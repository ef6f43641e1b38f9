package authn

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"
	"unicode"

	"github.com/sellercenter-go/sellercenter/internal/env"
	"github.com/sellercenter-go/sellercenter/internal/oneline"
)

// Environment variables read by FromEnv.
const (
	EnvClientID     = env.ClientID
	EnvClientSecret = env.ClientSecret
	EnvTokenURL     = env.TokenURL
)

// Defaults applied by New to zero Config fields.
const (
	// DefaultTimeout bounds a whole token fetch, retries included, when
	// Config.HTTPClient is nil or has no Timeout.
	DefaultTimeout = 10 * time.Second

	// DefaultEarlyRefresh is how long before expiry a token is refreshed when
	// Config.EarlyRefresh is zero.
	DefaultEarlyRefresh = 60 * time.Second
)

// ErrInvalidConfig is the class of every error returned by FromEnv and New;
// test for it with errors.Is.
var ErrInvalidConfig = errors.New("authn: invalid config")

// Config describes an OAuth application and its token endpoint.
type Config struct {
	// ClientID is the OAuth application's id ("Application ID" in Seller
	// Center under Settings > Integration Management > OAuth Applications).
	ClientID string

	// ClientSecret is the OAuth application's secret. It is sent only to
	// TokenURL, as HTTP Basic credentials together with ClientID (both
	// form-encoded first, as RFC 6749 section 2.3.1 requires, which leaves
	// letters, digits and "-._~" unchanged), and never appears in an error.
	ClientSecret string

	// TokenURL is the client-credentials token endpoint. On most instances
	// it is on the Seller Center host, not the API host:
	//
	//	https://sellercenter.<instance>/oauth/client-credentials
	//
	// THE ICONIC documents it on the API host instead:
	//
	//	https://sellercenter-api.theiconic.com.au/oauth/client-credentials
	//
	// It must be https, except on a loopback host (for tests), and must not
	// carry user information.
	TokenURL string

	// HTTPClient sends token requests, and only those. Nil means a client
	// with a DefaultTimeout timeout. Its Timeout, or DefaultTimeout when it
	// has none, also bounds a whole fetch with its retries. Its
	// CheckRedirect is not used: a token request never follows a redirect,
	// so the secret goes to TokenURL only, and a redirect is an error
	// naming where it pointed.
	HTTPClient *http.Client

	// EarlyRefresh is how long before expiry a cached token is replaced; zero
	// means DefaultEarlyRefresh. When it is not shorter than a token's
	// lifetime, the token is refreshed halfway through its lifetime.
	EarlyRefresh time.Duration

	// now and sleep are test seams: a fake clock for expiry decisions and a
	// sleeper for retry backoff. Nil means time.Now and a real timer.
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error
}

// FromEnv returns a Config with ClientID, ClientSecret and TokenURL read from
// SELLERCENTER_CLIENT_ID, SELLERCENTER_CLIENT_SECRET and
// SELLERCENTER_TOKEN_URL, each trimmed of surrounding white space. The error
// names every variable that is unset or blank, and never echoes a value. The
// values are validated by New, not here.
func FromEnv() (Config, error) {
	return fromEnv(os.LookupEnv)
}

func fromEnv(lookup func(string) (string, bool)) (Config, error) {
	v, missing := env.Read(lookup, EnvClientID, EnvClientSecret, EnvTokenURL)
	if len(missing) > 0 {
		return Config{}, fmt.Errorf("%w: environment variables not set: %s", ErrInvalidConfig, strings.Join(missing, ", "))
	}
	return Config{ClientID: v[0], ClientSecret: v[1], TokenURL: v[2]}, nil
}

// validate checks cfg and returns the first problem, naming the field. It
// never includes the secret or a URL password in the message.
func (cfg *Config) validate() error {
	if err := checkCredential("ClientID", cfg.ClientID); err != nil {
		return err
	}
	if err := checkCredential("ClientSecret", cfg.ClientSecret); err != nil {
		return err
	}
	if cfg.TokenURL == "" {
		return fmt.Errorf("%w: Config.TokenURL is empty", ErrInvalidConfig)
	}
	u, err := url.Parse(cfg.TokenURL)
	if err != nil {
		// The url.Parse error quotes the input, which may hold a password.
		return fmt.Errorf("%w: Config.TokenURL is not a valid URL", ErrInvalidConfig)
	}
	if u.User != nil {
		return fmt.Errorf("%w: Config.TokenURL must not contain user information; use ClientID and ClientSecret", ErrInvalidConfig)
	}
	// The messages name the URL by scheme and host only: its path, query
	// or fragment may hold a credential.
	if u.Host == "" || u.Hostname() == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return fmt.Errorf("%w: Config.TokenURL is not an absolute http(s) URL (%s)", ErrInvalidConfig, schemeAndHost(u))
	}
	if u.Scheme == "http" && !env.Loopback(u.Hostname()) {
		return fmt.Errorf("%w: Config.TokenURL must use https, not http (host %s; http is allowed only for a loopback host)",
			ErrInvalidConfig, oneline.Quote(u.Host))
	}
	if cfg.EarlyRefresh < 0 {
		return fmt.Errorf("%w: Config.EarlyRefresh is negative (%v)", ErrInvalidConfig, cfg.EarlyRefresh)
	}
	if cfg.HTTPClient != nil && cfg.HTTPClient.Timeout < 0 {
		return fmt.Errorf("%w: Config.HTTPClient.Timeout is negative (%v)", ErrInvalidConfig, cfg.HTTPClient.Timeout)
	}
	return nil
}

// checkCredential rejects values a server would refuse anyway, with a hint
// that names the field but never shows the value: a stray newline from a
// secrets file is the usual cause.
func checkCredential(field, v string) error {
	if v == "" {
		return fmt.Errorf("%w: Config.%s is empty", ErrInvalidConfig, field)
	}
	if strings.TrimSpace(v) != v {
		return fmt.Errorf("%w: Config.%s has leading or trailing white space", ErrInvalidConfig, field)
	}
	if strings.IndexFunc(v, unicode.IsControl) >= 0 {
		return fmt.Errorf("%w: Config.%s contains a control character", ErrInvalidConfig, field)
	}
	return nil
}

// schemeAndHost describes u by its scheme and host, for a message.
func schemeAndHost(u *url.URL) string {
	scheme, host := "no scheme", "no host"
	if u.Scheme != "" {
		scheme = "scheme " + oneline.Quote(u.Scheme)
	}
	if u.Host != "" {
		host = "host " + oneline.Quote(u.Host)
	}
	return scheme + ", " + host
}
