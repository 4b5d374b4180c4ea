# The two commands of the README: `make run` and `make test`. Everything else is set-up they need,
# plus `make migration` (regenerate the initial migration) and `make bench` (python -m benchmarks).
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test install translations migration bench

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/.installed

run: install
	$(BIN)/flask --app quizapp db upgrade
	$(BIN)/flask --app quizapp load-questions
	$(BIN)/flask --app quizapp run --host $(HOST) --port $(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Extract every user-facing string, merge it into the German catalogue, compile it.
translations: install
	$(BIN)/pybabel --quiet extract -F babel.cfg -k _l -k lazy_gettext -o quizapp/translations/messages.pot .
	$(BIN)/pybabel --quiet update -i quizapp/translations/messages.pot -d quizapp/translations -l de
	$(BIN)/pybabel --quiet compile -d quizapp/translations

# Until the first release there is one migration, regenerated from the models on an empty
# SQLite database. After a release, add revisions instead: flask --app quizapp db migrate -m "..."
migration: install
	rm -f migrations/versions/*.py
	tmp=$$(mktemp -d) && \
	DATABASE_URL="sqlite:///$$tmp/empty.sqlite" $(BIN)/flask --app quizapp db migrate --rev-id 0001 -m "initial schema"; \
	status=$$?; rm -rf "$$tmp"; exit $$status

bench: install
	$(BIN)/python -m benchmarks $(BENCH_ARGS)
