// Package sheet reads the tables of import files: CSV with a header row,
// and the first sheet of an XLSX workbook. The XLSX reader covers what
// spreadsheet programs write for plain tables: shared and inline strings,
// numbers and booleans; formulas count with their cached value. The mock
// reads uploads with it, and the CLI the files it uploads, so that both
// number rows alike.
package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// ReadCSV reads a CSV table with a header row, separated by commas,
// semicolons or tabs, whichever the header uses most; a UTF-8 byte order
// mark is skipped.
func ReadCSV(data []byte) ([][]string, error) {
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

// maxXLSXPart bounds what one part of a workbook may unpack to.
const maxXLSXPart = 16 << 20

// ReadXLSX reads the first sheet of an XLSX workbook into rows of cells.
func ReadXLSX(data []byte) ([][]string, error) {
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

// WriteXLSX writes t as a one-sheet XLSX workbook of inline strings, which
// ReadXLSX and spreadsheet programs read back.
func WriteXLSX(t [][]string) []byte {
	var b bytes.Buffer
	var sheet strings.Builder
	sheet.WriteString(xml.Header + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	for r, row := range t {
		fmt.Fprintf(&sheet, `<row r="%d">`, r+1)
		for c, v := range row {
			var esc bytes.Buffer
			_ = xml.EscapeText(&esc, []byte(v))
			fmt.Fprintf(&sheet, `<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>`, columnName(c), r+1, esc.String())
		}
		sheet.WriteString(`</row>`)
	}
	sheet.WriteString(`</sheetData></worksheet>`)
	const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", xml.Header + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"_rels/.rels", xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + rel + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", xml.Header + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="` + rel + `">` +
			`<sheets><sheet name="Template" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="` + rel + `/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
		{"xl/worksheets/sheet1.xml", sheet.String()},
	}
	zw := zip.NewWriter(&b)
	for _, p := range parts {
		w, _ := zw.Create(p.name) // writing to a bytes.Buffer does not fail
		_, _ = w.Write([]byte(p.body))
	}
	_ = zw.Close()
	return b.Bytes()
}

// columnName is the letters of a zero-based column: 0 is A, 26 is AA.
func columnName(i int) string {
	name := ""
	for i++; i > 0; i = (i - 1) / 26 {
		name = string(rune('A'+(i-1)%26)) + name
	}
	return name
}
