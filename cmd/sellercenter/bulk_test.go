package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// addProducts adds n product sets of one product each, with seller SKUs
// prefix-000 on.
func addProducts(t *testing.T, srv *sellercentertest.Server, prefix string, n int) []string {
	t.Helper()
	attrs := gen.ProductSetAttributes{}
	for _, kv := range [][2]int{{201, 2012}, {202, 2021}, {203, 2031}} {
		v := &gen.ProductSetAttributeValue{}
		if err := v.FromProductSetAttributeOption(kv[1]); err != nil {
			t.Fatal(err)
		}
		attrs[strconv.Itoa(kv[0])] = v
	}
	skus := make([]string, n)
	for i := range skus {
		skus[i] = fmt.Sprintf("%s-%03d", prefix, i)
		if _, err := srv.AddProductSet(gen.ProductSetCreate{Name: "Belt " + skus[i], Price: 89, SellerSku: skus[i], BrandId: 202,
			PrimaryCategoryId: 321, Attributes: attrs, Variation: sellercenter.Ptr("90")}); err != nil {
			t.Fatal(err)
		}
	}
	return skus
}

// TestBulkSetMany sets the stock and prices of 250 products, from a file
// and from stdin: three stock requests, every row applied once.
func TestBulkSetMany(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	skus := addProducts(t, srv, "MANY", 250)
	var stock, prices strings.Builder
	stock.WriteString("\ufeffSellerSku,Quantity\n")
	for i, s := range skus {
		fmt.Fprintf(&stock, "%s,%d\n", s, i)
	}
	// Each price is a request of its own, 30 a second: 40 of them.
	const nPrices = 40
	for i, s := range skus[:nPrices] {
		fmt.Fprintf(&prices, "%s=%d.50 ", s, 100+i)
	}
	file := writeFile(t, "stock.csv", stock.String())
	args := []string{"stock", "set", "--file", file, "-o", "json"}
	res := runTool(t, invocation{env: envFor(srv)}, args...)
	wantCode(t, args, res, exitOK)
	var rows []stockResult
	if err := json.Unmarshal([]byte(res.stdout), &rows); err != nil || len(rows) != len(skus) {
		t.Fatalf("sellercenter %s = %d rows, %v", strings.Join(args, " "), len(rows), err)
	}
	for i, r := range rows {
		if r.SellerSku != skus[i] || r.Outcome != sellercenter.SKUApplied || !r.Applied || stockOf(t, srv, r.SellerSku).Quantity != i {
			t.Fatalf("row %d = %+v, want %s applied with %d", i, r, skus[i], i)
		}
	}
	if !strings.Contains(res.stderr, "stock set: 250 of 250 applied") {
		t.Errorf("stderr = %q, want the summary", res.stderr)
	}
	if n := srv.Count("updateProductStock"); n != 3 {
		t.Errorf("stock requests = %d, want 3", n)
	}

	args = []string{"prices", "set", "--country", "MY", "-"}
	res = runTool(t, invocation{env: envFor(srv), stdin: prices.String()}, args...)
	wantCode(t, args, res, exitOK)
	if got := strings.Count(res.stdout, "  set\n"); got != nPrices {
		t.Errorf("prices set showed %d rows set, want %d:\n%s", got, nPrices, res.stdout)
	}
	if p := priceOf(t, srv, skus[nPrices-1], "MY"); p.Price != 100+nPrices-1+0.5 {
		t.Errorf("MY price of %s = %v, want %d.50", skus[nPrices-1], p.Price, 100+nPrices-1)
	}
	if n := srv.Count("updateProductPrice"); n != nPrices {
		t.Errorf("price requests = %d, want %d", n, nPrices)
	}
	if d := srv.DuplicateWrites(); d != 0 {
		t.Errorf("DuplicateWrites = %d, want 0", d)
	}
}

// TestBulkProgress: on a terminal, the bulk commands say what they are
// doing and erase the line when done.
func TestBulkProgress(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	args := []string{"stock", "set", "BTK-KWG-BL-M=3", "BTK-KWG-BL-L=4"}
	res := runTool(t, invocation{env: envFor(srv), terminal: true}, args...)
	wantCode(t, args, res, exitOK)
	for _, want := range []string{"\rstock set: looking up 2 SKUs", "\rstock set: 2 of 2 SKUs done"} {
		if !strings.Contains(res.stderr, want) {
			t.Errorf("stderr = %q, want it to contain %q", res.stderr, want)
		}
	}
	if !strings.HasSuffix(res.stderr, " \rsellercenter: stock set: 2 of 2 applied\n") {
		t.Errorf("stderr = %q, want the progress erased before the summary", res.stderr)
	}
}

// TestBulkHelpExamples runs every example of `stock set` and `prices set`
// against the built-in mock, as a reader would.
func TestBulkHelpExamples(t *testing.T) {
	t.Parallel()
	c := &cli{}
	var examples []string
	for _, cmd := range []*cobra.Command{c.stockSetCommand(), c.pricesSetCommand()} {
		if cmd.Example == "" {
			t.Errorf("%s has no example", cmd.CommandPath())
		}
		for _, line := range strings.Split(cmd.Example, "\n") {
			examples = append(examples, strings.TrimSpace(line))
		}
	}
	for _, ex := range examples {
		t.Run(ex, func(t *testing.T) {
			t.Parallel()
			stdin := ""
			line := ex
			if before, after, ok := strings.Cut(ex, " | "); ok {
				// printf 'TEXT' | sellercenter ...
				text := strings.TrimSuffix(strings.TrimPrefix(before, "printf '"), "'")
				stdin, line = strings.ReplaceAll(text, `\n`, "\n"), after
			}
			args := strings.Fields(line)
			if len(args) < 2 || args[0] != "sellercenter" {
				t.Fatalf("example %q does not start with sellercenter", ex)
			}
			for i, a := range args {
				if a == "ids.csv" {
					// Written by the example: kept out of the source tree.
					args[i] = filepath.Join(t.TempDir(), a)
				}
			}
			res := runTool(t, invocation{env: map[string]string{}, stdin: stdin}, args[1:]...)
			wantCode(t, args[1:], res, exitOK)
			if !strings.Contains(res.stdout, "set") && !strings.Contains(res.stdout, `"applied"`) || !strings.Contains(res.stderr, " applied\n") {
				t.Errorf("example %q printed %q, %q; want the rows set and the summary", ex, res.stdout, res.stderr)
			}
		})
	}
}

// TestBulkExitCodes: the exit code of a bulk command follows the worst
// SKU: unknown (5) before what stopped it (here 4 or 3) before a refusal
// (1); the table shows every SKU all the same.
func TestBulkExitCodes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		args   []string
		code   int
		stdout []string
	}{
		{"502 is unknown", 502, []string{"stock", "set", "--retries", "0", "BTK-PRG-RD-M=1"}, exitOutcomeUnknown,
			[]string{"BTK-PRG-RD-M  51004    1         unknown: PUT /api/v2/stock/product: HTTP 502"}},
		{"503 stops: try again later", 503, []string{"prices", "set", "--retries", "0", "--concurrency", "1", "--country", "MY", "BTK-PRG-RD-M=150", "BTK-PRG-RD-L=151"}, exitUnavailable,
			[]string{"refused: PUT /api/v2/product/51004/prices/MY: HTTP 503", "not sent: an earlier request failed"}},
		{"401 stops: authentication", 401, []string{"stock", "set", "--retries", "0", "BTK-PRG-RD-M=1"}, exitAuth,
			[]string{"refused: PUT /api/v2/stock/product: HTTP 401"}},
		{"422 is a refusal", 422, []string{"stock", "set", "BTK-PRG-RD-M=1"}, exitFailure,
			[]string{"refused: PUT /api/v2/stock/product: HTTP 422"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newMock(t, sellercentertest.Config{})
			for _, op := range []string{"updateProductStock", "updateProductPrice"} {
				if _, err := srv.Fail(sellercentertest.Scope{Operation: op}, tt.status, ""); err != nil {
					t.Fatal(err)
				}
			}
			res := runTool(t, invocation{env: envFor(srv)}, tt.args...)
			wantCode(t, tt.args, res, tt.code)
			for _, want := range tt.stdout {
				if !strings.Contains(res.stdout, want) {
					t.Errorf("sellercenter %s stdout = %q, want it to contain %q", strings.Join(tt.args, " "), res.stdout, want)
				}
			}
			if n := strings.Count(res.stderr, "\n"); n != 1 || !strings.HasPrefix(res.stderr, "sellercenter: ") || !strings.Contains(res.stderr, "not applied") {
				t.Errorf("sellercenter %s stderr = %q, want one line with the counts", strings.Join(tt.args, " "), res.stderr)
			}
		})
	}
}
