package sellercentertest

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/sellercenter-go/sellercenter/gen"
)

func newStateServer(t *testing.T, state []byte) *Server {
	t.Helper()
	cfg := Config{RequestLogSize: NoRequestLog}
	if state != nil {
		cfg.State = bytes.NewReader(state)
	}
	s, err := NewServer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

func saved(t *testing.T, s *Server) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := s.SaveState(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestStateRoundTrip changes orders, stock and manifests, saves, restores
// into a new server and compares what the API would show.
func TestStateRoundTrip(t *testing.T) {
	t.Parallel()
	a := newStateServer(t, nil)
	if err := a.SetItemStatus(5003, gen.OrderItemStatusReadyToShip); err != nil {
		t.Fatal(err)
	}
	added, err := a.AddOrder(gen.Order{Items: []gen.OrderItem{{}, {}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.SeedOrders(3); err != nil {
		t.Fatal(err)
	}
	p, err := a.ProductBySellerSku("BTK-KWG-BL-M")
	if err != nil {
		t.Fatal(err)
	}
	if err := a.SetStock(p.Id, 77); err != nil {
		t.Fatal(err)
	}
	b := newStateServer(t, saved(t, a))

	wantOrders, _ := a.Orders()
	gotOrders, err := b.Orders()
	if err != nil || !sameJSON(gotOrders, wantOrders) {
		t.Errorf("restored orders differ (%v): %d orders, want %d", err, len(gotOrders), len(wantOrders))
	}
	for _, id := range []int{1002, added.Id} {
		wh, _ := a.History(id)
		gh, err := b.History(id)
		if err != nil || !sameJSON(gh, wh) {
			t.Errorf("history of %d = %v, %v; want %v", id, gh, err, wh)
		}
	}
	if ws, gs := mustStock(t, a, p.Id), mustStock(t, b, p.Id); !sameJSON(gs, ws) || gs.Warehouses[0].Stock != 77 {
		t.Errorf("restored stock = %+v, want %+v with 77", gs, ws)
	}
	if !sameJSON(b.Manifests(), a.Manifests()) {
		t.Errorf("restored manifests = %v, want %v", b.Manifests(), a.Manifests())
	}
	// New ids continue after the restored ones.
	next, err := b.AddOrder(gen.Order{Items: []gen.OrderItem{{}}})
	if err != nil || next.Id <= wantOrders[len(wantOrders)-1].Id {
		t.Errorf("order added after restore = %d, %v; want an id after %d", next.Id, err, wantOrders[len(wantOrders)-1].Id)
	}
	if again := saved(t, newStateServer(t, saved(t, a))); !bytes.Equal(stripSavedAt(t, again), stripSavedAt(t, saved(t, a))) {
		t.Error("saving a restored state does not give the same file")
	}
}

// sameJSON compares values as the API shows them: a time read back from
// JSON has another *time.Location, which reflect.DeepEqual would see.
func sameJSON(a, b any) bool {
	x, errX := json.Marshal(a)
	y, errY := json.Marshal(b)
	return errX == nil && errY == nil && bytes.Equal(x, y)
}

func mustStock(t *testing.T, s *Server, id int) gen.StockLevel {
	t.Helper()
	st, err := s.Stock(id)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func stripSavedAt(t *testing.T, b []byte) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "savedAt")
	out, _ := json.Marshal(m)
	return out
}

func TestStateRefused(t *testing.T) {
	t.Parallel()
	good := saved(t, newStateServer(t, nil))
	edit := func(f func(m map[string]any)) string {
		var m map[string]any
		if err := json.Unmarshal(good, &m); err != nil {
			t.Fatal(err)
		}
		f(m)
		b, _ := json.Marshal(m)
		return string(b)
	}
	tests := []struct {
		name, state, want string
	}{
		{"empty", "", "not a state file"},
		{"garbage", "{not json", "not a state file"},
		{"foreign JSON", `{"orders": []}`, `format ""`},
		{"other version", edit(func(m map[string]any) { m["version"] = 2 }), "version 2; this build reads version 1"},
		{"item of no order", edit(func(m map[string]any) { m["orders"] = []any{} }), "which the state does not have"},
		{"unknown product", edit(func(m map[string]any) {
			m["products"] = []any{map[string]any{"id": 999999, "stock": nil, "prices": nil}}
		}), "product 999999"},
		{"bad status", strings.Replace(string(good), `"status": "pending"`, `"status": "lost"`, 1), `unknown status "lost"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := NewServer(Config{State: strings.NewReader(tt.state)})
			if !errors.Is(err, ErrState) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("NewServer = %v, want ErrState saying %q", err, tt.want)
			}
		})
	}
}

func TestStatePersists(t *testing.T) {
	t.Parallel()
	s := newStateServer(t, nil)
	known := map[string]bool{}
	for _, op := range s.Operations() {
		known[op] = true
	}
	for op := range statePersists {
		if !known[op] {
			t.Errorf("statePersists names %q, which is no operation", op)
		}
	}
	if !StatePersists("setOrderItemsShipped") || StatePersists("createProductSet") || StatePersists("listOrders") {
		t.Error("StatePersists is wrong about setOrderItemsShipped, createProductSet or listOrders")
	}
}
