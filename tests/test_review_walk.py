"""The yearly review (`samverkan granska`): item by item, saved progress, protocol, revised date."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import stat
from pathlib import Path

import pytest

from samverkan_tui.core.base.config import load_config
from samverkan_tui.core.manage import review_walk as rw
from samverkan_tui.core.manage.revise import next_version, revised_text
from samverkan_tui.core.routine.loader import load_routine
from samverkan_tui.core.validation.validate import validate_file
from samverkan_tui.export import render
from samverkan_tui.export.data import review_dict
from samverkan_tui.export.review_protocol import document_for_review
from tests.conftest import CHECKLISTS, REPO, shipped
from tests.conftest import run_cli as run

NOW = dt.datetime(2026, 11, 23, 10, 0)


# -- the items and their source sentences -------------------------------------------------


def test_every_item_shows_its_source_sentence_condition_and_contacts() -> None:
    routine = shipped("rvt-bou")
    items = rw.review_items(routine, rw.routine_source(routine))
    assert [i.step.id for i in items] == [s.id for s in routine.steps]  # the source's order
    assert items[0].step.id == "observera-ansvar" and items[0].source_line == 5  # reference text
    first = next(i for i in items if not i.step.reference)
    assert first.source_line == 23
    assert first.source.startswith("Undersök om det finns en öppen utredning på barnen eller ej.")
    assert first.condition.startswith("Gäller om ärendet har inkommit till RVT") and "akut" in first.condition
    beredskap = next(i for i in items if i.step.id == "bou-in-bou-1-beredskap")
    assert "08-508 03 310" in beredskap.contacts[0] and "RVT’s beredskap" in beredskap.source
    weekly = next(i for i in items if i.step.id == "rvt-in-rvt-ejakut-2")
    assert weekly.deadline.startswith("Tidsfrist: inom en vecka")
    assert all(i.source_line > 0 for i in items)


@pytest.mark.parametrize("path", sorted(CHECKLISTS.glob("*.toml")), ids=lambda p: p.stem)
def test_every_shipped_item_is_found_in_its_source(path: Path) -> None:
    routine = load_routine(path).routine
    items = rw.review_items(routine, rw.routine_source(routine))
    assert [i.step.id for i in items if i.source_line == 0] == []


# -- verdicts, saving and resuming ---------------------------------------------------------


def test_a_review_is_saved_privately_and_resumes_where_it_stopped() -> None:
    routine = shipped("rvt-bou")
    config = load_config()
    review = rw.start_review(routine, NOW)
    review.mark_item(routine, routine.steps[0].id, "gäller")
    review.mark_item(routine, routine.steps[1].id, "ändras", "Nytt nummer, 19 121212-1212 ringde")
    path = rw.save_review(review, config)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    assert "121212-1212" not in path.read_text(encoding="utf-8")  # personnummer never stored
    again = rw.load_saved_review(routine, config)
    assert again is not None and again.items[routine.steps[1].id].verdict == rw.ITEM_CHANGE
    assert next(s.id for s in again.pending_items(routine)) == routine.steps[2].id
    assert not again.complete(routine)


def test_a_sentence_the_source_repeats_is_shown_at_its_own_place() -> None:
    routine = shipped("rvt-bou")
    items = {i.reference: i for i in rw.review_items(routine, rw.routine_source(routine))}
    # "Undersök om det finns en öppen utredning …" opens both "akut" (line 23) and "inte akut" (34).
    assert (items["RVT 1.1"].source_line, items["RVT 1.6"].source_line) == (23, 34)
    # "Om socialsekreterare inte är på plats" starts at the end of line 35, not at the item's 34.
    assert (items["RVT 1.3"].source_line, items["RVT 1.8"].source_line) == (25, 35)
    # "Gemensamma möten (BoU, RVT och klient)": four places, four items, in order.
    meetings = [i.source_line for i in items.values() if i.step.text.startswith("Gemensamma möten")]
    assert meetings == [67, 74, 131, 138]


@pytest.mark.parametrize("path", sorted(CHECKLISTS.glob("*.toml")), ids=lambda p: p.stem)
def test_every_source_line_is_where_the_sentence_starts(path: Path) -> None:
    from samverkan_tui.core.routine.source_text import words

    routine = load_routine(path).routine
    source = rw.routine_source(routine)
    lines = source.splitlines()
    for item in rw.review_items(routine, source):
        first = words(item.source)[0]
        assert first in lines[item.source_line - 1].lower(), (item.reference, item.source_line, item.source)


def test_a_municipalitys_own_source_is_found_beside_its_routine_from_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    routine_file = CHECKLISTS / "rvt-bou.toml"
    own = tmp_path / "kommunen" / "rutiner"
    (own / "källor").mkdir(parents=True)
    (own / "rvt-bou.toml").write_text(routine_file.read_text(encoding="utf-8"), encoding="utf-8")
    shipped_source = REPO / "docs" / "sources" / shipped("rvt-bou").source_file
    source = (
        shipped_source.read_text(encoding="utf-8") + "\nKommunens egen anteckning.\n"
    )  # not the shipped copy
    (own / "källor" / shipped("rvt-bou").source_file).write_text(source, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "kommunen")
    routine = load_routine(Path("rutiner") / "rvt-bou.toml").routine  # a relative path, as a cache may keep
    assert routine is not None and not Path(routine.path).is_absolute()
    monkeypatch.chdir(tmp_path)  # another folder: the relative path no longer leads there
    assert rw.routine_source(routine) != source
    found_now = own / "rvt-bou.toml"  # what the catalog found in this run
    assert rw.routine_source(routine, routine_file=found_now) == source
    items = rw.review_items(routine, rw.routine_source(routine, routine_file=found_now))
    assert all(item.source_line for item in items)


def test_a_resumed_review_says_which_verdicts_no_longer_apply(tmp_path: Path) -> None:
    routine = shipped("rvt-bou")
    review = rw.start_review(routine, NOW)
    review.mark_item(routine, "sikt-bou-3", "gäller")
    review.mark_item(routine, "sikt-bou-2", "gäller")
    review.mark_contact(routine, routine.contacts[0].id, "stämmer")
    text = (CHECKLISTS / "rvt-bou.toml").read_text(encoding="utf-8")
    old = "BoU informerar RVT vid förändringar i ärendet, exempelvis vid avslut."
    assert old in text
    changed = tmp_path / "rvt-bou.toml"
    changed.write_text(text.replace(old, "BoU informerar RVT skriftligt vid avslut.", 1), encoding="utf-8")
    new = load_routine(changed).routine
    again = rw.review_from_dict(json.loads(json.dumps(review.to_dict())), new)
    # The reworded item is asked again; the unchanged ones keep their verdicts.
    assert "sikt-bou-3" not in again.items and "sikt-bou-2" in again.items
    assert routine.contacts[0].id in again.contacts
    assert "RVT 1.25 gäller inte längre" in again.notices[0]
    assert "sikt-bou-3" in {s.id for s in again.pending_items(new)}


def test_a_resumed_review_of_a_changed_file_drops_what_is_gone(tmp_path: Path) -> None:
    routine = shipped("rvt-bou")
    review = rw.start_review(routine, NOW)
    review.mark_item(routine, "sikt-bou-3", "tas bort")
    review.mark_item(routine, "sikt-bou-2", "gäller")
    changed = tmp_path / "rvt-bou.toml"
    changed.write_text(
        (CHECKLISTS / "rvt-bou.toml")
        .read_text(encoding="utf-8")
        .replace('id = "sikt-bou-3"', 'id = "sikt-bou-3-ny"'),
        encoding="utf-8",
    )
    new = load_routine(changed).routine
    again = rw.review_from_dict(json.loads(json.dumps(review.to_dict())), new)
    assert "sikt-bou-3" not in again.items and "sikt-bou-2" in again.items
    assert "har ändrats" in again.notices[0] and "sikt-bou-3" in again.notices[0]


def test_bad_answers_say_what_is_wrong_in_swedish() -> None:
    routine = shipped("rvt-bou")
    review = rw.start_review(routine, NOW)
    with pytest.raises(rw.ReviewError, match="menade du `sikt-bou-3`"):
        rw.apply_answers(review, routine, {"punkter": {"sikt-bou-33": "gäller"}})
    with pytest.raises(rw.ReviewError, match="skriv vad som ska ändras"):
        review.mark_item(routine, "sikt-bou-3", "ändras")
    with pytest.raises(rw.ReviewError, match="okänt svar"):
        review.mark_item(routine, "sikt-bou-3", "kanske")


# -- the protocol --------------------------------------------------------------------------


def test_the_protocol_lists_changes_contacts_remarks_and_signature_lines() -> None:
    routine = shipped("rvt-bou")
    review = rw.start_review(routine, NOW)
    rw.apply_answers(
        review,
        routine,
        {
            "punkter": {"sikt-bou-3": "tas bort", "sikt-bou-2": {"ändras": "Lägg till vem som kallar"}},
            "kontakter": {"rvt-beredskap": {"telefon": "08-508 03 311"}},
            "saknas": "Inget om tolk vid telefonkontakt",
            "övriga": "gäller",
        },
    )
    document = document_for_review(routine, review, NOW)
    text = str(render(document, "text"))
    for expected in (
        "Granskningsprotokoll",
        "Ska ändras",
        "Lägg till vem som kallar",
        "Ska tas bort",
        "Nytt nummer: 08-508 03 311",
        "Inget om tolk vid telefonkontakt",
        "Granskad av (roll",
        "Namn (frivilligt",
        "VARNING",
        "Version som granskades: 2.0",
    ):
        assert expected in text, expected
    markdown = str(render(document, "md"))
    assert "### Ska ändras" in markdown or "## Ska ändras" in markdown
    # Items under the binder's reference, as the printouts number them; one bullet each.
    assert "- 1.25 BoU informerar RVT" in markdown
    assert "1.25 BoU informerar RVT" in text
    # Markdown keeps a phone number whole with non-breaking spaces (one number, one unit).
    assert "- •" not in markdown and "- RVT:s beredskap, tel 08-508\u00a003\u00a0310" in markdown
    assert render(document, "pdf")[:4] == b"%PDF"
    record = review_dict(routine, review, NOW)
    assert record["unchanged"] is False and [e["id"] for e in record["remove"]] == ["sikt-bou-3"]


# -- revised date, round trip with comments ------------------------------------------------


@pytest.mark.parametrize("path", sorted(CHECKLISTS.glob("*.toml")), ids=lambda p: p.stem)
def test_marking_revised_keeps_every_comment_and_line(path: Path, tmp_path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    new = revised_text(text, dt.date(2026, 11, 23), "9.1")
    old_lines, new_lines = text.splitlines(), new.splitlines()
    removed = [line for line in old_lines if line not in new_lines]
    added = [line for line in new_lines if line not in old_lines]
    assert all(line.startswith(("version =", "revised =")) for line in removed + added), (removed, added)
    assert [line for line in old_lines if line.lstrip().startswith("#")] == [
        line for line in new_lines if line.lstrip().startswith("#")
    ]
    copy = tmp_path / path.name
    copy.write_text(new, encoding="utf-8")
    report = validate_file(copy)
    assert report.ok, [str(p) for p in report.problems]
    routine = load_routine(copy).routine
    assert routine.revised == dt.date(2026, 11, 23) and routine.version == "9.1"


def test_next_version() -> None:
    assert next_version("2.0") == "2.1"
    assert next_version("2023.1") == "2023.2"
    assert next_version("v9") == "v10"


def test_confirming_a_shipped_routine_copies_it_to_the_own_folder(capsys, tmp_path: Path) -> None:
    own = tmp_path / "egna"
    own.mkdir()
    code, out, err = run(
        capsys,
        "--katalog",
        str(own),
        "granska",
        "rvt-bou",
        "--allt-galler",
        "--hoj-version",
        "--now",
        "2026-11-23T10:00",
    )
    assert code == 0, err
    assert "inbyggd rutin: kopierade den till" in err
    copy = own / "rvt-bou.toml"
    routine = load_routine(copy).routine
    assert routine.revised == dt.date(2026, 11, 23) and routine.version == "2.1"
    assert "Resultat: Rutinen gäller oförändrad" in out
    assert (CHECKLISTS / "rvt-bou.toml").read_text(encoding="utf-8").count("revised =") == 0
    assert validate_file(copy).ok
    # The protocol states the date just set: no "Översynsdatum saknas" any more.
    assert "Reviderad: 2026-11-23" in out and "Översynsdatum saknas" not in out
    # The copy passes kontrollera: overriding a built-in is legitimate, said once as information.
    code, out, err = run(capsys, "--katalog", str(own), "kontrollera")
    assert code == 0, out + err
    notes = [line for line in out.splitlines() if ": info: " in line]
    assert len(notes) == 1 and notes[0].startswith(str(copy)) and "egen kopia av den inbyggda" in notes[0]
    assert ": fel: " not in out
    # The copy is the municipality's own now: a second review edits it in place.
    code, _, err = run(
        capsys, "--katalog", str(own), "granska", "rvt-bou", "--allt-galler", "--now", "2027-11-20T10:00"
    )
    assert code == 0 and "kopierade" not in err
    assert load_routine(copy).routine.revised == dt.date(2027, 11, 20)


def test_without_an_own_folder_one_is_created_and_put_in_the_settings(capsys, isolated_user) -> None:
    code, _, err = run(
        capsys,
        "granska",
        "vasterbotten-sexuell-beteendeproblematik",
        "--allt-galler",
        "--now",
        "2026-11-23T10:00",
    )
    assert code == 0, err
    config = load_config()
    assert (
        config.routine_dirs
        and (config.routine_dirs[0] / "vasterbotten-sexuell-beteendeproblematik.toml").is_file()
    )


def test_answers_file_and_json_protocol(capsys, tmp_path: Path) -> None:
    answers = tmp_path / "svar.json"
    answers.write_text(
        json.dumps({"punkter": {"sikt-bou-3": "tas bort"}, "övriga": "gäller"}), encoding="utf-8"
    )
    own = tmp_path / "egna"
    own.mkdir()
    code, out, _ = run(
        capsys,
        "--katalog",
        str(own),
        "granska",
        "rvt-bou",
        "--svar-fil",
        str(answers),
        "--format",
        "json",
        "--now",
        "2026-11-23T10:00",
    )
    assert code == 0
    data = json.loads(out)
    assert data["complete"] and not data["unchanged"] and data["remove"][0]["id"] == "sikt-bou-3"
    assert data["remove"][0]["reference"] == "RVT 1.25"
    assert not (own / "rvt-bou.toml").exists()  # a routine that must change keeps its date


def test_interactive_review_pauses_and_resumes(capsys, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    own = tmp_path / "egna"
    own.mkdir()
    code, _, err = run(
        capsys,
        "--katalog",
        str(own),
        "granska",
        "vasterbotten-sexuell-beteendeproblematik",
        "--interaktiv",
        "--now",
        "2026-11-23T10:00",
        stdin="g\nä\nLägg till BUP\np\n",
        monkeypatch=monkeypatch,
    )
    assert code == 0 and "Granskningen är sparad" in err
    assert "Källan (rad" in err and "Villkor:" in err
    # Wrapped to the terminal (COLUMNS=60 here), continuation lines under the text.
    shown = [line for line in err.splitlines() if not line.startswith(("—", "Gäller punkten?", "Vad ska"))]
    assert shown and all(len(line) <= 60 for line in shown), max(shown, key=len)
    assert "— VSB A.1 · punkt 1 av 55" in err  # issue 24: the introduction, reference text
    routine = shipped("vasterbotten-sexuell-beteendeproblematik")
    saved = rw.load_saved_review(routine, load_config())
    assert saved is not None and len(saved.items) == 2
    answers = "g\n" * (len(routine.steps) - 2) + "s\n" * len(routine.contacts) + "\nn\n"
    code, out, err = run(
        capsys,
        "--katalog",
        str(own),
        "granska",
        "vasterbotten-sexuell-beteendeproblematik",
        "--interaktiv",
        "--now",
        "2026-11-23T10:00",
        stdin=answers,
        monkeypatch=monkeypatch,
    )
    assert code == 0, err
    assert "Lägg till BUP" in out and "Rutinen behöver revideras: " in out
    assert rw.load_saved_review(routine, load_config()) is None  # finished: nothing left to resume


def test_bad_input_is_one_line_and_exit_2(capsys, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, _, err = run(capsys, "granska", "rvt-bou", "--inte-interaktiv")
    assert code == 2 and err.count("\n") == 1 and "--allt-gäller" in err
    bad = tmp_path / "svar.json"
    bad.write_text("{inte json", encoding="utf-8")
    code, _, err = run(capsys, "granska", "rvt-bou", "--svar-fil", str(bad))
    assert code == 2 and err.count("\n") == 1 and "JSON" in err
    code, _, err = run(capsys, "granska", "finns-inte", "--allt-galler")
    assert code == 2 and "okänd rutin" in err
