"""Every shipped routine, walked every way: the plan keeps the source's order and sections."""

from __future__ import annotations

import pytest

from samverkan_tui.core.base.clock import parse_now
from samverkan_tui.core.routine.catalog import builtin_dir, routine_files
from samverkan_tui.core.routine.loader import load_routine
from samverkan_tui.core.validation.validate import validate_file
from samverkan_tui.core.walk.plan import build_plan, enumerate_paths

ROUTINES = [load_routine(p).routine for p in routine_files(builtin_dir())]
NOW = parse_now("2026-11-23T10:00")


@pytest.mark.parametrize("routine", ROUTINES, ids=lambda r: r.id)
def test_every_path_keeps_file_order_within_and_across_sections(routine) -> None:
    position = {step.id: index for index, step in enumerate(routine.steps)}
    section_order = {section.id: index for index, section in enumerate(routine.sections)}
    for answers in enumerate_paths(routine):
        plan = build_plan(routine, answers, NOW)
        ids = [p.id for p in plan.steps]
        assert ids == sorted(ids, key=position.__getitem__), answers
        listed = [p.id for part in plan.sections for p in part.steps]
        assert listed == ids, answers  # the sections hold the same items, in the same order
        orders = [
            section_order[part.section.id] for part in plan.sections if part.section and not part.continued
        ]
        assert orders == sorted(orders), answers


@pytest.mark.parametrize("routine", ROUTINES, ids=lambda r: r.id)
def test_shipped_routine_validates_without_warnings(routine) -> None:
    report = validate_file(routine.path)
    assert [str(p) for p in report.problems] == []


# -- Reference text (issue 24): the whole routine only, never a plan ------------------------

_SMALL = """format = 2
id = "liten"
title = "Liten rutin"
version = "1"
units = ["A"]
source = "Källa"

[[roles]]
id = "a"
name = "A"

[[phases]]
id = "p"
name = "P"

[[questions]]
id = "akut"
text = "Är det akut?"

[[sections]]
id = "bakgrund"
title = "Bakgrund"
phase = "p"
role = "a"
reference = true
{section_extra}

[[sections]]
id = "under"
title = "Under bakgrunden"
parent = "bakgrund"

[[steps]]
id = "bakgrund-1"
section = "under"
kind = "information"
text = "Bakgrunden."
{item_extra}

[[sections]]
id = "gor"
title = "Gör"
phase = "p"
role = "a"

[[steps]]
id = "gor-1"
section = "gor"
when = "akut"
text = "Ring."

[[steps]]
id = "gor-2"
section = "gor"
text = "Skriv."

[[steps]]
id = "gor-3"
section = "gor"
kind = "definition"
reference = true
text = "Ett ord."
"""


def _small(tmp_path, section_extra: str = "", item_extra: str = ""):
    path = tmp_path / "liten.toml"
    path.write_text(_SMALL.format(section_extra=section_extra, item_extra=item_extra), encoding="utf-8")
    return path


def test_reference_text_is_inherited_and_never_in_a_plan(tmp_path) -> None:
    path = _small(tmp_path)
    report = validate_file(path)
    assert [str(p) for p in report.problems] == []
    routine = load_routine(path).routine
    assert routine.section("under").reference  # inherited from "Bakgrund"
    assert [s.id for s in routine.steps if s.reference] == ["bakgrund-1", "gor-3"]
    for answers in ({"akut": "ja"}, {"akut": "nej"}):
        assert [p.id for p in build_plan(routine, answers, NOW).steps] == (
            ["gor-1", "gor-2"] if answers["akut"] == "ja" else ["gor-2"]
        )


@pytest.mark.parametrize(
    ("section_extra", "item_extra", "key"),
    [
        ('when = "akut"', "", "when"),
        ("", 'when = "akut"', "when"),
        ("", 'deadline = "samma dag"\ndeadline_from = "x"', "deadline"),
        ("", 'kind = "åtgärd"', "kind"),
    ],
    ids=["section-when", "item-when", "deadline", "tick-box"],
)
def test_reference_text_cannot_be_walked(tmp_path, section_extra: str, item_extra: str, key: str) -> None:
    """Reference text has no condition, deadline or tick box; `validate` says so in Swedish."""
    text = _SMALL.format(section_extra=section_extra, item_extra=item_extra)
    if key == "kind":
        text = text.replace(
            'kind = "information"\ntext = "Bakgrunden."\nkind = "åtgärd"',
            'kind = "åtgärd"\ntext = "Bakgrunden."',
        )
    path = tmp_path / "liten.toml"
    path.write_text(text, encoding="utf-8")
    messages = [str(p) for p in validate_file(path).problems if p.severity == "fel"]
    assert any("källtext (reference)" in m and key in m for m in messages), messages
