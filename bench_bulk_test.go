package sellercenter_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// BenchmarkBulkStock sets the stock of 10,000 SKUs on the mock with 300 ms
// of latency on every operation, through a client with the default 30/s
// limiter: the SKU lookup (ProductIDs, 100 requests), then the writes with
// the ids it found (SetStock, 100 requests). The metrics:
//
//   - write-ratio: SKUs per second of the writes ÷ (100 × 30), the
//     issue's target of at least 0.9;
//   - e2e-ratio: the same over lookup and writes together, which can
//     reach 0.5 at most, since a lookup costs a request per 100 SKUs
//     too (a sync job keeps the ids: BulkOptions.ProductIDs);
//   - dup-writes: the mock's DuplicateWrites, target 0;
//   - 429s: the mock's answers of 429 (once it enforces the limit), target 0;
//   - stock-requests: updateProductStock requests per update, 100.
func BenchmarkBulkStock(b *testing.B) {
	const (
		skus    = 10_000
		latency = 300 * time.Millisecond
	)
	// The log keeps every request of many rounds (200 each), for the 429 count.
	mock, err := sellercentertest.NewServer(sellercentertest.Config{RequestLogSize: 100_000})
	if err != nil {
		b.Fatal(err)
	}
	defer mock.Close()
	names, _ := addBulkProducts(b, mock, "BENCH", skus)
	if _, err := mock.AddLatency(sellercentertest.Scope{}, latency); err != nil {
		b.Fatal(err)
	}
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.MaxIdleConnsPerHost = sellercenter.DefaultBulkConcurrency
	defer transport.CloseIdleConnections()
	c, err := sellercenter.New(sellercenter.Config{BaseURL: mock.URL, TokenURL: mock.TokenURL, ClientID: mock.ClientID,
		ClientSecret: mock.ClientSecret, HTTPClient: &http.Client{Transport: transport}})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	changes := make([]sellercenter.StockChange, skus)
	var lookup, write time.Duration
	round := 0
	for b.Loop() {
		round++
		for i, s := range names {
			// A new quantity each round, so that no write repeats the
			// last one by design and DuplicateWrites counts only
			// repeats of the client's own.
			changes[i] = sellercenter.StockChange{SellerSku: s, Quantity: round*skus + i}
		}
		start := time.Now()
		ids, err := c.ProductIDs(ctx, names, sellercenter.BulkOptions{})
		if err != nil {
			b.Fatal(err)
		}
		looked := time.Now()
		rs, err := c.SetStock(ctx, changes, sellercenter.BulkOptions{ProductIDs: ids})
		if err != nil {
			b.Fatalf("SetStock = %v (first result %+v)", err, rs[0])
		}
		lookup += looked.Sub(start)
		write += time.Since(looked)
	}
	ceiling := float64(sellercenter.MaxStockRows) * sellercenter.DefaultRateLimit
	b.ReportMetric(float64(skus*round)/write.Seconds()/ceiling, "write-ratio")
	b.ReportMetric(float64(skus*round)/(lookup+write).Seconds()/ceiling, "e2e-ratio")
	b.ReportMetric(float64(mock.DuplicateWrites()), "dup-writes")
	b.ReportMetric(float64(mock.Count("updateProductStock"))/float64(round), "stock-requests")
	tooMany := 0
	for _, r := range mock.Requests() {
		if r.Status == http.StatusTooManyRequests {
			tooMany++
		}
	}
	b.ReportMetric(float64(tooMany), "429s")
}
