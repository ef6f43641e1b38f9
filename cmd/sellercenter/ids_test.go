package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// TestIDsFile runs stock set and prices set with --ids on one mock, one
// after the other: each run looks up only the SKUs the file lacks, and the
// file gains the ids found.
func TestIDsFile(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	skus := addProducts(t, srv, "IDS", 3)
	ids := filepath.Join(t.TempDir(), "ids.csv")
	steps := []struct {
		name    string
		args    []string
		lookups int    // listProductsBySellerSkus requests of the run
		file    string // the file after the run, its rows by SKU
	}{
		{"a first run creates the file", []string{"stock", "set", skus[0] + "=1", skus[1] + "=2"}, 1, "0,1"},
		{"a new SKU is looked up alone", []string{"stock", "set", skus[0] + "=3", skus[1] + "=4", skus[2] + "=5"}, 1, "0,1,2"},
		{"all known, nothing looked up", []string{"stock", "set", skus[2] + "=6", skus[0] + "=7"}, 0, "0,1,2"},
		{"prices share the file", []string{"prices", "set", "--country", "MY", skus[1] + "=99.90"}, 0, "0,1,2"},
	}
	for _, st := range steps {
		before := srv.Count("listProductsBySellerSkus")
		args := append(st.args, "--ids", ids)
		res := runTool(t, invocation{env: envFor(srv)}, args...)
		wantCode(t, args, res, exitOK)
		if got := srv.Count("listProductsBySellerSkus") - before; got != st.lookups {
			t.Errorf("%s: lookups = %d, want %d", st.name, got, st.lookups)
		}
		want := "# product ids of " + srv.URL + " as client " + srv.ClientID + "\nSellerSku,ProductId\n"
		for _, i := range strings.Split(st.file, ",") {
			sku := skus[i[0]-'0']
			p, err := srv.ProductBySellerSku(sku)
			if err != nil {
				t.Fatal(err)
			}
			want += sku + "," + strconv.Itoa(p.Id) + "\n"
		}
		if got, err := os.ReadFile(ids); err != nil || string(got) != want {
			t.Errorf("%s: --ids file = %q, %v; want %q", st.name, got, err, want)
		}
	}
	if got := stockOf(t, srv, skus[0]).Quantity; got != 7 {
		t.Errorf("stock of %s = %d, want 7 from the last run", skus[0], got)
	}
}

// TestIDsFileRefused checks that a file the command cannot read, or one of
// another instance or client, stops it before any request, with a usage
// error naming the line or the owners.
func TestIDsFileRefused(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	skus := addProducts(t, srv, "BAD", 1)
	mine := "# product ids of " + srv.URL + " as client " + srv.ClientID + "\n"
	tests := []struct {
		name, content, want string
	}{
		{"no owner line", "SellerSku,ProductId\nX,1\n", "holds the product ids of an unknown SellerCenter"},
		{"another instance", "# product ids of https://sellercenter-api.zalora.sg as client " + srv.ClientID + "\nSellerSku,ProductId\n",
			"holds the product ids of https://sellercenter-api.zalora.sg as client " + srv.ClientID + ", not of " + srv.URL},
		{"another client", "# product ids of " + srv.URL + " as client other\nSellerSku,ProductId\n", "as client other, not of"},
		{"another header", mine + "sku,id\nX,1\n", "want a SellerSku,ProductId header"},
		{"not a number", mine + "SellerSku,ProductId\nX,abc\n", `line 3: product id "abc"`},
		{"zero", mine + "SellerSku,ProductId\nX,0\n", "line 3: product id"},
		{"no SKU", mine + "SellerSku,ProductId\n,5\n", "line 3 has no SKU"},
		{"two ids", mine + "SellerSku,ProductId\nX,5\nX,6\n", "X has two product ids, 5 and 6"},
		{"a third column", mine + "SellerSku,ProductId\nX,5,7\n", "line 3: wrong number of fields"},
	}
	for _, tt := range tests {
		// Not parallel: the requests are counted once all have run.
		t.Run(tt.name, func(t *testing.T) {
			file := writeFile(t, "ids.csv", tt.content)
			args := []string{"stock", "set", "--ids", file, skus[0] + "=1"}
			res := runTool(t, invocation{env: envFor(srv)}, args...)
			wantCode(t, args, res, exitUsage)
			if !strings.Contains(res.stderr, tt.want) {
				t.Errorf("stderr = %q, want %q", res.stderr, tt.want)
			}
			if got, _ := os.ReadFile(file); string(got) != tt.content {
				t.Errorf("the file became %q, want it untouched", got)
			}
		})
	}
	if n := srv.Count("updateProductStock") + srv.Count("listProductsBySellerSkus"); n != 0 {
		t.Errorf("requests sent = %d, want 0", n)
	}
}

// TestIDsFileBuiltInMock runs stock set twice on the built-in mock, whose
// port changes with every run: the file names the mock, not its URL, so the
// second run takes it.
func TestIDsFileBuiltInMock(t *testing.T) {
	t.Parallel()
	ids := filepath.Join(t.TempDir(), "ids.csv")
	for run := range 2 {
		args := []string{"stock", "set", "--ids", ids, "BTK-KWG-BL-M=" + strconv.Itoa(run+3)}
		res := runTool(t, invocation{env: map[string]string{}}, args...)
		wantCode(t, args, res, exitOK)
	}
	got, err := os.ReadFile(ids)
	if err != nil || !strings.HasPrefix(string(got), "# product ids of the built-in mock\nSellerSku,ProductId\nBTK-KWG-BL-M,") {
		t.Errorf("--ids file = %q, %v; want the built-in mock's, with BTK-KWG-BL-M", got, err)
	}
}
