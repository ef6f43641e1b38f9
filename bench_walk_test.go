package sellercenter_test

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

const (
	walkOrders   = 3000
	walkPageSize = 100
)

// BenchmarkWalkAtLimit walks 3,000 orders of the mock through Client.Orders
// in pages of 100 (listOrders is a hasNext list, so pages past the first
// are fetched speculatively) with the client's defaults: the 30 requests a
// second limiter and DefaultPageWindow. listOrders answers after the
// injected latency, waited out on the real clock. One iteration is one walk.
// It reports, from a transport under the client that sees every request
// that reached the wire:
//
//   - req/s/limit: the requests sent during the walk per second of the
//     walk, ÷ the 30 a second of the limit;
//   - ahead/limit: the rate at which the walk spends its budget once it
//     fetches ahead, from the second request (sent when the first page
//     came back) to the last, (requests - 2) ÷ (last send - second send),
//     ÷ the limit; the walk's two ends, one latency each (the first page
//     comes alone, and the last is waited for), are what separate the
//     two figures;
//   - pages/s/limit: the 30 pages the listing has per second of the walk,
//     ÷ the limit;
//   - extra-req: requests past the last page, asked for speculatively and
//     cancelled or answered empty;
//   - peak-pages: the most pages read off the wire and not yet yielded to
//     the end, the speculative ones included (at most the window);
//   - peak-inflight: the most requests on the wire at once;
//   - 429s: answers 429 Too Many Requests per walk, which a mock that
//     enforces the API's limit sends if the client exceeds it.
//
// window=1 at 300 ms is the walk of one page at a time, side by side with
// the default window: the figure of before.
func BenchmarkWalkAtLimit(b *testing.B) {
	runs := []struct {
		window  int
		latency time.Duration
	}{
		{0, 0}, {0, 100 * time.Millisecond}, {0, 300 * time.Millisecond},
		{1, 300 * time.Millisecond},
	}
	for _, r := range runs {
		b.Run(fmt.Sprintf("window=%d/latency=%v", cmp.Or(r.window, sellercenter.DefaultPageWindow), r.latency), func(b *testing.B) {
			benchWalk(b, r.window, r.latency)
		})
	}
}

func benchWalk(b *testing.B, window int, latency time.Duration) {
	mock, err := sellercentertest.NewServer(sellercentertest.Config{
		Empty:          true,
		RequestLogSize: sellercentertest.NoRequestLog,
		// The check of every page against the document takes more CPU
		// than the mock's answer; on this machine it would read as latency
		// of the API. The contract tests check the same pages.
		NoResponseCheck: true,
	})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(mock.Close)
	for range walkOrders {
		if _, err := mock.AddOrder(gen.Order{Items: []gen.OrderItem{{Status: gen.OrderItemStatusPending}}}); err != nil {
			b.Fatal(err)
		}
	}
	if latency > 0 {
		if _, err := mock.AddLatency(sellercentertest.Scope{Operation: "listOrders"}, latency); err != nil {
			b.Fatal(err)
		}
	}
	base := http.DefaultTransport.(*http.Transport).Clone()
	base.MaxIdleConnsPerHost = 2 * sellercenter.DefaultPageWindow
	b.Cleanup(base.CloseIdleConnections)
	wire := &wireCounter{next: base}
	c, err := sellercenter.New(sellercenter.Config{
		BaseURL:      mock.URL,
		TokenURL:     mock.TokenURL,
		ClientID:     mock.ClientID,
		ClientSecret: mock.ClientSecret,
		HTTPClient:   &http.Client{Transport: wire},
		PageWindow:   window,
		// RateLimit keeps its default: 30 a second, as the API (and,
		// with its limit on, the mock) allows.
	})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	// The token, outside the timing.
	if _, err := c.GetSellerWithResponse(ctx); err != nil {
		b.Fatal(err)
	}

	var sent, extra, peakPages, peakInflight, tooMany int
	var walked, busy time.Duration
	b.ResetTimer()
	for range b.N {
		// Each walk starts on an idle budget, as a sync job's does: back
		// to back, a walk would start on the pace of the one before, and
		// the first on that of the call that fetched the token.
		b.StopTimer()
		time.Sleep(time.Second)
		b.StartTimer()
		wire.reset()
		start := time.Now()
		n := 0
		for order, err := range c.Orders(ctx, gen.ListOrdersParams{Limit: walkPageSize}) {
			if err != nil {
				b.Fatalf("Orders: after %d orders: %v", n, err)
			}
			if order.Id == 0 {
				b.Fatalf("Orders: order %d has no id", n)
			}
			n++
			if n%walkPageSize == 0 {
				peakPages = max(peakPages, wire.held(n/walkPageSize))
			}
		}
		walked += time.Since(start)
		if n != walkOrders {
			b.Fatalf("Orders walked %d orders, want %d", n, walkOrders)
		}
		r := wire.result()
		sent += r.sent
		extra += r.sent - walkOrders/walkPageSize
		busy += r.span
		peakInflight = max(peakInflight, r.peakInflight)
		tooMany += r.tooMany
	}
	b.StopTimer()
	limit := sellercenter.DefaultRateLimit
	walks := float64(b.N)
	b.ReportMetric(float64(sent)/walked.Seconds()/limit, "req/s/limit")
	b.ReportMetric((float64(sent)-2*walks)/busy.Seconds()/limit, "ahead/limit")
	b.ReportMetric(walkOrders/walkPageSize*walks/walked.Seconds()/limit, "pages/s/limit")
	b.ReportMetric(float64(extra)/walks, "extra-req")
	b.ReportMetric(float64(peakPages), "peak-pages")
	b.ReportMetric(float64(peakInflight), "peak-inflight")
	b.ReportMetric(float64(tooMany)/walks, "429s")
}

// wireCounter sits under the client and counts the listOrders requests
// that reach the wire, when they were sent, how many are on it at once, and
// the pages read to the end (their bodies closed).
type wireCounter struct {
	next http.RoundTripper

	mu                   sync.Mutex
	sent, closed         int
	inflight, peak       int
	tooMany              int // 429 answers
	secondSent, lastSent time.Time
}

type wireResult struct {
	sent, peakInflight, tooMany int
	span                        time.Duration
}

func (w *wireCounter) RoundTrip(req *http.Request) (*http.Response, error) {
	if !strings.HasSuffix(req.URL.Path, "/v2/orders") {
		return w.next.RoundTrip(req)
	}
	w.mu.Lock()
	now := time.Now()
	if w.sent == 1 {
		w.secondSent = now
	}
	w.lastSent = now
	w.sent++
	w.inflight++
	w.peak = max(w.peak, w.inflight)
	w.mu.Unlock()
	resp, err := w.next.RoundTrip(req)
	if err != nil {
		w.done(false)
		return nil, err
	}
	if resp.StatusCode == http.StatusTooManyRequests {
		w.mu.Lock()
		w.tooMany++
		w.mu.Unlock()
	}
	resp.Body = &countedBody{ReadCloser: resp.Body, w: w}
	return resp, nil
}

// done ends one request; read says its body was read and closed.
func (w *wireCounter) done(read bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.inflight--
	if read {
		w.closed++
	}
}

// held is how many pages were read off the wire and not yet yielded, once
// yielded pages are.
func (w *wireCounter) held(yielded int) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.closed - yielded + 1 // the one whose last item was just yielded
}

func (w *wireCounter) reset() {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.sent, w.closed, w.peak, w.tooMany = 0, 0, 0, 0
}

func (w *wireCounter) result() wireResult {
	w.mu.Lock()
	defer w.mu.Unlock()
	return wireResult{sent: w.sent, peakInflight: w.peak, tooMany: w.tooMany, span: w.lastSent.Sub(w.secondSent)}
}

// countedBody tells its wireCounter when the page was read and closed.
type countedBody struct {
	io.ReadCloser
	w    *wireCounter
	once sync.Once
}

func (b *countedBody) Close() error {
	err := b.ReadCloser.Close()
	b.once.Do(func() { b.w.done(true) })
	return err
}
