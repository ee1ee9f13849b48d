# One entry point per job: make run, make test, make lint, make bench.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
# Modules without the database: type-checked strictly by make lint.
PURE_MODULES := src/plenary/core/actor.py src/plenary/core/jsondata.py src/plenary/treaties/status.py src/plenary/treaties/profile.py src/plenary/meetings/rotation.py \
	src/plenary/meetings/programme.py src/plenary/documents/symbols.py src/plenary/core/languages.py \
	src/plenary/core/dates.py src/plenary/exports/ranges.py src/plenary/documents/uploads.py \
	src/plenary/finance/money.py src/plenary/cbm/forms.py \
	src/plenary/cooperation/matching.py src/plenary/cooperation/vocabulary.py \
	src/plenary/assistance/steps.py src/plenary/assistance/guidance.py src/plenary/sponsorship/rules.py \
	src/plenary/finance/apportion.py src/plenary/finance/costing.py \
	src/plenary/core/numbers.py

.PHONY: run test lint bench bench-deps deps install clean

## run: set everything up, load the demo data into an empty database, serve on http://$(HOST):$(PORT)
run: deps install
	$(BIN)/plenary demo --if-empty
	$(BIN)/plenary serve --host $(HOST) --port $(PORT)

## test: set everything up and run every test (DATABASE_URL picks the database; SQLite by default)
test: deps install
	$(BIN)/pytest $(PYTEST_ARGS)

## lint: ruff over the code and the tests, the layers' import contracts, mypy on the pure modules
lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/lint-imports
	$(BIN)/mypy $(PURE_MODULES)

## bench: one table of speed figures, each beside its reference and target (benchmarks/run.py; never in
## the test run). Writes benchmarks/results/latest.md and the README's table; BENCH_ARGS=--quick to try it.
bench: bench-deps install
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)

bench-deps:
	@scripts/deps.sh --bench $(DEPS_FLAGS)

## deps: system packages (installed as root on Debian, else printed)
deps:
	@scripts/deps.sh $(DEPS_FLAGS)

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

clean:
	rm -rf $(VENV) var .pytest_cache .hypothesis .ruff_cache
