package main

import (
	"os"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestHelpExamplesRun walks the whole command tree and runs every line of
// every command's Example against the built-in mock (no SELLERCENTER_*
// variable set), as a reader would paste it: each must exit 0. The lines of
// one command run in order in a directory of their own, so an example may
// use a file an earlier line wrote. Changing directory affects the whole
// process, so this test is not parallel.
func TestHelpExamplesRun(t *testing.T) {
	var commands []*cobra.Command
	var walk func(*cobra.Command)
	walk = func(cmd *cobra.Command) {
		if cmd.Example != "" {
			commands = append(commands, cmd)
		}
		for _, sub := range cmd.Commands() {
			walk(sub)
		}
	}
	walk((&cli{}).rootCommand())
	if len(commands) < 30 {
		t.Fatalf("found %d commands with examples, want the whole tree", len(commands))
	}
	for _, cmd := range commands {
		t.Run(cmd.CommandPath(), func(t *testing.T) {
			t.Chdir(t.TempDir())
			for _, line := range strings.Split(cmd.Example, "\n") {
				if line = strings.TrimSpace(line); line == "" {
					continue
				}
				ex, err := parseExample(line)
				if err != nil {
					t.Fatalf("example %q: %v", line, err)
				}
				if ex.args == nil {
					if err := os.WriteFile(ex.redirect, []byte(ex.stdin), 0o600); err != nil {
						t.Fatal(err)
					}
					continue
				}
				res := runTool(t, invocation{env: map[string]string{}, stdin: ex.stdin}, ex.args...)
				if res.code != exitOK {
					t.Errorf("%s = exit %d, want 0\nstdout: %s\nstderr: %s", line, res.code, res.stdout, res.stderr)
					continue
				}
				if ex.redirect != "" {
					if err := os.WriteFile(ex.redirect, []byte(res.stdout), 0o600); err != nil {
						t.Fatal(err)
					}
				}
			}
		})
	}
}

// example is one help line taken apart as a POSIX shell would.
type example struct {
	args     []string // after "sellercenter"
	stdin    string   // what printf or echo in front of a pipe writes
	redirect string   // the file of "> FILE", if any
}

// parseExample splits line into words, honouring single quotes, a leading
// "printf 'TEXT' |" or "echo WORD |", a trailing "> FILE" and a line
// "printf 'TEXT' > FILE" that writes a file (no args then): the only shell
// the examples use.
func parseExample(line string) (example, error) {
	var ex example
	words, err := shellWords(line)
	if err != nil {
		return ex, err
	}
	if i := indexOf(words, "|"); i >= 0 {
		switch {
		case i == 2 && words[0] == "printf":
			ex.stdin = strings.ReplaceAll(words[1], `\n`, "\n")
		case i >= 2 && words[0] == "echo":
			ex.stdin = strings.Join(words[1:i], " ") + "\n"
		default:
			return ex, errorf("unsupported pipe")
		}
		words = words[i+1:]
	}
	if i := indexOf(words, ">"); i >= 0 {
		if i != len(words)-2 {
			return ex, errorf("a redirection must end the line")
		}
		ex.redirect = words[i+1]
		words = words[:i]
	}
	if words[0] == "printf" && len(words) == 2 && ex.redirect != "" {
		ex.stdin = strings.ReplaceAll(words[1], `\n`, "\n")
		return ex, nil // a file for the next line, written by the caller
	}
	if len(words) < 2 || words[0] != "sellercenter" {
		return ex, errorf("does not run sellercenter")
	}
	ex.args = words[1:]
	return ex, nil
}

// shellWords splits s at blanks outside single quotes.
func shellWords(s string) ([]string, error) {
	var words []string
	var word strings.Builder
	inWord, quoted := false, false
	for _, r := range s {
		switch {
		case r == '\'':
			quoted, inWord = !quoted, true
		case (r == ' ' || r == '\t') && !quoted:
			if inWord {
				words = append(words, word.String())
				word.Reset()
				inWord = false
			}
		default:
			word.WriteRune(r)
			inWord = true
		}
	}
	if quoted {
		return nil, errorf("unterminated quote")
	}
	if inWord {
		words = append(words, word.String())
	}
	return words, nil
}

func indexOf(words []string, w string) int {
	for i, x := range words {
		if x == w {
			return i
		}
	}
	return -1
}

type exampleError string

func (e exampleError) Error() string { return string(e) }

func errorf(msg string) error { return exampleError(msg) }
