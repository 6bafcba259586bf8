# Districtwise. `make demo` and `make test` are the two set-up commands; both install
# whatever is missing first.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STATIC := districtwise/web/static/uswds
export DISTRICTWISE_DATA_DIR ?= $(CURDIR)/var
PYTEST_WORKERS ?= 2
# Files stay whole on one worker, so the Spark parity tests share one JVM. The files are
# handed out in the order tests/conftest.py gives them (those with a `slow` test first),
# not re-sorted by xdist by their number of tests, which left a long file for the end.
PYTEST_PARALLEL = -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder
# The browser tests wait on Chromium and the live server more than they compute: one worker
# leaves a core idle. Each worker has its own database, live server and Chromium; tests
# (not files) are shared out, and an idle worker takes from the other's remaining ones.
PYTEST_BROWSER_PARALLEL = -n $(PYTEST_WORKERS) --dist worksteal

.PHONY: help install system assets demo serve test check test-sqlite test-postgres test-browser bench clean

help:
	@echo "make demo   install, build the demo district and serve it on http://127.0.0.1:8000/"
	@echo "make test   install what is missing, then lint, types, tests on SQLite and PostgreSQL, browser tests"
	@echo "make bench  print the benchmark figures"

$(VENV)/.installed: pyproject.toml constraints.txt
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

system:
	@scripts/install-system.sh

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(STATIC)/.built: node_modules/.installed
	rm -rf $(STATIC) $(STATIC)/../htmx && mkdir -p $(STATIC)
	cp -r node_modules/@uswds/uswds/dist/{css,js,fonts,img} $(STATIC)/
	mkdir -p $(STATIC)/../htmx && cp node_modules/htmx.org/dist/htmx.min.js $(STATIC)/../htmx/
	@touch $@

assets: $(STATIC)/.built

demo: install assets
	$(BIN)/districtwise migrate --no-input -v 0
	$(BIN)/districtwise demo --if-missing
	$(BIN)/districtwise serve --host 127.0.0.1 --port 8000

serve: install assets
	$(BIN)/districtwise serve

check: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy districtwise
	$(BIN)/districtwise makemigrations --check --dry-run -v 0

test-sqlite: install assets
	env -u DATABASE_URL $(BIN)/pytest -m "not browser" $(PYTEST_PARALLEL) -q

# tests/analytics hold the engine's own tests: the engine never imports Django (a test
# says so), so they answer the same whichever database Django uses and run once, on SQLite.
test-postgres: install system
	scripts/with-postgres.sh $(BIN)/pytest -m "not browser" --ignore=tests/analytics $(PYTEST_PARALLEL) -q

test-browser: install system assets
	$(BIN)/pytest -m browser $(PYTEST_BROWSER_PARALLEL) -q

test: system install assets check test-sqlite test-postgres test-browser

bench: install assets
	$(PY) benchmarks/bench_demo_files.py
	$(PY) benchmarks/run.py
	$(PY) benchmarks/bench_import.py
	$(PY) benchmarks/bench_equity.py
	$(PY) benchmarks/bench_strategy.py
	$(PY) benchmarks/bench_supports.py
	$(PY) benchmarks/bench_improvement.py
	$(PY) benchmarks/bench_voice.py
	$(PY) benchmarks/bench_community_partners.py
	$(PY) benchmarks/bench_community_needs.py
	$(PY) benchmarks/bench_community_surveys.py
	$(PY) benchmarks/bench_community_stakeholders.py
	$(PY) benchmarks/bench_leadership_assessment.py
	$(PY) benchmarks/bench_leadership_supervision.py
	$(PY) benchmarks/bench_leadership_succession.py

clean:
	rm -rf $(VENV) node_modules $(STATIC) var
