package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/internal/oneline"
)

// feedWait is how the tool polls an import's feed: from one second up to
// ten, closer than the library's default since someone is watching.
var feedWait = sellercenter.FeedWait{Interval: time.Second, MaxInterval: 10 * time.Second}

// importKinds are the values of import products --kind, in help order.
var importKinds = []struct {
	name string
	kind sellercenter.ImportKind
	help string
}{
	{"update", sellercenter.ImportProductUpdates, "change existing products (the default)"},
	{"create", sellercenter.ImportNewProducts, "create products"},
	{"stock", sellercenter.ImportStockUpdates, "set stock quantities"},
	{"images", sellercenter.ImportImageUpdates, "replace product images"},
	{"remove", sellercenter.ImportProductRemovals, "delete products"},
}

func importKindNames() []string {
	out := make([]string, len(importKinds))
	for i, k := range importKinds {
		out[i] = k.name
	}
	return out
}

func (c *cli) importCommand() *cobra.Command {
	return groupCommand("import", "Upload catalog files and wait for them to be applied", c.importProductsCommand())
}

func (c *cli) importProductsCommand() *cobra.Command {
	var kind string
	var kindHelp []string
	for _, k := range importKinds {
		kindHelp = append(kindHelp, fmt.Sprintf("  %-7s %s", k.name, k.help))
	}
	cmd := &cobra.Command{
		Use:   "products FILE",
		Short: "Upload a CSV or XLSX product file and wait for it to be applied",
		Long: `Upload a CSV or XLSX product file (the .csv or .xlsx extension says which),
wait for SellerCenter to apply it, and print the outcome: the feed's status
and every row error and warning. The exit code is 1 when any row failed.
--kind says what the file does:

` + strings.Join(kindHelp, "\n") + `

The columns are those of SellerCenter's import templates (SellerSku in every
file; see 'sellercenter attributes' for the attribute columns). The upload is
never sent twice: when the tool stops before the feed ends, the feed still
runs, so check it in SellerCenter rather than uploading the file again. On a
terminal, stderr shows the feed's state while waiting.`,
		Example: `  printf 'SellerSku,Price\nBTK-KWG-BL-M,129.90\n' > prices.csv
  sellercenter import products prices.csv
  printf 'SellerSku,Quantity\nBTK-KWG-BL-M,12\n' > stock.csv
  sellercenter import products --kind stock stock.csv -o json`,
		Args: cobra.ExactArgs(1),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return []string{"csv", "xlsx"}, cobra.ShellCompDirectiveFilterFileExt
		},
		RunE: c.action(func(ctx context.Context, args []string) error {
			k, err := importKind(kind)
			if err != nil {
				return err
			}
			path := args[0]
			f, err := openImportFile(path)
			if err != nil {
				return err
			}
			defer f.Close()
			client, err := c.api()
			if err != nil {
				return err
			}
			report, err := c.importFile(ctx, client, k, path, f)
			var feedErr *sellercenter.FeedError
			if err != nil && !errors.As(err, &feedErr) {
				return err
			}
			if perr := c.printObject(report, func(w io.Writer) error { return feedTable(w, path, report) }); perr != nil {
				return perr
			}
			return err
		}),
	}
	cmd.Flags().StringVar(&kind, "kind", "update", "what the file does: "+strings.Join(importKindNames(), ", "))
	_ = cmd.RegisterFlagCompletionFunc("kind", cobra.FixedCompletions(importKindNames(), cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func importKind(s string) (sellercenter.ImportKind, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, k := range importKinds {
		if k.name == s {
			return k.kind, nil
		}
	}
	return "", usagef("--kind %q is not an import kind; use one of %s", s, strings.Join(importKindNames(), ", "))
}

// openImportFile opens the file to upload, refusing what the API would
// refuse before anything is sent.
func openImportFile(path string) (*os.File, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".xlsx":
	default:
		return nil, usagef("%s is not a .csv or .xlsx file", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, usagef("cannot read %s: %v", path, errors.Unwrap(err))
	}
	fi, err := f.Stat()
	switch {
	case err != nil:
		f.Close()
		return nil, fmt.Errorf("sellercenter: cannot read %s: %w", path, err)
	case fi.IsDir():
		f.Close()
		return nil, usagef("%s is a directory", path)
	case fi.Size() == 0:
		f.Close()
		return nil, usagef("%s is empty", path)
	}
	return f, nil
}

// importFile uploads file and waits for its feed to end. A feed with row
// errors, or that ended in Error or Canceled, returns its report and an
// error wrapping the *sellercenter.FeedError.
func (c *cli) importFile(ctx context.Context, client *sellercenter.Client, kind sellercenter.ImportKind, path string, file io.Reader) (gen.FeedReport, error) {
	name := filepath.Base(path)
	accepted, err := client.Import(ctx, kind, path, file)
	switch {
	case errors.Is(err, sellercenter.ErrImportFile):
		return gen.FeedReport{}, err // nothing was sent
	case err != nil:
		return gen.FeedReport{}, failedWrite(err, "the upload may have started a feed: check the feeds in SellerCenter before uploading "+name+" again")
	}
	uuid := strings.TrimSpace(accepted.FeedUuid)
	if uuid == "" {
		return gen.FeedReport{}, fmt.Errorf("sellercenter: the API accepted %s without naming its feed (message %q); check the feeds in SellerCenter before uploading it again",
			name, oneline.Clean(accepted.Message))
	}
	report, err := c.pollFeed(ctx, client, uuid, "importing "+cell(name)+": ")
	var feedErr *sellercenter.FeedError
	switch {
	case errors.As(err, &feedErr):
		status := "unknown"
		if report.Status != "" {
			status = string(report.Status)
		}
		msg := fmt.Sprintf("import of %s (feed %s) ended %s", name, uuid, status)
		if n := failedRows(report); n > 0 {
			msg += " with errors in " + count(n, "row", "rows")
		}
		return report, &annotated{err: err, msg: "sellercenter: " + msg}
	case err != nil:
		return report, annotate(err, "%s was uploaded as feed %s, which runs on without the tool: do not upload it again; follow it with 'sellercenter feeds wait %s'", name, uuid, uuid)
	}
	return report, nil
}

// failedRows counts the rows with errors; a row may have several.
func failedRows(r gen.FeedReport) int {
	rows := map[string]bool{}
	for i, e := range r.Errors {
		id := e.ItemId
		if id == "" {
			id = "#" + strconv.Itoa(i) // no row id: count each error
		}
		rows[id] = true
	}
	return len(rows)
}

// feedTable prints a feed report: its state, then its row errors and
// warnings.
func feedTable(w io.Writer, path string, r gen.FeedReport) error {
	errs, warns := r.Errors, r.Warnings
	var file []string
	if path != "" {
		file = []string{"File", filepath.Base(path)}
	}
	if err := printFields(w, append(file,
		"Feed", r.Id,
		"Action", string(r.Action),
		"Status", string(r.Status),
		"Failed rows", strconv.Itoa(failedRows(r)),
		"Warnings", strconv.Itoa(len(warns)),
	)...); err != nil {
		return err
	}
	if len(errs)+len(warns) == 0 {
		return nil
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return err
	}
	rows := fileRows(path)
	if err := writeRow(w, "ROW", "SKU", "FIELD", "SEVERITY", "CODE", "MESSAGE"); err != nil {
		return err
	}
	for _, e := range errs {
		if err := writeRow(w, rowText(rows, e.SellerSku), e.SellerSku, e.FieldName, "error", idText(e.ErrorCode), e.ErrorMessage); err != nil {
			return err
		}
	}
	for _, e := range warns {
		if err := writeRow(w, rowText(rows, e.SellerSku), e.SellerSku, e.FieldName, "warning", "", e.Message); err != nil {
			return err
		}
	}
	return nil
}

// count is n with the noun in the number it takes.
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
