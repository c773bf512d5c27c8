# Pasar Karya. `make run` serves the shop on http://127.0.0.1:5000; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := wsgi
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test bench lint audit translations translations-update serve-prod clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

shop/translations/en/LC_MESSAGES/messages.mo: shop/translations/en/LC_MESSAGES/messages.po | $(VENV)/.installed
	$(BIN)/pybabel compile --use-fuzzy -d shop/translations -f

run: $(VENV)/.installed shop/translations/en/LC_MESSAGES/messages.mo
	$(BIN)/flask db upgrade
	$(BIN)/flask shop demo --if-empty
	SHOP_BIND_HOST=$(HOST) $(BIN)/flask run --host $(HOST) --port $(PORT)

test: $(VENV)/.installed-dev shop/translations/en/LC_MESSAGES/messages.mo
	$(BIN)/python -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

bench: $(VENV)/.installed-dev shop/translations/en/LC_MESSAGES/messages.mo
	$(BIN)/python -m tests.bench.catalogue && $(BIN)/python -m tests.bench.till

# Import contracts (pyproject.toml [tool.importlinter]) and ruff: the shape of the code and its style.
lint: $(VENV)/.installed-dev
	$(BIN)/lint-imports
	$(BIN)/ruff check shop tests migrations

# Security checks: bandit finds no medium or high issue in shop/ (low ones are listed by `bandit -r shop`;
# the few accepted ones carry `# nosec` with a reason); pip-audit where its vulnerability data can be reached.
audit: $(VENV)/.installed-dev
	$(BIN)/bandit -r shop -ll -q
	$(BIN)/python .ci/pip_audit.py

# Extract every _() string and merge it into the English catalogue; then translate the new msgids.
translations-update: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o shop/translations/messages.pot --no-location --omit-header .
	$(BIN)/pybabel update -i shop/translations/messages.pot -d shop/translations -l en --no-fuzzy-matching --omit-header

translations: shop/translations/en/LC_MESSAGES/messages.mo

serve-prod: $(VENV)/.installed shop/translations/en/LC_MESSAGES/messages.mo
	SHOP_SERVE=production SHOP_BIND_HOST=$(HOST) $(BIN)/flask db upgrade
	SHOP_SERVE=production SHOP_BIND_HOST=$(HOST) $(BIN)/gunicorn --workers 3 --bind $(HOST):$(PORT) wsgi:app

clean:
	rm -rf $(VENV) .pytest_cache
