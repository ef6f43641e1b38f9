package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/webhook"
)

// demoWait bounds how long listen --demo waits for the mock's deliveries.
const demoWait = 30 * time.Second

func (c *cli) webhooksCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "webhooks",
		Short: "Manage webhook subscriptions, read their delivery log, and receive events",
		Long: `SellerCenter POSTs {"event": alias, "payload": {...}} to a subscribed URL for
each event, and retries for 30 days until the URL answers 200. These commands
manage the subscriptions, show the log of deliveries, and run a receiver.`,
	}
	cmd.AddCommand(
		c.webhooksListCommand(),
		c.webhooksCreateCommand(),
		c.webhooksDeleteCommand(),
		c.webhooksStatusCommand(true),
		c.webhooksStatusCommand(false),
		c.webhooksEntitiesCommand(),
		c.webhooksCallbacksCommand(),
		c.webhooksListenCommand(),
	)
	return cmd
}

func aliases(events []gen.WebhookEvent) string {
	out := make([]string, len(events))
	for i, e := range events {
		out[i] = e.Alias
	}
	return strings.Join(out, ",")
}

func (c *cli) webhooksListCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "list [ID...]",
		Short: "List the webhooks, all or those with the given ids",
		Example: `  sellercenter webhooks list
  sellercenter webhooks list 5e11e0cc-0000-4000-8000-00000000000c -o json`,
		RunE: c.action(func(ctx context.Context, ids []string) error {
			client, err := c.api()
			if err != nil {
				return err
			}
			params := &gen.ListWebhooksParams{}
			if len(ids) > 0 { // an empty list would send an empty publicIds[]
				params.PublicIds = ids
			}
			page, err := sellercenter.Result(client.ListWebhooksWithResponse(ctx, params))
			if err != nil {
				return err
			}
			return printList(c, page.Items, []string{"ID", "ENABLED", "SOURCE", "URL", "EVENTS"}, func(w gen.Webhook) []string {
				return []string{w.PublicId, yesNo(w.IsEnabled), string(w.CreationSource), w.CallbackUrl, aliases(w.Events)}
			})
		}),
	}
}

func (c *cli) webhooksCreateCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "create URL EVENT...",
		Short: "Subscribe a callback URL to events; prints the new webhook's id",
		Long: `Subscribe URL to the events, named by alias (sellercenter webhooks entities
lists them). To let a receiver refuse strangers, put a secret of yours in the
URL, as its last path segment or as ?secret=..., and give it to
sellercenter webhooks listen --secret, or to webhook.Handler.Secret.`,
		Example: `  sellercenter webhooks create https://hooks.example.com/sellercenter/s3cret onOrderCreated onOrderItemsStatusChanged`,
		Args:    cobra.MinimumNArgs(2),
		RunE: c.action(func(ctx context.Context, args []string) error {
			client, err := c.api()
			if err != nil {
				return err
			}
			resp, err := client.CreateWebhookWithResponse(ctx, gen.WebhookSubscription{CallbackUrl: args[0], Events: args[1:]})
			if err := sellercenter.Check(resp, err); err != nil {
				return failedWrite(err, "list the webhooks (sellercenter webhooks list) before creating it again")
			}
			if resp.JSON201 == nil {
				return failedWrite(fmt.Errorf("sellercenter: createWebhook answered %d without a body", resp.StatusCode()), "")
			}
			return c.printObject(resp.JSON201, func(w io.Writer) error {
				_, err := fmt.Fprintln(w, resp.JSON201.WebhookId)
				return err
			})
		}),
	}
}

func (c *cli) webhooksDeleteCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "delete ID",
		Short:   "Delete a webhook",
		Example: `  sellercenter webhooks delete 5e11e0cc-0000-4000-8000-00000000000c`,
		Args:    cobra.ExactArgs(1),
		RunE: c.action(func(ctx context.Context, args []string) error {
			client, err := c.api()
			if err != nil {
				return err
			}
			if err := sellercenter.Check(client.DeleteWebhookWithResponse(ctx, args[0])); err != nil {
				return failedWrite(err, "")
			}
			_, err = fmt.Fprintf(c.stdout, "deleted %s\n", args[0])
			return err
		}),
	}
}

// webhooksStatusCommand is enable (on) or disable.
func (c *cli) webhooksStatusCommand(on bool) *cobra.Command {
	verb, short := "disable", "Stop deliveries to a webhook, keeping its URL and events"
	if on {
		verb, short = "enable", "Resume deliveries to a webhook"
	}
	return &cobra.Command{
		Use:     verb + " ID",
		Short:   short,
		Example: "  sellercenter webhooks " + verb + " 5e11e0cc-0000-4000-8000-00000000000c",
		Args:    cobra.ExactArgs(1),
		RunE: c.action(func(ctx context.Context, args []string) error {
			client, err := c.api()
			if err != nil {
				return err
			}
			if err := sellercenter.Check(client.SetWebhookStatusWithResponse(ctx, args[0], gen.WebhookStatus{IsEnabled: on})); err != nil {
				return failedWrite(err, "")
			}
			_, err = fmt.Fprintf(c.stdout, "%sd %s\n", verb, args[0])
			return err
		}),
	}
}

// entityEvent is one row of webhooks entities.
type entityEvent struct {
	Entity string `json:"entity"`
	Event  string `json:"event"`
	Alias  string `json:"alias"`
}

func (c *cli) webhooksEntitiesCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "entities",
		Short:   "List the events one can subscribe to, by entity",
		Example: `  sellercenter webhooks entities`,
		Args:    cobra.NoArgs,
		RunE: c.action(func(ctx context.Context, _ []string) error {
			client, err := c.api()
			if err != nil {
				return err
			}
			got, err := sellercenter.Result(client.ListWebhookEntitiesWithResponse(ctx))
			if err != nil {
				return err
			}
			var rows []entityEvent
			// The vendor's document names the list events, integrations
			// read items: whichever came.
			for _, en := range append(got.Events, got.Items...) {
				for _, ev := range en.Events {
					rows = append(rows, entityEvent{en.Name, ev.Name, ev.Alias})
				}
			}
			return printList(c, rows, []string{"ENTITY", "EVENT", "ALIAS"}, func(r entityEvent) []string {
				return []string{r.Entity, r.Event, r.Alias}
			})
		}),
	}
}

func (c *cli) webhooksCallbacksCommand() *cobra.Command {
	var limit, offset int
	cmd := &cobra.Command{
		Use:   "callbacks URL",
		Short: "List the deliveries to a callback URL, newest call first",
		Example: `  sellercenter webhooks callbacks https://hooks.kedaibatik.example/sellercenter
  sellercenter webhooks callbacks https://hooks.kedaibatik.example/sellercenter --limit 10 -o jsonl`,
		Args: cobra.ExactArgs(1),
		RunE: c.action(func(ctx context.Context, args []string) error {
			if limit < 1 || offset < 0 {
				return usagef("--limit must be at least 1 and --offset not negative, not %d and %d", limit, offset)
			}
			client, err := c.api()
			if err != nil {
				return err
			}
			page, err := sellercenter.Result(client.ListWebhookCallbacksWithResponse(ctx, args[0], &gen.ListWebhookCallbacksParams{
				Limit: c.clampLimit(limit, maxPageLimit), Offset: offset, Sort: gen.ListWebhookCallbacksParamsSortLastCall, SortDir: gen.ListWebhookCallbacksParamsSortDirDesc}))
			if err != nil {
				return err
			}
			return printList(c, page.Items, []string{"ID", "STATUS", "EVENT", "LAST CALL", "CREATED"}, func(cb gen.WebhookCallback) []string {
				return []string{strconv.Itoa(cb.Id), string(cb.Status), cb.Event, c.when(cb.LastCallAt), c.when(cb.CreatedAt)}
			})
		}),
	}
	cmd.Flags().IntVar(&limit, "limit", 100, "deliveries per page")
	cmd.Flags().IntVar(&offset, "offset", 0, "deliveries to skip")
	return cmd
}

// eventLine is what listen prints for each event.
type eventLine struct {
	Event   string `json:"event"`
	Key     string `json:"key"`
	Payload any    `json:"payload"`
}

// eventPrinter writes each event as one JSON line and counts them.
type eventPrinter struct {
	mu   sync.Mutex
	w    io.Writer
	n    int
	seen chan struct{} // gets a value after each event, when there is room
}

func (p *eventPrinter) print(ctx context.Context, payload any) error {
	d, _ := webhook.DeliveryFrom(ctx)
	b, err := json.Marshal(eventLine{Event: d.Event, Key: d.Key, Payload: payload})
	if err != nil {
		return err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, err := p.w.Write(append(b, '\n')); err != nil {
		return err
	}
	p.n++
	select {
	case p.seen <- struct{}{}:
	default:
	}
	return nil
}

func (p *eventPrinter) count() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.n
}

func printTo[E any](p *eventPrinter) func(context.Context, E) error {
	return func(ctx context.Context, e E) error { return p.print(ctx, e) }
}

// handler is a webhook.Handler printing every event to p.
func (p *eventPrinter) handler(secret string, log *slog.Logger) *webhook.Handler {
	return &webhook.Handler{
		OnOrderCreated:            printTo[webhook.OrderCreated](p),
		OnOrderItemsStatusChanged: printTo[webhook.OrderItemsStatusChanged](p),
		OnFeedCreated:             printTo[webhook.FeedCreated](p),
		OnFeedCompleted:           printTo[webhook.FeedCompleted](p),
		OnProductCreated:          printTo[webhook.ProductCreated](p),
		OnProductUpdated:          printTo[webhook.ProductUpdated](p),
		OnProductQcStatusChanged:  printTo[webhook.ProductQcStatusChanged](p),
		OnReturnStatusChanged:     printTo[webhook.ReturnStatusChanged](p),
		OnStatisticsUpdated:       printTo[webhook.StatisticsUpdated](p),
		OnMetricsUpdated:          printTo[webhook.MetricsUpdated](p),
		OnOther:                   func(ctx context.Context, d webhook.Delivery) error { return p.print(ctx, d.Payload) },
		Secret:                    secret,
		Logger:                    log,
	}
}

func (c *cli) webhooksListenCommand() *cobra.Command {
	var addr, secret string
	var demo bool
	cmd := &cobra.Command{
		Use:   "listen",
		Short: "Receive webhook deliveries and print each event as one JSON line",
		Long: `Run a receiver on --addr that answers each delivery 200 and prints its event
as one JSON line: {"event": alias, "key": its dedup key, "payload": the typed
fields, ids as numbers}. With --secret, only requests carrying it (as the last
path segment or ?secret=) are accepted; others get 401.

With the built-in mock, listen subscribes itself to every event, and --demo
adds an order and moves its items to ready_to_ship and shipped, prints the
events those raise, and exits; deliveries race each other, so the events
come in the order they arrive, which need not be the order they happened.
Against a real instance, register the
receiver's public URL with sellercenter webhooks create; listen runs until
interrupted.`,
		Example: `  sellercenter webhooks listen --addr 127.0.0.1:0 --demo
  sellercenter webhooks listen --addr 127.0.0.1:0 --secret s3cret --demo`,
		Args: cobra.NoArgs,
		RunE: c.action(func(ctx context.Context, _ []string) error {
			if _, port, err := net.SplitHostPort(addr); err != nil {
				return usagef("--addr must be host:port, not %q", addr)
			} else if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
				return usagef("--addr has a bad port %q", port)
			}
			client, err := c.api()
			if err != nil {
				return err
			}
			if demo && c.srv == nil {
				return usagef("--demo needs the built-in mock: it changes orders to raise events")
			}
			l, err := net.Listen("tcp", addr)
			if err != nil {
				// Not wrapped: a local failure, not the network's, so not "try again later".
				return fmt.Errorf("sellercenter: listening on %s: %v", addr, err)
			}
			p := &eventPrinter{w: c.stdout, seen: make(chan struct{}, 1)}
			log := slog.New(slog.NewTextHandler(c.errWriter(), &slog.HandlerOptions{Level: slog.LevelWarn}))
			hs := &http.Server{Handler: p.handler(secret, log), ReadHeaderTimeout: 10 * time.Second}
			served := make(chan error, 1)
			go func() { served <- hs.Serve(l) }()
			defer func() {
				sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
				defer cancel()
				_ = hs.Shutdown(sctx)
			}()

			callback := "http://" + l.Addr().String() + "/sellercenter"
			shown := callback
			if secret != "" {
				callback += "/" + url.PathEscape(secret)
				shown += "/<secret>"
			}
			if c.srv == nil {
				fmt.Fprintf(c.stderr, "sellercenter: listening at %s; register its public address with sellercenter webhooks create\n", shown)
				return wait(ctx, served)
			}
			id, err := c.subscribeAll(ctx, client, callback)
			if err != nil {
				return err
			}
			fmt.Fprintf(c.stderr, "sellercenter: listening at %s, subscribed to every event of the built-in mock as webhook %s\n", shown, id)
			if !demo {
				return wait(ctx, served)
			}
			want, err := c.raiseDemoEvents(ctx, client)
			if err != nil {
				return err
			}
			return waitEvents(ctx, p, want, served)
		}),
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on; port 0 picks a free one")
	cmd.Flags().StringVar(&secret, "secret", "", "refuse requests that do not carry this secret in the URL")
	cmd.Flags().BoolVar(&demo, "demo", false, "with the built-in mock: raise a few events, print them and exit")
	return cmd
}

// wait serves until ctx is done, which ends listen normally.
func wait(ctx context.Context, served <-chan error) error {
	select {
	case <-ctx.Done():
		return nil
	case err := <-served:
		return fmt.Errorf("sellercenter: the receiver stopped: %w", err)
	}
}

// waitEvents waits until p printed want events.
func waitEvents(ctx context.Context, p *eventPrinter, want int, served <-chan error) error {
	timeout := time.NewTimer(demoWait)
	defer timeout.Stop()
	for p.count() < want {
		select {
		case <-p.seen:
		case <-ctx.Done():
			return ctx.Err()
		case err := <-served:
			return fmt.Errorf("sellercenter: the receiver stopped: %w", err)
		case <-timeout.C:
			return fmt.Errorf("sellercenter: %d of the demo's %d events arrived within %v", p.count(), want, demoWait)
		}
	}
	return nil
}

// subscribeAll subscribes callback to every alias the API lists.
func (c *cli) subscribeAll(ctx context.Context, client *sellercenter.Client, callback string) (string, error) {
	got, err := sellercenter.Result(client.ListWebhookEntitiesWithResponse(ctx))
	if err != nil {
		return "", err
	}
	var events []string
	for _, en := range append(got.Events, got.Items...) {
		for _, ev := range en.Events {
			events = append(events, ev.Alias)
		}
	}
	resp, err := client.CreateWebhookWithResponse(ctx, gen.WebhookSubscription{CallbackUrl: callback, Events: events})
	if err := sellercenter.Check(resp, err); err != nil {
		return "", failedWrite(err, "")
	}
	if resp.JSON201 == nil {
		return "", errors.New("sellercenter: createWebhook answered without the webhook's id")
	}
	return resp.JSON201.WebhookId, nil
}

// raiseDemoEvents adds an order of two items to the mock and moves them to
// ready_to_ship and shipped through the API, and returns how many events
// that raises: the order, and one per status change of both items.
func (c *cli) raiseDemoEvents(ctx context.Context, client *sellercenter.Client) (int, error) {
	o, err := c.srv.AddOrder(gen.Order{Items: []gen.OrderItem{{}, {}}})
	if err != nil {
		return 0, err
	}
	items := make([]gen.ReadyToShipItem, len(o.OrderItemIds))
	for i, id := range o.OrderItemIds {
		items[i] = gen.ReadyToShipItem{Id: id}
	}
	if err := sellercenter.Check(client.SetOrderItemsReadyToShipWithResponse(ctx, gen.ReadyToShipRequest{OrderItems: items})); err != nil {
		return 0, failedWrite(err, "")
	}
	if err := sellercenter.Check(client.SetOrderItemsShippedWithResponse(ctx, gen.OrderItemIds{OrderItemIds: o.OrderItemIds})); err != nil {
		return 0, failedWrite(err, "")
	}
	return 3, nil
}
