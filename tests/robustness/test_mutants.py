"""A mutation fuzzer over the shipped routines: one bad file never breaks the others.

Each mutant is a shipped routine with one deterministic, seeded damage (a deleted or
duplicated line, a truncation, a wrong type, a huge number, deep nesting, a bad date or
deadline, invalid UTF-8, an unknown reference, …), placed alone in a user folder. For
every mutant: loading and validating never raise, every error names file:line, and
`samverkan list` still lists every shipped routine with the broken file named once.
Mutants that load must also survive `show` (with a path of answers), `export -f text`
(the whole routine, every branch) and `kontakter`.

Run in-process: 125 mutants in `make test` (every mutation of every shipped routine once,
and an oversized file), 500 in `make test-thorough`; ``SAMVERKAN_MUTANTS=2000`` runs more
(``tests/sweeps.py``).
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from samverkan_tui.cli.common import STATE
from samverkan_tui.core.base.problems import ERROR
from samverkan_tui.core.routine.catalog import load_catalog
from samverkan_tui.core.routine.loader import load_routine
from samverkan_tui.core.validation.validate import validate_file
from tests.conftest import CHECKLISTS
from tests.robustness.robust_helpers import crash_words, listed, run_cli
from tests.sweeps import sweep_size

SEED = 14_2026
COUNT = sweep_size("SAMVERKAN_MUTANTS", sample=125, thorough=500)
BASES = sorted(CHECKLISTS.glob("*.toml"))
TEXTS = {path.stem: path.read_text(encoding="utf-8") for path in BASES}
SHIPPED = {path.stem: load_routine(path).routine for path in BASES}
SHIPPED_IDS = {routine.id for routine in SHIPPED.values()}  # type: ignore[union-attr]
NOW = "2026-11-23T10:00"

_ASSIGNMENT = re.compile(r"^(\s*)([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$")
_STRING_OF = {
    key: re.compile(rf'^(\s*{key}\s*=\s*)"([^"]*)"', re.MULTILINE)
    for key in ("when", "deadline", "role", "phase", "fallback", "id", "answer", "question", "now")
}

Mutation = Callable[[str, random.Random], str | bytes]


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _assignments(text: str) -> list[int]:
    return [i for i, line in enumerate(_lines(text)) if _ASSIGNMENT.match(line)]


def _replace_value(text: str, rng: random.Random, value: str, key: str | None = None) -> str:
    """Set one ``key = …`` line (a random one, or one of ``key``) to ``value``."""
    lines = _lines(text)
    if key is not None:
        candidates = [i for i in _assignments(text) if _ASSIGNMENT.match(lines[i])[2] == key]
        if not candidates:  # the file has no such key: add one to the first table
            at = next(i for i, line in enumerate(lines) if line.startswith("version"))
            lines.insert(at + 1, f"{key} = {value}")
            return "\n".join(lines)
    else:
        candidates = _assignments(text)
    index = rng.choice(candidates)
    match = _ASSIGNMENT.match(lines[index])
    lines[index] = f"{match[1]}{match[2]} = {value}"
    return "\n".join(lines)


def _replace_string(text: str, rng: random.Random, key: str, new: Callable[[str], str]) -> str:
    matches = list(_STRING_OF[key].finditer(text))
    if not matches:
        return _replace_value(text, rng, f'"{new("x")}"', key)
    match = rng.choice(matches)
    return text[: match.start(2)] + new(match[2]) + text[match.end(2) :]


# -- the mutations ---------------------------------------------------------------------


def delete_line(text, rng):
    lines = _lines(text)
    del lines[rng.randrange(len(lines))]
    return "\n".join(lines)


def delete_block(text, rng):
    lines = _lines(text)
    start = rng.randrange(len(lines))
    del lines[start : start + rng.randint(2, 40)]
    return "\n".join(lines)


def truncate(text, rng):
    return text[: rng.randrange(len(text))]


def truncate_bytes(text, rng):  # may cut a UTF-8 sequence in half
    data = text.encode("utf-8")
    return data[: rng.randrange(len(data))]


def duplicate_key(text, rng):
    lines = _lines(text)
    index = rng.choice(_assignments(text))
    lines.insert(index + 1, lines[index])
    return "\n".join(lines)


def duplicate_table(text, rng):
    """Copy a whole ``[[steps]]``/``[[questions]]`` block: duplicate ids."""
    lines = _lines(text)
    headers = [i for i, line in enumerate(lines) if line.startswith("[[")]
    start = rng.choice(headers)
    end = next((i for i in headers if i > start), len(lines))
    return "\n".join(lines[:end] + lines[start:end] + lines[end:])


WRONG_VALUES = (
    "12",
    "true",
    '""',
    "[1, 2]",
    "{ a = 1 }",
    "2023-01-01",
    '"   "',
    "[]",
    "-7",
    "3.14",
    '["a", 1]',
    "{}",
    '"ja"',
    "[[1]]",
)


def wrong_type(text, rng):
    return _replace_value(text, rng, rng.choice(WRONG_VALUES))


HUGE = (
    "99999999999999999999",
    "9223372036854775807",
    "-9223372036854775808",
    "1e308",
    "inf",
    "nan",
    "0",
    "-1",
    "999999999",
)


def huge_number(text, rng):
    key = rng.choice([None, "review_interval_months", "format"])
    return _replace_value(text, rng, rng.choice(HUGE), key)


def huge_review_interval(text, rng):
    """A review interval far beyond any date, on a routine that has a revised date."""
    value = rng.choice(("999999999", "99999999999999999999", "121", "1200", "-1", "0"))
    lines = _lines(text)
    lines = [line for line in lines if not line.startswith(("revised", "review_interval_months"))]
    at = next(i for i, line in enumerate(lines) if line.startswith("version"))
    lines[at + 1 : at + 1] = ["revised = 2023-01-24", f"review_interval_months = {value}"]
    return "\n".join(lines)


def deep_nesting(text, rng):
    depth = rng.choice((51, 60, 399, 401, 1000, 5000))
    value = "[" * depth + "]" * depth if rng.random() < 0.5 else "{ a = " * depth + "1" + " }" * depth
    return _replace_value(text, rng, value, rng.choice([None, "units", "phases"]))


def deep_condition(text, rng):
    depth = rng.choice((51, 100, 990, 1000, 3000))
    style = rng.randrange(3)

    def new(old: str) -> str:
        if style == 0:
            return "inte " * depth + (old or "akut")
        if style == 1:
            return "(" * depth + (old or "akut") + ")" * depth
        return " och ".join([old or "akut"] * depth)  # long, flat: fine to parse

    return _replace_string(text, rng, "when", new)


BAD_DATES = (
    "9999-12-31",
    "0001-01-01",
    "1899-12-31",
    "2101-01-01",
    '"2023-02-30"',
    "2023-13-01",
    '"igår"',
    "2023-01-01T10:00:00",
    "1970-01-01",
)


def bad_date(text, rng):
    return _replace_value(text, rng, rng.choice(BAD_DATES), rng.choice(["revised", "adopted"]))


BAD_DEADLINES = (
    "inom 3000000 veckor",
    "inom 61 månader",
    "inom 99999999999999999999 dagar",
    "inom 1827 dagar",
    "inom -1 dagar",
    "imorgon",
    "inom tusen år",
    "",
    "inom 0 dagar",
    "inom 260 veckor",
)


def bad_deadline(text, rng):
    value = rng.choice(BAD_DEADLINES)
    return _replace_string(text, rng, "deadline", lambda _old: value)


def bad_time(text, rng):
    value = rng.choice(("2026-11-27T25:00", "9999-12-31T10:00", "0001-01-01T00:00", "nu", "2026-02-30T10:00"))
    if "now = " not in text:
        return _replace_value(text, rng, f'"{value}"')
    return _replace_string(text, rng, "now", lambda _old: value)


def bad_hours(text, rng):
    value = rng.choice(
        (
            '{ mon = "25:00-26:00" }',
            '{ mon = "16:00-08:00" }',
            '{ mån = "08:00-16:00" }',
            "{ mon = 8 }",
            '"08:00-16:00"',
            '{ mon = ["08:00-12:00", 5] }',
        )
    )
    if "hours = " not in text:
        return _replace_value(text, rng, value)
    return _replace_value(text, rng, value, "hours")


def invalid_utf8(text, rng):
    data = text.encode("utf-8")
    at = rng.randrange(len(data))
    return data[:at] + rng.choice((b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x80\x80")) + data[at:]


def unknown_reference(text, rng):
    kind = rng.choice(("role", "phase", "fallback", "when", "answer", "question", "contacts"))
    if kind == "when":
        return _replace_string(
            text,
            rng,
            "when",
            lambda old: rng.choice(("okand_fraga = ja", f"{old or 'akut'} och saknas", "akut = kanske")),
        )
    if kind == "contacts":
        return _replace_value(text, rng, '["finns-inte"]', "contacts")
    return _replace_string(text, rng, kind, lambda _old: "finns-inte")


def bad_condition_syntax(text, rng):
    value = rng.choice(
        (
            "akut och",
            "(akut",
            "akut)",
            "akut = ",
            "= ja",
            "akut i ()",
            "akut ??",
            "och eller inte",
            "akut i (ja",
            "inte",
            "akut == ja",
        )
    )
    return _replace_string(text, rng, "when", lambda _old: value)


def bad_id(text, rng):
    return _replace_string(
        text,
        rng,
        "id",
        lambda _old: rng.choice(("", "Stora Bokstäver", "med mellanslag", "a" * 500, "../../etc", "åäö")),
    )


def flip_character(text, rng):
    at = rng.randrange(len(text))
    return text[:at] + rng.choice("[]{}=\"#\\\n\t\x00'") + text[at + 1 :]


def swap_lines(text, rng):
    lines = _lines(text)
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return "\n".join(lines)


def remove_header(text, rng):
    lines = _lines(text)
    headers = [i for i, line in enumerate(lines) if line.startswith("[")]
    del lines[rng.choice(headers)]
    return "\n".join(lines)


def long_text(text, rng):
    return _replace_value(text, rng, '"' + "x" * rng.choice((10_000, 200_000)) + '"')


def valid_variant(text, rng):
    """Harmless changes that must still load: BOM, CRLF, trailing spaces."""
    choice = rng.randrange(3)
    if choice == 0:
        return "\ufeff" + text
    if choice == 1:
        return text.replace("\n", "\r\n")
    return "\n".join(line + "  " if line and not line.endswith("\\") else line for line in _lines(text))


def degenerate(text, rng):
    return rng.choice(
        (
            "",
            "\n\n",
            "# bara en kommentar\n",
            "format = 1\n",
            'id = "tom"\n',
            "[[steps]]\n",
            "\x00\x00",
            "[rutin]\n",
        )
    )


def oversized(text, rng):
    return text + "\n# " + "x" * (2 * 1024 * 1024 + rng.randrange(1000)) + "\n"


MUTATIONS: list[Mutation] = [
    delete_line, delete_block, truncate, truncate_bytes, duplicate_key, duplicate_table,
    wrong_type, huge_number, huge_review_interval, deep_nesting, deep_condition, bad_date,
    bad_deadline, bad_time, bad_hours, invalid_utf8, unknown_reference, bad_condition_syntax,
    bad_id, flip_character, swap_lines, remove_header, long_text, valid_variant, degenerate,
]  # fmt: skip


def mutant(index: int) -> tuple[str, str, bytes]:
    """Mutant ``index``: (mutation name, base routine, file content); the same every run."""
    rng = random.Random(SEED * 1_000_003 + index)
    if index % 100 == 99:  # a few oversized files; they are slow to write, not to refuse
        mutation: Mutation = oversized
    else:
        mutation = MUTATIONS[index % len(MUTATIONS)]
    base = BASES[(index // len(MUTATIONS)) % len(BASES)].stem
    content = mutation(TEXTS[base], rng)
    return mutation.__name__, base, content if isinstance(content, bytes) else content.encode("utf-8")


@pytest.fixture(scope="module")
def shipped_cache(tmp_path_factory) -> Path:
    """A routine cache holding only the shipped routines, parsed once for the module."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SAMVERKAN_CACHE", str(folder))
        load_catalog()
    return folder / "rutiner"


@pytest.fixture
def mutant_dir(tmp_path: Path, shipped_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # Each mutant starts from the shipped-only cache: a shared one would grow with every
    # mutant that loads, and reading it would slow every later run.
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    shutil.copytree(shipped_cache, cache / shipped_cache.name)
    monkeypatch.setenv("SAMVERKAN_CACHE", str(cache))
    folder = tmp_path / "egna"
    folder.mkdir()
    return folder


def _path_answers(routine) -> list[str]:
    """A complete walk, picking the first answer each time: ``--svar`` arguments."""
    from samverkan_tui.core.walk.plan import next_question

    answers: dict[str, str] = {}
    for _ in range(len(routine.questions) + 1):
        question = next_question(routine, answers)
        if question is None or not question.options:
            break
        answers[question.id] = question.options[0].value
    return [arg for q, v in answers.items() for arg in ("--svar", f"{q}={v}")]


def _assert_clean(code: int, out: str, err: str, what: str) -> None:
    assert not crash_words(err), f"{what}: {err}"
    assert code in (0, 1, 2), f"{what}: exit {code}"


@pytest.mark.parametrize("index", range(COUNT), ids=lambda i: f"m{i:04d}")
def test_mutant_is_isolated(index: int, mutant_dir: Path) -> None:
    name, base, content = mutant(index)
    path = mutant_dir / f"{base}-{name}.toml"
    path.write_bytes(content)
    label = f"mutant {index} ({name} of {base})"

    # Loading and validating never raise; every error names the file and a line.
    report = validate_file(path)
    for problem in report.problems:
        text = str(problem)
        assert not crash_words(text), f"{label}: {text}"
        assert problem.file == str(path), f"{label}: {text}"
        if problem.severity == ERROR:
            assert problem.line >= 1, f"{label}: no line in {text}"

    # `samverkan list`: every shipped routine, the broken file once with file:line.
    code, out, err = run_cli("--katalog", str(mutant_dir), "list")
    _assert_clean(code, out, err, f"{label}: list")
    assert code == 0, f"{label}: list exit {code}: {err}"
    for routine_id in SHIPPED_IDS:
        assert listed(out, routine_id), f"{label}: {routine_id} missing from list"

    # The catalog behind it keeps every shipped routine and names the broken file once.
    catalog = STATE._catalog
    assert catalog is not None and set(catalog.entries) >= SHIPPED_IDS, label
    mine = [p for p in catalog.problems if p.file == str(path)]
    routine = next((e.routine for e in catalog.entries.values() if e.path == path), None)
    if routine is None:
        assert len(mine) == 1 and mine[0].line >= 1, f"{label}: {mine}"
        assert not report.ok, f"{label}: validate passes a file the catalog refuses"
    else:
        assert not mine, label
    if routine is None:
        assert err.count(str(path)) == 1 and f"{path}:{mine[0].line}" in err, f"{label}: {err}"
        return

    # A mutant that loads must work in every command that shows it. One that loads to the
    # same routine as the shipped file (a comment or blank line lost, a BOM) is tested already.
    original = SHIPPED[base]
    if routine._replace(path=original.path, content_hash=original.content_hash) == original:
        return
    commands = [
        ["show", routine.id, *_path_answers(routine), "--now", NOW],
        ["export", routine.id, "-f", "text", "--now", NOW],
    ]
    if routine.contacts != original.contacts:
        commands.append(["kontakter", "--rutin", routine.id, "--now", NOW])
    for command in commands:
        code, out, err = run_cli("--katalog", str(mutant_dir), *command)
        _assert_clean(code, out, err, f"{label}: {' '.join(command[:2])}")
        assert code == 0 or not report.ok, f"{label}: {command[0]} exit {code}: {err}"
