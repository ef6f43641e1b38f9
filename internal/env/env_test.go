package env

import (
	"slices"
	"testing"
)

func TestRead(t *testing.T) {
	t.Parallel()
	vars := map[string]string{"A": " a\n", "B": "  ", "C": "c"}
	lookup := func(k string) (string, bool) { v, ok := vars[k]; return v, ok }
	values, missing := Read(lookup, "A", "B", "C", "D")
	if !slices.Equal(values, []string{"a", "", "c", ""}) || !slices.Equal(missing, []string{"B", "D"}) {
		t.Errorf("Read = %q, %q; want [a  c ] and [B D]", values, missing)
	}
}

func TestLoopback(t *testing.T) {
	t.Parallel()
	for host, want := range map[string]bool{
		"localhost": true, "LOCALHOST": true, "127.0.0.1": true, "127.9.9.9": true, "::1": true,
		"example.com": false, "10.0.0.1": false, "": false, "localhost.example.com": false,
	} {
		if got := Loopback(host); got != want {
			t.Errorf("Loopback(%q) = %t, want %t", host, got, want)
		}
	}
}
