package sellercentertest

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/internal/backoff"
)

// recordingSleeper is a Config.Sleep that records and returns at once.
type recordingSleeper struct {
	mu    sync.Mutex
	slept []time.Duration
}

func (r *recordingSleeper) Sleep(_ context.Context, d time.Duration) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.slept = append(r.slept, d)
	return nil
}

func (r *recordingSleeper) total() (n int, d time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, x := range r.slept {
		d += x
	}
	return len(r.slept), d
}

func mustInject(t *testing.T) func(func(), error) func() {
	return func(remove func(), err error) func() {
		t.Helper()
		if err != nil {
			t.Fatalf("injecting a fault = %v", err)
		}
		return remove
	}
}

func TestFail(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	tok := token(t, s)
	inject := mustInject(t)
	inject(s.Fail(Scope{Operation: "getSeller", Count: 2}, http.StatusTooManyRequests, "3"))
	for i := range 2 {
		status, h, body := call(t, s, tok, http.MethodGet, "/v2/seller", "", "")
		p := decode[gen.Problem](t, body)
		if status != 429 || h.Get("Retry-After") != "3" || p.Status != 429 {
			t.Errorf("getSeller #%d = %d Retry-After %q %s, want 429 with Retry-After 3 and a Problem", i+1, status, h.Get("Retry-After"), body)
		}
		if status, _, _ := call(t, s, tok, http.MethodGet, "/v2/orders-counters", "", ""); status != 200 {
			t.Errorf("getOrderCounters during a getSeller fault = %d, want 200", status)
		}
	}
	if status, _, _ := call(t, s, tok, http.MethodGet, "/v2/seller", "", ""); status != 200 {
		t.Errorf("getSeller after the 2 failures = %d, want 200", status)
	}

	remove := inject(s.Fail(Scope{}, http.StatusServiceUnavailable, ""))
	for _, path := range []string{"/v2/seller", "/v2/orders-counters", "/v2/health"} {
		status, h, body := call(t, s, tok, http.MethodGet, path, "", "")
		u := decode[gen.Unavailable](t, body)
		if status != 503 || h.Get("Retry-After") != "" || u.Status != 503 || u.CausedBy != "" {
			t.Errorf("GET %s under Fail(all, 503) = %d %s, want 503 with a Problem-shaped body and no Retry-After", path, status, body)
		}
	}
	if _, body := tokenRequest(t, s, s.ClientID, s.ClientSecret, url.Values{"grant_type": {"client_credentials"}}); !strings.Contains(string(body), "access_token") {
		t.Errorf("the token endpoint failed under an API-wide fault: %s", body)
	}
	remove()
	remove() // a second call does nothing
	if status, _, _ := call(t, s, tok, http.MethodGet, "/v2/seller", "", ""); status != 200 {
		t.Errorf("getSeller after removing the fault = %d, want 200", status)
	}

	inject(s.Fail(Scope{Operation: TokenOperation, Count: 1}, http.StatusInternalServerError, ""))
	if resp, body := tokenRequest(t, s, s.ClientID, s.ClientSecret, url.Values{"grant_type": {"client_credentials"}}); resp.StatusCode != 500 {
		t.Errorf("token under Fail(token, 500) = %d %s, want 500", resp.StatusCode, body)
	}
	if status, _, _ := call(t, s, tok, http.MethodGet, "/v2/seller", "", ""); status != 200 {
		t.Errorf("getSeller during a token fault = %d, want 200", status)
	}

	for _, bad := range []struct {
		scope  Scope
		status int
	}{{Scope{}, 200}, {Scope{}, 600}, {Scope{Operation: "getSelers"}, 500}, {Scope{Count: -1}, 500}} {
		if remove, err := s.Fail(bad.scope, bad.status, ""); err == nil || remove != nil {
			t.Errorf("Fail(%+v, %d) = %v, want an error", bad.scope, bad.status, err)
		}
	}
}

func TestMaintenance(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	tok := token(t, s)
	end := s.Maintenance("120")
	end2 := s.Maintenance("60")
	for _, path := range []string{"/v2/health", "/v2/orders?limit=1&offset=0"} {
		status, h, body := call(t, s, tok, http.MethodGet, path, "", "")
		var got map[string]any
		if err := json.Unmarshal(body, &got); err != nil {
			t.Fatal(err)
		}
		want := map[string]any{"message": "Service is unavailable due to maintenance mode", "caused_by": "maintenance_mode"}
		if status != 503 || h.Get("Retry-After") != "60" || len(got) != 2 || got["message"] != want["message"] || got["caused_by"] != want["caused_by"] {
			t.Errorf("GET %s in maintenance = %d Retry-After %q %s, want 503, Retry-After 60 and exactly %v", path, status, h.Get("Retry-After"), body, want)
		}
	}
	token(t, s) // the token endpoint keeps working
	end2()
	if _, h, _ := call(t, s, tok, http.MethodGet, "/v2/health", "", ""); h.Get("Retry-After") != "120" {
		t.Errorf("after the newer window ends, Retry-After = %q, want the older window's 120", h.Get("Retry-After"))
	}
	end()
	end()
	if status, _, _ := call(t, s, tok, http.MethodGet, "/v2/health", "", ""); status != 200 {
		t.Errorf("after maintenance = %d, want 200", status)
	}
}

func TestAddLatency(t *testing.T) {
	t.Parallel()
	sleeper := &recordingSleeper{}
	s := newServer(t, Config{Sleep: sleeper.Sleep})
	tok := token(t, s)
	inject := mustInject(t)
	inject(s.AddLatency(Scope{Operation: "getSeller", Count: 1}, 2*time.Second))
	remove := inject(s.AddLatency(Scope{}, 500*time.Millisecond))
	call(t, s, tok, http.MethodGet, "/v2/seller", "", "")
	if n, d := sleeper.total(); n != 1 || d != 2500*time.Millisecond {
		t.Errorf("first getSeller slept %d times for %v, want once for 2.5s (latencies add up)", n, d)
	}
	call(t, s, tok, http.MethodGet, "/v2/seller", "", "")
	if n, d := sleeper.total(); n != 2 || d != 3*time.Second {
		t.Errorf("after the second getSeller: %d sleeps for %v, want 2 for 3s", n, d)
	}
	remove()
	status, _, _ := call(t, s, tok, http.MethodGet, "/v2/seller", "", "")
	if n, _ := sleeper.total(); n != 2 || status != 200 {
		t.Errorf("after removal: %d sleeps, status %d; want 2 and 200", n, status)
	}
	if _, err := s.AddLatency(Scope{}, -time.Second); err == nil {
		t.Error("AddLatency(-1s) = nil error, want one")
	}

	failing := newServer(t, Config{Sleep: func(context.Context, time.Duration) error { return errors.New("no sleep today") }})
	inject(failing.AddLatency(Scope{}, time.Second))
	if status, _, body := call(t, failing, token(t, failing), http.MethodGet, "/v2/seller", "", ""); status != 500 || !strings.Contains(string(body), "no sleep today") {
		t.Errorf("with a failing Sleep = %d %s, want 500 naming the error", status, body)
	}
}

// TestCloseCancelsLatency checks that Close ends a request that waits on
// latency with the default sleeper by dropping its connection.
func TestCloseCancelsLatency(t *testing.T) {
	t.Parallel()
	waiting := make(chan struct{})
	s, err := NewServer(Config{Sleep: func(ctx context.Context, d time.Duration) error {
		close(waiting)
		return backoff.Sleep(ctx, d)
	}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddLatency(Scope{Operation: "getHealth"}, time.Hour); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		resp, err := http.Get(s.URL + "/v2/health")
		if err == nil {
			resp.Body.Close()
			err = errors.New("got a response: " + resp.Status)
		}
		done <- err
	}()
	<-waiting
	s.Close()
	if err := <-done; err == nil || strings.Contains(err.Error(), "got a response") {
		t.Errorf("a request waiting on latency during Close = %v, want a connection error", err)
	}
	if reqs := s.Requests(); len(reqs) != 1 || reqs[0].Status != 0 {
		t.Errorf("request log = %+v, want one entry with status 0", reqs)
	}
}

func TestDropConnections(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	tok := token(t, s)
	mustInject(t)(s.DropConnections(Scope{Operation: "getSeller", Count: 1}))
	// A fresh connection per request, so the transport does not retry.
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	get := func() (*http.Response, error) {
		req, _ := http.NewRequest(http.MethodGet, s.URL+"/v2/seller", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		return client.Do(req)
	}
	if resp, err := get(); err == nil {
		resp.Body.Close()
		t.Fatalf("getSeller with a dropped connection = %s, want an error", resp.Status)
	}
	resp, err := get()
	if err != nil {
		t.Fatalf("getSeller after the drop = %v, want a response", err)
	}
	resp.Body.Close()
	reqs := s.Requests()
	if len(reqs) < 2 || reqs[len(reqs)-2].Status != 0 || reqs[len(reqs)-1].Status != 200 {
		t.Errorf("request log ends with %+v, want status 0 then 200", reqs[len(reqs)-2:])
	}
}

func TestMalformBodies(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{})
	c := apiClient(t, s)
	ctx := context.Background()
	remove := mustInject(t)(s.MalformBodies(Scope{Operation: "getSeller"}))
	for range 2 {
		r, err := c.GetSellerWithResponse(ctx)
		if err == nil {
			t.Fatalf("GetSeller with a malformed body = %d %s, want a decoding error", r.StatusCode(), r.Body)
		}
	}
	if r, err := c.GetOrderCountersWithResponse(ctx); err != nil || r.JSON200 == nil {
		t.Errorf("GetOrderCounters during a getSeller fault = %v, want a decoded body", err)
	}
	remove()
	if r, err := c.GetSellerWithResponse(ctx); err != nil || r.JSON200 == nil || r.JSON200.Name == "" {
		t.Errorf("GetSeller after removal = %v, want the seller", err)
	}

	mustInject(t)(s.MalformBodies(Scope{Operation: TokenOperation, Count: 1}))
	resp, body := tokenRequest(t, s, s.ClientID, s.ClientSecret, url.Values{"grant_type": {"client_credentials"}})
	if json.Valid(body) || resp.StatusCode != 200 {
		t.Errorf("token with a malformed body = %d %s, want 200 with broken JSON", resp.StatusCode, body)
	}
}
