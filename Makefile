# The commands the README shows. Each sets up what it needs on a new machine.
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
# `make serve` and anything deployed: production settings (manage.py alone runs local ones).
PRODUCTION := DJANGO_SETTINGS_MODULE=alliance87.settings.production

.PHONY: run serve bench backup restore test lint lock browser-deps bench-deps process-deps messages clean

$(VENV)/bin/activate:
	python3 -m venv $(VENV)

# Exact versions with their hashes, from the lock files (`make lock` refreshes them).
$(VENV)/.installed: requirements/base.txt | $(VENV)/bin/activate
	$(PIP) install -q --require-hashes -r requirements/base.txt
	touch $@

$(VENV)/.installed-test: requirements/test.txt $(VENV)/.installed
	$(PIP) install -q --require-hashes -r requirements/test.txt
	touch $@

# The French and Spanish catalogues (locale/*/LC_MESSAGES/django.po), compiled to the .mo files
# Django reads; these are built, never committed. msgfmt comes with Debian's gettext.
messages: $(VENV)/.installed
	@command -v msgfmt >/dev/null 2>&1 || \
	  { (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext) >/dev/null 2>&1 \
	    || { echo "make: could not install Debian's gettext; msgfmt is needed to compile the catalogues"; exit 1; }; }
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules --ignore=staticfiles --verbosity 0

# Set up and serve the portal with the July 2019 record, on SQLite unless DATABASE_URL says otherwise.
run: $(VENV)/.installed messages
	$(MANAGE) migrate --noinput
	$(MANAGE) load_record
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# Production: gunicorn (gunicorn.conf.py; WEB_CONCURRENCY workers) with the static files collected
# and served by whitenoise. Needs SECRET_KEY; DEBUG is never on.
serve: $(VENV)/.installed messages
	$(PRODUCTION) $(MANAGE) collectstatic --noinput --verbosity 0
	$(PRODUCTION) $(MANAGE) migrate --noinput
	PORT=$(PORT) $(VENV)/bin/gunicorn --config gunicorn.conf.py

# The figures of docs/benchmarks.md: a factor-100 database (bench/.data/bench.sqlite3, or the
# database DATABASE_URL names, which it wipes: its name must contain "bench"), served by gunicorn
# in production settings, with the page cache as shipped and then with PAGE_CACHE_SECONDS=0, and
# driven page by page with Debian's wrk. BENCH_FACTOR=1000 compares factor 1000 with factor 100,
# every page rendered (README, "Measuring").
bench: $(VENV)/.installed messages bench-deps
	$(PY) -m bench.run

# Debian's wrk, which drives the benchmark (and its own test, tests/bench/).
bench-deps:
	@command -v wrk >/dev/null 2>&1 || \
	  { (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) >/dev/null 2>&1 \
	    || { echo "make: could not install Debian's wrk; the benchmark drives the pages with it"; exit 1; }; }

# Debian's nginx and redis-server, which the process tests start besides the portal: nginx in
# front of `make serve` (deploy/nginx/, tests/security/test_reverse_proxy.py), a Redis of their
# own to stop (tests/base/test_redis_stopped.py). Nothing is enabled or started system-wide.
process-deps:
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || \
	  { (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx) >/dev/null 2>&1 \
	    || { echo "make: could not install Debian's nginx; the reverse proxy's test needs it"; exit 1; }; }
	@command -v redis-server >/dev/null 2>&1 || \
	  { (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server) >/dev/null 2>&1 \
	    || { echo "make: could not install Debian's redis-server; the Redis fault tests need it"; exit 1; }; }

# All data, audit history and accounts to backups/gcg-<date>.json; `make restore FILE=...` loads
# such a file into a new, empty database.
backup: $(VENV)/.installed
	$(MANAGE) backup

restore: $(VENV)/.installed
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/gcg-....json"; exit 2; }
	$(MANAGE) migrate --noinput
	$(MANAGE) restore "$(FILE)"

# Chromium (Debian's package) and axe-core (npm) for the browser tests. Where neither can be
# installed the browser tests skip, saying why; with CI=true they fail instead.
browser-deps:
	@command -v chromium >/dev/null 2>&1 || \
	  { (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 \
	    || echo "make: could not install Debian's chromium; the browser tests cannot run"; }
	@test -f node_modules/axe-core/axe.min.js || npm ci --no-audit --no-fund --silent >/dev/null 2>&1 \
	  || echo "make: could not install axe-core from npm; the accessibility audit cannot run"

# Set up and run the whole suite (DATABASE_URL=postgres://... runs it on PostgreSQL), a worker
# per core (pytest-xdist); a class's or module's tests stay together, sharing their fixtures.
PYTEST_PARALLEL := -n auto --dist loadscope
test: $(VENV)/.installed-test browser-deps bench-deps process-deps messages
	$(VENV)/bin/pytest $(PYTEST_PARALLEL)

# Style, and the apps' layers: each imports only those below it (pyproject.toml).
lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

# Refresh the lock files from pyproject.toml's ranges, with pip-tools in a venv of its own.
lock:
	python3 -m venv .venv-lock
	.venv-lock/bin/pip install -q pip-tools
	.venv-lock/bin/pip-compile -q --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url \
	  --no-emit-find-links --upgrade -o requirements/base.txt pyproject.toml
	.venv-lock/bin/pip-compile -q --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url \
	  --no-emit-find-links --upgrade --extra test -c requirements/base.txt -o requirements/test.txt \
	  pyproject.toml

clean:
	rm -rf $(VENV) .venv-lock staticfiles node_modules
