# Two commands for a newcomer: `make run` and `make test`. Everything they need
# is set up here, once, and skipped on the next run when nothing changed.
SHELL := /bin/bash
# The virtualenv's interpreter: Debian's python3.11 where it is installed, else python3.
# Debian builds it with profile-guided and link-time optimisation; the pyenv build these
# machines put first on PATH has neither, and serves the portal's pages about a fifth
# slower (README, Benchmarks). `make PYTHON=python3.12 ...` chooses another.
PYTHON ?= $(shell /usr/bin/python3.11 -c "import ensurepip, venv" 2>/dev/null && echo /usr/bin/python3.11 || echo python3)
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
CHROMIUM := /usr/bin/chromium

.PHONY: run test lint format bench load setup assets chromium lock clean help

help:
	@echo "make run    set up and serve the portal on http://127.0.0.1:$(PORT) (SQLite), with its worker"
	@echo "make test   set up and run the whole suite, browser tests included"
	@echo "make bench  measure page timings and query counts on the demo data"
	@echo "make lint   ruff, the layer contract (import-linter) and mypy"
	@echo "make lock   re-pin requirements/*.txt from pyproject.toml"

$(VENV)/.installed: requirements/test.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/test.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

static/dist/portal.css: node_modules/.installed static/build.mjs $(wildcard static/src/*.scss)
	npm run --silent build

assets: static/dist/portal.css

setup: $(VENV)/.installed assets
	DEBUG=$${DEBUG:-true} $(MANAGE) migrate --no-input

run: setup
	DEBUG=$${DEBUG:-true} $(MANAGE) load_demo --if-empty
	@echo ""
	@echo "Demo sign-ins (local use only): officer, sponsor, member, clerk, admin"
	@echo "Password: $${DEMO_PASSWORD:-portal-demo}"
	@echo "Serving on http://127.0.0.1:$(PORT), with a task worker beside it (Ctrl-C stops both)"
	@echo ""
	@# The worker renders report PDFs and sends email (to this console while DEBUG is on).
	@# When the server stops, by Ctrl-C or an error, the worker is stopped with it: once, by
	@# SIGTERM, so it finishes the task in hand (setsid keeps Ctrl-C's SIGINT from it: a
	@# second signal would end that task part way).
	DEBUG=$${DEBUG:-true} setsid $(MANAGE) run_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	DEBUG=$${DEBUG:-true} $(MANAGE) runserver 127.0.0.1:$(PORT)

# Debian packages the tests use: Chromium drives the browser tests (Playwright's
# own browser download cannot work without internet access), Liberation Sans is
# the Arial-metric font the PDFs embed, and poppler's pdftoppm renders PDF pages
# to PNG for people to look at.
SYSTEM_PACKAGES = chromium fonts-liberation poppler-utils
chromium:
	@if [ ! -x $(CHROMIUM) ] || ! command -v pdftoppm >/dev/null || ! fc-list | grep -q "Liberation Sans"; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's $(SYSTEM_PACKAGES)"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null) \
	      || echo "Could not install $(SYSTEM_PACKAGES): browser tests will be skipped outside CI"; \
	  else \
	    echo "$(SYSTEM_PACKAGES) missing and cannot be installed here: browser tests will be skipped outside CI"; \
	  fi; \
	fi

# ruff; the layers (import-linter, pyproject.toml: a reverse import fails); and the
# typed modules (mypy with django-stubs, which reads the settings: DEBUG=true spares
# it a SECRET_KEY).
lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DEBUG=true $(BIN)/mypy

format: $(VENV)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: $(VENV)/.installed assets chromium lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# A bounded load test (LOAD_SECONDS, default 120) against gunicorn and PostgreSQL on
# loopback, in a database of its own (portal_load); it stops by itself.
load: $(VENV)/.installed assets
	@if ! pg_isready -q -h 127.0.0.1 -p 5432; then \
	  pg_ctlcluster --skip-systemctl-redirect "$$(ls /etc/postgresql | head -n 1)" main start; \
	  for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; \
	fi
	$(BIN)/python tests/load/loadtest.py

# Benchmarks print figures for the issue notes; they assert nothing about time.
# Run on SQLite, then on PostgreSQL when a server answers on 127.0.0.1:5432.
bench: $(VENV)/.installed assets
	env -u DATABASE_URL $(BIN)/python -m pytest -m bench -s tests/benchmarks $(PYTEST_ARGS)
	@if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then \
	  DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal \
	    $(BIN)/python -m pytest -m bench -s tests/benchmarks $(PYTEST_ARGS); \
	else echo "PostgreSQL is not running on 127.0.0.1:5432: skipped the PostgreSQL benchmarks"; fi

lock: $(VENV)/.installed
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
	  --output-file requirements/base.txt pyproject.toml
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
	  --extra test --output-file requirements/test.txt pyproject.toml

clean:
	rm -rf $(VENV) node_modules static/dist var/staticfiles
