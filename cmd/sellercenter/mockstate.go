package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"
	"sync"

	"github.com/sellercenter-go/sellercenter/sellercentertest"
)

// mockState carries the built-in mock's state through --mock-state FILE:
// loaded before the command when FILE exists, saved after it.
type mockState struct {
	path string

	mu   sync.Mutex
	lost map[string]bool // operations that changed what the file does not keep
}

// load opens the state file for cfg.State; a missing file starts afresh.
// A file that is not a state file of this version is a usage error: the
// user named the wrong file, or one of another release.
func (m *mockState) load(cfg *sellercentertest.Config) (fresh bool, err error) {
	b, err := os.ReadFile(m.path)
	if errors.Is(err, fs.ErrNotExist) {
		return true, nil
	}
	if err != nil {
		return false, usagef("--mock-state %s: %v", m.path, err)
	}
	cfg.State = bytes.NewReader(b)
	return false, nil
}

// refused explains a state file NewServer would not take.
func (m *mockState) refused(err error) error {
	return usagef("--mock-state %s: %s; remove the file to start from the demo data again",
		m.path, strings.TrimPrefix(err.Error(), "sellercentertest: "))
}

// observe notes each successful write the state file will not keep.
func (m *mockState) observe(r sellercentertest.Request) {
	if r.Method == "GET" || r.Operation == "" || r.Operation == sellercentertest.TokenOperation ||
		r.Status < 200 || r.Status > 299 || sellercentertest.StatePersists(r.Operation) {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.lost == nil {
		m.lost = map[string]bool{}
	}
	m.lost[r.Operation] = true
}

// save writes srv's state to the file whole or not at all, and says which
// changes of this run it could not keep.
func (c *cli) saveMockState() error {
	m := c.mockState
	var b bytes.Buffer
	if err := c.srv.SaveState(&b); err != nil {
		return err
	}
	if err := c.writeOut(m.path, b.Bytes()); err != nil {
		return fmt.Errorf("%w; the built-in mock's changes of this command are lost", err)
	}
	m.mu.Lock()
	lost := slices.Sorted(maps.Keys(m.lost))
	m.mu.Unlock()
	if len(lost) > 0 {
		fmt.Fprintf(c.stderr, "sellercenter: --mock-state keeps orders, manifests, stock and prices only; what %s changed is gone after this command\n", joinAnd(lost))
	}
	return nil
}
