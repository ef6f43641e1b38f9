package sellercenter_test

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
)

// answer builds the http.Response a generated parser reads.
func answer(status int, ctype, body string) *http.Response {
	req, _ := http.NewRequest(http.MethodGet, "https://api.example.test/api/v2/x", nil)
	return &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {ctype}}, Body: io.NopCloser(strings.NewReader(body)), Request: req}
}

func TestResult(t *testing.T) {
	t.Parallel()
	callErr := errors.New("boom")
	tests := []struct {
		name    string
		resp    *http.Response
		err     error
		wantID  int
		wantErr error
	}{
		{name: "200", resp: answer(200, "application/json", `{"id":1001}`), wantID: 1001},
		{name: "200 HTML", resp: answer(200, "text/html", "<html>"), wantErr: sellercenter.ErrOutcomeUnknown},
		{name: "200 malformed", resp: answer(200, "application/json", `{"id":`), wantErr: sellercenter.ErrOutcomeUnknown},
		{name: "201 not declared", resp: answer(201, "application/json", `{"id":1}`), wantErr: sellercenter.ErrOutcomeUnknown},
		{name: "404", resp: answer(404, "application/json", `{"title":"Not Found"}`), wantErr: sellercenter.ErrNotFound},
		{name: "call failed", err: callErr, wantErr: callErr},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var (
				r   *gen.GetOrderResponse
				err = tt.err
			)
			if tt.resp != nil {
				r, err = gen.ParseGetOrderResponse(tt.resp)
			}
			order, err := sellercenter.Result(r, err)
			switch {
			case tt.wantErr != nil && (order != nil || !errors.Is(err, tt.wantErr)):
				t.Errorf("Result = %v, %v; want nil and %v", order, err, tt.wantErr)
			case tt.wantErr == nil && (err != nil || order == nil || order.Id != tt.wantID):
				t.Errorf("Result = %v, %v; want order %d", order, err, tt.wantID)
			}
		})
	}
}

func TestResultEitherStatus(t *testing.T) {
	t.Parallel()
	for _, status := range []int{200, 201} {
		r, err := gen.ParseGetInvoiceNumberSettingsResponse(answer(status, "application/json", `{"prefix":"INV-"}`))
		if v, err := sellercenter.Result(r, err); err != nil || v == nil {
			t.Errorf("Result(invoice number settings, %d) = %v, %v; want the settings", status, v, err)
		}
	}
}

func TestCreated(t *testing.T) {
	t.Parallel()
	r, err := gen.ParseImportStockUpdatesResponse(answer(201, "application/json", `{"feedUuid":"f-1"}`))
	accepted, err := sellercenter.Created(r, err)
	if err != nil || accepted == nil || accepted.FeedUuid == "" || accepted.FeedUuid != "f-1" {
		t.Errorf("Created(201) = %+v, %v; want feed f-1", accepted, err)
	}
	r, err = gen.ParseImportStockUpdatesResponse(answer(200, "application/json", `{"feedUuid":"f-1"}`))
	if accepted, err := sellercenter.Created(r, err); accepted != nil || !errors.Is(err, sellercenter.ErrOutcomeUnknown) {
		t.Errorf("Created(200) = %+v, %v; want ErrOutcomeUnknown: the import may have started", accepted, err)
	}
}
