# The two commands of the README: `make run` and `make test`. Both set everything up first
# and skip reinstalling when nothing changed (the stamp files depend on pyproject.toml).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT

.PHONY: run test test-postgres bench install dev db seed clean

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

run: seed
	$(BIN)/summit serve --host $(HOST) --port $(PORT)

test: dev
	$(BIN)/python -m pytest -q -n auto $(PYTEST_ARGS)

# The whole suite on PostgreSQL: a throwaway cluster on 127.0.0.1 (installed from apt if missing),
# one database per test made from a migrated, seeded template; stopped and removed afterwards.
test-postgres: dev
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

clean:
	rm -rf $(VENV) var .pytest_cache .hypothesis

# Builds ./Dockerfile with podman and runs the image's CMD as its USER from the image's root
# filesystem (no container runtime needed; a local stand-in base where no registry is reachable):
# health, Taiwan positions, a keyed write, a restart on the same volume (docs/docker.md). Slow; not in `test`.
.PHONY: docker-test
docker-test:
	.ci/docker-test.sh
