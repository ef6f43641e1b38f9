package sellercenter

import (
	"bytes"
	"cmp"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"path/filepath"
	"strings"
	"time"

	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/internal/backoff"
)

// ImportKind names a bulk catalog import run from a CSV or XLSX file.
type ImportKind string

// The catalog imports. Templates for their files come from the template
// endpoints and the seller's Seller Center.
const (
	ImportNewProducts     ImportKind = "product-creation"
	ImportProductUpdates  ImportKind = "product-update"
	ImportProductRemovals ImportKind = "product-removal"
	ImportImageUpdates    ImportKind = "image-update"
	ImportStockUpdates    ImportKind = "stock-update"
)

// ErrImportFile is the class of errors about a file Import refuses to send.
var ErrImportFile = errors.New("sellercenter: import file")

// fileTypes are the upload formats the imports accept, by extension.
var fileTypes = map[string]string{
	".csv":  "text/csv",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

// Import uploads a CSV or XLSX file (chosen by filename's extension) as the
// file1 part of a kind import and returns the accepted import, whose FeedUuid
// WaitForFeed follows. The file is read into memory first, so a request the
// API rejects with 401 can be sent again with a fresh token; the import is a
// POST and is never retried after it may have reached the API.
func (c *Client) Import(ctx context.Context, kind ImportKind, filename string, file io.Reader) (*gen.ImportAccepted, error) {
	if ctx == nil {
		return nil, Check(nil, gen.ErrNilContext)
	}
	ext := strings.ToLower(filepath.Ext(filename))
	ctype, ok := fileTypes[ext]
	if !ok {
		return nil, unsent(fmt.Errorf("%w: %q is not a .csv or .xlsx file", ErrImportFile, filepath.Base(filename)))
	}
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="file1"; filename=%q`, filepath.Base(filename)))
	h.Set("Content-Type", ctype)
	part, err := w.CreatePart(h)
	if err != nil {
		return nil, unsent(fmt.Errorf("%w: %w", ErrImportFile, err))
	}
	if _, err := io.Copy(part, file); err != nil {
		return nil, unsent(fmt.Errorf("%w: reading %q: %w", ErrImportFile, filepath.Base(filename), err))
	}
	if err := w.Close(); err != nil {
		return nil, unsent(fmt.Errorf("%w: %w", ErrImportFile, err))
	}
	ct, payload := w.FormDataContentType(), bytes.NewReader(body.Bytes())
	switch kind {
	case ImportNewProducts:
		return Created(c.ImportNewProductsWithBodyWithResponse(ctx, ct, payload))
	case ImportProductUpdates:
		return Created(c.ImportProductUpdatesWithBodyWithResponse(ctx, ct, payload))
	case ImportProductRemovals:
		return Created(c.ImportProductRemovalsWithBodyWithResponse(ctx, ct, payload))
	case ImportImageUpdates:
		return Created(c.ImportImageUpdatesWithBodyWithResponse(ctx, ct, payload))
	case ImportStockUpdates:
		return Created(c.ImportStockUpdatesWithBodyWithResponse(ctx, ct, payload))
	}
	return nil, unsent(fmt.Errorf("%w: unknown import kind %q", ErrImportFile, kind))
}

// LegacyError is the ErrorResponse envelope of an XML import: the API's
// error code and message and a detail per offending field or SKU.
type LegacyError struct {
	// Action is the request action the API names, such as ProductUpdate.
	Action string
	// Type is the API's error type, such as Sender.
	Type string
	// Code is the legacy error code.
	Code int
	// Message is the API's error message.
	Message string
	// Details are the per-field and per-SKU errors.
	Details []gen.XmlDetail

	outcome outcome
}

// Error implements error.
func (e *LegacyError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "sellercenter: %s: error %d: %s", oneLine(e.Action), e.Code, oneLine(e.Message))
	for i, d := range e.Details {
		if i == 3 {
			fmt.Fprintf(&b, " (and %d more)", len(e.Details)-i)
			break
		}
		fmt.Fprintf(&b, "; %s %s: %s", oneLine(deref(d.SellerSku)), oneLine(deref(d.Field)), oneLine(deref(d.Message)))
	}
	if e.outcome == maybeApplied {
		b.WriteString(unknownNote)
	}
	return b.String()
}

// Is makes errors.Is(err, ErrValidation) true for legacy errors, which
// report bad input, and answers the outcome classes: an ErrorResponse
// inside a 200 or a 400 refused the import; one inside a 500 may not have.
func (e *LegacyError) Is(target error) bool {
	return target == ErrValidation || e.outcome.is(target)
}

// ImportXML sends an XML import: req is a *gen.XmlStockUpdateRequest,
// *gen.XmlProductCreateRequest or *gen.XmlProductUpdateRequest. It returns
// the SuccessResponse envelope, whose Head.RequestId names the feed to
// follow, or a *LegacyError when the API answers with an ErrorResponse.
func (c *Client) ImportXML(ctx context.Context, req any) (*gen.XmlResponse, error) {
	body, err := xml.Marshal(req)
	if err != nil {
		return nil, unsent(fmt.Errorf("sellercenter: encoding the XML import: %w", err))
	}
	const ctype = "text/xml"
	var (
		status *gen.XmlResponse
		resp   interface{ StatusCode() int }
	)
	switch req.(type) {
	case *gen.XmlStockUpdateRequest:
		r, err := c.ImportStockUpdatesXmlWithBodyWithResponse(ctx, ctype, bytes.NewReader(body))
		if err := Check(r, err); err != nil {
			if r == nil {
				return nil, err
			}
			return nil, legacyOr(err, r.XML400, r.XML500)
		}
		resp, status = r, r.XML200
	case *gen.XmlProductCreateRequest:
		r, err := c.ImportNewProductsXmlWithBodyWithResponse(ctx, ctype, bytes.NewReader(body))
		if err := Check(r, err); err != nil {
			if r == nil {
				return nil, err
			}
			return nil, legacyOr(err, r.XML400, r.XML500)
		}
		resp, status = r, r.XML200
	case *gen.XmlProductUpdateRequest:
		r, err := c.ImportProductUpdatesXmlWithBodyWithResponse(ctx, ctype, bytes.NewReader(body))
		if err := Check(r, err); err != nil {
			if r == nil {
				return nil, err
			}
			return nil, legacyOr(err, r.XML400, r.XML500)
		}
		resp, status = r, r.XML200
	default:
		return nil, unsent(fmt.Errorf("sellercenter: ImportXML takes a *gen.XmlStockUpdateRequest, *gen.XmlProductCreateRequest or *gen.XmlProductUpdateRequest, not %T", req))
	}
	if status == nil {
		// Unreachable while Check refuses a 2xx without the declared
		// body; kept so a spec change cannot turn it into a nil result.
		return nil, &DecodeError{StatusCode: resp.StatusCode(), Method: http.MethodPost, Err: errors.New("XML import answered without an XML envelope")}
	}
	if le := legacyError(status, notApplied); le != nil {
		return nil, le // the API reports refused XML imports inside a 200
	}
	return status, nil
}

// legacyOr prefers the legacy envelope of an error answer over the generic
// API error, since it names the offending SKUs; it keeps err's outcome.
func legacyOr(err error, envelopes ...*gen.XmlResponse) error {
	o := notApplied
	if errors.Is(err, ErrOutcomeUnknown) {
		o = maybeApplied
	}
	for _, env := range envelopes {
		if le := legacyError(env, o); le != nil {
			return le
		}
	}
	return err
}

// deref is *p, or the zero value for a nil p: the legacy XML documents keep
// pointers, since encoding/xml writes an empty element for a zero value.
func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// legacyError returns env as a *LegacyError if it is an ErrorResponse.
func legacyError(env *gen.XmlResponse, o outcome) *LegacyError {
	if env == nil || env.XMLName.Local != "ErrorResponse" {
		return nil
	}
	le := &LegacyError{outcome: o}
	if h := env.Head; h != nil {
		le.Action, le.Type, le.Message = deref(h.RequestAction), deref(h.ErrorType), deref(h.ErrorMessage)
		le.Code = deref(h.ErrorCode)
	}
	if env.Body != nil {
		le.Details = env.Body.ErrorDetail
	}
	return le
}

// FeedWait tunes WaitForFeed. The zero value polls after 1 s, doubling the
// wait up to 30 s.
type FeedWait struct {
	// Interval is the first wait between polls.
	Interval time.Duration
	// MaxInterval caps the wait between polls.
	MaxInterval time.Duration
	// OnPoll, if set, sees every status read, for example to show progress.
	OnPoll func(gen.FeedReport)
}

// FeedError is a feed that ended in Error or Canceled, or finished with rows
// the API refused. Report holds the final status with every row's error and
// warning.
type FeedError struct {
	// UUID is the feed's id.
	UUID string
	// Report is the feed's final status.
	Report gen.FeedReport
}

// Error implements error.
func (e *FeedError) Error() string {
	status := cmp.Or(string(e.Report.Status), "unknown")
	var b strings.Builder
	fmt.Fprintf(&b, "sellercenter: feed %s ended %s", oneLine(e.UUID), oneLine(status))
	if errs := e.Report.Errors; len(errs) > 0 {
		fmt.Fprintf(&b, " with %d row error(s)", len(errs))
		for i, r := range errs {
			if i == 3 {
				fmt.Fprintf(&b, " (and %d more)", len(errs)-i)
				break
			}
			fmt.Fprintf(&b, "; %s %s: %s", oneLine(r.SellerSku), oneLine(r.FieldName), oneLine(r.ErrorMessage))
		}
	}
	return b.String()
}

// Is makes errors.Is(err, ErrValidation) true when rows were refused.
func (e *FeedError) Is(target error) bool {
	return target == ErrValidation && len(e.Report.Errors) > 0
}

// Default polling of WaitForFeed.
const (
	defaultFeedInterval    = time.Second
	defaultFeedMaxInterval = 30 * time.Second
)

// WaitForFeed polls the feed's status until it is Finished, Error or
// Canceled, waiting longer between polls each time, and returns the final
// report. A feed that did not finish cleanly (Error, Canceled, or any row
// error) is returned with a *FeedError. It gives up with ctx's error, wrapped
// with the last status seen, when ctx ends first.
func (c *Client) WaitForFeed(ctx context.Context, uuid string, wait FeedWait) (gen.FeedReport, error) {
	if ctx == nil {
		return gen.FeedReport{}, Check(nil, gen.ErrNilContext)
	}
	interval, maxInterval := wait.Interval, wait.MaxInterval
	if interval <= 0 {
		interval = defaultFeedInterval
	}
	if maxInterval <= 0 {
		maxInterval = defaultFeedMaxInterval
	}
	last := "not read yet"
	for poll := 2; ; poll++ {
		status, err := Result(c.GetFeedStatusWithResponse(ctx, uuid))
		if err != nil {
			if ctx.Err() != nil {
				return gen.FeedReport{}, fmt.Errorf("sellercenter: feed %s still %s: %w", oneLine(uuid), last, err)
			}
			return gen.FeedReport{}, err
		}
		report := *status
		if wait.OnPoll != nil {
			wait.OnPoll(report)
		}
		if report.Status != "" {
			last = oneLine(string(report.Status))
		}
		switch report.Status {
		case gen.FeedStateFinished:
			if len(report.Errors) > 0 {
				return report, &FeedError{UUID: uuid, Report: report}
			}
			return report, nil
		case gen.FeedStateError, gen.FeedStateCanceled:
			return report, &FeedError{UUID: uuid, Report: report}
		}
		c.waits.notify(ctx, Wait{Reason: WaitPoll, Delay: interval, Attempt: poll, Subject: "feed " + oneLine(uuid), State: last})
		if err := backoff.Sleep(ctx, interval); err != nil {
			return report, fmt.Errorf("sellercenter: feed %s still %s: %w", oneLine(uuid), last, err)
		}
		interval = min(2*interval, maxInterval)
	}
}

// Prices returns the prices of an updateProductSetPrices answer, which the
// API gives as one price object for a one-row request and as a list for
// more.
func Prices(r gen.PriceUpdateResult) ([]gen.Price, error) {
	b, err := r.MarshalJSON()
	if err != nil {
		return nil, fmt.Errorf("sellercenter: reading prices: %w", err)
	}
	if b = bytes.TrimSpace(b); len(b) > 0 && b[0] == '{' {
		p, err := r.AsPrice()
		if err != nil {
			return nil, fmt.Errorf("sellercenter: reading a price: %w", err)
		}
		return []gen.Price{p}, nil
	}
	list, err := r.AsPriceList()
	if err != nil {
		return nil, fmt.Errorf("sellercenter: reading prices: %w", err)
	}
	return list, nil
}
