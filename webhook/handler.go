// Package webhook receives SellerCenter's webhook deliveries: an
// http.Handler that decodes each body {"event": alias, "payload": {...}}
// into a typed event and calls the function set for it.
//
// SellerCenter counts a delivery as done only when it is answered 200, and
// otherwise retries it for 30 days (after 1, 5, 10, 30, 60, 120, 300 and 600
// minutes, then daily). Handler answers 200 only once the function returned
// nil; an error, a panic or a body it cannot read gets another status, so
// the event comes again. An alias it does not know goes to OnOther, or is
// acknowledged, so that it is never retried in vain.
//
// SellerCenter signs nothing. To refuse bodies from anyone else, put a
// secret of your own in the callback URL you register, either as its last
// path segment or as a query parameter, and set Handler.Secret:
//
//	https://hooks.example.com/sellercenter/3a7c9e...        (path)
//	https://hooks.example.com/sellercenter?secret=3a7c9e... (query, SecretParam "secret")
//
// Register the URL with createWebhook (sellercenter webhooks create);
// Handler answers 401 to a request without the secret.
//
// The same event may arrive more than once. Delivery.Key is the same for
// each arrival; with Handler.Dedup set, the function runs once per key.
package webhook

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
)

// MaxBodyBytes is the largest body Handler reads; SellerCenter's are a few
// hundred bytes.
const MaxBodyBytes = 1 << 20

// DefaultSecretParam is the query parameter that carries the secret when
// Handler.SecretParam is empty.
const DefaultSecretParam = "secret"

// Handler is an http.Handler for SellerCenter's webhook deliveries. Set the
// functions of the events you subscribed to; the zero Handler acknowledges
// every well-formed delivery. Its fields must not change while it serves.
type Handler struct {
	OnOrderCreated            func(context.Context, OrderCreated) error
	OnOrderItemsStatusChanged func(context.Context, OrderItemsStatusChanged) error
	OnFeedCreated             func(context.Context, FeedCreated) error
	OnFeedCompleted           func(context.Context, FeedCompleted) error
	OnProductCreated          func(context.Context, ProductCreated) error
	OnProductUpdated          func(context.Context, ProductUpdated) error
	OnProductQcStatusChanged  func(context.Context, ProductQcStatusChanged) error
	OnReturnStatusChanged     func(context.Context, ReturnStatusChanged) error
	OnStatisticsUpdated       func(context.Context, StatisticsUpdated) error
	OnMetricsUpdated          func(context.Context, MetricsUpdated) error

	// OnOther receives every delivery that has no function above: an alias
	// this package does not know, or one whose function is nil. Nil
	// acknowledges them with a log record.
	OnOther func(context.Context, Delivery) error

	// Secret, if not empty, must be the last segment of the request's path
	// or the value of its SecretParam query parameter; it is compared in
	// constant time, and a request without it is answered 401.
	Secret string
	// SecretParam names the query parameter of the secret; empty means
	// DefaultSecretParam.
	SecretParam string

	// Dedup, if set, makes each event's function run once per Delivery.Key
	// however often the event arrives; see NewMemoryDedup.
	Dedup DedupStore

	// Logger receives a record of each refused request and each failed
	// function; nil means slog.Default().
	Logger *slog.Logger
}

type deliveryKey struct{}

// DeliveryFrom returns the delivery a function of Handler was called for.
func DeliveryFrom(ctx context.Context) (Delivery, bool) {
	d, ok := ctx.Value(deliveryKey{}).(Delivery)
	return d, ok
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	log := h.logger()
	// The URL is never logged: it may hold the secret.
	refuse := func(status int, reason string) {
		log.LogAttrs(r.Context(), slog.LevelWarn, "webhook: refused a request",
			slog.Int("status", status), slog.String("reason", reason), slog.String("method", r.Method),
			slog.String("remote", r.RemoteAddr))
		http.Error(w, reason, status)
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		refuse(http.StatusMethodNotAllowed, "webhook deliveries are POSTed")
		return
	}
	if h.Secret != "" && !h.hasSecret(r) {
		refuse(http.StatusUnauthorized, "missing or wrong secret")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			refuse(http.StatusRequestEntityTooLarge, fmt.Sprintf("the body is over %d bytes", MaxBodyBytes))
			return
		}
		refuse(http.StatusBadRequest, "reading the body failed")
		return
	}
	d, ev, err := Decode(body)
	switch {
	case errors.Is(err, ErrPayload):
		refuse(http.StatusUnprocessableEntity, err.Error())
		return
	case err != nil:
		refuse(http.StatusBadRequest, err.Error())
		return
	}
	status, err := h.deliver(r.Context(), d, ev)
	if err != nil {
		log.LogAttrs(r.Context(), slog.LevelError, "webhook: the event's function failed; SellerCenter will send it again",
			slog.String("event", d.Event), slog.String("key", d.Key), slog.Int("status", status), slog.String("error", err.Error()))
		http.Error(w, http.StatusText(status), status)
		return
	}
	w.WriteHeader(http.StatusOK)
	_, _ = io.WriteString(w, "ok\n")
}

// hasSecret reports whether the request carries h.Secret in its path's last
// segment or its query. Both sides are hashed first, so the comparison
// takes the same time whatever the lengths.
func (h *Handler) hasSecret(r *http.Request) bool {
	param := h.SecretParam
	if param == "" {
		param = DefaultSecretParam
	}
	want := sha256.Sum256([]byte(h.Secret))
	path := strings.TrimSuffix(r.URL.Path, "/")
	candidates := []string{path[strings.LastIndex(path, "/")+1:]}
	candidates = append(candidates, r.URL.Query()[param]...)
	ok := 0
	for _, c := range candidates {
		got := sha256.Sum256([]byte(c))
		ok |= subtle.ConstantTimeCompare(got[:], want[:])
	}
	return ok == 1
}

// deliver runs the event's function once per key, and returns the status
// to answer with an error when it is not 200.
func (h *Handler) deliver(ctx context.Context, d Delivery, ev any) (int, error) {
	ctx = context.WithValue(ctx, deliveryKey{}, d)
	if h.Dedup == nil {
		return h.run(ctx, d, ev)
	}
	state, err := h.Dedup.Begin(ctx, d.Key)
	switch {
	case err != nil:
		return http.StatusServiceUnavailable, fmt.Errorf("webhook: the dedup store: %w", err)
	case state == Done:
		return http.StatusOK, nil
	case state == Running:
		// Another arrival is being handled; if it fails, this one's retry
		// will run the function.
		return http.StatusConflict, errors.New("webhook: the same event is being handled")
	}
	status, err := h.run(ctx, d, ev)
	if ferr := h.Dedup.Finish(ctx, d.Key, err == nil); ferr != nil && err == nil {
		// The function ran; an error of the store must not make it run again.
		h.logger().LogAttrs(ctx, slog.LevelError, "webhook: the dedup store could not record a handled event",
			slog.String("event", d.Event), slog.String("key", d.Key), slog.String("error", ferr.Error()))
	}
	return status, err
}

func (h *Handler) logger() *slog.Logger {
	if h.Logger == nil {
		return slog.Default()
	}
	return h.Logger
}

// run calls the function for ev, turning a panic into an error.
func (h *Handler) run(ctx context.Context, d Delivery, ev any) (status int, err error) {
	defer func() {
		if p := recover(); p != nil {
			status, err = http.StatusInternalServerError, fmt.Errorf("webhook: the function of %s panicked: %v", d.Event, p)
		}
	}()
	if err := h.call(ctx, d, ev); err != nil {
		return http.StatusInternalServerError, err
	}
	return http.StatusOK, nil
}

// call dispatches ev to its function, or to OnOther.
func (h *Handler) call(ctx context.Context, d Delivery, ev any) error {
	switch e := ev.(type) {
	case OrderCreated:
		return callOr(ctx, h, d, h.OnOrderCreated, e)
	case OrderItemsStatusChanged:
		return callOr(ctx, h, d, h.OnOrderItemsStatusChanged, e)
	case FeedCreated:
		return callOr(ctx, h, d, h.OnFeedCreated, e)
	case FeedCompleted:
		return callOr(ctx, h, d, h.OnFeedCompleted, e)
	case ProductCreated:
		return callOr(ctx, h, d, h.OnProductCreated, e)
	case ProductUpdated:
		return callOr(ctx, h, d, h.OnProductUpdated, e)
	case ProductQcStatusChanged:
		return callOr(ctx, h, d, h.OnProductQcStatusChanged, e)
	case ReturnStatusChanged:
		return callOr(ctx, h, d, h.OnReturnStatusChanged, e)
	case StatisticsUpdated:
		return callOr(ctx, h, d, h.OnStatisticsUpdated, e)
	case MetricsUpdated:
		return callOr(ctx, h, d, h.OnMetricsUpdated, e)
	default:
		return h.other(ctx, d)
	}
}

func callOr[E any](ctx context.Context, h *Handler, d Delivery, f func(context.Context, E) error, e E) error {
	if f == nil {
		return h.other(ctx, d)
	}
	return f(ctx, e)
}

func (h *Handler) other(ctx context.Context, d Delivery) error {
	if h.OnOther != nil {
		return h.OnOther(ctx, d)
	}
	h.logger().LogAttrs(ctx, slog.LevelInfo, "webhook: acknowledged an event with no function",
		slog.String("event", d.Event), slog.String("key", d.Key))
	return nil
}
