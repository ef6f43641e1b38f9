package sellercentertest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/sellercenter-go/sellercenter/gen"
)

// kin-openapi has no decoder for XML bodies, so the fake registers one for
// text/xml (unless the program registered its own): it reads the document
// guided by the schema, the way encoding/xml reads it into the generated
// types, so the legacy XML imports and their envelopes are validated like
// every JSON body. The registration is global to kin-openapi in the process.
func init() {
	if openapi3filter.RegisteredBodyDecoder(mimeXML) == nil {
		openapi3filter.RegisterBodyDecoder(mimeXML, xmlBodyDecoder)
	}
}

// xnode is an XML element.
type xnode struct {
	name     string
	text     string
	children []*xnode
}

const maxXMLDepth = 32

func parseXML(r io.Reader) (*xnode, error) {
	d := xml.NewDecoder(r)
	var stack []*xnode
	var root *xnode
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if root != nil && len(stack) == 0 {
				return nil, errors.New("the document has more than one root element")
			}
			if len(stack) >= maxXMLDepth {
				return nil, fmt.Errorf("elements nest deeper than %d", maxXMLDepth)
			}
			n := &xnode{name: t.Name.Local}
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				parent.children = append(parent.children, n)
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(t)
			}
		}
	}
	if root == nil {
		return nil, errors.New("the document is empty")
	}
	return root, nil
}

func (n *xnode) all(name string) []*xnode {
	var out []*xnode
	for _, c := range n.children {
		if c.name == name {
			out = append(out, c)
		}
	}
	return out
}

func xmlBodyDecoder(body io.Reader, _ http.Header, schema *openapi3.SchemaRef, _ openapi3filter.EncodingFn) (any, error) {
	root, err := parseXML(body)
	if err != nil {
		return nil, &openapi3filter.ParseError{Kind: openapi3filter.KindInvalidFormat, Reason: "the body is not XML: " + err.Error()}
	}
	if schema == nil || schema.Value == nil {
		return nil, nil
	}
	return xmlValue(root, schema.Value), nil
}

// xmlValue converts an element to the JSON-like value kin-openapi checks
// against schema. Text that does not parse as the schema's type is kept as
// a string, so validation reports it.
func xmlValue(n *xnode, s *openapi3.Schema) any {
	switch {
	case s.Type.Is(openapi3.TypeObject) || len(s.Properties) > 0:
		m := map[string]any{}
		var anyProp string
		used := map[string]bool{}
		for name, ref := range s.Properties {
			p := ref.Value
			if p == nil {
				continue
			}
			if tags, ok := p.Extensions["x-oapi-codegen-extra-tags"].(map[string]any); ok && tags["xml"] == ",any" {
				anyProp = name
				continue
			}
			if name == "XMLName" {
				m[name] = n.name
				continue
			}
			if p.Type.Is(openapi3.TypeString) && chardata(p) {
				m[name] = n.text
				continue
			}
			kids := n.all(name)
			if len(kids) == 0 {
				continue
			}
			used[name] = true
			if p.Type.Is(openapi3.TypeArray) && p.Items != nil && p.Items.Value != nil {
				list := make([]any, len(kids))
				for i, k := range kids {
					list[i] = xmlValue(k, p.Items.Value)
				}
				m[name] = list
				continue
			}
			m[name] = xmlValue(kids[0], p)
		}
		if anyProp != "" {
			items := s.Properties[anyProp].Value.Items
			var list []any
			for _, c := range n.children {
				if !used[c.name] && items != nil && items.Value != nil {
					list = append(list, xmlValue(c, items.Value))
				}
			}
			if list != nil {
				m[anyProp] = list
			}
		}
		return m
	case s.Type.Is(openapi3.TypeInteger):
		if v, err := strconv.ParseInt(strings.TrimSpace(n.text), 10, 64); err == nil {
			return float64(v)
		}
	case s.Type.Is(openapi3.TypeNumber):
		if v, err := strconv.ParseFloat(strings.TrimSpace(n.text), 64); err == nil {
			return v
		}
	case s.Type.Is(openapi3.TypeBoolean):
		if v, err := strconv.ParseBool(strings.TrimSpace(n.text)); err == nil {
			return v
		}
	}
	return n.text
}

func chardata(s *openapi3.Schema) bool {
	tags, ok := s.Extensions["x-oapi-codegen-extra-tags"].(map[string]any)
	return ok && tags["xml"] == ",chardata"
}

// xmlRows turns the <Product> elements of an XML import into feed rows;
// the children of <ProductData> become attribute columns.
func xmlRows(root *xnode) []feedRow {
	var rows []feedRow
	for i, p := range root.all("Product") {
		r := feedRow{line: i + 1, values: map[string]string{}}
		for _, c := range p.children {
			if c.name == "ProductData" {
				for _, a := range c.children {
					r.values[a.name] = a.text
				}
				continue
			}
			r.values[c.name] = c.text
		}
		rows = append(rows, r)
	}
	return rows
}

// Legacy error codes of the XML envelope.
const (
	xmlEmptyRequest = 30
	xmlFormatError  = 1000
)

func xmlSuccess(action, requestID string, at gen.DateTime) gen.XmlResponse {
	body := &gen.XmlResponseBody{}
	return gen.XmlResponse{XMLName: xml.Name{Local: "SuccessResponse"}, Head: &gen.XmlResponseHead{
		RequestId: ptr(requestID), RequestAction: ptr(action), ResponseType: ptr(""), Timestamp: ptr(at),
	}, Body: body}
}

func xmlError(action string, code int, message string, details []gen.XmlDetail) gen.XmlResponse {
	body := &gen.XmlResponseBody{}
	if len(details) > 0 {
		body.ErrorDetail = details
	}
	return gen.XmlResponse{XMLName: xml.Name{Local: "ErrorResponse"}, Head: &gen.XmlResponseHead{
		RequestAction: ptr(action), ErrorType: ptr("Sender"), ErrorCode: ptr(code), ErrorMessage: ptr(message),
	}, Body: body}
}

// marshalXML writes an envelope with the XML declaration.
func marshalXML(v gen.XmlResponse) ([]byte, error) {
	b, err := xml.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("sellercentertest: encoding the XML envelope: %w", err)
	}
	return append([]byte(xml.Header), b...), nil
}

// writeXMLViolations answers a request to an XML import that failed
// validation the legacy way: 400 with an ErrorResponse listing the
// violations, or E030 when the request holds no product.
func writeXMLViolations(w http.ResponseWriter, action string, body []byte, vs []violation) {
	env := xmlError(action, xmlFormatError, "E1000: Invalid Request Format", nil)
	root, err := parseXML(bytes.NewReader(body))
	if len(bytes.TrimSpace(body)) == 0 || err == nil && len(root.all("Product")) == 0 {
		env = xmlError(action, xmlEmptyRequest, "E030: Empty Request", nil)
	}
	var details []gen.XmlDetail
	for _, v := range vs {
		d := gen.XmlDetail{Field: ptr(v.path), Message: ptr(v.title)}
		if v.value != "" && !strings.HasPrefix(v.value, "{") && !strings.HasPrefix(v.value, "[") { // not the JSON of a whole element
			d.Value = ptr(v.value)
		}
		details = append(details, d)
	}
	if len(details) > 0 {
		env.Body.ErrorDetail = details
	}
	b, err := marshalXML(env)
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, problem(http.StatusInternalServerError, "server_error", "Internal Server Error", err.Error()), nil)
		return
	}
	w.Header().Set("Content-Type", mimeXML)
	w.WriteHeader(http.StatusBadRequest)
	_, _ = w.Write(b) // a write error means the client is gone
}
