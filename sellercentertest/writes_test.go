package sellercentertest

import (
	"context"
	"testing"

	"github.com/sellercenter-go/sellercenter/gen"
)

func TestDuplicateWrites(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	price := func(v float64) *float64 { return &v }
	tests := []struct {
		name   string
		writes func(c *gen.ClientWithResponses, set int) error
		want   int
	}{
		{"one stock write", func(c *gen.ClientWithResponses, _ int) error {
			_, err := c.UpdateProductStockWithResponse(ctx, []gen.ProductStock{{ProductId: 51002, Quantity: 30}})
			return err
		}, 0},
		{"the same stock twice", func(c *gen.ClientWithResponses, _ int) error {
			for range 2 {
				if _, err := c.UpdateProductStockWithResponse(ctx, []gen.ProductStock{{ProductId: 51002, Quantity: 30}, {ProductId: 51003, Quantity: 1}}); err != nil {
					return err
				}
			}
			return nil
		}, 2},
		{"a new quantity is no duplicate", func(c *gen.ClientWithResponses, _ int) error {
			for q := range 3 {
				if _, err := c.UpdateProductStockWithResponse(ctx, []gen.ProductStock{{ProductId: 51002, Quantity: q}}); err != nil {
					return err
				}
			}
			return nil
		}, 0},
		{"skipped rows are no writes", func(c *gen.ClientWithResponses, _ int) error {
			for range 2 {
				if _, err := c.UpdateProductStockWithResponse(ctx, []gen.ProductStock{{ProductId: 99999, Quantity: 1}}); err != nil {
					return err
				}
			}
			return nil
		}, 0},
		{"the same price twice", func(c *gen.ClientWithResponses, _ int) error {
			for range 2 {
				if _, err := c.UpdateProductPriceWithResponse(ctx, 51001, "MY", gen.PriceUpdate{Price: price(99.5)}); err != nil {
					return err
				}
			}
			return nil
		}, 1},
		{"a price in another country is no duplicate", func(c *gen.ClientWithResponses, _ int) error {
			for _, cc := range []string{"MY", "SG"} {
				if _, err := c.UpdateProductPriceWithResponse(ctx, 51001, cc, gen.PriceUpdate{Price: price(99.5)}); err != nil {
					return err
				}
			}
			return nil
		}, 0},
		{"a set's price after the same single price", func(c *gen.ClientWithResponses, set int) error {
			if _, err := c.UpdateProductPriceWithResponse(ctx, 51001, "MY", gen.PriceUpdate{Price: price(99.5)}); err != nil {
				return err
			}
			r, err := c.UpdateProductSetPricesWithResponse(ctx, set, []gen.ProductPriceUpdate{{ProductId: 51001, Country: "MY", Price: price(99.5)}})
			if err == nil && r.StatusCode() != 200 {
				t.Fatalf("updateProductSetPrices = %d %s", r.StatusCode(), r.Body)
			}
			return err
		}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := newServer(t, Config{})
			p, err := s.Product(51001)
			if err != nil {
				t.Fatal(err)
			}
			if err := tt.writes(apiClient(t, s), p.ProductSetId); err != nil {
				t.Fatal(err)
			}
			if got := s.DuplicateWrites(); got != tt.want {
				t.Errorf("DuplicateWrites() = %d, want %d", got, tt.want)
			}
		})
	}
}
