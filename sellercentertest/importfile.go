package sellercentertest

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/internal/sheet"
)

// Import files are CSV or XLSX workbooks, read by internal/sheet.

const (
	mimeCSV  = "text/csv"
	mimeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	mimeXML  = "text/xml"
)

var errNotTable = errors.New("the file is neither CSV nor XLSX")

// readTable reads an import file into rows of cells.
func readTable(name string, data []byte) (table [][]string, format, mime string, err error) {
	isZip := bytes.HasPrefix(data, []byte("PK\x03\x04"))
	switch ext := strings.ToLower(path.Ext(name)); {
	case ext == ".xlsx" || ext == "" && isZip:
		t, err := sheet.ReadXLSX(data)
		if err != nil {
			return nil, "", "", fmt.Errorf("the XLSX workbook cannot be read: %w", err)
		}
		return t, "xlsx", mimeXLSX, nil
	case ext == ".csv" || ext == ".txt" || ext == "":
		if isZip {
			return nil, "", "", fmt.Errorf("%q holds a zip archive, not CSV text", name)
		}
		t, err := sheet.ReadCSV(data)
		if err != nil {
			return nil, "", "", fmt.Errorf("the CSV file cannot be read: %w", err)
		}
		return t, "csv", mimeCSV, nil
	}
	return nil, "", "", fmt.Errorf("%w: %q", errNotTable, name)
}

// mustCSV reads CSV the fake itself wrote.
func mustCSV(s string) [][]string {
	t, err := sheet.ReadCSV([]byte(s))
	if err != nil {
		panic("sellercentertest: bad built-in CSV: " + err.Error())
	}
	return t
}

// importRows turns a table into the rows of a feed. unknown lists header
// columns the import does not read; missing, required columns it lacks.
func (st *store) importRows(table [][]string, action gen.FeedAction) (rows []feedRow, unknown, missing []string) {
	return tableRows(table, action, st.feedNames())
}

func (st *store) feedNames() map[string]string {
	out := map[string]string{}
	for _, a := range st.cat.attrs {
		if a.kind() != gen.AttributeDefinitionAttributeTypeSystem {
			n := a.def.FeedName
			out[strings.ToLower(n)] = n
		}
	}
	return out
}

func tableRows(table [][]string, action gen.FeedAction, attributes map[string]string) (rows []feedRow, unknown, missing []string) {
	if len(table) == 0 {
		return nil, nil, importColumns[action]
	}
	allowed := map[string]string{}
	add := func(cols ...string) {
		for _, c := range cols {
			allowed[strings.ToLower(c)] = c
		}
	}
	add("SellerSku")
	switch action {
	case gen.FeedActionProductStockUpdate:
		add("Quantity")
	case gen.FeedActionImage:
		add(imageColumns...)
	case gen.FeedActionProductCreate, gen.FeedActionProductUpdate:
		for c := range knownColumns {
			if !strings.HasPrefix(c, "MainImage") && !strings.HasPrefix(c, "Image") {
				add(c)
			}
		}
		for k, v := range attributes {
			allowed[k] = v
		}
	}
	header := make([]string, len(table[0]))
	have := map[string]bool{}
	for i, h := range table[0] {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if c, ok := allowed[strings.ToLower(h)]; ok {
			header[i] = c
			have[c] = true
		} else if h != "" {
			unknown = append(unknown, h)
		}
	}
	for _, c := range importColumns[action] {
		if !have[c] {
			missing = append(missing, c)
		}
	}
	for n, cells := range table[1:] {
		r := feedRow{line: n + 2, values: map[string]string{}}
		blank := true
		for i, v := range cells {
			if i < len(header) && header[i] != "" {
				r.values[header[i]] = v
				blank = blank && strings.TrimSpace(v) == ""
			}
		}
		if !blank {
			rows = append(rows, r)
		}
	}
	return rows, unknown, missing
}
