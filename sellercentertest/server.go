package sellercentertest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/sellercenter-go/sellercenter/gen/server"
	"github.com/sellercenter-go/sellercenter/internal/backoff"
)

// Demo credentials the token endpoint accepts when Config leaves them empty.
// They are not secrets: they only open the fake.
const (
	DefaultClientID     = "sellercentertest-client"
	DefaultClientSecret = "sellercentertest-secret"
)

// TokenOperation is the operation name of the token endpoint in the request
// log and in a Scope; the API operations use their operationId.
const TokenOperation = "token"

const (
	apiPrefix     = "/api"
	tokenPath     = "/oauth/client-credentials"
	defaultExpiry = time.Hour
)

// Config configures a Server. The zero Config is a seeded server with the
// demo credentials, one-hour tokens, the real clock, a request log of
// the DefaultRequestLogSize most recent requests and the API's limit of
// DefaultRateLimit requests per second per seller.
type Config struct {
	// ClientID and ClientSecret are the only credentials the token endpoint
	// accepts; empty means DefaultClientID and DefaultClientSecret.
	ClientID     string
	ClientSecret string

	// TokenLifetime is how long an issued access token is valid; zero means
	// one hour, as on the real API.
	TokenLifetime time.Duration

	// Now is the clock for token expiry and for the timestamps of changes;
	// nil means time.Now. Inject one to test expiry without waiting.
	Now func() time.Time

	// Sleep waits out injected latency; nil means a timer that returns early
	// with ctx's error when ctx is done. Inject one so tests need not wait.
	Sleep func(ctx context.Context, d time.Duration) error

	// OnViolation receives every response of the fake that does not conform
	// to the OpenAPI document; tests typically pass a func calling t.Error.
	// Nil logs the violation loudly through the standard logger.
	OnViolation func(err error)

	// NoResponseCheck skips checking the responses against the OpenAPI
	// document. The check takes more CPU than the answer (about 11 ms for
	// a page of 100 orders, twice what building it takes): a benchmark or
	// load test sharing the machine with its server turns it off, so the
	// server's CPU does not read as the client's. Tests leave it on.
	NoResponseCheck bool

	// OnRequest, if set, is called with the log entry of each request once
	// it is answered (for a dropped connection, just before it is closed),
	// whatever RequestLogSize keeps.
	OnRequest func(Request)

	// RequestLogSize is how many of the most recent requests Requests
	// keeps, so that a long-running server's memory stays bounded; older
	// ones are dropped and counted by DroppedRequests, while Count counts
	// every request. Zero means DefaultRequestLogSize; NoRequestLog keeps
	// none. Other negative values are an error.
	RequestLogSize int

	// Empty starts the server without seed data: no orders, exports, product
	// sets or feeds, no carriers and no failure reasons. The catalog's
	// reference data (countries, brands, categories, attributes, warehouses,
	// tags) is there all the same, so product sets can be added.
	Empty bool

	// FeedDelay is how long, on the clock of Now, an import's feed takes:
	// it is Queued at first, Processing from half the delay on, and at the
	// delay it applies its rows and ends Finished (or Error when no row
	// could be applied). Zero completes a feed on the next request, such as
	// the first status poll. Feeds advance whenever the fake is looked at,
	// so with an injected clock, advance it and poll.
	FeedDelay time.Duration

	// Listener is where the server accepts connections; nil means a new
	// listener on a random loopback port. The server closes it on Close.
	Listener net.Listener

	// RateLimit is how many API requests per second the server accepts
	// from one seller, as the live API does: each seller (the one its
	// access token acts for) has a bucket of RateLimit requests, refilled
	// at RateLimit per second on the clock of Now, and a request that finds
	// it empty is answered 429 with Retry-After and the API's body, without
	// reaching the fake's logic or its faults. Requests without a valid
	// token share one bucket; the token endpoint is not limited. Zero means
	// DefaultRateLimit; NoRateLimit turns the limit off. Other negative
	// values and limits above 1e9 are an error. With an injected clock
	// that does not move, the bucket never refills: advance the clock, or
	// use NoRateLimit.
	RateLimit int

	// State, if set, is read as a file of SaveState and replaces what it
	// covers of the seed data (or of nothing, with Empty): the orders side
	// and the stock and prices of the products. A file of another format
	// or version, or one naming products the server does not have, makes
	// NewServer fail with ErrState.
	State io.Reader
}

// Server is a running fake SellerCenter. Its methods are safe for concurrent
// use, also while requests are being served.
type Server struct {
	// URL is the base URL of the API, with a path prefix and no trailing
	// slash, e.g. "http://127.0.0.1:40123/api".
	URL string
	// TokenURL is the OAuth2 client-credentials token endpoint.
	TokenURL string
	// ClientID and ClientSecret are the credentials the token endpoint
	// accepts.
	ClientID     string
	ClientSecret string

	now         func() time.Time
	sleep       func(ctx context.Context, d time.Duration) error
	onViolation func(error)
	checkResps  bool
	onRequest   func(Request)
	lifetime    time.Duration

	ops       *operationTable
	wrapper   *server.ServerInterfaceWrapper // the generated router of this server's handlers
	hs        *http.Server
	cancel    context.CancelFunc // cancels the base context of every request
	served    chan struct{}
	closeOnce sync.Once

	tokens  tokenStore
	nonces  nonceStore
	faults  faultSet
	limiter rateLimiter
	log     requestLog
	st      *store

	connMu sync.Mutex
	fresh  map[net.Conn]bool // accepted connections that sent no request yet
}

// operation is one operation of the OpenAPI document, ready for validation.
// The operations are built once per process and shared by every server, so
// nothing in one changes once it is built.
type operation struct {
	id         string
	method     string
	path       string   // template, e.g. /v2/orders/{orderId}
	pathParams []string // names of the path parameters
	route      *routers.Route
	secured    bool
	signed     bool     // the document marks it x-signed: see checkSignature
	segments   []string // path split at "/", after the leading one
	xmlAction  string   // the legacy action of an XML import, empty for other operations
	// handle is the generated wrapper's method for the operation, as a
	// method expression: the server passes its own wrapper.
	handle func(*server.ServerInterfaceWrapper, http.ResponseWriter, *http.Request)
}

// operationTable holds every operation of the document. kin-openapi only
// reads the document and the routes while it validates, so one table serves
// all servers, also concurrently.
type operationTable struct {
	byID map[string]*operation
	list []*operation // in the document's matching order, for match
	ids  []string     // sorted
}

// operations builds the operation table on first use.
var operations = sync.OnceValues(func() (*operationTable, error) {
	doc, err := loadSpec()
	if err != nil {
		return nil, err
	}
	t, err := buildOperations(doc)
	if err != nil {
		return nil, err
	}
	if err := bindHandlers(t); err != nil {
		return nil, err
	}
	return t, nil
})

// xmlActions names the legacy action of each XML import, for its envelopes.
var xmlActions = map[string]string{
	"importStockUpdatesXml":   "ProductStockUpdate",
	"importNewProductsXml":    "ProductCreate",
	"importProductUpdatesXml": "ProductUpdate",
}

var loadSpec = sync.OnceValues(func() (*openapi3.T, error) {
	doc, err := server.GetSpec()
	if err != nil {
		return nil, fmt.Errorf("sellercentertest: loading the embedded OpenAPI document: %w", err)
	}
	return doc, nil
})

var pathParam = regexp.MustCompile(`\{([^}]+)\}`)

// NewServer starts a fake SellerCenter configured by cfg. Close it when done.
func NewServer(cfg Config) (*Server, error) {
	if cfg.TokenLifetime < 0 {
		return nil, fmt.Errorf("sellercentertest: negative TokenLifetime %v", cfg.TokenLifetime)
	}
	if cfg.FeedDelay < 0 {
		return nil, fmt.Errorf("sellercentertest: negative FeedDelay %v", cfg.FeedDelay)
	}
	size, ok := requestLogSize(cfg.RequestLogSize)
	if !ok {
		return nil, fmt.Errorf("sellercentertest: RequestLogSize %d; want a positive size, 0 for DefaultRequestLogSize or NoRequestLog (%d)", cfg.RequestLogSize, NoRequestLog)
	}
	limit, ok := rateLimit(cfg.RateLimit)
	if !ok {
		return nil, fmt.Errorf("sellercentertest: RateLimit %d; want a limit from 1 to 1e9 requests per second, 0 for DefaultRateLimit or NoRateLimit (%d)", cfg.RateLimit, NoRateLimit)
	}
	ops, err := operations()
	if err != nil {
		return nil, err
	}
	s := &Server{
		ClientID:     cfg.ClientID,
		ClientSecret: cfg.ClientSecret,
		now:          cfg.Now,
		sleep:        cfg.Sleep,
		onViolation:  cfg.OnViolation,
		checkResps:   !cfg.NoResponseCheck,
		onRequest:    cfg.OnRequest,
		lifetime:     cfg.TokenLifetime,
		ops:          ops,
		served:       make(chan struct{}),
		log:          requestLog{size: size},
	}
	if s.ClientID == "" {
		s.ClientID = DefaultClientID
	}
	if s.ClientSecret == "" {
		s.ClientSecret = DefaultClientSecret
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.limiter = rateLimiter{limit: limit, now: s.now}
	if s.sleep == nil {
		s.sleep = backoff.Sleep
	}
	if s.onViolation == nil {
		s.onViolation = func(err error) { log.Printf("sellercentertest: RESPONSE VIOLATES THE OPENAPI DOCUMENT: %v", err) }
	}
	if s.lifetime == 0 {
		s.lifetime = defaultExpiry
	}
	s.tokens.tokens = map[string]time.Time{}
	s.st = newStore(s.now, s.ClientID)
	s.st.feedDelay = cfg.FeedDelay
	if !cfg.Empty {
		if err := s.st.seed(); err != nil {
			return nil, err
		}
	}
	s.st.seedReference()
	if !cfg.Empty {
		if err := s.st.seedCatalog(); err != nil {
			return nil, err
		}
	}
	if cfg.State != nil {
		if err := s.st.restore(cfg.State); err != nil {
			return nil, err
		}
	}
	api := &api{s: s, st: s.st}
	strict := server.NewStrictHandlerWithOptions(api, []server.StrictMiddlewareFunc{api.withCaller, api.locked}, server.StrictHTTPServerOptions{
		RequestErrorHandlerFunc: func(w http.ResponseWriter, _ *http.Request, err error) {
			writeJSON(w, http.StatusBadRequest, validationProblem([]violation{{title: err.Error()}}), nil)
		},
		ResponseErrorHandlerFunc: func(w http.ResponseWriter, _ *http.Request, err error) {
			writeJSON(w, http.StatusInternalServerError, problem(http.StatusInternalServerError, "server_error", "Internal Server Error", err.Error()), nil)
		},
	})
	s.wrapper = &server.ServerInterfaceWrapper{
		Handler: strict,
		ErrorHandlerFunc: func(w http.ResponseWriter, _ *http.Request, err error) {
			writeJSON(w, http.StatusBadRequest, validationProblem([]violation{{title: err.Error()}}), nil)
		},
	}
	mux := s.routes()

	l := cfg.Listener
	if l == nil {
		if l, err = net.Listen("tcp", "127.0.0.1:0"); err != nil {
			return nil, fmt.Errorf("sellercentertest: %w", err)
		}
	}
	host := "http://" + l.Addr().String()
	s.URL = host + apiPrefix
	s.TokenURL = host + tokenPath
	base, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	go s.deliverWebhooks(base)
	s.fresh = map[net.Conn]bool{}
	s.hs = &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return base },
		ConnState:         s.trackConn,
	}
	s.hs.RegisterOnShutdown(s.closeFreshConns)
	go func() {
		defer close(s.served)
		// Serve returns ErrServerClosed after Close; any other error means
		// the listener broke, which requests will show as connection errors.
		_ = s.hs.Serve(l)
	}()
	return s, nil
}

// Close stops the server: it cancels requests that wait on injected latency,
// waits up to five seconds for the others to finish, then closes every
// connection. Calling Close again does nothing.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		s.cancel()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := s.hs.Shutdown(ctx); err != nil {
			_ = s.hs.Close() // the deadline passed; drop what is left
		}
		<-s.served
	})
}

// trackConn keeps the set of connections that have not sent a request.
func (s *Server) trackConn(c net.Conn, state http.ConnState) {
	s.connMu.Lock()
	defer s.connMu.Unlock()
	if state == http.StateNew {
		s.fresh[c] = true
	} else {
		delete(s.fresh, c)
	}
}

// closeFreshConns closes the connections that have not sent a request.
// http.Server.Shutdown waits five seconds before it counts them idle, and
// clients open spare connections they never use, so Close would often wait
// that long for nothing.
func (s *Server) closeFreshConns() {
	s.connMu.Lock()
	defer s.connMu.Unlock()
	for c := range s.fresh {
		_ = c.Close() // it carries no request; an error leaves nothing to do
		delete(s.fresh, c)
	}
}

// Operations returns the operationIds of every operation the server serves,
// sorted; they are the names a Scope and Count take.
func (s *Server) Operations() []string {
	return slices.Clone(s.ops.ids)
}

// specID undoes oapi-codegen's renaming of operationIds in the embedded
// document (getOrder is embedded as GetOrder); the project's operationIds
// are all lowerCamelCase, which a test checks against the YAML source.
func specID(embedded string) string {
	if embedded == "" {
		return ""
	}
	return strings.ToLower(embedded[:1]) + embedded[1:]
}

// buildOperations makes the operation table of doc, without handlers.
func buildOperations(doc *openapi3.T) (*operationTable, error) {
	t := &operationTable{byID: map[string]*operation{}}
	for _, path := range doc.Paths.InMatchingOrder() {
		item := doc.Paths.Value(path)
		for method, op := range item.Operations() {
			if op.OperationID == "" {
				return nil, fmt.Errorf("sellercentertest: %s %s has no operationId", method, path)
			}
			security := op.Security
			if security == nil {
				security = &doc.Security
			}
			o := &operation{
				id:      specID(op.OperationID),
				method:  method,
				path:    path,
				route:   &routers.Route{Spec: doc, Path: path, PathItem: item, Method: method, Operation: op},
				secured: len(*security) > 0,
				signed:  op.Extensions["x-signed"] == true,
			}
			for _, m := range pathParam.FindAllStringSubmatch(path, -1) {
				o.pathParams = append(o.pathParams, m[1])
			}
			o.segments = strings.Split(strings.TrimPrefix(path, "/"), "/")
			if rb := op.RequestBody; rb != nil && rb.Value != nil && rb.Value.Content.Get(mimeXML) != nil {
				o.xmlAction = xmlActions[o.id]
				if o.xmlAction == "" {
					o.xmlAction = o.id
				}
			}
			t.byID[o.id] = o
			t.list = append(t.list, o)
			t.ids = append(t.ids, o.id)
		}
	}
	sort.Strings(t.ids)
	return t, nil
}

// routes builds the outer mux: the token endpoint, the API (routed by
// serveRoute) and a 404 for the rest.
func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+tokenPath, s.serveToken)
	mux.HandleFunc(tokenPath, s.serveTokenMethod)
	mux.HandleFunc(apiPrefix+"/", s.serveRoute)
	mux.HandleFunc("/", s.serveNotFound)
	return mux
}

func (s *Server) serveNotFound(w http.ResponseWriter, r *http.Request) {
	req := s.begin(r, "")
	writeJSON(w, http.StatusNotFound, problem(http.StatusNotFound, "not_found", "Not Found",
		fmt.Sprintf("no operation for %s %s", r.Method, r.URL.Path)), nil)
	req.finish(http.StatusNotFound)
}

var (
	requestOptions = &openapi3filter.Options{
		MultiError: true,
		// Authentication is checked before validation, by checkBearer.
		AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
		// Keep the request as the client sent it, for the handler and the log.
		SkipSettingDefaults: true,
	}
	responseOptions = &openapi3filter.Options{
		MultiError:            true,
		IncludeResponseStatus: true,
	}
)

// serveAPI answers one API request and returns the status it sent, 0 when
// no response was sent.
func (s *Server) serveAPI(req *pending, op *operation, w http.ResponseWriter, r *http.Request) int {
	ctx := r.Context()
	// The API's gateway refuses before anything else, so a throttled
	// request uses up no fault.
	if s.throttle(w, r) {
		return http.StatusTooManyRequests
	}
	p := s.faults.plan(op.id)
	if status, done := s.applyFaults(ctx, p, req, w); done {
		return status
	}

	input := &openapi3filter.RequestValidationInput{
		Request:    r,
		PathParams: map[string]string{},
		Route:      op.route,
		Options:    requestOptions,
	}
	for _, name := range op.pathParams {
		input.PathParams[name] = r.PathValue(name)
	}

	rec := httptest.NewRecorder()
	if (!op.secured || s.authorize(rec, r)) && (!op.signed || s.checkSignature(rec, r)) {
		var raw []byte
		if op.xmlAction != "" {
			var err error
			if raw, err = io.ReadAll(io.LimitReader(r.Body, maxUpload+1)); err != nil || len(raw) > maxUpload {
				msg := fmt.Sprintf("the body is larger than %d bytes", maxUpload)
				if err != nil {
					msg = "reading the body: " + err.Error()
				}
				writeJSON(w, http.StatusBadRequest, validationProblem([]violation{{title: msg}}), nil)
				return http.StatusBadRequest
			}
			r.Body = io.NopCloser(bytes.NewReader(raw))
		}
		if err := openapi3filter.ValidateRequest(ctx, input); err != nil {
			// This 400 is the fake's own answer to a bad request and is not
			// checked against the document, which declares no 400 on some
			// operations that take parameters.
			if op.xmlAction != "" {
				writeXMLViolations(w, op.xmlAction, raw, violations(err))
				return http.StatusBadRequest
			}
			writeJSON(w, http.StatusBadRequest, validationProblem(violations(err)), nil)
			return http.StatusBadRequest
		}
		s.st.mu.Lock()
		s.st.settle()
		s.st.mu.Unlock()
		op.handle(s.wrapper, rec, r.WithContext(context.WithValue(s.withActingSeller(ctx, r), queryKey{}, r.URL.Query())))
	}

	body := rec.Body.Bytes()
	if s.checkResps {
		check := &openapi3filter.ResponseValidationInput{
			RequestValidationInput: input,
			Status:                 rec.Code,
			Header:                 rec.Header(),
			Options:                responseOptions,
		}
		check.SetBodyBytes(body)
		if err := openapi3filter.ValidateResponse(ctx, check); err != nil {
			s.onViolation(&violationError{op: op.id, method: r.Method, path: r.URL.Path, status: rec.Code, err: err})
		}
	}

	if p.malform {
		body = malform(body)
	}
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.Header().Del("Content-Length")
	// Logged before the answer goes out, so a client that has read it
	// finds its request counted.
	req.finish(rec.Code)
	w.WriteHeader(rec.Code)
	_, _ = w.Write(body) // a write error means the client is gone
	return rec.Code
}

// malform cuts a body in half, so it is no longer valid JSON.
func malform(body []byte) []byte {
	if len(body) < 2 {
		return []byte(`{"`)
	}
	return body[:len(body)/2]
}

// locked runs every operation with the state lock held, so that each
// request sees and leaves the state whole; the handlers take no lock of
// their own. The answer is written after the lock is released, from values
// the handler built for it.
func (a *api) locked(f server.StrictHandlerFunc, _ string) server.StrictHandlerFunc {
	return func(ctx context.Context, w http.ResponseWriter, r *http.Request, req any) (any, error) {
		a.st.mu.Lock()
		defer a.st.mu.Unlock()
		return f(ctx, w, r, req)
	}
}
