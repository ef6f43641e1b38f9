package main

import (
	"fmt"
	"iter"
	"time"
)

// counted is seq as the --all listings walk it: on a terminal, a progress
// line on stderr says how many of what were listed so far and how many a
// second, and once the walk is over, the total. The line is drawn only when
// stderr is a terminal and stdout is not (the listing goes to a file or a
// pipe): on a terminal the rows themselves show the progress, and a line
// redrawn between them would garble them.
func counted[T any](c *cli, what string, seq iter.Seq2[T, error]) iter.Seq2[T, error] {
	if !c.isTerminal(c.stderr) || c.isTerminal(c.stdout) {
		return seq
	}
	return func(yield func(T, error) bool) {
		bar := c.newProgress()
		format := "listing " + what + ": %d so far"
		n := 0
		for v, err := range seq {
			if err != nil {
				bar.clear()
				yield(v, err)
				return
			}
			n++
			bar.count(format, n)
			if !yield(v, nil) {
				bar.clear()
				return
			}
		}
		bar.total("listed", n, what)
	}
}

// total erases the line and, on a terminal, says how many items were done
// in how long, and how many a second: "sellercenter: listed 3000 orders in
// 3.2s, 937/s".
func (p *progress) total(verb string, n int, what string) {
	p.clear()
	if !p.on {
		return
	}
	took := p.now().Sub(p.start)
	line := fmt.Sprintf("sellercenter: %s %s in %v", verb, count(n, singular(what), what), took.Round(time.Millisecond))
	if took > 0 {
		line += fmt.Sprintf(", %.0f/s", float64(n)/took.Seconds())
	}
	fmt.Fprintln(p.w, line)
}
