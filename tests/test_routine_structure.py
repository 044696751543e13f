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
