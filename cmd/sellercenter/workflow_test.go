package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// step is one command of a workflow and what it must print.
type step struct {
	args   []string
	stdin  string
	code   int
	stdout string // exact, when not empty
	stderr string // substring, when not empty
}

func runSteps(t *testing.T, env map[string]string, steps []step) {
	t.Helper()
	for _, s := range steps {
		res := runTool(t, invocation{env: env, stdin: s.stdin}, s.args...)
		wantCode(t, s.args, res, s.code)
		if s.stdout != "" && res.stdout != s.stdout {
			t.Errorf("sellercenter %s stdout = %q, want %q", strings.Join(s.args, " "), res.stdout, s.stdout)
		}
		if s.stderr != "" && !strings.Contains(res.stderr, s.stderr) {
			t.Errorf("sellercenter %s stderr = %q, want it to contain %q", strings.Join(s.args, " "), res.stderr, s.stderr)
		}
	}
}

// itemsOf returns order id's items as `orders items -o json` prints them.
func itemsOf(t *testing.T, env map[string]string, id string) []gen.OrderItem {
	t.Helper()
	args := []string{"orders", "items", id, "-o", "json"}
	res := runTool(t, invocation{env: env}, args...)
	wantCode(t, args, res, exitOK)
	var items []gen.OrderItem
	if err := json.Unmarshal([]byte(res.stdout), &items); err != nil {
		t.Fatalf("sellercenter %s output does not parse: %v", strings.Join(args, " "), err)
	}
	return items
}

// TestStatusWorkflow drives one order from pending to delivered with the
// commands a seller's operator would type, checking each step through the
// tool itself and the order's history at the end.
func TestStatusWorkflow(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	env := envFor(srv)
	// Order 1002 has one pending item, 5003, preselected for J&T Express,
	// a carrier without API integration: it needs a tracking number.
	runSteps(t, env, []step{
		{args: []string{"orders", "ready-to-ship", "5003", "--provider", "J&T Express"}, code: exitFailure,
			stderr: "trackingNumber is required"},
		{args: []string{"orders", "ship", "5003"}, code: exitFailure, stderr: "set-to-shipped needs ready_to_ship"},
		{args: []string{"orders", "ready-to-ship", "5003", "--provider", "J&T Express", "--tracking", "JT630000000001"},
			stdout: "ITEM  STATUS\n5003  ready_to_ship\n"},
	})
	items := itemsOf(t, env, "1002")
	if len(items) != 1 || items[0].Status != gen.OrderItemStatusReadyToShip || items[0].Shipment.TrackingCode != "JT630000000001" ||
		items[0].Shipment.Provider == nil || items[0].Shipment.Provider.Name != "J&T Express" {
		t.Fatalf("after ready-to-ship, orders items 1002 = %+v, want 5003 ready to ship with J&T Express JT630000000001", items)
	}
	runSteps(t, env, []step{
		{args: []string{"orders", "deliver", "5003"}, code: exitFailure, stderr: "5003"},
		{args: []string{"orders", "ship", "5003", "-o", "json"}, stdout: "[\n  {\n    \"orderItemId\": 5003,\n    \"status\": \"shipped\"\n  }\n]\n"},
		{args: []string{"orders", "deliver", "5003", "-o", "jsonl"}, stdout: `{"orderItemId":5003,"status":"delivered"}` + "\n"},
		{args: []string{"orders", "cancel", "5003", "--reason", "Customer request"}, code: exitFailure, stderr: "delivered"},
	})

	args := []string{"orders", "history", "1002", "-o", "jsonl"}
	res := runTool(t, invocation{env: env}, args...)
	wantCode(t, args, res, exitOK)
	var statuses []gen.OrderItemStatus
	for _, line := range strings.Split(strings.TrimSuffix(res.stdout, "\n"), "\n") {
		var h gen.OrderHistoryEntry
		if err := json.Unmarshal([]byte(line), &h); err != nil {
			t.Fatalf("history line %q does not parse: %v", line, err)
		}
		statuses = append(statuses, h.Status)
	}
	want := []gen.OrderItemStatus{gen.OrderItemStatusPending, gen.OrderItemStatusReadyToShip, gen.OrderItemStatusShipped, gen.OrderItemStatusDelivered}
	if !slices.Equal(statuses, want) {
		t.Errorf("sellercenter %s = statuses %v, want %v", strings.Join(args, " "), statuses, want)
	}
}

// TestCancel cancels items, from arguments and from stdin, and checks that
// a refused cancellation changes nothing.
func TestCancel(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	env := envFor(srv)
	runSteps(t, env, []step{
		// Order 1001: two pending items.
		{args: []string{"orders", "cancel", "5001", "5002", "--reason", "Out of stock", "--detail", "last pieces sold in store"},
			stdout: "ITEM  STATUS\n5001  canceled\n5002  canceled\n"},
		// Order 1003: three pending items, ids piped in as a script would.
		{args: []string{"orders", "cancel", "-", "--reason", "Customer request"}, stdin: "5004\n5005,5006\n",
			stdout: "ITEM  STATUS\n5004  canceled\n5005  canceled\n5006  canceled\n"},
		{args: []string{"orders", "cancel", "-", "--reason", "Customer request"}, stdin: "\n", code: exitUsage, stderr: "no order item ids on stdin"},
		// All or nothing: 5012 is shipped, so 5003 stays pending.
		{args: []string{"orders", "cancel", "5003", "5012", "--reason", "Customer request"}, code: exitFailure, stderr: "5012"},
		// An unknown reason is refused before anything is sent.
		{args: []string{"orders", "cancel", "5003", "--reason", "No such reason"}, code: exitUsage, stderr: "is not a cancellation reason"},
	})
	for id, want := range map[int]gen.OrderItemStatus{
		5001: gen.OrderItemStatusCanceled, 5002: gen.OrderItemStatusCanceled,
		5004: gen.OrderItemStatusCanceled, 5005: gen.OrderItemStatusCanceled, 5006: gen.OrderItemStatusCanceled,
		5003: gen.OrderItemStatusPending, 5012: gen.OrderItemStatusShipped,
	} {
		it, err := srv.OrderItem(id)
		if err != nil {
			t.Fatal(err)
		}
		if it.Status != want {
			t.Errorf("after the cancellations, item %d is %s, want %s", id, it.Status, want)
		}
	}
	it, err := srv.OrderItem(5001)
	if err != nil {
		t.Fatal(err)
	}
	if it.FailureReason.Name == nil || *it.FailureReason.Name != "Out of stock" {
		t.Errorf("item 5001 failure reason = %+v, want Out of stock", it.FailureReason)
	}
}
