package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// closedPortURL returns a loopback URL nothing listens on.
func closedPortURL(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr + "/api"
}

// TestExitCodes runs one command line per failure class and checks the exit
// code and that the error is one line on stderr naming what went wrong.
// Faults use --retries 0, so no test waits out a backoff.
func TestExitCodes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		// fault, if set, injects a fault into the test's own mock.
		fault func(t *testing.T, srv *sellercentertest.Server)
		// env changes the mock's environment (name, value pairs; an empty
		// value unsets).
		env      func(t *testing.T, srv *sellercentertest.Server) []string
		args     []string
		code     int
		contains []string
		absent   []string
	}{
		{name: "ok", args: []string{"health"}, code: exitOK},
		{name: "not found", args: []string{"orders", "get", "99999"}, code: exitFailure,
			contains: []string{"HTTP 404", "order 99999 does not exist"}},
		{name: "illegal status change", args: []string{"orders", "ship", "5001"}, code: exitFailure,
			contains: []string{"HTTP 422", "5001", "pending"}},
		{name: "server error", args: []string{"seller", "--retries", "0"}, code: exitFailure,
			fault: func(t *testing.T, srv *sellercentertest.Server) {
				if _, err := srv.Fail(sellercentertest.Scope{Operation: "getSeller"}, 500, ""); err != nil {
					t.Fatal(err)
				}
			},
			contains: []string{"HTTP 500"}},
		{name: "unknown command", args: []string{"ordres"}, code: exitUsage, contains: []string{`unknown command "ordres"`}},
		{name: "unknown subcommand", args: []string{"orders", "lsit"}, code: exitUsage, contains: []string{`unknown command "lsit"`}},
		{name: "unknown flag", args: []string{"orders", "list", "--colour"}, code: exitUsage, contains: []string{"--colour"}},
		{name: "missing argument", args: []string{"orders", "get"}, code: exitUsage, contains: []string{"accepts 1 arg"}},
		{name: "extra argument", args: []string{"health", "now"}, code: exitUsage, contains: []string{`"now"`}},
		{name: "secret as an argument", args: []string{"seller", secret}, code: exitUsage, contains: []string{"[REDACTED]"}},
		{name: "bad order id", args: []string{"orders", "get", "MY-32001001"}, code: exitUsage, contains: []string{"order id", "MY-32001001"}},
		{name: "bad item id", args: []string{"orders", "ship", "5001", "x"}, code: exitUsage, contains: []string{`order item id "x"`}},
		{name: "item id twice", args: []string{"orders", "ship", "5001", "5001"}, code: exitUsage, contains: []string{"5001 is given twice"}},
		{name: "bad status", args: []string{"orders", "list", "--status", "lost"}, code: exitUsage, contains: []string{`--status "lost"`, "ready_to_ship"}},
		{name: "bad section", args: []string{"orders", "list", "--section", "status_lost"}, code: exitUsage, contains: []string{`--section "status_lost"`}},
		{name: "status and section", args: []string{"orders", "list", "--status", "pending", "--section", "group_air"}, code: exitUsage,
			contains: []string{"status", "section"}},
		{name: "bad date", args: []string{"orders", "list", "--created-after", "yesterday"}, code: exitUsage, contains: []string{"--created-after", "yesterday"}},
		{name: "dates reversed", args: []string{"orders", "list", "--created-after", "2024-10-02", "--created-before", "2024-10-01"}, code: exitUsage,
			contains: []string{"later than"}},
		{name: "limit zero", args: []string{"orders", "list", "--limit", "0"}, code: exitUsage, contains: []string{"--limit"}},
		{name: "limit and all", args: []string{"orders", "list", "--limit", "5", "--all"}, code: exitUsage, contains: []string{"limit", "all"}},
		{name: "bad output", args: []string{"seller", "-o", "yaml"}, code: exitUsage, contains: []string{`"yaml"`}},
		{name: "negative retries", args: []string{"seller", "--retries", "-1"}, code: exitUsage, contains: []string{"--retries"}},
		{name: "cancel without reason", args: []string{"orders", "cancel", "5001"}, code: exitUsage, contains: []string{"reason"}},
		{name: "cancel with blank reason", args: []string{"orders", "cancel", "5001", "--reason", " "}, code: exitUsage, contains: []string{"--reason"}},
		{name: "export without out", args: []string{"orders", "export"}, code: exitUsage, contains: []string{"out"}},
		{name: "mock and flags", args: []string{"seller", "--mock", "--client-id", "x"}, code: exitUsage, contains: []string{"--mock", "--client-id"}},
		{name: "partial configuration", args: []string{"seller"}, code: exitUsage,
			env:      func(*testing.T, *sellercentertest.Server) []string { return []string{"SELLERCENTER_TOKEN_URL", ""} },
			contains: []string{"incomplete configuration", "SELLERCENTER_TOKEN_URL"}},
		{name: "plain http to a remote host", args: []string{"seller"}, code: exitUsage,
			env: func(*testing.T, *sellercentertest.Server) []string {
				return []string{"SELLERCENTER_BASE_URL", "http://sellercenter-api.example.com"}
			},
			contains: []string{"https"}},
		{name: "wrong secret", args: []string{"seller"}, code: exitAuth,
			env: func(*testing.T, *sellercentertest.Server) []string {
				return []string{"SELLERCENTER_CLIENT_SECRET", "wrong-" + secret}
			},
			contains: []string{"invalid_client", "SELLERCENTER_CLIENT_SECRET"}},
		{name: "unknown client", args: []string{"seller"}, code: exitAuth,
			env: func(*testing.T, *sellercentertest.Server) []string {
				return []string{"SELLERCENTER_CLIENT_ID", "someone-else"}
			},
			contains: []string{"invalid_client"}},
		{name: "API rejects the token", args: []string{"seller"}, code: exitAuth,
			fault: func(t *testing.T, srv *sellercentertest.Server) {
				if _, err := srv.Fail(sellercentertest.Scope{Operation: "getSeller"}, 401, ""); err != nil {
					t.Fatal(err)
				}
			},
			contains: []string{"HTTP 401"}},
		{name: "maintenance", args: []string{"orders", "list", "--retries", "0"}, code: exitUnavailable,
			fault:    func(t *testing.T, srv *sellercentertest.Server) { srv.Maintenance("120") },
			contains: []string{"HTTP 503", "retry after 2m0s"}},
		{name: "rate limited", args: []string{"orders", "list", "--retries", "0"}, code: exitUnavailable,
			fault: func(t *testing.T, srv *sellercentertest.Server) {
				if _, err := srv.Fail(sellercentertest.Scope{Operation: "listOrders"}, 429, "1"); err != nil {
					t.Fatal(err)
				}
			},
			contains: []string{"HTTP 429"}},
		{name: "bad gateway", args: []string{"orders", "get", "1001", "--retries", "0"}, code: exitUnavailable,
			fault: func(t *testing.T, srv *sellercentertest.Server) {
				if _, err := srv.Fail(sellercentertest.Scope{Operation: "getOrder"}, 502, ""); err != nil {
					t.Fatal(err)
				}
			},
			contains: []string{"HTTP 502"}},
		{name: "network failure", args: []string{"seller", "--retries", "0"}, code: exitUnavailable,
			env: func(t *testing.T, _ *sellercentertest.Server) []string {
				return []string{"SELLERCENTER_BASE_URL", closedPortURL(t)}
			},
			contains: []string{"GET /api/v2/seller", "refused"}},
		{name: "refused write", args: []string{"orders", "ship", "5011", "--retries", "0"}, code: exitUnavailable,
			env: func(t *testing.T, _ *sellercentertest.Server) []string {
				return []string{"SELLERCENTER_BASE_URL", closedPortURL(t)}
			},
			contains: []string{"POST /api/v2/orders/statuses/set-to-shipped", "refused"},
			absent:   []string{"may have been made"}},
		{name: "dropped connection", args: []string{"orders", "ship", "5011", "--retries", "0"}, code: exitOutcomeUnknown,
			fault: func(t *testing.T, srv *sellercentertest.Server) {
				if _, err := srv.DropConnections(sellercentertest.Scope{Operation: "setOrderItemsShipped"}); err != nil {
					t.Fatal(err)
				}
			},
			contains: []string{"POST /api/v2/orders/statuses/set-to-shipped", "may have been made"}},
		{name: "write answered 500", args: []string{"orders", "ship", "5011", "--retries", "0"}, code: exitOutcomeUnknown,
			fault: func(t *testing.T, srv *sellercentertest.Server) {
				if _, err := srv.Fail(sellercentertest.Scope{Operation: "setOrderItemsShipped"}, 500, ""); err != nil {
					t.Fatal(err)
				}
			},
			contains: []string{"HTTP 500", "may have been made", "check the items"}},
		// The bulk commands print their per-SKU table also on failure:
		// TestBulkExitCodes has them.
		{name: "write answered 502", args: []string{"orders", "ship", "5011", "--retries", "0"}, code: exitOutcomeUnknown,
			fault: func(t *testing.T, srv *sellercentertest.Server) {
				if _, err := srv.Fail(sellercentertest.Scope{Operation: "setOrderItemsShipped"}, 502, ""); err != nil {
					t.Fatal(err)
				}
			},
			contains: []string{"HTTP 502", "may have been made"}},
		{name: "write answered 503", args: []string{"orders", "ship", "5011", "--retries", "0"}, code: exitUnavailable,
			fault: func(t *testing.T, srv *sellercentertest.Server) {
				if _, err := srv.Fail(sellercentertest.Scope{Operation: "setOrderItemsShipped"}, 503, ""); err != nil {
					t.Fatal(err)
				}
			},
			contains: []string{"HTTP 503"}, absent: []string{"may have been made"}},
		{name: "read dropped", args: []string{"orders", "get", "1001", "--retries", "0"}, code: exitUnavailable,
			fault: func(t *testing.T, srv *sellercentertest.Server) {
				if _, err := srv.DropConnections(sellercentertest.Scope{Operation: "getOrder"}); err != nil {
					t.Fatal(err)
				}
			},
			contains: []string{"GET /api/v2/orders/1001"}, absent: []string{"may have", "check before"}},
		{name: "token refused: invalid_grant", args: []string{"seller", "--retries", "0"}, code: exitAuth,
			env: func(t *testing.T, _ *sellercentertest.Server) []string {
				return []string{"SELLERCENTER_TOKEN_URL", tokenEndpoint(t, tokenAnswer{status: 400, ctype: "application/json", body: `{"error":"invalid_grant"}`})}
			},
			contains: []string{"HTTP 400", "invalid_grant"}},
		{name: "token refused: invalid_app_id", args: []string{"seller", "--retries", "0"}, code: exitAuth,
			env: func(t *testing.T, _ *sellercentertest.Server) []string {
				return []string{"SELLERCENTER_TOKEN_URL", tokenEndpoint(t, tokenAnswer{status: 400, ctype: "application/json",
					body: `{"error":"invalid_app_id","error_description":"Invalid App ID"}`})}
			},
			contains: []string{"invalid_app_id", "SELLERCENTER_CLIENT_ID"}},
		{name: "token refused on a write", args: []string{"orders", "ship", "5011", "--retries", "0"}, code: exitAuth,
			env: func(t *testing.T, _ *sellercentertest.Server) []string {
				return []string{"SELLERCENTER_TOKEN_URL", tokenEndpoint(t, tokenAnswer{status: 400, ctype: "application/json", body: `{"error":"invalid_grant"}`})}
			},
			contains: []string{"invalid_grant"}, absent: []string{"may have been made"}},
		{name: "token endpoint redirects", args: []string{"seller", "--retries", "0"}, code: exitAuth,
			env: func(t *testing.T, _ *sellercentertest.Server) []string {
				return []string{"SELLERCENTER_TOKEN_URL", tokenEndpoint(t, tokenAnswer{status: 307, location: "http://127.0.0.1:9/elsewhere?client_secret=" + secret})}
			},
			contains: []string{"HTTP 307", "redirected to http://127.0.0.1:9/elsewhere", "SELLERCENTER_TOKEN_URL"}, absent: []string{"client_secret"}},
		{name: "token answer malformed", args: []string{"seller", "--retries", "0"}, code: exitAuth,
			env: func(t *testing.T, _ *sellercentertest.Server) []string {
				return []string{"SELLERCENTER_TOKEN_URL", tokenEndpoint(t, tokenAnswer{status: 200, ctype: "application/json", body: `{"access_token":"` + cliToken + `","expires_in":3600,}`})}
			},
			contains: []string{"HTTP 200", "malformed JSON"}, absent: []string{cliToken}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newMock(t, sellercentertest.Config{ClientSecret: secret})
			if tt.fault != nil {
				tt.fault(t, srv)
			}
			env := envFor(srv)
			if tt.env != nil {
				env = with(env, tt.env(t, srv)...)
			}
			res := runTool(t, invocation{env: env}, tt.args...)
			t.Logf("stderr: %s", res.stderr)
			wantCode(t, tt.args, res, tt.code)
			if strings.Contains(res.stdout+res.stderr, secret) {
				t.Errorf("sellercenter %s printed the client secret:\nstdout: %s\nstderr: %s", strings.Join(tt.args, " "), res.stdout, res.stderr)
			}
			if tt.code == exitOK {
				return
			}
			if res.stdout != "" {
				t.Errorf("sellercenter %s stdout = %q, want nothing on failure", strings.Join(tt.args, " "), res.stdout)
			}
			if n := strings.Count(res.stderr, "\n"); n != 1 || !strings.HasPrefix(res.stderr, "sellercenter: ") {
				t.Errorf("sellercenter %s stderr = %q, want one line starting with %q", strings.Join(tt.args, " "), res.stderr, "sellercenter: ")
			}
			for _, s := range tt.contains {
				if !strings.Contains(res.stderr, s) {
					t.Errorf("sellercenter %s stderr = %q, want it to mention %q", strings.Join(tt.args, " "), res.stderr, s)
				}
			}
			for _, s := range tt.absent {
				if strings.Contains(res.stderr, s) {
					t.Errorf("sellercenter %s stderr = %q, want no %q", strings.Join(tt.args, " "), res.stderr, s)
				}
			}
		})
	}
}

// TestExitCodeClasses checks the classification of errors that are hard to
// provoke end to end, such as an interrupted run.
func TestExitCodeClasses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err  error
		want int
	}{
		{usagef("bad"), exitUsage},
		{fmt.Errorf("sellercenter: %w: BaseURL is empty", sellercenter.ErrInvalidConfig), exitUsage},
		{&sellercenter.APIError{StatusCode: 401}, exitAuth},
		{&sellercenter.APIError{StatusCode: 403}, exitFailure},
		{&sellercenter.APIError{StatusCode: 404}, exitFailure},
		{&sellercenter.APIError{StatusCode: 422}, exitFailure},
		{&sellercenter.APIError{StatusCode: 500}, exitFailure},
		{&sellercenter.APIError{StatusCode: 429}, exitUnavailable},
		{&sellercenter.APIError{StatusCode: 503}, exitUnavailable},
		{&sellercenter.APIError{StatusCode: 504}, exitUnavailable},
		{annotate(&sellercenter.APIError{StatusCode: 503}, "export stopped"), exitUnavailable},
		{fmt.Errorf("sellercenter: GET /api/v2/orders: %w", context.DeadlineExceeded), exitUnavailable},
		{fmt.Errorf("sellercenter: GET /api/v2/orders: %w", context.Canceled), exitInterrupted},
		{&interrupted{err: errors.New("sellercenter: writing orders.jsonl: file already closed")}, exitInterrupted},
		{&interrupted{err: usagef("bad")}, exitUsage},
		{&writeError{err: fmt.Errorf("sellercenter: POST /api/v2/orders/statuses/ship: %w: %w", sellercenter.ErrOutcomeUnknown, context.Canceled)}, exitOutcomeUnknown},
		{errors.New("sellercenter: writing the export: disk full"), exitFailure},
		{&writeError{err: &sellercenter.APIError{StatusCode: 500, Method: "POST"}}, exitOutcomeUnknown},
		{&writeError{err: &sellercenter.APIError{StatusCode: 502, Method: "PUT"}}, exitOutcomeUnknown},
		{&writeError{err: &sellercenter.APIError{StatusCode: 504, Method: "POST"}}, exitOutcomeUnknown},
		{&writeError{err: &sellercenter.APIError{StatusCode: 503, Method: "POST"}}, exitUnavailable},
		{&writeError{err: &sellercenter.APIError{StatusCode: 429, Method: "POST"}}, exitUnavailable},
		{&writeError{err: &sellercenter.APIError{StatusCode: 422, Method: "POST"}}, exitFailure},
		{&writeError{err: &sellercenter.APIError{StatusCode: 401, Method: "POST"}}, exitAuth},
		{annotate(&writeError{err: &sellercenter.APIError{StatusCode: 500, Method: "PUT"}}, "stopped"), exitOutcomeUnknown},
		{&sellercenter.APIError{StatusCode: 502, Method: "GET"}, exitUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.err.Error(), func(t *testing.T) {
			t.Parallel()
			if got := exitCode(tt.err); got != tt.want {
				t.Errorf("exitCode(%v) = %d, want %d", tt.err, got, tt.want)
			}
		})
	}
}

// TestErrorLine checks the one line an API error becomes: status, title,
// detail and violations, with server text unable to break the line or
// drive the terminal.
func TestErrorLine(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"validation", &sellercenter.APIError{
			StatusCode: 400, Method: "POST", Path: "/api/v2/orders/statuses/set-to-cancelled",
			Title: "Validation Failed", Detail: "E001: parameter invalid",
			Violations: []sellercenter.Violation{{PropertyPath: "orderItemIds[0]", Title: "must be positive"}, {PropertyPath: "reason", Title: "unknown reason"}},
		}, "sellercenter: POST /api/v2/orders/statuses/set-to-cancelled: HTTP 400 Bad Request: Validation Failed: E001: parameter invalid (orderItemIds[0]: must be positive; reason: unknown reason)\n"},
		{"hostile text", &sellercenter.APIError{StatusCode: 404, Title: "Not\nFound", Detail: "order \x1b[31m7\x1b[0m\r\nmissing"},
			"sellercenter: HTTP 404 Not Found: order \\x1b[31m7\\x1b[0m missing\n"},
		{"maintenance", &sellercenter.APIError{StatusCode: 503, Message: "Service is unavailable due to maintenance mode", CausedBy: "maintenance_mode", RetryAfter: 90e9},
			"sellercenter: HTTP 503 Service Unavailable: Service is unavailable due to maintenance mode (retry after 1m30s, at 10:01:30 UTC)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var stderr strings.Builder
			c := &cli{stderr: &stderr, started: true, now: func() time.Time { return time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC) }}
			c.fail(nil, tt.err)
			if stderr.String() != tt.want {
				t.Errorf("fail(%#v) printed %q, want %q", tt.err, stderr.String(), tt.want)
			}
		})
	}
}

// TestCell checks that API text cannot break a table row.
func TestCell(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"J&T Express", "J&T Express"},
		{"", "-"},
		{"  ", "-"},
		{"two\tcolumns", "two columns"},
		{"line\nbreak\r", "line break"},
		{"red \x1b[31m", `red \x1b[31m`},
		{"bidi \u202etxt.exe", `bidi \u202etxt.exe`},
		{"bad \xff utf-8", "bad \ufffd utf-8"},
	}
	for _, tt := range tests {
		if got := cell(tt.in); got != tt.want {
			t.Errorf("cell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
