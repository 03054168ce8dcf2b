# The two commands of the README: `make run` and `make test`. Both set everything up first
# and skip reinstalling when nothing changed (the stamp files depend on pyproject.toml).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT

.PHONY: run test lint test-postgres bench bench-restore install dev db seed clean assets chromium

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
dev: $(VENV)/.installed-dev

db: install
	$(BIN)/summit db upgrade

seed: db
	$(BIN)/summit seed

# Front-end assets (app/web/frontend/package.json, versions and integrity hashes pinned in its
# package-lock.json): `npm ci` installs them from the npm registry, and the files the app serves are
# copied into app/web/static/vendor/ (git-ignored) by copy-vendor.sh, the Dockerfile's copy step too.
# Node and npm come from Debian when missing. --legacy-peer-deps: the lock file holds no peer
# dependencies (ReDoc's React etc.; its standalone bundle has them); --ignore-scripts: none is needed
# (the only one is @scarf/scarf's install analytics). The Dockerfile's `npm ci` uses the same flags.
WEB := app/web
NODE_MODULES := $(WEB)/frontend/node_modules
VENDOR := $(WEB)/static/vendor
$(NODE_MODULES)/.installed: $(WEB)/frontend/package.json $(WEB)/frontend/package-lock.json
	@command -v npm >/dev/null || (apt-get install -y -qq nodejs npm >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq nodejs npm))
	cd $(WEB)/frontend && npm ci --legacy-peer-deps --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

$(VENDOR)/.installed: $(NODE_MODULES)/.installed $(WEB)/frontend/copy-vendor.sh
	sh $(WEB)/frontend/copy-vendor.sh $(NODE_MODULES) $(VENDOR)
	@touch $@

assets: $(VENDOR)/.installed

# Screenshots of every page at desktop and phone width into docs/img/ (shown in the README).
.PHONY: screenshots
screenshots: dev assets chromium
	$(BIN)/python -m tests.web.screenshots

# Headless Chromium for the browser tests (tests/web), from Debian's packages when missing.
chromium:
	@command -v chromium >/dev/null || (apt-get install -y -qq chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium))

run: seed assets
	$(BIN)/summit serve --host $(HOST) --port $(PORT)

# The gate, which `make test` runs first: lint rules and formatting (ruff), strict types on app/ (mypy);
# settings in pyproject.toml, the same checks on each commit with `pre-commit install` (.pre-commit-config.yaml).
lint: dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: dev lint assets chromium
	$(BIN)/python -m pytest -q -n auto $(PYTEST_ARGS)

# The whole suite on PostgreSQL: a throwaway cluster on 127.0.0.1 (installed from apt if missing),
# one database per test made from a migrated, seeded template; stopped and removed afterwards.
test-postgres: dev assets chromium
	.ci/with-postgres.sh sh -c 'TEST_DATABASE_URL="$$PG_URL" $(BIN)/python -m pytest -q -n auto $(PYTEST_ARGS)'

# Load benchmark against Datasette (bench/README.md): SCALES positions, ENGINES sqlite and/or postgresql.
SCALES ?= 10000 100000 1000000
ENGINES ?= sqlite postgresql
BENCH_ARGS ?=
bench/.venv/bin/datasette:
	$(PYTHON) -m venv bench/.venv
	bench/.venv/bin/pip install --quiet "datasette==0.65.5"

bench: install bench/.venv/bin/datasette
	@command -v wrk >/dev/null || (apt-get install -y -qq wrk >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq wrk))
	.ci/with-postgres.sh sh -c 'BENCH_PG_URL="$$PG_URL" $(BIN)/python bench/run.py --scales $(SCALES) --engines $(ENGINES) $(BENCH_ARGS)'

# Moving data: export -> ingest (SQLite, PostgreSQL) and summit db copy both ways, with each step's peak RSS.
RESTORE_POSITIONS ?= 100000
bench-restore: install
	.ci/with-postgres.sh sh -c 'BENCH_PG_URL="$$PG_URL" $(BIN)/python bench/bench_restore.py --positions $(RESTORE_POSITIONS)'

clean:
	rm -rf $(VENV) var .pytest_cache .hypothesis $(NODE_MODULES) $(VENDOR)

# Builds ./Dockerfile with podman and runs the image's CMD as its USER from the image's root
# filesystem (no container runtime needed; a local stand-in base where no registry is reachable):
# health, Taiwan positions, a keyed write, a restart on the same volume (docs/docker.md). Slow; not in `test`.
.PHONY: docker-test
docker-test:
	.ci/docker-test.sh
