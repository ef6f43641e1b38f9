package authn

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/sellercenter-go/sellercenter/internal/backoff"
)

// refreshCooldown is how long a failed early refresh waits before the next
// caller tries again, while the current token is still valid. It keeps a
// failing endpoint from being hit back to back during the refresh window.
const refreshCooldown = 5 * time.Second

// TokenSource hands out the access token of one OAuth application, fetching
// and refreshing it as needed. It is safe for concurrent use; create one per
// application and share it.
type TokenSource struct {
	cc       clientcredentials.Config
	hc       *http.Client
	timeout  time.Duration
	early    time.Duration
	now      func() time.Time
	sleep    func(context.Context, time.Duration) error
	redactor *redactor

	cur atomic.Pointer[cachedToken] // read without the lock on the hot path

	mu         sync.Mutex
	inflight   *fetchCall // the one running fetch, or nil
	retryAfter time.Time  // no early refresh before this, after one failed
}

// cachedToken is an immutable fetched token.
type cachedToken struct {
	value     string
	header    string // "Bearer " + value, built once
	expiry    time.Time
	refreshAt time.Time
}

// fetchCall is one token fetch that callers wait on.
type fetchCall struct {
	done chan struct{}
	tok  *cachedToken
	err  error
}

// New returns a TokenSource for cfg. It checks cfg and returns an error
// wrapping ErrInvalidConfig that names the offending field; it sends no
// request.
func New(cfg Config) (*TokenSource, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: DefaultTimeout}
	}
	ts := &TokenSource{
		cc: clientcredentials.Config{
			ClientID:     cfg.ClientID,
			ClientSecret: cfg.ClientSecret,
			TokenURL:     cfg.TokenURL,
			// Explicit, so x/oauth2 never probes by resending the secret
			// as form parameters after a failure.
			AuthStyle: oauth2.AuthStyleInHeader,
		},
		hc:       hc,
		timeout:  hc.Timeout,
		early:    cfg.EarlyRefresh,
		now:      cfg.now,
		sleep:    cfg.sleep,
		redactor: newRedactor(cfg.ClientID, cfg.ClientSecret),
	}
	if ts.timeout == 0 {
		ts.timeout = DefaultTimeout
	}
	if ts.early == 0 {
		ts.early = DefaultEarlyRefresh
	}
	if ts.now == nil {
		ts.now = time.Now
	}
	if ts.sleep == nil {
		ts.sleep = backoff.Sleep
	}
	return ts, nil
}

// Token returns the current access token, fetching one if there is none or
// it has expired. Concurrent callers share a single fetch. A caller whose
// ctx ends while it waits gets ctx.Err() at once; the fetch goes on for the
// others, bounded by the token client's timeout. Once the token is due for
// its early refresh, callers keep getting it while one background fetch
// replaces it.
//
// A failed fetch returns an *Error.
func (ts *TokenSource) Token(ctx context.Context) (string, error) {
	t, err := ts.token(ctx)
	if err != nil {
		return "", err
	}
	return t.value, nil
}

// Edit sets "Authorization: Bearer <token>" on req. It has the signature of
// the generated client's RequestEditorFn, so ts.Edit can be passed to it
// directly.
func (ts *TokenSource) Edit(ctx context.Context, req *http.Request) error {
	t, err := ts.token(ctx)
	if err != nil {
		return err
	}
	if req.Header == nil {
		req.Header = make(http.Header)
	}
	req.Header.Set("Authorization", t.header)
	return nil
}

// Editor returns ts.Edit as a plain function value, assignable to the
// generated client's RequestEditorFn type.
func (ts *TokenSource) Editor() func(context.Context, *http.Request) error {
	return ts.Edit
}

// Invalidate drops token if it is still the current one, so the next call
// fetches a new token. Call it when the API answers 401 to a request that
// carried token. A token that has already been replaced is ignored, so a
// burst of 401s for one token costs a single fetch.
func (ts *TokenSource) Invalidate(token string) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if t := ts.cur.Load(); t != nil && t.value == token {
		ts.cur.Store(nil)
	}
}

func (ts *TokenSource) token(ctx context.Context) (*cachedToken, error) {
	if t := ts.cur.Load(); t != nil && ts.now().Before(t.refreshAt) {
		return t, nil
	}
	return ts.slowToken(ctx)
}

func (ts *TokenSource) slowToken(ctx context.Context) (*cachedToken, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ts.mu.Lock()
	now := ts.now()
	t := ts.cur.Load()
	if t != nil && now.Before(t.refreshAt) {
		ts.mu.Unlock()
		return t, nil
	}
	valid := t != nil && now.Before(t.expiry)
	call := ts.inflight
	if call == nil && (!valid || !now.Before(ts.retryAfter)) {
		call = &fetchCall{done: make(chan struct{})}
		ts.inflight = call
		// The fetch keeps the starter's values (for tracing) but not its
		// cancellation: other callers may be waiting on it.
		go ts.fetch(context.WithoutCancel(ctx), call)
	}
	ts.mu.Unlock()

	if valid {
		return t, nil
	}
	select {
	case <-call.done:
		return call.tok, call.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (ts *TokenSource) fetch(ctx context.Context, call *fetchCall) {
	ctx, cancel := context.WithTimeout(ctx, ts.timeout)
	defer cancel()
	tok, err := ts.retrieve(ctx)

	ts.mu.Lock()
	if err == nil {
		ts.cur.Store(tok)
		ts.retryAfter = time.Time{}
	} else {
		ts.retryAfter = ts.now().Add(refreshCooldown)
	}
	ts.inflight = nil
	ts.mu.Unlock()

	call.tok, call.err = tok, err
	close(call.done)
}
