package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// addOrders adds n one-item orders, one minute apart, starting at base.
func addOrders(t testing.TB, srv *sellercentertest.Server, n int, base time.Time) {
	t.Helper()
	for i := range n {
		o := gen.Order{
			CreatedAt: datetime.New(base.Add(time.Duration(i) * time.Minute)),
			Items:     []gen.OrderItem{{}},
		}
		if _, err := srv.AddOrder(o); err != nil {
			t.Fatalf("AddOrder(%d) = %v", i, err)
		}
	}
}

// readLines returns the lines of a JSON Lines file, each checked to be one
// JSON value.
func readLines(t *testing.T, path string) [][]byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines [][]byte
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if !json.Valid(sc.Bytes()) {
			t.Fatalf("%s line %d is not JSON: %.100s", path, len(lines)+1, sc.Bytes())
		}
		lines = append(lines, bytes.Clone(sc.Bytes()))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

// TestExport1000Orders exports 1,000 orders and reads them back: one line
// per order, each the API's order exactly.
func TestExport1000Orders(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{Empty: true})
	addOrders(t, srv, 1000, time.Date(2024, 11, 1, 8, 0, 0, 0, time.UTC))
	want, err := srv.Orders()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "orders.jsonl")
	args := []string{"orders", "export", "--out", out, "-o", "json"}
	res := runTool(t, invocation{env: envFor(srv)}, args...)
	wantCode(t, args, res, exitOK)

	// The orders were created in id order, so the export (oldest first)
	// lists them in the order srv.Orders returns them.
	lines := readLines(t, out)
	if len(lines) != len(want) {
		t.Fatalf("sellercenter orders export wrote %d lines, want %d", len(lines), len(want))
	}
	for i, line := range lines {
		w, err := encodeJSON(want[i], "", "")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(line, w) {
			t.Fatalf("line %d = %s\nwant the API's order %s", i+1, line, w)
		}
	}

	var summary exportResult
	if err := json.Unmarshal([]byte(res.stdout), &summary); err != nil {
		t.Fatalf("sellercenter %s stdout %q does not parse: %v", strings.Join(args, " "), res.stdout, err)
	}
	if summary != (exportResult{File: out, Orders: 1000}) {
		t.Errorf("sellercenter %s summary = %+v, want 1000 orders in %s", strings.Join(args, " "), summary, out)
	}
	if res.stderr != "" {
		t.Errorf("sellercenter %s stderr = %q, want nothing when stderr is not a terminal", strings.Join(args, " "), res.stderr)
	}
	// Pages of 100: ten full ones; the tenth says no more follow. Pages
	// after it may have been asked for ahead, within the window.
	if n := srv.Count("listOrders"); n < 10 || n > 10+sellercenter.DefaultPageWindow-1 {
		t.Errorf("export sent %d listOrders requests, want 10 to %d", n, 10+sellercenter.DefaultPageWindow-1)
	}
}

// TestExportFilters checks that the list filters apply to the export.
func TestExportFilters(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	out := filepath.Join(t.TempDir(), "pending.jsonl")
	args := []string{"orders", "export", "--status", "pending", "--created-before", "2024-10-05", "--out", out}
	res := runTool(t, invocation{env: envFor(srv)}, args...)
	wantCode(t, args, res, exitOK)
	var ids []int
	for _, line := range readLines(t, out) {
		var o gen.Order
		if err := json.Unmarshal(line, &o); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, o.Id)
	}
	// The demo orders with a pending item, created up to the end of 5
	// October: a date covers the whole day.
	want := []int{1001, 1002, 1003, 1013, 1019, 1022}
	if !reflect.DeepEqual(ids, want) {
		t.Errorf("sellercenter %s exported orders %v, want %v", strings.Join(args, " "), ids, want)
	}
	if res.stdout != "Exported 6 orders to "+out+"\n" {
		t.Errorf("sellercenter %s stdout = %q, want the count", strings.Join(args, " "), res.stdout)
	}
}

// interpose puts a reverse proxy in front of srv's API that calls hook
// before forwarding each request, so a test can change the mock between
// two pages at an exact point. It returns the environment to use.
func interpose(t *testing.T, srv *sellercentertest.Server, hook func(r *http.Request)) map[string]string {
	t.Helper()
	target, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(&url.URL{Scheme: target.Scheme, Host: target.Host})
	// Requests the client cancels (pages asked for ahead) are no error here.
	proxy.ErrorHandler = func(w http.ResponseWriter, _ *http.Request, _ error) { w.WriteHeader(http.StatusBadGateway) }
	// The client asks for the pages after the second one ahead; they wait
	// here until the second is answered, so that what hook does to the
	// mock there reaches the second page and no other.
	var once sync.Once
	second := make(chan struct{})
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if laterPage(r) {
			select {
			case <-second:
			case <-r.Context().Done():
				w.WriteHeader(http.StatusBadGateway)
				return
			}
		}
		hook(r)
		proxy.ServeHTTP(w, r)
		if secondPage(r) {
			once.Do(func() { close(second) })
		}
	}))
	t.Cleanup(front.Close)
	return with(envFor(srv), "SELLERCENTER_BASE_URL", front.URL+target.Path)
}

// laterPage reports whether r asks for the orders after the second page.
func laterPage(r *http.Request) bool {
	offset, err := strconv.Atoi(r.URL.Query().Get("offset"))
	return strings.HasSuffix(r.URL.Path, "/v2/orders") && err == nil && offset > 100
}

// secondPage reports whether r asks for the orders after the first page.
func secondPage(r *http.Request) bool {
	return strings.HasSuffix(r.URL.Path, "/v2/orders") && r.URL.Query().Get("offset") == "100"
}

// TestExportFailureKeepsFile breaks the export on its second page: the
// error says how far it got, the old file is untouched and no temporary
// file is left behind.
func TestExportFailureKeepsFile(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{Empty: true})
	addOrders(t, srv, 101, time.Date(2024, 11, 1, 8, 0, 0, 0, time.UTC))
	env := interpose(t, srv, func(r *http.Request) {
		if secondPage(r) {
			if _, err := srv.Fail(sellercentertest.Scope{Operation: "listOrders", Count: 1}, 500, ""); err != nil {
				t.Error(err)
			}
		}
	})
	dir := t.TempDir()
	out := filepath.Join(dir, "orders.jsonl")
	if err := os.WriteFile(out, []byte("yesterday's export\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{"orders", "export", "--out", out}
	res := runTool(t, invocation{env: env}, args...)
	wantCode(t, args, res, exitFailure)
	for _, s := range []string{"export stopped after 100 orders", out + " was not written", "HTTP 500"} {
		if !strings.Contains(res.stderr, s) {
			t.Errorf("sellercenter %s stderr = %q, want it to say %q", strings.Join(args, " "), res.stderr, s)
		}
	}
	if b, err := os.ReadFile(out); err != nil || string(b) != "yesterday's export\n" {
		t.Errorf("after a failed export, %s = %q, %v; want the old content", out, b, err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("after a failed export the directory holds %v, want only orders.jsonl", names)
	}
}

// TestExportInterrupted cancels the run between two pages, as Ctrl-C
// would: nothing is written and no temporary file is left.
func TestExportInterrupted(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{Empty: true})
	addOrders(t, srv, 101, time.Date(2024, 11, 1, 8, 0, 0, 0, time.UTC))
	ctx, interrupt := context.WithCancel(context.Background())
	defer interrupt()
	env := interpose(t, srv, func(r *http.Request) {
		if secondPage(r) {
			interrupt()
		}
	})
	dir := t.TempDir()
	out := filepath.Join(dir, "orders.jsonl")
	args := []string{"orders", "export", "--out", out}
	res := runTool(t, invocation{env: env, ctx: ctx}, args...)
	t.Logf("stderr: %s", res.stderr)
	wantCode(t, args, res, exitInterrupted)
	if !strings.Contains(res.stderr, "export stopped after 100 orders") || !strings.Contains(res.stderr, "(interrupted)") {
		t.Errorf("sellercenter %s stderr = %q, want it to say the export was interrupted after 100 orders", strings.Join(args, " "), res.stderr)
	}
	if entries, err := os.ReadDir(dir); err != nil || len(entries) != 0 {
		t.Errorf("after an interrupted export the directory holds %v (%v), want nothing", entries, err)
	}
}

// TestRecentIDs checks the constant-memory window of ids the export
// remembers.
func TestRecentIDs(t *testing.T) {
	t.Parallel()
	r := newRecentIDs(3)
	steps := []struct {
		id   int
		want bool
	}{
		{1, false}, {2, false}, {1, true}, {3, false}, {4, false}, // 1 is forgotten
		{1, false}, {3, true}, {4, true}, {2, false}, {4, true},
	}
	for i, s := range steps {
		if got := r.seen(s.id); got != s.want {
			t.Errorf("step %d: seen(%d) = %v, want %v", i, s.id, got, s.want)
		}
	}
	if len(r.set) != 3 || len(r.ring) != 3 {
		t.Errorf("window holds %d ids in the set and %d in the ring, want 3", len(r.set), len(r.ring))
	}
}

// TestExportRepeatedOrders shifts the list between two pages, as an order
// sorted before the ones already read would: the API then sends the last
// order of the first page again, and the export writes it once.
func TestExportRepeatedOrders(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{Empty: true})
	addOrders(t, srv, 101, time.Date(2024, 11, 1, 8, 0, 0, 0, time.UTC))
	env := interpose(t, srv, func(r *http.Request) {
		if secondPage(r) {
			o := gen.Order{CreatedAt: datetime.New(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)), Items: []gen.OrderItem{{}}}
			if _, err := srv.AddOrder(o); err != nil {
				t.Error(err)
			}
		}
	})
	out := filepath.Join(t.TempDir(), "orders.jsonl")
	args := []string{"orders", "export", "--out", out, "-o", "jsonl"}
	res := runTool(t, invocation{env: env}, args...)
	wantCode(t, args, res, exitOK)
	seen := map[int]bool{}
	for i, line := range readLines(t, out) {
		var o gen.Order
		if err := json.Unmarshal(line, &o); err != nil {
			t.Fatal(err)
		}
		if seen[o.Id] {
			t.Errorf("line %d repeats order %d", i+1, o.Id)
		}
		seen[o.Id] = true
	}
	if len(seen) != 101 {
		t.Errorf("export wrote %d distinct orders, want the 101 that existed when it started", len(seen))
	}
	if want := `{"file":"` + out + `","orders":101,"repeated":1}` + "\n"; res.stdout != want {
		t.Errorf("sellercenter %s stdout = %q, want %q", strings.Join(args, " "), res.stdout, want)
	}
}

// TestExportProgress checks that the progress line is drawn on a terminal
// only, erased at the end, and that the count is printed either way.
func TestExportProgress(t *testing.T) {
	t.Parallel()
	for _, terminal := range []bool{false, true} {
		t.Run(map[bool]string{false: "pipe", true: "terminal"}[terminal], func(t *testing.T) {
			t.Parallel()
			srv := newMock(t, sellercentertest.Config{})
			out := filepath.Join(t.TempDir(), "orders.jsonl")
			args := []string{"orders", "export", "--out", out}
			res := runTool(t, invocation{env: envFor(srv), terminal: terminal}, args...)
			wantCode(t, args, res, exitOK)
			if res.stdout != "Exported 30 orders to "+out+"\n" {
				t.Errorf("sellercenter %s stdout = %q, want the count", strings.Join(args, " "), res.stdout)
			}
			drawn := strings.Contains(res.stderr, "\rexporting orders: 1 written")
			if drawn != terminal {
				t.Errorf("sellercenter %s with a terminal %v: stderr = %q, progress drawn %v", strings.Join(args, " "), terminal, res.stderr, drawn)
			}
			if terminal && !regexp.MustCompile(`\r\s*\rsellercenter: exported 30 orders in [0-9.]+m?s(, \d+/s)?\n$`).MatchString(res.stderr) {
				t.Errorf("sellercenter %s stderr = %q, want the progress line erased at the end, then the total and the rate", strings.Join(args, " "), res.stderr)
			}
		})
	}
}

// TestExportBadPath checks the refusals that come before any request.
func TestExportBadPath(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	dir := t.TempDir()
	tests := []struct {
		out  string
		code int
		want string
	}{
		{dir, exitUsage, "is a directory"},
		{filepath.Join(dir, "missing", "orders.jsonl"), exitFailure, "cannot write " + filepath.Join(dir, "missing", "orders.jsonl")},
	}
	for _, tt := range tests {
		args := []string{"orders", "export", "--out", tt.out}
		res := runTool(t, invocation{env: envFor(srv)}, args...)
		wantCode(t, args, res, tt.code)
		if !strings.Contains(res.stderr, tt.want) {
			t.Errorf("sellercenter %s stderr = %q, want %q", strings.Join(args, " "), res.stderr, tt.want)
		}
	}
	if n := srv.Count("listOrders"); n != 0 {
		t.Errorf("refused exports sent %d listOrders requests, want 0", n)
	}
}

// TestListAllPages checks --all across several pages.
func TestListAllPages(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{Empty: true})
	addOrders(t, srv, 101, time.Date(2024, 11, 1, 8, 0, 0, 0, time.UTC))
	args := []string{"orders", "list", "--all", "-o", "jsonl"}
	res := runTool(t, invocation{env: envFor(srv)}, args...)
	wantCode(t, args, res, exitOK)
	if n := strings.Count(res.stdout, "\n"); n != 101 {
		t.Errorf("sellercenter %s printed %d lines, want 101", strings.Join(args, " "), n)
	}
	if n := srv.Count("listOrders"); n < 2 || n > 2+sellercenter.DefaultPageWindow-1 {
		t.Errorf("sellercenter %s sent %d listOrders requests, want 2 pages (and up to %d asked for ahead)", strings.Join(args, " "), n, sellercenter.DefaultPageWindow-1)
	}
	args = []string{"orders", "list"}
	res = runTool(t, invocation{env: envFor(srv)}, args...)
	wantCode(t, args, res, exitOK)
	if n := strings.Count(res.stdout, "\n"); n != 1+defaultListLimit {
		t.Errorf("sellercenter %s printed %d lines, want a header and %d orders", strings.Join(args, " "), n, defaultListLimit)
	}
	if !strings.Contains(res.stderr, "more follow") {
		t.Errorf("sellercenter %s stderr = %q, want a note that more orders follow", strings.Join(args, " "), res.stderr)
	}
}

// BenchmarkExport measures an export of 1,000 orders from the mock; the
// allocations per order show that memory does not grow with the export.
func BenchmarkExport(b *testing.B) {
	srv, err := sellercentertest.NewServer(sellercentertest.Config{Empty: true})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	addOrders(b, srv, 1000, time.Date(2024, 11, 1, 8, 0, 0, 0, time.UTC))
	out := filepath.Join(b.TempDir(), "orders.jsonl")
	env := envFor(srv)
	b.ResetTimer()
	for b.Loop() {
		var stdout, stderr strings.Builder
		if code := run(b.Context(), []string{"orders", "export", "--out", out}, strings.NewReader(""), &stdout, &stderr,
			func(k string) string { return env[k] }); code != exitOK {
			b.Fatalf("export = exit %d: %s", code, stderr.String())
		}
	}
}

// TestListAllFailsPartWay breaks `orders list --all` on its second page:
// the table still shows the orders received, JSON is left unterminated so
// no script takes it for the whole list, and the exit code says so.
func TestListAllFailsPartWay(t *testing.T) {
	t.Parallel()
	tests := []struct {
		output    string
		lines     int
		validJSON bool
	}{
		{"table", 101, false},
		{"jsonl", 100, false},
		{"json", -1, false},
	}
	for _, tt := range tests {
		t.Run(tt.output, func(t *testing.T) {
			t.Parallel()
			srv := newMock(t, sellercentertest.Config{Empty: true})
			addOrders(t, srv, 101, time.Date(2024, 11, 1, 8, 0, 0, 0, time.UTC))
			env := interpose(t, srv, func(r *http.Request) {
				if secondPage(r) {
					if _, err := srv.Fail(sellercentertest.Scope{Operation: "listOrders", Count: 1}, 500, ""); err != nil {
						t.Error(err)
					}
				}
			})
			args := []string{"orders", "list", "--all", "-o", tt.output}
			res := runTool(t, invocation{env: env}, args...)
			wantCode(t, args, res, exitFailure)
			if !strings.Contains(res.stderr, "HTTP 500") {
				t.Errorf("sellercenter %s stderr = %q, want the error", strings.Join(args, " "), res.stderr)
			}
			if n := strings.Count(res.stdout, "\n"); tt.lines >= 0 && n != tt.lines {
				t.Errorf("sellercenter %s printed %d lines, want %d", strings.Join(args, " "), n, tt.lines)
			}
			if json.Valid([]byte(res.stdout)) != tt.validJSON {
				t.Errorf("sellercenter %s stdout is valid JSON: %v, want %v", strings.Join(args, " "), !tt.validJSON, tt.validJSON)
			}
		})
	}
}
