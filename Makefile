# Yhdyspinta: the two quick-start commands are `make demo` and `make test` (README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export DJANGO_SETTINGS_MODULE := config.settings

.PHONY: setup system-packages assets messages demo test test-only lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	bash scripts/system_packages.sh icu  # PyICU compiles against libicu-dev
	$(BIN)/pip install -q -e ".[test]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.installed node_modules/.installed assets
	$(BIN)/python scripts/messages.py compile

assets: node_modules/.installed
	mkdir -p yhdyspinta/static/vendor
	cp node_modules/htmx.org/dist/htmx.min.js yhdyspinta/static/vendor/
	cp node_modules/tom-select/dist/js/tom-select.complete.min.js node_modules/tom-select/dist/css/tom-select.default.min.css yhdyspinta/static/vendor/

system-packages:  ## Chromium (browser tests), gettext (string extraction), Voikko (Finnish search), ICU (collation) from Debian
	bash scripts/system_packages.sh chromium gettext voikko icu

demo: setup  ## run with demo data on SQLite at http://127.0.0.1:8000
	DEBUG=1 $(BIN)/python manage.py migrate --noinput -v0
	DEBUG=1 $(BIN)/python manage.py load_demo
	@echo "Demo admin: admin / yhdyspinta-demo  (other demo users: docs/demo.md)"
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

test: setup system-packages test-only  ## the whole test suite

test-only:
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache  # the layers of docs/architecture.md (contracts in pyproject.toml)
	$(BIN)/python scripts/messages.py extract
	$(BIN)/python scripts/messages.py check
	$(BIN)/python scripts/messages.py compile
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run -v0
	DEBUG=0 SECRET_KEY=check-deploy-$$RANDOM-0123456789abcdefghijklmnopqrstuvwxyz ALLOWED_HOSTS=example.fi \
		$(BIN)/python manage.py check --deploy --tag security --fail-level WARNING
	$(BIN)/pytest -n 2 --dist loadfile

lint:
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache

clean:
	rm -rf $(VENV) node_modules var yhdyspinta/static/vendor
