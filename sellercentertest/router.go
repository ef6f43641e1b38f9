package sellercentertest

import (
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"sort"
	"strings"

	"github.com/sellercenter-go/sellercenter/gen/server"
)

// The API is routed here rather than by http.ServeMux, which refuses the
// document's two file-manager paths (/files/download/{uuid} and
// /files/{uuid}/status both match /files/download/status, and neither is
// more specific). Here the earlier literal segment wins, so that path is
// the download of a file named "status".

// bindHandlers finds the generated wrapper method of every operation. The
// methods are taken from the type, as method expressions, so the lookup is
// done once for all servers.
func bindHandlers(t *operationTable) error {
	typ := reflect.TypeFor[*server.ServerInterfaceWrapper]()
	var missing []string
	for _, id := range t.ids {
		m, ok := typ.MethodByName(strings.ToUpper(id[:1]) + id[1:])
		if !ok {
			missing = append(missing, id)
			continue
		}
		h, ok := m.Func.Interface().(func(*server.ServerInterfaceWrapper, http.ResponseWriter, *http.Request))
		if !ok {
			return fmt.Errorf("sellercentertest: the generated handler of %s has type %s", id, m.Type)
		}
		t.byID[id].handle = h
	}
	if len(missing) > 0 {
		return fmt.Errorf("sellercentertest: no generated handler for %s; run go generate", strings.Join(missing, ", "))
	}
	return nil
}

// match finds the operation for a path below the API prefix. With no
// operation for method, allowed lists the methods the path has.
func (s *Server) match(method, escapedPath string) (op *operation, params map[string]string, allowed []string) {
	segs := strings.Split(strings.TrimPrefix(escapedPath, "/"), "/")
	var best *operation
	var bestValues map[string]string
	for _, o := range s.ops.list {
		values, ok := matchSegments(o.segments, segs)
		if !ok {
			continue
		}
		if o.method != method {
			allowed = append(allowed, o.method)
			continue
		}
		if best == nil || moreSpecific(o.segments, best.segments) {
			best, bestValues = o, values
		}
	}
	sort.Strings(allowed)
	return best, bestValues, allowed
}

func isParam(seg string) bool { return strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") }

func matchSegments(tmpl, segs []string) (map[string]string, bool) {
	if len(tmpl) != len(segs) {
		return nil, false
	}
	values := map[string]string{}
	for i, t := range tmpl {
		v, err := url.PathUnescape(segs[i])
		if err != nil {
			return nil, false
		}
		switch {
		case isParam(t):
			if v == "" {
				return nil, false
			}
			values[t[1:len(t)-1]] = v
		case t != v:
			return nil, false
		}
	}
	return values, true
}

// moreSpecific reports whether a has a literal where b first has a
// parameter.
func moreSpecific(a, b []string) bool {
	for i := range a {
		if pa, pb := isParam(a[i]), isParam(b[i]); pa != pb {
			return pb
		}
	}
	return false
}

func (s *Server) serveRoute(w http.ResponseWriter, r *http.Request) {
	op, params, allowed := s.match(r.Method, strings.TrimPrefix(r.URL.EscapedPath(), apiPrefix))
	if op == nil {
		if len(allowed) == 0 {
			s.serveNotFound(w, r)
			return
		}
		req := s.begin(r, "")
		writeJSON(w, http.StatusMethodNotAllowed, problem(http.StatusMethodNotAllowed, "method_not_allowed", "Method Not Allowed",
			fmt.Sprintf("%s takes %s, not %s", r.URL.Path, strings.Join(allowed, ", "), r.Method)),
			http.Header{"Allow": {strings.Join(allowed, ", ")}})
		req.finish(http.StatusMethodNotAllowed)
		return
	}
	for k, v := range params {
		r.SetPathValue(k, v)
	}
	req := s.begin(r, op.id)
	req.finish(s.serveAPI(req, op, w, r))
}
