package main

import (
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"github.com/sellercenter-go/sellercenter/gen"
	decimal "github.com/sellercenter-go/sellercenter/money"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// octoberFirstWeek is a period of the demo data with both sales and their
// commissions, stable whatever today is.
var octoberFirstWeek = []string{"--from", "2024-10-01", "--to", "2024-10-05"}

func TestFinanceGolden(t *testing.T) {
	t.Parallel()
	env := envFor(newMock(t, sellercentertest.Config{}))
	tests := []struct {
		name string
		args []string
	}{
		// Open statements are of the current month; the paid one is fixed.
		{"finance-statements-paid.table", []string{"finance", "statements", "--paid"}},
		{"finance-statements-paid.csv", []string{"finance", "statements", "--paid", "-o", "csv"}},
		{"finance-transactions.table", append([]string{"finance", "transactions"}, octoberFirstWeek...)},
		{"finance-transactions.csv", append([]string{"finance", "transactions", "-o", "csv"}, octoberFirstWeek...)},
		{"finance-transactions.jsonl", append([]string{"finance", "transactions", "-o", "jsonl"}, octoberFirstWeek...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := runTool(t, invocation{env: env}, tt.args...)
			wantCode(t, tt.args, res, exitOK)
			if res.stderr != "" {
				t.Errorf("sellercenter %s stderr = %q, want none", strings.Join(tt.args, " "), res.stderr)
			}
			compareGolden(t, tt.name, res.stdout)
		})
	}
}

// TestFinanceCSVIsExact reads the CSV of a whole statement back: every
// amount is the API's text, and they add up, exactly, to the statement's
// closing balance.
func TestFinanceCSVIsExact(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	var closed gen.FinanceStatement
	for _, s := range srv.Statements() {
		if s.Id != 0 {
			closed = s
		}
	}
	args := []string{"finance", "transactions", "--statement", strconv.Itoa(closed.Id), "-o", "csv"}
	res := runTool(t, invocation{env: envFor(srv)}, args...)
	wantCode(t, args, res, exitOK)
	records, err := csv.NewReader(strings.NewReader(res.stdout)).ReadAll()
	if err != nil || len(records) < 2 {
		t.Fatalf("sellercenter %s = %d records, %v; want a header and transactions", strings.Join(args, " "), len(records), err)
	}
	col := func(name string) int {
		for i, h := range records[0] {
			if h == name {
				return i
			}
		}
		t.Fatalf("CSV header %v lacks %s", records[0], name)
		return -1
	}
	amountCol, numberCol := col("AMOUNT"), col("NUMBER")
	byNumber := map[string]gen.FinanceTransaction{}
	for _, tx := range srv.Transactions() {
		byNumber[tx.Number] = tx
	}
	values := []decimal.Amount{closed.OpeningBalance}
	for _, r := range records[1:] {
		a, err := decimal.Parse(r[amountCol])
		if err != nil {
			t.Fatalf("CSV amount %q: %v", r[amountCol], err)
		}
		if want := byNumber[r[numberCol]].Amount.String(); r[amountCol] != want {
			t.Errorf("CSV amount of %s = %q, want the API's %q", r[numberCol], r[amountCol], want)
		}
		values = append(values, a)
	}
	if got := decimal.Sum(values...); got.Cmp(closed.ClosingBalance) != 0 {
		t.Errorf("opening %s + CSV amounts = %s, want the closing balance %s", closed.OpeningBalance, got, closed.ClosingBalance)
	}
}

func TestFinanceUsageErrors(t *testing.T) {
	t.Parallel()
	env := envFor(newMock(t, sellercentertest.Config{}))
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"finance", "statements", "--paid", "--unpaid"}, "--paid and --unpaid cannot be combined"},
		{[]string{"finance", "transactions", "--from", "01/10/2024"}, `--from must be a date such as 2024-10-01`},
		{[]string{"finance", "transactions", "--to", "yesterday"}, `--to must be a date`},
		{[]string{"finance", "transactions", "--from", "2024-10-31", "--to", "2024-10-01"}, "--to (2024-10-01) is before --from (2024-10-31)"},
		{[]string{"finance", "statements", "-o", "xml"}, `--output must be one of table, json, jsonl, csv, not "xml"`},
		{[]string{"orders", "list", "-o", "csv"}, `--output must be one of table, json, jsonl, not "csv"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			res := runTool(t, invocation{env: env}, tt.args...)
			wantCode(t, tt.args, res, exitUsage)
			if !strings.Contains(res.stderr, tt.want) || res.stdout != "" {
				t.Errorf("sellercenter %s: stdout %q, stderr %q; want nothing and %q", strings.Join(tt.args, " "), res.stdout, res.stderr, tt.want)
			}
		})
	}
}

// TestFinanceHelpExamplesRun runs every example of the finance commands'
// help against the built-in mock (no configuration), as a reader would.
func TestFinanceHelpExamplesRun(t *testing.T) {
	t.Parallel()
	var examples []string
	for _, cmd := range (&cli{}).financeCommand().Commands() {
		if cmd.Example == "" {
			t.Errorf("finance %s has no example", cmd.Name())
		}
		for _, line := range strings.Split(cmd.Example, "\n") {
			examples = append(examples, strings.TrimSpace(line))
		}
	}
	for _, ex := range examples {
		t.Run(ex, func(t *testing.T) {
			t.Parallel()
			// A shell redirection is the reader's, not the tool's.
			line, _, _ := strings.Cut(ex, ">")
			args := strings.Fields(line)
			if len(args) < 2 || args[0] != "sellercenter" {
				t.Fatalf("example %q does not start with sellercenter", ex)
			}
			res := runTool(t, invocation{env: map[string]string{}}, args[1:]...)
			wantCode(t, args[1:], res, exitOK)
			if !strings.Contains(res.stdout, "NUMBER") {
				t.Errorf("example %q printed %q, want a list with its header", ex, res.stdout)
			}
		})
	}
}
