package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/authn"
)

// Exit codes, documented in the package comment and the root help.
const (
	exitOK          = 0
	exitFailure     = 1 // the API refused the request, or another failure
	exitUsage       = 2
	exitAuth        = 3
	exitUnavailable = 4 // try again later
)

// usageError is a command line the tool cannot act on.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// exitCode classifies err. Authentication is checked before network
// failures because a token error reaches the caller wrapped in the
// *url.Error of the API call.
func exitCode(err error) int {
	var (
		usage  *usageError
		apiErr *sellercenter.APIError
		urlErr *url.Error
		opErr  *net.OpError
	)
	switch {
	case errors.As(err, &usage), errors.Is(err, sellercenter.ErrInvalidConfig):
		return exitUsage
	case errors.Is(err, authn.ErrInvalidClient), errors.Is(err, sellercenter.ErrUnauthorized):
		return exitAuth
	case errors.Is(err, sellercenter.ErrMaintenance), errors.Is(err, sellercenter.ErrRateLimited),
		errors.Is(err, authn.ErrUnavailable):
		return exitUnavailable
	case errors.As(err, &apiErr):
		switch apiErr.StatusCode {
		case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			return exitUnavailable
		}
		return exitFailure
	case errors.Is(err, context.Canceled):
		return exitFailure
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &urlErr), errors.As(err, &opErr):
		// The HTTP exchange itself failed: the network, not the API.
		// (net.Error would be too wide: every syscall.Errno is one, so
		// a full disk would read as "try again later".)
		return exitUnavailable
	}
	return exitFailure
}

// fail prints err as one line on stderr and returns its exit code. cmd is
// the command that failed, for the usage hint.
func (c *cli) fail(cmd *cobra.Command, err error) int {
	code := exitCode(err)
	if !c.started && code == exitFailure {
		// Cobra's own complaints (unknown command, bad arguments) come
		// before any command code runs.
		code = exitUsage
	}
	msg := strings.Replace(oneLine(err.Error()), " Did you mean this? ", "; did you mean: ", 1)
	if !strings.HasPrefix(msg, "sellercenter") {
		msg = "sellercenter: " + msg
	}
	var apiErr *sellercenter.APIError
	switch {
	case code == exitUsage && cmd != nil:
		msg += " (see '" + cmd.CommandPath() + " --help')"
	case code == exitAuth:
		msg += " (check the client id and secret: SELLERCENTER_CLIENT_ID, SELLERCENTER_CLIENT_SECRET)"
	case errors.Is(err, context.Canceled):
		msg += " (interrupted)"
	case errors.As(err, &apiErr) && apiErr.RetryAfter > 0:
		msg += fmt.Sprintf(" (retry after %v)", apiErr.RetryAfter)
	}
	fmt.Fprintln(c.errWriter(), msg)
	return code
}

// oneLine makes text from anywhere (the API included) safe to print as one
// line: whitespace runs become one space and other control characters,
// which could drive the terminal, become U+FFFD.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return ' '
		case unicode.IsControl(r):
			return unicode.ReplacementChar
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}
