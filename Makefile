# One command each, on a fresh machine: `make report` and `make test`.
# Every target runs run.py (the same commands without make: `python3 run.py report`), which builds the
# virtual environment (.venv) first if it is missing or out of date.
#
# Variables reach run.py through the environment, never through the shell's parser: $(value X) takes the text
# as typed (a `$(shell …)` in it is not run), `unexport` keeps make from expanding the raw variable for the
# environment, and the recipes only name "$$PRST_PYTHON", which the shell expands as one word.

PYTHON ?= python3
VENV   ?= .venv
SYMBOL ?= S/PRST/2021/1
CORPUS ?=
PORT   ?=
PILOT  ?=
PILOT_LOG ?=

unexport PYTHON VENV SYMBOL CORPUS PORT PILOT PILOT_LOG
export PRST_PYTHON := $(value PYTHON)
export PRST_PYTHON_GIVEN := $(filter-out default file undefined,$(origin PYTHON))
export PRST_VENV := $(value VENV)
export PRST_SYMBOL := $(value SYMBOL)
export PRST_CORPUS := $(value CORPUS)
export PRST_PORT := $(value PORT)
export PRST_PILOT := $(value PILOT)
export PRST_PILOT_PATH := $(value PILOT_LOG)
export PYTHONHASHSEED := 0

RUN := @"$$PRST_PYTHON" run.py

.PHONY: all env test report lab student clean bench

all: test

env:
	$(RUN) env

test:
	$(RUN) test

report:
	$(RUN) report

# Speed benchmarks (not tests): runs every benchmarks/*.py and prints its figures.
bench:
	$(RUN) bench

student:
	$(RUN) student

# make lab PILOT=1 [PILOT_LOG=FILE]: pilot mode, logs the time each notebook takes (README, For teachers).
lab:
	$(RUN) lab

clean:
	rm -rf reports .pytest_cache .ruff_cache
