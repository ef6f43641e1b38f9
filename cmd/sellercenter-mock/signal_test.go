//go:build unix

package main

import (
	"context"
	"syscall"
	"testing"
	"time"
)

// TestSignalStopsTheServer sends SIGINT and SIGTERM to the test process
// while run serves under the same signal context as main.
func TestSignalStopsTheServer(t *testing.T) {
	t.Parallel()
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			ctx, stop := notifyContext(context.Background())
			defer stop()
			_, code, _ := start(t, ctx)
			if err := syscall.Kill(syscall.Getpid(), sig); err != nil {
				t.Fatal(err)
			}
			select {
			case c := <-code:
				if c != 0 {
					t.Errorf("run after %v = %d, want 0", sig, c)
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("run did not stop on %v", sig)
			}
		})
	}
}
