# rooscoach — make run serves the product, make test runs every test against
# a real Postgres. Both start Postgres themselves when none answers.

GO        ?= go
PGHOST    ?= 127.0.0.1
PGPORT    ?= 5432
PGDATA_DIR = $(CURDIR)/.pgdata
ADMIN_DSN  = postgres://postgres@$(PGHOST):$(PGPORT)/postgres?sslmode=disable
RUN_DSN    = postgres://postgres@$(PGHOST):$(PGPORT)/rooscoach?sslmode=disable

export ROOSCOACH_TEST_DATABASE_URL ?= $(ADMIN_DSN)

.PHONY: run test bench lint db build loadtest scale loadtest-live chromium screenshots

build:
	$(GO) build -o bin/rooscoach ./cmd/rooscoach

## run: serve on :8080 with the built-in engine (DATABASE_URL if set, else local Postgres).
run: build
	@if [ -z "$$DATABASE_URL" ]; then \
		$(MAKE) --no-print-directory db && \
		psql "$(ADMIN_DSN)" -tAc "SELECT 1 FROM pg_database WHERE datname = 'rooscoach'" | grep -q 1 || \
		psql "$(ADMIN_DSN)" -qc "CREATE DATABASE rooscoach"; \
	fi
	DATABASE_URL="$${DATABASE_URL:-$(RUN_DSN)}" ./bin/rooscoach migrate
	DATABASE_URL="$${DATABASE_URL:-$(RUN_DSN)}" ./bin/rooscoach serve

## test: lint, then every test with the race detector against a real Postgres.
## The web pages' tests drive a real headless Chromium: chromium installs it
## when it is missing.
test: lint db chromium
	$(GO) test -race -count=1 ./...

## chromium: install Debian's Chromium for the browser tests when /usr/bin/chromium
## is missing (as root; the machines of this kind have no sudo).
chromium:
	@if [ ! -x /usr/bin/chromium ] && [ -z "$$ROOSCOACH_CHROMIUM" ]; then \
		echo "installing chromium for the browser tests"; \
		apt-get update -qq && apt-get install -y -qq chromium; \
	fi

## screenshots: the browser tests again, writing the pages' screenshots to
## docs/screenshots for the README.
screenshots: db chromium
	ROOSCOACH_SCREENSHOTS=1 $(GO) test -count=1 -run 'InBrowser' ./assistant/web

bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./...

## db: make sure a Postgres answers on $(PGHOST):$(PGPORT): the machine's cluster if
## there is one, else a private cluster in .pgdata (git-ignored).
db:
	@if pg_isready -q -h $(PGHOST) -p $(PGPORT); then exit 0; fi; \
	if [ -d /etc/postgresql ] && command -v pg_ctlcluster >/dev/null; then \
		echo "starting the machine's Postgres cluster"; \
		pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | head -1) main start || true; \
	fi; \
	if ! pg_isready -q -h $(PGHOST) -p $(PGPORT); then \
		echo "starting a private Postgres cluster in $(PGDATA_DIR)"; \
		as=""; if [ "$$(id -u)" = 0 ]; then as="runuser -u postgres --"; mkdir -p $(PGDATA_DIR); chown postgres $(PGDATA_DIR); fi; \
		[ -f $(PGDATA_DIR)/PG_VERSION ] || $$as initdb -D $(PGDATA_DIR) -U postgres --auth=trust >/dev/null; \
		$$as pg_ctl -D $(PGDATA_DIR) -l $(PGDATA_DIR)/server.log -w \
			-o "-p $(PGPORT) -c listen_addresses=$(PGHOST) -k $(PGDATA_DIR)" start; \
	fi; \
	for i in $$(seq 1 30); do pg_isready -q -h $(PGHOST) -p $(PGPORT) && exit 0; sleep 1; done; \
	echo "Postgres does not answer on $(PGHOST):$(PGPORT)"; exit 1

## lint: go vet, the gofmt check and staticcheck (pinned as a tool in go.mod, so
## everyone runs the same version; upgrade with
## go get -tool honnef.co/go/tools/cmd/staticcheck@VERSION).
lint:
	$(GO) vet ./...
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) tool staticcheck ./...

## loadtest: live tips at a constant 500 requests/s on loopback, beside the bare
## /healthz route in the same run (vegeta from the Go module proxy). The tips
## carry an agent token made for the run and revoked after it.
VEGETA = $(GO) run github.com/tsenart/vegeta/v12@v12.13.0
LOAD_RATE ?= 500
LOAD_DURATION ?= 30s
loadtest: build db
	@psql "$(ADMIN_DSN)" -tAc "SELECT 1 FROM pg_database WHERE datname = 'rooscoach'" | grep -q 1 || psql "$(ADMIN_DSN)" -qc "CREATE DATABASE rooscoach"
	DATABASE_URL="$(RUN_DSN)" ./bin/rooscoach migrate
	@tok=$$(DATABASE_URL="$(RUN_DSN)" ./bin/rooscoach token create --role agent --agent load-test --name "make loadtest" 2>/dev/null); \
	DATABASE_URL="$(RUN_DSN)" ROOSCOACH_ADDR=127.0.0.1:18080 ROOSCOACH_LOG_LEVEL=error ./bin/rooscoach serve & pid=$$!; \
	trap "kill $$pid; DATABASE_URL='$(RUN_DSN)' ./bin/rooscoach token revoke $${tok%%-*} >/dev/null" EXIT; \
	for i in $$(seq 1 50); do curl -sf localhost:18080/healthz >/dev/null && break; sleep 0.2; done; \
	$(VEGETA) attack -rate=$(LOAD_RATE) -duration=5s -header "Authorization: Bearer $$tok" -targets=testdata/load/targets.txt >/dev/null; \
	echo "== bare echo route GET /healthz at $(LOAD_RATE)/s for $(LOAD_DURATION)"; \
	$(VEGETA) attack -rate=$(LOAD_RATE) -duration=$(LOAD_DURATION) -targets=testdata/load/bare.txt | $(VEGETA) report; \
	echo "== live tips POST /v1/tips at $(LOAD_RATE)/s for $(LOAD_DURATION), with an agent's token"; \
	$(VEGETA) attack -rate=$(LOAD_RATE) -duration=$(LOAD_DURATION) -header "Authorization: Bearer $$tok" -targets=testdata/load/targets.txt | $(VEGETA) report

## scale: the progress views at 100,000 calls and about 2,000,000 turns. Makes the
## database rooscoach_scale afresh, seeds it (a few minutes) and runs the progress
## benchmark (build tag scale, so make test and make bench leave it out).
SCALE_DSN = postgres://postgres@$(PGHOST):$(PGPORT)/rooscoach_scale?sslmode=disable
SCALE_CALLS ?= 100000
scale: build db
	psql "$(ADMIN_DSN)" -qc "DROP DATABASE IF EXISTS rooscoach_scale" -c "CREATE DATABASE rooscoach_scale"
	DATABASE_URL="$(SCALE_DSN)" ./bin/rooscoach migrate
	DATABASE_URL="$(SCALE_DSN)" ./bin/rooscoach seed --calls $(SCALE_CALLS) --agents 200 --teams 20
	psql "$(SCALE_DSN)" -qc "VACUUM ANALYZE"
	ROOSCOACH_SCALE_DATABASE_URL="$(SCALE_DSN)" $(GO) test -tags scale -run='^$$' -bench=ProgressAtScale -benchtime=800x -v ./assistant/coach

## loadtest-live: LIVE_SESSIONS live sessions (200) on a real server over loopback, one final
## utterance a second each plus partials, for LIVE_DURATION (30s): time from a final utterance
## to its tip, dropped events, heap per session (see BENCHMARKS.md). Not part of make test.
loadtest-live: db
	$(GO) test -tags loadtest -run '^TestLiveLoad$$' -count=1 -v -timeout 10m ./assistant/api
