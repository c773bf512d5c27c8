# Pasar Karya. `make run` serves the shop on http://127.0.0.1:5000; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := wsgi
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test bench lint translations translations-update serve-prod clean

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
	$(BIN)/flask run --host $(HOST) --port $(PORT)

test: $(VENV)/.installed-dev shop/translations/en/LC_MESSAGES/messages.mo
	$(BIN)/python -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

bench: $(VENV)/.installed-dev shop/translations/en/LC_MESSAGES/messages.mo
	$(BIN)/python -m tests.bench.catalogue

# Import contracts (pyproject.toml [tool.importlinter]) and ruff: the shape of the code and its style.
lint: $(VENV)/.installed-dev
	$(BIN)/lint-imports
	$(BIN)/ruff check shop tests migrations

# Extract every _() string and merge it into the English catalogue; then translate the new msgids.
translations-update: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o shop/translations/messages.pot --no-location --omit-header .
	$(BIN)/pybabel update -i shop/translations/messages.pot -d shop/translations -l en --no-fuzzy-matching --omit-header

translations: shop/translations/en/LC_MESSAGES/messages.mo

serve-prod: $(VENV)/.installed shop/translations/en/LC_MESSAGES/messages.mo
	$(BIN)/flask db upgrade
	$(BIN)/gunicorn --workers 3 --bind $(HOST):$(PORT) wsgi:app

clean:
	rm -rf $(VENV) .pytest_cache
