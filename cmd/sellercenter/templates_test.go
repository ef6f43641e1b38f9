package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// TestTemplatesHelpExamples runs every example of templates download
// against the built-in mock, in a directory of its own.
func TestTemplatesHelpExamples(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	c := &cli{}
	examples := c.templatesDownloadCommand().Example
	for _, line := range strings.Split(strings.TrimSpace(examples), "\n") {
		args := strings.Fields(line)
		if len(args) < 2 || args[0] != "sellercenter" {
			t.Fatalf("example %q does not start with sellercenter", line)
		}
		t.Run(strings.Join(args[1:], " "), func(t *testing.T) {
			res := runTool(t, invocation{}, args[1:]...)
			if res.code != exitOK {
				t.Fatalf("%s = exit %d, stderr %q; want 0", line, res.code, res.stderr)
			}
			if i := slices.Index(args, "--out"); i > 0 && args[i+1] != "-" {
				if _, err := os.Stat(filepath.Join(dir, args[i+1])); err != nil {
					t.Errorf("%s wrote no %s: %v", line, args[i+1], err)
				}
			}
		})
	}
}

func TestTemplatesDownload(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	env := envFor(srv)
	tests := []struct {
		name   string
		args   []string
		header []string
		file   bool // written to --out rather than stdout
	}{
		{"sync to stdout", []string{"pending-order-numbers"}, []string{"Order Number"}, false},
		{"sync to a file", []string{"stock-update", "--only-active"}, []string{"SellerSku", "Quantity"}, true},
		{"async to a file", []string{"product-removal-async"}, []string{"SellerSku"}, true},
		{"async with flags", []string{"order-status-change", "--type", "order-items-status", "--status", "pending"}, []string{"Order Item Id", "Status"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			out := "-"
			if tt.file {
				out = filepath.Join(dir, "template.csv")
			}
			res := runTool(t, invocation{env: env}, append([]string{"templates", "download", "--out", out, "-o", "json"}, tt.args...)...)
			if res.code != exitOK {
				t.Fatalf("templates download %v = exit %d, stderr %q; want 0", tt.args, res.code, res.stderr)
			}
			content := res.stdout
			if tt.file {
				b, err := os.ReadFile(out)
				if err != nil {
					t.Fatalf("ReadFile(%s) = %v", out, err)
				}
				content = string(b)
				var got templateResult
				if err := json.Unmarshal([]byte(res.stdout), &got); err != nil || got.File != out || got.Bytes != len(b) {
					t.Errorf("stdout = %q (%v), want the file and its %d bytes", res.stdout, err, len(b))
				}
				if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o600 {
					t.Errorf("Stat(%s) = %v, %v; want mode 0600", out, fi.Mode(), err)
				}
			}
			if entries, _ := os.ReadDir(dir); !tt.file && len(entries) != 0 {
				t.Errorf("--out - wrote %d files, want none (stdout only)", len(entries))
			}
			rows, err := csv.NewReader(strings.NewReader(content)).ReadAll()
			if err != nil || len(rows) == 0 || !slices.Equal(rows[0], tt.header) {
				t.Errorf("template = %q (%v), want a CSV with header %q", content, err, tt.header)
			}
		})
	}
}

// TestTemplatesAsyncProgress checks that a template made in the background
// says so on a terminal before the tool waits, and leaves a clean line for
// the closing one (stdout holds the template alone).
func TestTemplatesAsyncProgress(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	res := runTool(t, invocation{env: envFor(srv), terminal: true}, "templates", "download", "status-update", "--out", "-")
	if res.code != exitOK {
		t.Fatalf("templates download status-update = exit %d, stderr %q; want 0", res.code, res.stderr)
	}
	if !strings.Contains(res.stderr, "making the status-update template: export ") ||
		!strings.Contains(res.stderr, " \rsellercenter: wrote the status-update template to stdout (") || !strings.HasSuffix(res.stderr, " bytes)\n") {
		t.Errorf("stderr = %q, want the export's progress, then the line erased, then what was written", res.stderr)
	}
	if !strings.HasPrefix(res.stdout, "SellerSku,Status\n") {
		t.Errorf("stdout = %q, want the template", res.stdout)
	}
}

func TestTemplatesUsageErrors(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"stock"}, `"stock" is not a template`},
		{[]string{"product-removal", "--only-active"}, "--only-active does not apply to the product-removal template"},
		{[]string{"order-status-change", "--type", "order-items"}, "needs --type and --status"},
		{[]string{"order-status-change", "--type", "orders", "--status", "pending"}, `--type must be`},
		{[]string{"image-update", "--format", "pdf"}, `--format must be csv or xlsx, not "pdf"`},
		{[]string{"stock-update", "--out", " "}, "--out must name a file"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Parallel()
			args := append([]string{"templates", "download", "--out", "-"}, tt.args...)
			res := runTool(t, invocation{env: envFor(srv)}, args...)
			if res.code != exitUsage || !strings.Contains(res.stderr, tt.want) {
				t.Errorf("templates download %v = exit %d, stderr %q; want %d and %q", tt.args, res.code, res.stderr, exitUsage, tt.want)
			}
			if res.stdout != "" {
				t.Errorf("stdout = %q, want nothing", res.stdout)
			}
		})
	}
}

// TestTemplatesRefusedPair checks that a pair the API refuses is an API
// error (exit 1) whose message says why.
func TestTemplatesRefusedPair(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	res := runTool(t, invocation{env: envFor(srv)}, "templates", "download", "order-status-change", "--type", "order-items-status", "--status", "shipped", "--out", "-")
	if res.code != exitFailure || !strings.Contains(res.stderr, "cannot list status shipped") {
		t.Errorf("order-status-change order-items-status shipped = exit %d, stderr %q; want 1 and the API's reason", res.code, res.stderr)
	}
}
