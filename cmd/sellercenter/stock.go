package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/internal/oneline"
)

// maxStockRows is the most rows updateProductStock takes in one request.
// One command is one request, so it is applied whole or refused whole,
// never half; more rows go through 'import products --kind stock'.
const maxStockRows = 100

// maxSKULookup is the most SKUs listProductsBySellerSkus takes at once.
const maxSKULookup = 100

// skuPair is one SKU=VALUE argument.
type skuPair struct {
	sku, value string
}

// skuPairs reads SKU=VALUE arguments, or with a single "-" the pairs on
// stdin separated by spaces or lines. A SKU given twice is refused: which
// value was meant is unclear.
func (c *cli) skuPairs(args []string, value string) ([]skuPair, error) {
	if len(args) == 1 && args[0] == "-" {
		var err error
		if args, err = c.readStdinPairs(value); err != nil {
			return nil, err
		}
		if len(args) == 0 {
			return nil, usagef("no SKU=%s pairs on stdin", value)
		}
	}
	pairs := make([]skuPair, 0, len(args))
	given := make(map[string]bool, len(args))
	for _, a := range args {
		// The value is a number, so the last "=" separates it: a SKU
		// may hold an "=", a number cannot.
		i := strings.LastIndexByte(a, '=')
		if i < 0 {
			return nil, usagef("%q is not SKU=%s", a, value)
		}
		p := skuPair{sku: strings.TrimSpace(a[:i]), value: strings.TrimSpace(a[i+1:])}
		switch {
		case p.sku == "":
			return nil, usagef("%q has no SKU before the =", a)
		case p.value == "":
			return nil, usagef("%q has no %s after the =", a, value)
		case given[p.sku]:
			return nil, usagef("SKU %s is given twice", p.sku)
		}
		given[p.sku] = true
		pairs = append(pairs, p)
	}
	return pairs, nil
}

func (c *cli) readStdinPairs(value string) ([]string, error) {
	sc := bufio.NewScanner(c.stdin)
	sc.Split(bufio.ScanWords)
	var out []string
	for sc.Scan() {
		out = append(out, sc.Text())
		if len(out) > maxStdinIDs {
			return nil, usagef("more than %d SKU=%s pairs on stdin", maxStdinIDs, value)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("sellercenter: reading SKU=%s pairs from stdin: %w", value, err)
	}
	return out, nil
}

// productsBySKU looks the seller SKUs up and returns their products in the
// same order. Unknown SKUs are an error naming them, so nothing is changed
// when one is mistyped.
func productsBySKU(ctx context.Context, client *sellercenter.Client, skus []string) ([]gen.Product, error) {
	found := make(map[string]gen.Product, len(skus))
	for chunk := range slices.Chunk(skus, maxSKULookup) {
		pages := sellercenter.Paginate(ctx, maxSKULookup, func(ctx context.Context, offset, limit int) (sellercenter.Page[gen.Product], error) {
			resp, err := sellercenter.Result(client.ListProductsBySellerSkusWithResponse(ctx, &gen.ListProductsBySellerSkusParams{SellerSkus: chunk, Limit: limit, Offset: offset}))
			if err != nil {
				return sellercenter.Page[gen.Product]{}, err
			}
			return sellercenter.Page[gen.Product]{Items: resp.Items, TotalCount: &resp.Pagination.TotalCount}, nil
		})
		for p, err := range pages {
			if err != nil {
				return nil, err
			}
			if p.SellerSku != "" && p.Id != 0 {
				found[p.SellerSku] = p
			}
		}
	}
	out := make([]gen.Product, len(skus))
	var unknown []string
	for i, sku := range skus {
		p, ok := found[sku]
		if !ok {
			unknown = append(unknown, sku)
		}
		out[i] = p
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("sellercenter: no product has the seller SKU %s; nothing was changed", quoteList(unknown))
	}
	return out, nil
}

// quoteList names up to five items and counts the rest.
func quoteList(items []string) string {
	const shown = 5
	var q []string
	for _, s := range items[:min(len(items), shown)] {
		q = append(q, strconv.Quote(s))
	}
	s := joinAnd(q)
	if len(items) > shown {
		s = strings.Join(q, ", ") + fmt.Sprintf(" and %d more", len(items)-shown)
	}
	return s
}

// stockResult is one row of `stock set`.
type stockResult struct {
	SellerSku string `json:"sellerSku"`
	ProductID int    `json:"productId"`
	Quantity  int    `json:"quantity"`
	// Applied is false for a product the API skipped.
	Applied bool `json:"applied"`
}

func (c *cli) stockCommand() *cobra.Command {
	return groupCommand("stock", "Set the stock of products", c.stockSetCommand())
}

func (c *cli) stockSetCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "set SKU=QTY...",
		Short: "Set the stock of products by seller SKU",
		Long: `Set the stock of up to 100 products in the seller's warehouse, in one request.
SKU is the seller SKU of a product (see 'sellercenter products get'), QTY the
new quantity, a whole number from 0. A single "-" reads the pairs from stdin,
separated by spaces or lines.

Unknown SKUs are reported and nothing is changed. Products whose stock the
API does not take this way (such as those the marketplace holds the stock
of) are shown as skipped, and the exit code is 1. For more than 100 products
use 'sellercenter import products --kind stock'.`,
		Example: `  sellercenter stock set BTK-KWG-BL-M=12 BTK-KWG-BL-L=0
  tr , = < counts.csv | sellercenter stock set -`,
		Args: cobra.MinimumNArgs(1),
		RunE: c.action(func(ctx context.Context, args []string) error {
			pairs, err := c.skuPairs(args, "QTY")
			if err != nil {
				return err
			}
			if len(pairs) > maxStockRows {
				return usagef("%d products given; stock set takes at most %d (use 'sellercenter import products --kind stock' for more)", len(pairs), maxStockRows)
			}
			qty := make([]int, len(pairs))
			skus := make([]string, len(pairs))
			for i, p := range pairs {
				q, err := strconv.Atoi(p.value)
				if err != nil || q < 0 || q > math.MaxInt32 {
					return usagef("quantity %q of %s is not a whole number from 0", p.value, p.sku)
				}
				qty[i], skus[i] = q, p.sku
			}
			client, err := c.api()
			if err != nil {
				return err
			}
			products, err := productsBySKU(ctx, client, skus)
			if err != nil {
				return err
			}
			body := make([]gen.ProductStock, len(pairs))
			rows := make([]stockResult, len(pairs))
			for i, p := range products {
				body[i] = gen.ProductStock{ProductId: p.Id, Quantity: qty[i]}
				rows[i] = stockResult{SellerSku: skus[i], ProductID: p.Id, Quantity: qty[i], Applied: true}
			}
			notApplied, err := sellercenter.Result(client.UpdateProductStockWithResponse(ctx, body))
			if err != nil {
				return failedWrite(err, "the stock may have been set: running the same command again is safe")
			}
			skipped := make(map[int]bool, len(*notApplied))
			for _, s := range *notApplied {
				skipped[s.ProductId] = true
			}
			var skippedSKUs []string
			for i := range rows {
				if skipped[rows[i].ProductID] {
					rows[i].Applied = false
					skippedSKUs = append(skippedSKUs, rows[i].SellerSku)
				}
			}
			if err := printList(c, rows, []string{"SKU", "PRODUCT", "QUANTITY", "RESULT"}, func(r stockResult) []string {
				result := "set"
				if !r.Applied {
					result = "skipped"
				}
				return []string{r.SellerSku, strconv.Itoa(r.ProductID), strconv.Itoa(r.Quantity), result}
			}); err != nil {
				return err
			}
			if len(skippedSKUs) > 0 {
				return fmt.Errorf("sellercenter: the API skipped %d of %d products (%s): it does not take their stock this way, for example when the marketplace holds it",
					len(skippedSKUs), len(rows), quoteList(skippedSKUs))
			}
			return nil
		}),
	}
}

// priceFormat is a price as the command takes it: digits with an optional
// fraction after a dot.
var priceFormat = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)

// maxPrice bounds prices so they stay exact in a float64 to the cent.
const maxPrice = 1e12

// parsePrice reads a positive price with at most two decimals (trailing
// zeros aside): a third decimal is almost surely a typo.
func parsePrice(sku, s string) (float64, error) {
	if !priceFormat.MatchString(s) {
		hint := ""
		if strings.Contains(s, ",") {
			hint = " (use a dot for decimals and no thousands separator)"
		}
		return 0, usagef("price %q of %s is not a positive decimal number such as 129.90%s", s, sku, hint)
	}
	if _, frac, ok := strings.Cut(s, "."); ok && len(strings.TrimRight(frac, "0")) > 2 {
		return 0, usagef("price %q of %s has more than two decimals", s, sku)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v <= 0 || v >= maxPrice {
		return 0, usagef("price %q of %s must be above 0 and below %.0f", s, sku, float64(maxPrice))
	}
	return v, nil
}

// countryCode is a two-letter country code.
var countryCode = regexp.MustCompile(`^[A-Za-z]{2}$`)

// priceResult is one row of `prices set`.
type priceResult struct {
	SellerSku string  `json:"sellerSku"`
	ProductID int     `json:"productId"`
	Country   string  `json:"country"`
	Price     float64 `json:"price"`
	// SalePrice is the sale price as stored: a running sale is kept
	// unless --clear-sale was given.
	SalePrice *float64 `json:"salePrice,omitempty"`
	// Result is set, refused (the API refused this row), failed (the
	// request failed, see the error), or not sent.
	Result string `json:"result"`
	// Error is why the row was refused or failed.
	Error string `json:"error,omitempty"`
}

// Values of priceResult.Result.
const (
	resultSet     = "set"
	resultRefused = "refused"
	resultFailed  = "failed"
	resultNotSent = "not sent"
)

func (c *cli) pricesCommand() *cobra.Command {
	return groupCommand("prices", "Set the prices of products", c.pricesSetCommand())
}

func (c *cli) pricesSetCommand() *cobra.Command {
	var (
		country   string
		clearSale bool
	)
	cmd := &cobra.Command{
		Use:   "set --country CC SKU=PRICE...",
		Short: "Set the prices of products in one country by seller SKU",
		Long: `Set the price of products in one country. SKU is the seller SKU of a product
(see 'sellercenter products get'), PRICE a positive decimal number with a dot
and at most two decimals, such as 129.90. A single "-" reads the pairs from
stdin, separated by spaces or lines.

The API clears every price field a request leaves out, so a sale price that
has not ended is read first and sent along unchanged; --clear-sale ends the
sales instead. Unknown SKUs are reported and nothing is changed.
Each price is its own request: a price the API refuses is shown as refused
and the others are still set (exit code 1); any other failure stops the
command, and the table shows what was set before it.`,
		Example: `  sellercenter prices set --country MY BTK-KWG-BL-M=129.90 BTK-KWG-BL-L=134.90
  sellercenter prices set --country SG --clear-sale BTK-PRG-RD-L=45`,
		Args: cobra.MinimumNArgs(1),
		RunE: c.action(func(ctx context.Context, args []string) error {
			cc := strings.ToUpper(strings.TrimSpace(country))
			if !countryCode.MatchString(cc) {
				return usagef("--country %q is not a two-letter country code such as MY", country)
			}
			pairs, err := c.skuPairs(args, "PRICE")
			if err != nil {
				return err
			}
			rows := make([]priceResult, len(pairs))
			skus := make([]string, len(pairs))
			for i, p := range pairs {
				v, err := parsePrice(p.sku, p.value)
				if err != nil {
					return err
				}
				rows[i] = priceResult{SellerSku: p.sku, Country: cc, Price: v, Result: resultNotSent}
				skus[i] = p.sku
			}
			client, err := c.api()
			if err != nil {
				return err
			}
			products, err := productsBySKU(ctx, client, skus)
			if err != nil {
				return err
			}
			ids := make([]int, len(products))
			for i, p := range products {
				ids[i] = p.Id
				rows[i].ProductID = p.Id
			}
			current, err := currentPrices(ctx, client, ids, cc)
			if err != nil {
				return err
			}
			runErr := c.setPrices(ctx, client, rows, current, clearSale)
			if err := c.printPrices(rows); err != nil {
				return err
			}
			if runErr != nil {
				return runErr
			}
			refused := 0
			for _, r := range rows {
				if r.Result == resultRefused {
					refused++
				}
			}
			switch {
			case refused == 1 && len(rows) == 1:
				return errors.New("sellercenter: the API refused the price")
			case refused == len(rows):
				return fmt.Errorf("sellercenter: the API refused all %d prices", refused)
			case refused > 0:
				return fmt.Errorf("sellercenter: the API refused %d of %d prices; the others were set", refused, len(rows))
			}
			return nil
		}),
	}
	cmd.Flags().StringVar(&country, "country", "", "two-letter code of the country the prices are for, such as MY (required)")
	cmd.Flags().BoolVar(&clearSale, "clear-sale", false, "end the products' sale prices in the country instead of keeping them")
	_ = cmd.MarkFlagRequired("country")
	return cmd
}

// currentPrices reads the prices of the products in country, by product id.
func currentPrices(ctx context.Context, client *sellercenter.Client, ids []int, country string) (map[int]gen.CountryPrice, error) {
	out := make(map[int]gen.CountryPrice, len(ids))
	for chunk := range slices.Chunk(ids, maxSKULookup) {
		resp, err := sellercenter.Result(client.ListPricesWithResponse(ctx, &gen.ListPricesParams{ProductIds: chunk}))
		if err != nil {
			return nil, err
		}
		for _, set := range *resp {
			for _, p := range set.Items {
				if p.ProductId == 0 {
					continue
				}
				for _, cp := range p.Prices {
					if strings.EqualFold(cp.Country, country) {
						out[p.ProductId] = cp
					}
				}
			}
		}
	}
	return out, nil
}

// setPrices sends one request per row, recording each outcome in rows. It
// returns the error that stopped it, if any; prices the API refuses do not
// stop it.
func (c *cli) setPrices(ctx context.Context, client *sellercenter.Client, rows []priceResult, current map[int]gen.CountryPrice, clearSale bool) error {
	for i := range rows {
		r := &rows[i]
		body := gen.PriceUpdate{Price: sellercenter.Ptr(r.Price)}
		if cur, ok := current[r.ProductID]; ok && !clearSale && saleRunning(cur, c.now()) {
			body.SalePrice, body.SaleStartDate, body.SaleEndDate = cur.SalePrice, cur.SaleStartDate, cur.SaleEndDate
		}
		stored, err := sellercenter.Result(client.UpdateProductPriceWithResponse(ctx, r.ProductID, r.Country, body))
		switch {
		case err == nil:
			// What the API stored, should it differ from what was sent.
			r.Result = resultSet
			if stored.Price != 0 {
				r.Price = stored.Price
			}
			r.SalePrice = stored.SalePrice
		case rowRefused(err):
			r.Result, r.Error = resultRefused, oneline.Clean(err.Error())
		default:
			r.Result, r.Error = resultFailed, oneline.Clean(err.Error())
			set := 0
			for _, done := range rows[:i] {
				if done.Result == resultSet {
					set++
				}
			}
			what := "was not set"
			if errors.Is(err, sellercenter.ErrOutcomeUnknown) {
				what = "may or may not have been set"
			}
			return failedWrite(annotate(err, "stopped after setting %d of %d prices; the price of %s %s", set, len(rows), r.SellerSku, what),
				"setting it again is safe")
		}
	}
	return nil
}

// saleRunning reports whether p has a sale price that has not ended by
// now: one still to keep. An ended sale is not sent back, since it no
// longer applies and the API refuses a sale end in the past.
func saleRunning(p gen.CountryPrice, now time.Time) bool {
	return p.SalePrice != nil && (p.SaleEndDate == nil || p.SaleEndDate.IsZero() || p.SaleEndDate.After(now))
}

// rowRefused reports whether the API refused one price for a reason of its
// own (a bad value, an unknown product or country), so the next may still
// be set. Anything else (authentication, rate limit, outage, network) would
// fail the next one too.
func rowRefused(err error) bool {
	var apiErr *sellercenter.APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	switch apiErr.StatusCode {
	case http.StatusBadRequest, http.StatusNotFound, http.StatusUnprocessableEntity:
		return true
	}
	return false
}

func (c *cli) printPrices(rows []priceResult) error {
	return printList(c, rows, []string{"SKU", "PRODUCT", "COUNTRY", "PRICE", "SALE PRICE", "RESULT"}, func(r priceResult) []string {
		sale := ""
		if r.SalePrice != nil {
			sale = strconv.FormatFloat(*r.SalePrice, 'f', 2, 64)
		}
		result := r.Result
		if r.Error != "" {
			result += ": " + strings.TrimPrefix(r.Error, "sellercenter: ")
		}
		return []string{r.SellerSku, strconv.Itoa(r.ProductID), r.Country, strconv.FormatFloat(r.Price, 'f', 2, 64), sale, result}
	})
}
