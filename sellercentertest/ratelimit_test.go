package sellercentertest

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter/gen"
)

// TestRateLimitBurst sends bursts at a clock that does not move: the bucket
// lets RateLimit requests through, refuses the rest with the API's 429, and
// refills as the clock advances.
func TestRateLimitBurst(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		limit  int // Config.RateLimit
		allows int // requests of the burst answered 200
	}{
		{"default", 0, DefaultRateLimit},
		{"configured", 5, 5},
		{"one a second", 1, 1},
		{"off", NoRateLimit, 40},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := newClock()
			s := newServer(t, Config{Now: clock.Now, RateLimit: tt.limit})
			tok := token(t, s)
			const burst = 40
			var ok, refused int
			for i := range burst {
				status, header, body := call(t, s, tok, http.MethodGet, "/v2/seller", "", "")
				switch status {
				case http.StatusOK:
					ok++
					if refused > 0 {
						t.Errorf("request %d = 200 after a 429 on a clock that did not move", i+1)
					}
				case http.StatusTooManyRequests:
					refused++
					if got := header.Get("Retry-After"); got != "1" {
						t.Errorf("Retry-After = %q, want \"1\" (a request's worth of refill, rounded up to whole seconds)", got)
					}
					p := decode[gen.Problem](t, body)
					limit := tt.limit
					if limit == 0 {
						limit = DefaultRateLimit
					}
					want := gen.Problem{Title: "Too Many Requests", Status: 429, Detail: "Rate limit of " + strconv.Itoa(limit) + " requests per second exceeded."}
					if p != want {
						t.Errorf("429 body = %+v, want the API's %+v", p, want)
					}
					if ct := header.Get("Content-Type"); ct != "application/json" {
						t.Errorf("429 Content-Type = %q, want application/json", ct)
					}
				default:
					t.Fatalf("GET /v2/seller = %d %s, want 200 or 429", status, body)
				}
			}
			if ok != tt.allows || refused != burst-tt.allows {
				t.Errorf("burst of %d: %d answered, %d refused; want %d and %d", burst, ok, refused, tt.allows, burst-tt.allows)
			}
			if got := s.Throttled(); got != refused {
				t.Errorf("Throttled() = %d, want %d", got, refused)
			}
			if got := s.Count("getSeller"); got != burst {
				t.Errorf("Count(getSeller) = %d, want every request of the burst, %d", got, burst)
			}
			var logged429 int
			for _, r := range s.Requests() {
				if r.Operation == "getSeller" && r.Status == http.StatusTooManyRequests {
					logged429++
				}
			}
			if logged429 != refused {
				t.Errorf("Requests() holds %d getSeller 429s, want %d", logged429, refused)
			}
			if tt.limit == NoRateLimit {
				return
			}

			// One request's worth of refill lets exactly one more through.
			clock.Advance(time.Second / time.Duration(tt.allows))
			if status, _, body := call(t, s, tok, http.MethodGet, "/v2/seller", "", ""); status != http.StatusOK {
				t.Errorf("GET /v2/seller after 1/%d s = %d %s, want 200", tt.allows, status, body)
			}
			if status, _, _ := call(t, s, tok, http.MethodGet, "/v2/seller", "", ""); status != http.StatusTooManyRequests {
				t.Errorf("the next GET /v2/seller = %d, want 429", status)
			}
			// A full second refills the bucket, and no more: idle time does
			// not bank a bigger burst.
			clock.Advance(10 * time.Minute)
			for i := range tt.allows {
				if status, _, body := call(t, s, tok, http.MethodGet, "/v2/seller", "", ""); status != http.StatusOK {
					t.Fatalf("request %d after ten idle minutes = %d %s, want 200", i+1, status, body)
				}
			}
			if status, _, _ := call(t, s, tok, http.MethodGet, "/v2/seller", "", ""); status != http.StatusTooManyRequests {
				t.Errorf("request %d after ten idle minutes = %d, want 429: the bucket holds %d", tt.allows+1, status, tt.allows)
			}
		})
	}
}

// TestRateLimitScope checks what draws from a seller's bucket: each seller
// has its own, the token endpoint and requests without a valid token draw
// from none of them, and a throttled request uses up no injected fault.
func TestRateLimitScope(t *testing.T) {
	t.Parallel()
	clock := newClock()
	s := newServer(t, Config{Now: clock.Now, RateLimit: 2})
	home := token(t, s)
	if status, _, body := call(t, s, home, http.MethodPost, "/v2/sellers/4090/switch", "", ""); status != http.StatusOK {
		t.Fatalf("POST /v2/sellers/4090/switch = %d %s, want 200", status, body)
	}
	other := token(t, s) // acts for seller 4090
	get := func(tok string) int {
		status, _, _ := call(t, s, tok, http.MethodGet, "/v2/seller", "", "")
		return status
	}
	// The switch took one of the home seller's two requests.
	if got := get(home); got != http.StatusOK {
		t.Errorf("home seller's second request = %d, want 200", got)
	}
	if got := get(home); got != http.StatusTooManyRequests {
		t.Errorf("home seller's third request = %d, want 429", got)
	}
	for i := range 2 {
		if got := get(other); got != http.StatusOK {
			t.Errorf("other seller's request %d = %d, want 200 from a bucket of its own", i+1, got)
		}
	}
	if got := get(other); got != http.StatusTooManyRequests {
		t.Errorf("other seller's third request = %d, want 429", got)
	}
	for range 5 {
		if tok := token(t, s); tok == "" {
			t.Fatal("the token endpoint refused a token while the sellers are throttled")
		}
	}
	if status, _, body := call(t, s, "", http.MethodGet, "/v2/health", "", ""); status != http.StatusOK {
		t.Errorf("GET /v2/health without a token = %d %s, want 200 from the bucket of requests without a token", status, body)
	}

	remove, err := s.Fail(Scope{Operation: "getSeller", Count: 1}, http.StatusInternalServerError, "")
	if err != nil {
		t.Fatal(err)
	}
	defer remove()
	if got := get(home); got != http.StatusTooManyRequests {
		t.Errorf("throttled request with a fault waiting = %d, want 429", got)
	}
	clock.Advance(time.Second)
	if got := get(home); got != http.StatusInternalServerError {
		t.Errorf("first request after the refill = %d, want the injected 500 that the 429 left unused", got)
	}
	if got := s.Throttled(); got != 3 {
		t.Errorf("Throttled() = %d, want 3", got)
	}
}

func TestRateLimitConfig(t *testing.T) {
	t.Parallel()
	for _, n := range []int{-2, -30, 1e9 + 1} {
		s, err := NewServer(Config{Empty: true, RateLimit: n})
		if err == nil {
			s.Close()
			t.Errorf("NewServer(RateLimit %d) = nil error, want one", n)
			continue
		}
		if !strings.HasPrefix(err.Error(), "sellercentertest: ") || !strings.Contains(err.Error(), "RateLimit") {
			t.Errorf("NewServer(RateLimit %d) = %q, want a sellercentertest error naming RateLimit", n, err)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		wait time.Duration
		want string
	}{
		{0, "1"}, {time.Millisecond, "1"}, {time.Second, "1"}, {time.Second + 1, "2"}, {2500 * time.Millisecond, "3"},
	} {
		if got := retryAfter(tt.wait); got != tt.want {
			t.Errorf("retryAfter(%v) = %q, want %q", tt.wait, got, tt.want)
		}
	}
}
