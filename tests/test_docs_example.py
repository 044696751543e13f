"""The complete example in docs/checklist-format.md loads, validates clean and says what the
document says it says: the people who write routines copy it."""

from __future__ import annotations

from pathlib import Path

from samverkan_tui.core.base.clock import parse_now
from samverkan_tui.core.validation.validate import validate_file
from samverkan_tui.core.walk.due_text import due_line
from samverkan_tui.core.walk.plan import build_plan

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


def test_the_readme_visa_example_prints_what_the_readme_shows(capsys) -> None:
    from tests.conftest import run_cli

    readme = (DOC.parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### `samverkan visa ID") :]
    command = section[section.index("```sh") + 5 :]
    command = command[: command.index("```")].replace("\\\n", " ").split()
    shown = section[section.index("ger bland annat") :]
    shown = shown[shown.index("```") + 3 :]
    shown = shown[: shown.index("```")]
    assert command[0] == "samverkan"
    code, out, err = run_cli(capsys, *command[1:])
    assert code == 0, err
    assert " ".join(shown.split()) in " ".join(out.split())
