package main

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// TestBuiltInMockRateLimit checks that the built-in mock enforces the API's
// limit, so the CLI's own pacing is what keeps it from 429s: a quick burst
// past a second's worth of requests is refused.
func TestBuiltInMockRateLimit(t *testing.T) {
	t.Parallel()
	var stderr strings.Builder
	c := &cli{stderr: &stderr}
	cfg, err := c.startMock("test")
	if err != nil {
		t.Fatal(err)
	}
	defer c.srv.Close()
	// 50 loopback requests take far less than the 2/3 s that would refill
	// the 20 missing from the bucket.
	for range 50 {
		resp, err := http.Get(cfg.BaseURL + "/v2/health")
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	if got := c.srv.Throttled(); got == 0 {
		t.Errorf("built-in mock refused none of 50 quick requests, want its limit of %d/s on", sellercentertest.DefaultRateLimit)
	}
}
