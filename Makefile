# Two entry points, both usable on a fresh machine with only Python 3.11+ and the
# package registries: `make run` starts the app, `make test` runs every check.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# A second environment with the lowest versions pyproject.toml allows (`make test-lowest`).
LOWEST := .venv-lowest

# The suite runs on four workers (pytest-xdist): its app tests mostly wait on a terminal,
# so more workers than the two cores still shorten the run.
WORKERS ?= 4

.PHONY: run test test-fast test-lowest system-deps bench docs clean

# constraints.txt pins Textual and what draws the snapshots, so the tests see the
# versions the snapshots were made with (users get patch releases).
$(BIN)/samverkan: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $@

run: $(BIN)/samverkan
	$(BIN)/samverkan

# Debian tools the end-to-end tests drive (tmux for the real-terminal walk,
# poppler-utils to look at exported PDFs); installed only when missing.
system-deps:
	@sh scripts/ensure-system-deps.sh

test: $(BIN)/samverkan system-deps
	$(BIN)/ruff check samverkan_tui tests bench scripts
	$(BIN)/ruff format --check samverkan_tui tests bench scripts
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m pytest -n $(WORKERS)

# The inner loop: lint and the tests that need no real terminal, app or subprocess
# build (no tests/tui, no packaging), stopping at the first failure.
test-fast: $(BIN)/samverkan
	$(BIN)/ruff check samverkan_tui tests bench scripts
	$(BIN)/python -m pytest -n $(WORKERS) -x -q --ignore=tests/tui --deselect tests/test_packaging.py

# The floors in pyproject.toml are true: install the lowest version of every direct
# dependency that they allow (uv's lowest-direct resolution; indirect ones at their newest)
# and run the tests against them. Without tests/tui: the snapshots are drawn by the pinned
# Textual and Rich of constraints.txt, and the app's tests are the slow half of the suite.
test-lowest: $(BIN)/samverkan system-deps
	rm -rf $(LOWEST)
	$(PYTHON) -m venv $(LOWEST)
	$(BIN)/uv pip install --quiet --python $(LOWEST)/bin/python --resolution lowest-direct -e '.[dev]'
	$(BIN)/uv pip freeze --python $(LOWEST)/bin/python
	$(LOWEST)/bin/python -m pytest -n $(WORKERS) -p no:cacheprovider --ignore=tests/tui

bench: $(BIN)/samverkan
	$(BIN)/python bench/run.py

# The README's picture of the follow-up report (needs Chromium: apt-get install -y chromium).
docs: $(BIN)/samverkan
	$(BIN)/python scripts/report_picture.py docs/uppfoljning.png

clean:
	rm -rf $(VENV) $(LOWEST) dist build .pytest_cache .ruff_cache
