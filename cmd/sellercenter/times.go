package main

import (
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // TZ must work on machines without a zone database

	"github.com/sellercenter-go/sellercenter/datetime"
)

// tableTime is how a table shows a moment: to the minute, with the offset,
// so a reader never has to guess the zone.
const tableTime = "2006-01-02 15:04 -07:00"

// zonedLayouts are the date-time shapes that carry their zone. A flag
// value must use one of them or be a plain date: a date-time without a
// zone means a different moment on every machine, and the API refuses it.
var zonedLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999-0700"}

// location is the zone tables show times in: TZ as the tool's environment
// gives it, else the process's local zone. An unknown TZ is said once on
// stderr and UTC is used, as the Go runtime itself does.
func (c *cli) location() *time.Location {
	if c.loc != nil {
		return c.loc
	}
	c.loc = time.Local
	if c.getenv != nil {
		if tz := strings.TrimPrefix(strings.TrimSpace(c.getenv("TZ")), ":"); tz != "" {
			loc, err := time.LoadLocation(tz)
			if err != nil {
				fmt.Fprintf(c.stderr, "sellercenter: TZ %q is not a known time zone; showing times in UTC\n", tz)
				loc = time.UTC
			}
			c.loc = loc
		}
	}
	return c.loc
}

// when shows a moment in a table cell: in the local zone with its offset,
// or as a plain date when the API sent a date. CSV keeps the API's text,
// as JSON does, so a spreadsheet or an import reads what the API said.
func (c *cli) when(t datetime.Time) string {
	switch {
	case t.IsZero():
		return ""
	case c.output == formatCSV:
		return t.String()
	case t.IsDate():
		return t.Format(time.DateOnly)
	case !hasZone(t.String()):
		// The API wrote no zone: converting would invent one.
		return t.Format("2006-01-02 15:04")
	}
	return t.In(c.location()).Format(tableTime)
}

// hasZone reports whether s is a date-time that names its zone.
func hasZone(s string) bool {
	for _, l := range zonedLayouts {
		if _, err := time.Parse(l, s); err == nil {
			return true
		}
	}
	return false
}

// parseDate reads a date or date-time flag; empty is no bound. A date-time
// must carry its zone (as +08:00, +0800 or Z): the error shows the value in
// the local zone and in UTC, ready to paste.
func (c *cli) parseDate(flag, s string) (*datetime.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	t, err := datetime.Parse(s)
	if err != nil {
		return nil, usagef("%s must be a date such as 2024-10-01 or a date-time with its zone such as 2024-10-01T08:00:00+08:00, not %q", flag, s)
	}
	if !t.IsDate() && !hasZone(s) {
		wall := t.Time
		local := time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), wall.Second(), wall.Nanosecond(), c.location())
		return nil, usagef("%s %q has no time zone; add one, such as %s (local time) or %s (UTC)",
			flag, s, local.Format(time.RFC3339), wall.Format("2006-01-02T15:04:05")+"Z")
	}
	if !t.IsDate() {
		// Sent as RFC 3339, the one date-time shape the API's filters
		// take: "+0800" would come back as an HTTP 400.
		t = datetime.New(t.Time)
	}
	return &t, nil
}
