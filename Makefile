# Thin wrappers around go commands; `go test ./...` works without this file.
GO ?= go
BIN ?= bin/shownotes
FUZZTIME ?= 5m

.PHONY: build test lint vulncheck release demo bench eval fuzz deps corpus clean

# Go 1.27.3: Go 1.26.8's html/template has two flaws govulncheck finds on
# the page stage's path (GO-2026-6599, GO-2026-6600, fixed in 1.26.9). The
# go command fetches this toolchain from the module proxy once (76 MB); an
# explicit GOTOOLCHAIN in the environment wins.
export GOTOOLCHAIN ?= go1.27.3

VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X main.version=$(VERSION)
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2
GOVULNCHECK ?= golang.org/x/vuln/cmd/govulncheck@v1.9.0
VULNDB ?= golang.org/x/vulndb@v0.0.0-20261105234957-e22db6528018
RELEASE_TARGETS ?= linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64

build:
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/shownotes

# go vet, staticcheck and govulncheck (from the module proxy), and a
# cross-compile check that the tool builds without cgo for every release
# target.
lint: vulncheck
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	@for t in $(RELEASE_TARGETS); do \
		CGO_ENABLED=0 GOOS=$${t%/*} GOARCH=$${t#*/} $(GO) build -o /dev/null ./cmd/shownotes || exit 1; \
		echo "lint: builds for $$t without cgo"; \
	done

# govulncheck against a vulnerability database built offline from the
# golang.org/x/vulndb module (no network at run time here).
vulncheck:
	@./scripts/vulncheck.sh "$(GOVULNCHECK)" "$(VULNDB)"

# Static binaries for every release target, version-stamped, into dist/.
# Without cgo the aligner loads no eSpeak NG (its clearly marked fallback
# runs); the Linux amd64 build for Debian users is `make build` (cgo).
release:
	@mkdir -p dist
	@for t in $(RELEASE_TARGETS); do \
		os=$${t%/*}; arch=$${t#*/}; ext=; [ $$os = windows ] && ext=.exe; \
		out=dist/shownotes-$(VERSION)-$$os-$$arch$$ext; \
		CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $$out ./cmd/shownotes || exit 1; \
		echo "release: $$out"; \
	done

# Debian packages the tool uses at run time (eSpeak NG for alignment) and
# for its browser tests (Chromium); skipped when present or not root.
deps:
	@./scripts/deps.sh

# The race detector skips the rendered episodes' audio (minutes there);
# the second pass aligns them without it and checks the accuracy figures
# the README publishes (cmd/evaluate's TestAccuracy, align's corpus test).
test: lint
	$(GO) test -race ./...
	$(GO) test ./stages/... ./cmd/evaluate/

demo: build
	@SHOWNOTES_NO_BROWSER=1 ./scripts/deps.sh
	$(BIN) run --audio testdata/sample/episode.wav --transcript testdata/sample/transcript.txt \
		--out demo-out --config testdata/podcast.toml --feed demo-out/feed.xml --verbose
	$(BIN) feed validate demo-out/feed.xml
	@echo "notes: demo-out/shownotes.md  (also .html, .txt, episode.html, feed.xml)"

# Render the development corpus into .corpus/ (needs ../shared/corpus).
corpus:
	../shared/corpus/render .corpus

eval:
	$(GO) run ./cmd/evaluate
	$(GO) test ./stages/quotes -run '^TestFitWeights$$' -fit -v -count 1

bench:
	$(GO) test -run '^$$' -bench . -benchtime 1x ./stages/...
	$(GO) run ./cmd/evaluate -bench

fuzz:
	./scripts/fuzz.sh $(FUZZTIME)

clean:
	rm -rf bin dist demo-out
