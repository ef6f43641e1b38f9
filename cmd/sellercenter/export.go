package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/sellercenter-go/sellercenter"
	"github.com/sellercenter-go/sellercenter/gen"
)

// progressEvery is the shortest time between two redraws of the progress
// line, so drawing never slows the export down.
const progressEvery = 100 * time.Millisecond

// exportResult is what `orders export` prints when it is done.
type exportResult struct {
	File   string `json:"file"`
	Orders int    `json:"orders"`
	// Repeated counts orders the API sent twice because the list shifted
	// between pages; each is written once.
	Repeated int `json:"repeated,omitempty"`
}

func (c *cli) exportCommand() *cobra.Command {
	var (
		f   orderFilter
		out string
	)
	cmd := &cobra.Command{
		Use:   "export --out FILE.jsonl|-",
		Short: "Write every order, with its items, to a JSON Lines file",
		Long: `Write every order the filters select, with its items, to FILE: one JSON object
per line, oldest order first. Orders are written as the pages arrive, so
memory does not grow with the number of orders. FILE is written under a
temporary name and only replaces FILE when the export is complete; it is
readable by its owner only, since orders hold customer data. With --out -,
the orders go to stdout, which then holds them and nothing else.

On a terminal, stderr shows the progress. The count of orders written is
printed at the end.`,
		Example: `  sellercenter orders export --out orders.jsonl
  sellercenter orders export --status shipped --created-after 2024-10-01 --out shipped.jsonl
  sellercenter orders export --status pending --out -`,
		Args: cobra.NoArgs,
		RunE: c.action(func(ctx context.Context, _ []string) error {
			params, err := f.params(c)
			if err != nil {
				return err
			}
			path, err := checkOut(out, true)
			if err != nil {
				return err
			}
			client, err := c.api()
			if err != nil {
				return err
			}
			res, err := c.export(ctx, client, params, path)
			if err != nil {
				return err
			}
			msg := "Exported " + strconv.Itoa(res.Orders) + " orders to " + outName(res.File)
			if res.Repeated > 0 {
				msg += " (" + strconv.Itoa(res.Repeated) + " sent twice by the API were written once)"
			}
			return c.printWritten(path, res, msg)
		}),
	}
	f.register(cmd)
	cmd.Flags().StringVar(&out, "out", "", outFlagUsage("JSON Lines file", true))
	_ = cmd.MarkFlagRequired("out")
	_ = cmd.MarkFlagFilename("out", "jsonl")
	return cmd
}

// export streams the orders params selects into path and reports how many
// it wrote. On any failure path is left as it was.
func (c *cli) export(ctx context.Context, client *sellercenter.Client, params gen.ListOrdersParams, path string) (exportResult, error) {
	res := exportResult{File: path}
	// Oldest first: orders created during the export land after the
	// current page instead of shifting the pages still to come.
	params.Sort = gen.ListOrdersParamsSortCreatedAt
	params.SortDir = gen.SortDirectionAsc
	params.IncludeVoucherDetails = sellercenter.Ptr(true)

	f, err := c.createOut(path)
	if err != nil {
		return res, err
	}
	defer f.discard()
	enc := json.NewEncoder(f)
	enc.SetEscapeHTML(false)
	// A shifted list sends an order again within a page or so of where it
	// was first seen; remembering that many ids keeps memory constant.
	recent := newRecentIDs(2 * sellercenter.DefaultPageSize)
	bar := c.newProgress()
	for o, err := range client.Orders(ctx, params) {
		if err != nil {
			bar.clear()
			return res, annotate(err, "export stopped after %d orders, %s", res.Orders, notWritten(f))
		}
		if recent.seen(o.Id) {
			res.Repeated++
			continue
		}
		if err := enc.Encode(o); err != nil {
			bar.clear()
			return res, fmt.Errorf("sellercenter: export stopped after %d orders, %s: %w", res.Orders, notWritten(f), err)
		}
		res.Orders++
		bar.update(res.Orders)
	}
	bar.total("exported", res.Orders, "orders")
	return res, f.commit()
}

// annotated puts context in front of an error message while keeping the
// cause reachable for errors.Is and errors.As (and so the exit code).
type annotated struct {
	msg string
	err error
}

func (e *annotated) Error() string { return e.msg }
func (e *annotated) Unwrap() error { return e.err }

func annotate(err error, format string, args ...any) error {
	return &annotated{
		msg: "sellercenter: " + fmt.Sprintf(format, args...) + ": " + strings.TrimPrefix(err.Error(), "sellercenter: "),
		err: err,
	}
}

// recentIDs remembers the last n ids added, in constant memory.
type recentIDs struct {
	ring []int
	set  map[int]struct{}
	next int
}

func newRecentIDs(n int) *recentIDs {
	return &recentIDs{ring: make([]int, 0, n), set: make(map[int]struct{}, n)}
}

// seen reports whether id is among the last n ids; if not, it is added,
// and the oldest id is forgotten when n are kept.
func (r *recentIDs) seen(id int) bool {
	if _, ok := r.set[id]; ok {
		return true
	}
	if len(r.ring) < cap(r.ring) {
		r.ring = append(r.ring, id)
	} else {
		delete(r.set, r.ring[r.next])
		r.ring[r.next] = id
		r.next = (r.next + 1) % len(r.ring)
	}
	r.set[id] = struct{}{}
	return false
}

// progress is a line on stderr, redrawn in place: the count of orders an
// export wrote, or the state of an import's feed. The API says neither how
// many orders a list holds nor how far a feed is, so it shows counts and
// states rather than a percentage. It draws only on a terminal: in a log
// file or pipe the carriage returns would be noise.
type progress struct {
	w     io.Writer
	on    bool
	now   func() time.Time
	start time.Time
	last  time.Time
	width int // of the last line drawn, to erase it
}

func (c *cli) newProgress() *progress {
	t := c.now()
	return &progress{w: c.stderr, on: c.isTerminal(c.stderr), now: c.now, start: t}
}

// update redraws the line for n orders written, at most every
// progressEvery (and always for the first order).
func (p *progress) update(n int) { p.count("exporting orders: %d written", n) }

// count redraws the line as format of n items with their rate, at most
// every progressEvery (and always for the first item).
func (p *progress) count(format string, n int) {
	if !p.on {
		return
	}
	t := p.now()
	if n > 1 && t.Sub(p.last) < progressEvery {
		return
	}
	p.last = t
	line := fmt.Sprintf(format, n)
	if secs := t.Sub(p.start).Seconds(); secs >= 1 {
		line += fmt.Sprintf(", %.0f/s", float64(n)/secs)
	}
	p.draw(line)
}

// draw replaces the line on a terminal with line.
func (p *progress) draw(line string) {
	if !p.on {
		return
	}
	n := utf8.RuneCountInString(line)
	pad := ""
	if p.width > n {
		pad = strings.Repeat(" ", p.width-n)
	}
	p.width = n
	fmt.Fprint(p.w, "\r"+line+pad)
}

// clear erases the line, so what follows starts on a clean line.
func (p *progress) clear() {
	if p.on && p.width > 0 {
		fmt.Fprint(p.w, "\r"+strings.Repeat(" ", p.width)+"\r")
		p.width = 0
	}
}
