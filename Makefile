# The commands the README shows. Each sets up what it needs on a new machine.
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py

.PHONY: run serve backup restore test lint browser-deps clean

$(VENV)/bin/activate:
	python3 -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/activate
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PIP) install -q -e ".[test]"
	touch $@

# Set up and serve the portal with the July 2019 record, on SQLite unless DATABASE_URL says otherwise.
run: $(VENV)/.installed
	DEBUG=$${DEBUG:-True} $(MANAGE) migrate --noinput
	DEBUG=$${DEBUG:-True} $(MANAGE) load_record
	DEBUG=$${DEBUG:-True} $(MANAGE) runserver 127.0.0.1:$(PORT)

# Production: gunicorn (gunicorn.conf.py; WEB_CONCURRENCY workers) with the static files collected
# and served by whitenoise. Needs SECRET_KEY; DEBUG stays off.
serve: $(VENV)/.installed
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) migrate --noinput
	PORT=$(PORT) $(VENV)/bin/gunicorn --config gunicorn.conf.py

# All data, audit history and accounts to backups/gcg-<date>.json; `make restore FILE=...` loads
# such a file into a new, empty database.
backup: $(VENV)/.installed
	$(MANAGE) backup

restore: $(VENV)/.installed
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/gcg-....json"; exit 2; }
	$(MANAGE) migrate --noinput
	$(MANAGE) restore "$(FILE)"

# Chromium (Debian's package) and axe-core (npm) for the browser tests; the tests skip with the
# reason printed here only where neither can be installed.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || \
	  { (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 \
	    || echo "make: could not install Debian's chromium; the browser tests will be skipped"; }
	@test -f node_modules/axe-core/axe.min.js || npm install --no-audit --no-fund --silent >/dev/null 2>&1 \
	  || echo "make: could not install axe-core from npm; the accessibility audit will be skipped"

# Set up and run the whole suite (DATABASE_URL=postgres://... runs it on PostgreSQL).
test: $(VENV)/.installed-test browser-deps
	$(VENV)/bin/pytest

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf $(VENV) staticfiles node_modules
