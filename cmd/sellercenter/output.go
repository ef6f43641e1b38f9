package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/sellercenter-go/sellercenter/internal/oneline"
)

// Output formats of -o.
const (
	formatTable = "table"
	formatJSON  = "json"
	formatJSONL = "jsonl"
)

var formats = []string{formatTable, formatJSON, formatJSONL}

func validFormat(f string) bool { return slices.Contains(formats, f) }

// newTable returns a tabwriter for aligned columns on w.
func newTable(w io.Writer) *tabwriter.Writer {
	return tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
}

// writeRow writes one table row; cells are made single-line and safe.
func writeRow(w io.Writer, cells ...string) error {
	var b strings.Builder
	for i, s := range cells {
		if i > 0 {
			b.WriteByte('\t')
		}
		b.WriteString(cell(s))
	}
	b.WriteByte('\n')
	_, err := io.WriteString(w, b.String())
	return err
}

// cell makes API text fit one table cell: tabs and line breaks would break
// the columns and control characters could drive the terminal. Empty cells
// show as "-", so columns stay readable.
func cell(s string) string {
	if s = oneline.Clean(s); s == "" {
		return "-"
	}
	return s
}

// encodeJSON returns v as JSON without a trailing newline, indented by
// indent when it is not empty. HTML characters are kept as they are ("J&T
// Express", not "J\u0026T Express"): the output is for people and scripts,
// not for HTML pages.
func encodeJSON(v any, prefix, indent string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if indent != "" {
		enc.SetIndent(prefix, indent)
	}
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("sellercenter: encoding the output: %w", err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// printObject prints one value: as an indented JSON document, as one JSON
// line, or through table.
func (c *cli) printObject(v any, table func(w io.Writer) error) error {
	switch c.output {
	case formatJSON, formatJSONL:
		indent := ""
		if c.output == formatJSON {
			indent = "  "
		}
		b, err := encodeJSON(v, "", indent)
		if err != nil {
			return err
		}
		_, err = c.stdout.Write(append(b, '\n'))
		return err
	}
	tw := newTable(c.stdout)
	if err := table(tw); err != nil {
		return err
	}
	return tw.Flush()
}

// printFields prints label/value pairs as a two-column table.
func printFields(w io.Writer, pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if err := writeRow(w, pairs[i], pairs[i+1]); err != nil {
			return err
		}
	}
	return nil
}

// listPrinter prints a list as it arrives: table rows (aligned when the
// list ends), the elements of one JSON array, or one JSON object per line.
// JSON output is streamed, so a long list is never held in memory.
type listPrinter[T any] struct {
	c      *cli
	header []string
	row    func(T) []string
	tw     *tabwriter.Writer
	n      int
}

func newList[T any](c *cli, header []string, row func(T) []string) *listPrinter[T] {
	return &listPrinter[T]{c: c, header: header, row: row}
}

// add prints one element.
func (l *listPrinter[T]) add(v T) error {
	defer func() { l.n++ }()
	switch l.c.output {
	case formatJSON:
		b, err := encodeJSON(v, "  ", "  ")
		if err != nil {
			return err
		}
		sep := ",\n  "
		if l.n == 0 {
			sep = "[\n  "
		}
		_, err = io.WriteString(l.c.stdout, sep+string(b))
		return err
	case formatJSONL:
		b, err := encodeJSON(v, "", "")
		if err != nil {
			return err
		}
		_, err = l.c.stdout.Write(append(b, '\n'))
		return err
	}
	if err := l.start(); err != nil {
		return err
	}
	return writeRow(l.tw, l.row(v)...)
}

// start begins the table with its header, once.
func (l *listPrinter[T]) start() error {
	if l.tw != nil {
		return nil
	}
	l.tw = newTable(l.c.stdout)
	return writeRow(l.tw, l.header...)
}

// close ends the list: the closing bracket of a JSON array, or the aligned
// table. An empty list is "[]" in JSON, nothing in JSON Lines, and the
// header alone in a table.
func (l *listPrinter[T]) close() error {
	switch l.c.output {
	case formatJSON:
		end := "\n]\n"
		if l.n == 0 {
			end = "[]\n"
		}
		_, err := io.WriteString(l.c.stdout, end)
		return err
	case formatJSONL:
		return nil
	}
	if err := l.start(); err != nil {
		return err
	}
	return l.tw.Flush()
}

// printList prints items with a listPrinter.
func printList[T any](c *cli, items []T, header []string, row func(T) []string) error {
	l := newList(c, header, row)
	for _, v := range items {
		if err := l.add(v); err != nil {
			return err
		}
	}
	return l.close()
}

// Cell formatting of optional API fields.

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// yesNo shows a flag. The API leaves out a false one (omitzero), so an
// absent flag shows as "no".
func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func itoa(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

// idText shows an id or an error code. The API numbers both from 1, so 0
// is an absent one and shows as nothing.
func idText(id int) string {
	if id == 0 {
		return ""
	}
	return strconv.Itoa(id)
}

func money(v float64, currency string) string {
	return strings.TrimSpace(strconv.FormatFloat(v, 'f', 2, 64) + " " + currency)
}

// abort ends a list that failed part way with err, which it returns. Table
// rows already received are still shown; JSON is left unterminated, so a
// script cannot mistake it for a whole list (the exit code says so too).
func (l *listPrinter[T]) abort(err error) error {
	if l.tw != nil {
		_ = l.tw.Flush()
	}
	return err
}
