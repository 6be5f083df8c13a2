# The two commands: `make run` and `make test`. Both start with `make install`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# make run loads the example municipality; SEED=path/to/report.txt loads a report instead.
SEED ?=
ADDR ?= 127.0.0.1:8000
# The example municipality's name on the pages of `make run`.
MUNICIPALITY_NAME ?= Eksempel Kommune
# The example's contact (a reserved .example domain: nothing is ever delivered there).
CONTACT_EMAIL ?= okonomi@eksempelkommune.example
PG_URL ?= $(DATABASE_URL)

.PHONY: install chromium run test lint types pytest pytest-sqlite pytest-postgres bench clean

install: $(VENV)/.installed node_modules/.installed chromium

# The browser tests drive Debian's Chromium (no browser downloads here): apt-get as root,
# otherwise stop at once with the one command to run.
chromium:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; \
	  else \
	    echo "make install: Chromium is missing; run: sudo apt-get install chromium" >&2; exit 1; \
	  fi; }

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# Det Fælles Designsystem (served as static files) and axe-core (browser tests), from npm.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "make install: npm is missing; install Node.js with npm (Debian: apt-get install nodejs npm) and run make install again" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

run: install
	@test -z "$(SEED)" || test -f "$(SEED)" || { echo "make run: $(SEED): file not found; give a report with SEED=path/to/report.txt (nothing was stored)" >&2; exit 1; }
	DEBUG=1 $(BIN)/opfolgning migrate --noinput
	@test -z "$(SEED)" || DEBUG=1 $(BIN)/opfolgning import --publish "$(SEED)"
	DEBUG=1 $(BIN)/opfolgning demo
	@echo "Opfølgning: http://$(ADDR)/  (sign in at http://$(ADDR)/konto/log-ind/)"
	@# The background worker makes large PDF/DOCX/XLSX reports; it stops with the server.
	DEBUG=1 SITE_URL="http://$(ADDR)" $(BIN)/opfolgning db_worker --no-reload --no-startup-delay --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 SITE_URL="http://$(ADDR)" MUNICIPALITY_NAME="$(MUNICIPALITY_NAME)" \
	  CONTACT_EMAIL="$(CONTACT_EMAIL)" $(BIN)/opfolgning runserver $(ADDR)

test: install lint types pytest

# The layers of docs/architecture.md are a contract: lint-imports checks it (pyproject.toml).
lint:
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports --no-logo --no-cache

types:
	$(BIN)/mypy

# The SQLite and PostgreSQL runs are independent processes: side by side they use both cores
# (each run's output is printed when it ends).
pytest:
	$(MAKE) --no-print-directory -j2 --output-sync=target pytest-sqlite pytest-postgres

pytest-sqlite:
	env -u DATABASE_URL $(BIN)/pytest -q -p no:cacheprovider

# Runs when DATABASE_URL names a PostgreSQL database (.ci/run sets it).
pytest-postgres:
	@case "$(PG_URL)" in \
	  postgres*) echo "pytest on $(PG_URL)"; DATABASE_URL="$(PG_URL)" $(BIN)/pytest -q -p no:cacheprovider ;; \
	  *) echo "DATABASE_URL is not PostgreSQL: skipping the PostgreSQL run" ;; \
	esac

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache .import_linter_cache
