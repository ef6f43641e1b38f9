package main

import (
	"context"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/gen"
)

// defaultListLimit is how many orders `orders list` shows without --all;
// it shows all of the mock's demo orders.
const defaultListLimit = 50

func (c *cli) ordersCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "orders",
		Short: "List, inspect, change and export orders",
	}
	cmd.AddCommand(
		c.ordersListCommand(),
		c.ordersGetCommand(),
		c.ordersItemsCommand(),
		c.ordersHistoryCommand(),
		c.readyToShipCommand(),
		c.shipCommand(),
		c.deliverCommand(),
		c.cancelCommand(),
		c.exportCommand(),
	)
	return cmd
}

// orderFilter is the order selection shared by list and export.
type orderFilter struct {
	status, section, after, before string
}

// statusSections are the section values --status accepts, without their
// "status_" prefix.
var statusSections = func() []string {
	var out []string
	for _, s := range []gen.OrderSection{
		gen.OrderSectionStatusPending, gen.OrderSectionStatusPendingAll, gen.OrderSectionStatusReadyToShip,
		gen.OrderSectionStatusShipped, gen.OrderSectionStatusDelivered, gen.OrderSectionStatusFailed,
		gen.OrderSectionStatusCanceled, gen.OrderSectionStatusPaymentPending, gen.OrderSectionStatusShipmentInformationPending,
		gen.OrderSectionStatusReturnShippedByCustomer, gen.OrderSectionStatusReturnWaitingForApproval,
		gen.OrderSectionStatusReturnRejected, gen.OrderSectionStatusReturnDelivered, gen.OrderSectionStatusReturned,
	} {
		out = append(out, strings.TrimPrefix(string(s), "status_"))
	}
	return out
}()

// groupSections are the other section values, for completion.
var groupSections = []gen.OrderSection{
	gen.OrderSectionGroupAir, gen.OrderSectionGroupDigital, gen.OrderSectionGroupEconomy, gen.OrderSectionGroupExpress,
	gen.OrderSectionGroupKpiRejectionRate, gen.OrderSectionGroupKpiReturnRate,
	gen.OrderSectionGroupMissingExternalInvoiceAccessKey, gen.OrderSectionGroupReadyToShipManifested,
	gen.OrderSectionGroupReadyToShipNonmanifested, gen.OrderSectionGroupSameday, gen.OrderSectionGroupStandard,
	gen.OrderSectionGroupSurface,
}

func (f *orderFilter) register(cmd *cobra.Command) {
	fs := cmd.Flags()
	fs.StringVar(&f.status, "status", "", "only orders with items in this status, e.g. pending, ready_to_ship, shipped")
	fs.StringVar(&f.section, "section", "", "only orders in this section of the order screen, e.g. status_pending_all, group_express")
	f.registerDates(fs)
	_ = cmd.RegisterFlagCompletionFunc("status", cobra.FixedCompletions(statusSections, cobra.ShellCompDirectiveNoFileComp))
	sections := make([]string, 0, len(statusSections)+len(groupSections))
	for _, s := range statusSections {
		sections = append(sections, "status_"+s)
	}
	for _, s := range groupSections {
		sections = append(sections, string(s))
	}
	_ = cmd.RegisterFlagCompletionFunc("section", cobra.FixedCompletions(sections, cobra.ShellCompDirectiveNoFileComp))
}

func (f *orderFilter) registerDates(fs *pflag.FlagSet) {
	fs.StringVar(&f.after, "created-after", "", "only orders created at or after this date (2024-10-01, the whole day) or date-time with its zone (2024-10-01T08:00:00+08:00)")
	fs.StringVar(&f.before, "created-before", "", "only orders created at or before this date (the whole day) or date-time with its zone")
}

// params turns the filter into list parameters, refusing what the API
// would refuse (or, worse, silently ignore).
func (f *orderFilter) params(c *cli) (gen.ListOrdersParams, error) {
	var p gen.ListOrdersParams
	switch {
	case f.status != "" && f.section != "":
		return p, usagef("--status and --section cannot be combined (--status pending is --section status_pending)")
	case f.status != "":
		s := strings.NewReplacer("-", "_", " ", "_").Replace(strings.ToLower(strings.TrimSpace(f.status)))
		sec := gen.OrderSection("status_" + strings.TrimPrefix(s, "status_"))
		if !sec.Valid() {
			return p, usagef("--status %q is not an order item status; use one of %s", f.status, strings.Join(statusSections, ", "))
		}
		p.Section = sec
	case f.section != "":
		sec := gen.OrderSection(strings.TrimSpace(f.section))
		if !sec.Valid() {
			return p, usagef("--section %q is not a section; use status_<status> (see --status) or one of %s", f.section, joinSections(groupSections))
		}
		p.Section = sec
	}
	after, err := c.parseDate("--created-after", f.after)
	if err != nil {
		return p, err
	}
	before, err := c.parseDate("--created-before", f.before)
	if err != nil {
		return p, err
	}
	if after != nil && before != nil && after.After(endOf(*before)) {
		return p, usagef("--created-after %s is later than --created-before %s", after, before)
	}
	// A zero bound is not sent.
	if after != nil {
		p.DateStart = *after
	}
	if before != nil {
		p.DateEnd = *before
	}
	return p, nil
}

func joinSections(s []gen.OrderSection) string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = string(v)
	}
	return strings.Join(out, ", ")
}

// endOf is the last moment t covers: the end of the day for a date, which
// the API reads as the whole day.
func endOf(t datetime.Time) time.Time {
	if t.IsDate() {
		return t.AddDate(0, 0, 1).Add(-time.Nanosecond)
	}
	return t.Time
}

// parseID reads a numeric id argument.
func parseID(what, s string) (int, error) {
	id, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || id <= 0 {
		return 0, usagef("%s %q is not a positive whole number", what, s)
	}
	return id, nil
}

func (c *cli) ordersListCommand() *cobra.Command {
	var (
		f     orderFilter
		limit int
		all   bool
	)
	var cmd *cobra.Command
	cmd = &cobra.Command{
		Use:   "list",
		Short: "List orders, oldest first",
		Long: `List orders, oldest first. Without --all it shows the first --limit orders and
says on stderr when more follow; --all walks every page.`,
		Example: `  sellercenter orders list --status pending
  sellercenter orders list --created-after 2024-10-01 --all -o jsonl`,
		Args: cobra.NoArgs,
		RunE: c.action(func(ctx context.Context, _ []string) error {
			params, err := f.params(c)
			if err != nil {
				return err
			}
			switch {
			case all && cmd.Flags().Changed("limit"):
				return usagef("--all and --limit cannot be combined: --all lists every order")
			case limit < 1:
				return usagef("--limit must be at least 1, not %d", limit)
			}
			client, err := c.api()
			if err != nil {
				return err
			}
			l := newList(c, orderHeader, c.orderRow)
			if all {
				for o, err := range counted(c, "orders", client.Orders(ctx, params)) {
					if err != nil {
						return l.abort(err)
					}
					if err := l.add(o); err != nil {
						return err
					}
				}
				return l.close()
			}
			params.Limit = c.clampLimit(limit, maxPageLimit)
			resp, err := sellercenter.Result(client.ListOrdersWithResponse(ctx, &params))
			if err != nil {
				return err
			}
			for _, o := range resp.Items {
				if err := l.add(o); err != nil {
					return err
				}
			}
			if err := l.close(); err != nil {
				return err
			}
			if resp.Pagination.HasNext {
				moreFollow(c.stderr, len(resp.Items), "orders")
			}
			return nil
		}),
	}
	f.register(cmd)
	cmd.Flags().IntVar(&limit, "limit", defaultListLimit, "how many orders to show")
	cmd.Flags().BoolVar(&all, "all", false, "show every order, page after page")
	return cmd
}

var orderHeader = []string{"ID", "NUMBER", "CREATED", "CUSTOMER", "ITEMS", "STATUS", "TOTAL"}

func (c *cli) orderRow(o gen.Order) []string {
	return []string{
		strconv.Itoa(o.Id),
		o.Number,
		c.when(o.CreatedAt),
		customer(o.Customer),
		strconv.Itoa(o.ItemCount),
		statusSummary(o.StatusList),
		total(o),
	}
}

func customer(c gen.OrderCustomer) string {
	return strings.TrimSpace(str(c.FirstName) + " " + str(c.LastName))
}

// statusSummary shows the item statuses of an order: the status alone when
// all items share it, else counts ("1 canceled, 2 pending").
func statusSummary(list map[string]int) string {
	if len(list) == 1 {
		for s := range list {
			return s
		}
	}
	var parts []string
	for _, s := range slices.Sorted(maps.Keys(list)) {
		parts = append(parts, strconv.Itoa(list[s])+" "+s)
	}
	return strings.Join(parts, ", ")
}

// total shows the grand total. An order paid in full by vouchers totals 0
// (which the API may leave out), so 0 is shown too.
func total(o gen.Order) string {
	return money(o.GrandTotal, o.Currency)
}

// getOrder fetches one order by its numeric id.
func (c *cli) getOrder(ctx context.Context, arg string) (gen.Order, error) {
	id, err := parseID("order id", arg)
	if err != nil {
		return gen.Order{}, err
	}
	client, err := c.api()
	if err != nil {
		return gen.Order{}, err
	}
	resp, err := sellercenter.Result(client.GetOrderWithResponse(ctx, id))
	if err != nil {
		return gen.Order{}, err
	}
	return *resp, nil
}

func (c *cli) ordersGetCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "get ORDER_ID",
		Short: "Show one order with its items",
		Long:  "Show one order with its items. ORDER_ID is the numeric id, not the order number.",
		Args:  cobra.ExactArgs(1),
		RunE: c.action(func(ctx context.Context, args []string) error {
			o, err := c.getOrder(ctx, args[0])
			if err != nil {
				return err
			}
			return c.printObject(o, func(w io.Writer) error {
				if err := printFields(w,
					"ID", strconv.Itoa(o.Id),
					"Number", o.Number,
					"Created", c.when(o.CreatedAt),
					"Updated", c.when(o.UpdatedAt),
					"Customer", customer(o.Customer),
					"Ship to", shipTo(o.Address.Shipping),
					"Payment", o.PaymentMethod,
					"Status", statusSummary(o.StatusList),
					"Total", total(o),
				); err != nil {
					return err
				}
				if _, err := io.WriteString(w, "\n"); err != nil {
					return err
				}
				return itemTable(w, o.Items)
			})
		}),
	}
}

func shipTo(a *gen.Address) string {
	if a == nil {
		return ""
	}
	var parts []string
	for _, p := range []string{a.City, a.Region, a.Country} {
		if s := strings.TrimSpace(p); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

var itemHeader = []string{"ITEM", "SKU", "PRODUCT", "STATUS", "PAID", "CARRIER", "TRACKING"}

func itemRow(it gen.OrderItem) []string {
	carrier := ""
	switch {
	case it.Shipment.Provider != nil:
		carrier = it.Shipment.Provider.Name
	case it.Shipment.PreProvider != nil:
		carrier = it.Shipment.PreProvider.Name
	}
	return []string{
		strconv.Itoa(it.Id),
		it.Product.SellerSku,
		it.Product.Name,
		string(it.Status),
		strconv.FormatFloat(it.PaidPrice, 'f', 2, 64),
		carrier,
		it.Shipment.TrackingCode,
	}
}

// itemTable writes the items of an order as table rows on w.
func itemTable(w io.Writer, items []gen.OrderItem) error {
	if err := writeRow(w, itemHeader...); err != nil {
		return err
	}
	for _, it := range items {
		if err := writeRow(w, itemRow(it)...); err != nil {
			return err
		}
	}
	return nil
}

func (c *cli) ordersItemsCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "items ORDER_ID",
		Short: "List the items of one order",
		Args:  cobra.ExactArgs(1),
		RunE: c.action(func(ctx context.Context, args []string) error {
			o, err := c.getOrder(ctx, args[0])
			if err != nil {
				return err
			}
			return printList(c, o.Items, itemHeader, itemRow)
		}),
	}
}

func (c *cli) ordersHistoryCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "history ORDER_ID",
		Short: "List the status changes of one order's items, oldest first",
		Args:  cobra.ExactArgs(1),
		RunE: c.action(func(ctx context.Context, args []string) error {
			id, err := parseID("order id", args[0])
			if err != nil {
				return err
			}
			client, err := c.api()
			if err != nil {
				return err
			}
			resp, err := sellercenter.Result(client.GetOrderHistoryWithResponse(ctx, id, nil))
			if err != nil {
				return err
			}
			return printList(c, *resp, []string{"TIME", "ITEM", "SKU", "STATUS", "EDITOR", "NOTE"}, func(h gen.OrderHistoryEntry) []string {
				return []string{c.when(h.CreatedAt), strconv.Itoa(h.OrderItemId), h.ShopSku, string(h.Status), h.Editor, h.Note}
			})
		}),
	}
}
