package redislimit

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/sellercenter-go/sellercenter"
)

// testSeller is a seller name no other test uses.
func testSeller(t *testing.T) string {
	return strings.ReplaceAll(t.Name(), "/", "_")
}

func newLimiter(t *testing.T, cfg Config) *Limiter {
	t.Helper()
	l, err := New(cfg)
	if err != nil {
		t.Fatalf("New(%+v) = %v", cfg, err)
	}
	return l
}

func TestNewConfig(t *testing.T) {
	t.Parallel()
	c := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1"}) // never dialled
	t.Cleanup(func() { _ = c.Close() })
	tests := []struct {
		name string
		cfg  Config
		want string // "" for a valid config
	}{
		{"defaults", Config{Client: c, Seller: "4089"}, ""},
		{"all set", Config{Client: c, Seller: "4089", KeyPrefix: "x:", Rate: 10, Burst: 5}, ""},
		{"no client", Config{Seller: "4089"}, "Client is nil"},
		{"no seller", Config{Client: c, Seller: " "}, "Seller is empty"},
		{"negative rate", Config{Client: c, Seller: "s", Rate: -1}, "Rate -1"},
		{"NaN rate", Config{Client: c, Seller: "s", Rate: math.NaN()}, "Rate NaN"},
		{"infinite rate", Config{Client: c, Seller: "s", Rate: math.Inf(1)}, "Rate +Inf"},
		{"rate above a request a microsecond", Config{Client: c, Seller: "s", Rate: 1e7}, "Rate 1e+07"},
		{"rate below one in 11 days", Config{Client: c, Seller: "s", Rate: 1e-7}, "Rate 1e-07"},
		{"negative burst", Config{Client: c, Seller: "s", Burst: -1}, "Burst -1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l, err := New(tt.cfg)
			if tt.want == "" {
				if err != nil || l == nil {
					t.Fatalf("New = %v, %v; want a limiter", l, err)
				}
				return
			}
			if !errors.Is(err, ErrInvalidConfig) || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "redislimit: ") {
				t.Errorf("New = %v, want an ErrInvalidConfig naming %q", err, tt.want)
			}
		})
	}
	l := newLimiter(t, Config{Client: c, Seller: "4089"})
	if l.key != DefaultKeyPrefix+"4089" || l.interval != 33334 || l.tolerance != 0 {
		t.Errorf("defaults: key %q, interval %dµs, tolerance %dµs; want %q, 33334 (30/s, rounded up), 0", l.key, l.interval, l.tolerance, DefaultKeyPrefix+"4089")
	}
}

// TestReserveSharedAcrossClients takes 240 places of one seller's budget
// from 8 goroutines through 3 limiters on 3 Redis connections pools, as
// processes would: every place is distinct and one interval after the
// previous, on Redis's clock, however the calls interleave. A second seller
// has a budget of its own.
func TestReserveSharedAcrossClients(t *testing.T) {
	t.Parallel()
	seller := testSeller(t)
	var lims []*Limiter
	for range 3 {
		lims = append(lims, newLimiter(t, Config{Client: newRedisClient(t), Seller: seller}))
	}
	other := newLimiter(t, Config{Client: newRedisClient(t), Seller: seller + "-other"})
	const n, workers = 240, 8
	var mu sync.Mutex
	var slots []int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range n / workers {
				r, err := lims[(w+i)%len(lims)].reserve(t.Context(), -1)
				if err != nil || !r.reserved {
					t.Errorf("reserve = %+v, %v; want a place", r, err)
					return
				}
				mu.Lock()
				slots = append(slots, r.slot)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	slices.Sort(slots)
	if len(slots) != n {
		t.Fatalf("%d places, want %d", len(slots), n)
	}
	for i := 1; i < len(slots); i++ {
		if gap := slots[i] - slots[i-1]; gap != lims[0].interval {
			t.Fatalf("places %d and %d are %dµs apart, want exactly one interval, %dµs", i-1, i, gap, lims[0].interval)
		}
	}
	r, err := other.reserve(t.Context(), -1)
	if err != nil || !r.reserved || r.delay != 0 {
		t.Errorf("another seller's first reserve = %+v, %v; want a place at once", r, err)
	}
}

// TestReserveBurst checks Burst: that many requests start at once on a
// fresh budget, the next waits one interval.
func TestReserveBurst(t *testing.T) {
	t.Parallel()
	l := newLimiter(t, Config{Client: newRedisClient(t), Seller: testSeller(t), Rate: 1.0 / 3600, Burst: 3})
	for i := range 3 {
		if r, err := l.reserve(t.Context(), 0); err != nil || !r.reserved || r.delay != 0 {
			t.Fatalf("reserve %d of a burst of 3 = %+v, %v; want a place at once", i+1, r, err)
		}
	}
	r, err := l.reserve(t.Context(), 0)
	if err != nil || r.reserved || r.delay < 59*time.Minute || r.delay > time.Hour {
		t.Errorf("4th reserve, waiting at most 0 = %+v, %v; want refused with a delay of about an hour", r, err)
	}
}

// TestWaitCtx checks that Wait honours ctx: an ended ctx and a deadline
// before the next place fail at once and reserve nothing, a ctx that ends
// during the wait ends it.
func TestWaitCtx(t *testing.T) {
	t.Parallel()
	client := newRedisClient(t)
	// One request an hour: the second Wait would wait 59+ minutes.
	l := newLimiter(t, Config{Client: client, Seller: testSeller(t), Rate: 1.0 / 3600})
	if err := l.Wait(t.Context()); err != nil {
		t.Fatalf("first Wait = %v, want nil", err)
	}
	before, err := client.Get(t.Context(), l.key).Result()
	if err != nil {
		t.Fatal(err)
	}

	canceled, cancel := context.WithCancel(t.Context())
	cancel()
	soon, cancelSoon := context.WithTimeout(t.Context(), time.Minute)
	defer cancelSoon()
	tests := []struct {
		name string
		ctx  context.Context
		want error
	}{
		{"ended ctx", canceled, context.Canceled},
		{"deadline before the next place", soon, context.DeadlineExceeded},
	}
	for _, tt := range tests {
		start := time.Now()
		err := l.Wait(tt.ctx)
		if !errors.Is(err, tt.want) || !strings.HasPrefix(err.Error(), "redislimit: ") {
			t.Errorf("%s: Wait = %v, want a redislimit error matching %v", tt.name, err, tt.want)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s: Wait took %v, want an immediate answer", tt.name, d)
		}
	}
	if after, err := client.Get(t.Context(), l.key).Result(); err != nil || after != before {
		t.Errorf("budget after the refused Waits = %q, %v; want it unchanged, %q", after, err, before)
	}

	// Without a deadline the wait is reserved, and canceling ctx ends it.
	ctx, cancelWait := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- l.Wait(ctx) }()
	cancelWait()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Wait canceled while waiting = %v, want context.Canceled", err)
	}
}

// TestWaitUnavailable points the limiter at a port where no Redis listens:
// Wait fails closed with ErrUnavailable, or waits on the Fallback.
func TestWaitUnavailable(t *testing.T) {
	t.Parallel()
	addr := closedAddr(t)
	client := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1, DialTimeout: time.Second})
	t.Cleanup(func() { _ = client.Close() })

	l := newLimiter(t, Config{Client: client, Seller: "4089"})
	err := l.Wait(t.Context())
	if !errors.Is(err, ErrUnavailable) || !strings.HasPrefix(err.Error(), "redislimit: Redis unavailable: ") ||
		strings.Count(err.Error(), "redislimit: ") != 1 || !strings.Contains(err.Error(), addr) {
		t.Errorf("Wait with Redis down = %v, want ErrUnavailable naming %s", err, addr)
	}

	fallback := &countingLimiter{}
	l = newLimiter(t, Config{Client: client, Seller: "4089", Fallback: fallback})
	if err := l.Wait(t.Context()); err != nil || fallback.waits.Load() != 1 {
		t.Errorf("Wait with Redis down and a Fallback = %v after %d fallback waits, want nil after 1", err, fallback.waits.Load())
	}
}

// TestWaitScriptRefused puts a value of another type under the seller's
// key: Redis refuses the script, and Wait says so.
func TestWaitScriptRefused(t *testing.T) {
	t.Parallel()
	client := newRedisClient(t)
	l := newLimiter(t, Config{Client: client, Seller: testSeller(t)})
	if err := client.RPush(t.Context(), l.key, "x").Err(); err != nil {
		t.Fatal(err)
	}
	if err := l.Wait(t.Context()); !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), l.key) {
		t.Errorf("Wait on a key holding a list = %v, want ErrUnavailable naming the key", err)
	}
}

// TestClientUsesLimiter gives a budget of 5 requests an hour to a
// sellercenter client: 5 calls go, the 6th waits for the budget, so with a
// deadline it fails unsent.
func TestClientUsesLimiter(t *testing.T) {
	t.Parallel()
	mock := newMock(t, 0)
	l := newLimiter(t, Config{Client: newRedisClient(t), Seller: testSeller(t), Rate: 1.0 / 3600, Burst: 5})
	c := newClient(t, mock, l)
	for i := range 5 {
		if _, err := sellercenter.Result(c.GetSellerWithResponse(t.Context())); err != nil {
			t.Fatalf("GetSeller %d = %v", i+1, err)
		}
	}
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	_, err := sellercenter.Result(c.GetSellerWithResponse(ctx))
	if !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, sellercenter.ErrNotApplied) {
		t.Errorf("6th GetSeller = %v, want context.DeadlineExceeded and ErrNotApplied", err)
	}
	if got := mock.Count("getSeller"); got != 5 {
		t.Errorf("mock.Count(getSeller) = %d, want 5", got)
	}
}

type countingLimiter struct{ waits atomic.Int64 }

func (c *countingLimiter) Wait(context.Context) error { c.waits.Add(1); return nil }
