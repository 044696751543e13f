# Two entry points, both usable on a fresh machine with only Python 3.11+ and the
# package registries: `make run` starts the app, `make test` runs every check.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test system-deps bench docs clean

$(BIN)/samverkan: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

run: $(BIN)/samverkan
	$(BIN)/samverkan

# Debian tools the end-to-end tests drive (tmux for the real-terminal walk,
# poppler-utils to look at exported PDFs); installed only when missing.
system-deps:
	@sh scripts/ensure-system-deps.sh

test: $(BIN)/samverkan system-deps
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

bench: $(BIN)/samverkan
	$(BIN)/python bench/run.py

# The README's picture of the follow-up report (needs Chromium: apt-get install -y chromium).
docs: $(BIN)/samverkan
	$(BIN)/python scripts/report_picture.py docs/uppfoljning.png

clean:
	rm -rf $(VENV) dist build .pytest_cache .ruff_cache
