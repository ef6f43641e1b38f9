package main

import (
	"cmp"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// finding is one difference, under the vendor tag of its operation.
type finding struct {
	tag  string
	kind string // "operation", "parameter", "property", "type"
	op   string // "GET /v2/path"
	text string
}

// report is what compare found.
type report struct {
	findings   []finding
	covered    int
	total      int
	compatible int // vendor properties under a schema of ours with x-go-type
	compared   int // vendor response properties looked at
	freeForm   int // vendor properties that land in an object of ours with additionalProperties: true
}

func (r *report) count(kind string) int {
	n := 0
	for _, f := range r.findings {
		if f.kind == kind {
			n++
		}
	}
	return n
}

var pathParam = regexp.MustCompile(`\{[^}]+\}`)

// opKey matches operations by method and path, whatever the path
// parameters are called (the vendor's {id} may be our {orderId}).
func opKey(method, path string) string {
	p := strings.TrimRight(pathParam.ReplaceAllString(path, "{}"), "/")
	if p == "" {
		p = "/"
	}
	return method + " " + p
}

type operation struct {
	path string
	item *openapi3.PathItem
	op   *openapi3.Operation
}

func operations(doc *openapi3.T) map[string]operation {
	out := map[string]operation{}
	for path, item := range doc.Paths.Map() {
		if item == nil {
			continue
		}
		for method, op := range item.Operations() {
			out[opKey(method, path)] = operation{path: path, item: item, op: op}
		}
	}
	return out
}

// compare lists what vendor declares that ours lacks or types differently.
func compare(vendor, ours *openapi3.T) *report {
	r := &report{}
	theirs, mine := operations(vendor), operations(ours)
	keys := make([]string, 0, len(theirs))
	for k := range theirs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		v := theirs[k]
		tag := "(untagged)"
		if len(v.op.Tags) > 0 {
			tag = v.op.Tags[0]
		}
		r.total++
		o, ok := mine[k]
		if !ok {
			r.findings = append(r.findings, finding{tag, "operation", k, "missing from our spec"})
			continue
		}
		r.covered++
		for _, d := range paramDiffs(v, o) {
			r.findings = append(r.findings, finding{tag, "parameter", k, d})
		}
		compareResponses(r, tag, k, v.op, o.op)
	}
	return r
}

type param struct {
	name     string
	in       string
	required bool
}

// ignoredHeaders are set by the client itself, not by a caller.
var ignoredHeaders = map[string]bool{"authorization": true, "content-type": true, "accept": true}

// params keys an operation's query, header and cookie parameters by where
// they go and their name without a trailing "[]", so that the vendor's
// "status[]" and our "status" are one parameter whose names differ. Path
// parameters are matched by the path itself.
func params(o operation) map[string]param {
	out := map[string]param{}
	all := append(slices.Clone(o.item.Parameters), o.op.Parameters...)
	for _, ref := range all {
		p := ref.Value
		if p == nil || p.In == openapi3.ParameterInPath {
			continue
		}
		if p.In == openapi3.ParameterInHeader && ignoredHeaders[strings.ToLower(p.Name)] {
			continue
		}
		out[strings.TrimSuffix(p.Name, "[]")] = param{name: p.Name, in: p.In, required: p.Required}
	}
	return out
}

func paramDiffs(v, o operation) []string {
	theirs, mine := params(v), params(o)
	var out []string
	for base, tp := range theirs {
		mp, ok := mine[base]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("%s parameter %q: missing from ours", tp.in, tp.name))
			continue
		case tp.name != mp.name:
			out = append(out, fmt.Sprintf("%s parameter %q: ours is named %q", tp.in, tp.name, mp.name))
		}
		if tp.in != mp.in {
			out = append(out, fmt.Sprintf("parameter %q: vendor's is in %s, ours in %s", tp.name, tp.in, mp.in))
		}
		if tp.required != mp.required {
			out = append(out, fmt.Sprintf("%s parameter %q: vendor required=%t, ours required=%t", tp.in, tp.name, tp.required, mp.required))
		}
	}
	for base, mp := range mine {
		if _, ok := theirs[base]; !ok {
			out = append(out, fmt.Sprintf("%s parameter %q: ours only", mp.in, mp.name))
		}
	}
	slices.Sort(out)
	return out
}

// jsonBody is a response's JSON schema, or nil.
func jsonBody(ref *openapi3.ResponseRef) *openapi3.Schema {
	if ref == nil || ref.Value == nil {
		return nil
	}
	for ct, media := range ref.Value.Content {
		if (ct == "application/json" || strings.HasSuffix(ct, "+json")) && media.Schema != nil {
			return media.Schema.Value
		}
	}
	return nil
}

func compareResponses(r *report, tag, key string, v, o *openapi3.Operation) {
	if v.Responses == nil {
		return
	}
	statuses := slices.Sorted(func(yield func(string) bool) {
		for s := range v.Responses.Map() {
			if !yield(s) {
				return
			}
		}
	})
	for _, status := range statuses {
		if !strings.HasPrefix(status, "2") {
			continue
		}
		vs := jsonBody(v.Responses.Value(status))
		if vs == nil {
			continue
		}
		var ourBody *openapi3.Schema
		if o.Responses != nil {
			ourBody = jsonBody(o.Responses.Value(status))
		}
		if ourBody == nil {
			r.findings = append(r.findings, finding{tag, "property", key, status + ": no JSON body in ours"})
			continue
		}
		w := walker{r: r, tag: tag, key: key + " " + status}
		w.walk("$", vs, ourBody)
	}
}

// walker compares one vendor body with ours, property by property.
type walker struct {
	r    *report
	tag  string
	key  string
	seen []*openapi3.Schema // the vendor schemas on the way down, against cycles
}

// flatten merges allOf, oneOf and anyOf into one view of the properties a
// body may have and its type.
func flatten(s *openapi3.Schema) (types []string, props map[string]*openapi3.Schema, items, extra *openapi3.Schema, goType, freeForm bool) {
	props = map[string]*openapi3.Schema{}
	var visit func(*openapi3.Schema, int)
	visit = func(s *openapi3.Schema, depth int) {
		if s == nil || depth > 16 {
			return
		}
		if _, ok := s.Extensions["x-go-type"]; ok {
			goType = true
		}
		if s.AdditionalProperties.Has != nil && *s.AdditionalProperties.Has {
			freeForm = true
		}
		if s.Type != nil {
			for _, t := range s.Type.Slice() {
				// The vendor writes some ids as a number of format integer.
				if t == openapi3.TypeNumber && slices.Contains([]string{"integer", "int32", "int64"}, s.Format) {
					t = openapi3.TypeInteger
				}
				if !slices.Contains(types, t) {
					types = append(types, t)
				}
			}
		}
		for name, p := range s.Properties {
			if p != nil && p.Value != nil {
				if _, dup := props[name]; !dup {
					props[name] = p.Value
				}
			}
		}
		if s.Items != nil && items == nil {
			items = s.Items.Value
		}
		if s.AdditionalProperties.Schema != nil && extra == nil {
			extra = s.AdditionalProperties.Schema.Value
		}
		for _, group := range [][]*openapi3.SchemaRef{s.AllOf, s.OneOf, s.AnyOf} {
			for _, sub := range group {
				if sub != nil {
					visit(sub.Value, depth+1)
				}
			}
		}
	}
	visit(s, 0)
	if len(types) == 0 {
		switch {
		case len(props) > 0 || extra != nil || freeForm:
			types = []string{"object"}
		case items != nil:
			types = []string{"array"}
		}
	}
	return types, props, items, extra, goType, freeForm
}

// compatible says whether a value of the vendor's types decodes into ours: an
// integer fits a number, and a schema with no type takes anything.
func compatible(theirs, mine []string) bool {
	if len(theirs) == 0 || len(mine) == 0 {
		return true
	}
	for _, t := range theirs {
		if t == "null" {
			continue
		}
		if !slices.Contains(mine, t) && !(t == "integer" && slices.Contains(mine, "number")) {
			return false
		}
	}
	return true
}

func (w *walker) walk(path string, v, o *openapi3.Schema) {
	if slices.Contains(w.seen, v) {
		return
	}
	w.seen = append(w.seen, v)
	defer func() { w.seen = w.seen[:len(w.seen)-1] }()

	vt, vprops, vitems, vextra, _, _ := flatten(v)
	ot, oprops, oitems, oextra, goType, freeForm := flatten(o)
	if goType {
		w.r.compatible++
		return
	}
	if !compatible(vt, ot) {
		w.add("type", fmt.Sprintf("%s: vendor %s, ours %s", path, strings.Join(vt, "|"), strings.Join(ot, "|")))
		return
	}
	names := make([]string, 0, len(vprops))
	for n := range vprops {
		names = append(names, n)
	}
	slices.Sort(names)
	var free []string
	w.r.compared += len(names)
	for _, n := range names {
		child := path + "." + n
		mine, ok := oprops[n]
		if !ok {
			mine = oextra
		}
		if mine == nil && freeForm {
			free = append(free, n)
			continue
		}
		if mine == nil {
			t, _, _, _, _, _ := flatten(vprops[n])
			w.add("property", fmt.Sprintf("%s (%s): missing from ours", child, cmp.Or(strings.Join(t, "|"), "any")))
			continue
		}
		w.walk(child, vprops[n], mine)
	}
	if len(free) > 0 {
		w.r.freeForm += len(free)
		w.add("free-form", fmt.Sprintf("%s: %d vendor properties land in our free-form object (additionalProperties: true): %s", path, len(free), strings.Join(free, ", ")))
	}
	if vitems != nil && oitems != nil {
		w.walk(path+"[]", vitems, oitems)
	}
	if vextra != nil && oextra != nil {
		w.walk(path+".*", vextra, oextra)
	}
}

func (w *walker) add(kind, text string) {
	w.r.findings = append(w.r.findings, finding{w.tag, kind, w.key, text})
}

// write prints the findings grouped by tag, then the totals.
func (r *report) write(out io.Writer) error {
	fs := slices.Clone(r.findings)
	slices.SortStableFunc(fs, func(a, b finding) int { return strings.Compare(a.tag, b.tag) })
	var b strings.Builder
	tag := ""
	for i, f := range fs {
		if i == 0 || f.tag != tag {
			tag = f.tag
			fmt.Fprintf(&b, "\n%s\n", tag)
		}
		fmt.Fprintf(&b, "  %-9s %s: %s\n", f.kind, f.op, f.text)
	}
	star := ""
	if r.compatible > 0 {
		star = "*"
		fmt.Fprintf(&b, "\n* %d vendor properties land on a schema of ours with x-go-type (datetime, money, lenient...), which accepts several shapes: counted as compatible, not compared.\n", r.compatible)
	}
	fmt.Fprintf(&b, "\ncovered %d/%d vendor operations, %d response properties compared; %d operations missing, %d parameter differences, %d response properties missing, %d typed differently, %d in free-form objects, %d compatible through x-go-type%s\n",
		r.covered, r.total, r.compared, r.count("operation"), r.count("parameter"), r.count("property"), r.count("type"), r.freeForm, r.compatible, star)
	_, err := io.WriteString(out, strings.TrimLeft(b.String(), "\n"))
	return err
}
