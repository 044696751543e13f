"""Every step, general rule and warning of every shipped routine stands in its source document.

Extraction from PDF breaks lines and hyphenates words, and typographic quotes vary, so both
sides are compared with white space, hyphens and quote marks removed. That still catches a
paraphrase, an invented step or a changed word.
"""

from __future__ import annotations

import re

import pytest

from samverkan_tui.core.catalog import builtin_dir, routine_files
from samverkan_tui.core.loader import load_routine
from tests.conftest import SOURCES

_IGNORED = re.compile(r"[\s\-‐‑–—’'`´\"”“•]+")


def squash(text: str) -> str:
    return _IGNORED.sub("", text).lower()


ROUTINES = [load_routine(p).routine for p in routine_files(builtin_dir())]


@pytest.mark.parametrize("routine", ROUTINES, ids=lambda r: r.id)
def test_every_operative_sentence_is_in_the_source(routine) -> None:
    assert routine.source_file, "set source_file so the routine can be traced"
    source = squash((SOURCES / routine.source_file).read_text(encoding="utf-8"))
    missing = [
        f"{step.id}: {step.text}" for step in routine.steps if squash(step.text) not in source
    ]
    missing += [rule for rule in routine.general_rules if squash(rule) not in source]
    assert missing == []
