"""The complete example in docs/checklist-format.md loads, validates clean and says what the
document says it says: the people who write routines copy it."""

from __future__ import annotations

from pathlib import Path

from samverkan_tui.core.clock import parse_now
from samverkan_tui.core.deadlines import due_line
from samverkan_tui.core.validate import validate_file
from samverkan_tui.core.walk import build_plan

DOC = Path(__file__).resolve().parent.parent / "docs" / "checklist-format.md"


def test_the_documented_example_validates_and_gives_the_documented_line(tmp_path: Path) -> None:
    text = DOC.read_text(encoding="utf-8")
    example = text[text.index("```toml") + len("```toml") :]
    example = example[: example.index("```")]
    path = tmp_path / "exempel.toml"
    path.write_text(example, encoding="utf-8")
    report = validate_file(path)
    assert [str(p) for p in report.problems] == []
    routine = report.routine
    plan = build_plan(
        routine, {"akut": "nej"}, parse_now("2026-11-23T10:00"), {"anmalan": parse_now("2026-11-20T09:00")}
    )
    line = due_line(plan.steps[0])
    assert line in " ".join(text.replace("*", "").split())
