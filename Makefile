# Thin wrappers around go commands; `go test ./...` works without this file.
GO ?= go
BIN ?= bin/shownotes
FUZZTIME ?= 5m

.PHONY: build test demo bench eval fuzz deps corpus clean

build:
	$(GO) build -o $(BIN) ./cmd/shownotes

# Debian packages the tool uses at run time (eSpeak NG for alignment) and
# for its browser tests (Chromium); skipped when present or not root.
deps:
	@./scripts/deps.sh

# The race detector skips the rendered episodes' audio (minutes there);
# the second pass aligns them without it and checks the accuracy figures
# the README publishes (cmd/evaluate's TestAccuracy, align's corpus test).
test:
	$(GO) vet ./...
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

eval: build
	$(GO) run ./cmd/evaluate

bench: build
	$(GO) test -run '^$$' -bench . -benchtime 1x ./stages/...
	$(GO) run ./cmd/evaluate -bench

fuzz:
	./scripts/fuzz.sh $(FUZZTIME)

clean:
	rm -rf bin demo-out
