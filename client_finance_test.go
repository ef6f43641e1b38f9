package sellercenter_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/authn"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/money"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// signTap is the network below every layer of a client. It keeps each
// signed request as it went out, and refuses the connection of the first
// one when refuseFirst is set, as a server that is not listening does.
type signTap struct {
	next        http.RoundTripper
	refuseFirst bool

	mu   sync.Mutex
	sent []sentSigned
}

// sentSigned is one signed request as it reached the network.
type sentSigned struct {
	method, url, uri string
	header           http.Header
	body             []byte
	refused          bool
}

// RoundTrip implements http.RoundTripper.
func (s *signTap) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Header.Get(authn.HeaderSignature) == "" {
		return s.next.RoundTrip(req)
	}
	var body []byte
	if req.Body != nil {
		var err error
		if body, err = io.ReadAll(req.Body); err != nil {
			return nil, err
		}
		_ = req.Body.Close()
		req.Body = io.NopCloser(bytes.NewReader(body))
	}
	s.mu.Lock()
	refuse := s.refuseFirst && len(s.sent) == 0
	s.sent = append(s.sent, sentSigned{method: req.Method, url: req.URL.String(), uri: req.URL.RequestURI(), header: req.Header.Clone(), body: body, refused: refuse})
	s.mu.Unlock()
	if refuse {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	}
	return s.next.RoundTrip(req)
}

// TestContractSignedRequestReplays books a transaction, which the API
// accepts only signed, through sellercenter.New when its first attempt
// cannot go out (a refused connection, retried because it was never sent)
// and when it meets a 401 (an expired token, replayed after a refresh).
// Every attempt carries its own nonce and a signature of what it sent; the
// mock accepts the last one and books the transaction once; and the
// accepted request sent again as it was is refused for its used nonce.
func TestContractSignedRequestReplays(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		refuseFirst  bool
		expireTokens bool
		wantStatuses []int // of createTransaction, as the mock logged them
	}{
		// The root Config has no clock, so this case waits the retry
		// layer's first backoff (about 0.5 s) for real.
		{name: "after a refused connection", refuseFirst: true, wantStatuses: []int{http.StatusCreated}},
		{name: "after a 401", expireTokens: true, wantStatuses: []int{http.StatusUnauthorized, http.StatusCreated}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			mock := newContractMock(t, sellercentertest.Config{})
			transport := http.DefaultTransport.(*http.Transport).Clone()
			t.Cleanup(transport.CloseIdleConnections)
			tap := &signTap{next: transport, refuseFirst: tt.refuseFirst}
			c, err := sellercenter.New(sellercenter.Config{
				BaseURL: mock.URL, TokenURL: mock.TokenURL, ClientID: mock.ClientID, ClientSecret: mock.ClientSecret,
				RateLimit: -1, HTTPClient: &http.Client{Transport: tap},
			})
			if err != nil {
				t.Fatal(err)
			}
			seller, err := sellercenter.Result(c.GetSellerWithResponse(ctx)) // holds a token from here on
			if err != nil {
				t.Fatalf("GetSeller() = %v", err)
			}
			if tt.expireTokens {
				mock.ExpireTokens()
			}
			const comment = "Signed once per attempt"
			before := len(mock.Transactions())
			x, err := sellercenter.Created(c.CreateTransactionWithResponse(ctx, gen.TransactionCreate{
				SellerId: seller.Id, AccountStatementGroupId: 5, TransactionTypeId: 5,
				Value: amountOf(t, "-25.50"), Currency: "MYR", Description: comment,
			}))
			if err != nil {
				t.Fatalf("CreateTransaction() = %v, want it booked", err)
			}

			if len(tap.sent) != 2 {
				t.Fatalf("signed attempts = %d, want 2 (the first %s, then its replay)", len(tap.sent), tt.name)
			}
			first, last := tap.sent[0], tap.sent[1]
			if n := first.header.Get(authn.HeaderNonce); n == last.header.Get(authn.HeaderNonce) {
				t.Errorf("both attempts sent nonce %s, want a fresh one for the replay", n)
			}
			for i, s := range tap.sent {
				sum := sha256.Sum256(s.body)
				want := authn.Sign(mock.ClientSecret, s.method, s.uri, s.header.Get(authn.HeaderTimestamp), s.header.Get(authn.HeaderNonce), hex.EncodeToString(sum[:]))
				if got := s.header.Get(authn.HeaderSignature); got != want {
					t.Errorf("attempt %d signature = %s, want %s, the HMAC of what it sent", i+1, got, want)
				}
			}
			var statuses []int
			for _, r := range mock.Requests() {
				if r.Operation == "createTransaction" {
					statuses = append(statuses, r.Status)
				}
			}
			if !slices.Equal(statuses, tt.wantStatuses) {
				t.Errorf("the mock answered createTransaction with %v, want %v", statuses, tt.wantStatuses)
			}
			if got := len(mock.Transactions()) - before; got != 1 {
				t.Errorf("transactions booked = %d, want 1 (transaction %d)", got, x.Id)
			}

			// The accepted request again, byte for byte: its nonce is spent.
			replay, err := http.NewRequestWithContext(ctx, last.method, last.url, bytes.NewReader(last.body))
			if err != nil {
				t.Fatal(err)
			}
			replay.Header = last.header.Clone()
			resp, err := transport.RoundTrip(replay)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			_ = resp.Body.Close()
			if resp.StatusCode != http.StatusForbidden || !strings.Contains(string(b), "used before") {
				t.Errorf("the accepted request replayed = %d %s, want 403 for its used nonce", resp.StatusCode, b)
			}
			if got := len(mock.Transactions()) - before; got != 1 {
				t.Errorf("transactions booked after the replay = %d, want still 1", got)
			}
		})
	}
}

// TestContractFinanceWalks walks the mock's statements and transactions
// through the iterators in pages of several sizes: each is yielded once, in
// the mock's order, and the transactions add up exactly to the statements'
// movements.
func TestContractFinanceWalks(t *testing.T) {
	t.Parallel()
	// Pages of one item: more requests than the mock's bucket holds, and
	// the walks, not the pacing, are under test.
	mock := newContractMock(t, sellercentertest.Config{RateLimit: sellercentertest.NoRateLimit})
	c := newContractClient(t, mock, nil)
	var wantStatements, wantTx []int
	for _, s := range mock.Statements() {
		wantStatements = append(wantStatements, s.Id)
	}
	for _, tx := range mock.Transactions() {
		wantTx = append(wantTx, tx.Id)
	}
	if len(wantTx) < 3 {
		t.Fatalf("mock.Transactions() = %d, want several to page through", len(wantTx))
	}
	for _, limit := range []int{1, 2, 0} {
		t.Run(fmt.Sprintf("limit %d", limit), func(t *testing.T) {
			t.Parallel()
			statements := walkIDs(t, "Statements", c.Statements(t.Context(), gen.ListStatementsParams{Limit: limit}),
				func(s gen.FinanceStatement) int { return s.Id })
			if !slices.Equal(sortedInts(statements), sortedInts(wantStatements)) {
				t.Errorf("Statements() = %v, want mock.Statements()'s %v", statements, wantStatements)
			}
			var sum money.Amount
			txs := walkIDs(t, "Transactions", c.Transactions(t.Context(), gen.ListTransactionsParams{Limit: limit}),
				func(tx gen.FinanceTransaction) int { sum = sum.Add(tx.Amount); return tx.Id })
			if !slices.Equal(sortedInts(txs), sortedInts(wantTx)) {
				t.Errorf("Transactions() = %v, want mock.Transactions()'s %v", txs, wantTx)
			}
			var movement money.Amount
			for _, s := range mock.Statements() {
				movement = movement.Add(s.ClosingBalance.Sub(s.OpeningBalance))
			}
			if sum.Cmp(movement) != 0 {
				t.Errorf("the transactions sum to %s, want the statements' movement %s exactly", sum, movement)
			}
		})
	}
}

// TestContractSignedByTheTokensApplication books a transaction with the
// credentials of an OAuth application made on the mock: the signature is
// checked with that application's secret, so the same request signed with
// another application's secret is refused.
func TestContractSignedByTheTokensApplication(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	mock := newContractMock(t, sellercentertest.Config{})
	id, secret, err := mock.AddOAuthApp(1, "Accounting")
	if err != nil {
		t.Fatal(err)
	}
	transport := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(transport.CloseIdleConnections)
	tap := &signTap{next: transport}
	c, err := sellercenter.New(sellercenter.Config{
		BaseURL: mock.URL, TokenURL: mock.TokenURL, ClientID: id, ClientSecret: secret,
		RateLimit: -1, HTTPClient: &http.Client{Transport: tap},
	})
	if err != nil {
		t.Fatal(err)
	}
	seller, err := mock.Seller()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sellercenter.Created(c.CreateTransactionWithResponse(ctx, gen.TransactionCreate{
		SellerId: seller.Id, AccountStatementGroupId: 5, TransactionTypeId: 5,
		Value: amountOf(t, "-3.00"), Currency: "MYR", Description: "Signed by the app",
	})); err != nil {
		t.Fatalf("CreateTransaction() with the app's credentials = %v, want it booked", err)
	}
	if len(tap.sent) != 1 {
		t.Fatalf("signed requests = %d, want 1", len(tap.sent))
	}
	sent := tap.sent[0]
	other, err := http.NewRequestWithContext(ctx, sent.method, sent.url, bytes.NewReader(sent.body))
	if err != nil {
		t.Fatal(err)
	}
	other.Header = sent.header.Clone()
	signer := authn.Signer{Secret: mock.ClientSecret}
	if err := signer.Edit(ctx, other); err != nil {
		t.Fatal(err)
	}
	resp, err := transport.RoundTrip(other)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(string(b), "does not match") {
		t.Errorf("the app's request signed with the mock's own secret = %d %s, want 403", resp.StatusCode, b)
	}
}
