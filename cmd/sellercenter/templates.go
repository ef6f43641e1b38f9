package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
)

// templateFlags are the options of templates download; each kind takes
// the ones its entry in templateKinds names.
type templateFlags struct {
	onlyActive   bool
	format       string
	attributeSet int
	light        bool
	orderType    string
	status       string
}

// Flags of templates download that only some kinds take.
const (
	flagOnlyActive   = "only-active"
	flagFormat       = "format"
	flagAttributeSet = "attribute-set"
	flagLight        = "light"
	flagType         = "type"
	flagStatus       = "status"
)

// templateKind is one template: its name (the last segment of its path),
// what it is for, the optional flags it takes, and its call. An async
// kind's call answers an export job, the others answer the file.
type templateKind struct {
	name, help string
	async      bool
	flags      []string
	call       func(ctx context.Context, c *gen.ClientWithResponses, f templateFlags) (any, error)
}

var templateKinds = []templateKind{
	{"stock-update", "stock of every product", false, []string{flagOnlyActive}, func(ctx context.Context, c *gen.ClientWithResponses, f templateFlags) (any, error) {
		return c.DownloadStockUpdateTemplateWithResponse(ctx, &gen.DownloadStockUpdateTemplateParams{OnlyActive: f.onlyActive})
	}},
	{"stock-update-async", "the same, made in the background", true, []string{flagOnlyActive}, func(ctx context.Context, c *gen.ClientWithResponses, f templateFlags) (any, error) {
		return c.ExportStockUpdateTemplateWithResponse(ctx, &gen.ExportStockUpdateTemplateParams{OnlyActive: f.onlyActive})
	}},
	{"price-update", "prices per product and country", true, []string{flagOnlyActive}, func(ctx context.Context, c *gen.ClientWithResponses, f templateFlags) (any, error) {
		return c.ExportPriceUpdateTemplateWithResponse(ctx, &gen.ExportPriceUpdateTemplateParams{OnlyActive: f.onlyActive})
	}},
	{"status-update", "status of every product", true, []string{flagOnlyActive}, func(ctx context.Context, c *gen.ClientWithResponses, f templateFlags) (any, error) {
		return c.ExportStatusUpdateTemplateWithResponse(ctx, &gen.ExportStatusUpdateTemplateParams{OnlyActive: f.onlyActive})
	}},
	{"image-update", "image URLs of every product", true, []string{flagFormat}, func(ctx context.Context, c *gen.ClientWithResponses, f templateFlags) (any, error) {
		return c.ExportImageUpdateTemplateWithResponse(ctx, &gen.ExportImageUpdateTemplateParams{Format: gen.ExportFormat(f.format)})
	}},
	{"product-creation", "columns for new products of an attribute set", true, []string{flagAttributeSet, flagLight}, func(ctx context.Context, c *gen.ClientWithResponses, f templateFlags) (any, error) {
		variant := gen.ProductTemplateVariantFull
		if f.light {
			variant = gen.ProductTemplateVariantLight
		}
		return c.ExportProductCreationTemplateWithResponse(ctx, &gen.ExportProductCreationTemplateParams{AttributeSetId: f.attributeSet, Type: variant})
	}},
	{"product-removal", "SKUs to delete", false, nil, func(ctx context.Context, c *gen.ClientWithResponses, _ templateFlags) (any, error) {
		return c.DownloadProductRemovalTemplateWithResponse(ctx)
	}},
	{"product-removal-async", "the same, made in the background", true, nil, func(ctx context.Context, c *gen.ClientWithResponses, _ templateFlags) (any, error) {
		return c.ExportProductRemovalTemplateWithResponse(ctx)
	}},
	{"product-category-tree", "the category tree", false, nil, func(ctx context.Context, c *gen.ClientWithResponses, _ templateFlags) (any, error) {
		return c.DownloadCategoryTreeTemplateWithResponse(ctx)
	}},
	{"product-category-tree-async", "the same, made in the background", true, nil, func(ctx context.Context, c *gen.ClientWithResponses, _ templateFlags) (any, error) {
		return c.ExportCategoryTreeTemplateWithResponse(ctx)
	}},
	{"pending-order-items", "order items waiting to be processed", false, nil, func(ctx context.Context, c *gen.ClientWithResponses, _ templateFlags) (any, error) {
		return c.DownloadPendingOrderItemsTemplateWithResponse(ctx)
	}},
	{"pending-order-numbers", "orders with pending items", false, nil, func(ctx context.Context, c *gen.ClientWithResponses, _ templateFlags) (any, error) {
		return c.DownloadPendingOrderNumbersTemplateWithResponse(ctx)
	}},
	{"order-item-status-update", "order items whose status can change", false, nil, func(ctx context.Context, c *gen.ClientWithResponses, _ templateFlags) (any, error) {
		return c.DownloadOrderItemStatusTemplateWithResponse(ctx)
	}},
	{"order-status-change", "order items in --status, one row per --type", true, []string{flagType, flagStatus}, func(ctx context.Context, c *gen.ClientWithResponses, f templateFlags) (any, error) {
		return c.ExportOrderStatusChangeTemplateWithResponse(ctx, &gen.ExportOrderStatusChangeTemplateParams{
			Type: gen.OrderTemplateType(f.orderType), Status: gen.OrderTemplateStatus(f.status)})
	}},
	{"missing-invoice-access-key", "items still missing an invoice access key", false, nil, func(ctx context.Context, c *gen.ClientWithResponses, _ templateFlags) (any, error) {
		return c.DownloadMissingInvoiceAccessKeyTemplateWithResponse(ctx)
	}},
	{"missing-invoice-access-key-async", "the same, made in the background", true, nil, func(ctx context.Context, c *gen.ClientWithResponses, _ templateFlags) (any, error) {
		return c.ExportMissingInvoiceAccessKeyTemplateWithResponse(ctx)
	}},
	{"create-forward-manifest", "items ready to ship, for a forward manifest", false, nil, func(ctx context.Context, c *gen.ClientWithResponses, _ templateFlags) (any, error) {
		return c.DownloadForwardManifestTemplateWithResponse(ctx)
	}},
	{"create-forward-manifest-async", "the same, made in the background", true, nil, func(ctx context.Context, c *gen.ClientWithResponses, _ templateFlags) (any, error) {
		return c.ExportForwardManifestTemplateWithResponse(ctx)
	}},
	{"update-manifest-status", "items on manifests and their manifest status", false, nil, func(ctx context.Context, c *gen.ClientWithResponses, _ templateFlags) (any, error) {
		return c.DownloadManifestStatusTemplateWithResponse(ctx)
	}},
	{"update-manifest-status-async", "the same, made in the background", true, nil, func(ctx context.Context, c *gen.ClientWithResponses, _ templateFlags) (any, error) {
		return c.ExportManifestStatusTemplateWithResponse(ctx)
	}},
}

func templateKindNames() []string {
	out := make([]string, len(templateKinds))
	for i, k := range templateKinds {
		out[i] = k.name
	}
	return out
}

func findTemplateKind(name string) (templateKind, error) {
	name = strings.ToLower(strings.TrimSpace(name))
	for _, k := range templateKinds {
		if k.name == name {
			return k, nil
		}
	}
	return templateKind{}, usagef("%q is not a template; use one of %s", name, strings.Join(templateKindNames(), ", "))
}

// templateResult is what templates download prints when it wrote a file.
type templateResult struct {
	Template string `json:"template"`
	File     string `json:"file"`
	Bytes    int    `json:"bytes"`
	// ExportID is the export job that made it, for the async kinds.
	ExportID int `json:"exportId,omitempty"`
}

func (c *cli) templatesCommand() *cobra.Command {
	return groupCommand("templates", "Download the files SellerCenter imports, filled in with the seller's data", c.templatesDownloadCommand())
}

func (c *cli) templatesDownloadCommand() *cobra.Command {
	var (
		f   templateFlags
		out string
	)
	var kindHelp []string
	for _, k := range templateKinds {
		line := fmt.Sprintf("  %-33s %s", k.name, k.help)
		if len(k.flags) > 0 {
			line += " (--" + strings.Join(k.flags, ", --") + ")"
		}
		kindHelp = append(kindHelp, line)
	}
	cmd := &cobra.Command{
		Use:   "download KIND --out FILE",
		Short: "Download a template to a file, or to stdout with --out -",
		Long: `Download the template KIND to FILE, or write it to stdout with --out -.
KIND is one of:

` + strings.Join(kindHelp, "\n") + `

Most templates are CSV; image-update takes --format xlsx. Some templates are
made in the background: the tool then waits for the export job and downloads
its file, and on a terminal stderr shows the job's state while waiting. FILE
is written under a temporary name and only replaces FILE when the download is
complete; it is readable by its owner only, since order templates hold
customer data. With --out -, stdout holds the file and nothing else.`,
		Example: `  sellercenter templates download stock-update --out stock.csv
  sellercenter templates download price-update --only-active --out prices.csv
  sellercenter templates download order-status-change --type order-numbers --status pending --out -`,
		Args: cobra.ExactArgs(1),
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return templateKindNames(), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: c.action(func(ctx context.Context, args []string) error {
			k, err := findTemplateKind(args[0])
			if err != nil {
				return err
			}
			if err := checkTemplateFlags(k, f); err != nil {
				return err
			}
			path, err := checkOut(out, true)
			if err != nil {
				return err
			}
			client, err := c.api()
			if err != nil {
				return err
			}
			content, exportID, err := c.fetchTemplate(ctx, client, k, f)
			if err != nil {
				return err
			}
			if err := c.writeOut(path, content); err != nil {
				return err
			}
			res := templateResult{Template: k.name, File: path, Bytes: len(content), ExportID: exportID}
			return c.printWritten(path, res, fmt.Sprintf("Wrote the %s template to %s (%s)", k.name, outName(path), count(len(content), "byte", "bytes")))
		}),
	}
	fl := cmd.Flags()
	fl.StringVar(&out, "out", "", outFlagUsage("file", true))
	fl.BoolVar(&f.onlyActive, flagOnlyActive, false, "only active products")
	fl.StringVar(&f.format, flagFormat, "", "file format of image-update: csv or xlsx")
	fl.IntVar(&f.attributeSet, flagAttributeSet, 0, "attribute set of product-creation (none: the master template)")
	fl.BoolVar(&f.light, flagLight, false, "product-creation with the flagged attributes only")
	fl.StringVar(&f.orderType, flagType, "", "order-status-change rows: order-items, order-items-by-package, order-numbers or order-items-status")
	fl.StringVar(&f.status, flagStatus, "", "order-status-change items: pending, ready-to-ship or shipped")
	_ = cmd.MarkFlagRequired("out")
	_ = cmd.RegisterFlagCompletionFunc(flagFormat, cobra.FixedCompletions([]string{"csv", "xlsx"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// checkTemplateFlags refuses flags the kind does not take and values the
// API would refuse.
func checkTemplateFlags(k templateKind, f templateFlags) error {
	given := map[string]bool{flagOnlyActive: f.onlyActive, flagFormat: f.format != "", flagAttributeSet: f.attributeSet != 0,
		flagLight: f.light, flagType: f.orderType != "", flagStatus: f.status != ""}
	for _, name := range []string{flagOnlyActive, flagFormat, flagAttributeSet, flagLight, flagType, flagStatus} {
		if given[name] && !slices.Contains(k.flags, name) {
			return usagef("--%s does not apply to the %s template", name, k.name)
		}
	}
	switch {
	case f.format != "" && f.format != string(gen.ExportFormatCsv) && f.format != string(gen.ExportFormatXlsx):
		return usagef("--format must be csv or xlsx, not %q", f.format)
	case f.attributeSet < 0:
		return usagef("--attribute-set must be a positive id, not %d", f.attributeSet)
	case k.name == "order-status-change" && (f.orderType == "" || f.status == ""):
		return usagef("the order-status-change template needs --type and --status")
	case f.orderType != "" && !gen.OrderTemplateType(f.orderType).Valid():
		return usagef("--type must be order-items, order-items-by-package, order-numbers or order-items-status, not %q", f.orderType)
	case f.status != "" && !gen.OrderTemplateStatus(f.status).Valid():
		return usagef("--status must be pending, ready-to-ship or shipped, not %q", f.status)
	}
	return nil
}

// fetchTemplate makes the kind's call; for an async kind it waits for the
// export job, showing its state on a terminal, and downloads its file.
func (c *cli) fetchTemplate(ctx context.Context, client *sellercenter.Client, k templateKind, f templateFlags) (content []byte, exportID int, err error) {
	resp, err := k.call(ctx, client.ClientWithResponses, f)
	r, _ := resp.(interface {
		StatusCode() int
		GetBody() []byte
	})
	if err := sellercenter.Check(r, err); err != nil {
		return nil, 0, err
	}
	if !k.async {
		return r.GetBody(), 0, nil
	}
	jobs, ok := resp.(interface {
		GetJSON200() *gen.ExportQueued
		GetJSON201() *gen.ExportQueued
	})
	var job *gen.ExportQueued
	if ok {
		job = jobs.GetJSON201()
		if job == nil {
			job = jobs.GetJSON200()
		}
	}
	if job == nil || job.ExportItemId == 0 {
		return nil, 0, fmt.Errorf("sellercenter: the API started the %s template without naming its export job; see the exports in SellerCenter", k.name)
	}
	bar := c.newProgress()
	bar.draw(fmt.Sprintf("making the %s template: export %d queued", k.name, job.ExportItemId))
	wait := sellercenter.ExportWait{Interval: c.feedWait.Interval, MaxInterval: c.feedWait.MaxInterval, OnPoll: func(x gen.ExportItem) {
		state := "waiting"
		if x.Status != "" {
			state = string(x.Status)
		}
		bar.draw(fmt.Sprintf("making the %s template: export %d %s, %s", k.name, job.ExportItemId, state, c.now().Sub(bar.start).Round(time.Second)))
	}}
	x, err := client.WaitForExport(ctx, job.ExportItemId, wait)
	bar.clear()
	if err != nil {
		return nil, job.ExportItemId, annotate(err, "the %s template (export %d) is not ready", k.name, job.ExportItemId)
	}
	content, err = client.DownloadExport(ctx, x)
	if err != nil {
		return nil, job.ExportItemId, annotate(err, "downloading export %d", job.ExportItemId)
	}
	return content, job.ExportItemId, nil
}
