package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
)

func (c *cli) feedsCommand() *cobra.Command {
	return groupCommand("feeds", "List import feeds, show one, or wait for one to end",
		c.feedsListCommand(), c.feedsGetCommand(), c.feedsWaitCommand())
}

func (c *cli) feedsListCommand() *cobra.Command {
	page := pageLimit{what: "feeds"}
	var cmd *cobra.Command
	cmd = &cobra.Command{
		Use:   "list",
		Short: "List import feeds, newest first",
		Long: `List the seller's import feeds, newest first, with their row counts. The API
lists feeds by numeric id; their UUIDs, which 'feeds get' and 'feeds wait'
take, are those 'sellercenter import' prints.`,
		Example: `  sellercenter feeds list
  sellercenter feeds list --all -o jsonl`,
		Args: cobra.NoArgs,
		RunE: c.action(func(ctx context.Context, _ []string) error {
			if err := page.check(cmd); err != nil {
				return err
			}
			client, err := c.api()
			if err != nil {
				return err
			}
			params := gen.ListFeedsParams{Limit: min(page.pageSize(), sellercenter.MaxFeedPageSize)}
			if page.all {
				params.Limit = 0 // the library's default, the API's largest page
			}
			l := newList(c, []string{"ID", "ACTION", "STATUS", "SOURCE", "ROWS", "PROCESSED", "FAILED", "CREATED"}, func(f gen.Feed) []string {
				return []string{idText(f.Id), string(f.Action), string(f.Status), f.Source, strconv.Itoa(f.TotalRecords),
					strconv.Itoa(f.ProcessedRecords), strconv.Itoa(f.FailedRecords), c.when(f.CreatedAt)}
			})
			return printPaged(c, l, &page, client.Feeds(ctx, params))
		}),
	}
	page.register(cmd)
	return cmd
}

func (c *cli) feedsGetCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "get UUID",
		Short: "Show a feed's status with its row errors and warnings",
		Example: `  sellercenter feeds get ` + feedWithErrorsUUID + `
  sellercenter feeds get ` + feedExampleUUID + ` -o json`,
		Args: cobra.ExactArgs(1),
		RunE: c.action(func(ctx context.Context, args []string) error {
			uuid, err := feedUUID(args[0])
			if err != nil {
				return err
			}
			client, err := c.api()
			if err != nil {
				return err
			}
			report, err := sellercenter.Result(client.GetFeedStatusWithResponse(ctx, uuid))
			if err != nil {
				return err
			}
			return c.printObject(report, func(w io.Writer) error { return feedTable(w, "", *report) })
		}),
	}
}

func (c *cli) feedsWaitCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "wait UUID",
		Short: "Wait for a feed to end and show its outcome",
		Long: `Wait for a feed to end (Finished, Error or Canceled), polling less often as
time goes by, and show its outcome as 'feeds get' does; on a terminal, stderr
shows the feed's state while waiting. The exit code is 1 when the feed ended
in Error or Canceled or any row failed. Use it to follow an import the tool
stopped waiting for: the feed runs on without it.`,
		Example: `  sellercenter feeds wait ` + feedExampleUUID,
		Args:    cobra.ExactArgs(1),
		RunE: c.action(func(ctx context.Context, args []string) error {
			uuid, err := feedUUID(args[0])
			if err != nil {
				return err
			}
			client, err := c.api()
			if err != nil {
				return err
			}
			report, err := c.pollFeed(ctx, client, uuid, "")
			var feedErr *sellercenter.FeedError
			if err != nil && !errors.As(err, &feedErr) {
				return err
			}
			if perr := c.printObject(report, func(w io.Writer) error { return feedTable(w, "", report) }); perr != nil {
				return perr
			}
			if feedErr != nil {
				msg := fmt.Sprintf("sellercenter: feed %s ended %s", uuid, cmp.Or(string(report.Status), "unknown"))
				if n := failedRows(report); n > 0 {
					msg += " with errors in " + count(n, "row", "rows")
				}
				return &annotated{err: err, msg: msg}
			}
			return nil
		}),
	}
}

// Feeds of the built-in mock's seed, for the examples (which the tests
// run): a finished stock update, and a product update with a row error.
const (
	feedExampleUUID    = "5e11e0c6-0000-4008-8006-00000000008d"
	feedWithErrorsUUID = "5e11e0c6-0000-4009-8006-000000000091"
)

// pollFeed waits for feed uuid to end, showing its state on a terminal
// after prefix (which names what waits).
func (c *cli) pollFeed(ctx context.Context, client *sellercenter.Client, uuid, prefix string) (gen.FeedReport, error) {
	bar := c.newProgress()
	wait := c.feedWait
	wait.OnPoll = func(r gen.FeedReport) {
		bar.draw(fmt.Sprintf("%sfeed %s %s, %s", prefix, uuid, cmp.Or(string(r.Status), "waiting"), c.now().Sub(bar.start).Round(time.Second)))
	}
	report, err := client.WaitForFeed(ctx, uuid, wait)
	bar.clear()
	return report, err
}

// feedUUID checks the form of a feed UUID before anything is sent.
func feedUUID(s string) (string, error) {
	s = strings.TrimSpace(s)
	if len(s) != 36 || strings.Count(s, "-") != 4 || strings.Trim(strings.ToLower(s), "0123456789abcdef-") != "" {
		return "", usagef("%q is not a feed UUID (such as %s; 'sellercenter import' prints it)", s, feedExampleUUID)
	}
	return s, nil
}
