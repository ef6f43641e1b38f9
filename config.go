package sellercenter

import (
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"strings"
	"time"

	"github.com/sellercenter-go/sellercenter/internal/env"
)

// Version is the version of this client, sent in the default User-Agent.
const Version = "0.1.0"

// Defaults applied to the zero values of Config fields.
const (
	// DefaultMaxRetries is how often a failed call is retried when
	// Config.MaxRetries is zero.
	DefaultMaxRetries = 2
	// DefaultRateLimit is the documented per-seller limit of the API, in
	// requests per second, used when Config.RateLimit is zero.
	DefaultRateLimit = 30.0
)

// DefaultUserAgent is the User-Agent sent when Config.UserAgent is empty.
const DefaultUserAgent = "sellercenter-go/" + Version

// Environment variables read by FromEnv.
const (
	// EnvBaseURL holds Config.BaseURL.
	EnvBaseURL = env.BaseURL
	// EnvTokenURL holds Config.TokenURL; package authn reads the same name.
	EnvTokenURL = env.TokenURL
	// EnvClientID holds Config.ClientID; package authn reads the same name.
	EnvClientID = env.ClientID
	// EnvClientSecret holds Config.ClientSecret; package authn reads the
	// same name.
	EnvClientSecret = env.ClientSecret
)

// ErrInvalidConfig is the class of every error about a bad Config or
// environment; test for it with errors.Is.
var ErrInvalidConfig = errors.New("sellercenter: invalid config")

// Config describes one client of the SellerCenter API. The zero value of every
// optional field selects a documented default, so a Config literal only needs
// the four connection fields.
type Config struct {
	// BaseURL is the API root every operation path is joined to, for example
	// "https://sellercenter-api.zalora.com.my". Hosts differ per instance, so
	// there is no default. It must be http or https and carry no credentials,
	// query or fragment.
	BaseURL string

	// TokenURL is the OAuth2 client-credentials endpoint, on most instances
	// on the Seller Center web host rather than the API host, for example
	// "https://sellercenter.zalora.com.my/oauth/client-credentials" (see
	// authn.Config.TokenURL). Bodies sent to and received from it are never
	// logged.
	TokenURL string

	// ClientID is the Application ID of the seller's OAuth application.
	ClientID string

	// ClientSecret is the Application Secret of the seller's OAuth
	// application. It never appears in errors or logs.
	ClientSecret string

	// HTTPClient is the client whose Transport carries the requests; its
	// Timeout, Jar and CheckRedirect are kept. Nil means a client over
	// http.DefaultTransport.
	HTTPClient *http.Client

	// UserAgent is sent on requests that do not set one; empty means
	// DefaultUserAgent.
	UserAgent string

	// MaxRetries is how often a failed call may be retried (so at most
	// MaxRetries+1 attempts). Zero means DefaultMaxRetries; a negative value
	// turns retries off.
	MaxRetries int

	// RateLimit is the most requests per second the client starts, shared by
	// all calls of one client: never more than RateLimit of them in any
	// rolling second. Zero means DefaultRateLimit; a negative value,
	// math.Inf(1) or rate.Inf turns limiting off. It is ignored when Limiter
	// is set.
	RateLimit float64

	// Burst is how many calls may start at once after an idle spell, such
	// as the pages a walk asks for when its first page comes back; the
	// calls after them are spaced 1/RateLimit apart. Zero means half of
	// RateLimit (15 at the API's 30 a second), at least 1; 1 spaces every
	// call. It may not exceed RateLimit, and is ignored when Limiter is set.
	Burst int

	// Limiter, when not nil, paces the calls instead of the client's own
	// limiter of RateLimit and Burst: every call waits for it once, under
	// the call's ctx, before its first attempt. Share one Limiter between
	// clients, or a distributed one between processes, to keep all of a
	// seller's callers within the API's budget together; its error fails
	// the call unsent.
	Limiter Limiter

	// Timeout bounds each attempt, from sending the request to reading the
	// end of the response body; retries get a fresh Timeout each. Zero means
	// no per-attempt bound: the caller's ctx and HTTPClient.Timeout still
	// apply.
	Timeout time.Duration

	// PageWindow is how many pages a list iterator (Client.Orders and the
	// others) may hold at once, requested ahead of the one being yielded so
	// that a walk runs at the rate limit rather than at one page per round
	// trip. Zero means DefaultPageWindow; 1 fetches one page at a time, each
	// once the previous one was yielded; negative is an error. Memory grows
	// with it: up to PageWindow decoded pages.
	PageWindow int

	// Logger receives one Debug record per HTTP exchange and, at LevelBody,
	// the redacted bodies. Nil discards everything at no cost.
	Logger *slog.Logger

	// OnWait, when not nil, is called before each pause of the client: the
	// wait before a retry (after a 429, a maintenance 503 or another
	// retryable answer or error), for the client's own rate limit when that
	// lasts a second or more, and between the status reads of
	// WaitForFeed and WaitForExport, so a service or a tool can say what it
	// waits for rather than go silent; Wait.String gives it as one line.
	// It runs on the calling goroutine and must not block. The same waits
	// are logged at Debug through Logger. A retry the ctx deadline leaves
	// no time for, or whose Retry-After passes the deadline, is not waited
	// for, and so not reported: the call returns the answer it has at once.
	OnWait func(Wait)
}

// FromEnv builds a Config from SELLERCENTER_BASE_URL, SELLERCENTER_TOKEN_URL,
// SELLERCENTER_CLIENT_ID and SELLERCENTER_CLIENT_SECRET, each trimmed of
// surrounding white space, as authn.FromEnv reads them. Its error names
// every variable that is unset or blank, and never echoes a value.
func FromEnv() (Config, error) {
	return fromEnv(os.LookupEnv)
}

// fromEnv is FromEnv over an injectable lookup, so tests need no process
// environment (t.Setenv forbids parallel tests).
func fromEnv(lookup func(string) (string, bool)) (Config, error) {
	v, missing := env.Read(lookup, EnvBaseURL, EnvTokenURL, EnvClientID, EnvClientSecret)
	if len(missing) > 0 {
		return Config{}, fmt.Errorf("%w: environment variables not set: %s", ErrInvalidConfig, strings.Join(missing, ", "))
	}
	return Config{BaseURL: v[0], TokenURL: v[1], ClientID: v[2], ClientSecret: v[3]}, nil
}

// validate checks the parts of c the transport depends on; the OAuth fields
// are checked by package authn when the token source is built.
func (c Config) validate() error {
	if _, err := c.baseURL(); err != nil {
		return err
	}
	if math.IsNaN(c.RateLimit) {
		return fmt.Errorf("%w: RateLimit is NaN", ErrInvalidConfig)
	}
	if c.Burst < 0 {
		return fmt.Errorf("%w: Burst is negative (%d)", ErrInvalidConfig, c.Burst)
	}
	if rps, ok := c.rateLimit(); ok && c.Limiter == nil && rps >= 1 && float64(c.Burst) > rps {
		return fmt.Errorf("%w: Burst %d is more than the %v calls RateLimit lets start in a second", ErrInvalidConfig, c.Burst, rps)
	}
	if v := reflect.ValueOf(c.Limiter); c.Limiter != nil && v.Kind() == reflect.Pointer && v.IsNil() {
		// Its Wait would panic on the first call.
		return fmt.Errorf("%w: Limiter is a nil %T", ErrInvalidConfig, c.Limiter)
	}
	if c.PageWindow < 0 {
		return fmt.Errorf("%w: PageWindow is negative (%d)", ErrInvalidConfig, c.PageWindow)
	}
	if c.Timeout < 0 {
		return fmt.Errorf("%w: Timeout is negative (%v)", ErrInvalidConfig, c.Timeout)
	}
	if strings.ContainsAny(c.UserAgent, "\r\n") {
		return fmt.Errorf("%w: UserAgent contains a line break", ErrInvalidConfig)
	}
	return nil
}

// baseURL parses BaseURL. Its errors never quote the URL, which could hold
// credentials a caller pasted by mistake.
func (c Config) baseURL() (*url.URL, error) {
	if strings.TrimSpace(c.BaseURL) == "" {
		return nil, fmt.Errorf("%w: BaseURL is empty", ErrInvalidConfig)
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil {
		var uerr *url.Error
		if errors.As(err, &uerr) {
			err = uerr.Err
		}
		return nil, fmt.Errorf("%w: BaseURL is not a URL: %w", ErrInvalidConfig, err)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("%w: BaseURL must start with https:// or http://", ErrInvalidConfig)
	case u.Host == "":
		return nil, fmt.Errorf("%w: BaseURL has no host", ErrInvalidConfig)
	case u.Scheme == "http" && !env.Loopback(u.Hostname()):
		// Bearer tokens must not cross a network in clear text.
		return nil, fmt.Errorf("%w: BaseURL must use https (http is allowed only for a loopback host)", ErrInvalidConfig)
	case u.User != nil:
		return nil, fmt.Errorf("%w: BaseURL must not contain credentials", ErrInvalidConfig)
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return nil, fmt.Errorf("%w: BaseURL must not have a query or fragment", ErrInvalidConfig)
	}
	return u, nil
}

// userAgent is the effective User-Agent.
func (c Config) userAgent() string {
	if c.UserAgent == "" {
		return DefaultUserAgent
	}
	return c.UserAgent
}

// maxRetries is the effective retry count. Defaults are resolved by accessors,
// never written back, so resolving twice cannot turn "none" into the default.
func (c Config) maxRetries() int {
	switch {
	case c.MaxRetries < 0:
		return 0
	case c.MaxRetries == 0:
		return DefaultMaxRetries
	}
	return c.MaxRetries
}

// rateLimit is the effective limit in requests per second; ok is false when
// limiting is off.
func (c Config) rateLimit() (rps float64, ok bool) {
	switch {
	case c.RateLimit == 0:
		return DefaultRateLimit, true
	case c.RateLimit < 0, c.RateLimit >= math.MaxFloat64, math.IsNaN(c.RateLimit):
		// rate.Inf is math.MaxFloat64.
		return 0, false
	}
	return c.RateLimit, true
}

// burst is the effective burst of the client's own limiter for rps.
func (c Config) burst(rps float64) int {
	if c.Burst > 0 {
		return c.Burst
	}
	return max(int(rps/2), 1)
}

// logger is the effective logger.
func (c Config) logger() *slog.Logger {
	if c.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return c.Logger
}

// waitNotifier tells OnWait and Logger of each wait.
func (c Config) waitNotifier() waitNotifier {
	return waitNotifier{onWait: c.OnWait, logger: c.Logger}
}

// baseTransport is the RoundTripper the composed layers end in.
func (c Config) baseTransport() http.RoundTripper {
	if c.HTTPClient != nil && c.HTTPClient.Transport != nil {
		return c.HTTPClient.Transport
	}
	return http.DefaultTransport
}

// httpClient returns a client over rt that keeps the caller's Timeout, Jar
// and CheckRedirect. The caller's client itself is never modified.
func (c Config) httpClient(rt http.RoundTripper) *http.Client {
	hc := &http.Client{Transport: rt}
	if c.HTTPClient != nil {
		hc.Timeout = c.HTTPClient.Timeout
		hc.Jar = c.HTTPClient.Jar
		hc.CheckRedirect = c.HTTPClient.CheckRedirect
	}
	return hc
}
