# seqd's build and test entry points. `make` alone lists the targets.
#
# `make test` is the README's test command and what CI (.ci/run) runs.

GO       ?= go
# Build tags for go test and go vet (none are needed).
TAGS     ?=
PORT     ?= 3306
DATADIR  ?= ./seqd-data
# Extra flags for go test, e.g. make test TESTFLAGS='-run TestKill -v'.
TESTFLAGS ?=
# Extra flags for the suite runner, e.g. make suite SUITEFLAGS='sql_sequence.next'.
SUITEFLAGS ?= -ratchet conformance/suite_passing.txt
# seqd options that match the mtr-like configuration of MariaDB's suite.
MTR_OPTIONS := --character-set-server=latin1 --default-storage-engine=MyISAM --log-bin --log-bin-trust-function-creators

.DEFAULT_GOAL := help
.PHONY: help build run test testrace conformance suite bench bench-full lint vet fmt-check tidy-check

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

build: ## build the seqd binary into bin/seqd
	$(GO) build -o bin/seqd .

run: ## run seqd on 127.0.0.1:$(PORT) with its data in $(DATADIR)
	$(GO) run . --port=$(PORT) --datadir=$(DATADIR)

test: vet ## go vet and every test: unit, conformance, MariaDB's suite, process-level (CI runs this)
	$(GO) test -tags '$(TAGS)' $(TESTFLAGS) ./...

testrace: ## every test with the race detector (the process tests' seqd binary is built without it)
	$(GO) test -race -tags '$(TAGS)' $(TESTFLAGS) ./...

conformance: ## the conformance cases, MariaDB's suite and the process-level tests
	$(GO) test -tags '$(TAGS)' $(TESTFLAGS) ./conformance/...

# suite starts seqd on a free port (--port=0) with a temporary data directory, reads the
# address from its "ready for connections on" line, runs the suite and stops seqd again.
suite: build ## MariaDB's sequence suite, run by mysqltest against a freshly started seqd
	@set -eu; dir=$$(mktemp -d); \
	./bin/seqd --port=0 --datadir=$$dir/data $(MTR_OPTIONS) >$$dir/seqd.log 2>&1 & pid=$$!; \
	trap 'kill $$pid 2>/dev/null; wait $$pid 2>/dev/null; rm -rf "$$dir"' EXIT; \
	addr=; for i in $$(seq 300); do \
	  addr=$$(sed -n 's/.*ready for connections on \([0-9.:]*\).*/\1/p' $$dir/seqd.log); \
	  [ -n "$$addr" ] && break; kill -0 $$pid 2>/dev/null || break; sleep 0.1; \
	done; \
	if [ -z "$$addr" ]; then echo "seqd did not start:"; cat $$dir/seqd.log; exit 1; fi; \
	echo "# seqd at $$addr, options $(MTR_OPTIONS)"; \
	$(GO) run ./conformance/cmd/suiterun -target $$addr $(SUITEFLAGS)

# bench builds seqd, starts it and a scratch MariaDB 10.11 and compares them with sysbench
# (bench/README.md). BENCHFLAGS adds options, e.g. BENCHFLAGS='-scenarios next1000 -threads 16'.
BENCHFLAGS ?=

bench: ## seqd vs MariaDB 10.11 with sysbench, quick (1 round of 3 s runs); prints ratios
	$(GO) run ./bench $(BENCHFLAGS)

bench-full: ## the same in full (3 rounds of 10 s runs, about 20 minutes)
	$(GO) run ./bench -full $(BENCHFLAGS)

lint: vet fmt-check ## go vet and the gofmt check

vet: ## go vet (with the test build tags)
	$(GO) vet -tags '$(TAGS)' ./...

fmt-check: ## fail when a Go file is not gofmt-formatted
	@out=$$(gofmt -l .); \
	if [ -n "$$out" ]; then echo "gofmt -w these files:"; echo "$$out"; exit 1; fi

tidy-check: ## fail when go.mod or go.sum are not tidy (changes nothing)
	$(GO) mod tidy -diff
