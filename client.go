package sellercenter

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/sellercenter-go/sellercenter/authn"
	"github.com/sellercenter-go/sellercenter/gen"
)

// tokenTimeout bounds one request to the token endpoint.
const tokenTimeout = authn.DefaultTimeout

// Client is a SellerCenter API client. Every generated operation is a method
// of it, through the embedded *gen.ClientWithResponses, and every call goes
// through the rate limit, retry, token refresh and logging layers. It is safe
// for concurrent use; create one per OAuth application and share it.
type Client struct {
	*gen.ClientWithResponses

	pageWindow int // Config.PageWindow; 0 means DefaultPageWindow
	// waits is told of the pauses of WaitForFeed and WaitForExport.
	waits waitNotifier
}

// New returns a Client for cfg. It checks cfg and returns an error wrapping
// ErrInvalidConfig that names the offending field; it sends no request. The
// first call fetches an access token, which all later calls share until it
// is due for refresh.
func New(cfg Config) (*Client, error) {
	return newClient(cfg, clock{})
}

// newClient is New with the retry layer's clock; tests pass a fake one so
// that Retry-After and backoff waits take no time.
func newClient(cfg Config, clk clock) (*Client, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	tokens, err := authn.New(authn.Config{
		ClientID:     cfg.ClientID,
		ClientSecret: cfg.ClientSecret,
		TokenURL:     cfg.TokenURL,
		// Token requests bypass the API layers: they are not rate limited
		// against the seller's API budget or retried by the API rules. They
		// are logged, never with their bodies, so a failing token exchange
		// shows in the log.
		HTTPClient: &http.Client{Transport: newTokenLogging(cfg), Timeout: tokenTimeout},
	})
	if err != nil {
		return nil, &configError{err: err}
	}
	rt := newTransport(cfg.baseTransport(), cfg, tokens, newLimiter(cfg, clk), clk)
	c, err := gen.NewClientWithResponses(cfg.BaseURL, gen.WithHTTPClient(cfg.httpClient(rt)),
		gen.WithRequestEditorFn(userAgentEditor(cfg.userAgent())))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidConfig, err)
	}
	return &Client{ClientWithResponses: c, pageWindow: cfg.PageWindow, waits: cfg.waitNotifier()}, nil
}

// configError is an error of package authn about the Config, told as this
// package's: with one prefix, not "sellercenter: invalid config: authn:
// invalid config: ...", and matching both packages' ErrInvalidConfig.
type configError struct{ err error }

func (e *configError) Error() string {
	return ErrInvalidConfig.Error() + ": " + strings.TrimPrefix(e.err.Error(), authn.ErrInvalidConfig.Error()+": ")
}
func (e *configError) Unwrap() error        { return e.err }
func (e *configError) Is(target error) bool { return target == ErrInvalidConfig }
