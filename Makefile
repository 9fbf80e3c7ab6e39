# newsdigest: `make demo` and `make test` work on a fresh clone (Python 3.11+ and PyPI access).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
EVAL   ?= ../shared/eval

.PHONY: demo test bench fuzz install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	@echo "== newsdigest summarize samples/harbor-bridge-reopens.txt"
	@$(BIN)/newsdigest summarize samples/harbor-bridge-reopens.txt
	@echo
	@echo "== newsdigest summarize samples/* --format text"
	@$(BIN)/newsdigest summarize samples/*.txt samples/*.html --format text

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/run_all.py --eval $(EVAL)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
