# The one interface for people and CI. `make help` lists the targets.

GO          ?= go
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
PKGS        := ./...

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets.
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-16s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: generate
generate: ## Regenerate gen/ from openapi/sellercenter.yaml.
	$(GO) generate ./...

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

.PHONY: lint
lint: ## Run go vet and staticcheck (pinned).
	$(GO) vet $(PKGS)
	$(GO) run $(STATICCHECK) $(PKGS)

.PHONY: test
test: check-generated lint ## Check generated code, lint, and run every test with the race detector.
	$(GO) test -race -count=1 $(PKGS)

.PHONY: bench
bench: ## Run the benchmarks.
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)
