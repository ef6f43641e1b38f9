package sellercenter

import (
	"cmp"
	"context"
	"fmt"
	"iter"
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
		// against the seller's API budget, retried by the API rules, or
		// logged with their bodies.
		HTTPClient: &http.Client{Transport: cfg.baseTransport(), Timeout: tokenTimeout},
	})
	if err != nil {
		return nil, &configError{err: err}
	}
	rt := newTransport(cfg.baseTransport(), cfg, tokens, newLimiter(cfg), clk)
	c, err := gen.NewClientWithResponses(cfg.BaseURL, gen.WithHTTPClient(cfg.httpClient(rt)))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidConfig, err)
	}
	return &Client{ClientWithResponses: c}, nil
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

// Orders walks every order that params selects, one page at a time, starting
// at params.Offset with pages of params.Limit orders (DefaultPageSize when
// zero). Breaking out of the loop stops further requests; an error is
// yielded once and ends the walk.
//
//	for order, err := range c.Orders(ctx, gen.ListOrdersParams{Section: &section}) {
//		if err != nil {
//			return err
//		}
//		...
//	}
func (c *Client) Orders(ctx context.Context, params gen.ListOrdersParams) iter.Seq2[gen.Order, error] {
	return walk[gen.Order](ctx, params, 0, c.ListOrders, gen.ParseListOrdersResponse)
}

// OrderItems walks every order item that params selects, like Orders.
func (c *Client) OrderItems(ctx context.Context, params gen.ListOrderItemsParams) iter.Seq2[gen.OrderItem, error] {
	return walk[gen.OrderItem](ctx, params, 0, c.ListOrderItems, gen.ParseListOrderItemsResponse)
}

// MaxExportPageSize is the largest page listExports accepts.
const MaxExportPageSize = 20

// Exports walks every export job that params selects, like Orders. Pages
// hold at most MaxExportPageSize jobs, the API's limit; a zero params.Limit
// means that limit.
func (c *Client) Exports(ctx context.Context, params gen.ListExportsParams) iter.Seq2[gen.ExportItem, error] {
	return walk[gen.ExportItem](ctx, params, cmp.Or(params.Limit, MaxExportPageSize), c.ListExports, gen.ParseListExportsResponse)
}
