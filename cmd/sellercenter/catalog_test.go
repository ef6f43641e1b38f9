package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// TestCatalogGolden compares the output of the read-only catalog commands
// on the mock's fixed seed with testdata/*.golden (see TestGolden).
func TestCatalogGolden(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	env := envFor(srv)
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"products-list.table", []string{"products", "list"}, ""},
		{"products-list-limit.json", []string{"products", "list", "--limit", "2", "-o", "json"},
			"sellercenter: showing the first 2 product sets; more follow (use --all or a larger --limit)\n"},
		{"products-list-sold-out.table", []string{"products", "list", "--status", "sold-out", "--all"}, ""},
		{"products-get.table", []string{"products", "get", "7101"}, ""},
		{"products-get.json", []string{"products", "get", "--sku", "BTK-KWG-BL-M", "-o", "json"}, ""},
		{"brands.table", []string{"brands"}, ""},
		{"brands.jsonl", []string{"brands", "--name", "batik", "-o", "jsonl"}, ""},
		{"categories-tree.table", []string{"categories", "tree"}, ""},
		{"categories-tree.json", []string{"categories", "tree", "-o", "json"}, ""},
		{"attributes.table", []string{"attributes", "--category", "311"}, ""},
		{"attributes.json", []string{"attributes", "--category", "41", "-o", "json"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := runTool(t, invocation{env: env}, tt.args...)
			wantCode(t, tt.args, res, exitOK)
			if res.stderr != tt.stderr {
				t.Errorf("sellercenter %s stderr = %q, want %q", strings.Join(tt.args, " "), res.stderr, tt.stderr)
			}
			checkJSON(t, tt.name, tt.args, res.stdout)
			compareGolden(t, tt.name, res.stdout)
		})
	}
}

// checkJSON checks that -o json printed one JSON document and -o jsonl one
// JSON object per line.
func checkJSON(t *testing.T, name string, args []string, out string) {
	t.Helper()
	switch {
	case strings.HasSuffix(name, ".json") && !json.Valid([]byte(out)):
		t.Errorf("sellercenter %s -o json is not one JSON document:\n%s", strings.Join(args, " "), out)
	case strings.HasSuffix(name, ".jsonl"):
		for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if !json.Valid([]byte(line)) || !strings.HasPrefix(line, "{") {
				t.Errorf("sellercenter %s line %d = %q, want a JSON object", strings.Join(args, " "), i+1, line)
			}
		}
	}
}

// TestCategoryTreeNested checks that -o json keeps the tree nested as the
// API sends it, down to the leaves the table indents deepest.
func TestCategoryTreeNested(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	args := []string{"categories", "tree", "-o", "json"}
	res := runTool(t, invocation{env: envFor(srv)}, args...)
	wantCode(t, args, res, exitOK)
	var tree []gen.CategoryTreeNode
	if err := json.Unmarshal([]byte(res.stdout), &tree); err != nil {
		t.Fatalf("sellercenter %s output does not parse: %v", strings.Join(args, " "), err)
	}
	var path []string
	var find func(nodes []gen.CategoryTreeNode, id int) bool
	find = func(nodes []gen.CategoryTreeNode, id int) bool {
		for _, n := range nodes {
			path = append(path, str(n.Name))
			if n.Id != nil && *n.Id == id {
				return true
			}
			if find(n.Children, id) {
				return true
			}
			path = path[:len(path)-1]
		}
		return false
	}
	if !find(tree, 311) || strings.Join(path, "/") != "Men/Clothing/Batik Shirts" {
		t.Errorf("sellercenter %s: category 311 at %q, want Men/Clothing/Batik Shirts", strings.Join(args, " "), strings.Join(path, "/"))
	}
}

// productJSON returns `products get --sku sku -o json` as printed.
func productJSON(t *testing.T, env map[string]string, sku string) productDetail {
	t.Helper()
	args := []string{"products", "get", "--sku", sku, "-o", "json"}
	res := runTool(t, invocation{env: env}, args...)
	wantCode(t, args, res, exitOK)
	var d productDetail
	if err := json.Unmarshal([]byte(res.stdout), &d); err != nil {
		t.Fatalf("sellercenter %s output does not parse: %v", strings.Join(args, " "), err)
	}
	return d
}

// stockOf returns the mock's stock figures of the product with a seller SKU.
func stockOf(t *testing.T, srv *sellercentertest.Server, sku string) gen.StockLevel {
	t.Helper()
	p, err := srv.ProductBySellerSku(sku)
	if err != nil {
		t.Fatal(err)
	}
	s, err := srv.Stock(p.Id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// priceOf returns the mock's price in a country of the product with a
// seller SKU.
func priceOf(t *testing.T, srv *sellercentertest.Server, sku, country string) gen.Price {
	t.Helper()
	p, err := srv.ProductBySellerSku(sku)
	if err != nil {
		t.Fatal(err)
	}
	pr, err := srv.Price(p.Id, country)
	if err != nil {
		t.Fatal(err)
	}
	return pr
}

// TestStockSet sets stock by SKU and checks the mock's state: the rows
// applied, the rows the API skips, and that an unknown SKU changes nothing.
func TestStockSet(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	env := envFor(srv)
	runSteps(t, env, []step{
		{args: []string{"stock", "set", "BTK-KWG-BL-S=5", "BTK-KWG-BL-L=17"},
			stdout: "SKU           PRODUCT  QUANTITY  RESULT\nBTK-KWG-BL-S  51001    5         set\nBTK-KWG-BL-L  51003    17        set\n"},
		// The marketplace holds the stock of SDL-LTH-42: the API skips it
		// and applies the other row.
		{args: []string{"stock", "set", "SDL-LTH-41=2", "SDL-LTH-42=1", "-o", "jsonl"}, code: exitFailure,
			stdout: `{"sellerSku":"SDL-LTH-41","productId":51008,"quantity":2,"applied":true,"outcome":"applied"}` + "\n" +
				`{"sellerSku":"SDL-LTH-42","productId":51009,"quantity":1,"applied":false,"outcome":"refused",` +
				`"reason":"the API skipped the product: it does not take its stock this way, for example when the marketplace holds it"}` + "\n",
			stderr: "sellercenter: 1 of 2 changes not applied: 1 refused\n"},
		{args: []string{"stock", "set", "BTK-PRG-RD-M=1", "NO-SUCH-SKU=3"}, code: exitFailure,
			stderr: `no product has the seller SKU "NO-SUCH-SKU"; nothing was changed`},
		{args: []string{"stock", "set", "-"}, stdin: "BTK-PRG-RD-L=0\nSGK-SCF-GLD=33\n",
			stdout: "SKU           PRODUCT  QUANTITY  RESULT\nBTK-PRG-RD-L  51005    0         set\nSGK-SCF-GLD   51006    33        set\n",
			stderr: "sellercenter: stock set: 2 of 2 applied\n"},
	})
	for sku, want := range map[string]int{
		"BTK-KWG-BL-S": 5, "BTK-KWG-BL-L": 17, "SDL-LTH-41": 2, "BTK-PRG-RD-M": 7, "BTK-PRG-RD-L": 0, "SGK-SCF-GLD": 33,
	} {
		got := stockOf(t, srv, sku)
		if got.Quantity != want {
			t.Errorf("after stock set, the mock's stock of %s = %d, want %d", sku, got.Quantity, want)
		}
	}
	// The tool reads the same figures back.
	d := productJSON(t, env, "BTK-KWG-BL-L")
	for _, s := range d.Stock {
		if s.SellerSku == "BTK-KWG-BL-L" && s.Quantity != 17 {
			t.Errorf("products get after stock set: BTK-KWG-BL-L quantity %d, want 17", s.Quantity)
		}
	}
}

// setSale gives the product with a seller SKU a sale running from a day
// ago for a month, through the API as a seller's other tools would.
func setSale(t *testing.T, srv *sellercentertest.Server, sku, country string, price, sale float64) {
	t.Helper()
	client, err := sellercenter.New(sellercenter.Config{BaseURL: srv.URL, TokenURL: srv.TokenURL, ClientID: srv.ClientID, ClientSecret: srv.ClientSecret})
	if err != nil {
		t.Fatal(err)
	}
	p, err := srv.ProductBySellerSku(sku)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	body := gen.PriceUpdate{Price: &price, SalePrice: &sale,
		SaleStartDate: sellercenter.Ptr(datetime.New(now.Add(-24 * time.Hour))), SaleEndDate: sellercenter.Ptr(datetime.New(now.Add(30 * 24 * time.Hour)))}
	resp, err := client.UpdateProductPriceWithResponse(context.Background(), p.Id, country, body)
	if err := sellercenter.Check(resp, err); err != nil {
		t.Fatalf("UpdateProductPrice(%s, %s) = %v", sku, country, err)
	}
}

// TestPricesSet sets prices by SKU: a running sale is kept unless
// --clear-sale is given, an ended one is dropped, a price the API refuses
// does not stop the others, and an unknown SKU changes nothing.
func TestPricesSet(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	env := envFor(srv)
	setSale(t, srv, "BTK-KWG-BL-M", "MY", 129.90, 109.90)
	runSteps(t, env, []step{
		{args: []string{"prices", "set", "--country", "my", "BTK-KWG-BL-M=119.90", "BTK-PRG-RD-M=149"},
			stdout: "SKU           PRODUCT  COUNTRY  PRICE   SALE PRICE  RESULT\n" +
				"BTK-KWG-BL-M  51002    MY       119.90  109.90      set\n" +
				"BTK-PRG-RD-M  51004    MY       149.00  -           set\n"},
	})
	if p := priceOf(t, srv, "BTK-KWG-BL-M", "MY"); p.SalePrice == nil || *p.SalePrice != 109.90 || p.SaleEndDate == nil || p.SaleEndDate.IsZero() {
		t.Errorf("after prices set, the mock's MY price of BTK-KWG-BL-M = %+v, want the sale at 109.90 kept with its dates", p)
	}
	runSteps(t, env, []step{
		// Category 311 caps MY prices at 2000: that row is refused, the
		// next one is set.
		{args: []string{"prices", "set", "--country", "MY", "BTK-KWG-BL-S=2500", "BTK-PRG-RD-L=139.5"}, code: exitFailure,
			stdout: "SKU           PRODUCT  COUNTRY  PRICE    SALE PRICE  RESULT\n" +
				"BTK-KWG-BL-S  51001    MY       2500.00  -           refused: PUT /api/v2/product/51001/prices/MY: HTTP 422 Unprocessable Entity: " +
				"Entity can not be processed: price: 2500 is above the category's max_price of 2000\n" +
				"BTK-PRG-RD-L  51005    MY       139.50   -           set\n",
			stderr: "sellercenter: 1 of 2 changes not applied: 1 refused; the first: PUT /api/v2/product/51001/prices/MY: HTTP 422"},
		{args: []string{"prices", "set", "--country", "SG", "BTK-KWG-BL-L=47.50"},
			stdout: "SKU           PRODUCT  COUNTRY  PRICE  SALE PRICE  RESULT\nBTK-KWG-BL-L  51003    SG       47.50  -           set\n"},
		// The seed's sale of BTK-KWG-BL-S ended in 2024: it is not sent back.
		{args: []string{"prices", "set", "--country", "MY", "BTK-KWG-BL-S=99"},
			stdout: "SKU           PRODUCT  COUNTRY  PRICE  SALE PRICE  RESULT\nBTK-KWG-BL-S  51001    MY       99.00  -           set\n"},
		{args: []string{"prices", "set", "--country", "MY", "SGK-SCF-GLD=1", "NOPE-1=2", "NOPE-2=3"}, code: exitFailure,
			stderr: `no product has the seller SKU "NOPE-1" and "NOPE-2"; nothing was changed`},
		{args: []string{"prices", "set", "--country", "MY", "--clear-sale", "-"}, stdin: "BTK-KWG-BL-M=115\n",
			stdout: "SKU           PRODUCT  COUNTRY  PRICE   SALE PRICE  RESULT\nBTK-KWG-BL-M  51002    MY       115.00  -           set\n"},
	})
	tests := []struct {
		sku, country string
		price        float64
	}{
		{"BTK-KWG-BL-M", "MY", 115},
		{"BTK-PRG-RD-M", "MY", 149},
		{"BTK-PRG-RD-L", "MY", 139.5},
		{"BTK-KWG-BL-L", "SG", 47.50},
		{"BTK-KWG-BL-S", "MY", 99},
		{"SGK-SCF-GLD", "MY", 89},
	}
	for _, tt := range tests {
		p := priceOf(t, srv, tt.sku, tt.country)
		if p.Price != tt.price || p.SalePrice != nil {
			t.Errorf("after prices set, the mock's %s price of %s = %+v, want %v without a sale", tt.country, tt.sku, p, tt.price)
		}
	}
}

// TestPricesSetRefusedJSON checks the per-row outcome scripts read.
func TestPricesSetRefusedJSON(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	args := []string{"prices", "set", "--country", "MY", "BTK-KWG-BL-S=2500", "BTK-PRG-RD-L=139.5", "-o", "json"}
	res := runTool(t, invocation{env: envFor(srv)}, args...)
	wantCode(t, args, res, exitFailure)
	var rows []priceResult
	if err := json.Unmarshal([]byte(res.stdout), &rows); err != nil {
		t.Fatalf("sellercenter %s output does not parse: %v\n%s", strings.Join(args, " "), err, res.stdout)
	}
	if len(rows) != 2 || rows[0].Outcome != sellercenter.SKURefused || rows[0].Reason == "" || rows[1].Outcome != sellercenter.SKUApplied {
		t.Errorf("sellercenter %s = %+v, want BTK-KWG-BL-S refused with its reason and BTK-PRG-RD-L set", strings.Join(args, " "), rows)
	}
}

// writeFile writes a file for an import in a test's directory.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestImportProducts uploads CSV files of each kind that matters and checks
// the report and the mock's state.
func TestImportProducts(t *testing.T) {
	t.Parallel()
	t.Run("stock", func(t *testing.T) {
		t.Parallel()
		srv := newMock(t, sellercentertest.Config{})
		file := writeFile(t, "stock.csv", "SellerSku,Quantity\nBTK-KWG-BL-S,44\nSGK-SCF-GLD,2\n")
		args := []string{"import", "products", "--kind", "stock", file}
		res := runTool(t, invocation{env: envFor(srv)}, args...)
		wantCode(t, args, res, exitOK)
		for _, want := range []string{"File         stock.csv\n", "Action       ProductStockUpdate\n", "Status       Finished\n", "Failed rows  0\n"} {
			if !strings.Contains(res.stdout, want) {
				t.Errorf("sellercenter %s stdout = %q, want it to contain %q", strings.Join(args, " "), res.stdout, want)
			}
		}
		if res.stderr != "" {
			t.Errorf("sellercenter %s stderr = %q, want nothing when stderr is not a terminal", strings.Join(args, " "), res.stderr)
		}
		for sku, want := range map[string]int{"BTK-KWG-BL-S": 44, "SGK-SCF-GLD": 2} {
			got := stockOf(t, srv, sku)
			if got.Quantity != want {
				t.Errorf("after the stock import, the mock's stock of %s = %d, want %d", sku, got.Quantity, want)
			}
		}
	})
	t.Run("create", func(t *testing.T) {
		t.Parallel()
		srv := newMock(t, sellercentertest.Config{})
		file := writeFile(t, "new.csv", "SellerSku,ParentSku,Name,Brand,PrimaryCategory,Price,Quantity,Variation,ColorFamily,Material,Description\n"+
			"BTK-NEW-GR-M,BTK-NEW-GR,Batik Shirt Sekar Green,Kedai Batik Nusantara,311,119.00,8,M,Natural,Cotton,<p>New</p>\n"+
			"BTK-NEW-GR-L,BTK-NEW-GR,Batik Shirt Sekar Green,Kedai Batik Nusantara,311,119.00,5,L,Natural,Cotton,<p>New</p>\n")
		args := []string{"import", "products", "--kind", "create", file, "-o", "json"}
		res := runTool(t, invocation{env: envFor(srv)}, args...)
		wantCode(t, args, res, exitOK)
		var report gen.FeedReport
		if err := json.Unmarshal([]byte(res.stdout), &report); err != nil {
			t.Fatalf("sellercenter %s output does not parse: %v", strings.Join(args, " "), err)
		}
		if report.Status != gen.FeedStateFinished || len(report.Errors) != 0 {
			t.Fatalf("sellercenter %s = %s, want a Finished feed without errors", strings.Join(args, " "), res.stdout)
		}
		d := productJSON(t, envFor(srv), "BTK-NEW-GR-L")
		if len(d.Products) != 2 || d.ProductSet.Name != "Batik Shirt Sekar Green" {
			t.Errorf("after the create import, products get BTK-NEW-GR-L = %+v, want set Batik Shirt Sekar Green with 2 products", d)
		}
		got := stockOf(t, srv, "BTK-NEW-GR-M")
		if got.Quantity != 8 {
			t.Errorf("after the create import, the mock's stock of BTK-NEW-GR-M = %d, want 8", got.Quantity)
		}
	})
	t.Run("row errors", func(t *testing.T) {
		t.Parallel()
		srv := newMock(t, sellercentertest.Config{})
		file := writeFile(t, "update.csv", "SellerSku,Price,Status\nBTK-PRG-RD-L,149.90,\nNO-SUCH-SKU,10,\nBTK-PRG-RD-M,,lost\n")
		args := []string{"import", "products", file}
		res := runTool(t, invocation{env: envFor(srv)}, args...)
		wantCode(t, args, res, exitFailure)
		for _, want := range []string{"Status       Finished\n", "Failed rows  2\n",
			"ROW  SKU           FIELD      SEVERITY  CODE  MESSAGE\n", "3    NO-SUCH-SKU   SellerSku  error", "4    BTK-PRG-RD-M  Status     error"} {
			if !strings.Contains(res.stdout, want) {
				t.Errorf("sellercenter %s stdout = %q, want it to contain %q", strings.Join(args, " "), res.stdout, want)
			}
		}
		if !strings.Contains(res.stderr, "import of update.csv (feed ") || !strings.Contains(res.stderr, ") ended Finished with errors in 2 rows") ||
			strings.Count(res.stderr, "\n") != 1 {
			t.Errorf("sellercenter %s stderr = %q, want one line saying 2 rows failed", strings.Join(args, " "), res.stderr)
		}
		// The good row was applied all the same.
		p := priceOf(t, srv, "BTK-PRG-RD-L", "MY")
		if p.Price != 149.90 {
			t.Errorf("after the update import, the mock's MY price of BTK-PRG-RD-L = %+v, want 149.90", p)
		}
	})
}

// pollClock is a mock clock that moves ten seconds with each feed status
// request served, so a feed's states are seen in turn without waiting.
type pollClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *pollClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *pollClock) tick(r sellercentertest.Request) {
	if r.Operation != "getFeedStatus" {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(10 * time.Second)
}

// TestImportProgress checks that the feed's state is drawn on a terminal
// only, and erased at the end. The mock's feed takes a minute, and its
// clock moves ten seconds a poll, so the tool sees the feed queued and
// processing (from half the delay on) before it ends.
func TestImportProgress(t *testing.T) {
	t.Parallel()
	for _, terminal := range []bool{false, true} {
		t.Run(map[bool]string{false: "pipe", true: "terminal"}[terminal], func(t *testing.T) {
			t.Parallel()
			clock := &pollClock{t: time.Date(2024, 11, 4, 9, 0, 0, 0, time.UTC)}
			srv := newMock(t, sellercentertest.Config{Now: clock.now, OnRequest: clock.tick, FeedDelay: time.Minute})
			file := writeFile(t, "stock.csv", "SellerSku,Quantity\nBTK-KWG-BL-S,3\n")
			args := []string{"import", "products", "--kind", "stock", file}
			res := runTool(t, invocation{env: envFor(srv), terminal: terminal}, args...)
			wantCode(t, args, res, exitOK)
			if !strings.Contains(res.stdout, "Status       Finished\n") {
				t.Errorf("sellercenter %s stdout = %q, want the Finished report", strings.Join(args, " "), res.stdout)
			}
			for _, state := range []string{"Queued", "Processing"} {
				drawn := strings.Contains(res.stderr, "\rimporting stock.csv: feed ") && strings.Contains(res.stderr, " "+state+", ")
				if drawn != terminal {
					t.Errorf("sellercenter %s with a terminal %v: stderr = %q, %s drawn %v", strings.Join(args, " "), terminal, res.stderr, state, drawn)
				}
			}
			if terminal && !strings.HasSuffix(res.stderr, "\r") {
				t.Errorf("sellercenter %s stderr = %q, want the progress line erased at the end", strings.Join(args, " "), res.stderr)
			}
		})
	}
}

// TestCatalogUsage checks that malformed catalog command lines exit 2
// before any request, naming what is wrong.
func TestCatalogUsage(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	env := envFor(srv)
	dir := t.TempDir()
	csvFile := writeFile(t, "ok.csv", "SellerSku,Quantity\nX,1\n")
	empty := writeFile(t, "empty.csv", "")
	txt := writeFile(t, "stock.txt", "SellerSku,Quantity\n")
	tests := []struct {
		args  []string
		stdin string
		want  string
	}{
		{[]string{"products", "lsit"}, "", `unknown command "lsit"`},
		{[]string{"products", "list", "--status", "gone"}, "", `--status "gone"`},
		{[]string{"products", "list", "--search", "ab"}, "", "at least 3 characters"},
		{[]string{"products", "list", "--limit", "0"}, "", "--limit"},
		{[]string{"brands", "--all", "--limit", "3"}, "", "--all and --limit"},
		{[]string{"products", "get"}, "", "product set ID or --sku"},
		{[]string{"products", "get", "7101", "--sku", "X"}, "", "not both"},
		{[]string{"products", "get", "BTK-KWG"}, "", `product set id "BTK-KWG" is not a positive whole number (use --sku`},
		{[]string{"stock", "set"}, "", "no SKU=QTY given"},
		{[]string{"stock", "set", "--file", "x.csv", "A=1"}, "", "not both"},
		{[]string{"stock", "set", "--file", filepath.Join(dir, "missing.csv")}, "", "cannot read"},
		{[]string{"stock", "set", "-"}, "A,1,2\n", "line 1 of stdin has 3 columns, want SKU,QTY"},
		{[]string{"stock", "set", "-"}, "A,\n", `"A," has no QTY`},
		{[]string{"stock", "set", "-"}, "\"A,1\n", "is not a CSV of SKU,QTY rows"},
		{[]string{"stock", "set", "--concurrency", "0", "A=1"}, "", "--concurrency 0"},
		{[]string{"stock", "set", "BTK-KWG-BL-S"}, "", `"BTK-KWG-BL-S" is not SKU=QTY`},
		{[]string{"stock", "set", "=4"}, "", "no SKU"},
		{[]string{"stock", "set", "BTK-KWG-BL-S="}, "", "no QTY"},
		{[]string{"stock", "set", "BTK-KWG-BL-S=-1"}, "", `quantity "-1"`},
		{[]string{"stock", "set", "BTK-KWG-BL-S=2.5"}, "", `quantity "2.5"`},
		{[]string{"stock", "set", "A=1", "A=2"}, "", "SKU A is given twice"},
		{[]string{"stock", "set", "-"}, " \n", "no SKU=QTY pairs or SKU,QTY rows in stdin"},
		{[]string{"stock", "set", "-"}, "A=1\nSellerSku,Quantity\nA,2\n", "SKU A is given twice"},
		{[]string{"prices", "set", "BTK-KWG-BL-S=10"}, "", `"country" not set`},
		{[]string{"prices", "set", "--country", "MYS", "BTK-KWG-BL-S=10"}, "", `--country "MYS"`},
		{[]string{"prices", "set", "--country", "MY", "BTK-KWG-BL-S=0"}, "", "above 0"},
		{[]string{"prices", "set", "--country", "MY", "BTK-KWG-BL-S=-5"}, "", `price "-5"`},
		{[]string{"prices", "set", "--country", "MY", "BTK-KWG-BL-S=12,50"}, "", "use a dot"},
		{[]string{"prices", "set", "--country", "MY", "BTK-KWG-BL-S=1e3"}, "", `price "1e3"`},
		{[]string{"prices", "set", "--country", "MY", "BTK-KWG-BL-S=NaN"}, "", `price "NaN"`},
		{[]string{"prices", "set", "--country", "MY", "BTK-KWG-BL-S=9.999"}, "", "more than two decimals"},
		{[]string{"import", "products"}, "", "accepts 1 arg"},
		{[]string{"import", "products", "--kind", "delete", csvFile}, "", `--kind "delete"`},
		{[]string{"import", "products", txt}, "", "not a .csv or .xlsx file"},
		{[]string{"import", "products", filepath.Join(dir, "missing.csv")}, "", "cannot read"},
		{[]string{"import", "products", empty}, "", "is empty"},
		{[]string{"attributes"}, "", `"category" not set`},
		{[]string{"attributes", "--category", "shoes"}, "", `--category "shoes"`},
		{[]string{"categories", "tree", "extra"}, "", `"extra"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			res := runTool(t, invocation{env: env, stdin: tt.stdin}, tt.args...)
			wantCode(t, tt.args, res, exitUsage)
			if !strings.Contains(res.stderr, tt.want) || strings.Count(res.stderr, "\n") != 1 {
				t.Errorf("sellercenter %s stderr = %q, want one line containing %q", strings.Join(tt.args, " "), res.stderr, tt.want)
			}
		})
	}
	// Nothing was sent: refused command lines cost no request.
	for _, op := range []string{"updateProductStock", "updateProductPrice", "importProductUpdates", "importStockUpdates", "listProductsBySellerSkus"} {
		if n := srv.Count(op); n != 0 {
			t.Errorf("after refused command lines, the mock served %s %d times, want 0", op, n)
		}
	}
}

// TestCatalogFailures checks what the writing commands say when the API or
// the network fails part way: what was done, what was not, and that an
// upload is never sent twice.
func TestCatalogFailures(t *testing.T) {
	t.Parallel()
	t.Run("upload lost", func(t *testing.T) {
		t.Parallel()
		srv := newMock(t, sellercentertest.Config{})
		if _, err := srv.DropConnections(sellercentertest.Scope{Operation: "importStockUpdates"}); err != nil {
			t.Fatal(err)
		}
		file := writeFile(t, "stock.csv", "SellerSku,Quantity\nBTK-KWG-BL-S,44\n")
		args := []string{"import", "products", "--kind", "stock", file}
		res := runTool(t, invocation{env: envFor(srv)}, args...)
		wantCode(t, args, res, exitOutcomeUnknown)
		if !strings.Contains(res.stderr, "the upload may have started a feed: check the feeds in SellerCenter before uploading stock.csv again") {
			t.Errorf("sellercenter %s stderr = %q, want a warning not to upload again unchecked", strings.Join(args, " "), res.stderr)
		}
		if n := srv.Count("importStockUpdates"); n != 1 {
			t.Errorf("sellercenter %s sent the upload %d times, want once", strings.Join(args, " "), n)
		}
	})
	t.Run("wait interrupted", func(t *testing.T) {
		t.Parallel()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		srv := newMock(t, sellercentertest.Config{FeedDelay: time.Hour, OnRequest: func(r sellercentertest.Request) {
			if r.Operation == "getFeedStatus" {
				cancel() // as Ctrl-C would, while the feed is queued
			}
		}})
		file := writeFile(t, "stock.csv", "SellerSku,Quantity\nBTK-KWG-BL-S,44\n")
		args := []string{"import", "products", "--kind", "stock", file}
		res := runTool(t, invocation{env: envFor(srv), ctx: ctx}, args...)
		wantCode(t, args, res, exitInterrupted)
		for _, want := range []string{"stock.csv was uploaded as feed ", "do not upload it again", "(interrupted)"} {
			if !strings.Contains(res.stderr, want) {
				t.Errorf("sellercenter %s stderr = %q, want it to contain %q", strings.Join(args, " "), res.stderr, want)
			}
		}
		if res.stdout != "" {
			t.Errorf("sellercenter %s stdout = %q, want no report for a feed still running", strings.Join(args, " "), res.stdout)
		}
	})
	t.Run("prices stop", func(t *testing.T) {
		t.Parallel()
		srv := newMock(t, sellercentertest.Config{})
		if _, err := srv.Fail(sellercentertest.Scope{Operation: "updateProductPrice", Count: 1}, 503, ""); err != nil {
			t.Fatal(err)
		}
		args := []string{"prices", "set", "--retries", "0", "--concurrency", "1", "--country", "MY", "BTK-PRG-RD-M=150", "BTK-PRG-RD-L=151"}
		res := runTool(t, invocation{env: envFor(srv)}, args...)
		wantCode(t, args, res, exitUnavailable)
		want := "SKU           PRODUCT  COUNTRY  PRICE   SALE PRICE  RESULT\n" +
			"BTK-PRG-RD-M  51004    MY       150.00  -           refused: PUT /api/v2/product/51004/prices/MY: HTTP 503 Service Unavailable: sellercentertest: injected failure\n" +
			"BTK-PRG-RD-L  51005    MY       151.00  -           not sent: an earlier request failed: PUT /api/v2/product/51004/prices/MY: HTTP 503 Service Unavailable: sellercentertest: injected failure\n"
		if res.stdout != want {
			t.Errorf("sellercenter %s stdout = %q, want %q", strings.Join(args, " "), res.stdout, want)
		}
		if !strings.Contains(res.stderr, "sellercenter: 2 of 2 changes not applied: 1 refused, 1 not sent; the first: PUT /api/v2/product/51004/prices/MY: HTTP 503") {
			t.Errorf("sellercenter %s stderr = %q, want it to say nothing was set", strings.Join(args, " "), res.stderr)
		}
		if n := srv.Count("updateProductPrice"); n != 1 {
			t.Errorf("sellercenter %s sent %d price updates, want 1", strings.Join(args, " "), n)
		}
		if p := priceOf(t, srv, "BTK-PRG-RD-L", "MY"); p.Price != 139.90 {
			t.Errorf("after the stopped prices set, the mock's MY price of BTK-PRG-RD-L = %+v, want 139.90 unchanged", p)
		}
	})
	t.Run("stock answered 500", func(t *testing.T) {
		t.Parallel()
		srv := newMock(t, sellercentertest.Config{})
		if _, err := srv.Fail(sellercentertest.Scope{Operation: "updateProductStock"}, 500, ""); err != nil {
			t.Fatal(err)
		}
		args := []string{"stock", "set", "--retries", "0", "BTK-PRG-RD-M=1"}
		res := runTool(t, invocation{env: envFor(srv)}, args...)
		// A 500 may come after the API applied the write, so the outcome is
		// unknown (exit 5), even though the mock's injected one did not.
		wantCode(t, args, res, exitOutcomeUnknown)
		if !strings.Contains(res.stdout, "BTK-PRG-RD-M  51004    1         unknown: PUT /api/v2/stock/product: HTTP 500") ||
			!strings.Contains(res.stderr, "1 unknown") || !strings.Contains(res.stderr, "read the SKUs shown as unknown back") {
			t.Errorf("sellercenter %s = stdout %q, stderr %q, want the 500 and that the stock may have been set", strings.Join(args, " "), res.stdout, res.stderr)
		}
		if s := stockOf(t, srv, "BTK-PRG-RD-M"); s.Quantity != 7 {
			t.Errorf("after the failed stock set, the mock's stock of BTK-PRG-RD-M = %d, want 7", s.Quantity)
		}
	})
}
