# Triển Khai — the two commands a new machine needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
WORKERS ?= 2
PYTEST_ARGS ?=

.PHONY: install install-test run serve test test-slow lint format bench migrate clean

install: $(VENV)/.installed var/secret_key

$(VENV)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) >&2
	@echo "Cài đặt vào $(VENV)…" >&2
	@$(BIN)/python -m pip install --quiet --upgrade pip >&2
	@$(BIN)/python -m pip install --quiet -e . >&2
	@touch $@

install-test: $(VENV)/.installed-test var/secret_key

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	@$(BIN)/python -m pip install --quiet -e ".[test]" >&2
	@touch $@

# This install's own secret key (the settings read it when SECRET_KEY is not set).
var/secret_key:
	@mkdir -p var
	@umask 077 && $(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

migrate: install
	$(BIN)/trienkhai migrate --noinput

# Install, migrate, load the demo and serve the web server with the background
# worker as one process group (Ctrl-C stops both).
run: install
	@$(BIN)/trienkhai migrate --noinput && \
	$(BIN)/trienkhai collectstatic --noinput --verbosity 0 && \
	$(BIN)/trienkhai load_demo && \
	$(MAKE) --no-print-directory serve

serve:
	@trap 'kill 0' INT TERM EXIT; \
	$(BIN)/trienkhai db_worker --queue-name '*' --interval 2 & \
	$(BIN)/trienkhai reminder_loop & \
	$(BIN)/gunicorn config.wsgi --bind 127.0.0.1:$(PORT) --workers $(WORKERS) \
		--access-logfile - --graceful-timeout 5 & \
	echo "Triển Khai: http://127.0.0.1:$(PORT)/  (Ctrl-C để dừng)"; \
	wait

# The default test tier (no `slow` tests), in parallel.
# pytest exits with 5 when a tier holds no tests: not a failure.
test: install-test
	$(BIN)/pytest -n auto -m "not slow" --durations=25 $(PYTEST_ARGS) || [ $$? -eq 5 ]

# Browser sweeps, fault and load tests.
test-slow: install-test
	$(BIN)/pytest -n auto -m slow --durations=25 $(PYTEST_ARGS) || [ $$? -eq 5 ]

lint: install install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy trienkhai config bench
	$(BIN)/lint-imports
	$(BIN)/trienkhai makemigrations --check --dry-run

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# JSON lines on stdout: {"name": ..., "value": ..., "unit": ...}
bench: install-test
	@$(BIN)/python -m bench

clean:
	rm -rf var/static
