"""Loading and validating routine files: every error names the file, the line and a fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from samverkan_tui.core.validation.validate import validate_file
from tests.conftest import REPO

GOOD = (REPO / "tests" / "data" / "liten.toml").read_text(encoding="utf-8")


def line_of(text: str, fragment: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(fragment)


def check(tmp_path: Path, text: str):
    path = tmp_path / "rutin.toml"
    path.write_text(text, encoding="utf-8")
    return validate_file(path)


def test_the_small_routine_is_valid(tmp_path: Path) -> None:
    report = check(tmp_path, GOOD)
    assert report.problems == []
    assert report.routine is not None
    assert report.routine.review_due().isoformat() == "2026-01-10"


# Each case: (replace this, with that) → a problem on the line containing `at`, whose
# message contains `message` and whose hint contains `hint`.
CASES = {
    "near-miss question in a condition": (
        'when = "akut = nej och barn"',
        'when = "akt = nej och barn"',
        "akt = nej",
        "okänd fråga `akt`",
        "menade du `akut`?",
    ),
    "unknown answer": (
        'when = "akut = nej"',
        'when = "akut = nja"',
        "akut = nja",
        "okänt svar `nja`",
        "menade du `ja`?",
    ),
    "unknown role": (
        'role = "a"\nphase = "inledande"\ntext = "Dokumentera."',
        'role = "b"\nphase = "inledande"\ntext = "Dokumentera."',
        'role = "b"',
        "okänd roll `b`",
        "`a`",
    ),
    "unknown contact": (
        'contacts = ["mottagningen"]',
        'contacts = ["mottagning"]',
        'contacts = ["mottagning"]',
        "okänd kontakt",
        "menade du `mottagningen`?",
    ),
    "unknown fallback": (
        'fallback = "jouren"',
        'fallback = "jour"',
        'fallback = "jour"',
        "okänd reservkontakt",
        "`jouren`",
    ),
    "unknown key": (
        'deadline = "samma dag"',
        'dedline = "samma dag"',
        "dedline",
        "okänd nyckel `dedline`",
        "menade du `deadline`?",
    ),
    "wrong type": ('version = "1"', "version = 1", "version = 1", "`version` ska vara text", "citattecken"),
    "bad deadline": (
        'deadline = "samma dag"',
        'deadline = "snart"',
        'deadline = "snart"',
        "okänd tidsfrist",
        "inom en vecka",
    ),
    "bad condition syntax": (
        'when = "akut"',
        'when = "akut och"',
        'when = "akut och"',
        "går inte att läsa",
        "till exempel",
    ),
    "bad hours": (
        'mon = "08:30-16:00"',
        'mon = "16:00-08:30"',
        "16:00-08:30",
        "ogiltig tid",
        "start före slut",
    ),
    "unknown weekday": ("mon = ", "man = ", "man = ", "okänd veckodag `man`", "`mon`"),
    "duplicate step id": ('id = "s-alltid"', 'id = "s-akut"', 'id = "s-akut"', "finns redan", "unikt"),
    "question depends on a later one": (
        'when = "akut = nej"',
        'when = "barn = nej"',
        'when = "barn = nej"',
        "ställs senare",
        "före",
    ),
    "bad date": ("adopted = 2025-01-10", 'adopted = "10 jan"', "adopted", "ska vara ett datum", "2023-01-24"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_problem_points_at_the_line_with_a_fix(tmp_path: Path, name: str) -> None:
    old, new, at, message, hint = CASES[name]
    assert old in GOOD
    if name == "duplicate step id":
        text = GOOD.replace(old, new)
        expected_line = [i for i, line in enumerate(text.splitlines(), 1) if 'id = "s-akut"' in line][1]
    else:
        text = GOOD.replace(old, new, 1)
        expected_line = line_of(text, at.splitlines()[0])
    report = check(tmp_path, text)
    assert not report.ok
    matching = [p for p in report.problems if message in p.message]
    assert matching, [str(p) for p in report.problems]
    problem = matching[0]
    assert problem.line == expected_line, str(problem)
    assert hint in problem.hint, str(problem)
    assert str(problem).startswith(f"{tmp_path / 'rutin.toml'}:{expected_line}")


def test_condition_error_has_a_column(tmp_path: Path) -> None:
    report = check(tmp_path, GOOD.replace('when = "akut"', 'when = "akut = = ja"'))
    problem = next(p for p in report.problems if "går inte att läsa" in p.message)
    # `when = "akut = = ja"`: the second '=' is at column 16 of the line.
    assert problem.column == 16


def test_toml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    report = check(tmp_path, GOOD.replace('title = "Liten testrutin"', 'title = "Liten testrutin'))
    assert [p.line for p in report.problems] == [3]
    assert "TOML-syntaxfel" in report.problems[0].message


def test_missing_required_field(tmp_path: Path) -> None:
    report = check(
        tmp_path,
        GOOD.replace(
            'role = "a"\nphase = "inledande"\ntext = "Dokumentera."',
            'phase = "inledande"\ntext = "Dokumentera."',
        ),
    )
    problem = next(p for p in report.problems if "saknar `role`" in p.message)
    assert problem.line == line_of(GOOD, 'id = "s-alltid"') - 1  # the [[steps]] header


def test_empty_plan_is_found_by_enumerating_every_path(tmp_path: Path) -> None:
    text = GOOD.replace('text = "Dokumentera."', 'text = "Dokumentera."\nwhen = "akut"')
    text = text.replace('when = "akut"\nrole', 'when = "akut = nej och barn = nej och akut"\nrole', 1)
    report = check(tmp_path, text)
    assert any("ger en tom plan" in p.message and "akut=ja" not in p.message for p in report.problems), [
        str(p) for p in report.problems
    ]


def test_unreachable_question_and_step(tmp_path: Path) -> None:
    text = GOOD.replace('when = "akut = nej"', 'when = "akut = nej och akut = ja"')
    report = check(tmp_path, text)
    messages = [p.message for p in report.problems]
    assert "frågan `barn` ställs aldrig" in messages
    assert "steget `s-barn` kommer aldrig med i någon plan" in messages


def test_undecidable_condition_is_a_warning_once(tmp_path: Path) -> None:
    text = GOOD.replace('when = "akut = nej och barn"', 'when = "barn"')
    report = check(tmp_path, text)
    warnings = [p for p in report.problems if p.severity == "varning"]
    assert report.ok
    assert len(warnings) == 1 and "kan inte avgöras" in warnings[0].message


def test_not_utf8_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(GOOD.replace("Är", "\xc4r").encode("latin-1"))
    assert "UTF-8" in validate_file(path).problems[0].message
    assert "kan inte läsa" in validate_file(tmp_path / "saknas.toml").problems[0].message


def test_shipped_routines_are_clean() -> None:
    for path in sorted((REPO / "checklists").glob("*.toml")):
        report = validate_file(path)
        assert report.problems == [], [str(p) for p in report.problems]


def test_json_schema_accepts_every_shipped_routine_and_rejects_a_typo() -> None:
    import json
    import tomllib

    import jsonschema

    from samverkan_tui.core.routine.schema import json_schema

    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    def as_json(data):
        return json.loads(json.dumps(data, default=str))

    for path in sorted((REPO / "checklists").glob("*.toml")):
        data = as_json(tomllib.loads(path.read_text(encoding="utf-8")))
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], (path.name, errors)
    broken = as_json(tomllib.loads(GOOD.replace("deadline =", "dedline =")))
    assert list(validator.iter_errors(broken))
