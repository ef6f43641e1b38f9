package webhook

import (
	"context"
	"sync"
)

// State is where a DedupStore has an event.
type State int

const (
	// New means the event was not seen: the store now has it Running.
	New State = iota
	// Running means another arrival of the event is being handled.
	Running
	// Done means the event's function returned nil once already.
	Done
)

// DedupStore remembers which events were handled, by Delivery.Key, so that
// a function runs once per event however often SellerCenter redelivers it.
// A store shared by several processes (a database table, a cache with an
// atomic insert) makes that hold across them; NewMemoryDedup holds within
// one process.
type DedupStore interface {
	// Begin reports where key is and, when it was New, records it Running.
	Begin(ctx context.Context, key string) (State, error)
	// Finish records key Done when handled is true, and forgets it
	// otherwise, so the next arrival runs the function again.
	Finish(ctx context.Context, key string, handled bool) error
}

// DefaultDedupSize is how many handled keys NewMemoryDedup(0) remembers.
const DefaultDedupSize = 10000

// MemoryDedup is a DedupStore in memory that remembers the most recent
// handled keys, up to its size, forgetting the oldest first. It is safe for
// concurrent use.
type MemoryDedup struct {
	mu    sync.Mutex
	size  int
	state map[string]State
	done  []string // handled keys, oldest first, as a ring of size entries
	next  int      // where the next handled key goes in done
}

// NewMemoryDedup returns a MemoryDedup remembering size handled keys; zero
// or less means DefaultDedupSize. SellerCenter retries for 30 days: size it
// above the events of the longest outage you want to ride out.
func NewMemoryDedup(size int) *MemoryDedup {
	if size <= 0 {
		size = DefaultDedupSize
	}
	return &MemoryDedup{size: size, state: map[string]State{}}
}

// Begin implements DedupStore.
func (m *MemoryDedup) Begin(_ context.Context, key string) (State, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if s, ok := m.state[key]; ok {
		return s, nil
	}
	m.state[key] = Running
	return New, nil
}

// Finish implements DedupStore.
func (m *MemoryDedup) Finish(_ context.Context, key string, handled bool) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if !handled {
		if m.state[key] == Running {
			delete(m.state, key)
		}
		return nil
	}
	if m.state[key] == Done {
		return nil
	}
	m.state[key] = Done
	if len(m.done) < m.size {
		m.done = append(m.done, key)
		return nil
	}
	// The ring is full: the oldest handled key makes room.
	delete(m.state, m.done[m.next])
	m.done[m.next] = key
	m.next = (m.next + 1) % m.size
	return nil
}

// Len returns how many handled keys m remembers.
func (m *MemoryDedup) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.done)
}
