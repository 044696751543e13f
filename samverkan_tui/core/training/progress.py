"""Which exercises a trainee has done: kept between sittings, so the list's ticks survive.

Only the exercise ids and the answers given are stored (fictional cases, no person);
the grade is computed again from them, so a corrected routine grades fairly.
The file is the user's only (0600) and replaced whole, never half-written.
"""

from __future__ import annotations

import json
import os
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
    """Write atomically and privately; raises OSError when the folder cannot be written."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = folder / FILE_NAME
    temporary = folder / f".{FILE_NAME}.{os.getpid()}.tmp"
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(progress, handle, ensure_ascii=False, indent=1, sort_keys=True)
    os.replace(temporary, target)
