"""Akut in the follow-up comes from the routine's own declaration (`urgent_answer`), never
from a question id the code knows."""

from __future__ import annotations

from pathlib import Path

from samverkan_tui.core.routine.loader import load_routine
from samverkan_tui.core.routine.model import Routine
from samverkan_tui.core.walk.session import WalkSession
from samverkan_tui.steplog.report import desk_aggregate
from samverkan_tui.steplog.stats import walk_statistics
from samverkan_tui.steplog.store import StepLog
from tests.steplog.helpers import START, at, routine

ROUTINE_TEXT = """\
format = 2
id = "brak"
title = "Testrutin"
version = "1"
units = ["Enhet A"]
source = "Påhittad källa"

[[roles]]
id = "a"
name = "Enhet A"

[[phases]]
id = "inledning"
name = "Inledning"

[[questions]]
id = "bradska"
type = "val"
text = "Hur bråttom är det?"
urgent_answer = "samma_dag"
options = [
    { value = "samma_dag", label = "Samma dag", phrase = "det brådskar" },
    { value = "senare", label = "Det kan vänta", phrase = "det kan vänta" },
]

[[questions]]
id = "akut"
text = "Finns det barn i hushållet?"

[[sections]]
id = "start"
title = "Start"
phase = "inledning"
role = "a"

[[steps]]
id = "s1"
section = "start"
text = "Gör något."
"""


def load(tmp_path: Path, text: str, name: str = "brak.toml") -> Routine:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = load_routine(path)
    assert result.routine is not None, [str(p) for p in result.problems]
    return result.routine


def store(folder: Path, routine_: Routine, answers: list[dict[str, str]]) -> None:
    with StepLog.open(folder, retention_days=100_000) as log:
        for i, given in enumerate(answers):
            walk = WalkSession(routine_, at(i))
            log.start(walk)
            for question, value in given.items():
                walk.answer(question, value, at(i + 0.5))


def stats(folder: Path, routines: dict[str, Routine]):
    with StepLog.open(folder, retention_days=100_000) as log:
        [only] = walk_statistics(log.connection(), routines=routines)
        return only


# The "akut" question (here about children) answered ja in every walk: it must not count.
WALKS = [
    {"bradska": "samma_dag", "akut": "ja"},
    {"bradska": "samma_dag", "akut": "ja"},
    {"bradska": "senare", "akut": "ja"},
    {"akut": "ja"},
]


def test_the_declared_question_counts_whatever_its_id(tmp_path: Path) -> None:
    declared = load(tmp_path, ROUTINE_TEXT)
    assert declared.urgent_question is not None and declared.urgent_question.id == "bradska"
    store(tmp_path / "log", declared, WALKS)
    found = stats(tmp_path / "log", {declared.id: declared})
    assert (found.walks, found.akut) == (4, 2)
    # The follow-up report protects the figure but takes it from the same place.
    with StepLog.open(tmp_path / "log", retention_days=100_000) as log:
        [report] = desk_aggregate(
            log.connection(), START.date(), START.date(), {declared.id: declared}, 2
        ).routines
    assert report.akut is not None and report.akut.exact == 2


def test_a_routine_that_declares_nothing_gets_no_akut_split(tmp_path: Path) -> None:
    silent = load(tmp_path, ROUTINE_TEXT.replace('urgent_answer = "samma_dag"\n', ""))
    assert silent.urgent_question is None and silent.question("akut") is not None
    store(tmp_path / "log", silent, WALKS)
    assert stats(tmp_path / "log", {silent.id: silent}).akut is None
    assert stats(tmp_path / "log", {}).akut is None  # nor once the routine is gone


def test_the_log_keeps_what_was_declared_at_walk_time(tmp_path: Path) -> None:
    declared = load(tmp_path, ROUTINE_TEXT)
    store(tmp_path / "log", declared, WALKS)
    assert stats(tmp_path / "log", {}).akut == 2  # the routine removed from the catalog
    revised = load(tmp_path, ROUTINE_TEXT.replace('urgent_answer = "samma_dag"\n', ""), "ny.toml")
    assert stats(tmp_path / "log", {revised.id: revised}).akut == 2  # or no longer declaring it


def test_the_shipped_routines_declare_akut_where_they_ask_it() -> None:
    declared = {
        rid: (q.id, q.urgent_answer) if (q := routine(rid).urgent_question) else None
        for rid in (
            "rvt-bou",
            "botkyrka-forskola-skola",
            "ekero-vald-i-nara-relation",
            "vasterbotten-sexuell-beteendeproblematik",
        )
    }
    # The same question and answer the log counted before routines declared it, so walks
    # stored by earlier versions count as they did.
    assert declared == {
        "rvt-bou": ("akut", "ja"),
        "botkyrka-forskola-skola": ("akut", "ja"),
        "ekero-vald-i-nara-relation": None,
        "vasterbotten-sexuell-beteendeproblematik": None,
    }


def test_the_declaration_is_checked_when_the_file_loads(tmp_path: Path) -> None:
    wrong = tmp_path / "fel.toml"
    wrong.write_text(ROUTINE_TEXT.replace('urgent_answer = "samma_dag"', 'urgent_answer = "snart"'), "utf-8")
    [problem] = load_routine(wrong).problems
    assert "`bradska` har inget sådant svar" in str(problem) and "samma_dag, senare" in str(problem)
    assert str(problem).startswith(f"{wrong}:20:")  # the line of urgent_answer
    two = tmp_path / "tva.toml"
    two.write_text(
        ROUTINE_TEXT.replace(
            'text = "Finns det barn i hushållet?"\n',
            'text = "Finns det barn i hushållet?"\nurgent_answer = "ja"\n',
        ),
        "utf-8",
    )
    [problem] = load_routine(two).problems
    assert "både `bradska` och `akut` anger urgent_answer" in str(problem)
