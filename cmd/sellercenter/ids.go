package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sellercenter-go/sellercenter"
)

// idsHeader is the header row of an --ids file.
var idsHeader = []string{"SellerSku", "ProductId"}

// idsOwner starts the first line of an --ids file, which names the
// instance and client its ids belong to: the same SKU is another product on
// another instance (each country's is its own) or of another seller, and
// setting the stock of the wrong product must not happen.
const idsOwner = "# product ids of "

// idsFlag adds --ids, the file of product ids a bulk command reads and
// keeps up to date.
func idsFlag(cmd *cobra.Command, path *string) {
	cmd.Flags().StringVar(path, "ids", "", "CSV file of SellerSku,ProductId rows: SKUs found in it are not looked up, and those looked up are added to it (created when missing)")
}

// readIDs reads an --ids file of instance: its owner line, a
// SellerSku,ProductId header, then one row per SKU. A file that does not
// exist yet is an empty mapping.
func readIDs(path, instance string) (map[string]int, error) {
	ids := map[string]int{}
	if path == "" {
		return ids, nil
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return ids, nil
	}
	if err != nil {
		return nil, usagef("--ids %s: %v", path, err)
	}
	defer f.Close()
	br := bufio.NewReader(f)
	owner, err := br.ReadString('\n')
	if err != nil && err != io.EOF {
		return nil, usagef("--ids %s: %v", path, err)
	}
	owner = strings.TrimRight(owner, "\r\n")
	if got, ok := strings.CutPrefix(owner, idsOwner); !ok || got != instance {
		if !ok {
			got = "an unknown SellerCenter (no " + strings.TrimSpace(idsOwner) + " line)"
		}
		return nil, usagef("--ids %s holds the product ids of %s, not of %s: use a file for each", path, got, instance)
	}
	r := csv.NewReader(br)
	r.FieldsPerRecord = len(idsHeader)
	header, err := r.Read()
	if err == io.EOF {
		return ids, nil
	}
	if err != nil || !slices.Equal(header, idsHeader) {
		return nil, usagef("--ids %s: want a %s header, the file this command writes", path, strings.Join(idsHeader, ","))
	}
	for {
		row, err := r.Read()
		if err == io.EOF {
			return ids, nil
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			// Its lines count from the header, after the owner line.
			return nil, usagef("--ids %s: line %d: %v", path, perr.Line+1, perr.Err)
		}
		if err != nil {
			return nil, usagef("--ids %s: %v", path, err)
		}
		line, _ := r.FieldPos(0)
		line++ // the owner line
		id, err := strconv.Atoi(row[1])
		switch {
		case row[0] == "":
			return nil, usagef("--ids %s: line %d has no SKU", path, line)
		case err != nil || id <= 0:
			return nil, usagef("--ids %s: line %d: product id %q is not a positive whole number", path, line, row[1])
		case ids[row[0]] != 0 && ids[row[0]] != id:
			return nil, usagef("--ids %s: line %d: %s has two product ids, %d and %d", path, line, row[0], ids[row[0]], id)
		}
		ids[row[0]] = id
	}
}

// keepIDs adds the product ids of rs to ids and, when any is new, rewrites
// path with all of them, sorted by SKU; the file is replaced whole or not
// at all. Only ids the API gave are added: a SKU it did not find has none.
func (c *cli) keepIDs(path string, ids map[string]int, rs []sellercenter.SKUResult) error {
	if path == "" {
		return nil
	}
	added := 0
	for _, r := range rs {
		if r.ProductID > 0 && ids[r.SellerSku] != r.ProductID {
			ids[r.SellerSku] = r.ProductID
			added++
		}
	}
	if added == 0 {
		return nil
	}
	out, err := c.createOut(path)
	if err != nil {
		return err
	}
	defer out.discard()
	if _, err := io.WriteString(out, idsOwner+c.instance+"\n"); err != nil {
		return err
	}
	w := csv.NewWriter(out)
	_ = w.Write(idsHeader)
	skus := make([]string, 0, len(ids))
	for sku := range ids {
		skus = append(skus, sku)
	}
	slices.Sort(skus)
	for _, sku := range skus {
		_ = w.Write([]string{sku, strconv.Itoa(ids[sku])})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return fmt.Errorf("sellercenter: writing %s: %w", path, err)
	}
	return out.commit()
}

// keptIDs keeps the ids of rs in path (see keepIDs) once the results are
// shown, and returns err, the bulk command's error. When only keeping the
// ids fails, that is the error; when both fail, the ids' failure is told
// on stderr and err decides the exit code.
func (c *cli) keptIDs(path string, ids map[string]int, rs []sellercenter.SKUResult, err error) error {
	kerr := c.keepIDs(path, ids, rs)
	switch {
	case kerr == nil:
		return err
	case err == nil:
		return kerr
	}
	fmt.Fprintln(c.errWriter(), kerr)
	return err
}

// unknownSKUs counts the distinct SKUs of pairs that ids does not hold: the
// ones a bulk command looks up.
func unknownSKUs(pairs []skuPair, ids map[string]int) int {
	seen := map[string]bool{}
	for _, p := range pairs {
		if ids[p.sku] == 0 {
			seen[p.sku] = true
		}
	}
	return len(seen)
}
