package main

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// outWriters are the commands that take --out, each with the end of the
// path of the request an interruption is made to stop: the one that
// fetches what is written.
var outWriters = []struct {
	name string
	args []string // --out and its value follow
	path string
}{
	{"orders export", []string{"orders", "export"}, "/v2/orders"},
	{"manifests export", []string{"manifests", "export", "68"}, "/filemanager/v1/files/download/"},
	{"manifests document", []string{"manifests", "document", "my-4231"}, "/v2/document/manifest"},
	{"templates download", []string{"templates", "download", "stock-update"}, "/v2/template/stock-update"},
	{"templates download async", []string{"templates", "download", "stock-update-async"}, "/filemanager/v1/files/download/"},
}

// TestOutDashIsStdout checks that --out - writes to stdout for every
// command that takes --out: stdout holds the output alone, stderr says
// what was written, and no file named "-" appears.
func TestOutDashIsStdout(t *testing.T) {
	t.Parallel()
	for _, w := range outWriters {
		t.Run(w.name, func(t *testing.T) {
			t.Parallel()
			srv := newMock(t, sellercentertest.Config{})
			dir := t.TempDir()
			args := append(append([]string{}, w.args...), "--out", "-")
			res := runTool(t, invocation{env: envFor(srv)}, args...)
			wantCode(t, args, res, exitOK)
			// The same command to a file gives the bytes to expect.
			file := filepath.Join(dir, "out")
			fileArgs := append(append([]string{}, w.args...), "--out", file)
			wantCode(t, fileArgs, runTool(t, invocation{env: envFor(srv)}, fileArgs...), exitOK)
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if len(want) == 0 || res.stdout != string(want) {
				t.Errorf("sellercenter %s: stdout = %.200q, want the %d bytes --out FILE writes", strings.Join(args, " "), res.stdout, len(want))
			}
			if w.args[0] == "orders" {
				for i, line := range strings.Split(strings.TrimSuffix(res.stdout, "\n"), "\n") {
					if !json.Valid([]byte(line)) {
						t.Fatalf("line %d of stdout is not JSON: %q", i+1, line)
					}
				}
			}
			if w.name != "manifests document" && !strings.Contains(res.stderr, " to stdout") {
				t.Errorf("sellercenter %s: stderr = %q, want it to say what went to stdout", strings.Join(args, " "), res.stderr)
			}
			if _, err := os.Stat("-"); err == nil {
				t.Errorf("sellercenter %s wrote a file named -", strings.Join(args, " "))
			}
		})
	}
}

// TestOutInterrupted interrupts every --out writer, as Ctrl-C would, while
// its output is on the way: it exits 130, and the target keeps what it
// held, with no temporary file beside it.
func TestOutInterrupted(t *testing.T) {
	t.Parallel()
	for _, w := range outWriters {
		t.Run(w.name, func(t *testing.T) {
			t.Parallel()
			ctx, interrupt := context.WithCancel(context.Background())
			defer interrupt()
			srv := newMock(t, sellercentertest.Config{})
			var interrupted atomic.Bool
			env := interpose(t, srv, func(r *http.Request) {
				if !strings.Contains(r.URL.Path, w.path) || interrupted.Swap(true) {
					return
				}
				interrupt()
				// The answer is held back until the tool has given up
				// on it, as when Ctrl-C comes while it is on the way.
				select {
				case <-r.Context().Done():
				case <-time.After(10 * time.Second):
					t.Errorf("sellercenter %s went on waiting for %s after the interruption", w.name, r.URL.Path)
				}
			})
			dir := t.TempDir()
			out := filepath.Join(dir, "out")
			if err := os.WriteFile(out, []byte("before\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			args := append(append([]string{}, w.args...), "--out", out)
			res := runTool(t, invocation{env: env, ctx: ctx}, args...)
			wantCode(t, args, res, exitInterrupted)
			if !interrupted.Load() {
				t.Fatalf("sellercenter %s sent no request to %s", strings.Join(args, " "), w.path)
			}
			if !strings.Contains(res.stderr, "(interrupted)") {
				t.Errorf("sellercenter %s: stderr = %q, want it to say it was interrupted", strings.Join(args, " "), res.stderr)
			}
			if got, err := os.ReadFile(out); err != nil || string(got) != "before\n" {
				t.Errorf("after an interrupted %s the target holds %q (%v), want it unchanged", w.name, got, err)
			}
			if entries, err := os.ReadDir(dir); err != nil || len(entries) != 1 {
				t.Errorf("after an interrupted %s the directory holds %v (%v), want the target alone", w.name, entries, err)
			}
		})
	}
}

// TestCheckOut checks the --out values refused before any call.
func TestCheckOut(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tests := []struct {
		out      string
		required bool
		want     string
		err      string
	}{
		{"-", true, "-", ""},
		{" - ", false, "-", ""},
		{"", false, "", ""},
		{"", true, "", "--out must name a file, or - for stdout"},
		{"  ", true, "", "--out must name a file, or - for stdout"},
		{dir, true, "", "is a directory"},
		{filepath.Join(dir, "x.jsonl"), true, filepath.Join(dir, "x.jsonl"), ""},
	}
	for _, tt := range tests {
		got, err := checkOut(tt.out, tt.required)
		switch {
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("checkOut(%q, %v) = %q, %v; want %q", tt.out, tt.required, got, err, tt.want)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err) || exitCode(err) != exitUsage):
			t.Errorf("checkOut(%q, %v) = %v, want a usage error with %q", tt.out, tt.required, err, tt.err)
		}
	}
}

// TestOutExamples runs the --help examples of the commands that take
// --out, each on a fresh built-in mock, in a scratch directory.
func TestOutExamples(t *testing.T) {
	t.Chdir(t.TempDir())
	c := &cli{}
	for _, cmd := range []string{c.exportCommand().Example, c.manifestsExportCommand().Example, c.manifestsDocumentCommand().Example} {
		for _, line := range strings.Split(strings.TrimSpace(cmd), "\n") {
			args := strings.Fields(line)
			if len(args) < 2 || args[0] != "sellercenter" {
				t.Fatalf("example %q does not start with sellercenter", line)
			}
			if res := runTool(t, invocation{}, args[1:]...); res.code != exitOK {
				t.Errorf("%s = exit %d, stderr %q; want 0", strings.TrimSpace(line), res.code, res.stderr)
			}
		}
	}
	if _, err := os.Stat("-"); err == nil {
		t.Error("an example wrote a file named -")
	}
}

// TestHelpNamesExit130 checks that the exit-code table of the root help
// says what an interruption exits with.
func TestHelpNamesExit130(t *testing.T) {
	t.Parallel()
	res := runTool(t, invocation{}, "--help")
	wantCode(t, []string{"--help"}, res, exitOK)
	if !strings.Contains(strings.Join(strings.Fields(res.stdout), " "), "130 interrupted (Ctrl-C or SIGTERM)") {
		t.Errorf("sellercenter --help does not give exit code 130:\n%s", res.stdout)
	}
}
