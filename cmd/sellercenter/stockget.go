package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
)

func (c *cli) stockGetCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "get SKU...",
		Short: "Show the stock of products by seller SKU",
		Long: `Show the stock of products by seller SKU: the quantity in the seller's
warehouse, what pending and ready-to-ship items reserve, and what can still
be sold. The SKUs are looked up first; an unknown one is reported and no
stock is read.`,
		Example: `  sellercenter stock get BTK-KWG-BL-M BTK-KWG-BL-L
  sellercenter stock get SDL-LTH-42 -o json`,
		Args: cobra.MinimumNArgs(1),
		RunE: c.action(func(ctx context.Context, args []string) error {
			skus, err := distinctSKUs(args)
			if err != nil {
				return err
			}
			client, err := c.api()
			if err != nil {
				return err
			}
			ids, err := client.ProductIDs(ctx, skus, sellercenter.BulkOptions{})
			var unknown *sellercenter.UnknownSKUError
			if errors.As(err, &unknown) {
				// The library's message says nothing was changed, which
				// fits its writes, not this read.
				return fmt.Errorf("no product has the seller SKU %s; no stock was read", quoteAll(unknown.SKUs))
			}
			if err != nil {
				return err
			}
			levels := make([]gen.StockLevel, 0, len(skus))
			for _, sku := range skus {
				resp, err := sellercenter.Result(client.GetProductStockWithResponse(ctx, ids[sku]))
				if err != nil {
					return err
				}
				levels = append(levels, *resp)
			}
			return printList(c, levels, []string{"SKU", "PRODUCT", "QUANTITY", "RESERVED", "AVAILABLE", "NAME"},
				func(s gen.StockLevel) []string {
					return []string{s.SellerSku, idText(ids[s.SellerSku]), strconv.Itoa(s.Quantity),
						strconv.Itoa(s.ReservedStock), strconv.Itoa(s.Available), s.Name}
				})
		}),
	}
}

// distinctSKUs trims args and drops repeats, refusing blank ones.
func distinctSKUs(args []string) ([]string, error) {
	seen := make(map[string]bool, len(args))
	var skus []string
	for _, a := range args {
		s := strings.TrimSpace(a)
		if s == "" {
			return nil, usagef("a seller SKU must not be blank")
		}
		if !seen[s] {
			seen[s] = true
			skus = append(skus, s)
		}
	}
	return skus, nil
}

// quoteAll quotes each of items and joins them with commas.
func quoteAll(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}
