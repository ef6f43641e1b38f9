package datetime_test

import (
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/oapi-codegen/runtime"

	"github.com/sellercenter-go/sellercenter/datetime"
)

func TestParseShapes(t *testing.T) {
	t.Parallel()
	plus2 := time.FixedZone("", 2*3600)
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2021-09-22T23:21:42.123456Z", time.Date(2021, 9, 22, 23, 21, 42, 123456000, time.UTC)},
		{"2021-09-22T23:21:42+02:00", time.Date(2021, 9, 22, 23, 21, 42, 0, plus2)},
		{"2024-01-01T22:00:00.000Z", time.Date(2024, 1, 1, 22, 0, 0, 0, time.UTC)},
		{"2022-12-23T05:36:23Z", time.Date(2022, 12, 23, 5, 36, 23, 0, time.UTC)},
		{"2023-03-28T04:00:00+00:00", time.Date(2023, 3, 28, 4, 0, 0, 0, time.UTC)},
		{"2022-09-01 16:35:42", time.Date(2022, 9, 1, 16, 35, 42, 0, time.UTC)},
		{"2022-09-01 16:35:42.5", time.Date(2022, 9, 1, 16, 35, 42, 5e8, time.UTC)},
		{"2023-05-26T17:26:50+0200", time.Date(2023, 5, 26, 17, 26, 50, 0, plus2)},
		{"2023-05-26T17:26:50.25-0300", time.Date(2023, 5, 26, 17, 26, 50, 25e7, time.FixedZone("", -3*3600))},
		{"2023-05-26T17:26:50", time.Date(2023, 5, 26, 17, 26, 50, 0, time.UTC)},
		{"2021-01-20", time.Date(2021, 1, 20, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := datetime.Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q) = %v, want nil error", tt.in, err)
			}
			if !got.Time.Equal(tt.want) {
				t.Errorf("Parse(%q) = %v, want %v", tt.in, got.Time, tt.want)
			}
			if s := got.String(); s != tt.in {
				t.Errorf("Parse(%q).String() = %q, want the input back", tt.in, s)
			}
			// JSON round trip keeps the shape.
			var v datetime.Time
			raw := `"` + tt.in + `"`
			if err := json.Unmarshal([]byte(raw), &v); err != nil {
				t.Fatalf("Unmarshal(%s) = %v, want nil", raw, err)
			}
			b, err := json.Marshal(v)
			if err != nil || string(b) != raw {
				t.Errorf("Marshal(Unmarshal(%s)) = %s, %v, want %s", raw, b, err, raw)
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		"", "yesterday", "2021-13-01", "2021-02-30T00:00:00Z", "22-09-2021",
		"1632352902", "2021-09-22T25:00:00Z", strings.Repeat("9", 500),
	} {
		_, err := datetime.Parse(in)
		if !errors.Is(err, datetime.ErrFormat) {
			t.Errorf("Parse(%q) = %v, want ErrFormat", in, err)
		}
		if err != nil && len(err.Error()) > 120 {
			t.Errorf("Parse(%q) error is %d bytes, want a short message", in[:10], len(err.Error()))
		}
	}
}

func TestUnmarshalJSON(t *testing.T) {
	t.Parallel()
	type doc struct {
		At  datetime.Time  `json:"at"`
		Opt *datetime.Time `json:"opt"`
	}
	tests := []struct {
		in      string
		wantErr bool
		zero    bool
		optNil  bool
	}{
		{in: `{"at":"2021-09-22T23:21:42Z","opt":null}`, optNil: true},
		{in: `{"at":null,"opt":"2021-01-20"}`, zero: true},
		{in: `{"at":""}`, zero: true, optNil: true},
		{in: `{"at":1632352902}`, wantErr: true},
		{in: `{"at":"2021-09-22T23:21:42\u005a"}`, wantErr: true},
		{in: `{"at":"not a date"}`, wantErr: true},
		{in: `{"at":true}`, wantErr: true},
	}
	for _, tt := range tests {
		var d doc
		err := json.Unmarshal([]byte(tt.in), &d)
		if (err != nil) != tt.wantErr {
			t.Errorf("Unmarshal(%s) = %v, want error %v", tt.in, err, tt.wantErr)
			continue
		}
		if tt.wantErr {
			if !errors.Is(err, datetime.ErrFormat) {
				t.Errorf("Unmarshal(%s) = %v, want ErrFormat", tt.in, err)
			}
			continue
		}
		if d.At.IsZero() != tt.zero {
			t.Errorf("Unmarshal(%s).At.IsZero() = %v, want %v", tt.in, d.At.IsZero(), tt.zero)
		}
		if (d.Opt == nil) != tt.optNil {
			t.Errorf("Unmarshal(%s).Opt = %v, want nil %v", tt.in, d.Opt, tt.optNil)
		}
	}
}

func TestNewAndDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   datetime.Time
		want string
	}{
		{"whole seconds", datetime.New(time.Date(2022, 12, 11, 8, 46, 12, 0, time.UTC)), "2022-12-11T08:46:12Z"},
		{"fraction", datetime.New(time.Date(2022, 12, 11, 8, 46, 12, 123456000, time.UTC)), "2022-12-11T08:46:12.123456Z"},
		{"offset", datetime.New(time.Date(2022, 12, 11, 8, 46, 12, 0, time.FixedZone("", 8*3600))), "2022-12-11T08:46:12+08:00"},
		{"date", datetime.Date(2022, 12, 11), "2022-12-11"},
		{"zero", datetime.Time{}, ""},
	}
	for _, tt := range tests {
		if got := tt.in.String(); got != tt.want {
			t.Errorf("%s: String() = %q, want %q", tt.name, got, tt.want)
		}
		b, _ := tt.in.MarshalText()
		if string(b) != tt.want {
			t.Errorf("%s: MarshalText() = %q, want %q", tt.name, b, tt.want)
		}
	}
	if d := datetime.Date(2022, 12, 11); !d.IsDate() {
		t.Errorf("Date(2022, 12, 11).IsDate() = false, want true")
	}
	if d := datetime.New(time.Now()); d.IsDate() {
		t.Errorf("New(now).IsDate() = true, want false")
	}
	a, _ := datetime.Parse("2021-09-22T23:21:42+02:00")
	b, _ := datetime.Parse("2021-09-22 21:21:42")
	if !a.Equal(b.Time) {
		t.Errorf("Parse(%q).Equal(%q) = false, want true", a, b)
	}
	// The text form is what query parameters carry; it must survive URL encoding.
	q := url.Values{"dateStart": {a.String()}}.Encode()
	if want := "dateStart=2021-09-22T23%3A21%3A42%2B02%3A00"; q != want {
		t.Errorf("Encode(dateStart) = %q, want %q", q, want)
	}
}

// replaced returns the value Parse reads from s with its moment replaced by
// t, which is then written in the shape of s.
func replaced(t *testing.T, s string, at time.Time) datetime.Time {
	t.Helper()
	v, err := datetime.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	v.Time = at
	return v
}

func TestMarshalRange(t *testing.T) {
	t.Parallel()
	utc := time.UTC
	plus1, minus1 := time.FixedZone("", 3600), time.FixedZone("", -3600)
	tests := []struct {
		name string
		in   datetime.Time
		want string // the text, or empty when ErrRange is wanted
	}{
		{"year 10000", datetime.New(time.Date(10000, 1, 1, 0, 0, 0, 0, utc)), ""},
		{"year -1", datetime.New(time.Date(-1, 12, 31, 0, 0, 0, 0, utc)), ""},
		{"date in year 10000", datetime.Date(10000, 1, 1), ""},
		{"space shape moved past 9999", replaced(t, "9999-12-31 23:59:59", time.Date(10000, 1, 1, 0, 0, 0, 0, utc)), ""},
		{"year 10000 only in the offset's zone", datetime.New(time.Date(9999, 12, 31, 23, 30, 0, 0, utc).In(plus1)), ""},
		{"offset with seconds", datetime.New(time.Date(2020, 1, 1, 0, 0, 0, 0, time.FixedZone("", 3600+30))), ""},
		{"offset of a day", datetime.New(time.Date(2020, 1, 1, 0, 0, 0, 0, time.FixedZone("", 24*3600))), ""},
		{"no-colon shape with a 25h offset", replaced(t, "2023-05-26T17:26:50+0200", time.Date(2023, 5, 26, 0, 0, 0, 0, time.FixedZone("", -25*3600))), ""},
		{"year 0", datetime.New(time.Date(0, 1, 1, 0, 0, 0, 0, utc)), "0000-01-01T00:00:00Z"},
		{"year 9999", datetime.New(time.Date(9999, 12, 31, 23, 59, 59, 999999999, utc)), "9999-12-31T23:59:59.999999999Z"},
		{"year 10000 in UTC, 9999 in the offset's zone", datetime.New(time.Date(10000, 1, 1, 0, 30, 0, 0, utc).In(minus1)), "9999-12-31T23:30:00-01:00"},
		{"offset 23:59", datetime.New(time.Date(2020, 1, 1, 0, 0, 0, 0, time.FixedZone("", 24*3600-60))), "2020-01-01T00:00:00+23:59"},
		{"space shape moved within 9999", replaced(t, "9999-12-31 23:59:58", time.Date(9999, 12, 31, 23, 59, 59, 0, utc)), "9999-12-31 23:59:59"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			text, err := tt.in.MarshalText()
			j, jerr := json.Marshal(tt.in)
			if tt.want == "" {
				if !errors.Is(err, datetime.ErrRange) || !errors.Is(jerr, datetime.ErrRange) {
					t.Fatalf("MarshalText() = %q, %v; json.Marshal = %s, %v; want ErrRange from both", text, err, j, jerr)
				}
				if !strings.HasPrefix(err.Error(), "datetime: ") || strings.Count(err.Error(), "datetime:") != 1 {
					t.Errorf("MarshalText() error %q, want the package name once, first", err)
				}
				// String still shows the value, for messages such as this one.
				if s := tt.in.String(); s == "" || !strings.Contains(err.Error(), s) {
					t.Errorf("String() = %q, error %q; want the value shown in both", s, err)
				}
				return
			}
			if err != nil || string(text) != tt.want || jerr != nil || string(j) != `"`+tt.want+`"` {
				t.Fatalf("MarshalText() = %q, %v; json.Marshal = %s, %v; want %q", text, err, j, jerr, tt.want)
			}
			back, err := datetime.Parse(string(text))
			if err != nil || !back.Equal(tt.in.Time) {
				t.Errorf("Parse(%q) = %v, %v; want %v", text, back, err, tt.in.Time)
			}
		})
	}
}

// TestRequestsRefuseOutOfRange builds a query parameter the way the
// generated client does (both option sets it uses for date-time filters)
// and a JSON body: each must fail with ErrRange, not send "10000-...".
func TestRequestsRefuseOutOfRange(t *testing.T) {
	t.Parallel()
	bad := datetime.New(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC))
	good := datetime.New(time.Date(2021, 9, 22, 23, 21, 42, 0, time.UTC))
	type body struct {
		At  datetime.Time  `json:"at"`
		Opt *datetime.Time `json:"opt,omitempty"`
	}
	query := func(opts runtime.StyleParamOptions) func(datetime.Time) (string, error) {
		return func(v datetime.Time) (string, error) {
			return runtime.StyleParamWithOptions("form", true, "dateStart", v, opts)
		}
	}
	tests := []struct {
		name string
		make func(datetime.Time) (string, error)
		want string // what good makes
		// unwrapped is set where encoding/json flattens the error to text.
		unwrapped bool
	}{
		{"query, untyped", query(runtime.StyleParamOptions{ParamLocation: runtime.ParamLocationQuery}),
			"dateStart=2021-09-22T23%3A21%3A42Z", false},
		{"query, string date-time", query(runtime.StyleParamOptions{ParamLocation: runtime.ParamLocationQuery, Type: "string", Format: "date-time"}),
			"dateStart=2021-09-22T23%3A21%3A42Z", false},
		{"JSON field", func(v datetime.Time) (string, error) {
			b, err := json.Marshal(body{At: v})
			return string(b), err
		}, `{"at":"2021-09-22T23:21:42Z"}`, false},
		{"JSON pointer field", func(v datetime.Time) (string, error) {
			b, err := json.Marshal(body{At: good, Opt: &v})
			return string(b), err
		}, `{"at":"2021-09-22T23:21:42Z","opt":"2021-09-22T23:21:42Z"}`, false},
		{"JSON map key", func(v datetime.Time) (string, error) {
			b, err := json.Marshal(map[datetime.Time]int{v: 1})
			return string(b), err
		}, `{"2021-09-22T23:21:42Z":1}`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got, err := tt.make(good); err != nil || got != tt.want {
				t.Errorf("with %v = %q, %v; want %q", good, got, err, tt.want)
			}
			got, err := tt.make(bad)
			if tt.unwrapped && err != nil && strings.Contains(err.Error(), datetime.ErrRange.Error()) {
				return
			}
			if !errors.Is(err, datetime.ErrRange) {
				t.Errorf("with %v = %q, %v; want ErrRange", bad, got, err)
			}
		})
	}
}

// FuzzParse checks that parsing never panics; that whatever parses comes
// back unchanged from String, MarshalText and MarshalJSON, so no value the
// API sends is rewritten; and that any moment, in any zone, put into that
// value (or into New's when s does not parse) is either refused with
// ErrRange, for a reason, or written as text Parse reads back as the moment
// the shape holds: the wall clock for shapes without a zone, whole seconds
// for shapes without a fraction, the day for dates.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"2021-09-22T23:21:42.123456Z", "2021-09-22T23:21:42+02:00", "2022-09-01 16:35:42",
		"2023-05-26T17:26:50+0200", "2021-01-20", "", "2021-09-22T23:21:42.1Z",
		"9999-12-31 23:59:59", "2023-05-26T17:26:50.25-0300",
	} {
		f.Add(s, int64(1632352902), uint32(123456789), int32(2*3600))
	}
	f.Add("9999-12-31T23:59:59Z", int64(253402300799), uint32(0), int32(3600))
	f.Add("", int64(-62167219200), uint32(0), int32(-60))
	f.Fuzz(func(t *testing.T, s string, sec int64, nsec uint32, offset int32) {
		v, err := datetime.Parse(s)
		if want, ok := parseAny(s); ok != (err == nil) || (ok && (!v.Time.Equal(want) || v.Time.Location().String() != want.Location().String())) {
			t.Fatalf("Parse(%q) = %v, %v; time.Parse with the first layout that fits gives %v, %v", s, v.Time, err, want, ok)
		}
		if err == nil {
			if got := v.String(); got != s {
				t.Fatalf("Parse(%q).String() = %q, want the input", s, got)
			}
			if b, err := v.MarshalText(); err != nil || string(b) != s {
				t.Fatalf("Parse(%q).MarshalText() = %q, %v; want the input", s, b, err)
			}
			if b, err := json.Marshal(v); err != nil || string(b) != `"`+s+`"` {
				t.Fatalf("json.Marshal(Parse(%q)) = %s, %v; want the input quoted", s, b, err)
			}
			checkWritten(t, v)
			moved := v
			if v.IsDate() {
				moved.Time = v.Time.AddDate(0, 0, 1)
			} else {
				moved.Time = v.Time.Add(time.Second)
			}
			checkWritten(t, moved)
		} else if !errors.Is(err, datetime.ErrFormat) {
			t.Fatalf("Parse(%q) = %v, want ErrFormat", s, err)
		} else {
			v = datetime.New(time.Time{})
		}
		// 2^40 s is about 35,000 years either side of 1970, far past both
		// limits, and clear of the int64 overflow time.Unix warns about.
		v.Time = time.Unix(sec%(1<<40), int64(nsec%1e9)).In(time.FixedZone("", int(offset)))
		checkWritten(t, v)
	})
}

// parseAny is what Parse reads, by brute force: the first of the layouts
// the package documents that time.Parse accepts s with.
func parseAny(s string) (time.Time, bool) {
	for _, l := range []string{time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02 15:04:05.999999999",
		"2006-01-02T15:04:05-0700", "2006-01-02T15:04:05.999999999-0700", "2006-01-02T15:04:05",
		"2006-01-02T15:04:05.999999999", time.DateOnly} {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// checkWritten checks that v marshals the same as text and as JSON, that
// what it writes reads back as the moment its shape holds, and that it is
// refused only when it must be.
func checkWritten(t *testing.T, v datetime.Time) {
	t.Helper()
	b, err := v.MarshalText()
	j, jerr := json.Marshal(v)
	if err != nil {
		y := v.Time.Year()
		_, off := v.Time.Zone()
		switch {
		case !errors.Is(err, datetime.ErrRange) || !errors.Is(jerr, datetime.ErrRange):
			t.Fatalf("MarshalText(%v) = %v, json.Marshal = %v; want ErrRange from both", v, err, jerr)
		case 0 <= y && y <= 9999 && off%60 == 0 && -24*3600 < off && off < 24*3600:
			t.Fatalf("MarshalText(%v) = %v for year %d, offset %ds, which every shape can write", v, err, y, off)
		case v.String() == "":
			t.Fatalf("String() of a refused value is empty, want text for messages")
		}
		return
	}
	if jerr != nil || string(j) != `"`+string(b)+`"` {
		t.Fatalf("json.Marshal(%v) = %s, %v; want MarshalText's %q quoted", v, j, jerr, b)
	}
	var back datetime.Time
	if err := back.UnmarshalText(b); err != nil {
		t.Fatalf("MarshalText wrote %q, which Parse does not read: %v", b, err)
	}
	var fromJSON datetime.Time
	if err := json.Unmarshal(j, &fromJSON); err != nil || !fromJSON.Equal(back.Time) {
		t.Fatalf("json.Unmarshal(%s) = %v, %v; want %v", j, fromJSON, err, back)
	}
	text := string(b)
	want := v.Time
	if text != "" {
		w := v.Time // the wall clock the text shows
		if v.IsDate() {
			want = time.Date(w.Year(), w.Month(), w.Day(), 0, 0, 0, 0, time.UTC)
		} else if !strings.ContainsAny(text[len("2006-01-02"):], "Z+-") {
			want = time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), w.Nanosecond(), time.UTC)
		}
		if !strings.ContainsAny(text, ".,") {
			want = want.Add(-time.Duration(want.Nanosecond()))
		}
	}
	if !back.Time.Equal(want) {
		t.Fatalf("%v written as %q reads back as %v, want %v", v.Time, text, back.Time, want)
	}
}

// Time keeps the methods of the time.Time it embeds: none is hidden by one
// of the same name and another signature (Equal once took a Time, so
// t.Equal(time.Now()) did not compile).
var (
	_ func(time.Time) bool          = datetime.Time{}.Equal
	_ func(time.Time) bool          = datetime.Time{}.Before
	_ func(time.Time) bool          = datetime.Time{}.After
	_ func(time.Time) int           = datetime.Time{}.Compare
	_ func(time.Time) time.Duration = datetime.Time{}.Sub
)

// BenchmarkUnmarshalJSON decodes the shapes the API sends most: none
// allocates, as formatting gives their text back; "+00:00" has to keep its
// text, which costs the one copy.
func BenchmarkUnmarshalJSON(b *testing.B) {
	for _, s := range []string{"2021-09-22T23:21:42.123456Z", "2022-09-01 16:35:42", "2021-09-22T23:21:42+00:00"} {
		in := []byte(`"` + s + `"`)
		b.Run(s, func(b *testing.B) {
			b.ReportAllocs()
			var v datetime.Time
			for b.Loop() {
				if err := v.UnmarshalJSON(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestMapKeyKeepsShape: a Time as a JSON map key is written in the shape it
// was read in, whichever of MarshalText and AppendText the encoder calls
// (encoding/json built with GOEXPERIMENT=jsonv2 prefers AppendText, which
// time.Time would otherwise supply).
func TestMapKeyKeepsShape(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"2022-09-01 16:35:42", "2021-09-22T23:21:42+00:00", "2021-01-20", "2023-05-26T17:26:50+0200"} {
		t.Run(s, func(t *testing.T) {
			t.Parallel()
			v, err := datetime.Parse(s)
			if err != nil {
				t.Fatal(err)
			}
			if b, err := v.AppendText([]byte("x")); err != nil || string(b) != "x"+s {
				t.Errorf("AppendText(x) = %q, %v; want %q", b, err, "x"+s)
			}
			b, err := json.Marshal(map[datetime.Time]int{v: 1})
			if want := `{"` + s + `":1}`; err != nil || string(b) != want {
				t.Errorf("json.Marshal(map key) = %s, %v; want %s", b, err, want)
			}
		})
	}
}
