"""What vulture (run by `make test`, configured in pyproject.toml) cannot see being used.

Each name is here for a reason given beside it; anything else it reports is dead code to
remove. Regenerate candidates with `.venv/bin/vulture --make-whitelist` and review them.
"""

# ruff: noqa: B018, F821
# mypy: ignore-errors

# Typer commands: registered by `app.command(...)(function)` in cli/commands.py, a call
# vulture does not follow.
kontakter
export_command
format_guide
visa
export
rensa
granska
jamfor
utkast
list_routines
validate
ova
walk_plain

# Public API kept for the tests and the bench: the all-paths oracle the path tests and the
# bench fixture walk, the one-call export the export tests use, and the step log's bulk
# writers and listing that the tests, the bench and scripts/report_picture.py fill and read.
enumerate_paths
store_walks
list_sessions
writes  # whether this window writes a walk: the two-window tests ask it (steplog/store.py)
closed_contacts  # a graded exercise's closed contacts, read by tests/test_training.py
BLOCK_KINDS  # every block kind, which tests/test_document_blocks.py renders in every format

# The calendar's contract for the app (export/ics.py): ask first, then show the reason.
app_text
has_events

# Textual: private hooks of the command palette overridden in tui/palette.py (pinned by
# tests/tui/test_palette.py), style attributes set on `styles`, and a signature override.
_start_no_matches_countdown
_list_visible
_no_matches_timer
max_height
grid_size_columns
container
viewport
