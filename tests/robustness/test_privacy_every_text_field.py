"""Issue 26, point 3: every free text the program stores passes the one scrubber.

The table ``FREE_TEXT`` lists every text field a person can type into, in every file the
program writes: the step log's comment (deviation and "ej aktuell") in its database, WAL
and shared memory; the yearly review's notes (what should change, a contact's new number
and telefontider, what is missing) in ``granskningar/*.json`` and in the protocol in every
format. Each is fed generated identifiers and the file's raw bytes are searched.

So that a new free-text field cannot slip past, the test also walks every column of the
step log's tables and every string of a saved review, and each must be either listed in
``FREE_TEXT`` or known as a value the program itself chooses (ids, codes, times).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from samverkan_tui.core.manage import review_walk as rw
from samverkan_tui.core.walk.session import WalkSession
from samverkan_tui.core.walk.status import DEVIATION, NOT_APPLICABLE
from samverkan_tui.steplog.store import DB_NAME, StepLog
from tests.robustness.identifiers import comments
from tests.steplog.helpers import START, at, db_bytes, routine

ROUTINE = routine("rvt-bou")
NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)

FREE_TEXT = {
    ("steglogg", "events.comment"),
    ("granskning", "items.*.change"),
    ("granskning", "contacts.*.phones"),
    ("granskning", "contacts.*.hours"),
    ("granskning", "missing"),
}
# Text columns of the step log the program fills itself: ids, codes, times.
PROGRAM_COLUMNS = {
    "sessions": {"id", "routine_id", "routine_version", "content_hash", "mode", "started_at", "updated_at"}
    | {"written_at", "finished_at"},
    "events": {"kind", "at", "question", "value", "step", "status", "category", "contact", "written_at"},
    "step_states": {"step", "status", "category", "contact", "at", "mode", "routine_id", "started_at"},
}
# "reviewed": the fingerprint of the item or contact as it was judged (a hash the program makes).
PROGRAM_REVIEW_KEYS = {
    "routine",
    "version",
    "content_hash",
    "started_at",
    "finished_at",
    "verdict",
    "reviewed",
}

# Identifier-laden texts a person might type (names that are words, spelled numbers …).
EXTRA = [
    "Samtal m. Klara, enl. Bo, ang. Saga",
    "Mamma: Saga. Pappa: Sten. Barnet: Liv.",
    "tfn noll sjuttio tretton tolv fjorton elva nitton",
    "anna punkt berg snabel-a gmail punkt com",
    "bor vid Slussen, går på Vasaskolan, MM och ST",
]


def texts(count: int) -> list[tuple[str, set[str]]]:
    """(text, needles): needles are digit runs of 7+ and words of 4+ letters of names."""
    found = []
    for text, identifiers in comments(count, seed=26):
        needles = {i.digits for i in identifiers if len(i.digits) >= 7}
        needles |= {w.casefold() for i in identifiers for w in i.words if len(w) >= 4}
        found.append((text, needles))
    found += [
        (text, {"klara", "saga", "sten", "slussen", "vasaskolan", "sjuttio", "tretton", "gmail"})
        for text in EXTRA
    ]
    return found


def _leaks(data: bytes | str, needles: set[str]) -> list[str]:
    """The needles found in ``data`` (bytes, or text already case-folded)."""
    lowered = data.decode("utf-8", "replace").casefold() if isinstance(data, bytes) else data
    return sorted(n for n in needles if n.casefold() in lowered)


def _all_leaks(data: bytes, items: list[tuple[str, set[str]]]) -> list[tuple[str, list[str]]]:
    """Each text whose needles are in ``data``: the file is decoded and folded once."""
    lowered = data.decode("utf-8", "replace").casefold()
    return [(text, _leaks(lowered, needles)) for text, needles in items if _leaks(lowered, needles)]


def test_the_step_log_comment_passes_the_scrubber_in_every_byte(tmp_path: Path) -> None:
    items = texts(300)
    steps = [s.id for s in ROUTINE.steps if s.kind != "information"]
    with StepLog.open(tmp_path, retention_days=100_000) as log:
        for number, (text, _) in enumerate(items):
            session = WalkSession(ROUTINE, START + dt.timedelta(hours=number))
            log.start(session)
            status = DEVIATION if number % 2 else NOT_APPLICABLE
            category = "annat" if status == DEVIATION else None
            session.set_step(steps[number % len(steps)], status, at(number * 60 + 1), category, text)
        assert not _all_leaks(db_bytes(tmp_path), items)
    assert not _all_leaks(db_bytes(tmp_path), items)  # closed: what stays on disk


def test_every_text_column_of_the_step_log_is_known(tmp_path: Path) -> None:
    StepLog.open(tmp_path).close()
    connection = sqlite3.connect(tmp_path / DB_NAME)
    found = set()
    for (table,) in connection.execute("select name from sqlite_master where type = 'table'"):
        for _, column, kind, *_ in connection.execute(f"pragma table_info({table})"):
            if kind.lower() == "text":
                found.add((table, column))
    connection.close()
    unknown = {
        (table, column)
        for table, column in found
        if column not in PROGRAM_COLUMNS.get(table, set())
        and ("steglogg", f"{table}.{column}") not in FREE_TEXT
    }
    assert not unknown, f"a text column nobody classified: {unknown}"


def _review_with(text: str) -> rw.Review:
    review = rw.start_review(ROUTINE, NOW)
    step = next(s for s in ROUTINE.steps)
    contact = ROUTINE.contacts[0]
    review.mark_item(ROUTINE, step.id, rw.ITEM_CHANGE, text)
    review.mark_contact(ROUTINE, contact.id, rw.CONTACT_CHANGE, text, text)
    review.set_missing(text, ROUTINE)
    return review


def _strings(value: object, path: str = "") -> list[tuple[str, str]]:
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        out = []
        for key, item in value.items():
            out += _strings(item, f"{path}.{key}" if path else str(key))
        return out
    if isinstance(value, list):
        return [pair for item in value for pair in _strings(item, path)]
    return []


def _field(path: str) -> str:
    parts = path.split(".")
    if parts[0] in ("items", "contacts") and len(parts) == 3:
        return f"{parts[0]}.*.{parts[2]}"
    return path


def test_review_notes_pass_the_scrubber_in_the_saved_file_and_every_protocol(
    tmp_path: Path, isolated_user: Path
) -> None:
    from samverkan_tui.export import render
    from samverkan_tui.export.data import review_dict
    from samverkan_tui.export.review_protocol import document_for_review

    for number, (text, needles) in enumerate(texts(120)):
        review = _review_with(text)
        path = rw.save_review(review)
        saved = path.read_bytes()
        # The contact fields keep digits (a unit's new number is what they are for):
        # only words are searched there; the notes must lose digits too.
        data = json.loads(saved)
        for key, value in _strings(data):
            field = _field(key)
            if ("granskning", field) in FREE_TEXT:
                words = {n for n in needles if not n.isdigit()}
                allowed_digits = field.startswith("contacts")
                assert not _leaks(value.encode(), words if allowed_digits else needles), (text, key, value)
            else:
                assert key.split(".")[-1] in PROGRAM_REVIEW_KEYS or key.split(".")[0] == "notices", key
        words = {n for n in needles if not n.isdigit()}
        assert not _leaks(saved, words), (text, saved)
        if number % 10 == 0:
            document = document_for_review(ROUTINE, review, NOW)
            for kind in ("text", "md", "html"):
                printed = render(document, kind)
                assert not _leaks(printed.encode() if isinstance(printed, str) else printed, words), kind
            protocol = json.dumps(review_dict(ROUTINE, review, NOW), ensure_ascii=False).encode()
            assert not _leaks(protocol, words)
        rw.discard_review(ROUTINE.id)


def test_a_review_saved_by_an_older_version_is_scrubbed_when_it_is_read(isolated_user: Path) -> None:
    review = rw.start_review(ROUTINE, NOW)
    path = rw.save_review(review)
    data = json.loads(path.read_text("utf-8"))
    step = ROUTINE.steps[0].id
    data["items"] = {step: {"verdict": rw.ITEM_CHANGE, "change": "Ring Klara Lindqvist 19850312-1234"}}
    data["missing"] = "mamman saga saknas"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    loaded = rw.load_saved_review(ROUTINE)
    assert loaded is not None
    assert "Klara" not in loaded.items[step].change and "1234" not in loaded.items[step].change
    assert "saga" not in (loaded.missing or "")


@pytest.mark.parametrize("kind", ["change", "missing"])
def test_review_notes_keep_the_routines_own_words(kind: str, isolated_user: Path) -> None:
    text = "BoU och RVT ska ringa Mottagningsgruppen inom 14 dgr enl. SIP"
    review = _review_with(text)
    stored = review.items[ROUTINE.steps[0].id].change if kind == "change" else review.missing
    assert stored == "BoU och RVT ska ringa Mottagningsgruppen inom ## dgr enl. SIP"
