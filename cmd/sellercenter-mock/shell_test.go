package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// binDir holds the binaries the shell tests built; TestMain removes it.
var binDir string

// binaries builds sellercenter and sellercenter-mock once for the shell
// tests, which run them as a user's shell would.
var binaries = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "sellercenter-mock-shell-")
	if err != nil {
		return "", err
	}
	binDir = dir
	goBin, err := exec.LookPath("go")
	if err != nil {
		return "", err
	}
	cmd := exec.Command(goBin, "build", "-o", dir+string(filepath.Separator), "../sellercenter", ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", &buildError{out: string(out), err: err}
	}
	return dir, nil
})

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

type buildError struct {
	out string
	err error
}

func (e *buildError) Error() string { return "go build: " + e.err.Error() + "\n" + e.out }

// waitFor is the shell function the scripts use to wait until the mock in
// the background has written its env file, for at most 30 seconds.
const waitFor = `
wait_for() {
	i=0
	until [ -f "$1" ]; do
		i=$((i+1))
		if [ "$i" -gt 300 ]; then echo "the mock wrote no $1 in 30s" >&2; cat "$T/mock.log" >&2; exit 1; fi
		sleep 0.1
	done
}
`

// TestShellSession runs the two documented ways of configuring the CLI
// from the mock in bash, and a workflow whose state carries from one CLI
// run to the next: ready-to-ship, then ship, then the item's status.
func TestShellSession(t *testing.T) {
	t.Parallel()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Fatalf("bash is needed to prove the mock's shell use: %v", err)
	}
	bin, err := binaries()
	if err != nil {
		t.Fatal(err)
	}
	workflow := `
"$CLI" orders ready-to-ship 5003 --provider 'J&T Express' --tracking JT630000000001
"$CLI" orders ship 5003
"$CLI" orders items 1002 -o jsonl
`
	tests := []struct {
		name, script string
	}{
		{"eval print-env", waitFor + `
"$MOCK" -rate-limit 0 -env-file "$T/serving" >"$T/mock.out" 2>"$T/mock.log" &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
wait_for "$T/serving"
# The port the mock picked stands for the fixed one a user would give both
# commands; reserving a port for the test instead could race.
PORT=$(sed -n 's#^export SELLERCENTER_BASE_URL=http://127\.0\.0\.1:\([0-9]*\)/api$#\1#p' "$T/serving")
[ -n "$PORT" ] || { echo "no port in $T/serving" >&2; exit 1; }
eval "$("$MOCK" -print-env -addr "127.0.0.1:$PORT")"
[ "$SELLERCENTER_BASE_URL" = "http://127.0.0.1:$PORT/api" ] || { echo "SELLERCENTER_BASE_URL=$SELLERCENTER_BASE_URL"; exit 1; }
` + workflow},
		{"source env-file", waitFor + `
"$MOCK" -rate-limit 0 -env-file "$T/sc.env" >"$T/mock.out" 2>"$T/mock.log" &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
wait_for "$T/sc.env"
. "$T/sc.env"
` + workflow + `
kill $pid
wait $pid
trap - EXIT
if [ -e "$T/sc.env" ]; then echo "the mock left $T/sc.env behind" >&2; exit 1; fi
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command(bash, "-eu", "-c", tt.script)
			cmd.Env = append(cleanEnv(), "MOCK="+filepath.Join(bin, "sellercenter-mock"), "CLI="+filepath.Join(bin, "sellercenter"),
				"T="+t.TempDir())
			var stdout, stderr strings.Builder
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("bash: %v\nstdout:\n%s\nstderr:\n%s", err, stdout.String(), stderr.String())
			}
			if strings.Contains(stderr.String(), "built-in") {
				t.Errorf("the CLI fell back to its built-in mock; stderr:\n%s", stderr.String())
			}
			if want := "ITEM  STATUS\n5003  ready_to_ship\nITEM  STATUS\n5003  shipped\n"; !strings.HasPrefix(stdout.String(), want) {
				t.Errorf("stdout starts %q, want %q", stdout.String(), want)
			}
			if !strings.Contains(stdout.String(), `"status":"shipped"`) || !strings.Contains(stdout.String(), `"trackingCode":"JT630000000001"`) {
				t.Errorf("orders items 1002 = %q, want 5003 shipped with its tracking code", stdout.String())
			}
		})
	}
}

// cleanEnv is the test's environment without SELLERCENTER_* settings, so
// only what the script evaluates configures the CLI.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "SELLERCENTER_") {
			env = append(env, kv)
		}
	}
	return env
}
