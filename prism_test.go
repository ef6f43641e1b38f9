//go:build contract

package sellercenter_test

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"reflect"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/sellercenter-go/sellercenter/gen"
)

// The Prism contract suite checks our client against a mock that nobody here
// wrote: Stoplight Prism serving openapi/sellercenter.yaml with --errors, so
// a request that breaks the spec is refused. `make contract` installs Prism
// and runs this file (build tag contract) with PRISM_BIN set; the test starts
// Prism on a free loopback port and stops it at the end.

// prismQuirks lists the operations Prism answers wrongly, and why. Their rows
// still run: the test then wants Prism's known answer, decoded into our
// error type, so a change in Prism or in our request shows.
var prismQuirks = map[string]int{
	// Prism parses a query key such as exportActions[] as exportActions, so
	// it reports a required name[] parameter as missing. The live API (PHP)
	// reads repeated name[] keys as one array; the in-process mock and the
	// operations test check the wire format.
	"listExports":                  http.StatusBadRequest,
	"listProductsBySellerSkus":     http.StatusBadRequest,
	"listProductSetTags":           http.StatusBadRequest,
	"listProductSetStockSummaries": http.StatusBadRequest,
	"listProductSetRejections":     http.StatusBadRequest,
	"listMainImagesBySku":          http.StatusBadRequest,
	"getFeedInputs":                http.StatusBadRequest,

	// The same for the finance lists by ids[] and orderItemIds[].
	"listTransactionStatements":       http.StatusBadRequest,
	"listOrderItemLegacyTransactions": http.StatusBadRequest,
	// Prism validates a text/xml body as if it were JSON ("Request body must
	// be object"). The mock and TestXMLRequestBodies check the XML.
	"importStockUpdatesXml":   http.StatusBadRequest,
	"importNewProductsXml":    http.StatusBadRequest,
	"importProductUpdatesXml": http.StatusBadRequest,
}

// TestPrism sends every operation's request, built by the generated client
// from its row of the operations table, and decodes Prism's answer.
func TestPrism(t *testing.T) {
	base := startPrism(t)

	c, err := gen.NewClientWithResponses(base, gen.WithRequestEditorFn(func(_ context.Context, req *http.Request) error {
		req.Header.Set("Authorization", "Bearer contract-test")
		return nil
	}))
	if err != nil {
		t.Fatalf("NewClientWithResponses(%q) = %v", base, err)
	}
	names := make([]string, 0, len(rows))
	for name := range rows {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		r := rows[name]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			resp, err := r.call(ctx, c)
			if err != nil {
				t.Fatalf("%s() = %v, want a response that decodes into our types", name, err)
			}
			status := reflect.ValueOf(resp).MethodByName("StatusCode").Call(nil)[0].Interface().(int)
			body := reflect.ValueOf(resp).Elem().FieldByName("Body").Bytes()
			if want, ok := prismQuirks[name]; ok {
				field := reflect.ValueOf(resp).Elem().FieldByName("JSON" + strconv.Itoa(want))
				if status != want || !field.IsValid() || field.IsNil() {
					t.Errorf("%s() status = %d (%s), want Prism's known %d, decoded", name, status, trim(body), want)
				}
				return
			}
			if status < 200 || status > 299 {
				t.Fatalf("%s() status = %d (%s), want 2xx: Prism refused our request", name, status, trim(body))
			}
			if r.reply.fixture == "" && r.reply.raw == nil {
				return // an answer without a body, as the spec says
			}
			if r.reply.raw != nil {
				if len(body) == 0 {
					t.Errorf("%s() body is empty, want the file's bytes", name)
				}
				return
			}
			field := reflect.ValueOf(resp).Elem().FieldByName("JSON" + strconv.Itoa(status))
			if !field.IsValid() || field.IsNil() {
				t.Errorf("%s() JSON%d = nil, want Prism's %s decoded", name, status, trim(body))
			}
		})
	}
}

// startPrism runs Prism on a free loopback port until the test ends, and
// returns its URL once it answers.
func startPrism(t *testing.T) string {
	t.Helper()
	bin := os.Getenv("PRISM_BIN")
	if bin == "" {
		t.Fatal("PRISM_BIN is not set: run this suite with make contract")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	l.Close()

	var out bytes.Buffer
	cmd := exec.Command(bin, "mock", specPath, "--errors", "-h", "127.0.0.1", "-p", port)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("Prism's log:\n%s", out.String())
		}
	})

	base := "http://127.0.0.1:" + port
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(base + "/v2/health")
		if err == nil {
			resp.Body.Close()
			return base
		}
		if time.Now().After(deadline) {
			t.Fatalf("Prism did not answer on %s within 60 s: %v", base, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func trim(b []byte) string {
	if len(b) > 300 {
		return string(b[:300]) + "..."
	}
	return string(b)
}
