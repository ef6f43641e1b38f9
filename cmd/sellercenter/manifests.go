package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
)

func (c *cli) manifestsCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "manifests",
		Short: "List, create and ship manifests: order items handed to one carrier together",
	}
	cmd.AddCommand(
		c.manifestsListCommand(),
		c.manifestsGetCommand(),
		c.manifestsCreateCommand(),
		c.manifestsShipCommand(),
		c.manifestsDocumentCommand(),
		c.manifestsExportCommand(),
	)
	return cmd
}

var (
	manifestTypes    = []string{string(gen.ManifestTypeForward), string(gen.ManifestTypeReturn)}
	manifestStatuses = []string{
		string(gen.ManifestStatusForwardReadyToShip), string(gen.ManifestStatusForwardReceived), string(gen.ManifestStatusForwardShipped),
		string(gen.ManifestStatusReturnReadyToShip), string(gen.ManifestStatusReturnReceived), string(gen.ManifestStatusReturnShipped),
	}
	manifestSorts = map[string]gen.ListManifestsParamsSort{
		"created": gen.ListManifestsParamsSortCreatedAt, "code": gen.ListManifestsParamsSortManifestCode,
	}
)

// manifestFilter is the selection of `manifests list`.
type manifestFilter struct {
	dates          orderFilter // only its created-after and created-before
	typ, status    string
	sort           string
	desc           bool
	codes, numbers []string
	items          []int
}

func (f *manifestFilter) register(cmd *cobra.Command) {
	fs := cmd.Flags()
	fs.StringVar(&f.typ, "type", "", "only forward or return manifests")
	fs.StringVar(&f.status, "status", "", "only manifests in this status, e.g. forward_ready_to_ship, forward_shipped")
	fs.StringSliceVar(&f.codes, "code", nil, "only these manifest codes (repeat or separate with commas)")
	fs.IntSliceVar(&f.items, "item", nil, "only manifests holding these order item ids")
	fs.StringSliceVar(&f.numbers, "order", nil, "only manifests holding items of these order numbers")
	fs.StringVar(&f.sort, "sort", "created", "sort by created or code")
	fs.BoolVar(&f.desc, "desc", false, "newest (or highest code) first")
	f.dates.registerDates(fs)
	_ = cmd.RegisterFlagCompletionFunc("type", cobra.FixedCompletions(manifestTypes, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("status", cobra.FixedCompletions(manifestStatuses, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("sort", cobra.FixedCompletions([]string{"created", "code"}, cobra.ShellCompDirectiveNoFileComp))
}

// params turns the filter into list parameters, refusing values the API
// would refuse.
func (f *manifestFilter) params(c *cli) (gen.ListManifestsParams, error) {
	dates, err := f.dates.params(c)
	if err != nil {
		return gen.ListManifestsParams{}, err
	}
	p := gen.ListManifestsParams{DateStart: dates.DateStart, DateEnd: dates.DateEnd, ManifestCodes: trimmed(f.codes), OrderNumbers: trimmed(f.numbers)}
	if typ := gen.ManifestType(strings.ToLower(strings.TrimSpace(f.typ))); typ != "" {
		if !typ.Valid() {
			return p, usagef("--type %q is not a manifest type; use %s", f.typ, strings.Join(manifestTypes, " or "))
		}
		p.Type = typ
	}
	if s := gen.ManifestStatus(strings.ToLower(strings.TrimSpace(f.status))); s != "" {
		if !s.Valid() {
			return p, usagef("--status %q is not a manifest status; use one of %s", f.status, strings.Join(manifestStatuses, ", "))
		}
		p.Status = s
	}
	sort, ok := manifestSorts[strings.ToLower(strings.TrimSpace(f.sort))]
	if !ok {
		return p, usagef("--sort %q: use created or code", f.sort)
	}
	p.Sort = sort
	if f.desc {
		p.SortDir = gen.SortDirectionDesc
	}
	for _, id := range f.items {
		if id <= 0 {
			return p, usagef("--item %d is not a positive whole number", id)
		}
	}
	p.OrderItemIds = f.items
	return p, nil
}

// trimmed drops blank values and the spaces around the others.
func trimmed(values []string) []string {
	var out []string
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func (c *cli) manifestsListCommand() *cobra.Command {
	var (
		f     manifestFilter
		limit int
		all   bool
	)
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List manifests, oldest first",
		Long: `List manifests, oldest first. Without --all it shows the first --limit
manifests and says on stderr when more follow; --all walks every page.`,
		Example: `  sellercenter manifests list
  sellercenter manifests list --status forward_ready_to_ship --item 5011 -o json
  sellercenter manifests list --type forward --sort code --desc --all`,
		Args: cobra.NoArgs,
		RunE: c.action(func(ctx context.Context, _ []string) error {
			params, err := f.params(c)
			if err != nil {
				return err
			}
			if limit < 1 {
				return usagef("--limit must be at least 1, not %d", limit)
			}
			client, err := c.api()
			if err != nil {
				return err
			}
			l := newList(c, manifestHeader, c.manifestRow)
			if all {
				for m, err := range counted(c, "manifests", client.Manifests(ctx, params)) {
					if err != nil {
						return l.abort(err)
					}
					if err := l.add(m); err != nil {
						return err
					}
				}
				return l.close()
			}
			params.Limit = c.clampLimit(limit, maxPageLimit)
			page, err := sellercenter.Result(client.ListManifestsWithResponse(ctx, &params))
			if err != nil {
				return err
			}
			if err := printList(c, page.Items, manifestHeader, c.manifestRow); err != nil {
				return err
			}
			if page.Pagination.HasNext {
				moreFollow(c.stderr, len(page.Items), "manifests")
			}
			return nil
		}),
	}
	f.register(cmd)
	cmd.Flags().IntVar(&limit, "limit", defaultListLimit, "how many manifests to show")
	cmd.Flags().BoolVar(&all, "all", false, "show every manifest, page after page")
	cmd.MarkFlagsMutuallyExclusive("all", "limit")
	return cmd
}

var manifestHeader = []string{"ID", "CODE", "TYPE", "STATUS", "CARRIER", "TRACKING", "ITEMS", "PACKAGES", "CREATED"}

func (c *cli) manifestRow(m gen.Manifest) []string {
	return []string{idText(m.ManifestId), m.ManifestCode, string(m.Type), string(m.Status), m.ShipmentProvider,
		m.TrackingCode, manifestItemIDs(m.OrderItems), strconv.Itoa(m.PackagesCount), c.when(m.CreatedAt)}
}

// manifestItemIDs shows the order items of a manifest as "5009, 5010".
func manifestItemIDs(items []gen.ManifestOrderItem) string {
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = strconv.Itoa(it.OrderItemId)
	}
	return strings.Join(ids, ", ")
}

func (c *cli) manifestsGetCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "get MANIFEST_ID",
		Short:   "Show one manifest",
		Example: "  sellercenter manifests get 68",
		Args:    cobra.ExactArgs(1),
		RunE: c.action(func(ctx context.Context, args []string) error {
			id, err := parseID("manifest id", args[0])
			if err != nil {
				return err
			}
			client, err := c.api()
			if err != nil {
				return err
			}
			m, err := sellercenter.Result(client.GetManifestWithResponse(ctx, id))
			if err != nil {
				return err
			}
			actions := make([]string, len(m.Actions))
			for i, a := range m.Actions {
				actions[i] = string(a)
			}
			return c.printObject(m, func(w io.Writer) error {
				return printFields(w,
					"ID", idText(m.ManifestId),
					"Code", m.ManifestCode,
					"Type", string(m.Type),
					"Status", string(m.Status),
					"Carrier", m.ShipmentProvider,
					"Tracking", m.TrackingCode,
					"Items", manifestItemIDs(m.OrderItems),
					"Packages", strconv.Itoa(m.PackagesCount),
					"Created", c.when(m.CreatedAt),
					"Next", strings.Join(actions, ", "),
				)
			})
		}),
	}
}

var manifestResultHeader = []string{"ID", "CODE", "TYPE", "STATUS", "CARRIER ID", "TRACKING", "ITEMS", "CREATED"}

func (c *cli) manifestResultRow(m gen.ManifestResult) []string {
	return []string{idText(m.ManifestId), m.ManifestCode, string(m.Type), string(m.Status), idText(m.ShipmentProviderId),
		m.TrackingCode, manifestItemIDs(m.OrderItems), c.when(m.CreatedAt)}
}

func (c *cli) manifestsCreateCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "create ITEM_ID...",
		Short: "Put ready-to-ship or shipped items of one carrier into a new forward manifest",
		Long: `Put ready-to-ship or shipped items of one carrier into a new forward manifest.
The items must be in no other manifest; the instance must have the manifest
feature.

` + itemArgsHelp,
		Example: `  sellercenter manifests create 5009 5010
  echo 5035 | sellercenter manifests create - -o json`,
		Args: cobra.MinimumNArgs(1),
		RunE: c.action(func(ctx context.Context, args []string) error {
			ids, err := c.itemIDs(args)
			if err != nil {
				return err
			}
			client, err := c.api()
			if err != nil {
				return err
			}
			resp, err := client.CreateManifestWithResponse(ctx, gen.OrderItemIds{OrderItemIds: ids})
			if err := sellercenter.Check(resp, err); err != nil {
				return failedWrite(err, "the manifest may have been made: look for the items with 'sellercenter manifests list --item' before trying again")
			}
			if resp.JSON201 == nil {
				return fmt.Errorf("sellercenter: creating the manifest: the API answered %d without the manifest", resp.StatusCode())
			}
			m := *resp.JSON201
			return c.printObject(m, func(w io.Writer) error {
				if err := writeRow(w, manifestResultHeader...); err != nil {
					return err
				}
				return writeRow(w, c.manifestResultRow(m)...)
			})
		}),
	}
}

// manifestIDArgs reads MANIFEST_ID arguments; one given twice is refused
// rather than sent twice.
func manifestIDArgs(args []string) ([]int, error) {
	ids := make([]int, 0, len(args))
	for _, a := range args {
		id, err := parseID("manifest id", a)
		if err != nil {
			return nil, err
		}
		if slices.Contains(ids, id) {
			return nil, usagef("manifest id %d is given twice", id)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

func (c *cli) manifestsShipCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "ship MANIFEST_ID...",
		Short: "Mark manifests as handed to their carrier; their ready-to-ship items become shipped",
		Example: `  sellercenter manifests ship 68
  sellercenter manifests ship 68 -o json`,
		Args: cobra.MinimumNArgs(1),
		RunE: c.action(func(ctx context.Context, args []string) error {
			ids, err := manifestIDArgs(args)
			if err != nil {
				return err
			}
			client, err := c.api()
			if err != nil {
				return err
			}
			shipped, err := sellercenter.Result(client.SetManifestsShippedWithResponse(ctx, gen.ManifestIds{ManifestIds: ids}))
			if err != nil {
				return failedWrite(err, "the manifests may have been shipped: check them with 'sellercenter manifests get' before trying again")
			}
			return printList(c, *shipped, manifestResultHeader, c.manifestResultRow)
		}),
	}
}

func (c *cli) manifestsDocumentCommand() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "document MANIFEST_CODE",
		Short: "Write a manifest's printable page (HTML) to stdout or a file",
		Long: `Write a manifest's printable page to stdout, or to --out (readable by its owner
only: a manifest names orders; written whole or not at all). The API sends the page base64-encoded; with
-o json or jsonl the API's answer is printed as it came instead.`,
		Example: `  sellercenter manifests document my-4231
  sellercenter manifests document my-4231 -o json`,
		Args: cobra.ExactArgs(1),
		RunE: c.action(func(ctx context.Context, args []string) error {
			code := strings.TrimSpace(args[0])
			if code == "" {
				return usagef("MANIFEST_CODE must not be blank")
			}
			path, err := checkOut(out, false)
			if err != nil {
				return err
			}
			client, err := c.api()
			if err != nil {
				return err
			}
			doc, err := sellercenter.Result(client.GetManifestDocumentWithResponse(ctx, &gen.GetManifestDocumentParams{ManifestCode: code}))
			if err != nil {
				return err
			}
			if c.output != formatTable {
				return c.printObject(doc, nil)
			}
			page, err := decodeBase64(doc.File)
			if err != nil {
				return fmt.Errorf("sellercenter: the document of manifest %s is not base64: %w", code, err)
			}
			if path == "" {
				path = stdoutPath
			}
			if err := c.writeOut(path, page); err != nil {
				return err
			}
			if path != stdoutPath {
				fmt.Fprintf(c.stderr, "sellercenter: wrote the %s document of manifest %s to %s\n", doc.MimeType, code, path)
			}
			return nil
		}),
	}
	cmd.Flags().StringVar(&out, "out", "", outFlagUsage("file", false)+" (the default)")
	_ = cmd.MarkFlagFilename("out", "html")
	return cmd
}

// decodeBase64 reads standard base64 with or without its padding; the
// vendor's own example of a document is not always padded.
func decodeBase64(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if b, err := base64.StdEncoding.DecodeString(s); err == nil {
		return b, nil
	}
	return base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
}

// manifestExport is what `manifests export` prints when the file is written.
type manifestExport struct {
	ExportItemID int    `json:"exportItemId"`
	File         string `json:"file"`
	Bytes        int    `json:"bytes"`
}

func (c *cli) manifestsExportCommand() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "export MANIFEST_ID... --out FILE.pdf|-",
		Short: "Export manifests' documents as one PDF, wait for it and download it",
		Long: `Export manifests' documents as one PDF: start the export job, wait for it
(stderr says so; on a terminal it shows the job's state) and write the file
to --out, readable by its owner only and written whole or not at all (--out -
writes it to stdout, which then holds the PDF and nothing else). Stopping the wait leaves the job
running: 'sellercenter' prints its id, and SellerCenter lists it under exports.`,
		Example: "  sellercenter manifests export 68 --out manifests.pdf",
		Args:    cobra.MinimumNArgs(1),
		RunE: c.action(func(ctx context.Context, args []string) error {
			ids, err := manifestIDArgs(args)
			if err != nil {
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
			resp, err := client.ExportManifestsWithResponse(ctx, gen.ManifestIds{ManifestIds: ids})
			if err := sellercenter.Check(resp, err); err != nil {
				return failedWrite(err, "the export may have started: look for it in SellerCenter's exports before trying again")
			}
			if resp.JSON201 == nil || resp.JSON201.ExportItemId == 0 {
				return fmt.Errorf("sellercenter: the API answered %d to the export without naming its job", resp.StatusCode())
			}
			job := *resp.JSON201
			content, err := c.waitAndDownload(ctx, client, job)
			if err != nil {
				return err
			}
			if err := c.writeOut(path, content); err != nil {
				return err
			}
			res := manifestExport{ExportItemID: job.ExportItemId, File: path, Bytes: len(content)}
			return c.printWritten(path, res, fmt.Sprintf("Exported manifests %s to %s (%s)", strings.Join(args, ", "), outName(path), count(len(content), "byte", "bytes")))
		}),
	}
	cmd.Flags().StringVar(&out, "out", "", outFlagUsage("PDF file", true))
	_ = cmd.MarkFlagRequired("out")
	_ = cmd.MarkFlagFilename("out", "pdf")
	return cmd
}

// waitAndDownload polls an export job until its file is ready, with the
// waits of feeds, and returns the file's bytes.
func (c *cli) waitAndDownload(ctx context.Context, client *sellercenter.Client, job gen.ExportJob) ([]byte, error) {
	fmt.Fprintf(c.stderr, "sellercenter: waiting for export %d (stopping the wait leaves it running)\n", job.ExportItemId)
	bar := c.newProgress()
	defer bar.clear()
	interval := max(c.feedWait.Interval, time.Millisecond)
	for poll := 2; ; poll++ {
		x, err := sellercenter.Result(client.GetExportWithResponse(ctx, job.ExportItemId))
		if err != nil {
			return nil, annotate(err, "export %d runs on without the tool", job.ExportItemId)
		}
		bar.draw(fmt.Sprintf("export %d: %s, %s", job.ExportItemId, x.Status, c.now().Sub(bar.start).Round(time.Second)))
		switch x.Status {
		case gen.ExportItemStatusFinished:
			file, err := client.DownloadFileWithResponse(ctx, job.Uuid)
			if err := sellercenter.Check(file, err); err != nil {
				return nil, annotate(err, "export %d is finished but its file %s could not be downloaded", job.ExportItemId, job.Uuid)
			}
			return file.Body, nil
		case gen.ExportItemStatusError, gen.ExportItemStatusExpired:
			return nil, fmt.Errorf("sellercenter: export %d ended %s: %s", job.ExportItemId, x.Status, cell(x.Note))
		}
		c.reportWait(sellercenter.Wait{Reason: sellercenter.WaitPoll, Delay: interval, Attempt: poll,
			Subject: fmt.Sprintf("export %d", job.ExportItemId), State: string(x.Status)})
		select {
		case <-ctx.Done():
			return nil, annotate(ctx.Err(), "stopped waiting for export %d, which runs on", job.ExportItemId)
		case <-time.After(interval):
		}
		interval = min(2*interval, max(c.feedWait.MaxInterval, interval))
	}
}
