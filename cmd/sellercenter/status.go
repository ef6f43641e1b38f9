package main

import (
	"bufio"
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
)

// maxStdinIDs bounds the ids read from stdin, so a wrong pipe cannot fill
// memory; it is far above any batch the API accepts.
const maxStdinIDs = 100_000

// itemIDs reads the ITEM_ID arguments: numbers, or a single "-" for
// numbers read from stdin (separated by spaces, commas or lines). An id
// given twice is refused rather than sent twice.
func (c *cli) itemIDs(args []string) ([]int, error) {
	if len(args) == 1 && args[0] == "-" {
		var err error
		if args, err = c.readStdinIDs(); err != nil {
			return nil, err
		}
		if len(args) == 0 {
			return nil, usagef("no order item ids on stdin")
		}
	}
	ids := make([]int, 0, len(args))
	given := make(map[int]bool, len(args))
	for _, a := range args {
		id, err := parseID("order item id", a)
		if err != nil {
			return nil, err
		}
		if given[id] {
			return nil, usagef("order item id %d is given twice", id)
		}
		given[id] = true
		ids = append(ids, id)
	}
	return ids, nil
}

func (c *cli) readStdinIDs() ([]string, error) {
	sc := bufio.NewScanner(c.stdin)
	sc.Split(bufio.ScanWords)
	var out []string
	for sc.Scan() {
		for _, f := range strings.Split(sc.Text(), ",") {
			if f = strings.TrimSpace(f); f != "" {
				out = append(out, f)
			}
		}
		if len(out) > maxStdinIDs {
			return nil, usagef("more than %d order item ids on stdin", maxStdinIDs)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("sellercenter: reading order item ids from stdin: %w", err)
	}
	return out, nil
}

// itemStatus is one row of a status change's output.
type itemStatus struct {
	OrderItemID int                 `json:"orderItemId"`
	Status      gen.OrderItemStatus `json:"status"`
}

// printChanged prints the items the API reports as changed. A success
// without a body still means the change was made, so the requested ids
// are shown then.
func (c *cli) printChanged(requested []int, changed *gen.ChangedItems, status gen.OrderItemStatus) error {
	ids := requested
	if changed != nil {
		ids = changed.OrderItemIds
	}
	rows := make([]itemStatus, len(ids))
	for i, id := range ids {
		rows[i] = itemStatus{OrderItemID: id, Status: status}
	}
	return printList(c, rows, []string{"ITEM", "STATUS"}, func(r itemStatus) []string {
		return []string{strconv.Itoa(r.OrderItemID), string(r.Status)}
	})
}

const itemArgsHelp = `ITEM_ID is the numeric id of an order item (see 'sellercenter orders items');
a single "-" reads the ids from stdin.`

// statusCommand builds a command that changes the status of items with
// change, which sends the request and returns the items changed.
//
// prepare, if not nil, runs after the arguments are checked and before the
// change: the place for checks that need the API.
func (c *cli) statusCommand(use, short, example string, status gen.OrderItemStatus,
	prepare func(ctx context.Context, client *sellercenter.Client) error,
	change func(ctx context.Context, client *sellercenter.Client, ids []int) (*gen.ChangedItems, error)) *cobra.Command {
	return &cobra.Command{
		Use:     use + " ITEM_ID...",
		Short:   short,
		Long:    short + ".\n\n" + itemArgsHelp,
		Example: example,
		Args:    cobra.MinimumNArgs(1),
		RunE: c.action(func(ctx context.Context, args []string) error {
			ids, err := c.itemIDs(args)
			if err != nil {
				return err
			}
			client, err := c.api()
			if err != nil {
				return err
			}
			if prepare != nil {
				if err := prepare(ctx, client); err != nil {
					return err
				}
			}
			changed, err := change(ctx, client, ids)
			if err != nil {
				return failedWrite(err, "the change may have been made: check the items with 'sellercenter orders items' before trying again")
			}
			return c.printChanged(ids, changed, status)
		}),
	}
}

func (c *cli) readyToShipCommand() *cobra.Command {
	var provider, tracking string
	cmd := c.statusCommand("ready-to-ship",
		"Pack pending items of one order and mark them ready to ship",
		"  sellercenter orders ready-to-ship 5001 5002 --provider 'J&T Express' --tracking JT630012345",
		gen.OrderItemStatusReadyToShip,
		nil,
		func(ctx context.Context, client *sellercenter.Client, ids []int) (*gen.ChangedItems, error) {
			body := gen.ReadyToShipRequest{OrderItems: make([]gen.ReadyToShipItem, len(ids))}
			for i, id := range ids {
				body.OrderItems[i].Id = id
			}
			if p := strings.TrimSpace(provider); p != "" {
				body.ShippingProvider = p
			}
			if t := strings.TrimSpace(tracking); t != "" {
				body.TrackingNumber = t
			}
			return sellercenter.Result(client.SetOrderItemsReadyToShipWithResponse(ctx, body))
		})
	cmd.Flags().StringVar(&provider, "provider", "", "carrier name from 'sellercenter shipment-providers'; default: the item's preselected carrier")
	cmd.Flags().StringVar(&tracking, "tracking", "", "tracking number; required unless the carrier has an API integration")
	return cmd
}

func (c *cli) shipCommand() *cobra.Command {
	return c.statusCommand("ship", "Mark ready-to-ship items of one order as shipped",
		"  sellercenter orders ship 5009 5010",
		gen.OrderItemStatusShipped,
		nil,
		func(ctx context.Context, client *sellercenter.Client, ids []int) (*gen.ChangedItems, error) {
			return sellercenter.Result(client.SetOrderItemsShippedWithResponse(ctx, gen.OrderItemIds{OrderItemIds: ids}))
		})
}

func (c *cli) deliverCommand() *cobra.Command {
	return c.statusCommand("deliver", "Mark shipped items as delivered",
		"  sellercenter orders deliver 5013 5014",
		gen.OrderItemStatusDelivered,
		nil,
		func(ctx context.Context, client *sellercenter.Client, ids []int) (*gen.ChangedItems, error) {
			return sellercenter.Result(client.SetOrderItemsDeliveredWithResponse(ctx, gen.OrderItemIds{OrderItemIds: ids}))
		})
}

func (c *cli) cancelCommand() *cobra.Command {
	var reason, detail string
	cmd := c.statusCommand("cancel", "Cancel pending or ready-to-ship items",
		"  sellercenter orders cancel 5001 --reason 'Out of stock'",
		gen.OrderItemStatusCanceled,
		func(ctx context.Context, client *sellercenter.Client) error {
			// Resolved before the write, so a mistyped reason is a usage
			// error rather than a refused change.
			var err error
			reason, err = cancelReason(ctx, client, reason)
			return err
		},
		func(ctx context.Context, client *sellercenter.Client, ids []int) (*gen.ChangedItems, error) {
			body := gen.ReasonedStatusChange{OrderItemIds: ids, Reason: strings.TrimSpace(reason)}
			if d := strings.TrimSpace(detail); d != "" {
				body.ReasonDetail = &d
			}
			return sellercenter.Result(client.SetOrderItemsCanceledWithResponse(ctx, body))
		})
	cmd.Flags().StringVar(&reason, "reason", "", "a cancellation reason name from 'sellercenter failure-reasons' (required)")
	cmd.Flags().StringVar(&detail, "detail", "", "free text to go with the reason")
	_ = cmd.MarkFlagRequired("reason")
	cmd.PreRunE = func(cmd *cobra.Command, _ []string) error {
		if cmd.Flags().Changed("reason") && strings.TrimSpace(reason) == "" {
			return usagef("--reason must not be blank")
		}
		return nil
	}
	return cmd
}
