# Two entry points, both usable on a fresh machine with only Python 3.11+ and the
# package registries: `make run` starts the app, `make test` runs every check.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# A second environment with the lowest versions pyproject.toml allows (`make test-lowest`).
LOWEST := .venv-lowest

# Python writes bytecode here even where the environment says not to (PYTHONDONTWRITEBYTECODE):
# the suite starts the installed command hundreds of times and pytest rewrites every test
# module in each of its workers; without .pyc files each would compile them all again (a
# user's install has them: pip compiles what it installs).
export PYTHONDONTWRITEBYTECODE :=

# The suite runs on four workers (pytest-xdist): its app tests mostly wait on a terminal,
# so more workers than the two cores still shorten the run.
WORKERS ?= 4

# Installed on top of the app by the targets that need the developer tools.
DEV    := $(VENV)/.dev-tools
# The tests that write files or print, run a second time inside the Windows SIMULATION
# (tests/windows_sim/simulation.py: no O_NOFOLLOW, no fchmod, text-mode os.open). A
# simulation on Linux, not a claim of Windows support; the hosted CI runs the real one.
SIM_TESTS := tests/robustness/test_files.py tests/robustness/test_one_writer.py \
	tests/robustness/test_config.py tests/test_paths_config.py tests/test_export_cli.py \
	tests/steplog/test_cli_log.py tests/test_review_walk.py

# The generated sweeps (tests/sweeps.py): a sample in `make test`, the full size here and in CI.
SWEEP_TESTS := tests/robustness/test_mutants.py tests/robustness/test_privacy_leaks.py \
	tests/steplog/test_durability.py

.PHONY: run test test-suite test-types test-fast test-thorough test-windows-sim test-lowest system-deps bench bundle docs clean

# The app and what it needs, nothing more (`make run`). constraints.txt pins Textual and
# what draws the snapshots, so the tests see the versions the snapshots were made with
# (users get patch releases).
$(BIN)/samverkan: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	@touch $@

# The developer tools (pytest, linters, type checker …) for `make test` and the rest.
$(DEV): $(BIN)/samverkan
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $@

run: $(BIN)/samverkan
	$(BIN)/samverkan

# Debian tools the end-to-end tests drive (tmux for the real-terminal walk,
# poppler-utils to look at exported PDFs); installed only when missing.
system-deps:
	@sh scripts/ensure-system-deps.sh

# The quick checks first; then the suite, the type checker and the Windows simulation side by
# side (the suite leaves a core idle while its app tests wait on a terminal, which the other
# two fill), each one's output printed whole when it ends.
test: $(DEV) system-deps
	$(BIN)/ruff check samverkan_tui tests bench scripts
	$(BIN)/ruff format --check samverkan_tui tests bench scripts
	$(BIN)/lint-imports
	$(BIN)/vulture
	$(BIN)/python -m compileall -q samverkan_tui tests
	$(MAKE) --no-print-directory -j3 --output-sync=target test-suite test-types test-windows-sim

test-suite: $(DEV)
	$(BIN)/python -m pytest -n $(WORKERS) --dist worksteal --durations=10

test-types: $(DEV)
	$(BIN)/mypy

test-windows-sim: $(DEV)
	$(BIN)/python -m pytest -n 2 -p tests.windows_sim.plugin --windows-sim -q $(SIM_TESTS)

# The sweeps at full size: 500 mutants, 10 000 identifiers, 25 kill moments (CI runs this).
test-thorough: $(DEV)
	SAMVERKAN_THOROUGH=1 $(BIN)/python -m pytest -n $(WORKERS) -q $(SWEEP_TESTS)

# The inner loop: lint and the tests that need no real terminal, app or subprocess
# build (no tests/tui, no packaging), stopping at the first failure.
test-fast: $(DEV)
	$(BIN)/ruff check samverkan_tui tests bench scripts
	$(BIN)/python -m pytest -n $(WORKERS) -x -q --ignore=tests/tui --ignore=tests/test_packaging.py

# The floors in pyproject.toml are true: install the lowest version of every direct
# dependency that they allow (uv's lowest-direct resolution; indirect ones at their newest)
# and run the tests against them. Without tests/tui: the snapshots are drawn by the pinned
# Textual and Rich of constraints.txt, and the app's tests are the slow half of the suite.
test-lowest: $(DEV) system-deps
	rm -rf $(LOWEST)
	$(PYTHON) -m venv $(LOWEST)
	$(BIN)/uv pip install --quiet --python $(LOWEST)/bin/python --resolution lowest-direct -e '.[dev]'
	$(BIN)/uv pip freeze --python $(LOWEST)/bin/python
	$(LOWEST)/bin/python -m pytest -n $(WORKERS) -p no:cacheprovider --ignore=tests/tui

bench: $(DEV)
	$(BIN)/python bench/run.py

# A self-contained folder with Python inside (PyInstaller) for IT to deploy: dist/samverkan/,
# and dist/samverkan-<platform>.zip. Built on the platform it is for (Windows: in CI).
bundle:
	$(PYTHON) scripts/build_bundle.py

# The README's picture of the follow-up report (needs Chromium: apt-get install -y chromium).
docs: $(DEV)
	$(BIN)/python scripts/report_picture.py docs/uppfoljning.png

clean:
	rm -rf $(VENV) $(LOWEST) dist build .pytest_cache .ruff_cache
