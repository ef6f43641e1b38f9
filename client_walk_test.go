package sellercenter_test

import (
	"context"
	"fmt"
	"iter"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// sleepGate is an injected Sleep for the mock's latency: it holds every
// request back until want of them are waiting together, then lets all
// through, and records the most that waited at once. A walk that did not
// fetch ahead would never fill it, and the test's ctx would end it.
type sleepGate struct {
	want int
	mu   sync.Mutex
	now  int // waiting
	peak int
	open chan struct{}
}

func (g *sleepGate) sleep(ctx context.Context, _ time.Duration) error {
	g.mu.Lock()
	g.now++
	g.peak = max(g.peak, g.now)
	if g.now == g.want {
		close(g.open)
	}
	g.mu.Unlock()
	defer func() {
		g.mu.Lock()
		g.now--
		g.mu.Unlock()
	}()
	select {
	case <-g.open:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// TestContractWalkFetchesAhead walks the mock's order items (a totalCount
// list) and orders (hasNext) with latency on every page: the pages after
// the first are on the wire together, never more than the window, and the
// items come in API order, each once.
func TestContractWalkFetchesAhead(t *testing.T) {
	t.Parallel()
	const window, orders, limit = 4, 30, 3 // 10 pages
	for _, op := range []string{"listOrderItems", "listOrders"} {
		t.Run(op, func(t *testing.T) {
			t.Parallel()
			// The first page comes alone; the gate opens once the next
			// window pages wait together.
			gate := &sleepGate{want: window, open: make(chan struct{})}
			first := true
			var mu sync.Mutex
			mock := newContractMock(t, sellercentertest.Config{Empty: true, Sleep: func(ctx context.Context, d time.Duration) error {
				mu.Lock()
				alone := first
				first = false
				mu.Unlock()
				if alone {
					return nil
				}
				return gate.sleep(ctx, d)
			}})
			var want []int
			for range orders {
				o := addContractOrder(t, mock, gen.ItemShipmentTypeDropshipping, gen.OrderItemStatusPending)
				if op == "listOrders" {
					want = append(want, o.Id)
				} else {
					want = append(want, itemIDsOf(o)...)
				}
			}
			if _, err := mock.AddLatency(sellercentertest.Scope{Operation: op}, 300*time.Millisecond); err != nil {
				t.Fatal(err)
			}
			c := newContractClient(t, mock, func(cfg *sellercenter.Config) { cfg.PageWindow = window })
			ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second) // a bound for a broken walk, never waited out
			defer cancel()
			var got []int
			if op == "listOrders" {
				got = walkIDs(t, "Orders", c.Orders(ctx, gen.ListOrdersParams{Limit: limit}), func(o gen.Order) int { return o.Id })
			} else {
				got = walkIDs(t, "OrderItems", c.OrderItems(ctx, gen.ListOrderItemsParams{Limit: limit}), func(it gen.OrderItem) int { return it.Id })
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("walk over %s = %v, want %v: in API order, each once", op, got, want)
			}
			// Requests asked for ahead and cancelled may still be at the
			// gate, so peak is read under its lock.
			gate.mu.Lock()
			peak := gate.peak
			gate.mu.Unlock()
			if peak != window {
				t.Errorf("requests waiting at the mock together = %d, want the window, %d", peak, window)
			}
		})
	}
}

// queueLimiter lets every call through, after giving the others a chance
// to queue up behind it, and records the most calls waiting at once.
type queueLimiter struct {
	mu            sync.Mutex
	waiting, peak int
}

func (l *queueLimiter) Wait(ctx context.Context) error {
	l.mu.Lock()
	l.waiting++
	l.peak = max(l.peak, l.waiting)
	l.mu.Unlock()
	for range 50 {
		runtime.Gosched()
	}
	l.mu.Lock()
	l.waiting--
	l.mu.Unlock()
	return ctx.Err()
}

// TestContractWalkPagesQueueInOrder walks the mock's orders (a hasNext
// list, so up to the window is asked for at once) and order items (a
// totalCount list): a page waits for the limiter only once the page before
// it has passed, so the pages spend the budget in API order, and those
// asked for ahead wait outside the limiter, where a walk that ends
// cancels them for nothing.
func TestContractWalkPagesQueueInOrder(t *testing.T) {
	t.Parallel()
	const orders, limit = 40, 2 // 20 pages, over a window of 16
	for _, op := range []string{"listOrders", "listOrderItems"} {
		t.Run(op, func(t *testing.T) {
			t.Parallel()
			// queueLimiter paces nothing, so the mock's limit is off.
			mock := newContractMock(t, sellercentertest.Config{Empty: true, RateLimit: sellercentertest.NoRateLimit})
			for range orders {
				addContractOrder(t, mock, gen.ItemShipmentTypeDropshipping, gen.OrderItemStatusPending)
			}
			lim := &queueLimiter{}
			c := newContractClient(t, mock, func(cfg *sellercenter.Config) { cfg.Limiter = lim })
			n := 0
			var err error
			if op == "listOrders" {
				n, err = count(c.Orders(t.Context(), gen.ListOrdersParams{Limit: limit}))
			} else {
				n, err = count(c.OrderItems(t.Context(), gen.ListOrderItemsParams{Limit: limit}))
			}
			if err != nil || n != orders {
				t.Fatalf("walk over %s = %d items, %v; want %d, nil", op, n, err, orders)
			}
			lim.mu.Lock()
			defer lim.mu.Unlock()
			if lim.peak != 1 {
				t.Errorf("calls waiting for the limiter at once = %d, want 1: each page after the one before", lim.peak)
			}
		})
	}
}

// count counts the items of a walk, up to its first error.
func count[T any](seq iter.Seq2[T, error]) (int, error) {
	n := 0
	for _, err := range seq {
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
