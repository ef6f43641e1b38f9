package sellercentertest

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/sellercenter-go/sellercenter/gen"
)

// Import files are CSV (comma, semicolon or tab separated, with a header
// row) or XLSX workbooks, of which the first sheet is read. The XLSX reader
// covers what spreadsheet programs write for plain tables: shared and
// inline strings, numbers and booleans; formulas count with their cached
// value.

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
		t, err := readXLSX(data)
		if err != nil {
			return nil, "", "", fmt.Errorf("the XLSX workbook cannot be read: %w", err)
		}
		return t, "xlsx", mimeXLSX, nil
	case ext == ".csv" || ext == ".txt" || ext == "":
		if isZip {
			return nil, "", "", fmt.Errorf("%q holds a zip archive, not CSV text", name)
		}
		t, err := readCSV(data)
		if err != nil {
			return nil, "", "", fmt.Errorf("the CSV file cannot be read: %w", err)
		}
		return t, "csv", mimeCSV, nil
	}
	return nil, "", "", fmt.Errorf("%w: %q", errNotTable, name)
}

func readCSV(data []byte) ([][]string, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	first, _, _ := bytes.Cut(data, []byte("\n"))
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	switch {
	case bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")):
		r.Comma = ';'
	case bytes.Count(first, []byte("\t")) > bytes.Count(first, []byte(",")):
		r.Comma = '\t'
	}
	return r.ReadAll()
}

// mustCSV reads CSV the fake itself wrote.
func mustCSV(s string) [][]string {
	t, err := readCSV([]byte(s))
	if err != nil {
		panic("sellercentertest: bad built-in CSV: " + err.Error())
	}
	return t
}

// maxXLSXPart bounds what one part of a workbook may unpack to.
const maxXLSXPart = 16 << 20

func readXLSX(data []byte) ([][]string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	part := func(name string) ([]byte, error) {
		for _, f := range zr.File {
			if f.Name != name {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				return nil, err
			}
			defer rc.Close()
			b, err := io.ReadAll(io.LimitReader(rc, maxXLSXPart+1))
			if err != nil {
				return nil, err
			}
			if len(b) > maxXLSXPart {
				return nil, fmt.Errorf("%s unpacks to more than %d bytes", name, maxXLSXPart)
			}
			return b, nil
		}
		return nil, nil
	}
	sheetPath, err := firstSheet(part)
	if err != nil {
		return nil, err
	}
	var shared []string
	if b, err := part("xl/sharedStrings.xml"); err != nil {
		return nil, err
	} else if b != nil {
		var sst struct {
			SI []xlsxText `xml:"si"`
		}
		if err := xml.Unmarshal(b, &sst); err != nil {
			return nil, fmt.Errorf("xl/sharedStrings.xml: %w", err)
		}
		for _, si := range sst.SI {
			shared = append(shared, si.String())
		}
	}
	b, err := part(sheetPath)
	if err != nil {
		return nil, err
	}
	if b == nil {
		return nil, fmt.Errorf("the workbook has no worksheet %s", sheetPath)
	}
	var sheet struct {
		Rows []struct {
			Cells []struct {
				Ref    string   `xml:"r,attr"`
				Type   string   `xml:"t,attr"`
				Value  string   `xml:"v"`
				Inline xlsxText `xml:"is"`
			} `xml:"c"`
		} `xml:"sheetData>row"`
	}
	if err := xml.Unmarshal(b, &sheet); err != nil {
		return nil, fmt.Errorf("%s: %w", sheetPath, err)
	}
	var table [][]string
	for _, row := range sheet.Rows {
		var cells []string
		for i, c := range row.Cells {
			col := i
			if c.Ref != "" {
				if col, err = columnIndex(c.Ref); err != nil {
					return nil, err
				}
			}
			var v string
			switch c.Type {
			case "s":
				n, err := strconv.Atoi(strings.TrimSpace(c.Value))
				if err != nil || n < 0 || n >= len(shared) {
					return nil, fmt.Errorf("cell %s points to shared string %q, which does not exist", c.Ref, c.Value)
				}
				v = shared[n]
			case "inlineStr":
				v = c.Inline.String()
			case "b":
				v = map[string]string{"1": "true", "0": "false"}[strings.TrimSpace(c.Value)]
			case "", "n":
				v = c.Value
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					v = strconv.FormatFloat(f, 'f', -1, 64) // 129.90000000000001 as Excel stores it reads 129.9
				}
			default: // str (formula text), e (error)
				v = c.Value
			}
			for len(cells) < col {
				cells = append(cells, "")
			}
			if col < len(cells) {
				return nil, fmt.Errorf("cell %s comes after a cell to its right", c.Ref)
			}
			cells = append(cells, v)
		}
		table = append(table, cells)
	}
	return table, nil
}

// xlsxText is a string item: plain text, or runs of rich text.
type xlsxText struct {
	T    string `xml:"t"`
	Runs []struct {
		T string `xml:"t"`
	} `xml:"r"`
}

func (x xlsxText) String() string {
	var b strings.Builder
	b.WriteString(x.T)
	for _, r := range x.Runs {
		b.WriteString(r.T)
	}
	return b.String()
}

// firstSheet finds the part of the workbook's first sheet.
func firstSheet(part func(string) ([]byte, error)) (string, error) {
	const fallback = "xl/worksheets/sheet1.xml"
	wb, err := part("xl/workbook.xml")
	if err != nil || wb == nil {
		return fallback, err
	}
	var workbook struct {
		Sheets []struct {
			ID string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(wb, &workbook); err != nil {
		return "", fmt.Errorf("xl/workbook.xml: %w", err)
	}
	rels, err := part("xl/_rels/workbook.xml.rels")
	if err != nil || rels == nil || len(workbook.Sheets) == 0 {
		return fallback, err
	}
	var rs struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(rels, &rs); err != nil {
		return "", fmt.Errorf("xl/_rels/workbook.xml.rels: %w", err)
	}
	for _, r := range rs.Rels {
		if r.ID == workbook.Sheets[0].ID {
			if strings.HasPrefix(r.Target, "/") {
				return strings.TrimPrefix(r.Target, "/"), nil
			}
			return path.Join("xl", r.Target), nil
		}
	}
	return fallback, nil
}

// columnIndex turns a cell reference such as "AB12" into its zero-based
// column.
func columnIndex(ref string) (int, error) {
	n := 0
	i := 0
	for ; i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z'; i++ {
		n = n*26 + int(ref[i]-'A'+1)
	}
	if i == 0 || n > 16384 {
		return 0, fmt.Errorf("cell reference %q is not valid", ref)
	}
	return n - 1, nil
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
