# The one interface for people and CI. `make help` lists the targets.

GO          ?= go
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
PKGS        := ./...
# Library packages: what a user's binary links. Their non-standard imports must
# stay within ALLOWED_DEPS (the generated code's runtime and its two helpers).
LIB_PKGS     := . ./gen ./authn ./datetime ./lenient ./money ./webhook
ALLOWED_DEPS := github.com/sellercenter-go/sellercenter github.com/oapi-codegen/runtime \
	github.com/google/uuid github.com/apapsch/go-jsonmerge/v2 golang.org/x/oauth2 golang.org/x/time

# Stoplight Prism, pinned with its lock file, installed into the project on
# first use (node_modules is gitignored).
PRISM_DIR := .ci/prism
PRISM     := $(PRISM_DIR)/node_modules/.bin/prism

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets.
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-16s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: generate
generate: ## Regenerate gen/ from openapi/sellercenter.yaml.
	$(GO) generate ./...

VENDOR ?= ../shared/reference/vendor-openapi-2024-10.yaml

.PHONY: vendor-examples
vendor-examples: ## Rewrite testdata/vendor/examples.json, the bodies TestVendorExamplesDecode decodes, from VENDOR (the vendor's OpenAPI document).
	$(GO) run ./internal/cmd/vendorexamples $(VENDOR) testdata/vendor/examples.json

.PHONY: drift
drift: ## List, by tag, what VENDOR (the vendor's OpenAPI document) declares that openapi/sellercenter.yaml lacks: operations, parameters, response properties.
	$(GO) run ./internal/cmd/drift $(VENDOR) openapi/sellercenter.yaml

.PHONY: check-generated
check-generated: ## Regenerate gen/ and fail if it was out of date with the spec or edited by hand.
	@snap=$$(mktemp -d); cp -R gen "$$snap/"; \
	$(GO) generate ./... || { rm -rf "$$snap"; exit 1; }; \
	stale=$$(diff -r "$$snap/gen" gen; git status --porcelain -- gen); rm -rf "$$snap"; \
	if [ -n "$$stale" ]; then \
		echo "$$stale" | head -40; \
		echo "generated code is out of date: run make generate and commit"; \
		exit 1; \
	fi

.PHONY: docs
docs: ## Rewrite docs/operations.md, the operations at a glance, from the spec and the Go sources.
	$(GO) run ./internal/cmd/opsdoc

.PHONY: check-docs
check-docs: ## Fail if docs/operations.md is out of date with the spec or the Go sources.
	@snap=$$(mktemp); \
	$(GO) run ./internal/cmd/opsdoc -out "$$snap" || { rm -f "$$snap"; exit 1; }; \
	if ! cmp -s "$$snap" docs/operations.md; then \
		diff "$$snap" docs/operations.md | head -40; rm -f "$$snap"; \
		echo "docs/operations.md is out of date: run make docs and commit"; \
		exit 1; \
	fi; rm -f "$$snap"


# oasdiff, pinned and run like staticcheck: never a requirement in go.mod.
OASDIFF := github.com/oasdiff/oasdiff@v1.39.0
SPEC    := openapi/sellercenter.yaml
# The spec version make breaking compares with. Empty: the last version of
# SPEC on main, or, when the working tree's SPEC is that version, the one
# before it, so the change main last made stays checked.
BASE    ?=

.PHONY: breaking
breaking: ## Print the spec's changes since BASE (oasdiff) and fail on a breaking one CHANGELOG.md does not name under Unreleased.
	@base='$(BASE)'; \
	if [ -z "$$base" ]; then \
		main=$$(git rev-parse -q --verify main || git rev-parse -q --verify origin/main || git rev-parse HEAD); \
		base=$$(git log -1 --format=%H "$$main" -- $(SPEC)); \
		if git diff --quiet "$$base" -- $(SPEC); then base="$$base^"; fi; \
	fi; \
	if ! git rev-parse -q --verify "$$base^{commit}" >/dev/null; then \
		if [ -z '$(BASE)' ] && [ "$$(git rev-parse --is-shallow-repository)" = true ]; then \
			echo "make breaking: this clone is shallow and holds no earlier version of $(SPEC); nothing to compare (fetch more history or give BASE=ref)"; exit 0; \
		fi; \
		echo "make breaking: no commit $$base to compare with (a shallow clone? fetch more history or give BASE=ref)" >&2; exit 1; \
	fi; \
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	git show "$$base:$(SPEC)" > "$$tmp/base.yaml" || exit 1; \
	echo "make breaking: $(SPEC) against $$(git rev-parse --short "$$base") $$(git log -1 --format=%s "$$base" | cut -c1-60)"; \
	$(GO) run ./internal/cmd/breaking -oasdiff '$(GO) run $(OASDIFF)' "$$tmp/base.yaml" $(SPEC)


# redislimit is a module of its own (so the library never requires a Redis
# client); its targets run inside it.
REDISLIMIT := redislimit

.PHONY: lint
lint: deps ## Run go vet, staticcheck (pinned) and the dependency check.
	$(GO) vet $(PKGS)
	$(GO) run $(STATICCHECK) $(PKGS)
	cd $(REDISLIMIT) && $(GO) vet ./... && $(GO) run $(STATICCHECK) ./...

.PHONY: deps
deps: ## Fail if a library package imports a module outside ALLOWED_DEPS, or a module importing the library gets a tool of ours in its go.mod.
	@bad=$$($(GO) list -deps -f '{{if not .Standard}}{{.Module.Path}}{{end}}' $(LIB_PKGS) | sort -u | \
		grep -vxF $(foreach d,$(ALLOWED_DEPS),-e $(d))); \
	if [ -n "$$bad" ]; then echo "library imports modules outside ALLOWED_DEPS:"; echo "$$bad"; exit 1; fi
	@GO=$(GO) .ci/consumer-deps

.PHONY: test
test: check-generated check-docs lint breaking ## Check generated code and docs, lint, check the spec's breaking changes against CHANGELOG.md, run every test with the race detector (redislimit's on a redis-server of their own), and the Prism contract suite.
	$(GO) test -race -count=1 $(PKGS)
	@command -v redis-server >/dev/null 2>&1 || echo "make test: redis-server is not installed, so the Redis tests of $(REDISLIMIT) skip (Debian: apt-get install redis-server)"
	cd $(REDISLIMIT) && $(GO) test -race -count=1 ./...
	@# Every benchmark runs once, without -race, so none can rot.
	$(GO) test -run '^$$' -bench . -benchtime=1x -count=1 $(PKGS)
	cd $(REDISLIMIT) && $(GO) test -run '^$$' -bench . -benchtime=1x -count=1 ./...
	@# The mock contract suite ran in the race pass above; only Prism is left.
	$(MAKE) --no-print-directory prism

$(PRISM): $(PRISM_DIR)/package.json $(PRISM_DIR)/package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
		echo "make contract needs Node.js and npm to install Stoplight Prism: install them and run it again" >&2; exit 1; }
	npm ci --prefix $(PRISM_DIR) --no-audit --no-fund --loglevel=error
	@touch $@

.PHONY: contract
contract: ## Run the contract suites: the client against the mock, and against Prism serving the spec.
	$(GO) test -count=1 -run 'Contract' .
	$(MAKE) --no-print-directory prism

.PHONY: prism
prism: $(PRISM) ## Run the operation rows against Stoplight Prism serving the spec.
	PRISM_BIN=$(abspath $(PRISM)) $(GO) test -tags contract -count=1 -run '^TestPrism$$' .

FUZZTIME ?= 60s

.PHONY: fuzz
fuzz: ## Run every fuzz target for FUZZTIME each (60s by default); make test runs their seed corpora.
	GO=$(GO) FUZZTIME=$(FUZZTIME) .ci/fuzz

BENCHSTAT   := golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
BENCH_COUNT ?= 6
# Which benchmarks, where, and for how long each (go test -bench, -benchtime).
BENCH       ?= .
BENCH_PKGS  ?= $(PKGS)
BENCH_TIME  ?= 1s
# Benchmarks of the root package (names without "Benchmark", separated by |)
# that run again in a GOEXPERIMENT=jsonv2 build, whose encoding/json is Go's
# new implementation, and are compared with their encoding/json run; empty
# to skip.
BENCH_JSONV2 ?= DecodeOrders|DecodeMonthOfTransactions

# Each pass is a fresh process per package, and -p 1 runs one package's
# benchmarks at a time: with the default of one package per CPU, two
# packages' benchmarks can share the 2 CPUs and time each other. Ratios come
# from benchmarks that interleave what they compare within one loop, and
# from process CPU time; see BENCHMARKS.md.
.PHONY: bench
bench: ## Run the benchmarks BENCH_COUNT times, one process per package and pass, into bench.txt (and bench-jsonv2.txt); summarise with benchstat.
	@rm -f bench.txt bench-jsonv2.txt
	@for i in $$(seq $(BENCH_COUNT)); do \
		echo "pass $$i of $(BENCH_COUNT)"; \
		$(GO) test -p 1 -run '^$$' -bench '$(BENCH)' -benchtime $(BENCH_TIME) -benchmem -count 1 $(BENCH_PKGS) >> bench.txt || { tail -40 bench.txt; exit 1; }; \
		(cd $(REDISLIMIT) && $(GO) test -run '^$$' -bench '$(BENCH)' -count 1 ./...) >> bench.txt || { tail -40 bench.txt; exit 1; }; \
		if [ -n '$(BENCH_JSONV2)' ]; then \
			GOEXPERIMENT=jsonv2 $(GO) test -run '^$$' -bench '^Benchmark($(BENCH_JSONV2))$$' -benchtime $(BENCH_TIME) -benchmem -count 1 . >> bench-jsonv2.txt || { tail -40 bench-jsonv2.txt; exit 1; }; \
		fi; \
	done
	$(GO) run $(BENCHSTAT) -col /impl bench.txt
	@if [ -s bench-jsonv2.txt ]; then \
		echo; echo "encoding/json against GOEXPERIMENT=jsonv2:"; \
		$(GO) run $(BENCHSTAT) -filter '.name:/^($(BENCH_JSONV2))$$/' encoding/json=bench.txt jsonv2=bench-jsonv2.txt; \
	fi
