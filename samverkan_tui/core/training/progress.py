"""Which exercises a trainee has done: kept between sittings, so the list's ticks survive.

Only the exercise ids and the answers given are stored (fictional cases, no person);
the grade is computed again from them, so a corrected routine grades fairly.
The file is the user's only (0600) and replaced whole, never half-written; each result
is merged into what is stored (``record_progress``), so a sitting never drops another's.
"""

from __future__ import annotations

import json
from pathlib import Path

FILE_NAME = "ovningar.json"


def load_progress(folder: Path) -> dict[str, dict[str, str]]:
    """``{"routine/exercise": {question: answer}}``; empty when nothing is stored or the
    file cannot be read (progress is a convenience, never a reason to fail)."""
    from samverkan_tui.core.base.input_files import read_input_text

    try:
        data = json.loads(read_input_text(folder / FILE_NAME))
    except (OSError, ValueError):  # InputFileError is an OSError
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        key: {str(q): str(a) for q, a in answers.items()}
        for key, answers in data.items()
        if isinstance(key, str) and isinstance(answers, dict)
    }


def save_progress(folder: Path, progress: dict[str, dict[str, str]]) -> None:
    """Write atomically and privately (``core.base.files``); raises OSError when the folder
    cannot be written."""
    from samverkan_tui.core.base.files import write_private

    text = json.dumps(progress, ensure_ascii=False, indent=1, sort_keys=True)
    write_private(folder / FILE_NAME, text, make_folder=True)


def record_progress(folder: Path, key: str, answers: dict[str, str]) -> None:
    """Store one exercise's answers, keeping every other exercise's as stored.

    A sitting knows only the exercises it shows (one routine's, when opened for one
    routine) and the ones it could grade, so writing its own list whole lost the rest:
    progress of another routine, or of an exercise whose routine changed since. It merges
    into what is on disk instead."""
    progress = load_progress(folder)
    progress[key] = dict(answers)
    save_progress(folder, progress)
