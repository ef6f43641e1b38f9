package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/internal/sheet"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// TestVersion: --version and the version command print the library's
// version and start no mock.
func TestVersion(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"--version"}, {"version"}, {"version", "-o", "json"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			t.Parallel()
			res := runTool(t, invocation{env: map[string]string{}}, args...)
			wantCode(t, args, res, exitOK)
			if !strings.Contains(res.stdout, sellercenter.Version) || res.stderr != "" {
				t.Errorf("sellercenter %s = stdout %q stderr %q, want the version %s and nothing on stderr", strings.Join(args, " "), res.stdout, res.stderr, sellercenter.Version)
			}
		})
	}
}

// TestSubcommandSuggestions: a mistyped subcommand fails with exit 2 and,
// when one is close, the command meant, at every level of the tree.
func TestSubcommandSuggestions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"orders", "lst"}, `unknown command "lst" for "sellercenter orders"; did you mean: get, list`},
		{[]string{"orders", "lsit"}, `did you mean: list`},
		{[]string{"webhooks", "lsit"}, `unknown command "lsit" for "sellercenter webhooks"; did you mean: list`},
		{[]string{"finance", "statement"}, `did you mean: statements`},
		{[]string{"stock", "sett"}, `did you mean: get, set`},
		{[]string{"orders", "frobnicate"}, `unknown command "frobnicate" for "sellercenter orders" (see 'sellercenter orders --help')`},
		{[]string{"ordr"}, `did you mean: orders`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			res := runTool(t, invocation{env: map[string]string{}}, tt.args...)
			wantCode(t, tt.args, res, exitUsage)
			if !strings.Contains(res.stderr, tt.want) || res.stdout != "" {
				t.Errorf("sellercenter %s: stdout %q, stderr %q; want nothing and %q", strings.Join(tt.args, " "), res.stdout, res.stderr, tt.want)
			}
		})
	}
}

// TestMoreFollowGrammar: the note that a list stopped at --limit says "the
// first order" for one and "the first 2 orders" for more, for every list.
func TestMoreFollowGrammar(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"orders", "list", "--limit", "1"}, "showing the first order; more follow"},
		{[]string{"orders", "list", "--limit", "2"}, "showing the first 2 orders; more follow"},
		{[]string{"brands", "--limit", "1"}, "showing the first brand; more follow"},
		{[]string{"products", "list", "--limit", "1"}, "showing the first product set; more follow"},
		{[]string{"products", "list", "--limit", "3"}, "showing the first 3 product sets; more follow"},
		{[]string{"users", "list", "--limit", "1"}, "showing the first user; more follow"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			res := runTool(t, invocation{env: envFor(srv)}, tt.args...)
			wantCode(t, tt.args, res, exitOK)
			if !strings.Contains(res.stderr, tt.want) {
				t.Errorf("sellercenter %s stderr = %q, want %q", strings.Join(tt.args, " "), res.stderr, tt.want)
			}
		})
	}
	var b strings.Builder
	moreFollow(&b, 1, "manifests")
	if want := "sellercenter: showing the first manifest; more follow (use --all or a larger --limit)\n"; b.String() != want {
		t.Errorf("moreFollow(1, manifests) = %q, want %q", b.String(), want)
	}
}

// TestCancelReasonIgnoresCase: --reason matches a cancellation reason
// whatever its case; an unknown one is a usage error that names the valid
// reasons and 'sellercenter failure-reasons', not an API operation, and
// changes nothing.
func TestCancelReasonIgnoresCase(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, reason string
		code         int
		want         string
	}{
		{"lower case", "out of stock", exitOK, "5001  canceled"},
		{"blanks and mixed case", "  CUSTOMER Request ", exitOK, "5001  canceled"},
		{"unknown", "sold out", exitUsage, `--reason "sold out" is not a cancellation reason; use one of "Out of stock", "Customer request", "Wrong price", as 'sellercenter failure-reasons' lists`},
		{"a reason of another type", "Wrong size", exitUsage, `--reason "Wrong size" is not a cancellation reason`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			env := envFor(newMock(t, sellercentertest.Config{}))
			args := []string{"orders", "cancel", "5001", "--reason", tt.reason}
			res := runTool(t, invocation{env: env}, args...)
			wantCode(t, args, res, tt.code)
			if !strings.Contains(res.stdout+res.stderr, tt.want) || strings.Contains(res.stderr, "listFailureReasons") {
				t.Errorf("sellercenter %s = stdout %q stderr %q, want %q", strings.Join(args, " "), res.stdout, res.stderr, tt.want)
			}
			if tt.code != exitOK {
				// Nothing was cancelled: the item still takes a cancellation.
				again := []string{"orders", "cancel", "5001", "--reason", "Out of stock"}
				wantCode(t, again, runTool(t, invocation{env: env}, again...), exitOK)
			}
		})
	}
}

// TestDebugShowsTokenExchange: --debug logs the token request, accepted or
// refused, with its method, URL, status and duration, and never the secret
// or the token.
func TestDebugShowsTokenExchange(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	tests := []struct {
		name   string
		secret string
		code   int
		status string
	}{
		{"accepted", srv.ClientSecret, exitOK, "status=200"},
		{"refused", secret, exitAuth, "status=401"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			args := []string{"--debug", "--retries", "0", "seller"}
			res := runTool(t, invocation{env: with(envFor(srv), "SELLERCENTER_CLIENT_SECRET", tt.secret)}, args...)
			wantCode(t, args, res, tt.code)
			var record string
			for _, line := range strings.Split(res.stderr, "\n") {
				if strings.Contains(line, `msg="sellercenter: token request"`) {
					record = line
				}
			}
			for _, want := range []string{"method=POST", "url=" + srv.TokenURL, tt.status, "duration="} {
				if !strings.Contains(record, want) {
					t.Errorf("token record %q, want %q in it\nstderr: %s", record, want, res.stderr)
				}
			}
			if strings.Contains(res.stderr, tt.secret) || strings.Contains(res.stderr, "access_token") || strings.Contains(res.stderr, "Bearer") {
				t.Errorf("stderr %q shows the secret or the token", res.stderr)
			}
		})
	}
}

// TestStockGet reads stock by seller SKU, after a stock set on the same
// mock, and refuses unknown or blank SKUs before reading anything.
func TestStockGet(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	env := envFor(srv)
	set := []string{"stock", "set", "BTK-KWG-BL-L=7"}
	wantCode(t, set, runTool(t, invocation{env: env}, set...), exitOK)
	tests := []struct {
		args   []string
		code   int
		stdout []string
		stderr string
	}{
		{[]string{"stock", "get", "BTK-KWG-BL-L", "SDL-LTH-42", "BTK-KWG-BL-L"}, exitOK, []string{
			"SKU           PRODUCT  QUANTITY  RESERVED  AVAILABLE  NAME\n",
			"BTK-KWG-BL-L  51003    7         0         7          Batik Shirt Kawung Blue\n",
			"SDL-LTH-42    51009    0         0         10         Leather Sandals\n"}, ""},
		{[]string{"stock", "get", "SDL-LTH-42", "-o", "jsonl"}, exitOK, []string{`"sellerSku":"SDL-LTH-42"`, `"available":10`}, ""},
		{[]string{"stock", "get", "NOPE", "BTK-KWG-BL-L"}, exitFailure, nil, `sellercenter: no product has the seller SKU "NOPE"; no stock was read`},
		{[]string{"stock", "get", " "}, exitUsage, nil, "a seller SKU must not be blank"},
		{[]string{"stock", "get"}, exitUsage, nil, "requires at least 1 arg"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			res := runTool(t, invocation{env: env}, tt.args...)
			wantCode(t, tt.args, res, tt.code)
			for _, want := range tt.stdout {
				if !strings.Contains(res.stdout, want) {
					t.Errorf("sellercenter %s stdout = %q, want %q in it", strings.Join(tt.args, " "), res.stdout, want)
				}
			}
			if !strings.Contains(res.stderr, tt.stderr) || tt.code != exitOK && res.stdout != "" {
				t.Errorf("sellercenter %s = stdout %q stderr %q, want %q", strings.Join(tt.args, " "), res.stdout, res.stderr, tt.stderr)
			}
		})
	}
}

// TestLimitClamped: a --limit above the API's largest page is sent as that
// maximum, with a note on stderr; one within it is sent as is, silently.
func TestLimitClamped(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		op   string
		sent string
		note bool
	}{
		{[]string{"orders", "list", "--limit", "1000000"}, "listOrders", "100", true},
		{[]string{"orders", "list", "--limit", "100"}, "listOrders", "100", false},
		{[]string{"orders", "list", "--limit", "7"}, "listOrders", "7", false},
		{[]string{"manifests", "list", "--limit", "101"}, "listManifests", "100", true},
		{[]string{"webhooks", "callbacks", "https://hooks.kedaibatik.example/sellercenter", "--limit", "5000"}, "listWebhookCallbacks", "100", true},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			srv := newMock(t, sellercentertest.Config{})
			res := runTool(t, invocation{env: envFor(srv)}, tt.args...)
			wantCode(t, tt.args, res, exitOK)
			var sent []string
			for _, r := range srv.Requests() {
				if r.Operation == tt.op {
					sent = append(sent, r.Query.Get("limit"))
				}
			}
			if len(sent) != 1 || sent[0] != tt.sent {
				t.Errorf("sellercenter %s sent limits %q, want one request with %s", strings.Join(tt.args, " "), sent, tt.sent)
			}
			note := "is above the API's maximum page of 100: asking for 100"
			if got := strings.Contains(res.stderr, note); got != tt.note {
				t.Errorf("sellercenter %s stderr = %q; note %q shown: %v, want %v", strings.Join(tt.args, " "), res.stderr, note, got, tt.note)
			}
		})
	}
}

// TestFileRows numbers the rows of a CSV import file by seller SKU as a
// spreadsheet does, whatever its separator, and gives up on other files.
func TestFileRows(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, file, content string
		want                map[string]string
	}{
		{"comma", "a.csv", "SellerSku,Price\nA-1,10\nB-2,20\nA-1,11\n", map[string]string{"A-1": "2,4", "B-2": "3", "C-3": "-"}},
		{"semicolon, BOM, other column order", "b.CSV", "\xef\xbb\xbfPrice;sellersku\n10;A-1\n20; B-2 \n", map[string]string{"A-1": "2", "B-2": "3"}},
		{"tab", "c.csv", "SellerSku\tQuantity\nA-1\t5\n", map[string]string{"A-1": "2"}},
		{"no SKU column", "d.csv", "Price,Status\n10,active\n", map[string]string{"A-1": "-"}},
		{"XLSX", "f.xlsx", string(sheet.WriteXLSX([][]string{{"Quantity", "SellerSku"}, {"5", "A-1"}, {"", ""}, {"7", "B-2"}})),
			map[string]string{"A-1": "2", "B-2": "4"}},
		{"not XLSX", "e.xlsx", "PK\x03\x04", map[string]string{"A-1": "-"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rows := fileRows(writeFile(t, tt.file, tt.content))
			for sku, want := range tt.want {
				if got := rowText(rows, sku); got != want {
					t.Errorf("row of %s = %q, want %q", sku, got, want)
				}
			}
		})
	}
}

// TestBrandCategoryNames: products tables show brand and category names
// beside their ids from one lookup per command, whatever the rows; JSON
// needs none; a failed lookup shows the ids alone and says why.
func TestBrandCategoryNames(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		args   []string
		fail   string // an operation the mock refuses
		stdout []string
		stderr string
		tree   int // getCategoryTree requests
		brand  int // getBrand requests
	}{
		{"list", []string{"products", "list", "--all"}, "", []string{"Kawung Blue active 311 Batik Shirts 2024", "Silk Scarf active 221 Scarves & Masks 2024"}, "", 1, 0},
		{"get", []string{"products", "get", "7103"}, "", []string{"Brand 203 ", "Category 221 Scarves & Masks Created"}, "", 1, 1},
		{"json", []string{"products", "get", "7103", "-o", "json"}, "", []string{`"brandId": 203`}, "", 0, 0},
		{"tree refused", []string{"products", "list", "--limit", "1"}, "getCategoryTree", []string{"Kawung Blue active 311 2024"}, "sellercenter: showing category ids without names: ", 1, 0},
		{"brand refused", []string{"products", "get", "7101"}, "getBrand", []string{"Brand 201 Category 311 Batik Shirts Created"}, "sellercenter: showing brand ids without names: ", 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newMock(t, sellercentertest.Config{})
			if tt.fail != "" {
				if _, err := srv.Fail(sellercentertest.Scope{Operation: tt.fail}, 403, ""); err != nil {
					t.Fatal(err)
				}
			}
			res := runTool(t, invocation{env: envFor(srv)}, tt.args...)
			wantCode(t, tt.args, res, exitOK)
			words := strings.Join(strings.Fields(res.stdout), " ") // column widths aside
			for _, want := range tt.stdout {
				if !strings.Contains(words, want) {
					t.Errorf("sellercenter %s stdout = %q, want %q in it", strings.Join(tt.args, " "), res.stdout, want)
				}
			}
			if !strings.Contains(res.stderr, tt.stderr) {
				t.Errorf("sellercenter %s stderr = %q, want %q in it", strings.Join(tt.args, " "), res.stderr, tt.stderr)
			}
			if n, m := srv.Count("getCategoryTree"), srv.Count("getBrand"); n != tt.tree || m != tt.brand {
				t.Errorf("sellercenter %s looked the category tree up %d times and brands %d times, want %d and %d", strings.Join(tt.args, " "), n, m, tt.tree, tt.brand)
			}
		})
	}
}

// TestSaleShownByState: products get tells a running sale from one that
// ended or has not begun, on the tool's clock.
func TestSaleShownByState(t *testing.T) {
	t.Parallel()
	at := func(s string) *datetime.Time {
		if s == "" {
			return nil
		}
		ts, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		v := datetime.New(ts)
		return &v
	}
	sale := 109.9
	now := time.Date(2024, 11, 15, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name       string
		start, end string
		want       string
	}{
		{"running", "2024-11-01", "2024-11-30", "sale 109.90 until 2024-11-30"},
		{"ended", "2024-10-01", "2024-11-14", "sale 109.90 ended 2024-11-14"},
		{"ended this morning", "", "2024-11-15", "sale 109.90 ended 2024-11-15"},
		{"not begun", "2024-12-01", "2024-12-31", "sale 109.90 from 2024-12-01 until 2024-12-31"},
		{"open-ended", "", "", "sale 109.90"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := gen.Price{SalePrice: &sale, SaleStartDate: at(tt.start), SaleEndDate: at(tt.end)}
			if got := saleText(p, now); got != tt.want {
				t.Errorf("saleText() = %q, want %q", got, tt.want)
			}
		})
	}
	// The seeded MY sale of BTK-KWG-BL-M runs until 2024-11-30.
	srv := newMock(t, sellercentertest.Config{})
	for _, tt := range []struct {
		now  time.Time
		want string
	}{
		{now, "MY 129.90 (sale 109.90 until 2024-11-30)"},
		{time.Date(2024, 12, 1, 0, 0, 0, 0, time.UTC), "MY 129.90 (sale 109.90 ended 2024-11-30)"},
	} {
		args := []string{"products", "get", "--sku", "BTK-KWG-BL-M"}
		res := runTool(t, invocation{env: envFor(srv), now: func() time.Time { return tt.now }}, args...)
		wantCode(t, args, res, exitOK)
		if !strings.Contains(res.stdout, tt.want) {
			t.Errorf("on %v, sellercenter %s stdout = %q, want %q in it", tt.now, strings.Join(args, " "), res.stdout, tt.want)
		}
	}
}

// TestFeedsCommands lists the seeded feeds, shows one with its row error,
// waits for feeds that ended cleanly or not, and refuses a malformed UUID
// before sending anything.
func TestFeedsCommands(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	env := envFor(srv)
	tests := []struct {
		args   []string
		code   int
		stdout []string
		stderr string
	}{
		{[]string{"feeds", "list"}, exitOK, []string{"ID ACTION STATUS SOURCE ROWS PROCESSED FAILED CREATED", "32 ProductUpdate Finished API 2 2 1 2024-09-29"}, ""},
		{[]string{"feeds", "list", "--limit", "1"}, exitOK, []string{"33 ProductCreate Canceled"}, "showing the first feed; more follow"},
		{[]string{"feeds", "get", feedWithErrorsUUID}, exitOK, []string{"Failed rows 1", "- BTK-OLD-XL SellerSku error 3"}, ""},
		{[]string{"feeds", "wait", feedExampleUUID}, exitOK, []string{"Status Finished", "Failed rows 0"}, ""},
		{[]string{"feeds", "wait", feedWithErrorsUUID}, exitFailure, []string{"Failed rows 1"}, "sellercenter: feed " + feedWithErrorsUUID + " ended Finished with errors in 1 row\n"},
		{[]string{"feeds", "get", "5e11e0c6-0000-4009-8006-0000000fffff"}, exitFailure, nil, "HTTP 404"},
		{[]string{"feeds", "wait", "42"}, exitUsage, nil, `"42" is not a feed UUID`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			res := runTool(t, invocation{env: env}, tt.args...)
			wantCode(t, tt.args, res, tt.code)
			words := strings.Join(strings.Fields(res.stdout), " ")
			for _, want := range tt.stdout {
				if !strings.Contains(words, want) {
					t.Errorf("sellercenter %s stdout = %q, want %q in it", strings.Join(tt.args, " "), res.stdout, want)
				}
			}
			if !strings.Contains(res.stderr, tt.stderr) {
				t.Errorf("sellercenter %s stderr = %q, want %q in it", strings.Join(tt.args, " "), res.stderr, tt.stderr)
			}
		})
	}
	t.Run("an import followed by feeds wait", func(t *testing.T) {
		t.Parallel()
		srv := newMock(t, sellercentertest.Config{FeedDelay: time.Hour})
		env := envFor(srv)
		// Stop the tool once it polls the feed, which runs on in the mock.
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		go func() {
			for srv.Count("getFeedStatus") == 0 && ctx.Err() == nil {
				time.Sleep(time.Millisecond)
			}
			cancel()
		}()
		file := writeFile(t, "stock.csv", "SellerSku,Quantity\nBTK-KWG-BL-M,12\n")
		args := []string{"import", "products", "--kind", "stock", file}
		res := runTool(t, invocation{env: env, ctx: ctx}, args...)
		if res.code == exitOK || !strings.Contains(res.stderr, "follow it with 'sellercenter feeds wait ") {
			t.Fatalf("sellercenter %s stopped early = exit %d, stderr %q; want a pointer to feeds wait", strings.Join(args, " "), res.code, res.stderr)
		}
		uuid := res.stderr[strings.Index(res.stderr, "feeds wait ")+len("feeds wait ") : strings.LastIndex(res.stderr, "'")]
		wait := []string{"feeds", "get", uuid}
		res = runTool(t, invocation{env: env}, wait...)
		wantCode(t, wait, res, exitOK)
		if !strings.Contains(res.stdout, "Action       ProductStockUpdate") {
			t.Errorf("sellercenter %s stdout = %q, want the import's feed", strings.Join(wait, " "), res.stdout)
		}
	})
}
