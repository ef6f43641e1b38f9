package sellercentertest

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter/gen"
)

// BenchmarkNewServer measures starting and closing a seeded server, which
// every test of a client pays at least once.
func BenchmarkNewServer(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		s, err := NewServer(Config{})
		if err != nil {
			b.Fatalf("NewServer(Config{}) = %v, want a server", err)
		}
		s.Close()
	}
}

func TestUUIDMatchesFormat(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ kind, n int }{
		{0, 0}, {1, 1}, {11, 4095}, {4, 65535}, {7, 1 << 20}, {0xfff, 1<<40 + 12345}, {0x1234, 7},
	} {
		t.Run(fmt.Sprintf("kind%d_n%d", tc.kind, tc.n), func(t *testing.T) {
			t.Parallel()
			st := &store{nextUUID: tc.n}
			want := fmt.Sprintf("%08x-%04x-4%03x-8%03x-%012x", 0x5e11e0c0+tc.kind, tc.n>>16&0xffff, tc.n>>4&0xfff, tc.kind&0xfff, tc.n)
			if got := st.uuid(tc.kind); got != want {
				t.Errorf("uuid(%d) at %d = %q, want %q", tc.kind, tc.n, got, want)
			}
		})
	}
}

// The operation table is built once and shared; each server's state is its
// own. A write to one server must not show in another, nor in one started
// after it.
func TestServersShareNoState(t *testing.T) {
	t.Parallel()
	a := newServer(t, Config{})
	b := newServer(t, Config{})
	ctx := context.Background()

	ops := a.Operations()
	ops[0] = "changed"
	if got := b.Operations()[0]; got == "changed" {
		t.Fatalf("Operations()[0] of b = %q after a's slice changed, want its own copy", got)
	}

	item := a.ItemIDs(gen.OrderItemStatusPending)[0]
	if err := a.SetItemStatus(item, gen.OrderItemStatusCanceled); err != nil {
		t.Fatal(err)
	}
	if _, err := a.AddOrder(gen.Order{Items: []gen.OrderItem{{}}}); err != nil {
		t.Fatal(err)
	}
	if err := a.SetStock(51001, 99); err != nil {
		t.Fatal(err)
	}
	ca := apiClient(t, a)
	if r, err := ca.UpdateProductPriceWithResponse(ctx, 51001, "MY", gen.UpdateProductPriceJSONRequestBody{Price: ptr(150.0)}); err != nil || r.JSON200 == nil {
		t.Fatalf("updateProductPrice(51001, MY) on a = %v %s, want 200", err, r.Body)
	}
	if r, err := ca.UpdateProductSetWithResponse(ctx, 7101, gen.UpdateProductSetJSONRequestBody{Name: ptr("Renamed")}); err != nil || r.StatusCode() >= 300 {
		t.Fatalf("updateProductSet(7101) on a = %v %s, want a success", err, r.Body)
	}

	c := newServer(t, Config{}) // started after a changed
	for name, s := range map[string]*Server{"b": b, "c": c} {
		if it, err := s.OrderItem(item); err != nil || it.Status != gen.OrderItemStatusPending {
			t.Errorf("OrderItem(%d).status on %s = %s, %v; want pending", item, name, it.Status, err)
		}
		if orders, err := s.Orders(); err != nil || len(orders) != 30 {
			t.Errorf("Orders() on %s = %d orders, %v; want the 30 seeded", name, len(orders), err)
		}
		if st, err := s.Stock(51001); err != nil || st.Quantity != 12 {
			t.Errorf("Stock(51001).quantity on %s = %d, %v; want 12", name, st.Quantity, err)
		}
		if p, err := s.Price(51001, "MY"); err != nil || p.Price != 129.90 || p.SalePrice == nil {
			t.Errorf("Price(51001, MY) on %s = %v (sale %v), %v; want 129.90 with the seeded sale", name, p.Price, p.SalePrice, err)
		}
		if ps, err := s.ProductSet(7101); err != nil || ps.Name != "Batik Shirt Kawung Blue" {
			t.Errorf("ProductSet(7101).name on %s = %q, %v; want the seeded name", name, ps.Name, err)
		}
	}
}

// A dropped request is in the log by the time the client sees the error,
// so a test may check Count right after it.
func TestDroppedRequestIsLoggedBeforeTheClientSeesIt(t *testing.T) {
	t.Parallel()
	const rounds = 20
	for _, tc := range []struct {
		name, op, path string
	}{
		{"api", "createProductSet", "/v2/product-set"},
		{"token", TokenOperation, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var mu sync.Mutex
			logged := 0
			s := newServer(t, Config{OnRequest: func(Request) {
				mu.Lock()
				defer mu.Unlock()
				logged++
			}})
			mustInject(t)(s.DropConnections(Scope{Operation: tc.op}))
			url := s.URL + tc.path
			if tc.op == TokenOperation {
				url = s.TokenURL
			}
			client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
			for i := 1; i <= rounds; i++ {
				// A POST, which the transport does not retry.
				resp, err := client.Post(url, "application/json", strings.NewReader("{}"))
				if err == nil {
					resp.Body.Close()
					t.Fatalf("POST %s with a dropped connection = %s, want an error", url, resp.Status)
				}
				if got := s.Count(tc.op); got != i {
					t.Fatalf("Count(%q) right after drop %d = %d, want %d", tc.op, i, got, i)
				}
				reqs := s.Requests()
				if last := reqs[len(reqs)-1]; last.Operation != tc.op || last.Status != 0 {
					t.Fatalf("last request after drop %d = %+v, want %s with status 0", i, last, tc.op)
				}
			}
			mu.Lock()
			defer mu.Unlock()
			if logged != rounds {
				t.Errorf("OnRequest calls = %d, want %d, one per request", logged, rounds)
			}
		})
	}
}

// Seeded sales ended long before the real clock's now. A write that keeps
// such a sale (a row with just a Price) goes through; only a sale end the
// write sets must lie in the future.
func TestEndedSaleDoesNotBlockWrites(t *testing.T) {
	t.Parallel()
	s := newServer(t, Config{}) // the real clock: the seeded sale has ended
	c := apiClient(t, s)
	ctx := context.Background()
	before, err := s.Price(51002, "MY")
	if err != nil || before.SaleEndDate == nil || before.SaleEndDate.After(time.Now()) {
		t.Fatalf("Price(51002, MY) = %+v, %v; want a seeded sale that has ended", before, err)
	}

	for _, tc := range []struct {
		name, file string
		want       gen.FeedState
		wantField  string
	}{
		{"price only keeps the ended sale", "SellerSku,Price\nBTK-KWG-BL-M,135\n", gen.FeedStateFinished, ""},
		{"sale end in the past", "SellerSku,SaleEndDate\nBTK-KWG-BL-M,2020-01-01 00:00:00\n", gen.FeedStateError, "saleEndDate"},
	} {
		status, ok, bad := upload(t, c, c.ImportProductUpdatesWithBody, "prices.csv", []byte(tc.file))
		if status != http.StatusCreated || ok.FeedUuid == "" {
			t.Fatalf("%s: importProductUpdates = %d %+v, want 201", tc.name, status, bad)
		}
		rep := pollFeed(t, c, ok.FeedUuid)
		got := errorsBySku(rep)
		if rep.Status != tc.want || got["BTK-KWG-BL-M"].field != tc.wantField {
			t.Errorf("%s: feed = %s with errors %v, want %s with an error on %q", tc.name, rep.Status, got, tc.want, tc.wantField)
		}
	}
	after, err := s.Price(51002, "MY")
	if err != nil || after.Price != 135 || deref(after.SalePrice) != deref(before.SalePrice) || after.SaleEndDate == nil || !after.SaleEndDate.Equal(before.SaleEndDate.Time) {
		t.Errorf("Price(51002, MY) after the imports = %+v, %v; want price 135 keeping the sale %+v", after, err, before)
	}

	past := gen.UpdateProductPriceJSONRequestBody{Price: ptr(140.0), SalePrice: ptr(100.0), SaleEndDate: ptr(dt(time.Now().Add(-time.Hour)))}
	if r, err := c.UpdateProductPriceWithResponse(ctx, 51002, "MY", past); err != nil || r.StatusCode() != http.StatusUnprocessableEntity {
		t.Errorf("updateProductPrice with a past saleEndDate = %d %s, %v; want 422", r.StatusCode(), r.Body, err)
	}
}
