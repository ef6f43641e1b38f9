package sellercenter_test

import (
	"context"
	"fmt"
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
