package sellercenter_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// addBulkProducts adds n product sets of one product each to mock, with
// seller SKUs prefix-0000 on, and returns the SKUs and product ids.
func addBulkProducts(tb testing.TB, mock *sellercentertest.Server, prefix string, n int) ([]string, map[string]int) {
	tb.Helper()
	attrs := gen.ProductSetAttributes{}
	for _, kv := range [][2]int{{201, 2012}, {202, 2021}, {203, 2031}} {
		v := &gen.ProductSetAttributeValue{}
		if err := v.FromProductSetAttributeOption(kv[1]); err != nil {
			tb.Fatal(err)
		}
		attrs[fmt.Sprint(kv[0])] = v
	}
	skus := make([]string, n)
	ids := make(map[string]int, n)
	for i := range n {
		skus[i] = fmt.Sprintf("%s-%05d", prefix, i)
		ps, err := mock.AddProductSet(gen.ProductSetCreate{Name: "Bulk Belt " + skus[i], Price: 89, SellerSku: skus[i], BrandId: 202,
			PrimaryCategoryId: 321, Attributes: attrs, Variation: sellercenter.Ptr("90")})
		if err != nil {
			tb.Fatalf("AddProductSet(%s) = %v", skus[i], err)
		}
		products, err := mock.Products(ps.Id)
		if err != nil || len(products) != 1 {
			tb.Fatalf("Products(%d) = %v, %v; want one product", ps.Id, products, err)
		}
		ids[skus[i]] = products[0].Id
	}
	return skus, ids
}

// bulkClient is the real client of mock with rate limiting off and no
// retries unless change says otherwise; wrap, if not nil, goes below
// every layer of the client.
func bulkClient(t *testing.T, mock *sellercentertest.Server, wrap func(http.RoundTripper) http.RoundTripper, change func(*sellercenter.Config)) *sellercenter.Client {
	t.Helper()
	transport := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(transport.CloseIdleConnections)
	var rt http.RoundTripper = transport
	if wrap != nil {
		rt = wrap(rt)
	}
	cfg := sellercenter.Config{BaseURL: mock.URL, TokenURL: mock.TokenURL, ClientID: mock.ClientID, ClientSecret: mock.ClientSecret,
		RateLimit: -1, MaxRetries: -1, HTTPClient: &http.Client{Transport: rt}}
	if change != nil {
		change(&cfg)
	}
	c, err := sellercenter.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// roundTripFunc is a fake transport layer.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func isStockWrite(r *http.Request) bool {
	return r.Method == http.MethodPut && strings.HasSuffix(r.URL.Path, "/v2/stock/product")
}

func stockOf(t *testing.T, mock *sellercentertest.Server, id int) int {
	t.Helper()
	s, err := mock.Stock(id)
	if err != nil {
		t.Fatal(err)
	}
	return s.Quantity
}

// checkAgainstMock checks each result against the mock's state: an
// applied change is there, a refused or unsent one is not, and nothing
// was written twice.
func checkAgainstMock(t *testing.T, mock *sellercentertest.Server, changes []sellercenter.StockChange, ids map[string]int, before map[int]int, rs []sellercenter.SKUResult) {
	t.Helper()
	if len(rs) != len(changes) {
		t.Fatalf("got %d results for %d changes", len(rs), len(changes))
	}
	for i, r := range rs {
		ch := changes[i]
		if r.SellerSku != ch.SellerSku || r.ProductID != ids[ch.SellerSku] {
			t.Fatalf("result %d = %s/%d, want %s/%d, in the order given", i, r.SellerSku, r.ProductID, ch.SellerSku, ids[ch.SellerSku])
		}
		got := stockOf(t, mock, r.ProductID)
		switch r.Outcome {
		case sellercenter.SKUApplied:
			if got != ch.Quantity || r.Reason != "" || r.Err != nil {
				t.Errorf("%s applied: mock stock %d (want %d), reason %q, err %v", r.SellerSku, got, ch.Quantity, r.Reason, r.Err)
			}
		case sellercenter.SKURefused, sellercenter.SKUNotSent:
			if got != before[r.ProductID] || r.Reason == "" {
				t.Errorf("%s %s: mock stock %d (want it unchanged, %d), reason %q", r.SellerSku, r.Outcome, got, before[r.ProductID], r.Reason)
			}
		case sellercenter.SKUUnknown:
			if r.Reason == "" || !errors.Is(r.Err, sellercenter.ErrOutcomeUnknown) {
				t.Errorf("%s unknown: reason %q, err %v, want ErrOutcomeUnknown", r.SellerSku, r.Reason, r.Err)
			}
		default:
			t.Errorf("%s has no outcome", r.SellerSku)
		}
	}
	if d := mock.DuplicateWrites(); d != 0 {
		t.Errorf("mock.DuplicateWrites() = %d, want 0", d)
	}
}

func stockChanges(skus []string, base int) []sellercenter.StockChange {
	out := make([]sellercenter.StockChange, len(skus))
	for i, s := range skus {
		out[i] = sellercenter.StockChange{SellerSku: s, Quantity: base + i}
	}
	return out
}

func stockBefore(t *testing.T, mock *sellercentertest.Server, ids map[string]int) map[int]int {
	out := map[int]int{}
	for _, id := range ids {
		out[id] = stockOf(t, mock, id)
	}
	return out
}

func outcomes(rs []sellercenter.SKUResult) map[sellercenter.SKUOutcome]int {
	out := map[sellercenter.SKUOutcome]int{}
	for _, r := range rs {
		out[r.Outcome]++
	}
	return out
}

// TestSetStockChunks: chunks of at most 100 rows, one lookup per 100
// SKUs, every change applied once.
func TestSetStockChunks(t *testing.T) {
	t.Parallel()
	mock := newContractMock(t, sellercentertest.Config{})
	all, ids := addBulkProducts(t, mock, "CHUNK", 201)
	c := bulkClient(t, mock, nil, nil)
	ctx := context.Background()
	lookups, writes := 0, 0
	for _, tt := range []struct {
		n, requests int
	}{{0, 0}, {1, 1}, {100, 1}, {101, 2}, {201, 3}} {
		t.Run(fmt.Sprint(tt.n), func(t *testing.T) {
			changes := stockChanges(all[:tt.n], 1000*tt.n)
			before := stockBefore(t, mock, ids)
			var calls, done int
			rs, err := c.SetStock(ctx, changes, sellercenter.BulkOptions{Concurrency: 4, Progress: func(d, total int) {
				calls, done = calls+1, d // one goroutine at a time
				if total != tt.n {
					t.Errorf("Progress total = %d, want %d", total, tt.n)
				}
			}})
			if err != nil {
				t.Fatalf("SetStock(%d) = %v", tt.n, err)
			}
			if calls != tt.requests || done != tt.n {
				t.Errorf("Progress called %d times, last with %d done; want %d, %d", calls, done, tt.requests, tt.n)
			}
			checkAgainstMock(t, mock, changes, ids, before, rs)
			if got := outcomes(rs)[sellercenter.SKUApplied]; got != tt.n {
				t.Errorf("applied %d of %d", got, tt.n)
			}
			lookups += tt.requests
			writes += tt.requests
			if got := mock.Count("listProductsBySellerSkus"); got != lookups {
				t.Errorf("lookups = %d, want %d in all", got, lookups)
			}
			if got := mock.Count("updateProductStock"); got != writes {
				t.Errorf("stock writes = %d, want %d in all", got, writes)
			}
		})
	}
}

// TestSetStockRefusedBeforeSending: bad changes and unknown SKUs are
// refused with nothing written.
func TestSetStockRefusedBeforeSending(t *testing.T) {
	t.Parallel()
	mock := newContractMock(t, sellercentertest.Config{})
	skus, _ := addBulkProducts(t, mock, "REFUSE", 150)
	c := bulkClient(t, mock, nil, nil)
	withUnknown := append(stockChanges(skus, 1), sellercenter.StockChange{SellerSku: "NO-SUCH-SKU", Quantity: 1})
	tests := []struct {
		name    string
		changes []sellercenter.StockChange
		want    error
		lookups bool
	}{
		{"unknown SKU after 150 known", withUnknown, sellercenter.ErrNotFound, true},
		{"repeated SKU", []sellercenter.StockChange{{SellerSku: skus[0], Quantity: 1}, {SellerSku: skus[0], Quantity: 2}}, sellercenter.ErrBadChange, false},
		{"empty SKU", []sellercenter.StockChange{{SellerSku: " ", Quantity: 1}}, sellercenter.ErrBadChange, false},
		{"negative quantity", []sellercenter.StockChange{{SellerSku: skus[0], Quantity: -1}}, sellercenter.ErrBadChange, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, err := c.SetStock(context.Background(), tt.changes, sellercenter.BulkOptions{})
			if rs != nil || !errors.Is(err, tt.want) || !errors.Is(err, sellercenter.ErrNotApplied) {
				t.Fatalf("SetStock = %v, %v; want no results and %v, not applied", rs, err, tt.want)
			}
			var unknown *sellercenter.UnknownSKUError
			if tt.want == sellercenter.ErrNotFound && (!errors.As(err, &unknown) || len(unknown.SKUs) != 1 || unknown.SKUs[0] != "NO-SUCH-SKU") {
				t.Errorf("SetStock error = %v, want an *UnknownSKUError naming NO-SUCH-SKU", err)
			}
		})
	}
	if got := mock.Count("updateProductStock"); got != 0 {
		t.Errorf("stock writes = %d, want none", got)
	}
	if got := mock.Count("listProductsBySellerSkus"); got != 2 {
		t.Errorf("lookups = %d, want 2, for the unknown SKU's case only", got)
	}
}

// TestSetStockFaults: each fault of the mock gives its chunk's SKUs the
// outcome it means, and never a write sent twice. Concurrency 1 makes
// the chunk the fault hits, and what follows, certain.
func TestSetStockFaults(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		inject  func(*sellercentertest.Server) error
		retries int
		// want: the outcome of chunk 1 and of chunks 2 and 3, and the
		// stock requests that reach the mock.
		first, rest sellercenter.SKUOutcome
		requests    int
	}{
		{"422 refuses its chunk only", func(m *sellercentertest.Server) error {
			_, err := m.Fail(sellercentertest.Scope{Operation: "updateProductStock", Count: 1}, http.StatusUnprocessableEntity, "")
			return err
		}, -1, sellercenter.SKURefused, sellercenter.SKUApplied, 3},
		{"500 is unknown and stops", func(m *sellercentertest.Server) error {
			_, err := m.Fail(sellercentertest.Scope{Operation: "updateProductStock", Count: 1}, http.StatusInternalServerError, "")
			return err
		}, 2, sellercenter.SKUUnknown, sellercenter.SKUNotSent, 1},
		{"502 is not retried: unknown, and stops", func(m *sellercentertest.Server) error {
			_, err := m.Fail(sellercentertest.Scope{Operation: "updateProductStock", Count: 1}, http.StatusBadGateway, "")
			return err
		}, 2, sellercenter.SKUUnknown, sellercenter.SKUNotSent, 1},
		{"504 is not retried: unknown, and stops", func(m *sellercentertest.Server) error {
			_, err := m.Fail(sellercentertest.Scope{Operation: "updateProductStock", Count: 1}, http.StatusGatewayTimeout, "")
			return err
		}, 2, sellercenter.SKUUnknown, sellercenter.SKUNotSent, 1},
		{"503 is retried, unapplied, then applied once", func(m *sellercentertest.Server) error {
			_, err := m.Fail(sellercentertest.Scope{Operation: "updateProductStock", Count: 1}, http.StatusServiceUnavailable, "0")
			return err
		}, 2, sellercenter.SKUApplied, sellercenter.SKUApplied, 4},
		{"503 without retries refuses and stops", func(m *sellercentertest.Server) error {
			_, err := m.Fail(sellercentertest.Scope{Operation: "updateProductStock", Count: 1}, http.StatusServiceUnavailable, "")
			return err
		}, -1, sellercenter.SKURefused, sellercenter.SKUNotSent, 1},
		{"dropped connection is unknown and stops", func(m *sellercentertest.Server) error {
			_, err := m.DropConnections(sellercentertest.Scope{Operation: "updateProductStock", Count: 1})
			return err
		}, 2, sellercenter.SKUUnknown, sellercenter.SKUNotSent, 1},
		{"malformed answer is unknown, though applied", func(m *sellercentertest.Server) error {
			_, err := m.MalformBodies(sellercentertest.Scope{Operation: "updateProductStock", Count: 1})
			return err
		}, 2, sellercenter.SKUUnknown, sellercenter.SKUNotSent, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			mock := newContractMock(t, sellercentertest.Config{})
			skus, ids := addBulkProducts(t, mock, "FAULT", 250)
			c := bulkClient(t, mock, nil, func(cfg *sellercenter.Config) { cfg.MaxRetries = tt.retries })
			if err := tt.inject(mock); err != nil {
				t.Fatal(err)
			}
			changes := stockChanges(skus, 7)
			before := stockBefore(t, mock, ids)
			rs, err := c.SetStock(context.Background(), changes, sellercenter.BulkOptions{Concurrency: 1})
			checkAgainstMock(t, mock, changes, ids, before, rs)
			for i, r := range rs {
				want := tt.rest
				if i < sellercenter.MaxStockRows {
					want = tt.first
				}
				if r.Outcome != want {
					t.Fatalf("%s (chunk %d) = %s (%s), want %s", r.SellerSku, i/100+1, r.Outcome, r.Reason, want)
				}
			}
			if got := mock.Count("updateProductStock"); got != tt.requests {
				t.Errorf("stock requests = %d, want %d", got, tt.requests)
			}
			var bulkErr *sellercenter.BulkError
			switch {
			case tt.first == sellercenter.SKUApplied && tt.rest == sellercenter.SKUApplied:
				if err != nil {
					t.Errorf("SetStock = %v, want nil", err)
				}
			case !errors.As(err, &bulkErr):
				t.Errorf("SetStock = %v, want a *BulkError", err)
			case errors.Is(err, sellercenter.ErrOutcomeUnknown) != (tt.first == sellercenter.SKUUnknown):
				t.Errorf("SetStock = %v: errors.Is(ErrOutcomeUnknown) = %v, want %v", err, !(tt.first == sellercenter.SKUUnknown), tt.first == sellercenter.SKUUnknown)
			}
			if tt.name == "malformed answer is unknown, though applied" && stockOf(t, mock, ids[skus[0]]) != changes[0].Quantity {
				t.Errorf("the malformed answer's write was not applied; the case proves nothing")
			}
		})
	}
}

// TestSetStockCancel: a ctx that ends stops new chunks; those are not
// sent, and reported so.
func TestSetStockCancel(t *testing.T) {
	t.Parallel()
	mock := newContractMock(t, sellercentertest.Config{})
	skus, ids := addBulkProducts(t, mock, "CANCEL", 350)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := bulkClient(t, mock, func(next http.RoundTripper) http.RoundTripper {
		return roundTripFunc(func(r *http.Request) (*http.Response, error) {
			resp, err := next.RoundTrip(r)
			if isStockWrite(r) {
				cancel() // once the first chunk is answered
			}
			return resp, err
		})
	}, nil)
	changes := stockChanges(skus, 3)
	before := stockBefore(t, mock, ids)
	rs, err := c.SetStock(ctx, changes, sellercenter.BulkOptions{Concurrency: 1})
	checkAgainstMock(t, mock, changes, ids, before, rs)
	got := outcomes(rs)
	if got[sellercenter.SKUApplied] != 100 || got[sellercenter.SKUNotSent] != 250 {
		t.Errorf("outcomes = %v, want 100 applied and 250 not sent", got)
	}
	if !strings.Contains(rs[349].Reason, "context canceled") || !errors.Is(rs[349].Err, context.Canceled) || !errors.Is(rs[349].Err, sellercenter.ErrNotApplied) {
		t.Errorf("an unsent SKU's reason = %q, err %v; want the ctx's end, not applied", rs[349].Reason, rs[349].Err)
	}
	if errors.Is(err, sellercenter.ErrOutcomeUnknown) || mock.Count("updateProductStock") != 1 {
		t.Errorf("SetStock = %v after %d stock requests, want 1 and not unknown", err, mock.Count("updateProductStock"))
	}

	// A ctx that ended first sends nothing at all.
	rs, err = c.SetStock(ctx, changes, sellercenter.BulkOptions{})
	if rs != nil || !errors.Is(err, context.Canceled) || !errors.Is(err, sellercenter.ErrNotApplied) {
		t.Errorf("SetStock(ended ctx) = %d results, %v; want none and the ctx's error", len(rs), err)
	}
}

// TestSetStockConcurrency: chunks are in flight together, never more
// than Concurrency.
func TestSetStockConcurrency(t *testing.T) {
	t.Parallel()
	const concurrency = 4
	mock := newContractMock(t, sellercentertest.Config{})
	skus, ids := addBulkProducts(t, mock, "CONC", 1000)
	var inFlight, peak atomic.Int32
	arrived := make(chan struct{}, 100)
	var once sync.Once
	gate := make(chan struct{})
	c := bulkClient(t, mock, func(next http.RoundTripper) http.RoundTripper {
		return roundTripFunc(func(r *http.Request) (*http.Response, error) {
			if !isStockWrite(r) {
				return next.RoundTrip(r)
			}
			n := inFlight.Add(1)
			defer inFlight.Add(-1)
			for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
			}
			arrived <- struct{}{}
			if n == concurrency {
				once.Do(func() { close(gate) })
			}
			select {
			case <-gate:
			case <-time.After(10 * time.Second):
				return nil, errors.New("fewer than 4 requests ever in flight together")
			}
			return next.RoundTrip(r)
		})
	}, nil)
	changes := stockChanges(skus, 11)
	before := stockBefore(t, mock, ids)
	rs, err := c.SetStock(context.Background(), changes, sellercenter.BulkOptions{Concurrency: concurrency})
	if err != nil {
		t.Fatalf("SetStock = %v", err)
	}
	checkAgainstMock(t, mock, changes, ids, before, rs)
	if p := peak.Load(); p != concurrency {
		t.Errorf("peak requests in flight = %d, want %d", p, concurrency)
	}
	if n := len(arrived); n != 10 {
		t.Errorf("stock requests = %d, want 10", n)
	}
}

// TestSetStockSkipped: a product the API skips is refused with the
// reason, the others of its chunk applied.
func TestSetStockSkipped(t *testing.T) {
	t.Parallel()
	mock := newContractMock(t, sellercentertest.Config{})
	skus, ids := addBulkProducts(t, mock, "SKIP", 3)
	// BTK-KWG-BL-L: the seed's consignment product 51009, whose stock
	// the marketplace holds.
	consigned, err := mock.Product(51009)
	if err != nil {
		t.Fatal(err)
	}
	ids[consigned.SellerSku] = consigned.Id
	changes := stockChanges(append(skus, consigned.SellerSku), 5)
	c := bulkClient(t, mock, nil, nil)
	before := stockBefore(t, mock, ids)
	rs, err := c.SetStock(context.Background(), changes, sellercenter.BulkOptions{})
	checkAgainstMock(t, mock, changes, ids, before, rs)
	if got := outcomes(rs); got[sellercenter.SKUApplied] != 3 || rs[3].Outcome != sellercenter.SKURefused || !strings.Contains(rs[3].Reason, "skipped") {
		t.Errorf("outcomes = %v, the consignment product's %s %q; want it refused as skipped", got, rs[3].Outcome, rs[3].Reason)
	}
	var bulkErr *sellercenter.BulkError
	if !errors.As(err, &bulkErr) || bulkErr.Refused != 1 || bulkErr.Applied != 3 || errors.Is(err, sellercenter.ErrOutcomeUnknown) {
		t.Errorf("SetStock = %v, want a *BulkError of 1 refused, 3 applied", err)
	}
}

// TestSetStockKnownIDs: ids from an earlier ProductIDs are not looked up
// again.
func TestSetStockKnownIDs(t *testing.T) {
	t.Parallel()
	mock := newContractMock(t, sellercentertest.Config{})
	skus, ids := addBulkProducts(t, mock, "KNOWN", 120)
	c := bulkClient(t, mock, nil, nil)
	ctx := context.Background()
	got, err := c.ProductIDs(ctx, skus, sellercenter.BulkOptions{})
	if err != nil || len(got) != len(ids) {
		t.Fatalf("ProductIDs = %d ids, %v; want %d", len(got), err, len(ids))
	}
	for s, id := range ids {
		if got[s] != id {
			t.Fatalf("ProductIDs[%s] = %d, want %d", s, got[s], id)
		}
	}
	rs, err := c.SetStock(ctx, stockChanges(skus, 2), sellercenter.BulkOptions{ProductIDs: got})
	if err != nil || len(rs) != len(skus) {
		t.Fatalf("SetStock = %d results, %v", len(rs), err)
	}
	if n := mock.Count("listProductsBySellerSkus"); n != 2 {
		t.Errorf("lookups = %d, want the 2 of ProductIDs only", n)
	}
}

// TestSetPrices: one request per price, a running sale kept unless
// cleared, a refusal of one price leaves the others set.
func TestSetPrices(t *testing.T) {
	t.Parallel()
	mock := newContractMock(t, sellercentertest.Config{})
	skus, ids := addBulkProducts(t, mock, "PRICE", 5)
	c := bulkClient(t, mock, nil, nil)
	ctx := context.Background()
	// A running sale on the first product, to keep, and on the second,
	// to clear.
	end := time.Now().Add(30 * 24 * time.Hour).UTC().Truncate(time.Second)
	for _, s := range skus[:2] {
		if _, err := sellercenter.Result(c.UpdateProductPriceWithResponse(ctx, ids[s], "MY", gen.PriceUpdate{Price: sellercenter.Ptr(89.0),
			SalePrice: sellercenter.Ptr(79.0), SaleStartDate: sellercenter.Ptr(datetime.New(time.Now().Add(-time.Hour))), SaleEndDate: sellercenter.Ptr(datetime.New(end))})); err != nil {
			t.Fatal(err)
		}
	}
	changes := make([]sellercenter.PriceChange, len(skus))
	for i, s := range skus {
		changes[i] = sellercenter.PriceChange{SellerSku: s, Country: "my", Price: 95 + float64(i)}
	}
	changes[1].ClearSale = true
	if _, err := mock.Fail(sellercentertest.Scope{Operation: "updateProductPrice", Count: 1}, http.StatusUnprocessableEntity, ""); err != nil {
		t.Fatal(err)
	}
	rs, err := c.SetPrices(ctx, changes, sellercenter.BulkOptions{Concurrency: 1})
	var bulkErr *sellercenter.BulkError
	if !errors.As(err, &bulkErr) || bulkErr.Refused != 1 || bulkErr.Applied != 4 {
		t.Fatalf("SetPrices = %v, want 1 refused and 4 applied", err)
	}
	if rs[0].Outcome != sellercenter.SKURefused || rs[0].Reason == "" {
		t.Errorf("first price = %s %q, want refused with the API's reason", rs[0].Outcome, rs[0].Reason)
	}
	for i, r := range rs[1:] {
		p, perr := mock.Price(r.ProductID, "MY")
		if r.Outcome != sellercenter.SKUApplied || perr != nil || p.Price != changes[i+1].Price || r.Price == nil || r.Price.Price != p.Price {
			t.Errorf("%s = %s, mock price %v, %v; want applied at %v", r.SellerSku, r.Outcome, p.Price, perr, changes[i+1].Price)
		}
	}
	if p, _ := mock.Price(ids[skus[1]], "MY"); p.SalePrice != nil {
		t.Errorf("cleared sale price = %v, want none", *p.SalePrice)
	}
	// The refused first price kept its sale; now set it again.
	rs, err = c.SetPrices(ctx, changes[:1], sellercenter.BulkOptions{})
	if p, _ := mock.Price(ids[skus[0]], "MY"); err != nil || rs[0].Outcome != sellercenter.SKUApplied || p.SalePrice == nil || *p.SalePrice != 79 || p.Price != 95 {
		t.Errorf("SetPrices(first) = %v; mock price %+v, want 95 with the sale of 79 kept", err, p)
	}
	if got := mock.Count("updateProductPrice"); got != 2+5+1 {
		t.Errorf("price requests = %d, want 8", got)
	}
	if d := mock.DuplicateWrites(); d != 0 {
		t.Errorf("DuplicateWrites = %d, want 0", d)
	}
	for _, bad := range []sellercenter.PriceChange{{SellerSku: skus[0], Country: "MYS", Price: 1}, {SellerSku: skus[0], Country: "MY", Price: 0}, {SellerSku: skus[0], Country: "M1", Price: 2}} {
		if _, err := c.SetPrices(ctx, []sellercenter.PriceChange{bad}, sellercenter.BulkOptions{}); !errors.Is(err, sellercenter.ErrBadChange) {
			t.Errorf("SetPrices(%+v) = %v, want ErrBadChange", bad, err)
		}
	}
}

func TestBulkErrorClasses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err                 sellercenter.BulkError
		unknown, notApplied bool
		text                string
	}{
		{sellercenter.BulkError{Applied: 2, Refused: 1}, false, false, "1 of 3 changes not applied: 1 refused"},
		{sellercenter.BulkError{NotSent: 3}, false, true, "3 of 3 changes not applied: 3 not sent"},
		{sellercenter.BulkError{Applied: 1, Unknown: 2, NotSent: 1}, true, false, "3 of 4 changes not applied: 1 not sent, 2 unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			t.Parallel()
			err := error(&tt.err)
			if errors.Is(err, sellercenter.ErrOutcomeUnknown) != tt.unknown || errors.Is(err, sellercenter.ErrNotApplied) != tt.notApplied {
				t.Errorf("%v: unknown %v, not applied %v; want %v, %v", err, errors.Is(err, sellercenter.ErrOutcomeUnknown), errors.Is(err, sellercenter.ErrNotApplied), tt.unknown, tt.notApplied)
			}
			if !strings.HasPrefix(err.Error(), "sellercenter: "+tt.text) {
				t.Errorf("Error() = %q, want it to start %q", err, tt.text)
			}
		})
	}
}

func TestSKUOutcomeText(t *testing.T) {
	t.Parallel()
	for _, o := range []sellercenter.SKUOutcome{sellercenter.SKUApplied, sellercenter.SKURefused, sellercenter.SKUNotSent, sellercenter.SKUUnknown} {
		b, err := o.MarshalText()
		var back sellercenter.SKUOutcome
		if err != nil || back.UnmarshalText(b) != nil || back != o {
			t.Errorf("%v: MarshalText = %q, %v; read back as %v", o, b, err, back)
		}
	}
	var o sellercenter.SKUOutcome
	if err := o.UnmarshalText([]byte("maybe")); err == nil || !strings.HasPrefix(err.Error(), "sellercenter: ") {
		t.Errorf("UnmarshalText(maybe) = %v, want an error", err)
	}
	if s := sellercenter.SKUOutcome(9).String(); s != "SKUOutcome(9)" {
		t.Errorf("String() = %q", s)
	}
}

// TestSetPricesCountries: one SKU may change in several countries, once
// in each.
func TestSetPricesCountries(t *testing.T) {
	t.Parallel()
	mock := newContractMock(t, sellercentertest.Config{})
	skus, ids := addBulkProducts(t, mock, "CC", 1)
	c := bulkClient(t, mock, nil, nil)
	ctx := context.Background()
	changes := []sellercenter.PriceChange{{SellerSku: skus[0], Country: "MY", Price: 91}, {SellerSku: skus[0], Country: "SG", Price: 31}}
	rs, err := c.SetPrices(ctx, changes, sellercenter.BulkOptions{})
	if err != nil || len(rs) != 2 {
		t.Fatalf("SetPrices = %v, %v", rs, err)
	}
	for _, ch := range changes {
		if p, err := mock.Price(ids[skus[0]], ch.Country); err != nil || p.Price != ch.Price {
			t.Errorf("mock price in %s = %v, %v; want %v", ch.Country, p.Price, err, ch.Price)
		}
	}
	if n := mock.Count("listProductsBySellerSkus"); n != 1 {
		t.Errorf("lookups = %d, want 1", n)
	}
	_, err = c.SetPrices(ctx, append(changes, sellercenter.PriceChange{SellerSku: skus[0], Country: "my", Price: 92}), sellercenter.BulkOptions{})
	if !errors.Is(err, sellercenter.ErrBadChange) || !strings.Contains(err.Error(), `seller SKU "CC-00000" in MY is given twice`) {
		t.Errorf("SetPrices(MY twice) = %v, want ErrBadChange naming it", err)
	}
}
