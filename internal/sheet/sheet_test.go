package sheet_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/sellercenter-go/sellercenter/internal/sheet"
)

func TestReadCSV(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in string
		want     [][]string
	}{
		{"comma", "SellerSku,Quantity\nA-1,5\n", [][]string{{"SellerSku", "Quantity"}, {"A-1", "5"}}},
		{"semicolon and BOM", "\xef\xbb\xbfSellerSku;Quantity\nA-1;5\n", [][]string{{"SellerSku", "Quantity"}, {"A-1", "5"}}},
		{"tab, ragged rows", "SellerSku\tQuantity\nA-1\n", [][]string{{"SellerSku", "Quantity"}, {"A-1"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := sheet.ReadCSV([]byte(tt.in))
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ReadCSV(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestXLSXRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		table [][]string
	}{
		{"header and rows", [][]string{{"SellerSku", "Quantity"}, {"A-1", "5"}, {"B-2", "0"}}},
		{"markup and wide rows", [][]string{{"Name", "Note"}, {"<b>&", strings.Repeat("x", 30)}, append(make([]string, 27), "AB")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := sheet.ReadXLSX(sheet.WriteXLSX(tt.table))
			if err != nil || !reflect.DeepEqual(got, tt.table) {
				t.Errorf("ReadXLSX(WriteXLSX(%q)) = %q, %v; want the table back", tt.table, got, err)
			}
		})
	}
}

func TestReadXLSXRefusesBadWorkbooks(t *testing.T) {
	t.Parallel()
	for name, data := range map[string][]byte{
		"not a zip":      []byte("SellerSku,Quantity\n"),
		"truncated zip":  []byte("PK\x03\x04"),
		"empty workbook": sheet.WriteXLSX(nil)[:40],
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got, err := sheet.ReadXLSX(data); err == nil {
				t.Errorf("ReadXLSX(%s) = %q, nil; want an error", name, got)
			}
		})
	}
}
