// Command sellercenter-mock runs the fake SellerCenter of package
// sellercentertest as a standalone server, for trying a client by hand or
// testing code written in other languages.
//
// It prints the settings a client needs as shell assignments, one per line,
// on standard output, then serves until interrupted (SIGINT or SIGTERM):
//
//	SELLERCENTER_BASE_URL=http://127.0.0.1:41234/api
//	SELLERCENTER_TOKEN_URL=http://127.0.0.1:41234/oauth/client-credentials
//	SELLERCENTER_CLIENT_ID=sellercentertest-client
//	SELLERCENTER_CLIENT_SECRET=sellercentertest-secret
//
// The credentials only open the mock; they are not secrets. Logs, including
// any response of the mock that breaks the OpenAPI document, go to standard
// error.
//
// Usage:
//
//	sellercenter-mock [-addr 127.0.0.1:0] [-token-lifetime 1h] [-client-id id] [-client-secret secret] [-rate-limit 30] [-empty] [-v]
//
// Like the API, the mock answers 429 with Retry-After to a seller that sends
// more than -rate-limit requests per second (30 by default); -rate-limit 0
// turns the limit off.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

func main() {
	ctx, stop := notifyContext(context.Background())
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// notifyContext is canceled by SIGINT or SIGTERM.
func notifyContext(parent context.Context) (context.Context, context.CancelFunc) {
	return signal.NotifyContext(parent, os.Interrupt, syscall.SIGTERM)
}

// run serves the mock until ctx is done and returns the exit code: 0 after a
// clean shutdown, 1 when the server cannot start, 2 for bad usage.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sellercenter-mock", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:0", "`host:port` to listen on; port 0 picks a free one")
	lifetime := fs.Duration("token-lifetime", time.Hour, "how long access tokens are valid")
	clientID := fs.String("client-id", sellercentertest.DefaultClientID, "client id the token endpoint accepts")
	clientSecret := fs.String("client-secret", sellercentertest.DefaultClientSecret, "client secret the token endpoint accepts")
	rateLimit := fs.Int("rate-limit", sellercentertest.DefaultRateLimit, "API requests per second accepted from one seller before a 429, as the API does; 0 turns the limit off")
	empty := fs.Bool("empty", false, "start without seed data")
	verbose := fs.Bool("v", false, "log every request to standard error")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "sellercenter-mock: unexpected arguments %q\n", fs.Args())
		fs.Usage()
		return 2
	}
	logger := log.New(stderr, "sellercenter-mock: ", log.LstdFlags)
	if *lifetime <= 0 {
		logger.Printf("-token-lifetime must be positive, not %v", *lifetime)
		return 2
	}
	if *clientID == "" || *clientSecret == "" {
		logger.Print("-client-id and -client-secret must not be empty")
		return 2
	}
	if *rateLimit < 0 || *rateLimit > 1e9 {
		logger.Printf("-rate-limit must be from 0 (off) to 1e9 requests per second, not %d", *rateLimit)
		return 2
	}
	if *rateLimit == 0 {
		*rateLimit = sellercentertest.NoRateLimit
	}

	l, err := net.Listen("tcp", *addr)
	if err != nil {
		logger.Print(err)
		return 1
	}
	if ta, ok := l.Addr().(*net.TCPAddr); ok && !ta.IP.IsLoopback() {
		logger.Printf("warning: listening on %s, which is not a loopback address; anyone who can reach it can use the mock", ta)
	}
	cfg := sellercentertest.Config{
		ClientID:      *clientID,
		ClientSecret:  *clientSecret,
		TokenLifetime: *lifetime,
		RateLimit:     *rateLimit,
		Empty:         *empty,
		Listener:      l,
		// Nothing here reads Server.Requests, and the mock may serve for
		// days: keeping entries would only hold memory. -v logs through
		// OnRequest, which still sees every request.
		RequestLogSize: sellercentertest.NoRequestLog,
		OnViolation: func(err error) {
			logger.Printf("RESPONSE VIOLATES THE OPENAPI DOCUMENT: %v", err)
		},
	}
	if *verbose {
		cfg.OnRequest = func(r sellercentertest.Request) {
			q := ""
			if len(r.Query) > 0 {
				q = "?" + r.Query.Encode()
			}
			op := r.Operation
			if op == "" {
				op = "-"
			}
			logger.Printf("%s %s%s %s -> %d", r.Method, r.Path, q, op, r.Status)
		}
	}
	srv, err := sellercentertest.NewServer(cfg)
	if err != nil {
		l.Close()
		logger.Print(err)
		return 1
	}
	for _, kv := range [][2]string{
		{"SELLERCENTER_BASE_URL", srv.URL},
		{"SELLERCENTER_TOKEN_URL", srv.TokenURL},
		{"SELLERCENTER_CLIENT_ID", srv.ClientID},
		{"SELLERCENTER_CLIENT_SECRET", srv.ClientSecret},
	} {
		fmt.Fprintf(stdout, "%s=%s\n", kv[0], shellQuote(kv[1]))
	}
	logger.Printf("serving the SellerCenter mock on %s; stop it with Ctrl-C", srv.URL)
	<-ctx.Done()
	srv.Close()
	logger.Print("stopped")
	return 0
}

// shellQuote quotes s for a POSIX shell when it holds anything but plainly
// safe characters, so the output lines can be eval'ed or exported.
func shellQuote(s string) string {
	safe := s != ""
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("_-.,:/@%+=", r)) {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
