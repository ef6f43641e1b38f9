package sellercenter_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var goBlock = regexp.MustCompile("(?s)```go\n(.*?)```")

// TestReadmeSnippetsAreExamples keeps the README honest: every Go snippet in
// it must be a contiguous run of lines from a compiled Example function, so
// the snippets compile and, where the Example has an Output, run.
func TestReadmeSnippetsAreExamples(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatalf("ReadFile(README.md) = %v", err)
	}
	blocks := goBlock.FindAllStringSubmatch(string(readme), -1)
	if len(blocks) == 0 {
		t.Fatal("README.md has no Go snippets, want at least the quick start")
	}
	var examples []string
	err = filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) && path != "." {
			return filepath.SkipDir
		}
		if strings.HasSuffix(path, "_test.go") {
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if strings.Contains(string(b), "\nfunc Example") {
				examples = append(examples, normalize(string(b)))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range blocks {
		snippet := normalize(m[1])
		found := false
		for _, ex := range examples {
			if strings.Contains(ex, snippet) {
				found = true
				break
			}
		}
		if !found {
			first, _, _ := strings.Cut(strings.TrimPrefix(snippet, "\n"), "\n")
			t.Errorf("README snippet %d (%q...) is not a copy of any Example function", i+1, first)
		}
	}
}

// normalize drops indentation and blank lines, so a snippet matches the
// indented body of an Example.
func normalize(s string) string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return "\n" + strings.Join(out, "\n") + "\n"
}
