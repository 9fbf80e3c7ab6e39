# newsdigest: `make demo` and `make test` work on a fresh clone (Python 3.11+ and PyPI access).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
EVAL   ?= ../shared/eval
FUZZ_SECONDS ?= 600

.PHONY: demo test test-clock bench fuzz install clean

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
	@echo
	@echo "== newsdigest digest samples --group-by source (near-duplicates merged)"
	@$(BIN)/newsdigest digest samples --group-by source --config /dev/null
	@$(BIN)/newsdigest digest samples --format html -o .venv/demo-digest.html --config /dev/null
	@echo "(also written as HTML: .venv/demo-digest.html)"

# Both cores (pytest-xdist): one process per core, at most 4 on a larger machine.
# loadgroup: tests marked xdist_group share one process (the Dask tests: one set of clusters).
PYTEST := $(BIN)/python -m pytest -n auto --maxprocesses=4 --dist loadgroup

# Lint and format check first (ruff is pinned in the test extra), then the suite.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PYTEST)

# The whole suite again with the clock moved years ahead and back (libfaketime,
# Debian's `faketime`; .ci/run installs it): no test may depend on today's date.
test-clock: $(STAMP)
	faketime -f '+1000d' $(PYTEST)
	faketime -f '-400d' $(PYTEST)

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/run_all.py --eval $(EVAL)

# Not part of `test` or CI: a fixed-time atheris run; crashes land in fuzz/artifacts/.
fuzz: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[fuzz]'
	mkdir -p fuzz/corpus fuzz/artifacts
	$(BIN)/python fuzz/fuzz_pipeline.py fuzz/corpus tests/fixtures/articles samples \
		-dict=fuzz/pipeline.dict -max_total_time=$(FUZZ_SECONDS) -timeout=60 -max_len=16384 \
		-rss_limit_mb=4096 -artifact_prefix=fuzz/artifacts/ -print_final_stats=1

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
