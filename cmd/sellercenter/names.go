package main

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/internal/oneline"
)

// Tables show brand and category names beside their ids. The names come
// from one lookup per command, and only for tables: JSON keeps the API's
// text. A failed lookup costs the names, not the command, and says so.

// categoryNames returns the name of every category of the tree, by id,
// from one request; nil, with a note on stderr, if it fails.
func (c *cli) categoryNames(ctx context.Context, client *sellercenter.Client) map[int]string {
	if c.output != formatTable {
		return nil
	}
	tree, err := sellercenter.Result(client.GetCategoryTreeWithResponse(ctx))
	if err != nil {
		c.namesUnavailable("category", err)
		return nil
	}
	names := map[int]string{}
	var walk func([]gen.CategoryTreeNode)
	walk = func(nodes []gen.CategoryTreeNode) {
		for _, n := range nodes {
			if n.Id != nil && n.Name != nil {
				names[*n.Id] = *n.Name
			}
			walk(n.Children)
		}
	}
	walk(*tree)
	return names
}

// brandName returns the name of brand id, or "" (with a note on stderr
// when the lookup failed).
func (c *cli) brandName(ctx context.Context, client *sellercenter.Client, id int) string {
	if c.output != formatTable || id == 0 {
		return ""
	}
	b, err := sellercenter.Result(client.GetBrandWithResponse(ctx, id))
	if err != nil {
		c.namesUnavailable("brand", err)
		return ""
	}
	return b.Name
}

func (c *cli) namesUnavailable(what string, err error) {
	fmt.Fprintf(c.errWriter(), "sellercenter: showing %s ids without names: %s\n", what, oneline.Clean(err.Error()))
}

// named is id with its name beside it, when known: "311 Batik Shirts".
func named(id int, name string) string {
	if name == "" {
		return idText(id)
	}
	return idText(id) + " " + name
}

// saleText describes the sale of p as it stands at now: running until its
// end, starting later, or over. The API keeps a sale's price and dates
// after it ended, so the dates alone would show an old sale as running.
func saleText(p gen.Price, now time.Time) string {
	sale := "sale " + strconv.FormatFloat(*p.SalePrice, 'f', 2, 64)
	start, end := p.SaleStartDate, p.SaleEndDate
	hasStart := start != nil && !start.IsZero()
	hasEnd := end != nil && !end.IsZero()
	switch {
	case hasEnd && !end.After(now):
		return sale + " ended " + end.Format(time.DateOnly)
	case hasStart && start.After(now):
		sale += " from " + start.Format(time.DateOnly)
	}
	if hasEnd {
		sale += " until " + end.Format(time.DateOnly)
	}
	return sale
}
