"""`samverkan jämför` and changes_for_walk: what changed between two versions of a routine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from samverkan_tui.core.manage.compare import (
    CHANGED_SINCE_START,
    changes_for_walk,
    compare_routines,
    comparison_markdown,
    comparison_text,
    word_diff,
)
from samverkan_tui.core.routine.loader import load_routine
from tests.conftest import CHECKLISTS, shipped
from tests.conftest import run_cli as run


def edited(tmp_path: Path, name: str, *replacements: tuple[str, str]) -> Path:
    text = (CHECKLISTS / name).read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def changed(tmp_path: Path) -> Path:
    return edited(
        tmp_path,
        "rvt-bou.toml",
        (
            'text = "RVT kontaktar klienten och bokar möte inom en vecka."',
            'text = "RVT kontaktar klienten och bokar möte inom två veckor."',
        ),
        ('phones = ["08-508 03 310"]', 'phones = ["08-508 03 399"]'),
        # A new id, the same wording: matched by text, reported as a new id.
        ('id = "sikt-bou-3"', 'id = "sikt-bou-tre"'),
        # The unconditional item now only when the answer says so.
        (
            'id = "rvt-in-bou-akut-1"\nsection = "rvt-bou-akut"\n',
            'id = "rvt-in-bou-akut-1"\nsection = "rvt-bou-akut"\nwhen = "skyddsbehov = ja"\n',
        ),
        # Removed entirely.
        (
            '[[steps]]\nid = "bou-in-rvt-akut-3"\nsection = "bou-rvt-akut"\n'
            'text = "RVT placerar vid behov på skyddat boende."\n',
            "",
        ),
    )


def test_the_comparison_names_each_kind_of_change(changed: Path) -> None:
    old, new = shipped("rvt-bou"), load_routine(changed).routine
    comparison = compare_routines(old, new)
    text = comparison_text(comparison)
    assert "Omformulerad: bou-in-rvt-ejakut-2" in text
    assert "inom [-en vecka.-] {+två veckor.+}" in text
    assert "Nytt id: sikt-bou-3 heter nu sikt-bou-tre" in text
    assert "Borttagen: bou-in-rvt-akut-3" in text
    assert "RVT:s beredskap: telefon 08-508 03 310 → 08-508 03 399" in text
    condition = next(c for c in comparison.changes if c.kind == "villkor")
    assert condition.text.startswith("Villkor: rvt-in-bou-akut-1 gällde när ärendet har inkommit till RVT")
    assert (
        "gäller nu när" in condition.text and "råder skyddsbehov" in condition.text.lower()
    ) or "skyddsbehov" in condition.text
    assert "## Omformulerade punkter" in comparison_markdown(comparison)


def test_conditions_that_now_always_hold_say_so(tmp_path: Path) -> None:
    path = edited(
        tmp_path,
        "rvt-bou.toml",
        (
            'id = "rvt-in-bou-akut-2"\nsection = "rvt-bou-akut"\n'
            'when = "utredning i (forhandsbedomning, ingen)"\n',
            'id = "rvt-in-bou-akut-2"\nsection = "rvt-bou-akut"\n',
        ),
    )
    comparison = compare_routines(shipped("rvt-bou"), load_routine(path).routine)
    [change] = [c for c in comparison.changes if c.kind == "villkor"]
    assert "gäller nu när ärendet har inkommit till RVT" in change.text  # only the section's now
    assert "gällde när" in change.text


def test_a_moved_item_and_a_deadline_change(tmp_path: Path) -> None:
    path = edited(tmp_path, "rvt-bou.toml", ('deadline = "inom en vecka"', 'deadline = "inom två veckor"'))
    comparison = compare_routines(shipped("rvt-bou"), load_routine(path).routine)
    [change] = [c for c in comparison.changes if c.kind == "tidsfrist"]
    assert "inom en vecka" in change.text and "inom två veckor" in change.text


def test_the_same_routine_is_unchanged() -> None:
    comparison = compare_routines(
        shipped("ekero-vald-i-nara-relation"), shipped("ekero-vald-i-nara-relation")
    )
    assert comparison.unchanged
    assert "Inga skillnader" in comparison_text(comparison)


def test_word_diff() -> None:
    assert word_diff("a b c", "a x c") == "a [-b-] {+x+} c"


def test_changes_for_walk_without_the_old_routine_names_the_missing_steps() -> None:
    new = shipped("rvt-bou")
    lines = changes_for_walk(None, new, ["rvt-in-rvt-akut-1", "finns-inte-1"])
    assert lines[0] == CHANGED_SINCE_START + "."
    assert "finns-inte-1" in lines[1] and "rvt-in-rvt-akut-1" not in lines[1]


def test_changes_for_walk_with_the_old_routine_lists_the_walks_items(changed: Path) -> None:
    old, new = shipped("rvt-bou"), load_routine(changed).routine
    lines = changes_for_walk(old, new, ["bou-in-rvt-ejakut-2", "bou-in-rvt-akut-3", "sikt-rvt-1"])
    assert lines[0].startswith(CHANGED_SINCE_START)
    assert any("Omformulerad: bou-in-rvt-ejakut-2" in line for line in lines)
    assert any("Borttagen: bou-in-rvt-akut-3" in line for line in lines)
    assert not any("sikt-rvt-1" in line for line in lines)  # unchanged items are not mentioned
    assert changes_for_walk(old, old, ["sikt-rvt-1"]) == []


def test_cli_compares_a_file_with_the_shipped_routine(capsys, changed: Path) -> None:
    code, out, _ = run(capsys, "jämför", str(changed))
    assert code == 0 and "Omformulerad" in out
    code, out, _ = run(capsys, "jamfor", str(CHECKLISTS / "rvt-bou.toml"), str(changed), "--format", "json")
    data = json.loads(out)
    assert code == 0 and not data["unchanged"]
    assert {c["kind"] for c in data["changes"]} >= {"omformulerad", "borttagen", "kontakt", "villkor"}
    code, out, _ = run(capsys, "jämför", str(changed), "-f", "md")
    assert code == 0 and out.startswith("# Jämförelse av rvt-bou")


def test_cli_bad_input_exit_2(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "jämför", str(tmp_path / "saknas.toml"))
    assert code == 2 and err.count("\n") == 1
    own = tmp_path / "egen.toml"
    own.write_text(
        (CHECKLISTS / "rvt-bou.toml")
        .read_text(encoding="utf-8")
        .replace('id = "rvt-bou"', 'id = "egen-rutin"', 1),
        encoding="utf-8",
    )
    code, _, err = run(capsys, "jämför", str(own))
    assert code == 2 and "ingen inbyggd rutin" in err
