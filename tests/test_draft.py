"""`samverkan utkast`: a first draft of a routine file from a source text.

The coverage measures (per shipped source) are in ``tests/draft_measure.py``: the share
of the shipped routine's items, and of the source sentences the shipped routine encodes
(issue 18's figure), that the draft places in the same section. Print them with
``python -m tests.draft_measure -v`` (the misses listed). What the draft cannot reach,
and why, is in the comments at ``EXPECTED``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from samverkan_tui.core.base.problems import WARNING
from samverkan_tui.core.manage.draft import build_draft, draft_toml, question_from_phrase, traceability_report
from samverkan_tui.core.routine.loader import load_routine
from samverkan_tui.core.routine.source_text import sentences
from samverkan_tui.core.validation.validate import validate_file
from tests.conftest import SOURCES
from tests.conftest import run_cli as run
from tests.draft_measure import (
    action_kinds,
    condition_coverage,
    conditions_in_comments,
    item_coverage,
    sentence_coverage,
    squash,
)

# Floors per source: (items, sentences), the figures reached (rounded down). Issue 18 asks
# for 0.90 of the sentences; every source reaches it. What the draft still misses:
EXPECTED = {
    # Items 47/48, sentences 76/77: "Om skyddsbehov råder …" was moved by hand to BoU's
    # section; the source has it as item 3) under RVT's.
    "rvt-bou": (0.97, 0.98),
    # Items 89/91, sentences 123/123. Items only: the shipped file trims ", och" from
    # "vardera förälderns uppfattning …, och", and splits the sentence "… medan ansvarig
    # socialsekreterare ansvarar för extern samverkan i individuella ärenden" in two.
    # Issue 24: the slip "offentlighet- och sekretesslagen" is corrected in the routine text.
    "ekero-vald-i-nara-relation": (0.96, 1.0),
    # Items 73/89, sentences 156/160. Sentences: "Med barn och unga som far illa avser vi 1"
    # (a lead-in whose clause ends in a pronoun and a footnote number, not ":" or an open
    # preposition) is read as a heading, so the two sentences after its list stay under
    # it, where the shipped file keeps them under "Vilka barn menar vi?"; the shipped
    # heading "2 Samverkan vid begynnande oro … barn i grupp för att …" adds "grupp",
    # which the source's heading lacks, so neither the heading nor the first sentence
    # under it match; and the contents list "2. Samverkan vid begynnande oro …" (line
    # 249) is contained in that shipped heading. Items, beyond those: the shipped file
    # splits and merges by meaning ("Anmäl skriftligt. Använd checklistan för anmälan" is
    # one item; a bullet "Skolan anmäler … Skolan kan också anmäla …" two; "Sektionscheferna
    # … serviceinsatser" is cut before "inom följande sektioner:", which it makes a
    # section), drops "Svar:" before the answers of the "Fakta" boxes, and reuses the
    # numbered steps of "Vid anmälan om oro" in a second section ("Vid akut oro – …
    # komplettera sedan med den skrivna anmälan").
    # Issue 24 corrected slips in the routine text ("barnet placeras … ett samarbete") and
    # completed items with the source\'s words ("(se bilaga).", "(se mer under avsnitt 2).");
    # the draft keeps the source as written, so those items no longer match it word for word.
    "botkyrka-forskola-skola": (0.80, 0.96),
    # Items 29/37, sentences 39/42. Sentences: the shipped file makes a section of the
    # paragraph "Alla som arbetar inom skola, polis, hälso- och sjukvård är skyldiga …"
    # (two sentences), which the source gives no heading: after the bullet list of "Vad
    # behöver den som utsatt någon annan?" the draft keeps it in that section. "Samordna
    # arbetet med andra myndigheter", the last of five one-line paragraphs, has no full
    # stop and a heading ("Primärvård och BUP") right after it, so it reads as a heading
    # (and heads "Primärvård och BUP"); nothing in the layout tells it from "Rutin
    # samverkan", which is a heading in the same position. Items, beyond those: the
    # shipped file splits "Erbjuda behandling vid behov (BUP ansvariga …)" and "Krisstöd
    # … (Primärvården i första hand, BUP …)" into two items each by who does it, with the
    # parenthesis as a note, and "Stödinsatser enligt SoL alt. ansökan om vård enl. LVU"
    # into two.
    "vasterbotten-sexuell-beteendeproblematik": (0.78, 0.92),
}


@pytest.mark.parametrize("routine_id", sorted(EXPECTED))
def test_the_draft_places_the_shipped_items_and_sentences_in_their_sections(routine_id: str) -> None:
    items, found = item_coverage(routine_id), sentence_coverage(routine_id)
    print(
        f"\nutkast {routine_id}: punkter {items.placed}/{items.total} = {items.share:.2f}, "
        f"meningar {found.placed}/{found.total} = {found.share:.2f}"
    )
    item_floor, sentence_floor = EXPECTED[routine_id]
    assert items.share >= item_floor, items.misses
    assert found.share >= sentence_floor, found.misses
    assert found.share >= 0.9  # issue 18


# Floors per source for the draft's logic (issue 25): (conditional sentences with a proposed
# question and condition, shipped actions the draft calls åtgärd). Before issue 25 the
# draft gave (0/23, 11/67), (0/21, 27/51), (0/16, 44/44) and (0/1, 1/33). Conditions stop
# short in Botkyrka and Ekerö because a draft proposes at most 12 questions (every path is
# proved); the rest get their proposed question in a TODO comment. Actions missed are
# statements without an actor or duty ("Konsultationen sker anonymt.") and bullet lists
# the shipped file makes actions (Ekerö's "Den vuxnas behov av stöd och hjälp akut").
LOGIC = {
    "botkyrka-forskola-skola": (0.52, 0.61),
    "ekero-vald-i-nara-relation": (0.61, 0.58),
    "rvt-bou": (1.0, 1.0),
    "vasterbotten-sexuell-beteendeproblematik": (1.0, 0.39),
}


@pytest.mark.parametrize("routine_id", sorted(LOGIC))
def test_the_draft_proposes_conditions_and_actions(routine_id: str) -> None:
    conditions, actions = condition_coverage(routine_id), action_kinds(routine_id)
    print(
        f"\nutkast {routine_id}: villkor {conditions.placed}/{conditions.total} = {conditions.share:.2f} "
        f"(+{conditions_in_comments(routine_id)} i TODO-kommentarer), "
        f"åtgärder {actions.placed}/{actions.total} = {actions.share:.2f}"
    )
    condition_floor, action_floor = LOGIC[routine_id]
    assert conditions.share >= condition_floor, conditions.misses
    assert actions.share >= action_floor, actions.misses
    # Every conditional sentence is proposed: as a condition, or (over the question
    # budget) as a question in a TODO comment.
    assert conditions.placed + conditions_in_comments(routine_id) >= conditions.total - 2


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
    # What `validate` reports on a draft is what a person must decide: one warning per
    # marked line, at that line, and nothing else.
    marked = [n for n, line in enumerate(text.splitlines(), 1) if "# TODO" in line or '"TODO' in line]
    assert marked
    assert [(p.line, p.severity) for p in report.problems] == [(n, WARNING) for n in marked]
    assert all(p.message.startswith("TODO kvar") for p in report.problems)
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
    # The branch's question, and one proposed from the conditional sentence in item 1).
    assert [q.text for q in draft.questions] == ["Är situationen akut?", "Gäller det att ingen svarar?"]
    akut = [s for s in draft.sections if s.when]
    assert [s.when for s in akut] == ["akut = ja", "akut = nej"]
    assert akut[0].title == "Inledande skede – om situationen är akut?"
    items = {i.text: i for i in draft.items}
    assert items["Kontakta mottagningen samma dag på telefon 08-123 45 67."].deadline == "samma dag"
    # A conditional sentence: its own item, under a proposed condition.
    assert items["Om ingen svarar: ring jouren."].when == "ingen-svarar = ja"
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
    # "akut" is what the follow-up splits on: the draft declares it on that question.
    assert routine.urgent_question is not None and routine.urgent_question.id == draft.questions[0].id
    assert routine.is_urgent({draft.questions[0].id: "ja"}) is True


LAYOUT = """Riktlinjer för arbetet

 1. Inledning
Riktlinjerna gäller alla enheter.

Ansvarsområden
Socialtjänst

Utredningen ska bl a omfatta:

• våldets karaktär och omfattning,
• den vuxnas behov av stöd.
 Handläggaren bör även utreda vårdnaden.

Enheten ska dokumentera allt.

Konsultation vid oro
Skolan har möjlighet att konsultera socialtjänsten vid

• tveksamhet om ett barn far illa
• osäkerhet om en anmälan

Konsultationen sker anonymt.

Socialjouren
Telefon 08-778 48 60

 2. Insatser
Insatserna ska följas upp.
"""


def test_real_layouts_lead_ins_numbered_and_stacked_headings(tmp_path: Path) -> None:
    draft = build_draft(LAYOUT, "layout.txt", "layout")
    sections = {s.title: s for s in draft.sections}
    where = {i.text: draft.section(i.section).title for i in draft.items}
    # "1. Inledning", which the block split reads as a list item, is a numbered heading.
    assert where["Riktlinjerna gäller alla enheter."] == "1. Inledning"
    assert sections["2. Insatser"].parent is None
    assert where["Insatserna ska följas upp."] == "2. Insatser"
    # Two heading lines in one block: the first heads the second.
    assert sections["Socialtjänst"].parent == sections["Ansvarsområden"].id
    # A lead-in ending in ":" holds its list, nested in the section it stands in; a
    # paragraph right under the list stays with it, one after a blank line goes back.
    lead_in = sections["Utredningen ska bl a omfatta:"]
    assert lead_in.parent == sections["Socialtjänst"].id
    assert where["våldets karaktär och omfattning,"] == lead_in.title
    assert where["Handläggaren bör även utreda vårdnaden."] == lead_in.title
    assert where["Enheten ska dokumentera allt."] == "Socialtjänst"
    # A line ending in an open clause ("… vid") is a lead-in, never a heading.
    vid = sections["Skolan har möjlighet att konsultera socialtjänsten vid"]
    assert vid.parent == sections["Konsultation vid oro"].id
    assert where["osäkerhet om en anmälan"] == vid.title
    assert where["Konsultationen sker anonymt."] == "Konsultation vid oro"
    # A line with a phone number is not a heading.
    assert where["Telefon 08-778 48 60"] == "Socialjouren"
    assert draft.title == "Riktlinjer för arbetet"
    path = tmp_path / "layout.toml"
    path.write_text(draft_toml(draft), encoding="utf-8")
    assert validate_file(path).ok


ANOTHER_MUNICIPALITY = """\ufeffSocialförvaltningen Exempelby kommun
Rutin för mottagning av orosanmälningar
Rutinen gäller för alla medarbetare på mottagningen

1. Inkommande anmälningar
Mottagningssekreterare registrerar anmälan samma dag. Aktualisera i verksamhetssystemet.
Vid muntlig anmälan, använd blanketten för muntlig anmälan. Om anmälaren är anonym ska det
antecknas. Om anmälaren inte är anonym ska anmälaren få en bekräftelse. Receptionen och
gruppledaren fördelar ärendet.
Sida 1 av 2
\f
Socialförvaltningen Exempelby kommun
När skyddsbedömningen är gjord kontaktar gruppledaren vårdnadshavarna.

2. Uppföljning
Vid behov kan ärendet tas upp på ärendedragning.
Gruppledaren följer upp ärendena varje vecka.
Sida 2 av 2
"""


def test_conditional_sentences_imperatives_roles_and_page_furniture(tmp_path: Path) -> None:
    draft = build_draft(ANOTHER_MUNICIPALITY, "exempelby.txt", "exempelby")
    # The byte-order mark and the page header are no part of the title; the scope line
    # without a full stop is not a heading.
    assert draft.title == "Rutin för mottagning av orosanmälningar"
    assert [s.title for s in draft.sections] == ["1. Inkommande anmälningar", "2. Uppföljning"]
    assert {text for _, text in draft.unplaced} >= {
        "Socialförvaltningen Exempelby kommun",
        "Sida 1 av 2",
        "Sida 2 av 2",
    }
    items = {i.text: i for i in draft.items}
    questions = {q.id: q for q in draft.questions}
    # Every conditional sentence gets a proposed question and a condition; "om … inte …"
    # is the same question's "nej".
    conditional = [i for i in draft.items if re.match(r"(Om|Vid|När) ", i.text)]
    assert len(conditional) == 5 and all(i.when for i in conditional)
    anonym = items["Om anmälaren är anonym ska det antecknas."].when
    assert anonym == "anmalaren-anonym = ja"
    assert (
        items["Om anmälaren inte är anonym ska anmälaren få en bekräftelse."].when == "anmalaren-anonym = nej"
    )
    assert questions["anmalaren-anonym"].text == "Är anmälaren anonym?"
    muntlig = items["Vid muntlig anmälan, använd blanketten för muntlig anmälan."]
    assert questions[muntlig.when.split(" = ")[0]].text == "Gäller det muntlig anmälan?"
    # Imperatives and "ska"-sentences are actions.
    assert items["Aktualisera i verksamhetssystemet."].kind == "åtgärd"
    assert muntlig.kind == "åtgärd"
    # Roles the text names are proposed; a sentence naming two gets a TODO, not a guess.
    assert {r.name for r in draft.roles} >= {"mottagningssekreterare", "receptionen", "gruppledare"}
    assert items["Mottagningssekreterare registrerar anmälan samma dag."].role == "mottagningssekreterare"
    both = items["Receptionen och gruppledaren fördelar ärendet."]
    assert both.role == "" and len(both.roles_named) == 2
    text = draft_toml(draft)
    assert "punkten nämner flera roller (receptionen och gruppledare)" in text
    assert "# Kontrollera sedan med: samverkan kontrollera" in text
    path = tmp_path / "exempelby.toml"
    path.write_text(text, encoding="utf-8")
    report = validate_file(path)
    assert report.ok, [str(p) for p in report.problems]
    path.write_text(resolve_todos(text), encoding="utf-8")
    report = validate_file(path)
    assert report.ok and report.problems == [], [str(p) for p in report.problems]
    routine = load_routine(path).routine
    assert len(routine.questions) == len(draft.questions) >= 4


def test_kontrollera_warns_when_every_item_applies_although_the_text_has_conditions(tmp_path: Path) -> None:
    # The case: a draft whose TODOs are resolved by deleting the proposed questions
    # and conditions passes with 0 questions, every branch applying to every case.
    text = resolve_todos(draft_toml(build_draft(ANOTHER_MUNICIPALITY, "exempelby.txt", "exempelby")))
    text = re.sub(r"\[\[questions\]\]\n(?:.+\n)+\n", "", text)
    text = "\n".join(line for line in text.splitlines() if not line.startswith("when = ")) + "\n"
    path = tmp_path / "utan-logik.toml"
    path.write_text(text, encoding="utf-8")
    report = validate_file(path)
    assert report.ok and len(report.routine.questions) == 0
    [problem] = report.problems
    assert problem.severity == WARNING
    assert problem.message.startswith(
        "alla punkter gäller i varje ärende, men 5 punkter börjar med ett villkor"
    )
    assert "lägg till frågor och when" in problem.hint
    line = text.splitlines()[problem.line - 1]
    assert line.startswith("[[steps]]") or line.startswith("id =")  # at the first such item
    # With the proposed conditions kept, the same file is quiet.
    kept = tmp_path / "med-logik.toml"
    kept.write_text(
        resolve_todos(draft_toml(build_draft(ANOTHER_MUNICIPALITY, "exempelby.txt"))), encoding="utf-8"
    )
    assert validate_file(kept).problems == []


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
    assert ", 12 frågor, 1 kontakt, 0 rader ej placerade" in err  # counts in their Swedish form
    code, out, err = run(capsys, "utkast", str(SOURCES / "rvt-bou-samverkansrutin.txt"), "--format", "json")
    assert code == 0 and "akut" in [q["id"] for q in json.loads(out)["questions"]]
    assert "Spårbarhet" in err  # no --rapport: the report goes to stderr
    code, out, err = run(capsys, "utkast", str(SOURCES / "rvt-bou-samverkansrutin.txt"), "--format", "md")
    assert code == 0 and out.startswith("# Spårbarhet för utkastet")
    rows = [line for line in out.splitlines() if line.startswith("| 23 |")]
    assert rows and all(row.count(" | ") == 2 for row in rows), rows  # one table row a sentence
    assert not err  # the report is the output: nothing else on stderr


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


# -- Word and PDF sources ----------------------------------------------------------------------


def test_a_word_source_gives_headings_and_lists_from_its_styles(capsys, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")  # the utkast extra, in dev
    document = docx.Document()
    document.add_heading("Rutin för mottagning av orosanmälningar", 0)  # the Title style
    document.add_heading("Mottagning", 1)
    document.add_paragraph("Mottagningssekreterare registrerar anmälan samma dag.")
    document.add_paragraph("Kontrollera om barnet är känt", style="List Number")
    document.add_paragraph("Gör en skyddsbedömning", style="List Number")
    document.add_heading("Akuta ärenden", 2)  # no full stop, a heading only by its style
    document.add_paragraph("Om barnet är i akut fara ska polisen kontaktas.")
    document.add_paragraph("våld i hemmet", style="List Bullet")
    document.add_paragraph("hot mot barnet", style="List Bullet")
    # A heading whose wording alone would read as a sentence: the style decides.
    document.add_heading("Uppföljningen görs av gruppledaren.", 1)
    document.add_paragraph("Gruppledaren följer upp varje vecka.")
    source = tmp_path / "mottagning.docx"
    document.save(str(source))
    target = tmp_path / "mottagning.toml"
    code, _, err = run(capsys, "utkast", str(source), "-o", str(target), "--format", "toml")
    assert code == 0, err
    routine = load_routine(target).routine
    assert routine is not None and routine.title == "Rutin för mottagning av orosanmälningar"
    titles = {s.title: s for s in routine.sections}
    assert set(titles) == {"Mottagning", "Akuta ärenden", "Uppföljningen görs av gruppledaren."}
    assert titles["Akuta ärenden"].parent == titles["Mottagning"].id  # Heading 2 under Heading 1
    steps = {s.text: s for s in routine.steps}
    assert steps["Kontrollera om barnet är känt"].kind == "åtgärd"  # numbered: an action
    assert steps["våld i hemmet"].kind == "kontrollpunkt"
    assert steps["Om barnet är i akut fara ska polisen kontaktas."].when is not None
    assert validate_file(target).ok


def test_a_pdf_source_loses_its_page_headers_and_footers(capsys, tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    from samverkan_tui.core.base.clock import parse_now
    from samverkan_tui.export import write
    from samverkan_tui.export.document import document_for_routine
    from tests.conftest import shipped

    routine = shipped("rvt-bou")  # its printout: pages with a running header and footer
    source = write(document_for_routine(routine, parse_now("2026-11-23T10:00")), "pdf", tmp_path / "rvt.pdf")
    target = tmp_path / "rvt.toml"
    code, _, err = run(capsys, "utkast", str(source), "-o", str(target), "--rapport", str(tmp_path / "r.txt"))
    assert code == 0, err
    draft_text = target.read_text(encoding="utf-8")
    assert f"title = {json.dumps(routine.title, ensure_ascii=False)}" in draft_text
    report = (tmp_path / "r.txt").read_text(encoding="utf-8")
    footers = [line for line in report.splitlines() if "sidhuvud eller sidfot" in line]
    pages = len(pypdf.PdfReader(str(source)).pages)
    assert len([line for line in footers if "sida" in line]) == pages > 1  # "… sida 1 av N" on each page
    steps = load_routine(target).routine.steps
    assert not any(re.search(r"sida \d+ av \d+", step.text) for step in steps)
    # The printout's items ("2.3 (BoU) BoU-handläggare gör …") come through as items.
    assert any("BoU-handläggare gör skyddsbedömning på barnen." in step.text for step in steps)
    assert validate_file(target).ok


def test_word_and_pdf_sources_that_cannot_be_read_say_why(capsys, tmp_path: Path, monkeypatch) -> None:
    pypdf = pytest.importorskip("pypdf")
    scanned = tmp_path / "inskannad.pdf"
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with scanned.open("wb") as handle:
        writer.write(handle)
    code, out, err = run(capsys, "utkast", str(scanned))
    assert (code, out) == (2, "") and "har ingen text att läsa (en inskannad PDF?)" in err
    broken = tmp_path / "trasig.docx"
    broken.write_text("inte ett Word-dokument", encoding="utf-8")
    code, _, err = run(capsys, "utkast", str(broken))
    assert code == 2 and "kan inte läsas som Word-dokument" in err and err.count("\n") == 1
    # A damaged PDF and a missing file: one Swedish line each, none of the libraries' English.
    damaged = tmp_path / "trasig.pdf"
    damaged.write_text("skräp", encoding="utf-8")
    code, _, err = run(capsys, "utkast", str(damaged))
    assert code == 2 and err.count("\n") == 1 and "kan inte läsas som PDF" in err, err
    code, _, err = run(capsys, "utkast", str(tmp_path / "saknas.docx"))
    assert code == 2 and err.count("\n") == 1 and "finns inte" in err, err
    old = tmp_path / "gammal.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    code, _, err = run(capsys, "utkast", str(old))
    assert code == 2 and "spara dokumentet som .docx eller PDF" in err
    # Without the extra: one Swedish line that says how to install it.
    monkeypatch.setitem(sys.modules, "docx", None)
    code, _, err = run(capsys, "utkast", str(broken))
    assert code == 2 and "pip install 'samverkan-tui[utkast]'" in err and err.count("\n") == 1
