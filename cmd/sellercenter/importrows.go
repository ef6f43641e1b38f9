package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// fileRows maps each seller SKU of a CSV import file to the rows that hold
// it, numbered as a spreadsheet numbers them (the header is row 1), so row
// errors, which the API reports by SKU and feed-row UUID, can point into
// the file. It is nil for other files and for files it cannot read: the
// row numbers are a help, not the report.
func fileRows(path string) map[string][]int {
	if !strings.EqualFold(filepath.Ext(path), ".csv") {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	first, _, _ := bytes.Cut(data, []byte("\n"))
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	// The separators SellerCenter reads, as the header shows them.
	switch {
	case bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")):
		r.Comma = ';'
	case bytes.Count(first, []byte("\t")) > bytes.Count(first, []byte(",")):
		r.Comma = '\t'
	}
	table, err := r.ReadAll()
	if err != nil || len(table) == 0 {
		return nil
	}
	col := -1
	for i, h := range table[0] {
		if strings.EqualFold(strings.TrimSpace(h), "SellerSku") {
			col = i
		}
	}
	if col < 0 {
		return nil
	}
	rows := map[string][]int{}
	for i, rec := range table[1:] {
		if col < len(rec) {
			sku := strings.TrimSpace(rec[col])
			rows[sku] = append(rows[sku], i+2)
		}
	}
	return rows
}

// rowText is the ROW cell of a row error: the file rows of sku, or "-".
func rowText(rows map[string][]int, sku string) string {
	nums := rows[strings.TrimSpace(sku)]
	if len(nums) == 0 {
		return "-"
	}
	out := make([]string, len(nums))
	for i, n := range nums {
		out[i] = strconv.Itoa(n)
	}
	return strings.Join(out, ",")
}
