"""Writing the current walk to a file from the app (the formats live in ``export/``)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from samverkan_tui.core.session import WalkSession

EXPORT_DIR_ENV = "SAMVERKAN_EXPORT"


def export_folder() -> Path:
    override = os.environ.get(EXPORT_DIR_ENV)
    if override:
        return Path(override)
    from platformdirs import user_documents_path

    return user_documents_path() / "Samverkan"


def export_walk(session: WalkSession, now: dt.datetime, role: str | None) -> Path:
    """The plan as walked so far, with what was done and when. Returns the file written."""
    from samverkan_tui.steplog.summary import summary_markdown, walk_summary

    text = summary_markdown(walk_summary(session, now, first_role=role))
    folder = export_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{session.routine.id}-{now:%Y-%m-%d-%H%M}.md"
    path.write_text(text, encoding="utf-8")
    return path
