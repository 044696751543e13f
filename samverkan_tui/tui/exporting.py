"""Writing the current walk to a file from the app: the same document as `logg export`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from samverkan_tui.core.walk.session import WalkSession

# What the export dialog offers, in this order: (format, label).
EXPORT_CHOICES = (
    ("pdf", "PDF (A4, för pärmen och akten)"),
    ("md", "Markdown"),
    ("text", "Text"),
    ("html", "HTML (fristående fil)"),
)


def export_folder() -> Path:
    """Where the app writes exports (``core.base.paths.export_dir``, with the config's
    ``export_dir``); a config that cannot be read was reported at start: the default then."""
    from samverkan_tui.core.base.config import Config, ConfigError, load_config
    from samverkan_tui.core.base.paths import export_dir

    config: Config | None
    try:
        config = load_config()
    except ConfigError:
        config = None
    return export_dir(config)


def export_choices() -> tuple[tuple[str, str], ...]:
    """The formats the export package can write (the calendar when it is there)."""
    from samverkan_tui.export import FORMATS

    choices = [c for c in EXPORT_CHOICES if c[0] in FORMATS]
    if "ics" in FORMATS:
        choices.append(("ics", "Kalender (.ics) med planens tidsfrister"))
    return tuple(choices)


def export_walk(session: WalkSession, now: dt.datetime, format: str = "md") -> Path:
    """The walk so far, with what was done and when, as ``format``. Returns the file written.

    The document is the one `samverkan logg export` prints for the same walk: one place.
    The file is 0600 and never overwrites another export (seconds in the name, then a
    counter); a missing folder is created 0700. Raises ``OSError`` with Swedish text.
    """
    from samverkan_tui.core.base.files import (
        FileSafetyError,
        ensure_private_dir,
        swedish_reason,
        unique_path,
        write_private,
    )
    from samverkan_tui.export import SUFFIXES, render
    from samverkan_tui.export.document import document_for_session

    data = render(document_for_session(session, now), format)
    try:
        folder = ensure_private_dir(export_folder(), mark=False)
        path = unique_path(folder, f"{session.routine.id}-{now:%Y-%m-%d-%H%M%S}", SUFFIXES[format])
        return write_private(path, data)
    except FileSafetyError:
        raise
    except OSError as error:
        raise FileSafetyError(error.errno, swedish_reason(error)) from None
