# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Local runs are development runs unless the environment says otherwise.
export DEBUG ?= 1
export SECURE_SSL_REDIRECT ?= 0
export SECURE_COOKIES ?= 0

.PHONY: run test lint format bench messages translations worker beat clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

messages: $(STAMP)
	$(BIN)/python manage.py compilemessages --ignore=.venv -v 0

# After changing user-facing strings: refresh the catalogue, then translate the new entries.
translations: $(STAMP)
	$(BIN)/python manage.py makemessages -l nl --no-obsolete \
		--ignore=.venv --ignore=bench --ignore=tests --ignore=var

run: $(STAMP) messages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@if [ -n "$$REDIS_URL" ]; then \
		echo "REDIS_URL is set: starting a Celery worker with beat next to the web server"; \
		$(BIN)/celery -A kwaliteit worker -B -Q default,reports --loglevel=INFO & \
		trap "kill $$!" EXIT; \
		$(BIN)/python manage.py runserver 127.0.0.1:8000; \
	else \
		echo "No REDIS_URL: reminders are dispatched every 5 minutes next to the web server"; \
		$(BIN)/python manage.py send_reminders --every 300 & \
		trap "kill $$!" EXIT; \
		$(BIN)/python manage.py runserver 127.0.0.1:8000; \
	fi

# Tests run like production: DEBUG off, collected static files with a manifest.
TEST_ENV := DEBUG=0 SECRET_KEY=test-only-secret-key ALLOWED_HOSTS=testserver,localhost,127.0.0.1

test: $(STAMP) messages
	$(TEST_ENV) $(BIN)/python manage.py collectstatic --noinput -v 0
	$(TEST_ENV) $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP) messages
	DEBUG=0 SECRET_KEY=bench-only-secret-key ALLOWED_HOSTS=127.0.0.1,localhost \
		$(BIN)/python -m bench $(BENCH_ARGS)

worker: $(STAMP)
	$(BIN)/celery -A kwaliteit worker -Q default,reports --loglevel=INFO

beat: $(STAMP)
	$(BIN)/celery -A kwaliteit beat --loglevel=INFO

clean:
	rm -rf $(VENV) var db.sqlite3
