package main

import (
	"context"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// watchedWriter is a stderr safe for a test to read while the tool runs; it
// closes seen when the text first contains want.
type watchedWriter struct {
	mu   sync.Mutex
	b    strings.Builder
	want string
	seen chan struct{}
}

func newWatchedWriter(want string) *watchedWriter {
	return &watchedWriter{want: want, seen: make(chan struct{})}
}

func (w *watchedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	had := strings.Contains(w.b.String(), w.want)
	w.b.Write(p)
	if !had && strings.Contains(w.b.String(), w.want) {
		close(w.seen)
	}
	return len(p), nil
}

func (w *watchedWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// startTool runs args in the background against srv with no deadline but
// ctx's, unlike runTool, whose own deadline would refuse every long wait.
func startTool(ctx context.Context, srv *sellercentertest.Server, stderr io.Writer, args ...string) <-chan int {
	env := envFor(srv)
	c := &cli{
		stdin: strings.NewReader(""), stdout: io.Discard, stderr: stderr,
		getenv:     func(k string) string { return env[k] },
		isTerminal: func(io.Writer) bool { return false },
		now:        time.Now,
		feedWait:   sellercenter.FeedWait{Interval: time.Millisecond, MaxInterval: time.Millisecond},
	}
	code := make(chan int, 1)
	go func() { code <- c.run(ctx, args) }()
	return code
}

// TestMaintenanceWaitIsAnnounced: in a maintenance window with
// Retry-After 120, the tool says what it waits for before it starts the
// (capped, 60 s) wait. The test stops the run once the line is out, so it
// never sleeps; the CLI cannot be given the library's fake clock, so the
// line is awaited for real, and comes at once.
func TestMaintenanceWaitIsAnnounced(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	srv.Maintenance("120")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stderr := newWatchedWriter("retrying in")
	start := time.Now()
	code := startTool(ctx, srv, stderr, "seller")
	select {
	case <-stderr.seen:
	case c := <-code:
		t.Fatalf("sellercenter seller ended with %d before announcing a wait; stderr:\n%s", c, stderr)
	case <-time.After(10 * time.Second):
		t.Fatalf("no waiting line within 10 s; stderr:\n%s", stderr)
	}
	if elapsed := time.Since(start); elapsed > 3*time.Second {
		t.Errorf("waiting line came after %v, want within 3 s", elapsed)
	}
	select {
	case c := <-code:
		t.Fatalf("sellercenter seller ended with %d right after the waiting line, want it waiting", c)
	default:
	}
	want := "sellercenter: maintenance: retrying in 60s (attempt 2 of 3, GET /api/v2/seller); the API asked for 2m\n"
	if got := stderr.String(); !strings.Contains(got, want) {
		t.Errorf("stderr =\n%s\nwant the line %q", got, want)
	}
	cancel()
	// Interrupted, the run ends with the answer it has (or as
	// interrupted): never as a success.
	if c := <-code; c == exitOK {
		t.Errorf("exit code after the interruption = %d, want a failure", c)
	}
}

// TestTimeoutBoundsTheCommand: --timeout bounds the whole command, so a
// maintenance answer asking for longer than it leaves ends the command at
// once, with exit 4 and the time to come back, and no waiting line. It
// takes no sleeping: the retry layer refuses the wait up front.
func TestTimeoutBoundsTheCommand(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		retryAfter string
		args       []string
		contains   []string
	}{
		{"Retry-After 120 past --timeout 5s", "120", []string{"seller", "--timeout", "5s"}, []string{"HTTP 503", "maintenance", "(retry after 2m0s, at "}},
		{"Retry-After 45 past --timeout 30s", "45", []string{"orders", "list", "--timeout", "30s"}, []string{"HTTP 503", "(retry after 45s, at "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newMock(t, sellercentertest.Config{})
			srv.Maintenance(tt.retryAfter)
			var stderr lockedBuilder
			start := time.Now()
			code := <-startTool(context.Background(), srv, &stderr, tt.args...)
			elapsed := time.Since(start)
			if code != exitUnavailable {
				t.Errorf("exit code = %d, want %d; stderr:\n%s", code, exitUnavailable, stderr.String())
			}
			if elapsed > 6*time.Second {
				t.Errorf("ended after %v, want by 6 s (at once)", elapsed)
			}
			for _, want := range tt.contains {
				if !strings.Contains(stderr.String(), want) {
					t.Errorf("stderr =\n%s\nwant it to contain %q", stderr.String(), want)
				}
			}
			if strings.Contains(stderr.String(), "retrying in") {
				t.Errorf("stderr announces a wait the deadline leaves no room for:\n%s", stderr.String())
			}
		})
	}
}

// TestTimeoutRanOut: a --timeout shorter than the work ends it with exit
// 4 and says which bound ran out.
func TestTimeoutRanOut(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	var stderr lockedBuilder
	code := <-startTool(context.Background(), srv, &stderr, "seller", "--timeout", "1ns")
	if code != exitUnavailable || !strings.Contains(stderr.String(), "(--timeout 1ns ran out)") {
		t.Errorf("exit code = %d, stderr = %q; want %d and the bound that ran out", code, stderr.String(), exitUnavailable)
	}
}

// lockedBuilder is a strings.Builder safe for concurrent writes.
type lockedBuilder struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuilder) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuilder) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestReportWait: waits of 2 s or more get one line on stderr, in the
// library's words; shorter ones pass in silence.
func TestReportWait(t *testing.T) {
	t.Parallel()
	tests := []struct {
		w    sellercenter.Wait
		want string
	}{
		{sellercenter.Wait{Reason: sellercenter.WaitMaintenance, Delay: time.Minute, Attempt: 2, MaxAttempts: 3, Method: "GET", Path: "/v2/seller"},
			"sellercenter: maintenance: retrying in 60s (attempt 2 of 3, GET /v2/seller)\n"},
		{sellercenter.Wait{Reason: sellercenter.WaitPoll, Delay: 2 * time.Second, Attempt: 3, Subject: "feed f-1", State: "Processing"},
			"sellercenter: feed f-1 Processing: checking again in 2s (poll 3)\n"},
		{sellercenter.Wait{Reason: sellercenter.WaitLimiter, Delay: 4 * time.Second, Attempt: 1, Method: "GET", Path: "/v2/orders"},
			"sellercenter: rate limiter: sending in 4s (GET /v2/orders)\n"},
		{sellercenter.Wait{Reason: sellercenter.WaitRetry, Delay: 1999 * time.Millisecond, Attempt: 2, MaxAttempts: 3, StatusCode: 502}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.w.String(), func(t *testing.T) {
			t.Parallel()
			var stderr strings.Builder
			c := &cli{stderr: &stderr, getenv: func(string) string { return "" }}
			c.reportWait(tt.w)
			if stderr.String() != tt.want {
				t.Errorf("reportWait(%+v) printed %q, want %q", tt.w, stderr.String(), tt.want)
			}
		})
	}
}
