package sellercentertest

import (
	"fmt"
	"strconv"
)

// writeLog remembers the last value each API write set, to count the
// writes that repeat it: the same change applied twice, by two requests,
// which is what a client that sends a write again after it was applied
// does. Tests and benchmarks of bulk writes assert it stays 0.
type writeLog struct {
	last     map[string]lastWrite // by what was written: "stock/51001", "price/51001/MY"
	requests int                  // writing requests so far, naming each
	dups     int
}

type lastWrite struct {
	request int
	value   string
}

// begin names a writing request; its writes pass the name to note.
func (w *writeLog) begin() int {
	w.requests++
	return w.requests
}

// note records that request wrote value to key.
func (w *writeLog) note(request int, key, value string) {
	if w.last == nil {
		w.last = map[string]lastWrite{}
	}
	if prev, ok := w.last[key]; ok && prev.request != request && prev.value == value {
		w.dups++
	}
	w.last[key] = lastWrite{request: request, value: value}
}

func stockKey(productID int) string { return "stock/" + strconv.Itoa(productID) }

func priceKey(productID int, country string) string {
	return "price/" + strconv.Itoa(productID) + "/" + country
}

// text is the row as a value of the write log.
func (r priceRow) text() string {
	f := func(v *float64) string {
		if v == nil {
			return "-"
		}
		return strconv.FormatFloat(*v, 'g', -1, 64)
	}
	return fmt.Sprintf("%s %s %v %v %s", f(r.price), f(r.sale), r.start, r.end, r.status)
}

// DuplicateWrites counts the writes through updateProductStock,
// updateProductPrice and updateProductSetPrices that set a product's stock,
// or its price in a country, to exactly what the previous write of it, by
// another request, had set: the same change applied twice. A client that
// never sends a write twice keeps it at 0, as long as the test itself
// does not repeat a change.
func (s *Server) DuplicateWrites() int {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	return s.st.writes.dups
}
