// Package lenient holds the types of values the API writes in more than one
// JSON shape, where the vendor's document and its own examples disagree:
// booleans sent as the strings "true" and "false", identifiers typed as
// strings but sent as numbers, and objects sent as a string holding their
// JSON text. Each decodes every shape and refuses anything else with an
// error, never a guess.
package lenient

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/sellercenter-go/sellercenter/internal/oneline"
)

// Bool is a boolean the API writes as true and false or as the strings
// "true", "false", "1", "0" and "". It is written back as a JSON boolean.
type Bool bool

// UnmarshalJSON decodes a JSON boolean, a quoted one, "1", "0" or "" (false).
// A JSON null leaves b unchanged, as it does for a bool.
func (b *Bool) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if string(data) == "null" {
		return nil
	}
	text := string(data)
	if len(data) > 0 && data[0] == '"' {
		if err := json.Unmarshal(data, &text); err != nil {
			return fmt.Errorf("lenient: boolean: %w", err)
		}
	}
	switch text {
	case "true", "1":
		*b = true
	case "false", "0", "":
		*b = false
	default:
		return fmt.Errorf("lenient: %s is not a boolean", oneline.Quote(string(data)))
	}
	return nil
}

// String is text the API types as a string but sometimes writes as a JSON
// number, such as a category's shopId. A number is kept as its exact digits.
type String string

// UnmarshalJSON decodes a JSON string or number; a JSON null leaves s
// unchanged, as it does for a string.
func (s *String) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	switch {
	case string(data) == "null":
		return nil
	case len(data) > 0 && data[0] == '"':
		var text string
		if err := json.Unmarshal(data, &text); err != nil {
			return fmt.Errorf("lenient: string: %w", err)
		}
		*s = String(text)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(data, &n); err != nil {
		return fmt.Errorf("lenient: %s is neither a string nor a number", oneline.Quote(string(data)))
	}
	*s = String(n)
	return nil
}

// Quoted is an object the API sends either as itself or as a JSON string
// holding its JSON text, as the vendor's document types the health body.
// It is written back in the shape it was read in.
type Quoted[T any] struct {
	// Value is the object.
	Value T
	// Text reports that Value arrived as a string of JSON text.
	Text bool
}

// errNotObject is wrapped when a quoted body does not hold JSON.
var errNotObject = errors.New("lenient: the string does not hold JSON")

// UnmarshalJSON decodes the object, or the JSON text of a string.
func (q *Quoted[T]) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '"' {
		q.Text = false
		return json.Unmarshal(data, &q.Value)
	}
	var text string
	if err := json.Unmarshal(data, &text); err != nil {
		return fmt.Errorf("lenient: %w", err)
	}
	if !json.Valid([]byte(text)) {
		return fmt.Errorf("%w: %s", errNotObject, oneline.Quote(oneline.Cut(text, 80)))
	}
	q.Text = true
	return json.Unmarshal([]byte(text), &q.Value)
}

// MarshalJSON writes Value, as a JSON string of its text when it was read so.
func (q Quoted[T]) MarshalJSON() ([]byte, error) {
	b, err := json.Marshal(q.Value)
	if err != nil || !q.Text {
		return b, err
	}
	return json.Marshal(string(b))
}
