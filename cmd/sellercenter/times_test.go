package main

import (
	"strings"
	"testing"

	"github.com/sellercenter-go/sellercenter/datetime"
	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// TestDateTimeFlagsNeedAZone checks every date-time flag: a date-time
// without a zone is a usage error naming the flag and showing the value
// with a zone (in TZ and in UTC); dates and zoned date-times are accepted.
func TestDateTimeFlagsNeedAZone(t *testing.T) {
	t.Parallel()
	out := t.TempDir() + "/orders.jsonl"
	commands := []struct {
		args []string
		flag string
	}{
		{[]string{"orders", "list", "--created-after"}, "--created-after"},
		{[]string{"orders", "list", "--created-before"}, "--created-before"},
		{[]string{"orders", "export", "--out", out, "--created-after"}, "--created-after"},
		{[]string{"manifests", "list", "--created-before"}, "--created-before"},
		{[]string{"finance", "transactions", "--from"}, "--from"},
		{[]string{"finance", "transactions", "--to"}, "--to"},
	}
	for _, cmd := range commands {
		t.Run(strings.Join(cmd.args, " "), func(t *testing.T) {
			t.Parallel()
			srv := newMock(t, sellercentertest.Config{})
			env := envFor(srv)
			env["TZ"] = "Asia/Kuala_Lumpur"
			for _, v := range []string{"2024-10-01T08:00:00", "2024-10-01 08:00:00", "2024-10-01T08:00:00.5"} {
				args := append(append([]string{}, cmd.args...), v)
				res := runTool(t, invocation{env: env}, args...)
				wantCode(t, args, res, exitUsage)
				for _, want := range []string{cmd.flag + ` "` + v + `" has no time zone`, "2024-10-01T08:00:00+08:00 (local time)", "2024-10-01T08:00:00Z (UTC)"} {
					if !strings.Contains(res.stderr, want) {
						t.Errorf("sellercenter %s: stderr = %q, want it to contain %q", strings.Join(args, " "), res.stderr, want)
					}
				}
				if srv.Count("listOrders")+srv.Count("listManifests")+srv.Count("listTransactions") != 0 {
					t.Errorf("sellercenter %s called the API", strings.Join(args, " "))
				}
			}
			for _, v := range []string{"2024-10-01", "2024-10-01T08:00:00+08:00", "2024-10-01T00:00:00Z", "2024-10-01T08:00:00+0800"} {
				args := append(append([]string{}, cmd.args...), v)
				if res := runTool(t, invocation{env: env}, args...); res.code != exitOK {
					t.Errorf("sellercenter %s = exit %d (stderr %q), want 0", strings.Join(args, " "), res.code, res.stderr)
				}
			}
		})
	}
}

// TestTableTimesInTZ checks that tables show times in TZ with the offset,
// and that JSON keeps the API's text whatever TZ says.
func TestTableTimesInTZ(t *testing.T) {
	t.Parallel()
	srv := newMock(t, sellercentertest.Config{})
	tests := []struct {
		tz, want, stderr string
	}{
		// Order 1001 was created at 2024-10-01T02:15:00.123456Z.
		{"Asia/Kuala_Lumpur", "2024-10-01 10:15 +08:00", ""},
		{"UTC", "2024-10-01 02:15 +00:00", ""},
		{"America/New_York", "2024-09-30 22:15 -04:00", ""},
		{":Asia/Kolkata", "2024-10-01 07:45 +05:30", ""},
		{"Nowhere/Atlantis", "2024-10-01 02:15 +00:00", `sellercenter: TZ "Nowhere/Atlantis" is not a known time zone; showing times in UTC` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.tz, func(t *testing.T) {
			t.Parallel()
			env := envFor(srv)
			env["TZ"] = tt.tz
			res := runTool(t, invocation{env: env}, "orders", "list", "--limit", "1")
			wantCode(t, []string{"orders", "list"}, res, exitOK)
			if !strings.Contains(res.stdout, "MY-32001001  "+tt.want+"  ") {
				t.Errorf("TZ=%s orders list:\n%s\nwant order 1001 created %s", tt.tz, res.stdout, tt.want)
			}
			if !strings.HasPrefix(res.stderr, tt.stderr) || (tt.stderr == "" && strings.Contains(res.stderr, "TZ")) {
				t.Errorf("TZ=%s stderr = %q, want it to start with %q", tt.tz, res.stderr, tt.stderr)
			}
			res = runTool(t, invocation{env: env}, "orders", "get", "1001", "-o", "json")
			wantCode(t, []string{"orders", "get"}, res, exitOK)
			if !strings.Contains(res.stdout, `"createdAt": "2024-10-01T02:15:00.123456Z"`) {
				t.Errorf("TZ=%s orders get -o json changed the API's createdAt:\n%s", tt.tz, res.stdout)
			}
		})
	}
}

// TestWhen checks the cell of each shape the API sends.
func TestWhen(t *testing.T) {
	t.Parallel()
	c := &cli{getenv: func(k string) string {
		if k == "TZ" {
			return "Asia/Kuala_Lumpur"
		}
		return ""
	}}
	tests := []struct {
		in, table, csv string
	}{
		{"2024-10-01T02:15:00Z", "2024-10-01 10:15 +08:00", "2024-10-01T02:15:00Z"},
		{"2024-10-01T02:15:00.123+02:00", "2024-10-01 08:15 +08:00", "2024-10-01T02:15:00.123+02:00"},
		{"2023-05-26T17:26:50+0200", "2023-05-26 23:26 +08:00", "2023-05-26T17:26:50+0200"},
		// No zone in the text: shown as written, never converted.
		{"2022-09-01 16:35:42", "2022-09-01 16:35", "2022-09-01 16:35:42"},
		{"2024-10-01", "2024-10-01", "2024-10-01"},
		{"", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			var v datetime.Time
			if tt.in != "" {
				var err error
				if v, err = datetime.Parse(tt.in); err != nil {
					t.Fatal(err)
				}
			}
			table := *c
			table.output = formatTable
			if got := table.when(v); got != tt.table {
				t.Errorf("when(%q) = %q in a table, want %q", tt.in, got, tt.table)
			}
			csv := *c
			csv.output = formatCSV
			if got := csv.when(v); got != tt.csv {
				t.Errorf("when(%q) = %q in CSV, want %q", tt.in, got, tt.csv)
			}
		})
	}
}
