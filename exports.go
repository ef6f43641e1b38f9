package sellercenter

import (
	"cmp"
	"context"
	"fmt"
	"time"

	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/internal/backoff"
)

// ExportWait tunes WaitForExport. The zero value polls after 1 s, doubling
// the wait up to 30 s.
type ExportWait struct {
	// Interval is the first wait between polls.
	Interval time.Duration
	// MaxInterval caps the wait between polls.
	MaxInterval time.Duration
	// OnPoll, if set, sees every state read, for example to show progress.
	OnPoll func(gen.ExportItem)
}

// ExportError is an export job that ended in Error or Expired, or whose
// file was purged. Export holds its last state; Note often says why.
type ExportError struct {
	// Export is the job's last state.
	Export gen.ExportItem
}

// Error implements error.
func (e *ExportError) Error() string {
	status := cmp.Or(string(e.Export.Status), "unknown")
	if e.Export.IsDeleted {
		status += ", its file purged"
	}
	msg := fmt.Sprintf("sellercenter: export %d ended %s", e.Export.Id, oneLine(status))
	if e.Export.Note != "" {
		msg += ": " + oneLine(e.Export.Note)
	}
	return msg
}

// WaitForExport polls an export job (of an export or an asynchronous
// template) until it is Finished, Error or Expired, waiting longer between
// polls each time, and returns its last state. A job that did not finish
// with a file comes back with an *ExportError. It gives up with ctx's
// error, wrapped with the last status seen, when ctx ends first.
func (c *Client) WaitForExport(ctx context.Context, exportItemID int, wait ExportWait) (gen.ExportItem, error) {
	if ctx == nil {
		return gen.ExportItem{}, Check(nil, gen.ErrNilContext)
	}
	interval := cmp.Or(max(wait.Interval, 0), defaultFeedInterval)
	maxInterval := cmp.Or(max(wait.MaxInterval, 0), defaultFeedMaxInterval)
	last := "not read yet"
	for poll := 2; ; poll++ {
		x, err := Result(c.GetExportWithResponse(ctx, exportItemID))
		if err != nil {
			if ctx.Err() != nil {
				return gen.ExportItem{}, fmt.Errorf("sellercenter: export %d still %s: %w", exportItemID, last, err)
			}
			return gen.ExportItem{}, err
		}
		if wait.OnPoll != nil {
			wait.OnPoll(*x)
		}
		last = oneLine(cmp.Or(string(x.Status), last))
		switch {
		case x.IsDeleted, x.Status == gen.ExportItemStatusError, x.Status == gen.ExportItemStatusExpired:
			return *x, &ExportError{Export: *x}
		case x.Status == gen.ExportItemStatusFinished:
			return *x, nil
		}
		c.waits.notify(ctx, Wait{Reason: WaitPoll, Delay: interval, Attempt: poll, Subject: fmt.Sprintf("export %d", exportItemID), State: last})
		if err := backoff.Sleep(ctx, interval); err != nil {
			return *x, fmt.Errorf("sellercenter: export %d still %s: %w", exportItemID, last, err)
		}
		interval = min(2*interval, maxInterval)
	}
}

// DownloadExport returns the file of a finished export job, found by its
// uuid in the file manager.
func (c *Client) DownloadExport(ctx context.Context, x gen.ExportItem) ([]byte, error) {
	if x.Uuid == "" {
		return nil, fmt.Errorf("sellercenter: export %d names no file", x.Id)
	}
	resp, err := c.DownloadFileWithResponse(ctx, x.Uuid)
	if err := Check(resp, err); err != nil {
		return nil, err
	}
	return resp.Body, nil
}
