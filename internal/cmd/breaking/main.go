// Command breaking compares two versions of the OpenAPI spec with oasdiff,
// prints every change in oasdiff's words, and fails when a change that
// breaks callers of the generated Go client is not named in CHANGELOG.md
// under "Unreleased". make breaking runs it; make test runs make breaking.
//
// A change breaks callers when oasdiff rates it a warning or an error, or
// when it removes something (an id ending in "-removed"): oasdiff calls the
// removal of an optional response property informational, but for a
// generated client it deletes a Go field its callers may use.
//
// CHANGELOG.md names a change with a line under "## [Unreleased]" (up to the
// next "## " heading) that holds "**Breaking**", the change's oasdiff id and
// the operationId of the operation it is in, each as a whole word. One line
// may name several operations of the same id.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
)

// Change is one entry of oasdiff's JSON changelog.
type Change struct {
	ID          string `json:"id"`
	Text        string `json:"text"`
	Level       int    `json:"level"`
	Operation   string `json:"operation"`
	OperationID string `json:"operationId"`
	Path        string `json:"path"`
}

// Breaks reports whether c breaks callers of the generated client.
func (c Change) Breaks() bool {
	return c.Level >= 2 || strings.HasSuffix(c.ID, "-removed")
}

// Bullet is the CHANGELOG line that would name c.
func (c Change) Bullet() string {
	op := c.OperationID
	if op == "" {
		op = c.Operation + " " + c.Path
	}
	return fmt.Sprintf("- **Breaking** `%s` %s: %s", c.ID, op, c.Text)
}

// errUnnamed is returned when a breaking change is missing from CHANGELOG.md.
var errUnnamed = errors.New("breaking changes not named in CHANGELOG.md under Unreleased")

func main() {
	oasdiff := flag.String("oasdiff", "oasdiff", "the oasdiff command, split on spaces (make passes go run with the pinned version)")
	changelog := flag.String("changelog", "CHANGELOG.md", "the changelog that must name every breaking change")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: breaking [-oasdiff CMD] [-changelog FILE] BASE.yaml REVISION.yaml")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 2 {
		flag.Usage()
		os.Exit(2)
	}
	err := run(os.Stdout, strings.Fields(*oasdiff), *changelog, flag.Arg(0), flag.Arg(1))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// run prints the changes from base to revision and checks the changelog.
func run(w io.Writer, oasdiff []string, changelogPath, base, revision string) error {
	if len(oasdiff) == 0 {
		return errors.New("breaking: empty -oasdiff command")
	}
	text, err := oasdiffOutput(oasdiff, "changelog", base, revision)
	if err != nil {
		return err
	}
	raw, err := oasdiffOutput(oasdiff, "changelog", base, revision, "--format", "json")
	if err != nil {
		return err
	}
	var changes []Change
	if err := json.Unmarshal(raw, &changes); err != nil {
		return fmt.Errorf("breaking: reading oasdiff's JSON: %w", err)
	}
	if len(changes) == 0 {
		fmt.Fprintln(w, "no changes to the spec")
		return nil
	}
	w.Write(text)
	log, err := os.ReadFile(changelogPath)
	if err != nil {
		return fmt.Errorf("breaking: %w", err)
	}
	missing := Unnamed(changes, log)
	if len(missing) == 0 {
		fmt.Fprintln(w, "every breaking change is named in", changelogPath, "under Unreleased")
		return nil
	}
	fmt.Fprintf(w, "\n%d breaking changes are not named in %s under Unreleased; lines that would name them:\n", len(missing), changelogPath)
	for _, c := range missing {
		fmt.Fprintln(w, c.Bullet())
	}
	return fmt.Errorf("breaking: %d %w", len(missing), errUnnamed)
}

// oasdiffOutput runs oasdiff's sub-command on the two files.
func oasdiffOutput(oasdiff []string, sub, base, revision string, extra ...string) ([]byte, error) {
	args := append(slices.Clone(oasdiff[1:]), sub, base, revision)
	cmd := exec.Command(oasdiff[0], append(args, extra...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("breaking: oasdiff %s: %w: %s", sub, err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// Unnamed returns the breaking changes that no **Breaking** line under the
// changelog's Unreleased section names by id and operationId.
func Unnamed(changes []Change, changelog []byte) []Change {
	lines := unreleasedBreakingLines(changelog)
	var missing []Change
	for _, c := range changes {
		if !c.Breaks() {
			continue
		}
		if !slices.ContainsFunc(lines, func(l string) bool { return names(l, c) }) {
			missing = append(missing, c)
		}
	}
	return missing
}

// names reports whether line holds c's id and its operation as whole words.
func names(line string, c Change) bool {
	op := c.OperationID
	if op == "" {
		op = c.Operation + " " + c.Path
	}
	return hasWord(line, c.ID) && hasWord(line, op)
}

func hasWord(line, word string) bool {
	re := regexp.MustCompile(`(^|[^\w-])` + regexp.QuoteMeta(word) + `($|[^\w-])`)
	return re.MatchString(line)
}

// unreleasedBreakingLines returns the lines of the Unreleased section that
// are marked **Breaking**.
func unreleasedBreakingLines(changelog []byte) []string {
	var lines []string
	in := false
	sc := bufio.NewScanner(bytes.NewReader(changelog))
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(l, "## ") {
			in = strings.Contains(strings.ToLower(l), "unreleased")
			continue
		}
		if in && strings.Contains(l, "**Breaking**") {
			lines = append(lines, l)
		}
	}
	return lines
}
