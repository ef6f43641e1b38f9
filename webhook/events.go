package webhook

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/sellercenter-go/sellercenter/internal/oneline"
	"github.com/sellercenter-go/sellercenter/lenient"
)

// The event aliases of SellerCenter, as a body's "event" names them and as
// createWebhook subscribes to them.
const (
	AliasOrderCreated            = "onOrderCreated"
	AliasOrderItemsStatusChanged = "onOrderItemsStatusChanged"
	AliasFeedCreated             = "onFeedCreated"
	AliasFeedCompleted           = "onFeedCompleted"
	AliasProductCreated          = "onProductCreated"
	AliasProductUpdated          = "onProductUpdated"
	AliasProductQcStatusChanged  = "onProductQcStatusChanged"
	AliasReturnStatusChanged     = "onReturnStatusChanged"
	AliasStatisticsUpdated       = "onStatisticsUpdated"
	AliasMetricsUpdated          = "onMetricsUpdated"
)

// Aliases lists every alias the package decodes into a typed event.
var Aliases = []string{
	AliasOrderCreated, AliasOrderItemsStatusChanged, AliasFeedCreated, AliasFeedCompleted,
	AliasProductCreated, AliasProductUpdated, AliasProductQcStatusChanged,
	AliasReturnStatusChanged, AliasStatisticsUpdated, AliasMetricsUpdated,
}

// ID is an identifier the API sends as a JSON number or as a string of
// digits ("OrderId": 190 and "OrderId": "190" are the same order). It is
// written back as a number.
type ID int64

// UnmarshalJSON decodes an integral JSON number or a string holding one.
func (id *ID) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if string(data) == "null" {
		return nil
	}
	text := string(data)
	if len(data) > 0 && data[0] == '"' {
		if err := json.Unmarshal(data, &text); err != nil {
			return fmt.Errorf("webhook: id: %w", err)
		}
		text = strings.TrimSpace(text)
	}
	if n, err := strconv.ParseInt(text, 10, 64); err == nil {
		*id = ID(n)
		return nil
	}
	// A number such as 190.0 or 1.9e2 is still the id 190.
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return fmt.Errorf("webhook: %s is not an id (an integer or a string of one)", oneline.Quote(string(data)))
	}
	*id = ID(f)
	return nil
}

// String returns the id's digits.
func (id ID) String() string { return strconv.FormatInt(int64(id), 10) }

// OrderCreated is the payload of onOrderCreated: a new order. OrderNr is
// empty when the API left it out, as some instances do.
type OrderCreated struct {
	OrderID ID             `json:"OrderId"`
	OrderNr lenient.String `json:"OrderNr,omitempty"`
}

// OrderItemsStatusChanged is the payload of onOrderItemsStatusChanged: items
// of one order reached NewStatus, such as "ready_to_ship".
type OrderItemsStatusChanged struct {
	OrderID      ID     `json:"OrderId"`
	OrderItemIDs []ID   `json:"OrderItemIds"`
	NewStatus    string `json:"NewStatus"`
}

// FeedCreated is the payload of onFeedCreated: a feed of a product create,
// update or remove, or of images, was queued. Feed is its id.
type FeedCreated struct {
	Feed string `json:"Feed"`
}

// FeedCompleted is the payload of onFeedCompleted, sent only when a feed
// ended Finished: for one that was canceled or failed, poll the feed.
type FeedCompleted struct {
	Feed string `json:"Feed"`
}

// ProductCreated is the payload of onProductCreated.
type ProductCreated struct {
	SellerSkus []string `json:"SellerSkus"`
}

// ProductUpdated is the payload of onProductUpdated.
type ProductUpdated struct {
	SellerSkus []string `json:"SellerSkus"`
}

// ProductQcStatusChanged is the payload of onProductQcStatusChanged: the
// quality control of these products changed; read their state with the API.
type ProductQcStatusChanged struct {
	SellerSkus []string `json:"SellerSkus"`
}

// ReturnStatusChanged is onReturnStatusChanged. The API documents no
// payload for it, so the payload is kept as sent.
type ReturnStatusChanged struct {
	Payload json.RawMessage `json:"payload,omitempty"`
}

// StatisticsUpdated is onStatisticsUpdated, whose payload is empty: read the
// statistics with the API.
type StatisticsUpdated struct{}

// MetricsUpdated is onMetricsUpdated. The API documents no payload for it,
// so the payload is kept as sent.
type MetricsUpdated struct {
	Payload json.RawMessage `json:"payload,omitempty"`
}

// Unknown is an event of an alias this package does not know, with its
// payload as sent.
type Unknown struct {
	Event   string          `json:"event"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

// Delivery is one body received: the event's alias, its payload as sent and
// Key, the same for every redelivery of the same event.
type Delivery struct {
	Event   string
	Payload json.RawMessage
	// Key identifies the event: a hash of the alias and the payload, so a
	// redelivery has the key of the first delivery. The API sends no id of
	// its own, so two events with equal payloads (two updates of the same
	// SKUs, two statistics updates) share a key too.
	Key string
}

// Errors of Decode, tested with errors.Is.
var (
	// ErrInvalidJSON means the body is not a JSON object.
	ErrInvalidJSON = errors.New("webhook: the body is not a JSON object")
	// ErrNoEvent means the body names no event.
	ErrNoEvent = errors.New(`webhook: the body has no "event"`)
	// ErrPayload means the payload does not fit its event.
	ErrPayload = errors.New("webhook: the payload does not fit its event")
)

// Decode reads a body {"event": alias, "payload": {...}} and returns the
// delivery with the typed event: one of the payload types of this package
// by value, or Unknown for an alias it does not know. A missing or null
// payload reads as {}.
func Decode(body []byte) (Delivery, any, error) {
	var env struct {
		Event   *string         `json:"event"`
		Payload json.RawMessage `json:"payload"`
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&env); err != nil {
		return Delivery{}, nil, fmt.Errorf("%w: %s", ErrInvalidJSON, oneline.Quote(err.Error()))
	}
	if dec.More() {
		return Delivery{}, nil, fmt.Errorf("%w: data after the object", ErrInvalidJSON)
	}
	if env.Event == nil || strings.TrimSpace(*env.Event) == "" {
		return Delivery{}, nil, ErrNoEvent
	}
	payload := bytes.TrimSpace(env.Payload)
	if len(payload) == 0 || string(payload) == "null" {
		payload = []byte("{}")
	}
	if payload[0] != '{' {
		return Delivery{}, nil, fmt.Errorf("%w: the payload of %s is not an object", ErrPayload, oneline.Quote(*env.Event))
	}
	d := Delivery{Event: *env.Event, Payload: payload, Key: key(*env.Event, payload)}
	ev, err := decodePayload(d)
	if err != nil {
		return d, nil, fmt.Errorf("%w: %s: %s", ErrPayload, oneline.Quote(d.Event), oneline.Quote(err.Error()))
	}
	return d, ev, nil
}

// key hashes the alias and the payload in a canonical form (members sorted,
// numbers as written), so that re-encoding by the sender does not change it.
func key(event string, payload []byte) string {
	h := sha256.New()
	h.Write([]byte(event))
	h.Write([]byte{0})
	dec := json.NewDecoder(bytes.NewReader(payload))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) == nil {
		if canon, err := json.Marshal(v); err == nil {
			payload = canon
		}
	}
	h.Write(payload)
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// decoders decode the payload of each alias into its event.
var decoders = map[string]func(payload []byte) (any, error){
	AliasOrderCreated:            typed[OrderCreated]("OrderId"),
	AliasOrderItemsStatusChanged: typed[OrderItemsStatusChanged]("OrderId", "OrderItemIds", "NewStatus"),
	AliasFeedCreated:             typed[FeedCreated]("Feed"),
	AliasFeedCompleted:           typed[FeedCompleted]("Feed"),
	AliasProductCreated:          typed[ProductCreated]("SellerSkus"),
	AliasProductUpdated:          typed[ProductUpdated]("SellerSkus"),
	AliasProductQcStatusChanged:  typed[ProductQcStatusChanged]("SellerSkus"),
	AliasReturnStatusChanged:     func(p []byte) (any, error) { return ReturnStatusChanged{Payload: p}, nil },
	AliasStatisticsUpdated:       func([]byte) (any, error) { return StatisticsUpdated{}, nil },
	AliasMetricsUpdated:          func(p []byte) (any, error) { return MetricsUpdated{Payload: p}, nil },
}

// typed decodes a payload into E, requiring the members named.
func typed[E any](required ...string) func([]byte) (any, error) {
	return func(payload []byte) (any, error) {
		var e E
		err := decodeInto(payload, &e, required...)
		return e, err
	}
}

func decodePayload(d Delivery) (any, error) {
	if decode, ok := decoders[d.Event]; ok {
		return decode(d.Payload)
	}
	return Unknown{Event: d.Event, Payload: d.Payload}, nil
}

// decodeInto decodes payload into v and checks that the required members
// are there and not null.
func decodeInto(payload []byte, v any, required ...string) error {
	var members map[string]json.RawMessage
	if err := json.Unmarshal(payload, &members); err != nil {
		return err
	}
	for _, m := range required {
		if raw, ok := members[m]; !ok || string(bytes.TrimSpace(raw)) == "null" {
			return fmt.Errorf("no %s", m)
		}
	}
	return json.Unmarshal(payload, v)
}
