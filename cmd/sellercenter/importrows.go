package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/sellercenter-go/sellercenter/internal/sheet"
)

// fileRows maps each seller SKU of a CSV or XLSX import file to the rows
// that hold it, numbered as a spreadsheet numbers them (the header is row
// 1), so row errors, which the API reports by SKU and feed-row UUID, can
// point into the file. It reads the file as the mock does (internal/sheet)
// and is nil for other files and for files it cannot read: the row numbers
// are a help, not the report.
func fileRows(path string) map[string][]int {
	var read func([]byte) ([][]string, error)
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		read = sheet.ReadCSV
	case ".xlsx":
		read = sheet.ReadXLSX
	default:
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	table, err := read(data)
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
