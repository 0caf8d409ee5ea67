# One command each, on a fresh machine: `make report` and `make test`.
# Every target builds the virtual environment (.venv) first if it is missing or out of date.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SYMBOL ?= S/PRST/2021/1
CORPUS ?=
PORT   ?=
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9]*.ipynb))

export PYTHONHASHSEED := 0

.PHONY: all env test report lab student clean bench

all: test

env: $(STAMP)

$(STAMP): requirements.txt requirements-lock.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; found " + sys.version.split()[0])'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -c requirements-lock.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

test: $(STAMP)
	$(BIN)/ruff check helpers tests notebooks benchmarks scripts
	$(BIN)/python -m pytest --nbval --nbval-sanitize-with notebooks/sanitize.cfg tests $(NOTEBOOKS)

report: $(STAMP)
	$(BIN)/python -m helpers report --symbol "$(SYMBOL)" $(if $(CORPUS),--corpus "$(CORPUS)")

# Speed benchmarks (not tests): runs every benchmarks/*.py and prints its figures.
bench: $(STAMP)
	@for script in $(sort $(wildcard benchmarks/*.py)); do echo "== $$script"; $(BIN)/python $$script || exit 1; done

student: $(STAMP)
	$(BIN)/python -m helpers student

lab: $(STAMP)
	$(BIN)/python -m helpers lab $(if $(PORT),--port $(PORT))

clean:
	rm -rf reports .pytest_cache .ruff_cache
