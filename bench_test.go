package sellercenter_test

// Benchmarks of what the client costs over hand-written net/http code. How to
// run them and what the figures mean: BENCHMARKS.md.
//
// Every benchmark talks to an in-process httptest server that writes fixed
// bytes built once, before timing starts, from the realistic fixtures in
// testdata/api; the handlers only pick which bytes to write. Sub-benchmark
// names carry impl=baseline|bare|client so that `benchstat -col /impl`
// lines the implementations up:
//
//   - baseline: hand-written net/http and encoding/json into the generated
//     structs, with the bearer header set by hand;
//   - bare: the generated client alone, with the token set by authn's editor;
//   - client: sellercenter.New, with every transport layer.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"runtime"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/authn"
	"github.com/sellercenter-go/sellercenter/gen"
)

const (
	benchClientID = "bench-app-42"
	benchSecret   = "bench-s3cr3t-0123456789"
	// benchToken is the only access token the fixture server issues.
	benchToken = "bench-access-token-8c1f4e2a9b7d"
	// benchOrderID is the id of the order GetOrder asks for and gets.
	benchOrderID = 2_000_000
	// ordersPerPage is the size of the ListOrders answer.
	ordersPerPage = 100
	// pagingPageSize and pagingTotal shape the paging walk.
	pagingPageSize = 100
	pagingTotal    = 100_000
	// parallelGoroutines is how many goroutines the parallel benchmark runs.
	parallelGoroutines = 64
)

// benchFixtures are the response bodies, built once.
type benchFixtures struct {
	token     []byte // token endpoint answer
	order     []byte // getOrder: one order with one item
	orderPage []byte // listOrders: ordersPerPage orders, no next page
	// itemsHead is `{"items":[` and pagingPageSize order items; a page is
	// itemsHead followed by `],"pagination":{...}}`.
	itemsHead []byte
}

var loadFixtures = sync.OnceValues(buildFixtures)

// fixtures returns the response bodies, failing b if the testdata changed
// in a way the templates no longer fit.
func fixtures(b *testing.B) benchFixtures {
	b.Helper()
	f, err := loadFixtures()
	if err != nil {
		b.Fatalf("building fixtures: %v", err)
	}
	return f
}

func buildFixtures() (benchFixtures, error) {
	orderTmpl, err := firstItem("testdata/api/order_page.json")
	if err != nil {
		return benchFixtures{}, err
	}
	itemTmpl, err := firstItem("testdata/api/order_item_page.json")
	if err != nil {
		return benchFixtures{}, err
	}
	var f benchFixtures
	f.token = []byte(`{"access_token":"` + benchToken + `","token_type":"Bearer","expires_in":3600}`)
	if f.order, err = renderOrder(orderTmpl, 0); err != nil {
		return benchFixtures{}, err
	}

	var page bytes.Buffer
	page.WriteString(`{"items":[`)
	for i := range ordersPerPage {
		o, err := renderOrder(orderTmpl, i)
		if err != nil {
			return benchFixtures{}, err
		}
		if i > 0 {
			page.WriteByte(',')
		}
		page.Write(o)
	}
	fmt.Fprintf(&page, `],"pagination":{"limit":%d,"offset":0,"hasNext":false}}`, ordersPerPage)
	f.orderPage = page.Bytes()

	var items bytes.Buffer
	items.WriteString(`{"items":[`)
	for i := range pagingPageSize {
		it, err := renderOrderItem(itemTmpl, i)
		if err != nil {
			return benchFixtures{}, err
		}
		if i > 0 {
			items.WriteByte(',')
		}
		items.Write(it)
	}
	f.itemsHead = items.Bytes()
	return f, checkFixtures(f)
}

// firstItem returns the first element of the "items" array of a page
// fixture, compacted as the API sends it.
func firstItem(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var page struct{ Items []json.RawMessage }
	if err := json.Unmarshal(data, &page); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(page.Items) == 0 {
		return nil, fmt.Errorf("%s: no items", path)
	}
	var out bytes.Buffer
	if err := json.Compact(&out, page.Items[0]); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out.Bytes(), nil
}

// renderOrder is order n: the template with its own order id, number, uuid
// and item ids.
func renderOrder(tmpl []byte, n int) ([]byte, error) {
	orderID, itemID := benchOrderID+n, 5_000_000+n
	return substitute(tmpl,
		`"uuid":"9d6ca7ce-4b71-46bf-aa5e-a0727eca880z"`, fmt.Sprintf(`"uuid":"9d6ca7ce-4b71-46bf-aa5e-%012x"`, orderID),
		`"id":1111,"regionId"`, fmt.Sprintf(`"id":%d,"regionId"`, orderID),
		`"number":"MY-111143"`, fmt.Sprintf(`"number":"MY-%d"`, orderID),
		`"orderItemIds":[1111]`, fmt.Sprintf(`"orderItemIds":[%d]`, itemID),
		`"items":[{"id":1111,"srcId":"MY-32022990"`, fmt.Sprintf(`"items":[{"id":%d,"srcId":"MY-%d"`, itemID, itemID),
		`"orderId":111134`, fmt.Sprintf(`"orderId":%d`, orderID),
		`"uuid":"9d6ca7ce-4d71-46bf-aa5e-a0727eca880z"`, fmt.Sprintf(`"uuid":"9d6ca7ce-4d71-46bf-aa5e-%012x"`, itemID),
	)
}

// renderOrderItem is order item n of a page.
func renderOrderItem(tmpl []byte, n int) ([]byte, error) {
	orderID, itemID := benchOrderID+n/2, 5_000_000+n
	return substitute(tmpl,
		`{"id":1111,"srcId":"MY-32022990"`, fmt.Sprintf(`{"id":%d,"srcId":"MY-%d"`, itemID, itemID),
		`"orderId":111134`, fmt.Sprintf(`"orderId":%d`, orderID),
		`"uuid":"9d6ca7ce-4d71-46bf-aa5e-a0727eca880z"`, fmt.Sprintf(`"uuid":"9d6ca7ce-4d71-46bf-aa5e-%012x"`, itemID),
	)
}

// substitute replaces each old, new pair in tmpl; each old must occur exactly
// once, so a changed fixture fails loudly instead of yielding equal ids.
func substitute(tmpl []byte, pairs ...string) ([]byte, error) {
	out := tmpl
	for i := 0; i+1 < len(pairs); i += 2 {
		old := []byte(pairs[i])
		if n := bytes.Count(out, old); n != 1 {
			return nil, fmt.Errorf("template has %d of %s, want 1", n, old)
		}
		out = bytes.Replace(out, old, []byte(pairs[i+1]), 1)
	}
	return out, nil
}

// checkFixtures decodes every body into the generated types, so the
// benchmarks never time a failing decode.
func checkFixtures(f benchFixtures) error {
	var order gen.Order
	if err := json.Unmarshal(f.order, &order); err != nil {
		return fmt.Errorf("order: %w", err)
	}
	if order.Id != benchOrderID || len(order.Items) != 1 {
		return fmt.Errorf("order: id %d with %d items, want %d with 1", order.Id, len(order.Items), benchOrderID)
	}
	var orders gen.OrderPage
	if err := json.Unmarshal(f.orderPage, &orders); err != nil {
		return fmt.Errorf("order page: %w", err)
	}
	if err := distinctIDs(len(orders.Items), func(i int) int { return orders.Items[i].Id }); err != nil {
		return fmt.Errorf("order page: %w", err)
	}
	var items gen.OrderItemPage
	if err := json.Unmarshal(itemPage(f, nil, 0, pagingPageSize), &items); err != nil {
		return fmt.Errorf("order item page: %w", err)
	}
	if err := distinctIDs(len(items.Items), func(i int) int { return items.Items[i].Id }); err != nil {
		return fmt.Errorf("order item page: %w", err)
	}
	return nil
}

func distinctIDs(n int, id func(int) int) error {
	seen := make(map[int]bool, n)
	for i := range n {
		seen[id(i)] = true
	}
	if len(seen) != n || n != pagingPageSize {
		return fmt.Errorf("%d distinct ids in %d items, want %d", len(seen), n, pagingPageSize)
	}
	return nil
}

// itemPage appends the listOrderItems page at offset to dst.
func itemPage(f benchFixtures, dst []byte, offset, total int) []byte {
	return pageTail(append(dst, f.itemsHead...), offset, total)
}

// pageTail appends what follows the items of a listOrderItems page.
func pageTail(dst []byte, offset, total int) []byte {
	return fmt.Appendf(dst, `],"pagination":{"limit":%d,"offset":%d,"totalCount":%d}}`, pagingPageSize, offset, total)
}

// benchServer is the fixture API: a token endpoint and three read
// operations, mounted under /api so URL joining is exercised.
type benchServer struct {
	srv        *httptest.Server
	url        string // the server's root URL; for a server in another process, the only field besides fix and itemTotal
	fix        benchFixtures
	itemTotal  int          // order items listOrderItems reports
	tokenCalls atomic.Int64 // requests to the token endpoint
}

func newBenchServer(b *testing.B, itemTotal int) *benchServer {
	b.Helper()
	s := startBenchServer(fixtures(b), itemTotal)
	b.Cleanup(s.srv.Close)
	return s
}

// startBenchServer starts the fixture API in this process.
func startBenchServer(fix benchFixtures, itemTotal int) *benchServer {
	s := &benchServer{fix: fix, itemTotal: itemTotal}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth/client-credentials", s.token)
	mux.HandleFunc("GET /api/v2/orders/{orderId}", s.authorized(func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, s.fix.order)
	}))
	mux.HandleFunc("GET /api/v2/orders", s.authorized(func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, s.fix.orderPage)
	}))
	mux.HandleFunc("GET /api/v2/order-items", s.authorized(s.orderItems))
	s.srv = httptest.NewServer(mux)
	s.url = s.srv.URL
	return s
}

// benchServerEnv, set to an item total, makes the test binary serve the
// fixture API on a loopback port, print its URL and wait for its stdin to
// close instead of running tests: BenchmarkOrderItemsHeld's server, in a
// process of its own, so that its buffers are not counted as the walk's.
const benchServerEnv = "SELLERCENTER_BENCH_SERVER_ITEMS"

func TestMain(m *testing.M) {
	if items := os.Getenv(benchServerEnv); items != "" {
		os.Exit(serveBench(items))
	}
	os.Exit(m.Run())
}

// serveBench is the server process of benchServerEnv; it returns the exit
// code.
func serveBench(items string) int {
	n, err := strconv.Atoi(items)
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s=%q: %v\n", benchServerEnv, items, err)
		return 2
	}
	f, err := loadFixtures()
	if err != nil {
		fmt.Fprintf(os.Stderr, "building fixtures: %v\n", err)
		return 2
	}
	s := startBenchServer(f, n)
	defer s.srv.Close()
	fmt.Println(s.url)
	_, _ = io.Copy(io.Discard, os.Stdin)
	return 0
}

// newBenchServerProcess starts the fixture API in a child process of the
// test binary and returns it with no srv; it stops when b's cleanup closes
// the child's stdin.
func newBenchServerProcess(b *testing.B, itemTotal int) *benchServer {
	b.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), benchServerEnv+"="+strconv.Itoa(itemTotal))
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatalf("starting the server process: %v", err)
	}
	b.Cleanup(func() {
		_ = stdin.Close()
		_ = cmd.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		b.Fatalf("reading the server process's URL: %v", err)
	}
	return &benchServer{url: strings.TrimSpace(line), fix: fixtures(b), itemTotal: itemTotal}
}

func (s *benchServer) baseURL() string  { return s.url + "/api" }
func (s *benchServer) tokenURL() string { return s.url + "/oauth/client-credentials" }

func (s *benchServer) token(w http.ResponseWriter, r *http.Request) {
	s.tokenCalls.Add(1)
	if id, secret, ok := r.BasicAuth(); !ok || id != benchClientID || secret != benchSecret {
		http.Error(w, `{"error":"invalid_client"}`, http.StatusUnauthorized)
		return
	}
	writeJSON(w, s.fix.token)
}

// authorized answers 401 unless the request carries the issued token, so a
// client that stopped sending it fails the benchmark instead of timing an
// error path.
func (s *benchServer) authorized(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+benchToken {
			http.Error(w, "missing or wrong bearer token", http.StatusUnauthorized)
			return
		}
		h(w, r)
	}
}

// orderItems serves every page of a list of s.itemTotal order items. The
// pages repeat the same pagingPageSize items; only the pagination differs.
func (s *benchServer) orderItems(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, lerr := strconv.Atoi(q.Get("limit"))
	offset, oerr := strconv.Atoi(q.Get("offset"))
	if lerr != nil || oerr != nil || limit != pagingPageSize || offset < 0 || offset >= s.itemTotal {
		http.Error(w, "bad page: "+r.URL.RawQuery, http.StatusBadRequest)
		return
	}
	// The items are the same on every page: only the small tail is built
	// per request, so the server adds no page-sized garbage to the heap the
	// paging benchmark measures.
	tail := pageTail(make([]byte, 0, 96), offset, s.itemTotal)
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(s.fix.itemsHead)+len(tail)))
	_, _ = w.Write(s.fix.itemsHead)
	_, _ = w.Write(tail)
}

func writeJSON(w http.ResponseWriter, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	_, _ = w.Write(body)
}

// benchTransport is the base transport of one benchmark. It keeps enough
// idle connections for the parallel benchmark, so no implementation pays
// for new connections after warm-up.
func benchTransport(b *testing.B) *http.Transport {
	tr := &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		MaxIdleConnsPerHost: 2 * parallelGoroutines,
		IdleConnTimeout:     90 * time.Second,
	}
	b.Cleanup(tr.CloseIdleConnections)
	return tr
}

// newFullClient is sellercenter.New as a production user would configure
// it, except for a rate limit far above what a loopback server can serve:
// the layer is there and takes its token, but never waits. Retries keep the
// default, and the logger is at Info, so its Debug records are off.
func newFullClient(b *testing.B, s *benchServer, base http.RoundTripper, opts ...func(*sellercenter.Config)) *sellercenter.Client {
	b.Helper()
	cfg := sellercenter.Config{
		BaseURL:      s.baseURL(),
		TokenURL:     s.tokenURL(),
		ClientID:     benchClientID,
		ClientSecret: benchSecret,
		HTTPClient:   &http.Client{Transport: base},
		RateLimit:    1e9,
		Logger:       slog.New(slog.NewJSONHandler(io.Discard, nil)),
	}
	for _, opt := range opts {
		opt(&cfg)
	}
	c, err := sellercenter.New(cfg)
	if err != nil {
		b.Fatalf("sellercenter.New: %v", err)
	}
	return c
}

// newBareClient is the generated client alone, over the same base
// transport, with authn's editor setting the token on each request.
func newBareClient(b *testing.B, s *benchServer, base http.RoundTripper) *gen.ClientWithResponses {
	b.Helper()
	hc := &http.Client{Transport: base}
	tokens, err := authn.New(authn.Config{
		ClientID:     benchClientID,
		ClientSecret: benchSecret,
		TokenURL:     s.tokenURL(),
		HTTPClient:   hc,
	})
	if err != nil {
		b.Fatalf("authn.New: %v", err)
	}
	c, err := gen.NewClientWithResponses(s.baseURL(), gen.WithHTTPClient(hc), gen.WithRequestEditorFn(tokens.Editor()))
	if err != nil {
		b.Fatalf("gen.NewClientWithResponses: %v", err)
	}
	return c
}

// handClient is the baseline: what a user would write with net/http and
// encoding/json, decoding into the same generated structs.
type handClient struct {
	hc   *http.Client
	base string
	auth string // "Bearer <token>"
}

func newHandClient(b *testing.B, s *benchServer, base http.RoundTripper) *handClient {
	b.Helper()
	h := &handClient{hc: &http.Client{Transport: base}, base: s.baseURL()}
	token, err := h.fetchToken(context.Background(), s.tokenURL())
	if err != nil {
		b.Fatalf("baseline token: %v", err)
	}
	h.auth = "Bearer " + token
	return h
}

func (h *handClient) fetchToken(ctx context.Context, tokenURL string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, tokenURL, strings.NewReader("grant_type=client_credentials"))
	if err != nil {
		return "", err
	}
	req.SetBasicAuth(benchClientID, benchSecret)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := h.do(req, &tok); err != nil {
		return "", err
	}
	return tok.AccessToken, nil
}

func (h *handClient) getOrder(ctx context.Context, id int) (*gen.Order, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, h.base+"/v2/orders/"+strconv.Itoa(id), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", h.auth)
	var o gen.Order
	if err := h.do(req, &o); err != nil {
		return nil, err
	}
	return &o, nil
}

func (h *handClient) listOrders(ctx context.Context, limit, offset int) (*gen.OrderPage, error) {
	u := h.base + "/v2/orders?limit=" + strconv.Itoa(limit) + "&offset=" + strconv.Itoa(offset)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", h.auth)
	var p gen.OrderPage
	if err := h.do(req, &p); err != nil {
		return nil, err
	}
	return &p, nil
}

func (h *handClient) do(req *http.Request, v any) error {
	resp, err := h.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: HTTP %d", req.Method, req.URL.Path, resp.StatusCode)
	}
	// io.ReadAll and json.Unmarshal, as the generated parser does: on a
	// 350 KB page it is faster than json.NewDecoder, whose buffer doubles
	// as it grows, so the baseline is the stronger of the two.
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, v)
}

// impl is one implementation of an operation. call makes one call and
// checks what came back, so no benchmark times a failure.
type impl struct {
	name string
	call func(ctx context.Context) error
}

// Operations the implementations are compared on.
const (
	opGetOrder   = "GetOrder"
	opListOrders = "ListOrders"
)

// impls returns the baseline, bare and client implementations of op, all
// over the base transport.
func impls(b *testing.B, s *benchServer, base http.RoundTripper, op string) []impl {
	b.Helper()
	hand := newHandClient(b, s, base)
	bare := newBareClient(b, s, base)
	full := newFullClient(b, s, base)
	listParams := &gen.ListOrdersParams{Limit: ordersPerPage}
	wantOrder := func(o *gen.Order) error {
		switch {
		case o == nil:
			return fmt.Errorf("GetOrder(%d) = no order, want order %d", benchOrderID, benchOrderID)
		case o.Id != benchOrderID:
			return fmt.Errorf("GetOrder(%d) = order %d, want order %d", benchOrderID, o.Id, benchOrderID)
		}
		return nil
	}
	wantPage := func(p *gen.OrderPage) error {
		switch {
		case p == nil:
			return fmt.Errorf("ListOrders(limit %d) = no page, want %d orders", ordersPerPage, ordersPerPage)
		case len(p.Items) != ordersPerPage:
			return fmt.Errorf("ListOrders(limit %d) = %d orders, want %d", ordersPerPage, len(p.Items), ordersPerPage)
		}
		return nil
	}
	switch op {
	case opGetOrder:
		return []impl{
			{"baseline", func(ctx context.Context) error {
				o, err := hand.getOrder(ctx, benchOrderID)
				if err != nil {
					return err
				}
				return wantOrder(o)
			}},
			{"bare", func(ctx context.Context) error {
				resp, err := bare.GetOrderWithResponse(ctx, benchOrderID)
				if err != nil {
					return err
				}
				return wantOrder(resp.JSON200)
			}},
			{"client", func(ctx context.Context) error {
				resp, err := full.GetOrderWithResponse(ctx, benchOrderID)
				if err := sellercenter.Check(resp, err); err != nil {
					return err
				}
				return wantOrder(resp.JSON200)
			}},
		}
	case opListOrders:
		return []impl{
			{"baseline", func(ctx context.Context) error {
				p, err := hand.listOrders(ctx, ordersPerPage, 0)
				if err != nil {
					return err
				}
				return wantPage(p)
			}},
			{"bare", func(ctx context.Context) error {
				resp, err := bare.ListOrdersWithResponse(ctx, listParams)
				if err != nil {
					return err
				}
				return wantPage(resp.JSON200)
			}},
			{"client", func(ctx context.Context) error {
				resp, err := full.ListOrdersWithResponse(ctx, listParams)
				if err := sellercenter.Check(resp, err); err != nil {
					return err
				}
				return wantPage(resp.JSON200)
			}},
		}
	}
	b.Fatalf("unknown operation %q", op)
	return nil
}

// runImpl times im.call; the first call, outside the timing, fetches the
// token and opens the connection.
func runImpl(b *testing.B, im impl, bodySize int) {
	ctx := context.Background()
	if err := im.call(ctx); err != nil {
		b.Fatal(err)
	}
	if bodySize > 0 {
		b.SetBytes(int64(bodySize))
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := im.call(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGetOrder times one getOrder call (one order with one item, about
// 3.5 KB) per implementation over loopback HTTP.
func BenchmarkGetOrder(b *testing.B) {
	s := newBenchServer(b, 0)
	for _, im := range impls(b, s, benchTransport(b), opGetOrder) {
		b.Run("impl="+im.name, func(b *testing.B) { runImpl(b, im, len(s.fix.order)) })
	}
}

// BenchmarkListOrders times one listOrders call (a page of 100 orders,
// about 350 KB) per implementation.
func BenchmarkListOrders(b *testing.B) {
	s := newBenchServer(b, 0)
	for _, im := range impls(b, s, benchTransport(b), opListOrders) {
		b.Run("impl="+im.name, func(b *testing.B) { runImpl(b, im, len(s.fix.orderPage)) })
	}
}

// BenchmarkGetOrderParallel runs GetOrder from 64 goroutines. Each round
// starts with a fresh server and client holding no token, so the first calls
// race for one; the token endpoint must see exactly one request per round,
// reported as token-fetches.
func BenchmarkGetOrderParallel(b *testing.B) {
	procs := runtime.GOMAXPROCS(0)
	perProc := (parallelGoroutines + procs - 1) / procs
	for _, name := range []string{"baseline", "client"} {
		b.Run("impl="+name, func(b *testing.B) {
			s := newBenchServer(b, 0)
			var im impl
			for _, c := range impls(b, s, benchTransport(b), opGetOrder) {
				if c.name == name {
					im = c
				}
			}
			// The baseline fetched its token by hand while being built;
			// the client has fetched none yet.
			before := s.tokenCalls.Load()
			var failures atomic.Int64
			b.SetParallelism(perProc)
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				ctx := context.Background()
				for pb.Next() {
					if err := im.call(ctx); err != nil && failures.Add(1) == 1 {
						b.Error(err)
					}
				}
			})
			b.StopTimer()
			b.ReportMetric(float64(perProc*procs), "goroutines")
			if name == "client" {
				fetches := s.tokenCalls.Load() - before
				b.ReportMetric(float64(fetches), "token-fetches")
				if fetches != 1 {
					b.Errorf("token endpoint saw %d requests during the run, want 1", fetches)
				}
			}
		})
	}
}

// BenchmarkTransportLayers compares the client (user agent, rate limit set
// high, retry with nothing to retry, auth, logging off) with the bare
// generated client on GetOrder, with no network in between: the base
// transport answers from memory. It is the worst case for the layers'
// share, since only the generated code's own work is left to dilute it.
func BenchmarkTransportLayers(b *testing.B) {
	s := newBenchServer(b, 0) // for its URLs and fixtures; no request reaches it
	base := &memTransport{fix: s.fix, tokenURL: s.tokenURL()}
	for _, im := range impls(b, s, base, opGetOrder)[1:] {
		b.Run("impl="+im.name, func(b *testing.B) { runImpl(b, im, 0) })
	}
}

// BenchmarkInterleaved calls every implementation of an operation in turn,
// rotating the order each iteration, and reports the ratios of the time
// each took in total, as client/baseline and client/bare, and each one's
// mean as <impl>-ns. Load from elsewhere on the machine then slows all of
// them alike, so the ratios hold where separate runs drift apart. The same
// ratios of the process's CPU time (client/<impl>-cpu) do not count the
// time other processes held the CPUs at all. Its own ns/op is one call of
// every implementation.
func BenchmarkInterleaved(b *testing.B) {
	run := func(b *testing.B, ims []impl) {
		ctx := context.Background()
		for _, im := range ims {
			if err := im.call(ctx); err != nil {
				b.Fatal(err)
			}
		}
		spent := make([]time.Duration, len(ims))
		cpu := make([]int64, len(ims)) // process CPU time, server included
		_, hasCPU := cpuTime()
		b.ReportAllocs()
		round := 0
		for b.Loop() {
			for k := range ims {
				j := (round + k) % len(ims)
				c0, _ := cpuTime()
				start := time.Now()
				if err := ims[j].call(ctx); err != nil {
					b.Fatal(err)
				}
				spent[j] += time.Since(start)
				c1, _ := cpuTime()
				cpu[j] += c1 - c0
			}
			round++
		}
		byName := map[string]int{}
		for j, im := range ims {
			byName[im.name] = j
			b.ReportMetric(float64(spent[j].Nanoseconds())/float64(round), im.name+"-ns")
		}
		c := byName["client"]
		for _, other := range []string{"baseline", "bare"} {
			if j, ok := byName[other]; ok {
				b.ReportMetric(float64(spent[c])/float64(spent[j]), "client/"+other)
				if hasCPU && cpu[j] > 0 {
					b.ReportMetric(float64(cpu[c])/float64(cpu[j]), "client/"+other+"-cpu")
				}
			}
		}
	}
	b.Run("op=GetOrder", func(b *testing.B) {
		s := newBenchServer(b, 0)
		run(b, impls(b, s, benchTransport(b), opGetOrder))
	})
	b.Run("op=ListOrders", func(b *testing.B) {
		s := newBenchServer(b, 0)
		run(b, impls(b, s, benchTransport(b), opListOrders))
	})
	b.Run("op=TransportLayers", func(b *testing.B) {
		s := newBenchServer(b, 0)
		run(b, impls(b, s, &memTransport{fix: s.fix, tokenURL: s.tokenURL()}, opGetOrder)[1:])
	})
}

// memTransport answers the token endpoint and getOrder from memory.
type memTransport struct {
	fix      benchFixtures
	tokenURL string
}

func (t *memTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_ = req.Body.Close()
	}
	body := t.fix.order
	switch {
	case req.URL.String() == t.tokenURL:
		body = t.fix.token
	case req.Header.Get("Authorization") != "Bearer "+benchToken:
		return nil, errors.New("memTransport: request without the bearer token")
	}
	return &http.Response{
		Status:        "200 OK",
		StatusCode:    http.StatusOK,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": {"application/json"}},
		Body:          io.NopCloser(bytes.NewReader(body)),
		ContentLength: int64(len(body)),
		Request:       req,
	}, nil
}

// liveHeap reads the heap held by live objects as of the last GC, and the
// number of GC cycles so far.
type liveHeap struct{ s []metrics.Sample }

func newLiveHeap() *liveHeap {
	return &liveHeap{s: []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/cycles/total:gc-cycles"}}}
}

// sample reads both figures; it does not allocate.
func (h *liveHeap) sample() (live, cycles uint64) {
	metrics.Read(h.s)
	return h.s[0].Value.Uint64(), h.s[1].Value.Uint64()
}

func (h *liveHeap) cycles() uint64 {
	_, c := h.sample()
	return c
}

// settled is the live heap right after a full collection.
func (h *liveHeap) settled() uint64 {
	runtime.GC()
	live, _ := h.sample()
	return live
}

// retained is the live heap that keep holds once it returns.
func retained(b *testing.B, keep func() any) uint64 {
	b.Helper()
	h := newLiveHeap()
	before := h.settled()
	v := keep()
	after := h.settled()
	runtime.KeepAlive(v)
	if after <= before {
		b.Fatalf("retained heap = %d-%d bytes, want more than 0", after, before)
	}
	return after - before
}

// BenchmarkOrderItemsPaging walks 100,000 order items through
// Client.OrderItems at pages of 100; one iteration is one full walk. It
// reads the live heap (as of the last GC) after every item, keeps one
// sample per GC cycle, and reports, above the heap before the walk:
//
//   - peak-live-B and p50-live-B: the highest and the median sample;
//   - page-B: the heap one decoded page ([]gen.OrderItem of 100) holds, and
//     peak/page, p50/page: the samples in units of it;
//   - resp-B: the heap one parsed response holds, the decoded page and the
//     body bytes the generated parser keeps: what a page costs while the
//     iterator decodes it;
//   - late/early: the median sample of the second half of the walk over the
//     first half's, near 1 when the heap does not grow with the pages read;
//   - after-B: the heap left once the walk is over and collected.
func BenchmarkOrderItemsPaging(b *testing.B) {
	s := newBenchServer(b, pagingTotal)
	c := newFullClient(b, s, benchTransport(b))
	ctx := context.Background()
	params := gen.ListOrderItemsParams{Limit: pagingPageSize}
	// Token and connection, outside the timing.
	if _, err := c.ListOrderItemsWithResponse(ctx, &params); err != nil {
		b.Fatal(err)
	}
	pageBytes := decodedPageBytes(b, s)
	respBytes := retained(b, func() any {
		resp, err := c.ListOrderItemsWithResponse(ctx, &params)
		if err := sellercenter.Check(resp, err); err != nil {
			b.Fatal(err)
		}
		return resp
	})

	heap := newLiveHeap()
	var early, late []int64 // one sample per GC cycle, by half of the walk
	var after int64
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		start := int64(heap.settled())
		early, late = slices.Grow(early, 4096), slices.Grow(late, 4096)
		cycle := heap.cycles()
		b.StartTimer()
		n, odd := 0, 0
		for item, err := range c.OrderItems(ctx, params) {
			if err != nil {
				b.Fatalf("OrderItems: after %d items: %v", n, err)
			}
			n++
			odd += item.Id & 1
			if live, cyc := heap.sample(); cyc != cycle {
				cycle = cyc
				if n <= pagingTotal/2 {
					early = append(early, int64(live)-start)
				} else {
					late = append(late, int64(live)-start)
				}
			}
		}
		b.StopTimer()
		if n != pagingTotal || odd != pagingTotal/2 {
			b.Fatalf("OrderItems walked %d items (%d odd ids), want %d (%d)", n, odd, pagingTotal, pagingTotal/2)
		}
		after = int64(heap.settled()) - start
		b.StartTimer()
	}
	b.StopTimer()
	if len(early) == 0 || len(late) == 0 {
		b.Fatalf("%d and %d GC cycles in the two halves of the walk, want some in each", len(early), len(late))
	}
	all := slices.Concat(early, late)
	peak, p50 := slices.Max(all), median(all)
	b.ReportMetric(float64(pagingTotal)*float64(b.N)/b.Elapsed().Seconds(), "items/s")
	b.ReportMetric(float64(peak), "peak-live-B")
	b.ReportMetric(float64(p50), "p50-live-B")
	b.ReportMetric(float64(pageBytes), "page-B")
	b.ReportMetric(float64(respBytes), "resp-B")
	b.ReportMetric(float64(peak)/float64(pageBytes), "peak/page")
	b.ReportMetric(float64(p50)/float64(pageBytes), "p50/page")
	b.ReportMetric(float64(median(late))/float64(median(early)), "late/early")
	b.ReportMetric(float64(after), "after-B")
}

// BenchmarkOrderItemsHeld walks 10,000 order items through
// Client.OrderItems at pages of 100, at a window of 1 and at the default,
// and collects the heap in full at the first item of every fifth page,
// with the timer stopped and the pages on their way held at a gate in their
// bodies, so that nothing allocates meanwhile: what is live then is what
// the walk holds (the page being yielded, the pages fetched ahead, the
// requests in flight), not the garbage a GC cycle under way counts as live,
// which BenchmarkOrderItemsPaging's peak includes. It reports, above the
// heap before the walk:
//
//   - held-B: the most the walk held at those moments;
//   - held/page: held-B in decoded pages ([]gen.OrderItem of 100), to read
//     against the window + 1 pages a walk may hold.
func BenchmarkOrderItemsHeld(b *testing.B) {
	const items = 10_000
	for _, window := range []int{1, sellercenter.DefaultPageWindow} {
		b.Run(fmt.Sprintf("window=%d", window), func(b *testing.B) {
			s := newBenchServerProcess(b, items)
			gate := newBodyGate(benchTransport(b))
			c := newFullClient(b, s, gate, func(cfg *sellercenter.Config) { cfg.PageWindow = window })
			ctx := context.Background()
			params := gen.ListOrderItemsParams{Limit: pagingPageSize}
			if _, err := c.ListOrderItemsWithResponse(ctx, &params); err != nil {
				b.Fatal(err)
			}
			pageBytes := decodedPageBytes(b, s)
			heap := newLiveHeap()
			var held int64
			for b.Loop() {
				start := int64(heap.settled())
				n := 0
				for _, err := range c.OrderItems(ctx, params) {
					if err != nil {
						b.Fatalf("OrderItems: after %d items: %v", n, err)
					}
					if n%(5*pagingPageSize) == 0 {
						b.StopTimer()
						gate.close()
						held = max(held, int64(heap.settled())-start)
						gate.open()
						b.StartTimer()
					}
					n++
				}
				if n != items {
					b.Fatalf("OrderItems walked %d items, want %d", n, items)
				}
			}
			b.ReportMetric(float64(held), "held-B")
			b.ReportMetric(float64(held)/float64(pageBytes), "held/page")
		})
	}
}

// bodyGate is a transport whose response bodies can be stopped: once close
// returns, no body read is under way and every further one waits for open.
type bodyGate struct {
	next http.RoundTripper
	mu   sync.Mutex
	cond *sync.Cond
	shut bool
	busy int // reads under way
}

func newBodyGate(next http.RoundTripper) *bodyGate {
	g := &bodyGate{next: next}
	g.cond = sync.NewCond(&g.mu)
	return g
}

func (g *bodyGate) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := g.next.RoundTrip(req)
	if err == nil {
		resp.Body = &gatedBody{ReadCloser: resp.Body, g: g}
	}
	return resp, err
}

// close stops the bodies and waits for the reads under way.
func (g *bodyGate) close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.shut = true
	for g.busy > 0 {
		g.cond.Wait()
	}
}

func (g *bodyGate) open() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.shut = false
	g.cond.Broadcast()
}

type gatedBody struct {
	io.ReadCloser
	g *bodyGate
}

func (b *gatedBody) Read(p []byte) (int, error) {
	g := b.g
	g.mu.Lock()
	for g.shut {
		g.cond.Wait()
	}
	g.busy++
	g.mu.Unlock()
	n, err := b.ReadCloser.Read(p)
	g.mu.Lock()
	g.busy--
	g.cond.Broadcast()
	g.mu.Unlock()
	return n, err
}

// decodedPageBytes is the heap one decoded listOrderItems page of s holds
// ([]gen.OrderItem of 100).
func decodedPageBytes(b *testing.B, s *benchServer) uint64 {
	b.Helper()
	body := itemPage(s.fix, nil, 0, s.itemTotal)
	n := retained(b, func() any {
		var page gen.OrderItemPage
		if err := json.Unmarshal(body, &page); err != nil {
			b.Fatal(err)
		}
		return page.Items
	})
	runtime.KeepAlive(body)
	return n
}

// median sorts v and returns its middle value.
func median(v []int64) int64 {
	slices.Sort(v)
	return v[len(v)/2]
}

// TestBenchFixtures keeps the fixture templates in step with the testdata
// even when no benchmark runs.
func TestBenchFixtures(t *testing.T) {
	t.Parallel()
	f, err := loadFixtures()
	if err != nil {
		t.Fatalf("buildFixtures() = %v, want nil error", err)
	}
	if n := len(f.order); n < 3<<10 || n > 4<<10 {
		t.Errorf("order fixture is %d bytes, want about 3.5 KB", n)
	}
	if n := len(f.orderPage); n < 300<<10 || n > 400<<10 {
		t.Errorf("order page fixture is %d bytes, want about 350 KB", n)
	}
}
