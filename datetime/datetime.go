// Package datetime holds Time, the date-time type of every SellerCenter
// timestamp field and filter.
//
// The API is not consistent about how it writes a moment: RFC 3339 with or
// without fractional seconds, a space-separated form without a zone
// ("2022-09-01 16:35:42"), an offset without a colon from the legacy XML
// endpoints ("2023-05-26T17:26:50+0200"), and plain dates ("2021-01-20") in
// some filters. Time decodes all of them and writes a value back in the shape
// it was read in, so a round trip never changes what the API sees.
//
// Every shape has a four-digit year, so a Time whose year is outside 0 to
// 9999 cannot be written: MarshalText and MarshalJSON refuse it with
// ErrRange, as time.Time's MarshalJSON does, rather than send text that
// neither the API nor Parse reads.
package datetime

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"
	"unsafe"

	"github.com/sellercenter-go/sellercenter/internal/oneline"
)

// Layouts the API is known to send, tried in this order.
const (
	layoutRFC3339  = time.RFC3339Nano
	layoutSpace    = "2006-01-02 15:04:05"
	layoutSpaceFr  = "2006-01-02 15:04:05.999999999"
	layoutNoColon  = "2006-01-02T15:04:05-0700"
	layoutNoColFr  = "2006-01-02T15:04:05.999999999-0700"
	layoutNoZone   = "2006-01-02T15:04:05"
	layoutNoZoneFr = "2006-01-02T15:04:05.999999999"
	layoutDate     = time.DateOnly
)

var layouts = [...]string{
	layoutRFC3339, layoutSpace, layoutSpaceFr, layoutNoColon, layoutNoColFr,
	layoutNoZone, layoutNoZoneFr, layoutDate,
}

// zoned reports whether layout writes the zone offset.
func zoned(layout string) bool {
	return layout == layoutRFC3339 || layout == layoutNoColon || layout == layoutNoColFr
}

// Time is a moment as the SellerCenter API writes it. It embeds time.Time, so
// every method of time.Time works on it; it also keeps the text it was parsed
// from, so marshalling writes exactly that text back (fraction digits and
// "+00:00" versus "Z" included). It keeps the layout that parsed the text,
// and the text itself only when formatting with that layout would not give
// it back, so decoding the usual shapes allocates nothing. If the embedded
// time.Time is replaced, the new value is written in the shape of the old
// one.
//
// Values without a zone in the text (the space-separated and date-only
// shapes) are read as UTC; the API does not say which zone they are in.
//
// Compare values with Equal, not ==: two Times for the same moment may come
// from different text.
//
// The zero Time marshals as the empty string, and an empty JSON string or
// JSON null unmarshals into the zero Time. A Time that no shape can hold
// (see ErrRange) does not marshal at all.
type Time struct {
	time.Time
	layout string    // layout that parsed the text, or the one to format with
	raw    string    // text it was parsed from, when formatting would change it
	parsed time.Time // what raw parsed to, to tell whether Time was replaced
}

// ErrFormat is the class of every parse failure; test for it with errors.Is.
var ErrFormat = errors.New("datetime: unrecognised date-time format")

// ErrRange is the class of every marshalling failure: a year outside 0 to
// 9999 in the zone the value is written in, or, for a shape that writes the
// zone, an offset that is not whole minutes within a day, which the text
// could not carry without changing the moment. Test for it with errors.Is.
var ErrRange = errors.New("datetime: time cannot be written in the API's format")

// New returns t as a Time that marshals as RFC 3339 with fractional seconds
// only when they are non-zero, the shape the API accepts in requests, in
// t's zone. Marshalling it fails with ErrRange if, in that zone, the year
// is outside 0 to 9999, or if the zone's offset is not whole minutes within
// a day.
func New(t time.Time) Time { return Time{Time: t} }

// Date returns the calendar day as a Time that marshals as "2006-01-02", the
// shape the API's date filters accept; the API then covers the whole day.
func Date(year int, month time.Month, day int) Time {
	return Time{Time: time.Date(year, month, day, 0, 0, 0, 0, time.UTC), layout: layoutDate}
}

// Parse reads s in any of the shapes the API sends.
func Parse(s string) (Time, error) { return parse(s, true) }

// parse is Parse; owned says whether s may be kept, or must be copied if
// the value needs its text.
func parse(s string, owned bool) (Time, error) {
	for _, l := range layouts {
		// Every layout has fixed-width digits up to the day, so a layout
		// with another byte after it cannot match; skipping it saves the
		// error time.Parse would allocate.
		if after(l) != after(s) {
			continue
		}
		t, err := time.Parse(l, s)
		if err != nil {
			continue
		}
		v := Time{Time: t, layout: l}
		var buf [64]byte
		if out, err := v.appendText(buf[:0]); err != nil || string(out) != s {
			if !owned {
				s = strings.Clone(s)
			}
			v.raw, v.parsed = s, t
		}
		return v, nil
	}
	return Time{}, fmt.Errorf("%w: %q", ErrFormat, truncate(strings.Clone(s)))
}

// after returns the byte after the date in s, 0 if there is none.
func after(s string) byte {
	if len(s) > len(layoutDate) {
		return s[len(layoutDate)]
	}
	return 0
}

// IsDate reports whether t is a calendar day without a time of day, as made
// by Date or parsed from "2006-01-02".
func (t Time) IsDate() bool { return t.layout == layoutDate }

// String returns t in the shape it was read in, or RFC 3339 for values made
// with New; the zero Time is the empty string. Unlike MarshalText it writes
// a value outside ErrRange's limits too, so that messages can show it.
func (t Time) String() string {
	b, _ := t.appendText(nil)
	return string(b)
}

// appendText appends t as String writes it to dst, and returns an ErrRange
// error when the text cannot carry t: a year Parse cannot read, or an
// offset the shape cannot write.
func (t Time) appendText(dst []byte) ([]byte, error) {
	if t.raw != "" && t.Time == t.parsed {
		return append(dst, t.raw...), nil // Parse read it, so it reads it again
	}
	if t.Time.IsZero() && t.layout == "" {
		return dst, nil
	}
	l := t.layout
	if l == "" {
		l = layoutRFC3339
	}
	start := len(dst)
	dst = t.Time.AppendFormat(dst, l)
	// Format writes the wall clock of t's zone, so that is the year to check.
	if y := t.Time.Year(); y < 0 || y > 9999 {
		return dst, fmt.Errorf("%w: year %d in %q is outside 0 to 9999", ErrRange, y, truncate(string(dst[start:])))
	}
	if _, off := t.Time.Zone(); zoned(l) && (off%60 != 0 || off <= -24*3600 || off >= 24*3600) {
		return dst, fmt.Errorf("%w: zone offset %v of %q is not whole minutes within 24h", ErrRange, time.Duration(off)*time.Second, truncate(string(dst[start:])))
	}
	return dst, nil
}

// AppendText implements encoding.TextAppender: it appends what MarshalText
// returns to b, and fails as it does. Without it, the AppendText of the
// embedded time.Time would be promoted, and JSON encoders that prefer it
// (encoding/json built with GOEXPERIMENT=jsonv2, for map keys) would write
// RFC 3339 instead of the shape that was read.
func (t Time) AppendText(b []byte) ([]byte, error) {
	out, err := t.appendText(b)
	if err != nil {
		return b, err
	}
	return out, nil
}

// MarshalText implements encoding.TextMarshaler; it is used for query
// parameters and JSON map keys. It fails with ErrRange for a value no
// shape can hold.
func (t Time) MarshalText() ([]byte, error) {
	b, err := t.appendText(nil)
	if err != nil {
		return nil, err
	}
	if b == nil {
		b = []byte{} // the zero Time is empty text, not none
	}
	return b, nil
}

// UnmarshalText implements encoding.TextUnmarshaler. Empty text is the zero
// Time.
func (t *Time) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*t = Time{}
		return nil
	}
	// A view of b, not a copy, which would be the one allocation of a
	// decoded Time: parse copies the text when it keeps it, and time.Parse
	// keeps none of its input in the time.Time it returns (it copies a zone
	// name). The errors of the layouts that do not match hold the view, and
	// are dropped before this returns.
	v, err := parse(unsafe.String(unsafe.SliceData(b), len(b)), false)
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// Bind implements the oapi-codegen runtime's Binder, so generated servers
// read a date-time query parameter as text instead of as a struct.
func (t *Time) Bind(src string) error { return t.UnmarshalText([]byte(src)) }

// MarshalJSON implements json.Marshaler. It fails with ErrRange for a
// value no shape can hold.
func (t Time) MarshalJSON() ([]byte, error) {
	b := make([]byte, 1, len(layoutNoColFr)+8)
	b[0] = '"'
	b, err := t.appendText(b)
	if err != nil {
		return nil, err
	}
	return append(b, '"'), nil
}

// UnmarshalJSON implements json.Unmarshaler. It accepts a JSON string in any
// shape Parse reads, the empty string and null.
func (t *Time) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		*t = Time{}
		return nil
	}
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return fmt.Errorf("%w: want a JSON string, got %s", ErrFormat, truncate(string(b)))
	}
	s := b[1 : len(b)-1]
	if bytes.IndexByte(s, '\\') >= 0 {
		return fmt.Errorf("%w: escaped characters in %s", ErrFormat, truncate(string(b)))
	}
	return t.UnmarshalText(s)
}

// truncate keeps error messages short when the input is large.
func truncate(s string) string { return oneline.Cut(s, 64) }
