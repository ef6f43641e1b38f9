// Command sellercenter runs the everyday SellerCenter jobs from a shell:
// list what is pending, look at an order and its history, move order items
// through the status workflow, and export every order to a JSON Lines file;
// list and inspect products, set stock and prices by seller SKU, import
// product files and wait for them to be applied, and look up brands,
// categories and attributes. It is built on the same client library
// services use.
//
// With no configuration it starts the fake SellerCenter of package
// sellercentertest in-process, with its demo data, and says so in one line
// on standard error, so it works on a fresh clone:
//
//	go run ./cmd/sellercenter orders list
//
// Its changes last until the command exits; --mock-state FILE loads the
// mock's orders, manifests, stock and prices from FILE when it exists and
// saves them back after the command, so a workflow can span several runs:
//
//	sellercenter --mock-state demo.json orders ready-to-ship 5003 --provider 'J&T Express' --tracking JT630000000001
//	sellercenter --mock-state demo.json orders ship 5003
//
// To use a real instance, set all four of SELLERCENTER_BASE_URL,
// SELLERCENTER_TOKEN_URL, SELLERCENTER_CLIENT_ID and
// SELLERCENTER_CLIENT_SECRET (or the matching flags); setting only some of
// them is an error, never a silent fall-back to the mock.
//
// Output is an aligned table by default; -o json prints one JSON document
// and -o jsonl one JSON object per line, for scripts. Errors are one line on
// standard error. Nothing waits silently: before any wait of 2 seconds or
// more (a retry, maintenance, the rate limiter, a feed or an export) one
// line on standard error says what the tool waits for, how long, and the
// attempt; --timeout bounds the whole command, waits included. The exit
// code says what kind of failure it was:
//
//	0  success
//	1  the API refused the request, or another failure (such as writing a file)
//	2  bad usage: unknown command or flag, bad argument, incomplete configuration
//	3  authentication failed: the token endpoint refused the credentials or the request, or
//	   answered with something that is not a token, or the API answered 401
//	4  try again later: maintenance, rate limited, 502/503/504, the network failed, the
//	   token endpoint is unreachable or busy, or --timeout ran out; the message says when
//	   the API expects to be back when it said so
//	5  the outcome is unknown: a command that writes (changes a status, sets stock or prices,
//	   uploads a file) lost the answer or got a 5xx other than 503, so the change may have
//	   been applied: check before repeating
//	130 interrupted by SIGINT (Ctrl-C) or SIGTERM; a write interrupted before its answer
//	   came exits 5 instead
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}
