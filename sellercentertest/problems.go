package sellercentertest

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/sellercenter-go/sellercenter/gen"
	"github.com/sellercenter-go/sellercenter/internal/oneline"
	"github.com/sellercenter-go/sellercenter/internal/redact"
)

// Problem types the fake sends, so clients can tell problems apart.
const (
	typeValidation  = "validation_failed"
	typeTransition  = "status_transition_not_allowed"
	typeInvalidIDs  = "invalid_order_item_ids"
	typeUnprocess   = "entity_not_processable"
	typeNotFound    = "not_found"
	typeUnauthorize = "unauthorized"
)

func ptr[T any](v T) *T { return &v }

func problem(status int, typ, title, detail string) gen.Problem {
	return gen.Problem{Type: typ, Title: title, Status: int32(status), Detail: detail}
}

// violation is one entry of a ValidationProblem.
type violation struct {
	path  string // propertyPath
	title string
	value string
	typ   string // the expected type
}

func validationProblem(vs []violation) gen.ValidationProblem {
	out := make([]gen.Violation, 0, len(vs))
	details := make([]string, 0, len(vs))
	for _, v := range vs {
		gv := gen.Violation{PropertyPath: v.path, Title: v.title, Type: typeValidation}
		gv.Parameters.Type, gv.Parameters.Value = v.typ, v.value
		if v.value != "" && redact.SensitiveKey(v.path) { // a password or API key of the wrong type is still one
			gv.Parameters.Value = redact.Mark
		}
		out = append(out, gv)
		if v.path != "" {
			details = append(details, v.path+": "+v.title)
		} else {
			details = append(details, v.title)
		}
	}
	return gen.ValidationProblem{
		Type:       typeValidation,
		Title:      "Validation Failed",
		Status:     int32(http.StatusBadRequest),
		Detail:     strings.Join(details, "; "),
		Violations: out,
	}
}

// violations flattens a kin-openapi validation error into one violation per
// offending value.
func violations(err error) []violation {
	var out []violation
	var walk func(base string, err error)
	walk = func(base string, err error) {
		switch e := err.(type) {
		case openapi3.MultiError:
			for _, inner := range e {
				walk(base, inner)
			}
		case *openapi3filter.RequestError:
			switch {
			case e.Parameter != nil:
				base = e.Parameter.Name
			case e.RequestBody != nil:
				base = ""
			}
			switch inner := e.Err.(type) {
			case nil:
				out = append(out, violation{path: base, title: e.Reason})
			case openapi3.MultiError, *openapi3.SchemaError, *openapi3filter.ParseError:
				walk(base, inner)
			default:
				title := inner.Error()
				if e.Reason != "" && e.Reason != title {
					title = e.Reason + ": " + title
				}
				out = append(out, violation{path: base, title: title})
			}
		case *openapi3.SchemaError:
			v := violation{path: joinPointer(base, e.JSONPointer()), title: e.Reason, value: shortValue(e.Value)}
			if e.Schema != nil && e.Schema.Type != nil {
				v.typ = strings.Join(e.Schema.Type.Slice(), "|")
			}
			out = append(out, v)
		case *openapi3filter.ParseError:
			title := e.Reason
			if title == "" {
				title = e.Error()
			}
			out = append(out, violation{path: base, title: title, value: shortValue(e.Value)})
		default:
			out = append(out, violation{path: base, title: err.Error()})
		}
	}
	walk("", err)
	return out
}

// joinPointer writes a JSON pointer the way the API writes property paths:
// orderItems[0].id.
func joinPointer(base string, parts []string) string {
	var b strings.Builder
	if len(parts) > 0 {
		if _, err := strconv.Atoi(parts[0]); err == nil {
			base = strings.TrimSuffix(base, "[]") // exportActions[][0] reads as exportActions[0]
		}
	}
	b.WriteString(base)
	for _, p := range parts {
		if _, err := strconv.Atoi(p); err == nil {
			b.WriteString("[" + p + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

func shortValue(v any) string {
	if v == nil {
		return ""
	}
	var s string
	if str, ok := v.(string); ok {
		s = str
	} else if b, err := json.Marshal(v); err == nil {
		s = string(b)
	} else {
		s = fmt.Sprint(v)
	}
	return oneline.Cut(s, 80)
}

// writeJSON writes v as the JSON body of a response with status and extra
// headers.
func writeJSON(w http.ResponseWriter, status int, v any, header http.Header) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"title":"Internal Server Error","status":500,"detail":"sellercentertest: encoding the response failed"}`)
	}
	for k, vs := range header {
		w.Header()[k] = vs
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n')) // a write error means the client is gone
}

// describe writes a validation error of a response compactly: one line per
// offending value, without the schema dumps of kin-openapi's messages.
func describe(err error) string {
	var parts []string
	var re *openapi3filter.ResponseError
	if errors.As(err, &re) {
		parts = append(parts, re.Reason)
		if re.Err == nil {
			return re.Reason
		}
		err = re.Err
	}
	for _, v := range violations(err) {
		s := v.title
		if v.path != "" {
			s = v.path + ": " + s
		}
		if v.value != "" {
			s += fmt.Sprintf(" (got %q)", v.value)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

// violationError is what Config.OnViolation receives.
type violationError struct {
	op, method, path string
	status           int
	err              error
}

func (e *violationError) Error() string {
	return fmt.Sprintf("sellercentertest: %s (%s %s) answered %d, which the OpenAPI document does not allow: %s",
		e.op, e.method, e.path, e.status, describe(e.err))
}

func (e *violationError) Unwrap() error { return e.err }
