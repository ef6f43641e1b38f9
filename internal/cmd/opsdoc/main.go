// Command opsdoc writes docs/operations.md, the API reference at a glance:
// every operation of the spec, grouped by tag, with its method and path, the
// generated client's method, the result helper that fits its success
// responses, the Client iterator that walks it, and what the mock does with
// it. It reads the Go sources it names instead of trusting a table, so the
// page cannot drift from the code; make docs runs it and make check-docs
// fails when the committed page is stale.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

func main() {
	spec := flag.String("spec", "openapi/sellercenter.yaml", "the OpenAPI document")
	client := flag.String("client", "gen/client.gen.go", "the generated client")
	srv := flag.String("server", "gen/server/server.gen.go", "the generated server the mock binds")
	pager := flag.String("pager", "pager.go", "the file of the Client iterators")
	out := flag.String("out", "docs/operations.md", "the page to write")
	flag.Parse()
	if err := run(*spec, *client, *srv, *pager, *out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(specPath, clientPath, serverPath, pagerPath, out string) error {
	doc, err := openapi3.NewLoader().LoadFromFile(specPath)
	if err != nil {
		return fmt.Errorf("opsdoc: loading %s: %w", specPath, err)
	}
	var src sources
	for _, f := range []struct {
		path string
		dst  *[]byte
	}{{clientPath, &src.client}, {serverPath, &src.server}, {pagerPath, &src.pager}} {
		if *f.dst, err = os.ReadFile(f.path); err != nil {
			return fmt.Errorf("opsdoc: %w", err)
		}
	}
	page, err := render(doc, src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return fmt.Errorf("opsdoc: %w", err)
	}
	if err := os.WriteFile(out, page, 0o644); err != nil {
		return fmt.Errorf("opsdoc: %w", err)
	}
	return nil
}

// sources are the Go files the page is checked against.
type sources struct {
	client []byte // the generated client: ClientWithResponses and the response types
	server []byte // the generated server: the wrapper methods the mock binds
	pager  []byte // the Client iterators
}

// facts is what the Go sources say about the operations.
type facts struct {
	withResponse map[string]bool   // methods of *ClientWithResponses
	getters      map[string]bool   // "XResponse.GetJSON200" and the like
	bound        map[string]bool   // methods of *ServerInterfaceWrapper
	iterators    map[string]string // ListOrders -> Orders, and any other c.X handed to walk
	walkers      []string          // the Client methods that call walk
}

func parseFacts(src sources) (*facts, error) {
	f := &facts{withResponse: map[string]bool{}, getters: map[string]bool{}, bound: map[string]bool{}, iterators: map[string]string{}}
	fset := token.NewFileSet()
	parse := func(name string, b []byte) (*ast.File, error) {
		file, err := parser.ParseFile(fset, name, b, parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("opsdoc: parsing %s: %w", name, err)
		}
		return file, nil
	}
	client, err := parse("client", src.client)
	if err != nil {
		return nil, err
	}
	for _, fn := range methods(client) {
		switch recv := receiver(fn); {
		case recv == "ClientWithResponses":
			f.withResponse[fn.Name.Name] = true
		case strings.HasSuffix(recv, "Response") && strings.HasPrefix(fn.Name.Name, "GetJSON"):
			f.getters[recv+"."+fn.Name.Name] = true
		}
	}
	server, err := parse("server", src.server)
	if err != nil {
		return nil, err
	}
	for _, fn := range methods(server) {
		if receiver(fn) == "ServerInterfaceWrapper" {
			f.bound[fn.Name.Name] = true
		}
	}
	pager, err := parse("pager", src.pager)
	if err != nil {
		return nil, err
	}
	for _, fn := range methods(pager) {
		if receiver(fn) != "Client" || fn.Body == nil {
			continue
		}
		// An iterator is a Client method that walks c.ListX: the page
		// fetcher it hands to walk names the operation.
		ast.Inspect(fn.Body, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || calleeName(call.Fun) != "walk" {
				return true
			}
			f.walkers = append(f.walkers, fn.Name.Name)
			for _, arg := range call.Args {
				if sel, ok := arg.(*ast.SelectorExpr); ok {
					if x, ok := sel.X.(*ast.Ident); ok && x.Name == fn.Recv.List[0].Names[0].Name {
						f.iterators[sel.Sel.Name] = fn.Name.Name
					}
				}
			}
			return false
		})
	}
	return f, nil
}

func methods(file *ast.File) []*ast.FuncDecl {
	var out []*ast.FuncDecl
	for _, d := range file.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv != nil && len(fn.Recv.List) == 1 {
			out = append(out, fn)
		}
	}
	return out
}

// receiver is the name of a method's receiver type, without the pointer.
func receiver(fn *ast.FuncDecl) string {
	t := fn.Recv.List[0].Type
	if star, ok := t.(*ast.StarExpr); ok {
		t = star.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// calleeName is the name of a called function, its type arguments removed.
func calleeName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.IndexExpr:
		return calleeName(e.X)
	case *ast.IndexListExpr:
		return calleeName(e.X)
	}
	return ""
}

// row is one operation on the page.
type row struct {
	tag, id, method, path, summary string
	goMethod, helper, iterator     string
	raw                            []string // the media types of a body Check leaves to read
	job                            string   // what the mock runs in the background, from jobs
	mock                           string
}

var methodOrder = []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"}

func render(doc *openapi3.T, src sources) ([]byte, error) {
	f, err := parseFacts(src)
	if err != nil {
		return nil, err
	}
	var rows []row
	var errs []error
	paths := doc.Paths.InMatchingOrder()
	slices.Sort(paths)
	used := map[string]bool{}
	for _, p := range paths {
		item := doc.Paths.Value(p)
		for _, m := range methodOrder {
			op := item.GetOperation(m)
			if op == nil {
				continue
			}
			r, err := describe(f, p, m, op)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			used[exported(op.OperationID)] = true
			rows = append(rows, r)
		}
	}
	// Every Client method that calls walk must walk an operation of the
	// spec; the other c.X arguments of walk (the page window) are no
	// operations and are dropped.
	walks := map[string]bool{}
	for fetch, it := range f.iterators {
		if used[fetch] {
			walks[it] = true
		}
	}
	for _, it := range f.walkers {
		if !walks[it] {
			errs = append(errs, fmt.Errorf("opsdoc: iterator Client.%s walks no operation of the spec", it))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return write(doc, rows), nil
}

func describe(f *facts, path, method string, op *openapi3.Operation) (r row, err error) {
	r = row{id: op.OperationID, method: method, path: path, summary: op.Summary}
	if op.OperationID == "" {
		return r, fmt.Errorf("opsdoc: %s %s has no operationId", method, path)
	}
	if len(op.Tags) == 0 {
		return r, fmt.Errorf("opsdoc: %s has no tag", op.OperationID)
	}
	r.tag = op.Tags[0]
	name := exported(op.OperationID)
	switch {
	case f.withResponse[name+"WithResponse"]:
		r.goMethod = name + "WithResponse"
	case f.withResponse[name+"WithBodyWithResponse"]:
		r.goMethod = name + "WithBodyWithResponse"
	default:
		return r, fmt.Errorf("opsdoc: the generated client has no %sWithResponse for %s: run make generate", name, op.OperationID)
	}
	if r.helper, r.raw, err = helper(op); err != nil {
		return r, err
	}
	// The helper's type parameters come from the response type's getters,
	// so a helper the generated code cannot serve is an error here rather
	// than a compile error in a reader's code.
	for getter, need := range map[string]bool{"GetJSON200": r.helper == "Result", "GetJSON201": r.helper == "Created"} {
		if need && !f.getters[name+"Response."+getter] {
			return r, fmt.Errorf("opsdoc: %s needs %s, which %sResponse lacks: run make generate", op.OperationID, getter, name)
		}
	}
	r.iterator = f.iterators[name]
	r.job = job(op)
	if f.bound[name] {
		r.mock = "yes"
		if signed, _ := op.Extensions["x-signed"].(bool); signed {
			r.mock += ", signed"
		}
	}
	return r, nil
}

// helper names the result helper for an operation's success responses: a
// JSON body on 200 is Result's, one on 201 only is Created's, and no JSON
// body on any 2xx is Check's. A body of another type (a file, CSV, XML) is
// the response's Body to read once Check accepted it, so the name says so.
func helper(op *openapi3.Operation) (name string, raw []string, err error) {
	json := func(code int) *openapi3.SchemaRef {
		ref := op.Responses.Status(code)
		if ref == nil || ref.Value == nil {
			return nil
		}
		for ct, mt := range ref.Value.Content {
			base := strings.TrimSpace(strings.SplitN(ct, ";", 2)[0])
			if base == "application/json" || strings.HasSuffix(base, "+json") {
				if mt.Schema == nil {
					return &openapi3.SchemaRef{}
				}
				return mt.Schema
			}
		}
		return nil
	}
	ok, created := json(200), json(201)
	switch {
	case ok != nil && created != nil:
		// Result hands back a 201's body only when it has the 200's type.
		if ok.Ref == "" || ok.Ref != created.Ref {
			return "", nil, fmt.Errorf("opsdoc: %s answers 200 and 201 with bodies of different schemas, which no result helper returns both of", op.OperationID)
		}
		return "Result", nil, nil
	case ok != nil:
		return "Result", nil, nil
	case created != nil:
		return "Created", nil, nil
	}
	for code := 200; code < 300; code++ {
		if ref := op.Responses.Status(code); ref != nil && ref.Value != nil {
			for ct := range ref.Value.Content {
				raw = append(raw, ct)
			}
		}
	}
	slices.Sort(raw)
	return "Check", slices.Compact(raw), nil
}

// jobs are the success bodies that start work the mock finishes later, by
// schema name, with the Client method that waits for it.
// TestJobWaiters checks each waiter is a method of sellercenter.Client.
var jobs = map[string]struct{ what, waiter string }{
	"ExportJob":      {"export job", "WaitForExport"},
	"ImportAccepted": {"feed, done after `sellercentertest.Config.FeedDelay`", "WaitForFeed"},
}

// job is the mock's background work an operation starts, if any.
func job(op *openapi3.Operation) string {
	for code := 200; code < 300; code++ {
		ref := op.Responses.Status(code)
		if ref == nil || ref.Value == nil {
			continue
		}
		for _, mt := range ref.Value.Content {
			if mt.Schema == nil {
				continue
			}
			if j, ok := jobs[strings.TrimPrefix(mt.Schema.Ref, "#/components/schemas/")]; ok {
				return j.what + ": `Client." + j.waiter + "`"
			}
		}
	}
	return ""
}

// exported is an operationId as the generated code names it.
func exported(id string) string {
	if id == "" {
		return ""
	}
	return strings.ToUpper(id[:1]) + id[1:]
}

func write(doc *openapi3.T, rows []row) []byte {
	var b bytes.Buffer
	b.WriteString("# Operations\n\n")
	b.WriteString("<!-- Generated by internal/cmd/opsdoc from openapi/sellercenter.yaml and the Go sources; run make docs, do not edit. -->\n\n")
	b.WriteString("Every operation of the spec, grouped by tag. **Go method** is the generated client's method, which `sellercenter.Client` has; " +
		"**Result** is the helper that turns its answer into a value: `sellercenter.Result` for a 200 with a body, `sellercenter.Created` for a 201 with one, " +
		"`sellercenter.Check` for an answer without a JSON body. **Iterator** is the `sellercenter.Client` method that walks every page. " +
		"**Mock** says whether `sellercentertest` serves it, *signed* when the spec marks it `x-signed` (the mock checks the signature), " +
		"and the work it finishes in the background, with the `sellercenter.Client` method that waits for it.\n\n")
	var tags []string
	for _, t := range doc.Tags {
		tags = append(tags, t.Name)
	}
	for _, r := range rows {
		if !slices.Contains(tags, r.tag) {
			tags = append(tags, r.tag)
		}
	}
	signed, iters, mocked := 0, 0, 0
	for _, tag := range tags {
		var in []row
		for _, r := range rows {
			if r.tag == tag {
				in = append(in, r)
			}
		}
		if len(in) == 0 {
			continue
		}
		fmt.Fprintf(&b, "## %s\n\n", tag)
		b.WriteString("| Operation | Method | Path | Go method | Result | Iterator | Mock |\n")
		b.WriteString("|---|---|---|---|---|---|---|\n")
		for _, r := range in {
			it := ""
			if r.iterator != "" {
				it = "`Client." + r.iterator + "`"
				iters++
			}
			mock := r.mock
			if mock == "" {
				mock = "no"
			} else {
				mocked++
			}
			if strings.HasSuffix(mock, "signed") {
				signed++
			}
			if r.job != "" && r.mock != "" {
				mock += ", " + r.job
			}
			fmt.Fprintf(&b, "| %s | %s | `%s` | `%s` | %s | %s | %s |\n",
				cell(r.id, r.summary), r.method, r.path, r.goMethod, helperCell(r.helper, r.raw), it, mock)
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "%s operations: %d with an iterator, %d served by the mock, %d signed.\n",
		strconv.Itoa(len(rows)), iters, mocked, signed)
	return b.Bytes()
}

// cell is an operation's table cell: its id, and its summary when it has one.
func cell(id, summary string) string {
	if summary == "" {
		return "`" + id + "`"
	}
	return "`" + id + "`: " + strings.ReplaceAll(summary, "|", `\|`)
}

// helperCell sets the helper's name in code, and the media types of a
// body the caller reads itself.
func helperCell(name string, raw []string) string {
	if len(raw) == 0 {
		return "`" + name + "`"
	}
	return "`" + name + "`, then `Body` (" + strings.Join(raw, ", ") + ")"
}
