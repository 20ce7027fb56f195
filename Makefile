# Two commands for a newcomer: `make run` and `make test`. Everything else is set up on the way.
SHELL := /bin/bash
PY := .venv/bin/python
VENV_STAMP := .venv/.installed
NODE_STAMP := node_modules/.installed
CSS := static/build/app.css
JS := static/build/govuk-frontend.min.js
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bench lint format browser assets migrate demo serve clean

$(VENV_STAMP): pyproject.toml
	test -x .venv/bin/python || python3 -m venv .venv
	.venv/bin/pip install --quiet --upgrade pip
	.venv/bin/pip install --quiet -e ".[dev]"
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(CSS): $(NODE_STAMP) $(wildcard static/scss/*.scss)
	mkdir -p static/build
	npx sass --no-source-map --style=compressed --quiet --quiet-deps --load-path=node_modules \
		static/scss/app.scss $(CSS)

$(JS): $(NODE_STAMP)
	mkdir -p static/build
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js $(JS)

assets: $(CSS) $(JS)

migrate: $(VENV_STAMP)
	$(PY) manage.py migrate --no-input

demo: migrate
	$(PY) manage.py load_demo

# Starts the web server (HTTP and websockets) and a background worker on the embedded defaults.
run: $(VENV_STAMP) assets demo
	@echo "Open http://$(HOST):$(PORT)/s/demo/ (survey) or http://$(HOST):$(PORT)/staff/ (staff)"
	@trap 'trap - EXIT INT TERM; kill 0' EXIT INT TERM; \
	TASK_BACKEND=database $(PY) manage.py db_worker --interval 1 & \
	TASK_BACKEND=database .venv/bin/uvicorn config.asgi:application --host $(HOST) --port $(PORT) \
		--no-access-log & \
	wait

# Browser tests drive Debian's Chromium; install it when it is missing and we may.
browser:
	@command -v chromium >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
		else echo "Install Chromium first: sudo apt-get install chromium"; exit 1; fi; }

test: $(VENV_STAMP) assets browser
	$(PY) -m pytest $(PYTEST_ARGS)

# Each script prints its figures, the last line one JSON object.
bench: $(VENV_STAMP) assets
	$(PY) bench/collection.py $(BENCH_ARGS)
	$(PY) bench/theming.py
	$(PY) bench/concerns.py
	$(PY) bench/redaction.py
	$(PY) bench/live.py

lint: $(VENV_STAMP)
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: $(VENV_STAMP)
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

clean:
	rm -rf static/build staticfiles .pytest_cache
