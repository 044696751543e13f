"""`samverkan utkast`: a first draft of a routine file from a source text.

The coverage measure (per shipped source): for each item of the shipped routine, find the
draft item with the same text (squashed: letters, digits and § only, lower case, a
bracketed insertion such as "[och]" left out, since the routine marks it as not the
source's) and check that its draft section's title matches the shipped item's section
title (each part of the shipped title between "…" omissions stands in the draft title,
in order). What the draft cannot reach, and why, is in the comments at ``EXPECTED``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from samverkan_tui.core.draft import build_draft, draft_toml, question_from_phrase, traceability_report
from samverkan_tui.core.loader import load_routine
from samverkan_tui.core.source_text import sentences
from samverkan_tui.core.validate import validate_file
from tests.conftest import CHECKLISTS, SOURCES
from tests.conftest import run_cli as run

# The share of the shipped routine's items the draft places in the same section, per
# source; asserted as a floor. Below 0.9, the reasons (all are editorial choices in the
# shipped routine that no layout rule can see):
EXPECTED = {
    "rvt-bou": 0.9,  # 47/48: "Om skyddsbehov råder …" was moved by hand to BoU's section.
    "ekero-vald-i-nara-relation": 0.9,  # 84/91
    # 70/89. The shipped file splits and merges sentences by meaning ("Anmäl skriftligt.
    # Använd checklistan för anmälan" is one item; a lead-in list "Det sker i samband med
    # att" is its own section), reuses the same sentences in a second section ("Vid akut
    # oro – … komplettera sedan med den skrivna anmälan"), and places the mottagningsgrupp
    # paragraphs under headings that in the PDF extraction come after the text (page
    # layout); the draft keeps the extraction's order.
    "botkyrka-forskola-skola": 0.78,
    # 28/37. The shipped file splits "Erbjuda behandling vid behov (BUP ansvariga …)" and
    # "Krisstöd … (Primärvården i första hand, BUP …)" into two items each by who does it,
    # splits "Stödinsatser enligt SoL alt. ansökan om vård enl. LVU" in two, makes a section
    # of the paragraph "Alla som arbetar inom skola … skyldiga enligt lag att anmäla …"
    # (the source gives it no heading), and "Samordna arbetet med andra myndigheter" has
    # no full stop, so it reads as a heading.
    "vasterbotten-sexuell-beteendeproblematik": 0.75,
}


def squash(text: str) -> str:
    text = re.sub(r"\[[^\]]*\]", "", text)
    return re.sub(r"[^\w§]+", "", text.replace("’s", "s").replace(":s", "s")).lower()


def title_matches(shipped_title: str, draft_title: str) -> bool:
    target, position = squash(draft_title), 0
    for fragment in (squash(part) for part in shipped_title.split("…")):
        if not fragment:
            continue
        found = target.find(fragment, position)
        if found < 0:
            return False
        position = found + len(fragment)
    return True


def coverage(routine_id: str) -> tuple[int, int]:
    routine = load_routine(CHECKLISTS / f"{routine_id}.toml").routine
    draft = build_draft((SOURCES / routine.source_file).read_text(encoding="utf-8"), routine.source_file)
    by_text: dict[str, list] = {}
    for item in draft.items:
        by_text.setdefault(squash(item.text), []).append(item)
    placed = 0
    for step in routine.steps:
        title = routine.section(step.section).title
        placed += any(
            title_matches(title, draft.section(i.section).title) for i in by_text.get(squash(step.text), [])
        )
    return placed, len(routine.steps)


@pytest.mark.parametrize("routine_id", sorted(EXPECTED))
def test_the_draft_places_the_shipped_items_in_their_sections(routine_id: str) -> None:
    placed, total = coverage(routine_id)
    share = placed / total
    print(f"\nutkast {routine_id}: {placed}/{total} = {share:.2f}")
    assert share >= EXPECTED[routine_id]


def resolve_todos(text: str) -> str:
    """What a person does with the draft's TODOs: names for the placeholders, comments gone."""
    text = re.sub(r'"TODO:[^"]*"', '"Bestämt av enhetschefen"', text)
    return (
        "\n".join(line.split("  # TODO")[0] for line in text.splitlines() if not line.startswith("# TODO"))
        + "\n"
    )


@pytest.mark.parametrize("source", sorted(p.name for p in SOURCES.glob("*.txt")))
def test_every_draft_loads_and_validates_after_resolving_its_todos(source: str, tmp_path: Path) -> None:
    draft = build_draft((SOURCES / source).read_text(encoding="utf-8"), source)
    text = draft_toml(draft)
    path = tmp_path / "utkast.toml"
    path.write_text(text, encoding="utf-8")
    report = validate_file(path)
    assert report.ok, [str(p) for p in report.problems]
    assert "TODO" in text
    path.write_text(resolve_todos(text), encoding="utf-8")
    report = validate_file(path)
    assert report.ok and report.problems == [], [str(p) for p in report.problems]
    assert "TODO" not in "\n".join(
        line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    )


@pytest.mark.parametrize("source", sorted(p.name for p in SOURCES.glob("*.txt")))
def test_the_report_says_where_every_sentence_went(source: str) -> None:
    raw = (SOURCES / source).read_text(encoding="utf-8")
    draft = build_draft(raw, source)
    reported = squash(" ".join(text for _, text, _ in draft.report))
    missing = [s.text for s in sentences(raw) if squash(s.text)[:40] not in reported]
    assert missing == []
    assert "placerade" in traceability_report(draft)


SMALL = """Rutin för samverkan mellan Enhet A och Enhet B

Rutinen ska revideras minst en gång per år.

Inledande skede
- om situationen är akut?
1) Kontakta mottagningen samma dag på telefon 08-123 45 67. Om ingen svarar: ring jouren.
2) Boka möte inom en vecka.
- om situationen inte är akut?
1) Boka möte inom tre veckor.

Mottagningen
Telefon 08-123 45 67, fax 08-123 45 99
måndag 8.30–18.00
tis–tors 8.30–16
fredag 8.30 – 14.00
Lunch alla dagar 12.00 – 13.00

12
"""


def test_branches_contacts_hours_and_deadlines_are_recognised(tmp_path: Path) -> None:
    draft = build_draft(SMALL, "liten.txt", "liten")
    assert draft.title.startswith("Rutin för samverkan")
    assert [q.text for q in draft.questions] == ["Är situationen akut?"]
    akut = [s for s in draft.sections if s.when]
    assert [s.when for s in akut] == ["akut = ja", "akut = nej"]
    assert akut[0].title == "Inledande skede – om situationen är akut?"
    items = {i.text: i for i in draft.items}
    assert items["Kontakta mottagningen samma dag på telefon 08-123 45 67."].deadline == "samma dag"
    assert "Om ingen svarar: ring jouren." in items  # a conditional sentence: its own item
    assert items["Boka möte inom tre veckor."].deadline == "inom tre veckor"
    contact = next(c for c in draft.contacts if "08-123 45 99" in c.fax)
    assert contact.phones == ["08-123 45 67"]
    assert contact.hours == {
        "mon": "08:30-18:00",
        "tue": "08:30-16:00",
        "wed": "08:30-16:00",
        "thu": "08:30-16:00",
        "fri": "08:30-14:00",
    }
    assert contact.breaks == [("12:00", "13:00")]
    assert draft.review_text == "Rutinen ska revideras minst en gång per år."
    assert (19, "12") in draft.unplaced  # a page number
    text = draft_toml(draft)
    assert "# rad 19: 12" in text
    path = tmp_path / "liten.toml"
    path.write_text(text, encoding="utf-8")
    assert validate_file(path).ok
    routine = load_routine(path).routine
    assert routine.contact(contact.id).hours is not None
    assert routine.review_interval_months == 12


def test_question_from_phrase() -> None:
    assert question_from_phrase("om situationen inte är akut") == (
        "situationen är akut",
        "Är situationen akut?",
        True,
    )
    assert question_from_phrase("om den vuxna har stöd") == (
        "den vuxna har stöd",
        "Har den vuxna stöd?",
        False,
    )


def test_cli_writes_the_draft_and_the_report(capsys, tmp_path: Path) -> None:
    target, report = tmp_path / "rutin.toml", tmp_path / "spar.txt"
    code, _, err = run(
        capsys,
        "utkast",
        str(SOURCES / "rvt-bou-samverkansrutin.txt"),
        "-o",
        str(target),
        "--rapport",
        str(report),
    )
    assert code == 0, err
    assert validate_file(target).ok
    assert "rad   23: punkt" in report.read_text(encoding="utf-8")
    code, out, err = run(capsys, "utkast", str(SOURCES / "rvt-bou-samverkansrutin.txt"), "--format", "json")
    assert code == 0 and json.loads(out)["questions"][0]["id"] == "akut"
    assert "Spårbarhet" in err  # no --rapport: the report goes to stderr


def test_cli_bad_input(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "utkast", str(tmp_path / "saknas.txt"))
    assert code == 2 and err.count("\n") == 1
    empty = tmp_path / "tom.txt"
    empty.write_text("  \n", encoding="utf-8")
    code, _, err = run(capsys, "utkast", str(empty))
    assert code == 2 and "tom" in err
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Åtgärd".encode("latin-1"))
    code, _, err = run(capsys, "utkast", str(latin))
    assert code == 2 and "UTF-8" in err
