package sellercenter_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// TestWaitForExport follows the seeded export jobs to their end: a queued
// one finishes and downloads, a failed or purged one is an *ExportError
// with the API's note, and an ended context stops the wait.
func TestWaitForExport(t *testing.T) {
	t.Parallel()
	mock := newContractMock(t, sellercentertest.Config{})
	c := newContractClient(t, mock, nil)
	byLabel := map[string]gen.ExportItem{}
	for _, x := range (operationEnv{ctx: context.Background(), mock: mock, c: c}).exports(t) {
		byLabel[x.ExportContent] = x
	}
	wait := sellercenter.ExportWait{Interval: time.Millisecond}
	tests := []struct {
		label string
		want  string // "" for finished; else in the *ExportError's message
	}{
		{"Orders - pending", ""},
		{"Returns - September", "ended Error: No returns matched the filters"},
		{"Products - Shoes", "its file purged"},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			x, ok := byLabel[tt.label]
			if !ok {
				t.Fatalf("no seeded export %q", tt.label)
			}
			got, err := c.WaitForExport(context.Background(), x.Id, wait)
			var xe *sellercenter.ExportError
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("WaitForExport(%d) = %v, want it finished", x.Id, err)
			case tt.want == "":
				if b, err := c.DownloadExport(context.Background(), got); err != nil || !strings.HasPrefix(string(b), "orderNumber,") {
					t.Errorf("DownloadExport(%d) = %q, %v; want the seeded CSV", x.Id, b, err)
				}
			case !errors.As(err, &xe) || !strings.Contains(err.Error(), tt.want) || xe.Export.Id != x.Id:
				t.Errorf("WaitForExport(%d) = %v, want an *ExportError saying %q", x.Id, err, tt.want)
			}
		})
	}
	t.Run("context ends", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		defer cancel()
		job, err := sellercenter.Result(c.ExportUsersWithResponse(ctx))
		if err != nil {
			t.Fatalf("ExportUsers() = %v", err)
		}
		_, err = c.WaitForExport(ctx, job.ExportItemId, sellercenter.ExportWait{Interval: time.Hour})
		if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "still Processing") {
			t.Errorf("WaitForExport(%d) with a short context = %v, want the deadline and the last status", job.ExportItemId, err)
		}
	})
}
