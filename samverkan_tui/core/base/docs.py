"""Where the shipped documentation is: inside the wheel, or the repo's docs/ in a checkout.

The wheel carries docs/ as ``samverkan_tui/docs`` (pyproject.toml, force-include), so the
people who write routines find the format guide in an installed copy too.
"""

from __future__ import annotations

from pathlib import Path

FORMAT_GUIDE = "checklist-format.md"


def docs_dir() -> Path:
    """The documentation folder: inside the wheel, or the repo's docs/ in a development install."""
    packaged = Path(__file__).resolve().parents[2] / "docs"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "docs"


def format_guide_path() -> Path:
    """The routine file format's guide (docs/checklist-format.md), for the CLI to print."""
    return docs_dir() / FORMAT_GUIDE
