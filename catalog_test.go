package sellercenter_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
)

// catalogClient serves api under /api next to a token endpoint, and returns
// a client of it with retries and rate limiting off.
func catalogClient(t *testing.T, api http.Handler) *sellercenter.Client {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth/client-credentials", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"access_token":"catalog-token","token_type":"Bearer","expires_in":3600}`)
	})
	mux.Handle("/api/", http.StripPrefix("/api", api))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	c, err := sellercenter.New(sellercenter.Config{
		BaseURL:      srv.URL + "/api",
		TokenURL:     srv.URL + "/oauth/client-credentials",
		ClientID:     "catalog-app",
		ClientSecret: "catalog-secret",
		MaxRetries:   -1,
		RateLimit:    -1,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func writeCatalogJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

func TestCatalogIterators(t *testing.T) {
	t.Parallel()
	var setCalls, feedCalls atomic.Int32
	api := http.NewServeMux()
	// 25 product sets with a totalCount envelope.
	api.HandleFunc("GET /v2/product-sets", func(w http.ResponseWriter, r *http.Request) {
		setCalls.Add(1)
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		var items []string
		for i := offset; i < min(offset+limit, 25); i++ {
			items = append(items, fmt.Sprintf(`{"id":%d}`, i+1))
		}
		writeCatalogJSON(w, 200, fmt.Sprintf(`{"items":[%s],"pagination":{"limit":%d,"offset":%d,"totalCount":25}}`, strings.Join(items, ","), limit, offset))
	})
	// 41 feeds; the API allows pages of at most 20.
	api.HandleFunc("GET /v2/feeds", func(w http.ResponseWriter, r *http.Request) {
		feedCalls.Add(1)
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		if limit > 20 {
			writeCatalogJSON(w, 400, `{"title":"Validation Failed","violations":[{"propertyPath":"limit","title":"at most 20"}]}`)
			return
		}
		var items []string
		for i := offset; i < min(offset+limit, 41); i++ {
			items = append(items, fmt.Sprintf(`{"id":%d,"status":"Finished"}`, i+1))
		}
		writeCatalogJSON(w, 200, fmt.Sprintf(`{"items":[%s],"pagination":{"limit":%d,"offset":%d,"totalCount":41}}`, strings.Join(items, ","), limit, offset))
	})
	c := catalogClient(t, api)
	ctx := context.Background()

	var sets []int
	for set, err := range c.ProductSets(ctx, gen.ListProductSetsParams{Limit: 10}) {
		if err != nil {
			t.Fatalf("ProductSets() error = %v", err)
		}
		sets = append(sets, set.Id)
	}
	if len(sets) != 25 || sets[0] != 1 || sets[24] != 25 || setCalls.Load() != 3 {
		t.Errorf("ProductSets(limit 10) = %d sets in %d requests, want 25 in 3", len(sets), setCalls.Load())
	}

	feeds := 0
	for _, err := range c.Feeds(ctx, gen.ListFeedsParams{}) {
		if err != nil {
			t.Fatalf("Feeds() error = %v", err)
		}
		feeds++
	}
	if feeds != 41 || feedCalls.Load() != 3 {
		t.Errorf("Feeds() = %d feeds in %d requests, want 41 in 3 pages of 20", feeds, feedCalls.Load())
	}
}

func TestImport(t *testing.T) {
	t.Parallel()
	type upload struct {
		path, part, filename, contentType, content string
	}
	got := make(chan upload, 1)
	api := http.NewServeMux()
	api.HandleFunc("POST /v2/import/{kind}", func(w http.ResponseWriter, r *http.Request) {
		_, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err != nil {
			writeCatalogJSON(w, 400, `{"title":"not multipart"}`)
			return
		}
		part, err := multipart.NewReader(r.Body, params["boundary"]).NextPart()
		if err != nil {
			writeCatalogJSON(w, 400, `{"title":"no part"}`)
			return
		}
		b, _ := io.ReadAll(part)
		got <- upload{r.URL.Path, part.FormName(), part.FileName(), part.Header.Get("Content-Type"), string(b)}
		writeCatalogJSON(w, 201, `{"success":true,"message":"queued","feedId":7,"feedUuid":"060cef12-08ef-4ae6-b15e-79398fedc774"}`)
	})
	c := catalogClient(t, api)
	ctx := context.Background()

	const csv = "SellerSku;Quantity\nAAA1;5\n"
	accepted, err := c.Import(ctx, sellercenter.ImportStockUpdates, "dir/stock.CSV", strings.NewReader(csv))
	if err != nil {
		t.Fatalf("Import(stock.CSV) = %v, want nil", err)
	}
	if accepted.FeedUuid == "" || accepted.FeedUuid != "060cef12-08ef-4ae6-b15e-79398fedc774" {
		t.Errorf("Import(stock.CSV).FeedUuid = %v, want the feed's uuid", accepted.FeedUuid)
	}
	want := upload{"/v2/import/stock-update", "file1", "stock.CSV", "text/csv", csv}
	if u := <-got; u != want {
		t.Errorf("Import(stock.CSV) sent %+v, want %+v", u, want)
	}

	for _, name := range []string{"stock.txt", "stock", "stock.xls"} {
		if _, err := c.Import(ctx, sellercenter.ImportStockUpdates, name, strings.NewReader(csv)); !errors.Is(err, sellercenter.ErrImportFile) {
			t.Errorf("Import(%s) = %v, want ErrImportFile", name, err)
		}
	}
	if _, err := c.Import(ctx, "price-update", "p.csv", strings.NewReader(csv)); !errors.Is(err, sellercenter.ErrImportFile) {
		t.Errorf("Import(unknown kind) = %v, want ErrImportFile", err)
	}
	if _, err := c.Import(ctx, sellercenter.ImportNewProducts, "p.csv", iotestErrReader{}); !errors.Is(err, sellercenter.ErrImportFile) {
		t.Errorf("Import(unreadable file) = %v, want ErrImportFile", err)
	}
}

type iotestErrReader struct{}

func (iotestErrReader) Read([]byte) (int, error) { return 0, errors.New("disk gone") }

func TestImportXML(t *testing.T) {
	t.Parallel()
	api := http.NewServeMux()
	api.HandleFunc("POST /v2/import/product-stock-update-xml", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "text/xml")
		if strings.Contains(string(b), "<SellerSku>BAD</SellerSku>") {
			io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><ErrorResponse><Head><RequestAction>ProductStockUpdate</RequestAction><ErrorType>Sender</ErrorType><ErrorCode>1000</ErrorCode><ErrorMessage>Format Error Detected</ErrorMessage></Head><Body><ErrorDetail><Field>Quantity</Field><Message>Field must contain a positive number</Message><Value>-1</Value><SellerSku>BAD</SellerSku></ErrorDetail></Body></ErrorResponse>`)
			return
		}
		if !strings.HasPrefix(string(b), "<Request>") || r.Header.Get("Content-Type") != "text/xml" {
			w.WriteHeader(400)
			return
		}
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><SuccessResponse><Head><RequestId>cb106552-87f4-450b-8b4b-0ab5f7b9e1b6</RequestId><RequestAction>ProductStockUpdate</RequestAction><ResponseType></ResponseType><Timestamp>2023-05-26T17:26:50+0200</Timestamp></Head><Body/></SuccessResponse>`)
	})
	c := catalogClient(t, api)
	ctx := context.Background()

	ok, err := c.ImportXML(ctx, &gen.XmlStockUpdateRequest{Product: []gen.XmlStockChange{{SellerSku: "AAA1", Quantity: 5}}})
	if err != nil {
		t.Fatalf("ImportXML(stock) = %v, want nil", err)
	}
	if ok.Head == nil || ok.Head.RequestId == nil || *ok.Head.RequestId != "cb106552-87f4-450b-8b4b-0ab5f7b9e1b6" {
		t.Errorf("ImportXML(stock).Head = %+v, want the request id", ok.Head)
	}

	_, err = c.ImportXML(ctx, &gen.XmlStockUpdateRequest{Product: []gen.XmlStockChange{{SellerSku: "BAD", Quantity: -1}}})
	var le *sellercenter.LegacyError
	if !errors.As(err, &le) || le.Code != 1000 || len(le.Details) != 1 || *le.Details[0].SellerSku != "BAD" {
		t.Fatalf("ImportXML(bad) = %v, want a LegacyError 1000 naming BAD", err)
	}
	if !errors.Is(err, sellercenter.ErrValidation) || !strings.Contains(err.Error(), "BAD Quantity: Field must contain a positive number") {
		t.Errorf("ImportXML(bad) = %q, want ErrValidation naming the SKU and field", err)
	}

	if _, err := c.ImportXML(ctx, gen.XmlStockUpdateRequest{}); err == nil || !strings.Contains(err.Error(), "not gen.XmlStockUpdateRequest") {
		t.Errorf("ImportXML(value, not pointer) = %v, want an error naming the type", err)
	}
	if !errors.Is(err, sellercenter.ErrNotApplied) {
		t.Errorf("ImportXML(bad) = %v, want ErrNotApplied: the API refused it", err)
	}
}

// TestImportXMLCallFails: a call that gets no answer at all is an error,
// not a nil pointer dereference of the missing response (as it was).
func TestImportXMLCallFails(t *testing.T) {
	t.Parallel()
	api := http.NewServeMux()
	api.HandleFunc("POST /v2/import/", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
		conn, _, _ := w.(http.Hijacker).Hijack()
		_ = conn.Close()
	})
	c := catalogClient(t, api)
	for _, req := range []any{&gen.XmlStockUpdateRequest{}, &gen.XmlProductCreateRequest{}, &gen.XmlProductUpdateRequest{}} {
		_, err := c.ImportXML(context.Background(), req)
		if !errors.Is(err, sellercenter.ErrOutcomeUnknown) {
			t.Errorf("ImportXML(%T) over a dropped connection = %v, want ErrOutcomeUnknown", req, err)
		}
	}
}

func TestWaitForFeed(t *testing.T) {
	t.Parallel()
	const uuid = "060cef12-08ef-4ae6-b15e-79398fedc774"
	tests := []struct {
		name       string
		states     []string // answered in turn; the last one repeats
		rowErrors  bool
		wantStatus gen.FeedState
		wantErr    bool
		wantValid  bool // errors.Is(err, ErrValidation)
		wantPolls  int
	}{
		{name: "finished", states: []string{"Queued", "Processing", "Finished"}, wantStatus: gen.FeedStateFinished, wantPolls: 3},
		{name: "row errors", states: []string{"Processing", "Finished"}, rowErrors: true, wantStatus: gen.FeedStateFinished, wantErr: true, wantValid: true, wantPolls: 2},
		{name: "error", states: []string{"Error"}, wantStatus: gen.FeedStateError, wantErr: true, wantPolls: 1},
		{name: "canceled", states: []string{"Queued", "Canceled"}, wantStatus: gen.FeedStateCanceled, wantErr: true, wantPolls: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var polls atomic.Int32
			api := http.NewServeMux()
			api.HandleFunc("GET /v2/feed/{uuid}/status", func(w http.ResponseWriter, r *http.Request) {
				n := int(polls.Add(1))
				state := tt.states[min(n, len(tt.states))-1]
				errs := "[]"
				if tt.rowErrors {
					errs = `[{"sellerSku":"AAA1","fieldName":"Price","errorMessage":"must be positive","errorCode":3}]`
				}
				writeCatalogJSON(w, 200, fmt.Sprintf(`{"id":%q,"status":%q,"action":"ProductStockUpdate","errors":%s,"warnings":[]}`, r.PathValue("uuid"), state, errs))
			})
			c := catalogClient(t, api)
			var seen []gen.FeedState
			report, err := c.WaitForFeed(context.Background(), uuid, sellercenter.FeedWait{
				Interval: time.Millisecond, MaxInterval: 2 * time.Millisecond,
				OnPoll: func(r gen.FeedReport) { seen = append(seen, r.Status) },
			})
			if (err != nil) != tt.wantErr {
				t.Fatalf("WaitForFeed(%s) = %v, want error %v", tt.name, err, tt.wantErr)
			}
			if report.Status == "" || report.Status != tt.wantStatus || int(polls.Load()) != tt.wantPolls || len(seen) != tt.wantPolls {
				t.Errorf("WaitForFeed(%s) = %v after %d polls (%d seen), want %s after %d", tt.name, report.Status, polls.Load(), len(seen), tt.wantStatus, tt.wantPolls)
			}
			var fe *sellercenter.FeedError
			if tt.wantErr && (!errors.As(err, &fe) || fe.UUID != uuid) {
				t.Errorf("WaitForFeed(%s) = %v, want a *FeedError for %s", tt.name, err, uuid)
			}
			if errors.Is(err, sellercenter.ErrValidation) != tt.wantValid {
				t.Errorf("errors.Is(WaitForFeed(%s), ErrValidation) = %v, want %v", tt.name, !tt.wantValid, tt.wantValid)
			}
		})
	}

	t.Run("context ends first", func(t *testing.T) {
		t.Parallel()
		api := http.NewServeMux()
		api.HandleFunc("GET /v2/feed/{uuid}/status", func(w http.ResponseWriter, r *http.Request) {
			writeCatalogJSON(w, 200, `{"id":"x","status":"Processing"}`)
		})
		c := catalogClient(t, api)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		polls := 0
		_, err := c.WaitForFeed(ctx, uuid, sellercenter.FeedWait{
			Interval: time.Millisecond,
			OnPoll: func(gen.FeedReport) {
				if polls++; polls == 2 {
					cancel() // the caller gives up while the feed still runs
				}
			},
		})
		if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "still Processing") || polls != 2 {
			t.Errorf("WaitForFeed(cancelled after 2 polls) = %v after %d polls, want Canceled naming the last status after 2", err, polls)
		}
	})
}

func TestPrices(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		body    string
		want    []int // product ids
		wantErr bool
	}{
		{name: "one row, one object", body: `{"productId":7,"country":"SG","price":1.5}`, want: []int{7}},
		{name: "rows, a list", body: `[{"productId":7,"country":"SG"},{"productId":8,"country":"MY"}]`, want: []int{7, 8}},
		{name: "no rows", body: `[]`, want: []int{}},
		{name: "neither", body: `"ok"`, wantErr: true},
		{name: "a list of the wrong thing", body: `[1]`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var r gen.PriceUpdateResult
			if err := r.UnmarshalJSON([]byte(tt.body)); err != nil {
				t.Fatal(err)
			}
			got, err := sellercenter.Prices(r)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Prices(%s) error = %v, want error %t", tt.body, err, tt.wantErr)
			}
			ids := []int{}
			for _, p := range got {
				ids = append(ids, p.ProductId)
			}
			if err == nil && !slices.Equal(ids, tt.want) {
				t.Errorf("Prices(%s) = products %v, want %v", tt.body, ids, tt.want)
			}
		})
	}
}
