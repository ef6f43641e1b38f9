package sellercenter

import (
	"context"
	"iter"

	"github.com/sellercenter-go/sellercenter/gen"
)

// Statements walks every account statement that params selects, like
// Orders. Every amount is a money.Amount, exact as the API sent it.
func (c *Client) Statements(ctx context.Context, params gen.ListStatementsParams) iter.Seq2[gen.FinanceStatement, error] {
	return walk[gen.FinanceStatement](ctx, params, 0, c.ListStatements, gen.ParseListStatementsResponse)
}

// Transactions walks every finance transaction that params selects, like
// Orders: a month of a busy seller's sales and fees, page after page,
// without holding more than a page.
func (c *Client) Transactions(ctx context.Context, params gen.ListTransactionsParams) iter.Seq2[gen.FinanceTransaction, error] {
	return walk[gen.FinanceTransaction](ctx, params, 0, c.ListTransactions, gen.ParseListTransactionsResponse)
}
