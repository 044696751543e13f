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
    """The plan as walked so far, with what was done and when. Returns the file written.

    The file is 0600 and never overwrites another export (seconds in the name, then a
    counter); a missing folder is created 0700. Raises ``OSError`` (Swedish text from
    ``core.files.swedish_reason``) when it cannot be written.
    """
    from samverkan_tui.core.files import (
        FileSafetyError,
        ensure_private_dir,
        swedish_reason,
        unique_path,
        write_private,
    )
    from samverkan_tui.steplog.summary import summary_markdown, walk_summary

    text = summary_markdown(walk_summary(session, now, first_role=role))
    try:
        folder = ensure_private_dir(export_folder(), mark=False)
        path = unique_path(folder, f"{session.routine.id}-{now:%Y-%m-%d-%H%M%S}", ".md")
        return write_private(path, text)
    except FileSafetyError:
        raise
    except OSError as error:
        raise FileSafetyError(error.errno, swedish_reason(error)) from None
