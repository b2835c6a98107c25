# The two commands: `make run` serves the demo, `make test` runs every check. Both set up what they need.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app wsgi
PYBABEL := $(VENV)/bin/pybabel
TEST_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/convention_test
export TEST_DATABASE_URL
# The W3C Nu HTML Checker, from its official npm package (which ships vnu.jar; its install script,
# which would download a Java runtime, is not run).
VNU_VERSION := 26.9.27
VNU_JAR := .vnu/vnu-$(VNU_VERSION).jar
# Tests run in parallel, one worker per core, each with its own databases (pytest-xdist).
TEST_WORKERS ?= auto

.PHONY: run serve worker test test-sqlite test-postgres lint i18n extract translations bench bench-selection chromium checker system-libs wrk fuzz clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install -q -e '.[dev]'
	touch $@ $(VENV)/.installed

translations: $(VENV)/.installed
	$(PYBABEL) compile -d translations

# The dev server and, beside it, a job consumer (selections, PDFs, mail) on the SQLite queue in instance/.
run: $(VENV)/.installed system-libs translations
	$(FLASK) db upgrade
	$(FLASK) convention demo
	$(FLASK) convention worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(FLASK) run --host 127.0.0.1 --port 5000

# gunicorn and one job consumer on this machine; more consumers run elsewhere with `make worker`
# (same DATABASE_URL, HUEY_URL or REDIS_URL, and storage settings: see the README).
# JOB_WORKERS=0 serves without a consumer (app servers of a cluster whose consumers run apart).
serve: $(VENV)/.installed system-libs translations
	$(FLASK) db upgrade
	if [ "$${JOB_WORKERS:-2}" != 0 ]; then $(FLASK) convention worker --workers $${JOB_WORKERS:-2} & \
		worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; fi; \
		$(VENV)/bin/gunicorn --workers $${WEB_CONCURRENCY:-3} --bind $${BIND:-127.0.0.1:8000} \
		--access-logfile - --logger-class convention.web.logging.MaskingAccessLogger wsgi:app

# A job consumer alone, for a machine that only runs jobs.
worker: $(VENV)/.installed system-libs translations
	$(FLASK) convention worker --workers $${JOB_WORKERS:-2}

# WeasyPrint (the report's PDF, also made by the demo) renders with the system's Pango and HarfBuzz.
system-libs:
	@ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset.so.0 || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 \
		libharfbuzz-subset0 >/dev/null; } || \
		echo "Pango or HarfBuzz is missing and cannot be installed without root: PDFs will fail."

chromium:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
		echo "chromium is missing and cannot be installed without root: browser tests will say so."

checker: $(VNU_JAR)
	@command -v java >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; } || \
		echo "java is missing and cannot be installed without root: the HTML check will say so."

# The checker's own release on the npm registry, fetched without npm: only Python is assumed.
$(VNU_JAR): | $(VENV)/bin/python
	$(PY) -m tests.vnu $(VNU_VERSION) $@

# mypy reads the layers with types: rules, models, and every feature's services, queries and views.
lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy convention/rules convention/models $(wildcard convention/*/services.py \
		convention/*/queries.py convention/*/views.py)

test: $(VENV)/.installed-dev translations system-libs chromium checker lint test-sqlite test-postgres

# The fuzz walk runs on PostgreSQL only (below): here it is deselected, not skipped.
test-sqlite: $(VENV)/.installed-dev translations
	$(PY) -m pytest -q -p no:cacheprovider -n $(TEST_WORKERS) -m "not fuzz"

# Pure rules, browser journeys and the HTML check ran above; here only what touches the database runs again,
# with the fuzz walk (tests/web/test_fuzz.py) once, at its default number of examples.
test-postgres: $(VENV)/.installed-dev translations
	@if $(PY) -m tests.postgres ping; then \
		TEST_DATABASE=postgres $(PY) -m pytest -q -p no:cacheprovider -n $(TEST_WORKERS) \
			-m "not pure and not browser and not checker"; \
	elif [ -n "$$CI" ]; then \
		echo "PostgreSQL is not reachable at $$TEST_DATABASE_URL: CI must test it." >&2; exit 1; \
	else \
		echo "WARNING: PostgreSQL is not reachable at $$TEST_DATABASE_URL: its tests did NOT run." >&2; \
	fi

# The fuzz walk with more generated examples per route and role (FUZZ_EXAMPLES, default 2).
fuzz: $(VENV)/.installed-dev translations
	@$(PY) -m tests.postgres ping || { echo "PostgreSQL is not reachable at $$TEST_DATABASE_URL." >&2; exit 1; }
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-25} TEST_DATABASE=postgres $(PY) -m pytest -q -p no:cacheprovider -m fuzz tests/web/test_fuzz.py

# Babel skips folders starting with "_" unless told: only dot-folders are skipped, so templates/_macros
# is read. tests/test_i18n.py runs this same target into a temporary file.
POT ?= translations/messages.pot
extract:
	$(PYBABEL) --quiet extract -F babel.cfg --ignore-dirs='.*' -k _l -k lazy_gettext -k pgettext:1c,2 -o $(POT) .

i18n: $(VENV)/.installed
	$(MAKE) --no-print-directory extract
	$(PYBABEL) update --no-fuzzy-matching -i translations/messages.pot -d translations
	$(PYBABEL) compile -d translations

# The benchmarks' own dependencies (a load client, the reference selection) live in the bench extra.
$(VENV)/.installed-bench: pyproject.toml $(VENV)/.installed-dev
	$(PY) -m pip install -q -e '.[dev,bench]'
	touch $@

bench: $(VENV)/.installed-bench translations system-libs wrk
	$(PY) bench/run.py

# A real load generator: a Python client cannot saturate even hello-world Flask.
wrk:
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } || \
		{ echo "wrk is missing and cannot be installed without root." >&2; exit 1; }

bench-selection: $(VENV)/.installed-bench
	$(PY) bench/selection/run.py

clean:
	rm -rf $(VENV) instance .pytest_cache .vnu
