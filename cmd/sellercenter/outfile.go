package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// stdoutPath is the --out value that means standard output.
const stdoutPath = "-"

// outFlagUsage is the usage of every --out flag, with what the file is.
func outFlagUsage(what string, required bool) string {
	s := what + " to write, or - for stdout"
	if required {
		s += " (required)"
	}
	return s
}

// checkOut reads an --out value before any API call, so a bad one costs
// nothing: "" when it is optional and not given, "-" for stdout, else a
// path that is not a directory.
func checkOut(out string, required bool) (string, error) {
	path := strings.TrimSpace(out)
	switch {
	case path == "" && required:
		return "", usagef("--out must name a file, or - for stdout")
	case path == "", path == stdoutPath:
		return path, nil
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return "", usagef("--out %s is a directory", path)
	}
	return path, nil
}

// outFile is what a command writes to --out: stdout for "-", or else a
// temporary file beside the target, readable by its owner only (orders and
// manifests hold customer data), that commit renames over the target. A
// command that fails or is interrupted calls discard, so it never leaves a
// partial file; on stdout what was written stays written, and the exit code
// says it is incomplete.
type outFile struct {
	path string
	tmp  *os.File // nil for stdout
	w    *bufio.Writer
	done bool
}

// createOut opens path (checked by checkOut) for writing.
func (c *cli) createOut(path string) (*outFile, error) {
	if path == stdoutPath {
		return &outFile{path: path, w: bufio.NewWriterSize(c.stdout, 64<<10)}, nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("sellercenter: cannot write %s: %w", path, err)
	}
	return &outFile{path: path, tmp: tmp, w: bufio.NewWriterSize(tmp, 64<<10)}, nil
}

// Write writes p to the file's buffer.
func (o *outFile) Write(p []byte) (int, error) { return o.w.Write(p) }

// toStdout reports whether the output goes to stdout.
func (o *outFile) toStdout() bool { return o.tmp == nil }

// commit completes the output: flushed to stdout, or synced and renamed
// over the target. On failure the temporary file is removed.
func (o *outFile) commit() error {
	if o.done {
		return errors.New("sellercenter: " + o.path + " was already written")
	}
	o.done = true
	err := o.w.Flush()
	if o.tmp == nil {
		if err != nil {
			return fmt.Errorf("sellercenter: writing to stdout: %w", err)
		}
		return nil
	}
	if err == nil {
		err = o.tmp.Sync()
	}
	if cerr := o.tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(o.tmp.Name(), o.path)
	}
	if err != nil {
		_ = os.Remove(o.tmp.Name())
		return fmt.Errorf("sellercenter: writing %s: %w", o.path, err)
	}
	return nil
}

// discard drops an output that will not be completed: the temporary file
// is removed and the target left as it was. It does nothing after commit,
// so a command can defer it.
func (o *outFile) discard() {
	if o.done {
		return
	}
	o.done = true
	if o.tmp == nil {
		// What reached stdout cannot be taken back; what is buffered is
		// kept back, so less of an incomplete output is shown.
		return
	}
	_ = o.tmp.Close()
	_ = os.Remove(o.tmp.Name())
}

// writeOut writes data whole to path (checked by checkOut).
func (c *cli) writeOut(path string, data []byte) error {
	o, err := c.createOut(path)
	if err != nil {
		return err
	}
	defer o.discard()
	if _, err := o.Write(data); err != nil {
		return fmt.Errorf("sellercenter: writing %s: %w", path, err)
	}
	return o.commit()
}

// printWritten reports a written --out: through printObject for a file,
// or as one line on stderr when the output went to stdout, which then
// holds the output and nothing else. msg is the table text, such as
// "Exported 3 orders to orders.jsonl".
func (c *cli) printWritten(path string, res any, msg string) error {
	if path == stdoutPath {
		_, err := fmt.Fprintln(c.stderr, "sellercenter: "+lowerFirst(msg))
		return err
	}
	return c.printObject(res, func(w io.Writer) error {
		_, err := io.WriteString(w, msg+"\n")
		return err
	})
}

// notWritten says what became of an output that stopped part way.
func notWritten(o *outFile) string {
	if o.toStdout() {
		return "stdout holds an incomplete list"
	}
	return o.path + " was not written"
}

// outName is path as messages name it.
func outName(path string) string {
	if path == stdoutPath {
		return "stdout"
	}
	return path
}

// lowerFirst lowers the first letter of an ASCII sentence.
func lowerFirst(s string) string {
	if s != "" && s[0] >= 'A' && s[0] <= 'Z' {
		return string(s[0]+'a'-'A') + s[1:]
	}
	return s
}
