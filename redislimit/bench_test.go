package redislimit

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// childEnv, when set, makes the test binary a child process of
// BenchmarkTwoProcesses: TestMain runs runChild with the childJob in it.
const childEnv = "REDISLIMIT_BENCH_CHILD"

// childJob is what a child process does: Calls calls of getSeller from
// Workers goroutines, on the mock, paced by the Redis limiter of Seller,
// starting at Start.
type childJob struct {
	BaseURL, TokenURL, ClientID, ClientSecret string
	RedisAddr, Seller                         string
	Rate                                      float64
	Calls, Workers                            int
	Start                                     time.Time
}

// childResult is what a child prints on stdout.
type childResult struct {
	OK, RateLimited int
	Errors          []string
}

// Each of the two processes makes callsPerProcess calls: 90 at 30/s is 3 s
// of work, long enough for the pace to show, short enough for make test.
//
// The processes share a budget of benchRate, 1% under the API's limit: a
// pace of exactly 30/s measured from arrival times reads 30.01 or 29.99 as
// the first and last requests arrive a millisecond late or early, while a
// 1% margin (what a service should keep for the jitter of its own network)
// reads under 30 whatever the jitter of a loaded machine.
const (
	callsPerProcess   = 45
	workersPerProcess = 3
	benchRate         = 0.99 * sellercentertest.DefaultRateLimit
)

// BenchmarkTwoProcesses runs two processes of one seller, each a client
// with its own Redis limiter on the seller's budget (benchRate) and 3
// goroutines,
// against the mock with the API's limit of 30/s on. It reports the
// combined requests per second the mock saw (from the first request's
// arrival to the last's), that divided by the limit, and the mock's 429s.
// Targets: at most 30/s, at least 27/s, no 429.
func BenchmarkTwoProcesses(b *testing.B) {
	addr := redisAddr(b)
	exe, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	var rate, throttled, total float64
	round := 0
	for b.Loop() {
		round++
		var mu sync.Mutex
		var first, last time.Time
		var seen atomic.Int64
		mock, err := sellercentertest.NewServer(sellercentertest.Config{
			RequestLogSize: sellercentertest.NoRequestLog,
			OnViolation:    func(err error) { b.Errorf("mock response breaks the OpenAPI document: %v", err) },
			OnRequest: func(r sellercentertest.Request) {
				if r.Operation != "getSeller" {
					return
				}
				now := time.Now()
				seen.Add(1)
				mu.Lock()
				if first.IsZero() {
					first = now
				}
				last = now
				mu.Unlock()
			},
		})
		if err != nil {
			b.Fatal(err)
		}
		job := childJob{
			BaseURL: mock.URL, TokenURL: mock.TokenURL, ClientID: mock.ClientID, ClientSecret: mock.ClientSecret,
			RedisAddr: addr, Seller: fmt.Sprintf("bench-%d-%d-%d", os.Getpid(), time.Now().UnixNano(), round),
			Rate: benchRate, Calls: callsPerProcess, Workers: workersPerProcess,
			// Both start together, once both have had time to exec.
			Start: time.Now().Add(500 * time.Millisecond),
		}
		results := make([]childResult, 2)
		errs := make([]error, 2)
		var wg sync.WaitGroup
		for i := range 2 {
			wg.Go(func() { results[i], errs[i] = runProcess(exe, job) })
		}
		wg.Wait()
		mock.Close()
		for i, err := range errs {
			if err != nil {
				b.Fatalf("process %d: %v", i+1, err)
			}
			for _, e := range results[i].Errors {
				b.Errorf("process %d: %s", i+1, e)
			}
		}
		n := seen.Load()
		if n != 2*callsPerProcess {
			b.Fatalf("the mock saw %d getSeller requests, want %d", n, 2*callsPerProcess)
		}
		rate = float64(n-1) / last.Sub(first).Seconds()
		throttled = float64(mock.Throttled())
		total = float64(n)
		if got := results[0].RateLimited + results[1].RateLimited; got != mock.Throttled() {
			b.Errorf("the processes met %d 429s, the mock sent %d", got, mock.Throttled())
		}
	}
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(rate, "req/s")
	b.ReportMetric(rate/sellercentertest.DefaultRateLimit, "rate/limit")
	b.ReportMetric(throttled, "429s")
	b.ReportMetric(total, "requests")
	switch {
	case throttled > 0:
		b.Errorf("the mock answered %v requests 429, want none", throttled)
	case rate > sellercentertest.DefaultRateLimit:
		b.Errorf("combined rate %.2f/s, want at most %d/s", rate, sellercentertest.DefaultRateLimit)
	case rate < 0.9*sellercentertest.DefaultRateLimit:
		b.Errorf("combined rate %.2f/s, want at least %.0f/s", rate, 0.9*sellercentertest.DefaultRateLimit)
	}
}

// runProcess runs the test binary as a child doing job and returns what it
// printed.
func runProcess(exe string, job childJob) (childResult, error) {
	spec, err := json.Marshal(job)
	if err != nil {
		return childResult{}, err
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+string(spec))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return childResult{}, fmt.Errorf("%w; stderr: %s", err, tail(stderr.Bytes(), 500))
	}
	var res childResult
	if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
		return childResult{}, fmt.Errorf("reading its result %q: %w", tail(stdout.Bytes(), 200), err)
	}
	return res, nil
}

// runChild does the job in the environment and prints its result; it
// returns the exit code.
func runChild() int {
	var job childJob
	if err := json.Unmarshal([]byte(os.Getenv(childEnv)), &job); err != nil {
		fmt.Fprintf(os.Stderr, "redislimit child: reading the job: %v\n", err)
		return 2
	}
	rc := redis.NewClient(&redis.Options{Addr: job.RedisAddr})
	defer rc.Close()
	lim, err := New(Config{Client: rc, Seller: job.Seller, Rate: job.Rate})
	if err != nil {
		fmt.Fprintf(os.Stderr, "redislimit child: %v\n", err)
		return 2
	}
	c, err := sellercenter.New(sellercenter.Config{
		BaseURL: job.BaseURL, TokenURL: job.TokenURL, ClientID: job.ClientID, ClientSecret: job.ClientSecret,
		Limiter: lim,
		// A 429 must show in the figures, not be waited out.
		MaxRetries: -1,
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "redislimit child: %v\n", err)
		return 2
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	// The token and the connection come before the start, on another
	// operation than the measured getSeller.
	if _, err := sellercenter.Result(c.ListEnabledCountriesWithResponse(ctx)); err != nil {
		fmt.Fprintf(os.Stderr, "redislimit child: first call: %v\n", err)
		return 1
	}
	time.Sleep(time.Until(job.Start))
	var mu sync.Mutex
	var res childResult
	var next atomic.Int64
	var wg sync.WaitGroup
	for range job.Workers {
		wg.Go(func() {
			for next.Add(1) <= int64(job.Calls) {
				_, err := sellercenter.Result(c.GetSellerWithResponse(ctx))
				mu.Lock()
				switch {
				case err == nil:
					res.OK++
				case errors.Is(err, sellercenter.ErrRateLimited):
					res.RateLimited++
				default:
					res.Errors = append(res.Errors, err.Error())
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if err := json.NewEncoder(os.Stdout).Encode(res); err != nil {
		return 1
	}
	return 0
}
