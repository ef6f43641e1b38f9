package webhook_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sellercenter-go/sellercenter/webhook"
)

// FuzzHandler posts arbitrary bodies: the handler never panics, answers one
// of its statuses, and answers 200 only when Decode accepts the body and a
// function ran.
func FuzzHandler(f *testing.F) {
	for _, seed := range []string{
		`{"event":"onOrderCreated","payload":{"OrderId":190,"OrderNr":"123221"}}`,
		`{"event":"onOrderCreated","payload":{"OrderId":"190"}}`,
		`{"event":"onOrderItemsStatusChanged","payload":{"OrderId":1,"OrderItemIds":["2","3"],"NewStatus":"ready_to_ship"}}`,
		`{"event":"onFeedCompleted","payload":{"Feed":"829a8d2a-d370-4fa6-8613-8554f43d5fed"}}`,
		`{"event":"onProductQcStatusChanged","payload":{"SellerSkus":["A"]}}`,
		`{"event":"onStatisticsUpdated","payload":{}}`,
		`{"event":"onStatisticsUpdated"}`,
		`{"event":"onUnknown","payload":{"a":[1,{"b":null}]}}`,
		`{"event":"onOrderCreated","payload":{"OrderId":1e400}}`,
		`{"event":"onOrderItemsStatusChanged","payload":{"OrderId":-1,"OrderItemIds":[9007199254740993],"NewStatus":""}}`,
		`{"event":null}`, `{}`, `[]`, `null`, ``, `{"event":"x","payload":"{}"}`, "\xff",
	} {
		f.Add(seed)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	f.Fuzz(func(t *testing.T, body string) {
		ran := false
		mark := func(context.Context, webhook.Delivery) error { ran = true; return nil }
		h := &webhook.Handler{
			OnOrderCreated:            func(context.Context, webhook.OrderCreated) error { ran = true; return nil },
			OnOrderItemsStatusChanged: func(context.Context, webhook.OrderItemsStatusChanged) error { ran = true; return nil },
			OnOther:                   mark,
			Logger:                    quiet,
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/hook", strings.NewReader(body)))
		_, _, err := webhook.Decode([]byte(body))
		switch w.Code {
		case http.StatusOK:
			if err != nil || !ran {
				t.Errorf("POST %q = 200 with Decode error %v and function run %v", body, err, ran)
			}
		case http.StatusBadRequest, http.StatusUnprocessableEntity:
			if err == nil || ran {
				t.Errorf("POST %q = %d with Decode error %v and function run %v", body, w.Code, err, ran)
			}
		default:
			t.Errorf("POST %q = %d, want 200, 400 or 422", body, w.Code)
		}
	})
}
