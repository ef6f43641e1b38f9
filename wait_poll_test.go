package sellercenter_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter"
)

// TestPollsReportEachWait checks that WaitForFeed and WaitForExport tell
// Config.OnWait of each pause between two status reads, with the state
// last read.
func TestPollsReportEachWait(t *testing.T) {
	t.Parallel()
	var feedPolls, exportPolls atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth/client-credentials", func(w http.ResponseWriter, r *http.Request) {
		writeCatalogJSON(w, 200, `{"access_token":"poll-token","token_type":"Bearer","expires_in":3600}`)
	})
	mux.HandleFunc("GET /api/v2/feed/{uuid}/status", func(w http.ResponseWriter, r *http.Request) {
		state := []string{"Queued", "Processing", "Finished"}[min(int(feedPolls.Add(1)), 3)-1]
		writeCatalogJSON(w, 200, fmt.Sprintf(`{"id":%q,"status":%q,"action":"ProductStockUpdate","errors":[],"warnings":[]}`, r.PathValue("uuid"), state))
	})
	mux.HandleFunc("GET /api/v2/exports/{id}", func(w http.ResponseWriter, r *http.Request) {
		state := []string{"Processing", "Finished"}[min(int(exportPolls.Add(1)), 2)-1]
		writeCatalogJSON(w, 200, fmt.Sprintf(`{"id":42,"status":%q,"uuid":"f1","isDeleted":false}`, state))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	var mu sync.Mutex
	var lines []string
	c, err := sellercenter.New(sellercenter.Config{
		BaseURL: srv.URL + "/api", TokenURL: srv.URL + "/oauth/client-credentials",
		ClientID: "poll-app", ClientSecret: "poll-secret", RateLimit: -1,
		OnWait: func(w sellercenter.Wait) {
			mu.Lock()
			defer mu.Unlock()
			lines = append(lines, w.String())
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := c.WaitForFeed(ctx, "f-1", sellercenter.FeedWait{Interval: time.Millisecond, MaxInterval: 2 * time.Millisecond}); err != nil {
		t.Fatalf("WaitForFeed() = %v", err)
	}
	if _, err := c.WaitForExport(ctx, 42, sellercenter.ExportWait{Interval: time.Millisecond}); err != nil {
		t.Fatalf("WaitForExport() = %v", err)
	}
	want := []string{
		"feed f-1 Queued: checking again in 1ms (poll 2)",
		"feed f-1 Processing: checking again in 2ms (poll 3)",
		"export 42 Processing: checking again in 1ms (poll 2)",
	}
	if !slices.Equal(lines, want) {
		t.Errorf("waits reported =\n%q\nwant\n%q", lines, want)
	}
}
