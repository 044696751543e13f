"""Which exercises a trainee has done: kept between sittings, so the list's ticks survive.

Only the exercise ids and the answers given are stored (fictional cases, no person);
the grade is computed again from them, so a corrected routine grades fairly.
The file is the user's only (0600) and replaced whole, never half-written.
"""

from __future__ import annotations

import json
from pathlib import Path

FILE_NAME = "ovningar.json"


def load_progress(folder: Path) -> dict[str, dict[str, str]]:
    """``{"routine/exercise": {question: answer}}``; empty when nothing is stored or the
    file cannot be read (progress is a convenience, never a reason to fail)."""
    try:
        data = json.loads((folder / FILE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
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
    from samverkan_tui.core.base.files import write_private

    write_private(
        folder / FILE_NAME,
        json.dumps(progress, ensure_ascii=False, indent=1, sort_keys=True),
        make_folder=True,
    )
