package main

import (
	"context"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/internal/oneline"
)

// groupCommand returns a command that only holds subcommands.
func groupCommand(use, short string, subs ...*cobra.Command) *cobra.Command {
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
	}
	cmd.AddCommand(subs...)
	return cmd
}

// pageLimit is the --limit/--all pair of the catalog lists.
type pageLimit struct {
	limit int
	all   bool
	what  string // plural noun, for messages
}

func (p *pageLimit) register(cmd *cobra.Command) {
	cmd.Flags().IntVar(&p.limit, "limit", defaultListLimit, "how many "+p.what+" to show")
	cmd.Flags().BoolVar(&p.all, "all", false, "show every one, page after page")
}

// check refuses contradictory or useless flags.
func (p *pageLimit) check(cmd *cobra.Command) error {
	switch {
	case p.all && cmd.Flags().Changed("limit"):
		return usagef("--all and --limit cannot be combined: --all lists every one of the %s", p.what)
	case p.limit < 1:
		return usagef("--limit must be at least 1, not %d", p.limit)
	}
	return nil
}

// pageSize is the page size to ask the iterator for: one more than the
// limit, so a single request tells whether more follow, within the API's
// page cap.
func (p *pageLimit) pageSize() int {
	if p.all {
		return 0 // the client's default, the largest page the API serves
	}
	return min(p.limit+1, sellercenter.DefaultPageSize)
}

// printPaged prints the items of seq through l: all of them with --all,
// else the first --limit, saying on stderr when more follow.
func printPaged[T any](c *cli, l *listPrinter[T], p *pageLimit, seq iter.Seq2[T, error]) error {
	if p.all {
		seq = counted(c, p.what, seq)
	}
	n, more := 0, false
	for v, err := range seq {
		if err != nil {
			return l.abort(err)
		}
		if !p.all && n == p.limit {
			more = true
			break
		}
		if err := l.add(v); err != nil {
			return err
		}
		n++
	}
	if err := l.close(); err != nil {
		return err
	}
	if more {
		moreFollow(c.stderr, n, p.what)
	}
	return nil
}

// productSetSections are the values of products list --status.
var productSetSections = []gen.ProductSetSection{
	gen.ProductSetSectionAll, gen.ProductSetSectionActive, gen.ProductSetSectionInactiveAll,
	gen.ProductSetSectionDeletedAll, gen.ProductSetSectionSoldOut, gen.ProductSetSectionImageMissing,
	gen.ProductSetSectionPending, gen.ProductSetSectionRejected, gen.ProductSetSectionDisapproved,
	gen.ProductSetSectionNotAuthorized,
}

func sectionNames() []string {
	out := make([]string, len(productSetSections))
	for i, s := range productSetSections {
		out[i] = string(s)
	}
	return out
}

func (c *cli) productsCommand() *cobra.Command {
	return groupCommand("products", "List and inspect product sets and their products",
		c.productsListCommand(),
		c.productsGetCommand(),
	)
}

func (c *cli) productsListCommand() *cobra.Command {
	var (
		status, search string
		page           = pageLimit{what: "product sets"}
	)
	var cmd *cobra.Command
	cmd = &cobra.Command{
		Use:   "list",
		Short: "List product sets",
		Long: `List product sets: what the sizes or variations of one article share. SKU is
the seller SKU of the set's first product; 'sellercenter products get ID'
shows every product of a set. Without --all it shows the first --limit sets
and says on stderr when more follow; --all walks every page.`,
		Example: `  sellercenter products list --status sold-out
  sellercenter products list --search BTK --all -o jsonl`,
		Args: cobra.NoArgs,
		RunE: c.action(func(ctx context.Context, _ []string) error {
			if err := page.check(cmd); err != nil {
				return err
			}
			params := gen.ListProductSetsParams{Limit: page.pageSize()}
			if s := strings.ToLower(strings.TrimSpace(status)); s != "" {
				sec := gen.ProductSetSection(s)
				if !sec.Valid() {
					return usagef("--status %q is not a product section; use one of %s", status, strings.Join(sectionNames(), ", "))
				}
				params.Status = sec
			}
			if s := strings.TrimSpace(search); s != "" {
				if len([]rune(s)) < 3 {
					return usagef("--search needs at least 3 characters, not %q", s)
				}
				params.Keyword = s
			}
			client, err := c.api()
			if err != nil {
				return err
			}
			categories := c.categoryNames(ctx, client)
			l := newList(c, []string{"ID", "SKU", "NAME", "STATUS", "CATEGORY", "UPDATED"}, func(ps gen.ProductSet) []string {
				return []string{idText(ps.Id), ps.SellerSku, ps.Name, string(ps.Status), named(ps.PrimaryCategoryId, categories[ps.PrimaryCategoryId]), c.when(ps.UpdatedAt)}
			})
			return printPaged(c, l, &page, client.ProductSets(ctx, params))
		}),
	}
	cmd.Flags().StringVar(&status, "status", "", "only sets in this section of the product screen: "+strings.Join(sectionNames(), ", "))
	cmd.Flags().StringVar(&search, "search", "", "only sets whose name, shop SKU, seller SKU or parent SKU starts with this text (3 characters or more)")
	page.register(cmd)
	_ = cmd.RegisterFlagCompletionFunc("status", cobra.FixedCompletions(sectionNames(), cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// productDetail is what `products get` prints: the API's product set, its
// products, their stock and their prices, each as the API sent it.
type productDetail struct {
	ProductSet gen.ProductSet   `json:"productSet"`
	Products   []gen.Product    `json:"products"`
	Stock      []gen.StockLevel `json:"stock"`
	Prices     []gen.Price      `json:"prices"`

	// brandName and categoryName are shown beside the ids in the table.
	brandName, categoryName string
	// now tells running sales from ended ones.
	now time.Time
}

func (c *cli) productsGetCommand() *cobra.Command {
	var sku string
	var cmd *cobra.Command
	cmd = &cobra.Command{
		Use:   "get {ID | --sku SELLER_SKU}",
		Short: "Show one product set with its products, stock and prices",
		Long: `Show one product set with each of its products (sizes or variations): their
SKUs, status, stock and prices per country. ID is the numeric product set id
from 'sellercenter products list'; --sku finds the set by the seller SKU of
any of its products instead.`,
		Example: `  sellercenter products get 7101
  sellercenter products get --sku BTK-KWG-BL-M -o json`,
		Args: cobra.MaximumNArgs(1),
		RunE: c.action(func(ctx context.Context, args []string) error {
			sku = strings.TrimSpace(sku)
			switch {
			case len(args) == 1 && cmd.Flags().Changed("sku"):
				return usagef("give a product set ID or --sku, not both")
			case len(args) == 0 && sku == "":
				return usagef("give a product set ID or --sku SELLER_SKU")
			}
			var id int
			if len(args) == 1 {
				var err error
				if id, err = parseID("product set id", args[0]); err != nil {
					return usagef("%s (use --sku to find a set by seller SKU)", err)
				}
			}
			client, err := c.api()
			if err != nil {
				return err
			}
			if sku != "" {
				product, err := sellercenter.Result(client.GetProductBySellerSkuWithResponse(ctx, sku))
				if err != nil {
					return err
				}
				if product.ProductSetId == 0 {
					return fmt.Errorf("sellercenter: the API sent product %s without its product set id", oneline.Quote(sku))
				}
				id = product.ProductSetId
			}
			d, err := getProductDetail(ctx, client, id)
			if err != nil {
				return err
			}
			d.brandName = c.brandName(ctx, client, d.ProductSet.BrandId)
			d.categoryName = c.categoryNames(ctx, client)[d.ProductSet.PrimaryCategoryId]
			d.now = c.now()
			return c.printObject(d, func(w io.Writer) error { return d.table(c, w) })
		}),
	}
	cmd.Flags().StringVar(&sku, "sku", "", "the seller SKU of any product of the set")
	return cmd
}

// getProductDetail reads a product set with its products, stock and prices.
func getProductDetail(ctx context.Context, client *sellercenter.Client, id int) (productDetail, error) {
	set, err := sellercenter.Result(client.GetProductSetWithResponse(ctx, id))
	if err != nil {
		return productDetail{}, err
	}
	products, err := sellercenter.Result(client.ListProductSetProductsWithResponse(ctx, id))
	if err != nil {
		return productDetail{}, err
	}
	stock, err := sellercenter.Result(client.ListProductSetStockWithResponse(ctx, id))
	if err != nil {
		return productDetail{}, err
	}
	prices, err := sellercenter.Result(client.ListProductSetPricesWithResponse(ctx, id))
	if err != nil {
		return productDetail{}, err
	}
	return productDetail{ProductSet: *set, Products: *products, Stock: *stock, Prices: *prices}, nil
}

// table prints the set's fields, then one row per product.
func (d productDetail) table(c *cli, w io.Writer) error {
	ps := d.ProductSet
	if err := printFields(w,
		"ID", idText(ps.Id),
		"Name", ps.Name,
		"Parent SKU", str(ps.ParentSku),
		"Status", string(ps.Status),
		"Brand", named(ps.BrandId, d.brandName),
		"Category", named(ps.PrimaryCategoryId, d.categoryName),
		"Created", c.when(ps.CreatedAt),
		"Updated", c.when(ps.UpdatedAt),
	); err != nil {
		return err
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return err
	}
	stock := make(map[string]gen.StockLevel, len(d.Stock))
	for _, s := range d.Stock {
		stock[s.SellerSku] = s
	}
	prices := make(map[int][]string)
	for _, p := range d.Prices {
		if p.ProductId == 0 || p.Price == 0 {
			continue
		}
		s := strings.TrimSpace(p.Country + " " + strconv.FormatFloat(p.Price, 'f', 2, 64))
		if p.SalePrice != nil {
			s += " (" + saleText(p, d.now) + ")"
		}
		if p.Status != "" && p.Status != gen.PriceStatusActive {
			s += " " + string(p.Status)
		}
		prices[p.ProductId] = append(prices[p.ProductId], s)
	}
	if err := writeRow(w, "PRODUCT", "SELLER SKU", "SHOP SKU", "VARIATION", "STATUS", "STOCK", "AVAILABLE", "PRICES"); err != nil {
		return err
	}
	for _, p := range d.Products {
		// A product without a stock level shows no figures; one with a
		// stock level shows its figures, 0 included.
		quantity, available := "", ""
		if s, ok := stock[p.SellerSku]; ok {
			quantity, available = strconv.Itoa(s.Quantity), strconv.Itoa(s.Available)
		}
		var pr []string
		if p.Id != 0 {
			pr = prices[p.Id]
		}
		if err := writeRow(w, idText(p.Id), p.SellerSku, str(p.ShopSku), str(p.Variation), string(p.Status),
			quantity, available, strings.Join(pr, ", ")); err != nil {
			return err
		}
	}
	return nil
}

func (c *cli) brandsCommand() *cobra.Command {
	var (
		name string
		page = pageLimit{what: "brands"}
	)
	var cmd *cobra.Command
	cmd = &cobra.Command{
		Use:   "brands",
		Short: "List the brands the seller can list products under",
		Long: `List the brands the seller can list products under. NAME is what the Brand
column of an import file takes. Without --all it shows the first --limit
brands and says on stderr when more follow.`,
		Example: `  sellercenter brands --name adi
  sellercenter brands --all -o jsonl`,
		Args: cobra.NoArgs,
		RunE: c.action(func(ctx context.Context, _ []string) error {
			if err := page.check(cmd); err != nil {
				return err
			}
			params := gen.ListBrandsParams{Limit: page.pageSize()}
			if n := strings.TrimSpace(name); n != "" {
				params.Name = n
			}
			client, err := c.api()
			if err != nil {
				return err
			}
			l := newList(c, []string{"ID", "NAME", "STATUS", "RESTRICTED", "COUNTRIES"}, func(b gen.Brand) []string {
				return []string{idText(b.Id), b.Name, string(b.Status), yesNo(b.IsRestricted), b.Countries}
			})
			return printPaged(c, l, &page, client.Brands(ctx, params))
		}),
	}
	cmd.Flags().StringVar(&name, "name", "", "only brands whose name contains this text")
	page.register(cmd)
	return cmd
}

func (c *cli) categoriesCommand() *cobra.Command {
	return groupCommand("categories", "Show the category tree", c.categoriesTreeCommand())
}

func (c *cli) categoriesTreeCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "tree",
		Short: "Show the tree of active categories",
		Long: `Show the tree of active categories, each indented under its parent. ID is
what 'sellercenter attributes --category' and the PrimaryCategory column of
an import file take; products go in leaf categories. -o json prints the
tree nested as the API sends it, -o jsonl one top-level category (with its
subtree) per line.`,
		Args: cobra.NoArgs,
		RunE: c.action(func(ctx context.Context, _ []string) error {
			client, err := c.api()
			if err != nil {
				return err
			}
			resp, err := sellercenter.Result(client.GetCategoryTreeWithResponse(ctx))
			if err != nil {
				return err
			}
			tree := *resp
			if c.output != formatTable {
				return printList(c, tree, nil, nil)
			}
			tw := newTable(c.stdout)
			if err := writeRow(tw, "ID", "CATEGORY"); err != nil {
				return err
			}
			if err := writeTree(tw, tree, 0); err != nil {
				return err
			}
			return tw.Flush()
		}),
	}
}

// writeTree writes nodes and their subtrees as table rows, names indented
// two spaces per level.
func writeTree(w io.Writer, nodes []gen.CategoryTreeNode, depth int) error {
	for _, n := range nodes {
		// The indent goes outside cell, which would trim it.
		line := cell(itoa(n.Id)) + "\t" + strings.Repeat("  ", depth) + cell(str(n.Name)) + "\n"
		if _, err := io.WriteString(w, line); err != nil {
			return err
		}
		if err := writeTree(w, n.Children, depth+1); err != nil {
			return err
		}
	}
	return nil
}

func (c *cli) attributesCommand() *cobra.Command {
	var category string
	cmd := &cobra.Command{
		Use:   "attributes --category ID",
		Short: "List the attributes products of a category can or must have",
		Long: `List the attributes products of a category can or must have, global ones
included. COLUMN is the attribute's column in import files; OPTIONS are the
values an option attribute takes (the first few, with the count of the rest;
-o json lists them all).`,
		Example: `  sellercenter attributes --category 311
  sellercenter attributes --category 311 -o json`,
		Args: cobra.NoArgs,
		RunE: c.action(func(ctx context.Context, _ []string) error {
			id, err := parseID("--category", category)
			if err != nil {
				return err
			}
			client, err := c.api()
			if err != nil {
				return err
			}
			resp, err := sellercenter.Result(client.ListCategoryAttributesWithResponse(ctx, id))
			if err != nil {
				return err
			}
			return printList(c, *resp,
				[]string{"ID", "COLUMN", "LABEL", "TYPE", "INPUT", "MANDATORY", "OPTIONS"},
				func(a gen.AttributeDefinition) []string {
					return []string{itoa(a.Id), a.FeedName, str(a.Label), string(a.AttributeType), string(a.InputType), yesNo(a.IsMandatory), optionSummary(a.Options)}
				})
		}),
	}
	cmd.Flags().StringVar(&category, "category", "", "numeric category id, from 'sellercenter categories tree' (required)")
	_ = cmd.MarkFlagRequired("category")
	return cmd
}

// shownOptions is how many option names a table cell lists.
const shownOptions = 3

// optionSummary names the first options and counts the rest.
func optionSummary(opts []gen.AttributeOption) string {
	var names []string
	for _, o := range opts[:min(len(opts), shownOptions)] {
		names = append(names, o.Name)
	}
	s := strings.Join(names, ", ")
	if more := len(opts) - len(names); more > 0 {
		s += fmt.Sprintf(" (+%d more)", more)
	}
	return s
}
