package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/internal/oneline"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// userAgent names the tool in front of the library, so API logs tell
// hand-run jobs from services.
const userAgent = "sellercenter-cli/" + sellercenter.Version + " " + sellercenter.DefaultUserAgent

// attemptTimeout bounds each HTTP attempt, so a stalled network ends in an
// error instead of a hung shell; --timeout bounds the whole command.
const attemptTimeout = 60 * time.Second

// reportedWait is the shortest wait the tool announces on stderr: shorter
// pauses pass before anyone wonders.
const reportedWait = 2 * time.Second

// cli is one run of the tool: its streams, environment and flags, and the
// client and mock it creates on first use. Nothing is global, so tests run
// many at once.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	// isTerminal reports whether w is an interactive terminal; tests
	// replace it.
	isTerminal func(w io.Writer) bool
	// now paces the export progress line and times imports.
	now func() time.Time
	// loc is the zone tables show times in, resolved on first use from
	// TZ (see location).
	loc *time.Location
	// feedWait is how imports poll their feed; tests shorten it.
	feedWait sellercenter.FeedWait

	// Flags of the root command.
	output string
	debug  bool
	mock   bool
	// mockState is set by --mock-state FILE.
	mockState *mockState
	statePath string
	conn      [4]string // flag values, in the order of settings
	retries   int
	timeout   time.Duration
	// stopTimeout releases the --timeout deadline of the command.
	stopTimeout context.CancelFunc

	// started is set when a command's own code begins; errors before it
	// (flags, arguments, unknown commands) are usage errors.
	started bool
	client  *sellercenter.Client
	srv     *sellercentertest.Server
	// secret is the configured client secret, scrubbed from everything
	// written to stderr as a last line of defence.
	secret string
	// instance names the SellerCenter the client talks to, as --ids files
	// record it: product ids differ between instances and sellers.
	instance string
}

// setting is one connection setting, taken from a flag or else from the
// environment.
type setting struct {
	flag, env, usage string
}

// settings are the four connection settings, in the order of cli.conn.
var settings = [4]setting{
	{"base-url", sellercenter.EnvBaseURL, "API root, e.g. https://sellercenter-api.zalora.com.my"},
	{"token-url", sellercenter.EnvTokenURL, "OAuth2 client-credentials token endpoint"},
	{"client-id", sellercenter.EnvClientID, "OAuth application id"},
	{"client-secret", sellercenter.EnvClientSecret, "OAuth application secret (prefer the environment variable: flags show in the process list)"},
}

// run executes the command line args and returns the exit code. It never
// exits the process and keeps no state after it returns.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	c := &cli{
		stdin:      stdin,
		stdout:     stdout,
		stderr:     stderr,
		getenv:     getenv,
		isTerminal: isTerminal,
		now:        time.Now,
		feedWait:   feedWait,
	}
	return c.run(ctx, args)
}

// run executes args on c.
func (c *cli) run(ctx context.Context, args []string) int {
	defer c.close()
	root := c.rootCommand()
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	if c.srv != nil && c.mockState != nil {
		// Saved whatever the outcome: a failed or interrupted command may
		// have changed orders before it ended, and the file must say so.
		c.srv.Close()
		if serr := c.saveMockState(); serr != nil {
			err = errors.Join(err, serr)
		}
	}
	if err == nil {
		return exitOK
	}
	if errors.Is(ctx.Err(), context.Canceled) && !errors.Is(err, context.Canceled) {
		err = &interrupted{err: err}
	}
	return c.fail(cmd, err)
}

// close stops the in-process mock, if one was started.
func (c *cli) close() {
	if c.stopTimeout != nil {
		c.stopTimeout()
	}
	if c.srv != nil {
		c.srv.Close()
	}
}

// action wraps a command's code, marking that usage checks are over.
func (c *cli) action(fn func(ctx context.Context, args []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		c.started = true
		return fn(cmd.Context(), args)
	}
}

func (c *cli) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "sellercenter",
		Short: "Work with SellerCenter orders and products from a shell",
		Long: `sellercenter runs the everyday SellerCenter jobs: see what is pending, look at
an order, move order items through the status workflow, export every order;
list and inspect products, set stock and prices, import product files, and
look up brands, categories and attributes.

Configuration comes from flags or from the environment variables
SELLERCENTER_BASE_URL, SELLERCENTER_TOKEN_URL, SELLERCENTER_CLIENT_ID and
SELLERCENTER_CLIENT_SECRET. With none of them set, or with --mock, the tool
starts a fake SellerCenter with demo data in-process; changes made to it last
until the command exits, unless --mock-state FILE keeps its orders, manifests,
stock and prices in FILE for the next run. For a mock that keeps running
between commands, with flags for data volume, latency and failures, run
sellercenter-mock (go run ./cmd/sellercenter-mock -h).

Exit codes: 0 success; 1 API error or other failure; 2 usage error;
3 authentication failed (the token endpoint refused the credentials or the
request, or answered with something that is not a token, or the API answered
401); 4 try again later (maintenance, rate limit, 502/503/504, network
failure, or --timeout ran out; when the API said when to come back, the
message says it too); 5 the outcome is unknown: a write may have been
applied, so check before repeating it; 130 interrupted (Ctrl-C or SIGTERM),
unless an interrupted write's outcome is unknown, which is 5.

Nothing waits silently: before any wait of 2 seconds or more (a retry's
backoff or Retry-After, maintenance, the rate limiter, feed and export
polling) one line on stderr says what the tool waits for, how long, and the
attempt. --timeout bounds the whole command, waits included; a maintenance
answer asking for longer than the time left ends the command at once with
exit 4.`,
		SilenceErrors: true,
		SilenceUsage:  true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			if err := c.checkFlags(cmd); err != nil {
				return err
			}
			if c.timeout > 0 {
				// One deadline for the whole command: every attempt,
				// retry wait and poll, so a retry the deadline leaves no
				// room for is refused at once (see the retry layer).
				ctx, cancel := context.WithTimeout(cmd.Context(), c.timeout)
				c.stopTimeout = cancel
				cmd.SetContext(ctx)
			}
			return nil
		},
	}
	root.SetIn(c.stdin)
	root.SetOut(c.stdout)
	root.SetErr(c.stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		return &usageError{msg: err.Error()}
	})

	pf := root.PersistentFlags()
	pf.StringVarP(&c.output, "output", "o", formatTable, "output format: table, json (one document) or jsonl (one object per line)")
	pf.BoolVar(&c.debug, "debug", false, "log every HTTP exchange to stderr (never credentials or tokens)")
	pf.BoolVar(&c.mock, "mock", false, "use the built-in demo SellerCenter even when configuration is set")
	pf.StringVar(&c.statePath, "mock-state", "", "keep the built-in mock's orders, manifests, stock and prices in `FILE` from one run to the next")
	for i, s := range settings {
		pf.StringVar(&c.conn[i], s.flag, "", s.usage+" (env "+s.env+")")
	}
	pf.IntVar(&c.retries, "retries", sellercenter.DefaultMaxRetries, "retries of a failed call that is safe to repeat; 0 turns them off")
	pf.DurationVar(&c.timeout, "timeout", 0, "bound on the whole command, every attempt and wait included, e.g. 5m; 0 means none (each HTTP attempt is bounded to 60s anyway)")
	_ = root.RegisterFlagCompletionFunc("output", cobra.FixedCompletions(formats, cobra.ShellCompDirectiveNoFileComp))

	root.AddCommand(
		c.healthCommand(),
		c.withSellerAccount(c.sellerCommand()),
		c.ordersCommand(),
		c.manifestsCommand(),
		c.shipmentProvidersCommand(),
		c.failureReasonsCommand(),
		c.productsCommand(),
		c.stockCommand(),
		c.pricesCommand(),
		c.importCommand(),
		c.feedsCommand(),
		c.brandsCommand(),
		c.categoriesCommand(),
		c.attributesCommand(),
		c.usersCommand(),
		c.templatesCommand(),
		c.financeCommand(),
		c.webhooksCommand(),
		c.versionCommand(),
	)
	root.Version = sellercenter.Version
	root.SetVersionTemplate(versionLine)
	guardGroups(root)
	return root
}

// checkFlags validates the root flags before any command runs.
func (c *cli) checkFlags(cmd *cobra.Command) error {
	if !validFormat(c.output) && !(c.output == formatCSV && writesCSV(cmd)) {
		return usagef("--output must be one of %s, not %q", strings.Join(formatsFor(cmd), ", "), c.output)
	}
	if c.retries < 0 {
		return usagef("--retries must not be negative, not %d", c.retries)
	}
	if c.timeout < 0 {
		return usagef("--timeout must not be negative, not %v", c.timeout)
	}
	if cmd.Flags().Changed("mock-state") {
		if strings.TrimSpace(c.statePath) == "" || c.statePath == stdoutPath {
			return usagef("--mock-state needs a file name")
		}
		c.mockState = &mockState{path: c.statePath}
	}
	return nil
}

// api returns the client, creating it (and the mock, when configuration
// asks for it) on first use, so commands that need no API start nothing.
func (c *cli) api() (*sellercenter.Client, error) {
	if c.client != nil {
		return c.client, nil
	}
	cfg, err := c.config()
	if err != nil {
		return nil, err
	}
	c.secret = cfg.ClientSecret
	c.instance = cfg.BaseURL + " as client " + cfg.ClientID
	if c.srv != nil {
		// Its port changes with every run; its ids do not.
		c.instance = "the built-in mock"
		if c.mockState != nil {
			c.instance += " with state " + c.mockState.path
		}
	}
	cfg.UserAgent = userAgent
	cfg.Timeout = attemptTimeout
	cfg.OnWait = c.reportWait
	cfg.MaxRetries = c.retries
	if c.retries == 0 {
		cfg.MaxRetries = -1 // the library reads 0 as its default
	}
	if c.debug {
		cfg.Logger = slog.New(slog.NewTextHandler(c.errWriter(), &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	client, err := sellercenter.New(cfg)
	if err != nil {
		return nil, err
	}
	c.client = client
	return client, nil
}

// reportWait says on stderr what the tool waits for, before any wait long
// enough to look like a hang.
func (c *cli) reportWait(w sellercenter.Wait) {
	if w.Delay >= reportedWait {
		fmt.Fprintln(c.errWriter(), "sellercenter: "+w.String())
	}
}

// config resolves the connection settings: flags over environment, all four
// or none, and the mock when there are none or --mock is given.
func (c *cli) config() (sellercenter.Config, error) {
	var vals [4]string
	var set, missing, flagged []string
	for i, s := range settings {
		v := strings.TrimSpace(c.conn[i])
		if v != "" {
			flagged = append(flagged, "--"+s.flag)
		} else {
			v = strings.TrimSpace(c.getenv(s.env))
		}
		vals[i] = v
		if v == "" {
			missing = append(missing, s.env+" (--"+s.flag+")")
		} else {
			set = append(set, s.env)
		}
	}
	switch {
	case c.mockState != nil && !c.mock && len(set) > 0:
		return sellercenter.Config{}, usagef("--mock-state keeps the built-in mock's state, but %s configure another SellerCenter; add --mock to use the built-in one", joinAnd(set))
	case c.mock && len(flagged) > 0:
		return sellercenter.Config{}, usagef("--mock cannot be combined with %s", strings.Join(flagged, ", "))
	case c.mock:
		return c.startMock("--mock given")
	case len(set) == 0:
		return c.startMock("no SELLERCENTER_* configuration set")
	case len(missing) > 0:
		return sellercenter.Config{}, usagef("incomplete configuration: %s not set; set all four settings for a real instance, or none for the built-in mock",
			joinAnd(missing))
	}
	return sellercenter.Config{BaseURL: vals[0], TokenURL: vals[1], ClientID: vals[2], ClientSecret: vals[3]}, nil
}

// startMock starts the fake SellerCenter in-process and says so in one
// line on stderr.
func (c *cli) startMock(why string) (sellercenter.Config, error) {
	cfg := sellercentertest.Config{
		OnViolation: func(err error) {
			fmt.Fprintf(c.errWriter(), "sellercenter: built-in mock broke the OpenAPI document: %s\n", oneline.Clean(err.Error()))
		},
	}
	lasting := "changes last until the command exits"
	if m := c.mockState; m != nil {
		fresh, err := m.load(&cfg)
		if err != nil {
			return sellercenter.Config{}, err
		}
		cfg.OnRequest = m.observe
		lasting = "state loaded from " + m.path + ", saved back after the command"
		if fresh {
			lasting = "starting from the demo data; state saved to " + m.path + " after the command"
		}
	}
	srv, err := sellercentertest.NewServer(cfg)
	if errors.Is(err, sellercentertest.ErrState) {
		return sellercenter.Config{}, c.mockState.refused(err)
	}
	if err != nil {
		return sellercenter.Config{}, fmt.Errorf("sellercenter: starting the built-in mock: %w", err)
	}
	c.srv = srv
	fmt.Fprintf(c.stderr, "sellercenter: %s: using the built-in demo SellerCenter at %s (%s)\n", why, srv.URL, lasting)
	return sellercenter.Config{BaseURL: srv.URL, TokenURL: srv.TokenURL, ClientID: srv.ClientID, ClientSecret: srv.ClientSecret}, nil
}

// errWriter is stderr with the client secret scrubbed: the one in use, or
// else the configured one, for errors raised before the client exists.
func (c *cli) errWriter() io.Writer {
	secret := c.secret
	if secret == "" {
		secret = strings.TrimSpace(c.conn[3])
	}
	if secret == "" && c.getenv != nil {
		secret = strings.TrimSpace(c.getenv(sellercenter.EnvClientSecret))
	}
	return &scrubWriter{w: c.stderr, secret: secret}
}

// scrubWriter replaces the secret in each write. Log records and error
// lines are written whole, so the secret cannot straddle two writes.
type scrubWriter struct {
	w      io.Writer
	secret string
}

func (s *scrubWriter) Write(p []byte) (int, error) {
	if len(s.secret) < 4 || !strings.Contains(string(p), s.secret) {
		return s.w.Write(p)
	}
	if _, err := io.WriteString(s.w, strings.ReplaceAll(string(p), s.secret, "[REDACTED]")); err != nil {
		return 0, err
	}
	return len(p), nil
}

// joinAnd joins items as "a, b and c".
func joinAnd(items []string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// isTerminal reports whether w is a character device, such as a terminal.
// Only the standard library is used, so pipes, files and buffers are never
// mistaken for one.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
