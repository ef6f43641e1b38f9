package main

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// result is what one in-process run of the tool produced.
type result struct {
	code           int
	stdout, stderr string
}

// invocation describes one run of the tool.
type invocation struct {
	env      map[string]string
	stdin    string
	terminal bool // whether stderr is taken for a terminal
	// ctx, if set, is the run's context, so a test can interrupt it.
	ctx context.Context
	// now, if set, is the tool's clock; else time.Now.
	now func() time.Time
}

// testTZ is the zone every run shows times in unless inv.env sets TZ, so
// tables are the same on every machine. It is the demo seller's zone
// (+08:00, no daylight saving time).
const testTZ = "Asia/Kuala_Lumpur"

// runTool runs the whole command line in-process, as main would, with the
// environment in inv.env only (and TZ, testTZ unless inv.env sets it).
func runTool(t *testing.T, inv invocation, args ...string) result {
	t.Helper()
	var stdout, stderr strings.Builder
	c := &cli{
		stdin:  strings.NewReader(inv.stdin),
		stdout: &stdout,
		stderr: &stderr,
		getenv: func(k string) string {
			if v, ok := inv.env[k]; ok || k != "TZ" {
				return v
			}
			return testTZ
		},
		isTerminal: func(w io.Writer) bool {
			return inv.terminal && w == io.Writer(&stderr)
		},
		now: inv.now,
		// Feeds of the mock end on the first poll after their delay;
		// polling every millisecond keeps tests fast.
		feedWait: sellercenter.FeedWait{Interval: time.Millisecond, MaxInterval: time.Millisecond},
	}
	if c.now == nil {
		c.now = time.Now
	}
	parent := inv.ctx
	if parent == nil {
		parent = context.Background()
	}
	ctx, cancel := context.WithTimeout(parent, 30*time.Second)
	defer cancel()
	code := c.run(ctx, args)
	return result{code: code, stdout: stdout.String(), stderr: stderr.String()}
}

// newMock starts a seeded fake SellerCenter that fails the test when it
// breaks the OpenAPI document.
func newMock(t *testing.T, cfg sellercentertest.Config) *sellercentertest.Server {
	t.Helper()
	if cfg.OnViolation == nil {
		cfg.OnViolation = func(err error) { t.Errorf("mock response violates the OpenAPI document: %v", err) }
	}
	srv, err := sellercentertest.NewServer(cfg)
	if err != nil {
		t.Fatalf("sellercentertest.NewServer() = %v", err)
	}
	t.Cleanup(srv.Close)
	return srv
}

// envFor is the environment that points the tool at srv.
func envFor(srv *sellercentertest.Server) map[string]string {
	return map[string]string{
		"SELLERCENTER_BASE_URL":      srv.URL,
		"SELLERCENTER_TOKEN_URL":     srv.TokenURL,
		"SELLERCENTER_CLIENT_ID":     srv.ClientID,
		"SELLERCENTER_CLIENT_SECRET": srv.ClientSecret,
	}
}

// with returns a copy of env with the changes applied; an empty value
// removes the variable.
func with(env map[string]string, changes ...string) map[string]string {
	out := make(map[string]string, len(env))
	for k, v := range env {
		out[k] = v
	}
	for i := 0; i+1 < len(changes); i += 2 {
		if changes[i+1] == "" {
			delete(out, changes[i])
		} else {
			out[changes[i]] = changes[i+1]
		}
	}
	return out
}

// wantCode fails the test unless res ended with code.
func wantCode(t *testing.T, args []string, res result, code int) {
	t.Helper()
	if res.code != code {
		t.Fatalf("sellercenter %s = exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), res.code, code, res.stdout, res.stderr)
	}
}

// secret is a client secret no test output may contain.
const secret = "s3cr3t-never-printed-7f2c9a"
