package main

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
	"github.com/sellercenter-go/sellercenter/webhook"
)

// TestWebhooksHelpExamples runs every example of the webhooks commands'
// help against the built-in mock, as a reader would paste it.
func TestWebhooksHelpExamples(t *testing.T) {
	t.Parallel()
	var lines []string
	for _, sub := range (&cli{}).webhooksCommand().Commands() {
		examples := strings.Split(strings.TrimSpace(sub.Example), "\n")
		if sub.Example == "" {
			t.Errorf("sellercenter webhooks %s has no example", sub.Name())
		}
		lines = append(lines, examples...)
	}
	for _, line := range lines {
		args := strings.Fields(line)
		if args[0] != "sellercenter" {
			t.Fatalf("example %q does not start with sellercenter", line)
		}
		t.Run(strings.Join(args[1:], " "), func(t *testing.T) {
			t.Parallel()
			res := runTool(t, invocation{}, args[1:]...)
			wantCode(t, args[1:], res, exitOK)
			if !strings.Contains(res.stderr, "built-in demo SellerCenter") {
				t.Errorf("%s stderr = %q, want the built-in mock", line, res.stderr)
			}
			if res.stdout == "" && args[2] != "callbacks" { // the seeded webhook has no deliveries
				t.Errorf("%s printed nothing", line)
			}
		})
	}
}

func TestWebhooksCommands(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	env := envFor(srv)
	t.Run("golden", func(t *testing.T) {
		t.Parallel()
		for name, args := range map[string][]string{
			"webhooks-entities.table": {"webhooks", "entities"},
			"webhooks-list.table":     {"webhooks", "list", sellercentertest.SeedWebhookID},
		} {
			res := runTool(t, invocation{env: env}, args...)
			wantCode(t, args, res, exitOK)
			compareGolden(t, name, res.stdout)
		}
	})
	t.Run("create, disable, enable, delete", func(t *testing.T) {
		t.Parallel()
		args := []string{"webhooks", "create", "https://hooks.example.com/x", "onOrderCreated", "-o", "json"}
		res := runTool(t, invocation{env: env}, args...)
		wantCode(t, args, res, exitOK)
		var created gen.WebhookCreated
		if err := json.Unmarshal([]byte(res.stdout), &created); err != nil || created.WebhookId == "" {
			t.Fatalf("%v printed %q (%v), want the new webhook as JSON", args, res.stdout, err)
		}
		id := created.WebhookId
		enabled := func() bool {
			for _, w := range srv.Webhooks() {
				if w.PublicId == id {
					return w.IsEnabled
				}
			}
			t.Fatalf("the mock has no webhook %s", id)
			return false
		}
		for _, step := range []struct {
			verb string
			want bool
		}{{"disable", false}, {"enable", true}} {
			args := []string{"webhooks", step.verb, id}
			res := runTool(t, invocation{env: env}, args...)
			wantCode(t, args, res, exitOK)
			if res.stdout != step.verb+"d "+id+"\n" || enabled() != step.want {
				t.Errorf("%v printed %q, enabled %v; want %v", args, res.stdout, enabled(), step.want)
			}
		}
		args = []string{"webhooks", "delete", id}
		wantCode(t, args, runTool(t, invocation{env: env}, args...), exitOK)
		args = []string{"webhooks", "delete", id}
		wantCode(t, args, runTool(t, invocation{env: env}, args...), exitFailure)
	})
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"create without events", []string{"webhooks", "create", "https://hooks.example.com/x"}, exitUsage},
		{"create with an unknown event", []string{"webhooks", "create", "https://hooks.example.com/x", "onNothing"}, exitFailure},
		{"delete without id", []string{"webhooks", "delete"}, exitUsage},
		{"callbacks with a bad limit", []string{"webhooks", "callbacks", "https://x/y", "--limit", "0"}, exitUsage},
		{"demo on a configured instance", []string{"webhooks", "listen", "--addr", "127.0.0.1:0", "--demo"}, exitUsage},
		{"listen on a bad port", []string{"webhooks", "listen", "--addr", "127.0.0.1:99999", "--mock", "--demo"}, exitUsage},
		{"listen on an address not ours", []string{"webhooks", "listen", "--addr", "192.0.2.1:0", "--mock", "--demo"}, exitFailure},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			wantCode(t, tc.args, runTool(t, invocation{env: env}, tc.args...), tc.code)
		})
	}
}

// TestWebhooksListenDemo checks the lines listen prints: one JSON object per
// event with its alias, key and typed payload, ids as numbers. Deliveries
// race each other, in the mock as on the API, so the lines may come in any
// order.
func TestWebhooksListenDemo(t *testing.T) {
	t.Parallel()
	args := []string{"webhooks", "listen", "--addr", "127.0.0.1:0", "--secret", "s3cret", "--demo"}
	res := runTool(t, invocation{}, args...)
	wantCode(t, args, res, exitOK)
	lines := strings.Split(strings.TrimSpace(res.stdout), "\n")
	if len(lines) != 3 {
		t.Fatalf("%v printed %d lines, want 3:\n%s", args, len(lines), res.stdout)
	}
	var created []webhook.OrderCreated
	statuses := map[string]webhook.OrderItemsStatusChanged{}
	for _, l := range lines {
		var ev struct {
			Event   string
			Key     string
			Payload json.RawMessage
		}
		if err := json.Unmarshal([]byte(l), &ev); err != nil || ev.Key == "" {
			t.Fatalf("line %s (%v), want an event with its key", l, err)
		}
		switch ev.Event {
		case webhook.AliasOrderCreated:
			var p webhook.OrderCreated
			if err := json.Unmarshal(ev.Payload, &p); err != nil || p.OrderID == 0 {
				t.Errorf("line %s (%v), want onOrderCreated with its order id", l, err)
			}
			created = append(created, p)
		case webhook.AliasOrderItemsStatusChanged:
			var p webhook.OrderItemsStatusChanged
			if err := json.Unmarshal(ev.Payload, &p); err != nil || !strings.Contains(l, `"OrderItemIds":[`) || strings.Contains(l, `"OrderItemIds":["`) {
				t.Errorf("line %s (%v), want ids as numbers", l, err)
			}
			statuses[p.NewStatus] = p
		default:
			t.Errorf("line %s, want onOrderCreated or onOrderItemsStatusChanged", l)
		}
	}
	if len(created) != 1 {
		t.Fatalf("onOrderCreated lines = %d, want 1:\n%s", len(created), res.stdout)
	}
	for _, status := range []string{"ready_to_ship", "shipped"} {
		if c, ok := statuses[status]; !ok || c.OrderID != created[0].OrderID || len(c.OrderItemIDs) != 2 {
			t.Errorf("change to %s = %+v (%t), want both items of order %d", status, c, ok, created[0].OrderID)
		}
	}
	if strings.Contains(res.stderr, "s3cret") {
		t.Errorf("stderr shows the secret: %q", res.stderr)
	}
}

// TestWebhooksListenRefusesStrangers posts to listen's receiver with and
// without the secret.
func TestWebhooksListenRefusesStrangers(t *testing.T) {
	t.Parallel()
	p := &eventPrinter{w: &strings.Builder{}, seen: make(chan struct{}, 1)}
	h := p.handler("s3cret", slog.New(slog.NewTextHandler(io.Discard, nil)))
	for target, want := range map[string]int{"/sellercenter": http.StatusUnauthorized, "/sellercenter/s3cret": http.StatusOK} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodPost, target, strings.NewReader(`{"event":"onStatisticsUpdated","payload":{}}`)))
		if w.Code != want {
			t.Errorf("POST %s = %d, want %d", target, w.Code, want)
		}
	}
	if p.count() != 1 {
		t.Errorf("printed %d events, want 1", p.count())
	}
}
