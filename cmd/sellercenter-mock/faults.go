package main

import (
	"fmt"
	"log"
	"strconv"
	"strings"
	"time"

	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// latencyFlag collects -latency values: D for every operation, OP=D for one.
type latencyFlag []latency

type latency struct {
	op string // empty for every API operation
	d  time.Duration
}

func (f *latencyFlag) String() string { return "" }

func (f *latencyFlag) Set(v string) error {
	op, ds, ok := strings.Cut(v, "=")
	if !ok {
		op, ds = "", v
	} else if op == "" {
		return fmt.Errorf("want D or OP=D, not %q: the operation is empty", v)
	}
	d, err := time.ParseDuration(ds)
	if err != nil || d <= 0 {
		return fmt.Errorf("want a positive duration such as 300ms, not %q", ds)
	}
	*f = append(*f, latency{op: op, d: d})
	return nil
}

// failFlag collects -fail values: OP=STATUS[:COUNT].
type failFlag []failure

type failure struct {
	op     string
	status int
	count  int // 0 for every response
}

func (f *failFlag) String() string { return "" }

func (f *failFlag) Set(v string) error {
	op, rest, ok := strings.Cut(v, "=")
	if !ok || op == "" {
		return fmt.Errorf("want OP=STATUS[:COUNT], such as getSeller=503:2, not %q", v)
	}
	ss, cs, hasCount := strings.Cut(rest, ":")
	status, err := strconv.Atoi(ss)
	if err != nil || status < 400 || status > 599 {
		return fmt.Errorf("want an error status from 400 to 599 in %q, not %q", v, ss)
	}
	count := 0
	if hasCount {
		if count, err = strconv.Atoi(cs); err != nil || count < 1 {
			return fmt.Errorf("want a positive count of responses in %q, not %q", v, cs)
		}
	}
	*f = append(*f, failure{op: op, status: status, count: count})
	return nil
}

// faults is what the fault flags ask of a running server.
type faults struct {
	latency     latencyFlag
	fail        failFlag
	maintenance string // Retry-After of a window for the whole run; "" for none
	inMaint     bool
}

// apply injects the faults into srv; an unknown operation is an error.
func (f *faults) apply(srv *sellercentertest.Server) error {
	for _, l := range f.latency {
		if _, err := srv.AddLatency(sellercentertest.Scope{Operation: l.op}, l.d); err != nil {
			return fmt.Errorf("-latency %s: %w", l.op, err)
		}
	}
	for _, x := range f.fail {
		retryAfter := ""
		if x.status == 429 || x.status == 503 {
			retryAfter = "1" // what the API sends with both; clients retry after it
		}
		if _, err := srv.Fail(sellercentertest.Scope{Operation: x.op, Count: x.count}, x.status, retryAfter); err != nil {
			return fmt.Errorf("-fail %s: %w", x.op, err)
		}
	}
	if f.inMaint {
		srv.Maintenance(f.maintenance)
	}
	return nil
}

// maintenanceFlag sets a maintenance window's Retry-After: seconds, or an
// HTTP date.
type maintenanceFlag struct{ f *faults }

func (m maintenanceFlag) String() string { return "" }

func (m maintenanceFlag) Set(v string) error {
	if n, err := strconv.Atoi(v); err != nil || n < 0 {
		if _, err := time.Parse(time.RFC1123, v); err != nil {
			return fmt.Errorf("want the Retry-After in seconds (such as 120) or an HTTP date, not %q", v)
		}
	}
	m.f.maintenance, m.f.inMaint = v, true
	return nil
}

// webhookPoll is how often -webhook-deliveries looks at the callback log.
const webhookPoll = 200 * time.Millisecond

// logWebhookDeliveries logs each finished POST of the callback log, in
// order, until the returned func is called; that func logs what has
// finished since the last look before it returns. The log is append-only,
// so the attempts already logged are counted, not remembered.
func logWebhookDeliveries(srv *sellercentertest.Server, logger *log.Logger) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	logged := 0
	look := func() {
		attempts := srv.WebhookAttempts()
		for ; logged < len(attempts); logged++ {
			a := attempts[logged]
			if a.Status == gen.WebhookCallbackStatusInprogress {
				return // logged when it ends, keeping the order
			}
			answer := "no answer"
			if a.StatusCode != 0 {
				answer = "HTTP " + strconv.Itoa(a.StatusCode)
			}
			logger.Printf("webhook %s to %s: %s (%s)", a.Event, a.URL, a.Status, answer)
		}
	}
	go func() {
		defer close(finished)
		t := time.NewTicker(webhookPoll)
		defer t.Stop()
		for {
			select {
			case <-done:
				look()
				return
			case <-t.C:
				look()
			}
		}
	}()
	return func() { close(done); <-finished }
}
