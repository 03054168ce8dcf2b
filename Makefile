# The two commands of the README: `make run` and `make test`. Both set everything up first
# and skip reinstalling when nothing changed (the stamp files depend on pyproject.toml).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT

.PHONY: run test install dev db seed clean

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

clean:
	rm -rf $(VENV) var .pytest_cache .hypothesis
