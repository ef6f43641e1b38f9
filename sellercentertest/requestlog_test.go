package sellercentertest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/sellercenter-go/sellercenter/internal/redact"
)

// serve logs one request for op directly, without HTTP, the way every
// handler does; the n-th request carries offset=n so the order shows.
func serve(s *Server, op string, n int) {
	r := httptest.NewRequest(http.MethodGet, fmt.Sprintf("/api/v2/orders?offset=%d", n), nil)
	s.begin(r, op).finish(http.StatusOK)
}

func TestRequestLogKeepsTheMostRecent(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		size        int // Config.RequestLogSize
		requests    int
		wantKept    int
		wantDropped int
	}{
		{"under the size", 5, 3, 3, 0},
		{"at the size", 3, 3, 3, 0},
		{"one over", 3, 4, 3, 1},
		{"wrapped more than once", 3, 3 + 7, 3, 7},
		{"size one", 1, 4, 1, 3},
		{"keep none", NoRequestLog, 4, 0, 4},
		{"default size", 0, DefaultRequestLogSize + 5, DefaultRequestLogSize, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var mu sync.Mutex
			seen := 0
			s := newServer(t, Config{Empty: true, RequestLogSize: tt.size, OnRequest: func(Request) {
				mu.Lock()
				defer mu.Unlock()
				seen++
			}})
			for i := range tt.requests {
				op := "listOrders"
				if i%2 == 1 {
					op = "getOrder"
				}
				serve(s, op, i)
			}
			reqs := s.Requests()
			if len(reqs) != tt.wantKept || s.DroppedRequests() != tt.wantDropped {
				t.Fatalf("after %d requests: Requests() has %d, DroppedRequests() = %d; want %d and %d",
					tt.requests, len(reqs), s.DroppedRequests(), tt.wantKept, tt.wantDropped)
			}
			for i, r := range reqs {
				if want := fmt.Sprint(tt.wantDropped + i); r.Query.Get("offset") != want {
					t.Errorf("Requests()[%d] has offset %s, want %s: the newest %d, oldest first", i, r.Query.Get("offset"), want, tt.wantKept)
				}
			}
			if got, want := s.Count("listOrders")+s.Count("getOrder"), tt.requests; got != want || s.Count("getOrder") != tt.requests/2 {
				t.Errorf("Count = listOrders %d getOrder %d, want %d in all, %d getOrder", s.Count("listOrders"), s.Count("getOrder"), want, tt.requests/2)
			}
			mu.Lock()
			defer mu.Unlock()
			if seen != tt.requests {
				t.Errorf("OnRequest saw %d requests, want all %d", seen, tt.requests)
			}
		})
	}
}

func TestRequestLogSizeConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		size    int
		wantErr bool
	}{
		{0, false},
		{1, false},
		{NoRequestLog, false},
		{-2, true},
		{-10_000, true},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.size), func(t *testing.T) {
			t.Parallel()
			s, err := NewServer(Config{Empty: true, RequestLogSize: tt.size})
			if err == nil {
				s.Close()
			}
			if (err != nil) != tt.wantErr {
				t.Fatalf("NewServer(RequestLogSize %d) = %v, want error %v", tt.size, err, tt.wantErr)
			}
			if err != nil && (!strings.HasPrefix(err.Error(), "sellercentertest: ") || !strings.Contains(err.Error(), "RequestLogSize")) {
				t.Errorf("NewServer(RequestLogSize %d) = %q, want a sellercentertest error naming RequestLogSize", tt.size, err)
			}
		})
	}
}

func TestRequestLogRedactsQuery(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{Empty: true})
	tests := []struct {
		param  string
		redact bool
	}{
		{"client_secret", true},
		{"access_token", true},
		{"X-Api-Key", true},
		{"signature", true},
		{"Authorization", true},
		{"token_type", false},
		{"limit", false},
	}
	for _, tt := range tests {
		t.Run(tt.param, func(t *testing.T) {
			t.Parallel()
			r := httptest.NewRequest(http.MethodGet, "/api/v2/seller?"+tt.param+"=s3cr3t-value", nil)
			s.begin(r, "getSeller").finish(http.StatusUnauthorized)
			// The subtests share s; find this one's entry by its parameter.
			for _, e := range s.Requests() {
				got, ok := e.Query[tt.param]
				if !ok {
					continue
				}
				want := "s3cr3t-value"
				if tt.redact {
					want = redact.Mark
				}
				if len(got) != 1 || got[0] != want {
					t.Errorf("logged %s = %q, want [%s]", tt.param, got, want)
				}
				return
			}
			t.Errorf("no logged request has %s", tt.param)
		})
	}
}

// BenchmarkRequestLog serves 300,000 requests per iteration and reports the
// heap the server still holds halfway and at the end: with a bounded log
// the two are the same.
func BenchmarkRequestLog(b *testing.B) {
	const requests = 300_000
	r := httptest.NewRequest(http.MethodGet, "/api/v2/orders?limit=100&offset=0&status=pending&sortBy=created_at", nil)
	for _, bb := range []struct {
		name string
		size int
	}{
		{"default", 0},
		{"none", NoRequestLog},
	} {
		b.Run(bb.name, func(b *testing.B) {
			var half, full float64
			for b.Loop() {
				b.StopTimer()
				s, err := NewServer(Config{Empty: true, RequestLogSize: bb.size})
				if err != nil {
					b.Fatal(err)
				}
				base := liveHeap()
				b.StartTimer()
				for i := range requests {
					if i == requests/2 {
						b.StopTimer()
						half += float64(liveHeap() - base)
						b.StartTimer()
					}
					s.begin(r, "listOrders").finish(http.StatusOK)
				}
				b.StopTimer()
				full += float64(liveHeap() - base)
				runtime.KeepAlive(s)
				s.Close()
				b.StartTimer()
			}
			b.ReportMetric(half/float64(b.N), "retained-B@150k")
			b.ReportMetric(full/float64(b.N), "retained-B@300k")
		})
	}
}

// liveHeap returns the bytes of live heap objects after a full collection.
func liveHeap() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}
