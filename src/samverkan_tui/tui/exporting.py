"""Writing the current walk to a file from the app: the same document as `logg export`."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from samverkan_tui.core.session import WalkSession

EXPORT_DIR_ENV = "SAMVERKAN_EXPORT"
# What the export dialog offers, in this order: (format, label).
EXPORT_CHOICES = (
    ("pdf", "PDF (A4, för pärmen och akten)"),
    ("md", "Markdown"),
    ("text", "Text"),
    ("html", "HTML (fristående fil)"),
)


def export_folder() -> Path:
    override = os.environ.get(EXPORT_DIR_ENV)
    if override:
        return Path(override)
    from platformdirs import user_documents_path

    return user_documents_path() / "Samverkan"


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
    The file is the user's only (0600), and never replaces an earlier export.
    """
    from samverkan_tui.export import SUFFIXES, render
    from samverkan_tui.export.document import document_for_session

    data = render(document_for_session(session, now), format)
    folder = export_folder()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    stem = f"{session.routine.id}-{now:%Y-%m-%d-%H%M%S}"
    payload = data if isinstance(data, bytes) else data.encode("utf-8")
    for counter in range(1000):
        path = folder / (stem + (f"-{counter}" if counter else "") + SUFFIXES[format])
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                         0o600)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        return path
    raise FileExistsError(f"för många exporter med namnet {stem}")
