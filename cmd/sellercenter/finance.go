package main

import (
	"context"
	"encoding/csv"
	"iter"
	"slices"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/internal/oneline"
)

// formatCSV is the -o of the finance lists: comma-separated values for a
// spreadsheet or an accounting import, amounts exactly as the API sent them.
const formatCSV = "csv"

// csvAnnotation marks a command that accepts -o csv.
const csvAnnotation = "sellercenter/csv"

// writesCSV reports whether cmd accepts -o csv.
func writesCSV(cmd *cobra.Command) bool {
	return cmd != nil && cmd.Annotations[csvAnnotation] != ""
}

// formatsFor lists the -o values cmd accepts.
func formatsFor(cmd *cobra.Command) []string {
	if writesCSV(cmd) {
		return append(slices.Clone(formats), formatCSV)
	}
	return formats
}

func (c *cli) financeCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "finance",
		Short: "List account statements and finance transactions, with exact amounts",
		Long: `List account statements and the transactions booked on them. Amounts are
printed exactly as the API sent them (never through a float), and -o csv
writes them for a spreadsheet or an accounting import.`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(c.financeStatementsCommand(), c.financeTransactionsCommand())
	return cmd
}

var statementHeader = []string{"ID", "NUMBER", "COUNTRY", "START", "END", "OPENING", "CLOSING", "PAYOUT", "CURRENCY", "PAID"}

func (c *cli) statementRow(s gen.FinanceStatement) []string {
	return []string{
		strconv.Itoa(s.Id), s.Number, s.Country, c.when(s.StartDate), c.when(s.EndDate),
		s.OpeningBalance.String(), s.ClosingBalance.String(), s.PayoutAmount.String(), s.Currency, yesNo(s.Paid),
	}
}

func (c *cli) financeStatementsCommand() *cobra.Command {
	var (
		country      string
		paid, unpaid bool
	)
	cmd := &cobra.Command{
		Use:   "statements",
		Short: "List account statements, newest first",
		Long: `List every account statement, newest first: the closed ones and the open one of
each country (id 0), with opening and closing balance and payout.`,
		Example: `  sellercenter finance statements
  sellercenter finance statements --country MY --paid -o csv`,
		Annotations: map[string]string{csvAnnotation: "yes"},
		Args:        cobra.NoArgs,
		RunE: c.action(func(ctx context.Context, _ []string) error {
			if paid && unpaid {
				return usagef("--paid and --unpaid cannot be combined: leave both out for every statement")
			}
			params := gen.ListStatementsParams{Country: country,
				Sort: gen.ListStatementsParamsSortStartDate, SortDir: gen.ListStatementsParamsSortDirDesc}
			if paid || unpaid {
				params.Paid = &paid
			}
			client, err := c.api()
			if err != nil {
				return err
			}
			return printFinance(c, counted(c, "statements", client.Statements(ctx, params)), statementHeader, c.statementRow)
		}),
	}
	cmd.Flags().StringVar(&country, "country", "", "only statements of this country, such as MY")
	cmd.Flags().BoolVar(&paid, "paid", false, "only statements that are paid out")
	cmd.Flags().BoolVar(&unpaid, "unpaid", false, "only statements not paid out yet")
	return cmd
}

var transactionHeader = []string{"DATE", "NUMBER", "TYPE", "GROUP", "ORDER", "ITEM", "AMOUNT", "VAT", "WHT", "CURRENCY", "STATEMENT"}

func (c *cli) transactionRow(tx gen.FinanceTransaction) []string {
	return []string{
		c.when(tx.Date), tx.Number, tx.TypeName, tx.GroupName, tx.OrderNumber, idText(tx.OrderItemId),
		tx.Amount.String(), tx.VatAmount.String(), tx.WhtAmount.String(), tx.Currency, strconv.Itoa(tx.StatementId),
	}
}

// periodBound reads a --from or --to value: a date-time with its zone, or
// a date, which stands for the start (from) or the end (to) of that day in
// UTC. The finance filters take date-times only, so a date is sent as one.
func (c *cli) periodBound(flag, v string, end bool) (datetime.Time, error) {
	t, err := c.parseDate("--"+flag, v)
	if err != nil || t == nil {
		return datetime.Time{}, err
	}
	if t.IsDate() {
		day := t.Time
		if end {
			day = day.Add(24*time.Hour - time.Second)
		}
		return datetime.New(day), nil
	}
	return *t, nil
}

func (c *cli) financeTransactionsCommand() *cobra.Command {
	var (
		from, to   string
		country    string
		statements []int
	)
	cmd := &cobra.Command{
		Use:   "transactions",
		Short: "List finance transactions of a period, oldest first",
		Long: `List every finance transaction booked between --from and --to (both
included; a date means the whole day in UTC), page after page. Amounts are
printed exactly as the API sent them.`,
		Example: `  sellercenter finance transactions --from 2024-10-01 --to 2024-10-31
  sellercenter finance transactions --from 2024-10-01 --to 2024-10-31 -o csv > october.csv`,
		Annotations: map[string]string{csvAnnotation: "yes"},
		Args:        cobra.NoArgs,
		RunE: c.action(func(ctx context.Context, _ []string) error {
			start, err := c.periodBound("from", from, false)
			if err != nil {
				return err
			}
			end, err := c.periodBound("to", to, true)
			if err != nil {
				return err
			}
			if !start.IsZero() && !end.IsZero() && end.Before(start.Time) {
				return usagef("--to (%s) is before --from (%s)", to, from)
			}
			params := gen.ListTransactionsParams{
				StartDate: start, EndDate: end, Country: country, StatementIds: statements,
				Sort: gen.ListTransactionsParamsSortDate, SortDir: gen.ListTransactionsParamsSortDirAsc,
			}
			client, err := c.api()
			if err != nil {
				return err
			}
			return printFinance(c, counted(c, "transactions", client.Transactions(ctx, params)), transactionHeader, c.transactionRow)
		}),
	}
	cmd.Flags().StringVar(&from, "from", "", "first day (or moment, with its zone) of the period, such as 2024-10-01")
	cmd.Flags().StringVar(&to, "to", "", "last day (or moment, with its zone) of the period, such as 2024-10-31")
	cmd.Flags().StringVar(&country, "country", "", "only transactions of this country, such as MY")
	cmd.Flags().IntSliceVar(&statements, "statement", nil, "only transactions of these statements (0 is the open one); repeat or separate with commas")
	return cmd
}

// printFinance prints every entry of a walk as it arrives, in c's format.
func printFinance[T any](c *cli, entries iter.Seq2[T, error], header []string, row func(T) []string) error {
	l := newFinanceList(c, header, row)
	for v, err := range entries {
		if err != nil {
			return l.abort(err)
		}
		if err := l.add(v); err != nil {
			return err
		}
	}
	return l.close()
}

// financeList prints a finance list as a listPrinter does, or as CSV: a
// header line, then one record per entry, amounts as the API wrote them.
type financeList[T any] struct {
	list   *listPrinter[T]
	header []string
	row    func(T) []string
	csv    *csv.Writer
	n      int
}

func newFinanceList[T any](c *cli, header []string, row func(T) []string) *financeList[T] {
	if c.output == formatCSV {
		return &financeList[T]{header: header, row: row, csv: csv.NewWriter(c.stdout)}
	}
	return &financeList[T]{list: newList(c, header, row)}
}

// add prints one entry.
func (f *financeList[T]) add(v T) error {
	if f.csv == nil {
		return f.list.add(v)
	}
	if f.n == 0 {
		if err := f.csv.Write(f.header); err != nil {
			return err
		}
	}
	f.n++
	cells := f.row(v)
	for i, s := range cells {
		// One record per line, whatever the API's text holds.
		cells[i] = oneline.Clean(s)
	}
	return f.csv.Write(cells)
}

// close ends the list; an empty CSV list is its header alone.
func (f *financeList[T]) close() error {
	if f.csv == nil {
		return f.list.close()
	}
	if f.n == 0 {
		if err := f.csv.Write(f.header); err != nil {
			return err
		}
	}
	f.csv.Flush()
	return f.csv.Error()
}

// abort ends a list that failed part way with err, which it returns; the
// records already received are written.
func (f *financeList[T]) abort(err error) error {
	if f.csv == nil {
		return f.list.abort(err)
	}
	f.csv.Flush()
	return err
}
