package redislimit

import (
	"net"
	"testing"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// newMock starts a seeded mock SellerCenter with its rate limit at limit
// requests per second (0 for the API's 30); spec violations fail tb.
func newMock(tb testing.TB, limit int) *sellercentertest.Server {
	tb.Helper()
	mock, err := sellercentertest.NewServer(sellercentertest.Config{
		RateLimit:   limit,
		OnViolation: func(err error) { tb.Errorf("mock response breaks the OpenAPI document: %v", err) },
	})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(mock.Close)
	return mock
}

// newClient is a sellercenter client of mock paced by lim.
func newClient(tb testing.TB, mock *sellercentertest.Server, lim sellercenter.Limiter) *sellercenter.Client {
	tb.Helper()
	c, err := sellercenter.New(sellercenter.Config{
		BaseURL: mock.URL, TokenURL: mock.TokenURL, ClientID: mock.ClientID, ClientSecret: mock.ClientSecret,
		Limiter: lim,
	})
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// closedAddr is a loopback address where nothing listens.
func closedAddr(tb testing.TB) string {
	tb.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	return addr
}
