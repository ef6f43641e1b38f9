package sellercenter

// The fault suite: the whole client (real authn token source, real
// http.Transport, every layer) against a fault server of ours that misbehaves
// on a seeded schedule. The schedule is a function of the seed, the write's
// id and how often that id has arrived, not of arrival order, so a run is
// the same however the goroutines interleave, and its figures can be
// checked exactly. Only the retry waits are virtual.

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode"

	"github.com/sellercenter-go/sellercenter/gen"
)

const (
	faultClientID = "app-fault-7Qx"
	faultSecret   = "sec-FAULT-k3Jq9Zr0Wm4Yp7Tv"
	faultSeed     = 20261204
)

// fault is what the fault server does with one request.
type fault int

const (
	faultNone          fault = iota
	faultResetUnread         // closes the connection without reading the body: not applied
	faultResetApplied        // applies the write, then closes without answering
	faultBusy                // 429 with a Retry-After, not applied
	faultUnavailable         // 503 with a bogus or good Retry-After, not applied
	faultBadGateway          // 502, not applied
	faultFailedApplied       // applies, then answers 500
	faultTruncated           // applies, then cuts the 200 body short
	faultInvalidJSON         // applies, then answers 200 with a body that is not JSON
	faultProxyPage           // a 200 HTML page from something in between, not applied
	faultUnauthorized        // 401, not applied: the client refreshes its token once
	faultKinds               // the number of scheduled kinds
	// faultStall applies the write, then never answers; TestFaultStall
	// injects it alone, since its outcome needs a timeout to fire.
	faultStall = faultKinds
)

var faultNames = [faultKinds + 1]string{
	"none", "reset-unread", "reset-applied", "429", "503", "502", "500-applied",
	"truncated-200", "invalid-json-200", "proxy-html-200", "401", "stall",
}

func (f fault) String() string { return faultNames[f] }

// faultServer is the API and its token endpoint under /api, on a real TCP
// listener, so resets and half-written bodies are real.
type faultServer struct {
	t    *testing.T
	srv  *httptest.Server
	seed uint64

	// override, when set, replaces the schedule.
	override func(key string, n int) fault

	mu       sync.Mutex
	arrivals map[string]int // by write key: how often it arrived
	applied  map[string]int // by write key: how often it was applied
	stock    map[int]int    // productId → quantity, as set by PUTs
	injected [faultKinds + 1]int
	tokens   []string // every token issued
}

func newFaultServer(t *testing.T, seed uint64) *faultServer {
	t.Helper()
	f := &faultServer{t: t, seed: seed, arrivals: map[string]int{}, applied: map[string]int{}, stock: map[int]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/oauth/client-credentials", f.token)
	mux.HandleFunc("POST /api/v2/orders/statuses/set-to-shipped", f.write(f.ship))
	mux.HandleFunc("PUT /api/v2/stock/product", f.write(f.setStock))
	mux.HandleFunc("GET /api/v2/orders/{id}", f.write(f.order))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("fault server: unexpected %s %s", r.Method, r.URL.Path)
		http.NotFound(w, r)
	})
	f.srv = httptest.NewServer(mux)
	return f
}

func (f *faultServer) close() {
	f.srv.CloseClientConnections()
	f.srv.Close()
}

func (f *faultServer) token(w http.ResponseWriter, r *http.Request) {
	id, secret, ok := r.BasicAuth()
	if !ok || id != faultClientID || secret != faultSecret {
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	f.mu.Lock()
	tok := fmt.Sprintf("tok-FAULT-%03d-Hq7Lw2Xc9Vb5", len(f.tokens)+1)
	f.tokens = append(f.tokens, tok)
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"access_token":%q,"token_type":"Bearer","expires_in":3600}`, tok)
}

// issued reports whether the Authorization header carries a token this
// server issued. Every one stays valid, as live tokens do until they
// expire; refusing replaced ones would make the run depend on timing.
func (f *faultServer) issued(auth string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Contains(f.tokens, strings.TrimPrefix(auth, "Bearer "))
}

// schedule picks the fault for the n-th arrival (1-based) of key.
func (f *faultServer) schedule(key string, n int) fault {
	if f.override != nil {
		return f.override(key, n)
	}
	h := uint64(14695981039346656037)
	for _, c := range []byte(key) {
		h = (h ^ uint64(c)) * 1099511628211
	}
	rng := rand.New(rand.NewPCG(f.seed, h^uint64(n)))
	if rng.IntN(100) < 55 {
		return faultNone
	}
	return fault(1 + rng.IntN(int(faultKinds)-1))
}

// handler returns how to carry out one request: apply changes the state
// and returns the success body.
type handler func(r *http.Request, body []byte) (apply func() (any, error))

// write wraps h with the fault schedule. The write key comes from the
// X-Fault-Key header, so the fault can be picked before the body is read.
func (f *faultServer) write(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("X-Fault-Key")
		f.mu.Lock()
		f.arrivals[key]++
		n := f.arrivals[key]
		kind := f.schedule(key, n)
		f.injected[kind]++
		f.mu.Unlock()

		if !f.issued(r.Header.Get("Authorization")) {
			f.t.Errorf("fault server: %s arrived without a token this server issued", key)
		}
		if kind == faultResetUnread {
			f.reset(w, true)
			return
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			f.t.Errorf("fault server: reading %s: %v", key, err)
			return
		}
		apply := h(r, body)
		record := func() any {
			v, err := apply()
			if err != nil {
				f.t.Errorf("fault server: %s: %v", key, err)
			}
			f.mu.Lock()
			f.applied[key]++
			f.mu.Unlock()
			return v
		}
		switch kind {
		case faultNone:
			writeFaultJSON(w, http.StatusOK, record())
		case faultResetApplied:
			record()
			f.reset(w, true)
		case faultBusy:
			w.Header().Set("Retry-After", []string{"0", "1", "soon", "-3"}[n%4])
			writeFaultJSON(w, http.StatusTooManyRequests, map[string]any{"title": "Too Many Requests", "status": 429})
		case faultUnavailable:
			w.Header().Set("Retry-After", []string{"120", "Wed, 21 Oct 2015 07:28:00 GMT", "9999999999999999999999", "x"}[n%4])
			writeFaultJSON(w, http.StatusServiceUnavailable, map[string]any{"message": "Service is unavailable due to maintenance mode", "caused_by": "maintenance_mode"})
		case faultBadGateway:
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusBadGateway)
			io.WriteString(w, "<html><body>502 Bad Gateway</body></html>")
		case faultFailedApplied:
			record()
			writeFaultJSON(w, http.StatusInternalServerError, map[string]any{"title": "Internal Server Error", "detail": "db\x1b[2J\r\nX-Injected: 1"})
		case faultTruncated:
			data, _ := json.Marshal(record())
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Length", strconv.Itoa(len(data)+10))
			w.WriteHeader(http.StatusOK)
			w.Write(data[:len(data)/2])
			f.reset(w, false)
		case faultInvalidJSON:
			record()
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{not json`)
		case faultProxyPage:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, "<html><body>Please log in to the hotel Wi-Fi</body></html>")
		case faultStall:
			record()
			<-r.Context().Done() // until the client gives up
		case faultUnauthorized:
			writeFaultJSON(w, http.StatusUnauthorized, map[string]any{"title": "Unauthorized", "status": 401})
		}
	}
}

// reset closes the connection without finishing the answer: with a TCP RST
// when abort is set, else after flushing what was written, so the client
// reads a body cut short.
func (f *faultServer) reset(w http.ResponseWriter, abort bool) {
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		f.t.Errorf("fault server: hijack: %v", err)
		return
	}
	if tcp, ok := conn.(*net.TCPConn); ok && abort {
		_ = tcp.SetLinger(0)
	} else {
		_ = buf.Flush()
	}
	_ = conn.Close()
}

func writeFaultJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// ship is setOrderItemsShipped: a POST, which the client never repeats
// once it may have reached the API.
func (f *faultServer) ship(_ *http.Request, body []byte) func() (any, error) {
	return func() (any, error) {
		var req gen.OrderItemIds
		if err := json.Unmarshal(body, &req); err != nil {
			return nil, err
		}
		return req, nil
	}
}

// setStock is updateProductStock: a PUT of absolute quantities, which the
// client may repeat.
func (f *faultServer) setStock(_ *http.Request, body []byte) func() (any, error) {
	return func() (any, error) {
		var rows []gen.ProductStock
		if err := json.Unmarshal(body, &rows); err != nil {
			return nil, err
		}
		f.mu.Lock()
		for _, row := range rows {
			f.stock[row.ProductId] = row.Quantity
		}
		f.mu.Unlock()
		return []gen.ProductStock{}, nil
	}
}

// order is getOrder: a read, whose "application" is only counted.
func (f *faultServer) order(r *http.Request, _ []byte) func() (any, error) {
	return func() (any, error) {
		id, err := strconv.Atoi(r.PathValue("id"))
		return map[string]any{"id": id, "number": "N" + strconv.Itoa(id), "currency": "MYR"}, err
	}
}

// newFaultClient is the production client for f with virtual retry waits
// and its own transport, whose idle connections the test closes. Every
// request gets a connection of its own: http.Transport silently repeats a
// GET whose reused connection the server reset, which would make the
// server's arrivals, and so its schedule, depend on timing.
func newFaultClient(t *testing.T, f *faultServer, logs io.Writer, timeout time.Duration) (*Client, *http.Transport) {
	t.Helper()
	tr := &http.Transport{DisableKeepAlives: true}
	c, err := newClient(Config{
		BaseURL:      f.srv.URL + "/api",
		TokenURL:     f.srv.URL + "/api/oauth/client-credentials",
		ClientID:     faultClientID,
		ClientSecret: faultSecret,
		HTTPClient:   &http.Client{Transport: tr},
		RateLimit:    -1,
		Timeout:      timeout,
		Logger:       slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: LevelBody})),
	}, newFakeClock().clock())
	if err != nil {
		t.Fatal(err)
	}
	return c, tr
}

// faultResult is what the client reported for one call.
type faultResult struct {
	key    string
	err    error
	result []int // the ids the API confirmed, for writes that succeeded
}

// faultFigures are the totals of a run, checked against testdata so that
// the README's figures are the ones the suite measures.
type faultFigures struct {
	Requests, Faults   int
	Writes, Succeeded  int
	NotApplied         int
	Unknown            int
	UnknownApplied     int
	Duplicates, Lost   int
	Hidden             int
	FaultsByKind       map[string]int
	Reads, ReadsFailed int
}

// TestFaultSuite runs 600 POSTs, 300 PUTs and 300 GETs from 24 goroutines
// against the fault server. It is not parallel: it checks that no goroutine
// is left behind, which other tests running beside it would blur.
func TestFaultSuite(t *testing.T) {
	before := goroutineIDs()
	f := newFaultServer(t, faultSeed)
	logs := &lockedBuffer{}
	c, tr := newFaultClient(t, f, logs, 0)

	const posts, puts, reads, workers = 600, 300, 300, 24
	type job struct {
		kind string
		id   int
	}
	jobs := make(chan job)
	results := make(chan faultResult)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- runFaultJob(c, j.kind, j.id)
			}
		}()
	}
	go func() {
		for i := 1; i <= max(posts, puts, reads); i++ {
			if i <= posts {
				jobs <- job{"post", 10_000 + i}
			}
			if i <= puts {
				jobs <- job{"put", 20_000 + i}
			}
			if i <= reads {
				jobs <- job{"get", 30_000 + i}
			}
		}
		close(jobs)
		wg.Wait()
		close(results)
	}()
	var all []faultResult
	for r := range results {
		all = append(all, r)
	}
	tr.CloseIdleConnections()
	f.close()

	fig := checkFaultResults(t, f, all)
	checkNoCredentials(t, f, all, logs.String())
	checkNoGoroutineLeft(t, before)

	got, _ := json.MarshalIndent(fig, "", "  ")
	t.Logf("fault suite figures: %s", got)
	const golden = "testdata/fault-figures.json"
	if os.Getenv("UPDATE_FAULT_FIGURES") != "" {
		if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("reading %s: %v (UPDATE_FAULT_FIGURES=1 writes it)", golden, err)
	}
	if string(bytes.TrimSpace(want)) != string(got) {
		t.Errorf("figures differ from %s (the run is meant to be deterministic; UPDATE_FAULT_FIGURES=1 and the README's reliability section follow a change):\n got %s\nwant %s", golden, got, want)
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	row := fmt.Sprintf("| %d | %d | %d | %d | %d | %d | %d | %d |", fig.Writes, fig.Succeeded, fig.NotApplied, fig.Unknown, fig.UnknownApplied, fig.Duplicates, fig.Lost, fig.Hidden)
	total := fmt.Sprintf("Of %d,%03d requests, %d met a fault", fig.Requests/1000, fig.Requests%1000, fig.Faults)
	for _, want := range []string{row, total} {
		if !strings.Contains(string(readme), want) {
			t.Errorf("README.md's reliability section does not say %q, which this run measured", want)
		}
	}
}

// runFaultJob makes one call the way a user would, through Check.
func runFaultJob(c *Client, kind string, id int) faultResult {
	ctx := context.Background()
	key := kind + "-" + strconv.Itoa(id)
	tag := func(_ context.Context, req *http.Request) error {
		req.Header.Set("X-Fault-Key", key)
		return nil
	}
	res := faultResult{key: key}
	switch kind {
	case "post":
		r, err := c.SetOrderItemsShippedWithResponse(ctx, gen.OrderItemIds{OrderItemIds: []int{id}}, tag)
		if res.err = Check(r, err); res.err == nil {
			res.result = r.JSON200.OrderItemIds
		}
	case "put":
		r, err := c.UpdateProductStockWithResponse(ctx, gen.UpdateProductStockJSONRequestBody{{ProductId: id, Quantity: id % 97}}, tag)
		if res.err = Check(r, err); res.err == nil {
			res.result = []int{id}
			if len(*r.JSON200) != 0 {
				res.err = fmt.Errorf("stock update skipped %v", *r.JSON200)
			}
		}
	case "get":
		r, err := c.GetOrderWithResponse(ctx, id, tag)
		if res.err = Check(r, err); res.err == nil {
			res.result = []int{r.JSON200.Id}
		}
	}
	return res
}

func checkFaultResults(t *testing.T, f *faultServer, all []faultResult) faultFigures {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	fig := faultFigures{FaultsByKind: map[string]int{}}
	for k := range faultKinds {
		fig.Requests += f.injected[k]
		if k != faultNone {
			fig.Faults += f.injected[k]
			fig.FaultsByKind[k.String()] = f.injected[k]
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].key < all[j].key })
	for _, r := range all {
		kind, idText, _ := strings.Cut(r.key, "-")
		id, _ := strconv.Atoi(idText)
		applied := f.applied[r.key]
		if r.err != nil {
			if msg := r.err.Error(); strings.IndexFunc(msg, unicode.IsControl) >= 0 || !strings.HasPrefix(msg, "sellercenter: ") {
				t.Errorf("%s: error %q is not one clean line starting with the package name", r.key, msg)
			}
		}
		if kind == "get" {
			fig.Reads++
			switch {
			case r.err != nil:
				fig.ReadsFailed++
				checkOneOutcome(t, r)
			case !slices.Equal(r.result, []int{id}):
				t.Errorf("%s: read answered order %v", r.key, r.result)
			}
			continue
		}
		fig.Writes++
		notApplied, unknown := errors.Is(r.err, ErrNotApplied), errors.Is(r.err, ErrOutcomeUnknown)
		switch {
		case kind == "post" && applied > 1:
			fig.Duplicates++
			t.Errorf("%s: applied %d times", r.key, applied)
		case r.err == nil:
			fig.Succeeded++
			if applied == 0 || !slices.Equal(r.result, []int{id}) {
				fig.Lost++
				t.Errorf("%s: reported done with %v, server applied it %d times", r.key, r.result, applied)
			}
			if kind == "put" && f.stock[id] != id%97 {
				fig.Lost++
				t.Errorf("%s: stock is %d, want %d", r.key, f.stock[id], id%97)
			}
		case notApplied == unknown:
			fig.Hidden++
			t.Errorf("%s: error %v matches ErrNotApplied %t and ErrOutcomeUnknown %t, want exactly one", r.key, r.err, notApplied, unknown)
		case notApplied:
			fig.NotApplied++
			if applied > 0 {
				fig.Hidden++
				t.Errorf("%s: error %v says not applied, server applied it %d times", r.key, r.err, applied)
			}
		case unknown:
			fig.Unknown++
			if applied > 0 {
				fig.UnknownApplied++
			}
		}
	}
	// Token fetches depend on how the 401s interleave (concurrent ones
	// share a fetch), so they are bounded, not counted.
	if fetches, limit := len(f.tokens), 1+f.injected[faultUnauthorized]; fetches < 2 || fetches > limit {
		t.Errorf("%d token fetches for %d injected 401s, want 2 to %d", fetches, f.injected[faultUnauthorized], limit)
	}
	if fig.Faults < 300 {
		t.Errorf("only %d faults injected; the schedule should hit about 45%% of %d requests", fig.Faults, fig.Requests)
	}
	for k := faultResetUnread; k < faultKinds; k++ {
		if f.injected[k] == 0 {
			t.Errorf("fault %s never injected", k)
		}
	}
	return fig
}

// checkOneOutcome asserts an error matches exactly one outcome class.
func checkOneOutcome(t *testing.T, r faultResult) {
	t.Helper()
	if errors.Is(r.err, ErrNotApplied) == errors.Is(r.err, ErrOutcomeUnknown) {
		t.Errorf("%s: error %v does not match exactly one outcome class", r.key, r.err)
	}
}

// credentialForms are the ways a credential can show up in text: raw,
// JSON-escaped, base64 (std and URL) and URL-encoded, and the Basic
// Authorization value of the client id and secret.
func credentialForms(values ...string) []string {
	forms := []string{base64.StdEncoding.EncodeToString([]byte(faultClientID + ":" + faultSecret))}
	for _, v := range values {
		j, _ := json.Marshal(v)
		forms = append(forms, v, string(j[1:len(j)-1]), base64.StdEncoding.EncodeToString([]byte(v)),
			base64.URLEncoding.EncodeToString([]byte(v)), url.QueryEscape(v), url.PathEscape(v))
	}
	return forms
}

// leaked returns the first credential form found in text, or "".
func leaked(text string, forms []string) string {
	for _, form := range forms {
		if strings.Contains(text, form) {
			return form
		}
	}
	return ""
}

// checkNoCredentials searches every error (as Error, %v, %+v and %#v) and
// every log record for the secret and every token issued.
func checkNoCredentials(t *testing.T, f *faultServer, all []faultResult, logs string) {
	t.Helper()
	f.mu.Lock()
	forms := credentialForms(append([]string{faultSecret}, f.tokens...)...)
	f.mu.Unlock()
	searched := 0
	for _, r := range all {
		if r.err == nil {
			continue
		}
		for _, text := range []string{r.err.Error(), fmt.Sprintf("%v", r.err), fmt.Sprintf("%+v", r.err), fmt.Sprintf("%#v", r.err)} {
			searched++
			if form := leaked(text, forms); form != "" {
				t.Errorf("%s: error text holds a credential (%.6s…)", r.key, form)
			}
		}
	}
	if form := leaked(logs, forms); form != "" {
		t.Errorf("log records hold a credential (%.6s…)", form)
	}
	if !strings.Contains(logs, `"level":"DEBUG-4"`) {
		t.Errorf("no body records logged; the search proves nothing")
	}
	t.Logf("searched %d error texts and %d bytes of logs for %d credential forms", searched, len(logs), len(forms))
}

// goroutineIDs returns the running goroutines' stacks by id; ids are never
// reused.
func goroutineIDs() map[string]string {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	ids := map[string]string{}
	for _, g := range strings.Split(string(buf), "\n\n") {
		if id, _, ok := strings.Cut(strings.TrimPrefix(g, "goroutine "), " "); ok {
			ids[id] = g
		}
	}
	return ids
}

// checkNoGoroutineLeft fails for goroutines started since before that are
// still running once the client's connections are closed. Exiting
// goroutines take a moment to be gone, so it looks a few times.
func checkNoGoroutineLeft(t *testing.T, before map[string]string) {
	t.Helper()
	var left []string
	for range 100 {
		left = left[:0]
		for id, stack := range goroutineIDs() {
			if _, old := before[id]; !old && !strings.Contains(stack, "checkNoGoroutineLeft") {
				left = append(left, stack)
			}
		}
		if len(left) == 0 {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	for _, stack := range left {
		t.Errorf("goroutine left after the client is done:\n%s", stack)
	}
}

// TestFaultStall: a write the server applies and then never answers ends in
// the attempt's Timeout, and its error says the outcome is unknown.
func TestFaultStall(t *testing.T) {
	t.Parallel()
	f := newFaultServer(t, faultSeed)
	f.override = func(string, int) fault { return faultStall }
	c, tr := newFaultClient(t, f, io.Discard, 50*time.Millisecond)
	defer f.close()
	defer tr.CloseIdleConnections()
	r := runFaultJob(c, "post", 1)
	if !errors.Is(r.err, ErrOutcomeUnknown) || errors.Is(r.err, ErrNotApplied) {
		t.Errorf("stalled POST = %v, want ErrOutcomeUnknown only", r.err)
	}
	if !errors.Is(r.err, context.DeadlineExceeded) || !strings.Contains(r.err.Error(), unknownNote) {
		t.Errorf("stalled POST = %q, want the deadline and %q", r.err, unknownNote)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.arrivals["post-1"] != 1 {
		t.Errorf("stalled POST sent %d times, want once", f.arrivals["post-1"])
	}
}

// tokenFault is one misbehaviour of the token endpoint.
type tokenFault struct {
	name    string
	handler func(w http.ResponseWriter, r *http.Request, token string)
}

// faultToken is the token the misbehaving endpoints hand out (or leak).
const faultToken = "tok-LEAK-9fK2mQ7xZ4"

func tokenFaults(redirectTo string) []tokenFault {
	jsonBody := func(status int, body string) func(http.ResponseWriter, *http.Request, string) {
		return func(w http.ResponseWriter, _ *http.Request, _ string) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			io.WriteString(w, body)
		}
	}
	typed := func(ct string, status int, body string) func(http.ResponseWriter, *http.Request, string) {
		return func(w http.ResponseWriter, _ *http.Request, _ string) {
			w.Header().Set("Content-Type", ct)
			w.WriteHeader(status)
			io.WriteString(w, body)
		}
	}
	echoAuth := func(status int) func(http.ResponseWriter, *http.Request, string) {
		return func(w http.ResponseWriter, r *http.Request, _ string) {
			body, _ := io.ReadAll(r.Body)
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(status)
			fmt.Fprintf(w, "<html>you sent %s and %s</html>", r.Header.Get("Authorization"), body)
		}
	}
	big := `{"access_token":"` + faultToken + `","pad":"` + strings.Repeat("x", 1<<20) + `"}`
	return []tokenFault{
		{"200 trailing comma", jsonBody(200, `{"access_token":"`+faultToken+`","expires_in":3600,}`)},
		{"200 over 1 MiB", jsonBody(200, big)},
		{"200 token under another key", jsonBody(200, `{"accessToken":"`+faultToken+`","expires_in":3600}`)},
		{"200 HTML", typed("text/html", 200, "<html>"+faultToken+"</html>")},
		{"200 empty", typed("application/json", 200, "")},
		{"200 no access_token", jsonBody(200, `{"token_type":"bearer"}`)},
		{"200 access_token a number", jsonBody(200, `{"access_token":12345}`)},
		{"200 token with a line break", jsonBody(200, `{"access_token":"`+faultToken+`\r\nX-Injected: 1"}`)},
		{"200 token_type mac", jsonBody(200, `{"access_token":"`+faultToken+`","token_type":"mac"}`)},
		{"200 negative expires_in", jsonBody(200, `{"access_token":"`+faultToken+`","expires_in":-5}`)},
		{"200 expires_in text", jsonBody(200, `{"access_token":"`+faultToken+`","expires_in":"soon"}`)},
		{"200 OAuth error", jsonBody(200, `{"error":"invalid_client","access_token":"`+faultToken+`"}`)},
		{"200 form body that does not parse", typed("application/x-www-form-urlencoded", 200, "access_token="+faultToken+"%zz&expires_in=3600")},
		{"400 invalid_grant", jsonBody(400, `{"error":"invalid_grant","error_description":"grant refused"}`)},
		{"400 invalid_app_id", jsonBody(400, `{"error":"invalid_app_id"}`)},
		{"400 invalid_request", jsonBody(400, `{"error":"invalid_request"}`)},
		{"401 invalid_client echoing the secret", jsonBody(401, `{"error":"invalid_client","error_description":"secret `+faultSecret+` is wrong"}`)},
		{"401 no body", typed("text/plain", 401, "")},
		{"403 echoing the Authorization header", echoAuth(403)},
		{"404", typed("text/plain", 404, "404 page not found")},
		{"429", jsonBody(429, `{"error":"slow_down"}`)},
		{"500 echoing the Authorization header", echoAuth(500)},
		{"503", typed("text/html", 503, "<html>maintenance</html>")},
		{"307 to another port", func(w http.ResponseWriter, r *http.Request, _ string) {
			http.Redirect(w, r, redirectTo, http.StatusTemporaryRedirect)
		}},
		{"308 to another port", func(w http.ResponseWriter, r *http.Request, _ string) {
			http.Redirect(w, r, redirectTo, http.StatusPermanentRedirect)
		}},
		{"connection reset", func(w http.ResponseWriter, _ *http.Request, _ string) {
			conn, _, _ := w.(http.Hijacker).Hijack()
			if tcp, ok := conn.(*net.TCPConn); ok {
				_ = tcp.SetLinger(0)
			}
			_ = conn.Close()
		}},
	}
}

// TestFaultTokenEndpoint: whatever the token endpoint does, a call fails
// with an error that says nothing was applied, holds neither the secret nor
// the token in any form, and sends the secret nowhere else.
func TestFaultTokenEndpoint(t *testing.T) {
	t.Parallel()
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"access_token":%q,"expires_in":3600}`, faultToken)
	}))
	defer other.Close()
	forms := credentialForms(faultSecret, faultToken)
	for _, tf := range tokenFaults(other.URL + "/stolen") {
		t.Run(tf.name, func(t *testing.T) {
			t.Parallel()
			var apiCalls atomic.Int32
			mux := http.NewServeMux()
			mux.HandleFunc("POST /oauth/client-credentials", func(w http.ResponseWriter, r *http.Request) {
				tf.handler(w, r, faultToken)
			})
			mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
				apiCalls.Add(1)
				http.Error(w, "the API must not be called without a token", http.StatusTeapot)
			})
			srv := httptest.NewServer(mux)
			defer srv.Close()
			logs := &lockedBuffer{}
			c, err := New(Config{
				BaseURL: srv.URL + "/api", TokenURL: srv.URL + "/oauth/client-credentials",
				ClientID: faultClientID, ClientSecret: faultSecret, RateLimit: -1,
				Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: LevelBody})),
			})
			if err != nil {
				t.Fatal(err)
			}
			r, err := c.GetOrderWithResponse(context.Background(), 1001)
			err = Check(r, err)
			switch {
			case err == nil:
				t.Fatalf("call succeeded with a misbehaving token endpoint")
			case !errors.Is(err, ErrNotApplied) || errors.Is(err, ErrOutcomeUnknown):
				t.Errorf("error %v, want ErrNotApplied only", err)
			case strings.IndexFunc(err.Error(), unicode.IsControl) >= 0:
				t.Errorf("error %q holds a control character", err)
			}
			for _, text := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err), logs.String()} {
				if form := leaked(text, forms); form != "" {
					t.Errorf("a credential (%.6s…) is in %q", form, oneLineForTest(text))
				}
			}
			if n := apiCalls.Load(); n != 0 {
				t.Errorf("the API was called %d times without a token", n)
			}
		})
	}
	if n := elsewhere.Load(); n != 0 {
		t.Errorf("a redirect sent %d token requests to another server", n)
	}
}

// oneLineForTest shortens text for a failure message.
func oneLineForTest(s string) string {
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return strings.ReplaceAll(s, "\n", `\n`)
}

// TestFault401Storm: an API that refuses every token costs one fresh token
// per call, never a loop, and the error says the call was not applied.
func TestFault401Storm(t *testing.T) {
	t.Parallel()
	var fetches, calls atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth/client-credentials", func(w http.ResponseWriter, r *http.Request) {
		n := fetches.Add(1)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"access_token":"tok-storm-%d","expires_in":3600}`, n)
	})
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		writeFaultJSON(w, http.StatusUnauthorized, map[string]any{"title": "Unauthorized", "status": 401})
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c, err := New(Config{BaseURL: srv.URL + "/api", TokenURL: srv.URL + "/oauth/client-credentials",
		ClientID: faultClientID, ClientSecret: faultSecret, RateLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	const n = 20
	for i := range n {
		r, err := c.SetOrderItemsShippedWithResponse(context.Background(), gen.OrderItemIds{OrderItemIds: []int{i}})
		err = Check(r, err)
		if !errors.Is(err, ErrUnauthorized) || !errors.Is(err, ErrNotApplied) {
			t.Fatalf("call %d = %v, want ErrUnauthorized and ErrNotApplied", i, err)
		}
	}
	if got := calls.Load(); got != 2*n {
		t.Errorf("%d API requests for %d calls, want 2 each (the first, and one with a fresh token)", got, n)
	}
	if got := fetches.Load(); got > 2*n {
		t.Errorf("%d token fetches for %d calls, want at most 2 each", got, n)
	}
}

// TestFaultHostileInput: caller input that would change the request or the
// error text is refused before anything is sent, or reaches the error only
// escaped.
func TestFaultHostileInput(t *testing.T) {
	t.Parallel()
	f := newFaultServer(t, faultSeed)
	defer f.close()
	var paths []string
	var mu sync.Mutex
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/oauth/client-credentials" {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, `{"access_token":"tok-hostile","expires_in":3600}`)
			return
		}
		mu.Lock()
		paths = append(paths, r.URL.EscapedPath())
		mu.Unlock()
		// The API echoes the SKU it could not find, line breaks and all.
		sku, _ := url.PathUnescape(strings.TrimPrefix(r.URL.EscapedPath(), "/api/v2/product/seller-sku/"))
		writeFaultJSON(w, http.StatusNotFound, map[string]any{"title": "Not Found\a", "detail": "product " + sku + " \x1b[31mmissing\x00"})
	}))
	defer api.Close()
	c, err := New(Config{BaseURL: api.URL + "/api", TokenURL: api.URL + "/oauth/client-credentials",
		ClientID: faultClientID, ClientSecret: faultSecret, RateLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var noCtx context.Context // a caller's nil ctx, as a variable would hold it
	tests := []struct {
		name string
		call func() error
		sent bool
		want []string
	}{
		{"CRLF in a SKU", func() error {
			return Check(c.GetProductBySellerSkuWithResponse(ctx, "SKU\r\nX-Injected: 1"))
		}, true, []string{`/api/v2/product/seller-sku/SKU%0D%0AX-Injected:%201`, `\x1b[31mmissing\x00`}},
		{"dot-dot feed", func() error { return Check(c.CancelFeedWithResponse(ctx, "..")) }, false, []string{`path parameter uuid is ".."`}},
		{"dot price country", func() error {
			return Check(c.SetProductPriceStatusWithResponse(ctx, 51002, ".", gen.SetProductPriceStatusJSONRequestBody{}))
		}, false, []string{`path parameter country is "."`}},
		{"empty SKU", func() error { return Check(c.GetProductBySellerSkuWithResponse(ctx, "")) }, false, []string{"path parameter sellerSku is empty"}},
		{"nil ctx", func() error { return Check(c.GetOrderWithResponse(noCtx, 1001)) }, false, []string{"nil context.Context"}},
		{"nil ctx walk", func() error {
			for _, err := range c.Orders(noCtx, gen.ListOrdersParams{}) {
				return err
			}
			return nil
		}, false, []string{"nil context.Context"}},
		{"nil ctx feed wait", func() error {
			_, err := c.WaitForFeed(noCtx, "f-1", FeedWait{})
			return err
		}, false, []string{"nil context.Context"}},
		{"nil ctx import", func() error {
			_, err := c.Import(noCtx, ImportStockUpdates, "stock.csv", strings.NewReader("a"))
			return err
		}, false, []string{"nil context.Context"}},
		{"nil ctx XML import", func() error {
			_, err := c.ImportXML(noCtx, &gen.XmlStockUpdateRequest{})
			return err
		}, false, []string{"nil context.Context"}},
	}
	for _, tt := range tests {
		mu.Lock()
		before := len(paths)
		mu.Unlock()
		err := tt.call()
		mu.Lock()
		sent := len(paths) > before
		mu.Unlock()
		switch {
		case err == nil:
			t.Errorf("%s: no error", tt.name)
			continue
		case sent != tt.sent:
			t.Errorf("%s: sent = %t, want %t", tt.name, sent, tt.sent)
		case !errors.Is(err, ErrNotApplied):
			t.Errorf("%s: %v, want ErrNotApplied", tt.name, err)
		case strings.IndexFunc(err.Error(), unicode.IsControl) >= 0:
			t.Errorf("%s: error %q holds a control character", tt.name, err)
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q, want %q in it", tt.name, err, w)
			}
		}
	}
}
