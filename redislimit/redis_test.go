package redislimit

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// The tests share one redis-server, started on first use on a free
// loopback port with its files in a temporary directory, and stopped by
// TestMain. Each test uses keys of its own.
var shared struct {
	once sync.Once
	addr string
	err  error
	cmd  *exec.Cmd
	done chan error // receives cmd.Wait's result once it exits
	dir  string
}

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		os.Exit(runChild())
	}
	code := m.Run()
	if shared.cmd != nil {
		_ = shared.cmd.Process.Kill()
		<-shared.done
	}
	if shared.dir != "" {
		_ = os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

// redisAddr returns the address of the shared redis-server. When it cannot
// be started, the test is skipped with the reason, except on CI (CI set),
// where the Redis tests must run and it fails.
func redisAddr(tb testing.TB) string {
	tb.Helper()
	shared.once.Do(func() { shared.addr, shared.err = startRedis() })
	if shared.err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("redislimit: %v (CI is set, so the Redis tests must run)", shared.err)
		}
		tb.Skipf("redislimit: skipping, %v; install it (Debian: apt-get install redis-server) to run the Redis tests", shared.err)
	}
	return shared.addr
}

// startRedis starts redis-server without persistence. A port taken between
// choosing and binding it is tried again with another.
func startRedis() (string, error) {
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		return "", errors.New("redis-server is not installed (not in PATH)")
	}
	dir, err := os.MkdirTemp("", "redislimit-test-")
	if err != nil {
		return "", fmt.Errorf("creating a directory for redis-server: %w", err)
	}
	shared.dir = dir
	var last error
	for attempt := range 3 {
		port, err := freePort()
		if err != nil {
			return "", err
		}
		addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
		logFile := filepath.Join(dir, fmt.Sprintf("redis-%d.log", attempt))
		cmd := exec.Command(bin, "--bind", "127.0.0.1", "--port", strconv.Itoa(port), "--dir", dir,
			"--save", "", "--appendonly", "no", "--logfile", logFile, "--daemonize", "no")
		if err := cmd.Start(); err != nil {
			return "", fmt.Errorf("starting redis-server: %w", err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		last = waitReady(addr, done)
		if last == nil {
			shared.cmd, shared.done = cmd, done
			return addr, nil
		}
		_ = cmd.Process.Kill()
		<-done
		if log, rerr := os.ReadFile(logFile); rerr == nil && len(log) > 0 {
			last = fmt.Errorf("%w; its log ends: %s", last, tail(log, 300))
		}
	}
	return "", fmt.Errorf("redis-server did not start: %w", last)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("finding a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// waitReady pings addr until redis-server answers, exits (done receives)
// or 10 s pass.
func waitReady(addr string, done chan error) error {
	c := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1, DialTimeout: 200 * time.Millisecond})
	defer c.Close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
		err := c.Ping(ctx).Err()
		cancel()
		if err == nil {
			return nil
		}
		select {
		case werr := <-done:
			done <- werr // for the caller's receive
			return fmt.Errorf("redis-server exited at start (%v): %w", werr, err)
		default:
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("redis-server on %s did not answer in 10 s: %w", addr, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func tail(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}

// newRedisClient is a client of the shared server, closed when tb ends.
func newRedisClient(tb testing.TB) *redis.Client {
	tb.Helper()
	c := redis.NewClient(&redis.Options{Addr: redisAddr(tb)})
	tb.Cleanup(func() { _ = c.Close() })
	return c
}
