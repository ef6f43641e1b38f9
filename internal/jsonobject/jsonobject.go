// Package jsonobject walks the members of a JSON object in place, for the
// generated decoders of objects that keep their unknown members: they used
// to unmarshal the object into a map of raw values first, which cost a map,
// a key string and a copy of every value per object decoded.
package jsonobject

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"
)

// ErrNotObject is the class of the error Members returns for input that is
// valid JSON but not an object.
var ErrNotObject = errors.New("jsonobject: want a JSON object")

// Members calls fn with the name and the raw value of each member of the
// JSON object b, in the order they appear. name is unescaped; value is a
// sub-slice of b, so neither may be kept after fn returns without a copy.
// null has no members, as for encoding/json decoding into a map. Invalid
// JSON fails with encoding/json's *json.SyntaxError, any other value than
// an object or null with ErrNotObject; Members stops at fn's first error
// and returns it.
func Members(b []byte, fn func(name, value []byte) error) error {
	if !json.Valid(b) {
		var v json.RawMessage
		return json.Unmarshal(b, &v) // a *json.SyntaxError that says where
	}
	i := skipSpace(b, 0)
	if b[i] == 'n' {
		return nil
	}
	if b[i] != '{' {
		return fmt.Errorf("%w, got %s", ErrNotObject, kind(b[i]))
	}
	i = skipSpace(b, i+1)
	if b[i] == '}' {
		return nil
	}
	for {
		// b is valid JSON, so a member is a string, a colon and a value,
		// followed by a comma or the closing brace.
		end := stringEnd(b, i)
		name := b[i+1 : end-1]
		// encoding/json unescapes names and replaces invalid UTF-8, so a
		// name is compared in the form it would have as a map key.
		if bytes.IndexByte(name, '\\') >= 0 || !utf8.Valid(name) {
			var s string
			if err := json.Unmarshal(b[i:end], &s); err != nil {
				return err
			}
			name = []byte(s)
		}
		i = skipSpace(b, end)
		i = skipSpace(b, i+1) // the colon
		start := i
		i = valueEnd(b, i)
		if err := fn(name, b[start:i]); err != nil {
			return err
		}
		i = skipSpace(b, i)
		if b[i] == '}' {
			return nil
		}
		i = skipSpace(b, i+1) // the comma
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// stringEnd returns the index just past the string that starts at b[i].
func stringEnd(b []byte, i int) int {
	for i++; ; i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
}

// valueEnd returns the index just past the value that starts at b[i].
func valueEnd(b []byte, i int) int {
	switch b[i] {
	case '"':
		return stringEnd(b, i)
	case '{', '[':
		depth := 0
		for ; ; i++ {
			switch b[i] {
			case '"':
				i = stringEnd(b, i) - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
		}
	}
	for i < len(b) && bytes.IndexByte([]byte(",}] \t\r\n"), b[i]) < 0 {
		i++
	}
	return i
}

// kind names the JSON value that starts with c, for errors.
func kind(c byte) string {
	switch c {
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 'n':
		return "null"
	case 't', 'f':
		return "a boolean"
	}
	return "a number"
}
