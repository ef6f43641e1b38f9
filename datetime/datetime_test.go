package datetime_test

import (
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

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
	if !a.Equal(b) {
		t.Errorf("Parse(%q).Equal(%q) = false, want true", a, b)
	}
	// The text form is what query parameters carry; it must survive URL encoding.
	q := url.Values{"dateStart": {a.String()}}.Encode()
	if want := "dateStart=2021-09-22T23%3A21%3A42%2B02%3A00"; q != want {
		t.Errorf("Encode(dateStart) = %q, want %q", q, want)
	}
}

// FuzzParse checks that parsing never panics, that whatever parses comes back
// unchanged from String, so no value the API sends is rewritten, and that a
// changed value is still written in a shape Parse reads.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"2021-09-22T23:21:42.123456Z", "2021-09-22T23:21:42+02:00", "2022-09-01 16:35:42",
		"2023-05-26T17:26:50+0200", "2021-01-20", "", "2021-09-22T23:21:42.1Z",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := datetime.Parse(s)
		if err != nil {
			return
		}
		again, err := datetime.Parse(v.String())
		if err != nil {
			t.Fatalf("Parse(Parse(%q).String()) = %v, want nil", s, err)
		}
		if !again.Equal(v) || again.String() != s {
			t.Fatalf("Parse(%q) round trip = %v, want %v", s, again, v)
		}
		moved := v
		if v.IsDate() {
			moved.Time = v.Time.AddDate(0, 0, 1)
		} else {
			moved.Time = v.Time.Add(time.Second)
		}
		if moved.Year() > 9999 {
			return
		}
		back, err := datetime.Parse(moved.String())
		if err != nil {
			t.Fatalf("Parse(%q) after a change = %v, want nil", moved.String(), err)
		}
		if back.Unix() != moved.Unix() {
			t.Fatalf("Parse(%q) after a change = %v, want %v", moved.String(), back.Time, moved.Time)
		}
	})
}
