package main

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sellercenter-go/sellercenter"
)

// maxBulkRows bounds the changes one command reads, so a wrong pipe
// cannot fill the memory.
const maxBulkRows = 1_000_000

// skuPair is one SKU=VALUE argument or SKU,VALUE row.
type skuPair struct {
	sku, value string
}

// skuPairs reads the SKU=VALUE arguments or, with a single "-" or --file,
// the rows of a CSV: SKU,VALUE per line, after an optional header whose
// first column is SellerSku, or SKU=VALUE pairs separated by spaces or
// lines. A SKU given twice is refused: which value was meant is unclear.
func (c *cli) skuPairs(args []string, file, value string) ([]skuPair, error) {
	var (
		pairs []skuPair
		err   error
	)
	switch {
	case file != "" && len(args) > 0:
		return nil, usagef("give SKU=%s arguments or --file, not both", value)
	case file != "":
		f, oerr := os.Open(file)
		if oerr != nil {
			return nil, usagef("cannot read %s: %v", file, oerr)
		}
		defer f.Close()
		if pairs, err = readPairs(f, file, value); err != nil {
			return nil, err
		}
	case len(args) == 1 && args[0] == "-":
		if pairs, err = readPairs(c.stdin, "stdin", value); err != nil {
			return nil, err
		}
	case len(args) == 0:
		return nil, usagef("no SKU=%s given: give them as arguments, or a CSV file with --file or on stdin with -", value)
	default:
		for _, a := range args {
			p, err := parsePair(a, value)
			if err != nil {
				return nil, err
			}
			pairs = append(pairs, p)
		}
	}
	if len(pairs) == 0 {
		return nil, usagef("no SKU=%s pairs or SKU,%s rows in %s", value, value, sourceName(file))
	}
	given := make(map[string]bool, len(pairs))
	for _, p := range pairs {
		if given[p.sku] {
			return nil, usagef("SKU %s is given twice", p.sku)
		}
		given[p.sku] = true
	}
	return pairs, nil
}

func sourceName(file string) string {
	if file == "" {
		return "stdin"
	}
	return file
}

// parsePair reads one SKU=VALUE.
func parsePair(a, value string) (skuPair, error) {
	// The value is a number, so the last "=" separates it: a SKU may hold
	// an "=", a number cannot.
	i := strings.LastIndexByte(a, '=')
	if i < 0 {
		return skuPair{}, usagef("%q is not SKU=%s", a, value)
	}
	return checkPair(skuPair{sku: strings.TrimSpace(a[:i]), value: strings.TrimSpace(a[i+1:])}, a, value)
}

func checkPair(p skuPair, text, value string) (skuPair, error) {
	switch {
	case p.sku == "":
		return p, usagef("%q has no SKU", text)
	case p.value == "":
		return p, usagef("%q has no %s", text, value)
	}
	return p, nil
}

// readPairs reads the CSV rows of name.
func readPairs(r io.Reader, name, value string) ([]skuPair, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	var out []skuPair
	for n := 0; ; n++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, usagef("%s is not a CSV of SKU,%s rows: %v", name, value, err)
		}
		line, _ := cr.FieldPos(0)
		if n == 0 {
			rec[0] = strings.TrimPrefix(rec[0], "\ufeff") // a spreadsheet's byte order mark
		}
		switch {
		case len(rec) == 2 && n == 0 && strings.EqualFold(strings.TrimSpace(rec[0]), "SellerSku"):
			continue // the header
		case len(rec) == 2:
			p, err := checkPair(skuPair{sku: strings.TrimSpace(rec[0]), value: strings.TrimSpace(rec[1])}, strings.Join(rec, ","), value)
			if err != nil {
				return nil, err
			}
			out = append(out, p)
		case len(rec) == 1:
			for _, a := range strings.Fields(rec[0]) {
				p, err := parsePair(a, value)
				if err != nil {
					return nil, err
				}
				out = append(out, p)
			}
		default:
			return nil, usagef("line %d of %s has %d columns, want SKU,%s", line, name, len(rec), value)
		}
		if len(out) > maxBulkRows {
			return nil, usagef("more than %d rows in %s", maxBulkRows, name)
		}
	}
}

// bulkFailure is a bulk command's error: the counts, and the first error
// behind them, which sets the exit code.
type bulkFailure struct {
	counts *sellercenter.BulkError
	cause  error
}

func (e *bulkFailure) Error() string {
	if e.cause == nil {
		return e.counts.Error()
	}
	return e.counts.Error() + "; the first: " + strings.TrimPrefix(e.cause.Error(), "sellercenter: ")
}

func (e *bulkFailure) Unwrap() []error {
	if e.cause == nil {
		return []error{e.counts}
	}
	return []error{e.counts, e.cause}
}

// bulkError is the command's error for the results rs of a call that
// returned err: with an unknown outcome first, since it must be checked,
// then what held changes back, then a refusal.
func bulkError(rs []sellercenter.SKUResult, err error, advice string) error {
	var counts *sellercenter.BulkError
	if !errors.As(err, &counts) {
		return err
	}
	var cause error
	for _, o := range []sellercenter.SKUOutcome{sellercenter.SKUUnknown, sellercenter.SKUNotSent, sellercenter.SKURefused} {
		for _, r := range rs {
			if r.Outcome == o && r.Err != nil && cause == nil {
				cause = r.Err
			}
		}
	}
	return failedWrite(&bulkFailure{counts: counts, cause: cause}, advice)
}

// bulkAdvice is what to do after changes of unknown outcome.
const bulkAdvice = "read the SKUs shown as unknown back ('sellercenter products get --sku SKU') before sending them again; those not sent can be sent again safely"

// resultText is the RESULT cell of a change.
func resultText(o sellercenter.SKUOutcome, reason string) string {
	if o == sellercenter.SKUApplied {
		return "set"
	}
	if reason == "" {
		return o.String()
	}
	return o.String() + ": " + reason
}

// bulkProgress draws how far a bulk command is on a terminal, and returns
// the callback for BulkOptions.Progress.
func (c *cli) bulkProgress(what string, total, lookups int) (*progress, func(done, total int)) {
	bar := c.newProgress()
	if lookups > 0 {
		bar.draw(fmt.Sprintf("%s: looking up %d SKUs", what, lookups))
	} else {
		bar.draw(fmt.Sprintf("%s: sending %d SKUs", what, total))
	}
	return bar, func(done, total int) {
		bar.draw(fmt.Sprintf("%s: %d of %d SKUs done", what, done, total))
	}
}

// summary is the line on stderr after a bulk command that applied every
// change.
func (c *cli) summary(what string, n int) {
	fmt.Fprintf(c.errWriter(), "sellercenter: %s: %d of %d applied\n", what, n, n)
}

// stockResult is one row of `stock set`.
type stockResult struct {
	SellerSku string `json:"sellerSku"`
	ProductID int    `json:"productId"`
	Quantity  int    `json:"quantity"`
	// Applied is true when the API applied the row.
	Applied bool                    `json:"applied"`
	Outcome sellercenter.SKUOutcome `json:"outcome"`
	// Reason is why the row was refused, not sent or is unknown.
	Reason string `json:"reason,omitempty"`
}

func (c *cli) stockCommand() *cobra.Command {
	return groupCommand("stock", "Read and set the stock of products", c.stockGetCommand(), c.stockSetCommand())
}

// concurrencyFlag adds --concurrency, the requests a bulk command keeps
// in flight at most.
func concurrencyFlag(cmd *cobra.Command, n *int) {
	cmd.Flags().IntVar(n, "concurrency", sellercenter.DefaultBulkConcurrency, "most requests in flight at once, all within the rate limit (1 sends one after the other)")
}

func checkConcurrency(n int) error {
	if n < 1 || n > 1000 {
		return usagef("--concurrency %d is not a number from 1 to 1000", n)
	}
	return nil
}

func (c *cli) stockSetCommand() *cobra.Command {
	var (
		file        string
		idsFile     string
		concurrency int
	)
	cmd := &cobra.Command{
		Use:   "set SKU=QTY... | set - | set --file FILE",
		Short: "Set the stock of products by seller SKU",
		Long: `Set the stock of any number of products in the seller's warehouse. SKU is
the seller SKU of a product (see 'sellercenter products get'), QTY the new
quantity, a whole number from 0. A single "-" reads a CSV from stdin and
--file one from a file: SKU,QTY per line after an optional SellerSku header
(the stock-update template's columns), or SKU=QTY pairs separated by spaces
or lines.

The SKUs are looked up first, 100 a request: if one is unknown, it is
reported and nothing is changed. --ids FILE keeps the product ids found in
a CSV file of SellerSku,ProductId rows, read at the start and brought up to
date at the end, so a daily run looks up only SKUs it has not seen (ids
never change). Its first line names the SellerCenter and client it belongs
to, and a file of another is refused: the same SKU is another product on
another instance. The changes go in requests of 100, several at once within the
rate limit, and each SKU's result is shown: set; refused, with the API's
reason (such as a product whose stock the marketplace holds); not sent; or
unknown, when its request failed in a way that may have applied it. A
request that fails other than by refusing its rows stops the command from
sending more. No request is sent twice. The exit code is 1 when any SKU was
refused, 5 when any is unknown (read those back before setting them again),
and that of the failure that stopped the command otherwise.`,
		Example: `  sellercenter stock set BTK-KWG-BL-M=12 BTK-KWG-BL-L=0
  sellercenter stock set --ids ids.csv BTK-KWG-BL-M=12
  printf 'SellerSku,Quantity\nBTK-KWG-BL-S,5\n' | sellercenter stock set -
  sellercenter stock set BTK-KWG-BL-M=3 -o json`,
		RunE: c.action(func(ctx context.Context, args []string) error {
			if err := checkConcurrency(concurrency); err != nil {
				return err
			}
			pairs, err := c.skuPairs(args, file, "QTY")
			if err != nil {
				return err
			}
			changes := make([]sellercenter.StockChange, len(pairs))
			for i, p := range pairs {
				q, err := strconv.Atoi(p.value)
				if err != nil || q < 0 || q > math.MaxInt32 {
					return usagef("quantity %q of %s is not a whole number from 0", p.value, p.sku)
				}
				changes[i] = sellercenter.StockChange{SellerSku: p.sku, Quantity: q}
			}
			client, err := c.api()
			if err != nil {
				return err
			}
			ids, err := readIDs(idsFile, c.instance)
			if err != nil {
				return err
			}
			bar, onProgress := c.bulkProgress("stock set", len(changes), unknownSKUs(pairs, ids))
			rs, err := client.SetStock(ctx, changes, sellercenter.BulkOptions{Progress: onProgress, Concurrency: concurrency, ProductIDs: ids})
			bar.clear()
			if rs == nil {
				return err
			}
			rows := make([]stockResult, len(rs))
			for i, r := range rs {
				rows[i] = stockResult{SellerSku: r.SellerSku, ProductID: r.ProductID, Quantity: changes[i].Quantity,
					Applied: r.Outcome == sellercenter.SKUApplied, Outcome: r.Outcome, Reason: r.Reason}
			}
			if perr := printList(c, rows, []string{"SKU", "PRODUCT", "QUANTITY", "RESULT"}, func(r stockResult) []string {
				return []string{r.SellerSku, strconv.Itoa(r.ProductID), strconv.Itoa(r.Quantity), resultText(r.Outcome, r.Reason)}
			}); perr != nil {
				return perr
			}
			if err := c.keptIDs(idsFile, ids, rs, bulkError(rs, err, bulkAdvice)); err != nil {
				return err
			}
			c.summary("stock set", len(rs))
			return nil
		}),
	}
	cmd.Flags().StringVar(&file, "file", "", "read SKU,QTY rows from this CSV file")
	idsFlag(cmd, &idsFile)
	concurrencyFlag(cmd, &concurrency)
	return cmd
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
	SalePrice *float64                `json:"salePrice,omitempty"`
	Outcome   sellercenter.SKUOutcome `json:"outcome"`
	// Reason is why the row was refused, not sent or is unknown.
	Reason string `json:"reason,omitempty"`
}

func (c *cli) pricesCommand() *cobra.Command {
	return groupCommand("prices", "Set the prices of products", c.pricesSetCommand())
}

func (c *cli) pricesSetCommand() *cobra.Command {
	var (
		country     string
		clearSale   bool
		file        string
		idsFile     string
		concurrency int
	)
	cmd := &cobra.Command{
		Use:   "set --country CC SKU=PRICE... | set --country CC - | set --country CC --file FILE",
		Short: "Set the prices of products in one country by seller SKU",
		Long: `Set the price of any number of products in one country. SKU is the seller
SKU of a product (see 'sellercenter products get'), PRICE a positive decimal
number with a dot and at most two decimals, such as 129.90. A single "-"
reads a CSV from stdin and --file one from a file: SKU,PRICE per line after
an optional SellerSku header, or SKU=PRICE pairs separated by spaces or
lines.

The API clears every price field a request leaves out, so a sale price that
has not ended is read first and sent along unchanged; --clear-sale ends the
sales instead. Unknown SKUs are reported and nothing is changed; --ids FILE
keeps the product ids found, as for 'stock set'. Each price
is its own request, several at once within the rate limit, and each SKU's
result is shown: set; refused, with the API's reason; not sent; or unknown,
when its request failed in a way that may have applied it. A price the API
refuses does not stop the others; any other failure stops the command from
sending more. No request is sent twice. The exit code is 1 when any price
was refused, 5 when any is unknown (read those back before setting them
again), and that of the failure that stopped the command otherwise.`,
		Example: `  sellercenter prices set --country MY BTK-KWG-BL-M=129.90 BTK-KWG-BL-L=134.90
  sellercenter prices set --country SG --clear-sale BTK-PRG-RD-L=45
  printf 'SellerSku,Price\nBTK-KWG-BL-S,99\n' | sellercenter prices set --country MY -`,
		RunE: c.action(func(ctx context.Context, args []string) error {
			cc := strings.ToUpper(strings.TrimSpace(country))
			if !countryCode.MatchString(cc) {
				return usagef("--country %q is not a two-letter country code such as MY", country)
			}
			if err := checkConcurrency(concurrency); err != nil {
				return err
			}
			pairs, err := c.skuPairs(args, file, "PRICE")
			if err != nil {
				return err
			}
			changes := make([]sellercenter.PriceChange, len(pairs))
			for i, p := range pairs {
				v, err := parsePrice(p.sku, p.value)
				if err != nil {
					return err
				}
				changes[i] = sellercenter.PriceChange{SellerSku: p.sku, Country: cc, Price: v, ClearSale: clearSale}
			}
			client, err := c.api()
			if err != nil {
				return err
			}
			ids, err := readIDs(idsFile, c.instance)
			if err != nil {
				return err
			}
			bar, onProgress := c.bulkProgress("prices set", len(changes), unknownSKUs(pairs, ids))
			rs, err := client.SetPrices(ctx, changes, sellercenter.BulkOptions{Progress: onProgress, Now: c.now, Concurrency: concurrency, ProductIDs: ids})
			bar.clear()
			if rs == nil {
				return err
			}
			rows := make([]priceResult, len(rs))
			for i, r := range rs {
				rows[i] = priceResult{SellerSku: r.SellerSku, ProductID: r.ProductID, Country: cc, Price: changes[i].Price, Outcome: r.Outcome, Reason: r.Reason}
				if p := r.Price; p != nil {
					// What the API stored, should it differ from what was sent.
					if p.Price != 0 {
						rows[i].Price = p.Price
					}
					rows[i].SalePrice = p.SalePrice
				}
			}
			if perr := printList(c, rows, []string{"SKU", "PRODUCT", "COUNTRY", "PRICE", "SALE PRICE", "RESULT"}, func(r priceResult) []string {
				sale := ""
				if r.SalePrice != nil {
					sale = strconv.FormatFloat(*r.SalePrice, 'f', 2, 64)
				}
				return []string{r.SellerSku, strconv.Itoa(r.ProductID), r.Country, strconv.FormatFloat(r.Price, 'f', 2, 64), sale, resultText(r.Outcome, r.Reason)}
			}); perr != nil {
				return perr
			}
			if err := c.keptIDs(idsFile, ids, rs, bulkError(rs, err, bulkAdvice)); err != nil {
				return err
			}
			c.summary("prices set", len(rs))
			return nil
		}),
	}
	cmd.Flags().StringVar(&country, "country", "", "two-letter code of the country the prices are for, such as MY (required)")
	cmd.Flags().BoolVar(&clearSale, "clear-sale", false, "end the products' sale prices in the country instead of keeping them")
	cmd.Flags().StringVar(&file, "file", "", "read SKU,PRICE rows from this CSV file")
	idsFlag(cmd, &idsFile)
	concurrencyFlag(cmd, &concurrency)
	_ = cmd.MarkFlagRequired("country")
	return cmd
}
