// Command sellercenter-mock runs the fake SellerCenter of package
// sellercentertest as a standalone server, for trying a client by hand or
// testing code written in other languages.
//
// It prints the settings a client needs as shell export lines on standard
// output, then serves until interrupted (SIGINT or SIGTERM):
//
//	export SELLERCENTER_BASE_URL=http://127.0.0.1:8099/api
//	export SELLERCENTER_TOKEN_URL=http://127.0.0.1:8099/oauth/client-credentials
//	export SELLERCENTER_CLIENT_ID=sellercentertest-client
//	export SELLERCENTER_CLIENT_SECRET=sellercentertest-secret
//
// A command substitution would wait for the server to exit, so there are two
// ways to get those lines into a shell. With a fixed port, -print-env prints
// them and exits without serving: run the mock in one terminal and evaluate
// the lines in another.
//
//	sellercenter-mock -addr 127.0.0.1:8099                       # terminal 1
//	eval "$(sellercenter-mock -print-env -addr 127.0.0.1:8099)"  # terminal 2
//
// Or -env-file FILE writes them to FILE once the mock accepts connections
// (atomically: the file is whole or absent) and removes it when the mock
// stops, so one shell can start the mock in the background and source it.
//
//	sellercenter-mock -env-file /tmp/sc.env &
//	until [ -f /tmp/sc.env ]; do sleep 0.1; done; . /tmp/sc.env
//
// The credentials only open the mock; they are not secrets. Logs, including
// any response of the mock that breaks the OpenAPI document, go to standard
// error.
//
// Usage:
//
//	sellercenter-mock [-addr 127.0.0.1:0] [-print-env] [-env-file FILE]
//	    [-orders N] [-products N] [-empty] [-feed-delay D] [-latency [OP=]D]... [-fail OP=STATUS[:COUNT]]...
//	    [-maintenance RETRY_AFTER] [-rate-limit 30] [-webhook-deliveries]
//	    [-token-lifetime 1h] [-client-id id] [-client-secret secret] [-v]
//
// -orders N adds N pending orders, of one to three items of the seeded
// products each, to the seed: enough to see progress output while paging;
// -products N adds N live product sets (leather belts, seller SKUs
// DEMO-BLT-000001 on), with -empty as well.
// -latency delays every API response, or with OP=D those of one operation
// (an operationId such as listOrders); it may be repeated. -fail answers an
// operation's responses with STATUS, the first COUNT of them or all, with a
// Retry-After of 1 second for 429 and 503; it may be repeated. -maintenance
// keeps the API in maintenance for the whole run, answering 503 with that
// Retry-After (seconds or an HTTP date). -feed-delay is how long an import
// feed takes to finish. -webhook-deliveries logs every POST the mock makes
// to a webhook's callback URL, with the receiver's answer: the mock always
// delivers the events of its enabled webhooks, and this shows them.
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
	"path/filepath"
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
	printEnv := fs.Bool("print-env", false, "print the export lines for -addr, which needs a fixed port, and exit without serving")
	envFile := fs.String("env-file", "", "write the export lines to `FILE` once serving, and remove it on exit")
	orders := fs.Int("orders", 0, "add `N` pending orders of the seeded products")
	products := fs.Int("products", 0, "add `N` live product sets of one product each")
	feedDelay := fs.Duration("feed-delay", 0, "how long an import feed takes to finish (0: on its first status poll)")
	hooks := fs.Bool("webhook-deliveries", false, "log every webhook delivery the mock makes to standard error")
	var fl faults
	fs.Var(&fl.latency, "latency", "`[OP=]D`: delay every API response by D, or only those of operation OP (an operationId such as listOrders); repeatable")
	fs.Var(&fl.fail, "fail", "`OP=STATUS[:COUNT]`: answer operation OP with error STATUS, the first COUNT times or always; repeatable")
	fs.Var(maintenanceFlag{&fl}, "maintenance", "keep the API in maintenance for the whole run, answering 503 with Retry-After `RETRY_AFTER` (seconds or an HTTP date)")
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
	if *orders < 0 || *orders > sellercentertest.MaxSeedOrders {
		logger.Printf("-orders must be from 0 to %d, not %d", sellercentertest.MaxSeedOrders, *orders)
		return 2
	}
	if *orders > 0 && *empty {
		logger.Print("-orders adds orders of the seeded products, so it cannot go with -empty")
		return 2
	}
	if *products < 0 || *products > sellercentertest.MaxSeedProducts {
		logger.Printf("-products must be from 0 to %d, not %d", sellercentertest.MaxSeedProducts, *products)
		return 2
	}
	if *feedDelay < 0 {
		logger.Printf("-feed-delay must not be negative, not %v", *feedDelay)
		return 2
	}
	if *printEnv {
		if *envFile != "" {
			logger.Print("-print-env prints the settings without serving, so it cannot go with -env-file")
			return 2
		}
		host, port, err := net.SplitHostPort(*addr)
		if err != nil || host == "" || port == "0" || port == "" {
			logger.Printf("-print-env needs -addr with a host and a fixed port, such as 127.0.0.1:8099, not %q: the mock started with that -addr must listen where the printed URLs point", *addr)
			return 2
		}
		url, tokenURL := sellercentertest.URLsFor(*addr)
		printEnvLines(stdout, url, tokenURL, *clientID, *clientSecret)
		return 0
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
		FeedDelay:      *feedDelay,
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
	defer srv.Close()
	if err := fl.apply(srv); err != nil {
		logger.Print(err)
		return 2
	}
	if *orders > 0 {
		first, last, err := srv.SeedOrders(*orders)
		if err != nil {
			logger.Print(err)
			return 1
		}
		logger.Printf("added %d orders, ids %d to %d", *orders, first, last)
	}
	if *products > 0 {
		first, last, err := srv.SeedProducts(*products)
		if err != nil {
			logger.Print(err)
			return 1
		}
		logger.Printf("added %d product sets, ids %d to %d", *products, first, last)
	}
	if *hooks {
		stopHooks := logWebhookDeliveries(srv, logger)
		defer stopHooks()
	}
	printEnvLines(stdout, srv.URL, srv.TokenURL, srv.ClientID, srv.ClientSecret)
	if *envFile != "" {
		var b strings.Builder
		printEnvLines(&b, srv.URL, srv.TokenURL, srv.ClientID, srv.ClientSecret)
		if err := writeFileAtomic(*envFile, []byte(b.String())); err != nil {
			logger.Printf("writing -env-file: %v", err)
			return 1
		}
		defer os.Remove(*envFile)
	}
	logger.Printf("serving the SellerCenter mock on %s; stop it with Ctrl-C", srv.URL)
	<-ctx.Done()
	logger.Print("stopped")
	return 0
}

// printEnvLines writes the four settings as export lines a POSIX shell can
// evaluate or source.
func printEnvLines(w io.Writer, url, tokenURL, clientID, clientSecret string) {
	for _, kv := range [][2]string{
		{"SELLERCENTER_BASE_URL", url},
		{"SELLERCENTER_TOKEN_URL", tokenURL},
		{"SELLERCENTER_CLIENT_ID", clientID},
		{"SELLERCENTER_CLIENT_SECRET", clientSecret},
	} {
		fmt.Fprintf(w, "export %s=%s\n", kv[0], shellQuote(kv[1]))
	}
}

// writeFileAtomic writes data to a temporary file beside path and renames it
// into place, so a reader waiting for path never sees it half written.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
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
