package sellercentertest

import (
	"testing"

	"github.com/sellercenter-go/sellercenter/gen"
)

func TestSeedOrders(t *testing.T) {
	t.Parallel()
	s, err := NewServer(Config{RequestLogSize: NoRequestLog})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, n := range []int{-1, MaxSeedOrders + 1} {
		if _, _, err := s.SeedOrders(n); err == nil {
			t.Errorf("SeedOrders(%d) = nil error, want one", n)
		}
	}
	if first, last, err := s.SeedOrders(0); first != 0 || last != 0 || err != nil {
		t.Errorf("SeedOrders(0) = %d, %d, %v; want 0, 0, nil", first, last, err)
	}
	first, last, err := s.SeedOrders(4)
	if err != nil || last-first != 3 {
		t.Fatalf("SeedOrders(4) = %d, %d, %v; want four ids", first, last, err)
	}
	for id := first; id <= last; id++ {
		o, err := s.Order(id)
		if err != nil {
			t.Fatal(err)
		}
		if want := (id-first)%3 + 1; len(o.Items) != want {
			t.Errorf("order %d has %d items, want %d", id, len(o.Items), want)
		}
		for _, it := range o.Items {
			if it.Status != gen.OrderItemStatusPending || it.Product.SellerSku == "" {
				t.Errorf("order %d item %d = %s %q, want a pending item of a seeded product", id, it.Id, it.Status, it.Product.SellerSku)
			}
		}
	}
	if _, _, err := s.SeedOrders(1); err != nil {
		t.Errorf("a second SeedOrders: %v", err)
	}
}

func TestSeedProducts(t *testing.T) {
	t.Parallel()
	for _, empty := range []bool{false, true} {
		s, err := NewServer(Config{Empty: empty, RequestLogSize: NoRequestLog})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, _, err := s.SeedProducts(-1); err == nil {
			t.Error("SeedProducts(-1) = nil error, want one")
		}
		for range 2 { // a second call finds free seller SKUs
			first, last, err := s.SeedProducts(3)
			if err != nil || last-first != 2 {
				t.Fatalf("SeedProducts(3) (Empty %v) = %d, %d, %v; want three sets", empty, first, last, err)
			}
			ps, err := s.Products(last)
			if err != nil || len(ps) != 1 || ps[0].ShopSku == nil {
				t.Errorf("Products(%d) = %+v, %v; want one live product", last, ps, err)
			}
		}
	}
}
