// Command drift lists what a vendor OpenAPI document declares that ours
// lacks: operations, parameter differences and response properties, grouped
// by the vendor's tag, with a last line of totals. Run it through make drift
// when the vendor publishes a new document; it reports, it does not judge, so
// it exits 0 whatever it finds and 1 only when a document cannot be read.
package main

import (
	"fmt"
	"os"

	"github.com/getkin/kin-openapi/openapi3"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: drift VENDOR.yaml OURS.yaml")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "drift:", err)
		os.Exit(1)
	}
}

func run(vendorPath, oursPath string) error {
	vendor, err := load(vendorPath)
	if err != nil {
		return err
	}
	ours, err := load(oursPath)
	if err != nil {
		return err
	}
	return compare(vendor, ours).write(os.Stdout)
}

func load(path string) (*openapi3.T, error) {
	doc, err := openapi3.NewLoader().LoadFromFile(path)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", path, err)
	}
	if doc.Paths == nil {
		return nil, fmt.Errorf("load %s: no paths: not an OpenAPI 3.0 document", path)
	}
	return doc, nil
}
