package main

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// TestListAllProgress checks the --all listings' progress line: drawn on a
// terminal only, erased at the end and followed by the total and the rate,
// with the rows on stdout untouched.
func TestListAllProgress(t *testing.T) {
	t.Parallel()
	lists := []struct {
		args []string
		what string
		rows int // 0: only check that some were listed
	}{
		{[]string{"orders", "list", "--all", "-o", "jsonl"}, "orders", 250},
		{[]string{"manifests", "list", "--all", "-o", "jsonl"}, "manifests", 0},
		{[]string{"brands", "--all", "-o", "jsonl"}, "brands", 0},
	}
	for _, tt := range lists {
		for _, terminal := range []bool{false, true} {
			name := strings.Join(tt.args[:2], " ") + map[bool]string{false: ", pipe", true: ", terminal"}[terminal]
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				srv := newMock(t, sellercentertest.Config{Empty: tt.rows > 0})
				if tt.rows > 0 {
					addOrders(t, srv, tt.rows, time.Date(2024, 11, 1, 8, 0, 0, 0, time.UTC))
				}
				res := runTool(t, invocation{env: envFor(srv), terminal: terminal}, tt.args...)
				wantCode(t, tt.args, res, exitOK)
				rows := strings.Count(res.stdout, "\n")
				if tt.rows > 0 && rows != tt.rows || rows == 0 {
					t.Fatalf("sellercenter %s printed %d rows, want %d", strings.Join(tt.args, " "), rows, tt.rows)
				}
				if !terminal {
					if res.stderr != "" {
						t.Errorf("sellercenter %s stderr = %q, want nothing off a terminal", strings.Join(tt.args, " "), res.stderr)
					}
					return
				}
				if !strings.Contains(res.stderr, "\rlisting "+tt.what+": 1 so far") {
					t.Errorf("sellercenter %s stderr = %q, want the progress line", strings.Join(tt.args, " "), res.stderr)
				}
				noun := tt.what
				if rows == 1 {
					noun = singular(noun)
				}
				total := regexp.MustCompile(`\r\s*\rsellercenter: listed (\d+) ` + noun + ` in [0-9.]+m?s(, \d+/s)?\n$`).FindStringSubmatch(res.stderr)
				if total == nil || total[1] != strconv.Itoa(rows) {
					t.Errorf("sellercenter %s stderr = %q, want the line erased, then the total of %d with the rate", strings.Join(tt.args, " "), res.stderr, rows)
				}
			})
		}
	}
}
