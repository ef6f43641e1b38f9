package backoff

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestDelay(t *testing.T) {
	t.Parallel()
	low := func(int64) int64 { return 0 }
	high := func(k int64) int64 { return k - 1 }
	tests := []struct {
		n         int
		base, max time.Duration
		lo, hi    time.Duration
	}{
		{0, 500 * time.Millisecond, 8 * time.Second, 250 * time.Millisecond, 500 * time.Millisecond},
		{1, 500 * time.Millisecond, 8 * time.Second, 500 * time.Millisecond, time.Second},
		{4, 500 * time.Millisecond, 8 * time.Second, 4 * time.Second, 8 * time.Second},
		{5, 500 * time.Millisecond, 8 * time.Second, 4 * time.Second, 8 * time.Second},
		{1000, 500 * time.Millisecond, 8 * time.Second, 4 * time.Second, 8 * time.Second},
		{2, 250 * time.Millisecond, 0, 500 * time.Millisecond, time.Second},
	}
	for _, tt := range tests {
		if got := Delay(tt.n, tt.base, tt.max, low); got != tt.lo {
			t.Errorf("Delay(%d, %v, %v) with the lowest jitter = %v, want %v", tt.n, tt.base, tt.max, got, tt.lo)
		}
		if got := Delay(tt.n, tt.base, tt.max, high); got != tt.hi {
			t.Errorf("Delay(%d, %v, %v) with the highest jitter = %v, want %v", tt.n, tt.base, tt.max, got, tt.hi)
		}
	}
}

func TestDelayNeverOverflows(t *testing.T) {
	t.Parallel()
	if d := Delay(1000, time.Second, 0, func(k int64) int64 { return k - 1 }); d < time.Hour {
		t.Errorf("Delay(1000, 1s, no cap) = %v, want a huge positive wait", d)
	}
}

func TestSleep(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("Sleep(cancelled, 1h) = %v, want context.Canceled at once", err)
	}
	if err := Sleep(context.Background(), 0); err != nil {
		t.Errorf("Sleep(0) = %v, want nil", err)
	}
	if err := Sleep(context.Background(), time.Nanosecond); err != nil {
		t.Errorf("Sleep(1ns) = %v, want nil", err)
	}
}
