package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/authn"
	"github.com/sellercenter-go/sellercenter/internal/oneline"
)

// Exit codes, documented in the package comment and the root help.
const (
	exitOK          = 0
	exitFailure     = 1 // the API refused the request, or another failure
	exitUsage       = 2
	exitAuth        = 3 // the token endpoint refused, or answered no token, or the API answered 401
	exitUnavailable = 4 // try again later
	// exitOutcomeUnknown is a write that may have been applied. It is not
	// "try again later": repeating it unchecked may apply it twice.
	exitOutcomeUnknown = 5
	// exitInterrupted is a run stopped by SIGINT or SIGTERM: 128 plus
	// SIGINT's number, what shells report for a command Ctrl-C ended.
	exitInterrupted = 130
)

// usageError is a command line the tool cannot act on.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// writeError is the failure of a request that changes data at the API. It
// lets exitCode tell a write whose outcome is unknown from a read, which
// may simply be repeated.
type writeError struct {
	err error
	// advice says what to check when the write may have been applied;
	// fail adds a generic hint when it is empty.
	advice string
}

func (e *writeError) Error() string { return e.err.Error() }
func (e *writeError) Unwrap() error { return e.err }

// failedWrite marks err, from a request that changes data, for exitCode;
// advice is shown when the write may have been applied. It returns nil for
// a nil err.
func failedWrite(err error, advice string) error {
	if err == nil {
		return nil
	}
	return &writeError{err: err, advice: advice}
}

// exitCode classifies err. A write that may have been applied is checked
// first: whatever else went wrong, it must not be read as "try again
// later", nor hidden behind "interrupted". Authentication is checked before network failures because a token
// error reaches the caller wrapped in the *url.Error of the API call.
func exitCode(err error) int {
	var (
		usage  *usageError
		write  *writeError
		apiErr *sellercenter.APIError
		urlErr *url.Error
		opErr  *net.OpError
	)
	switch {
	case errors.As(err, &usage), errors.Is(err, sellercenter.ErrInvalidConfig):
		return exitUsage
	case errors.As(err, &write) && errors.Is(err, sellercenter.ErrOutcomeUnknown):
		return exitOutcomeUnknown
	case errors.Is(err, context.Canceled):
		return exitInterrupted
	case errors.Is(err, authn.ErrRejected), // ErrInvalidClient included
		errors.Is(err, authn.ErrBadResponse), errors.Is(err, sellercenter.ErrUnauthorized):
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
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &urlErr), errors.As(err, &opErr):
		// The HTTP exchange itself failed: the network, not the API.
		// (net.Error would be too wide: every syscall.Errno is one, so
		// a full disk would read as "try again later".)
		return exitUnavailable
	}
	return exitFailure
}

// interrupted is the error of a run whose context the signal cancelled,
// when the error itself does not say so (a failure it caused further on,
// such as a file left unwritten): it then reads as interrupted.
type interrupted struct{ err error }

func (e *interrupted) Error() string   { return e.err.Error() }
func (e *interrupted) Unwrap() []error { return []error{e.err, context.Canceled} }

// fail prints err as one line on stderr and returns its exit code. cmd is
// the command that failed, for the usage hint.
func (c *cli) fail(cmd *cobra.Command, err error) int {
	code := exitCode(err)
	if !c.started && code == exitFailure {
		// Cobra's own complaints (unknown command, bad arguments) come
		// before any command code runs.
		code = exitUsage
	}
	msg := strings.Replace(oneline.Clean(err.Error()), " Did you mean this? ", "; did you mean: ", 1)
	if !strings.HasPrefix(msg, "sellercenter") {
		msg = "sellercenter: " + msg
	}
	var (
		apiErr *sellercenter.APIError
		write  *writeError
	)
	switch {
	case code == exitUsage && cmd != nil:
		msg += " (see '" + cmd.CommandPath() + " --help')"
	case code == exitOutcomeUnknown && errors.As(err, &write) && write.advice != "":
		msg += "; " + oneline.Clean(write.advice)
	case code == exitOutcomeUnknown && strings.Contains(msg, "outcome unknown"):
		msg += " (check before repeating)" // the library's message said the rest
	case code == exitOutcomeUnknown:
		msg += " (the API may have applied it: check before repeating)"
	case code == exitAuth:
		msg += " (" + authHint(err) + ")"
	case errors.Is(err, context.Canceled):
		msg += " (interrupted)"
	case errors.As(err, &apiErr) && apiErr.RetryAfter > 0:
		msg += " (" + c.comeBack(apiErr.RetryAfter) + ")"
	case errors.Is(err, context.DeadlineExceeded) && c.timeout > 0:
		msg += fmt.Sprintf(" (--timeout %v ran out)", c.timeout)
	}
	fmt.Fprintln(c.errWriter(), msg)
	return code
}

// comeBack says when to try again, after the API's Retry-After, with the
// clock time when the tool has a clock.
func (c *cli) comeBack(after time.Duration) string {
	s := fmt.Sprintf("retry after %v", after)
	if c.now != nil {
		s += ", at " + c.now().Add(after).Format("15:04:05 MST")
	}
	return s
}

// authHint says which settings to check for an authentication failure.
func authHint(err error) string {
	switch {
	case errors.Is(err, authn.ErrInvalidClient), errors.Is(err, sellercenter.ErrUnauthorized):
		return "check the client id and secret: SELLERCENTER_CLIENT_ID, SELLERCENTER_CLIENT_SECRET"
	case errors.Is(err, authn.ErrBadResponse):
		return "check that SELLERCENTER_TOKEN_URL is the OAuth client-credentials endpoint"
	}
	return "check SELLERCENTER_TOKEN_URL and the OAuth application: SELLERCENTER_CLIENT_ID, SELLERCENTER_CLIENT_SECRET"
}
