"""No generated identifier survives the scrubber or reaches the log's files or any export.

The generator (``identifiers.py``) is broader than any rule list: personnummer and
samordningsnummer in every spelling (``/ . _``, zero-width characters, full-width
digits), LMA numbers, case numbers of several systems, obfuscated e-mail, phones, names of
many origins in any case, streets of every ending with and without numbers, places.

Sizes: ``SAMVERKAN_PRIVACY_N`` identifiers (3 000 in `make test`, 10 000 in `make
test-thorough`) are scrubbed and stored; ``SAMVERKAN_PRIVACY_EXPORT_WALKS`` walks (2, or 4;
each holding one comment per step) are exported in every format. A leak is a digit, or a
word of a name/street/place that the vocabulary does not list as an everyday word ("per",
"inga" kept in lower case).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from samverkan_tui.core.walk.session import WalkSession
from samverkan_tui.core.walk.status import DEVIATION
from samverkan_tui.steplog.scrub import routine_vocabulary, scrub, scrub_comment
from samverkan_tui.steplog.store import StepLog
from tests.robustness.identifiers import Identifier, comments
from tests.steplog.helpers import START, db_bytes, routine
from tests.sweeps import sweep_size

ROUTINE = routine("rvt-bou")
VOCABULARY = routine_vocabulary(ROUTINE)
COUNT = sweep_size("SAMVERKAN_PRIVACY_N", sample=3000, thorough=10_000)
EXPORT_WALKS = sweep_size("SAMVERKAN_PRIVACY_EXPORT_WALKS", sample=2, thorough=4)
_WORDS = re.compile(r"[^\W\d_]+")


def leaks(stored: str, identifiers: list[Identifier]) -> list[str]:
    found = [c for c in stored if c.isdigit()]
    words = {w.casefold() for w in _WORDS.findall(stored)}
    for identifier in identifiers:
        for word in identifier.words:
            lower = word.casefold()
            if lower in words and lower not in VOCABULARY.everyday:
                found.append(f"{identifier.kind}: {word}")
    return found


def test_no_generated_identifier_survives_scrubbing() -> None:
    tried = 0
    for text, identifiers in comments(COUNT):
        tried += len(identifiers)
        stored = scrub(text, VOCABULARY)
        assert not leaks(stored, identifiers), (text, stored, leaks(stored, identifiers))
        assert scrub(stored, VOCABULARY) == stored  # the app scrubs, the store scrubs again
    assert tried == COUNT


def needles(identifiers: list[Identifier]) -> set[bytes]:
    """What must not be in a file's bytes: long digit runs and words of four letters or more."""
    found: set[bytes] = set()
    for identifier in identifiers:
        if len(identifier.digits) >= 7:  # shorter runs occur in timestamps (microseconds)
            found.add(identifier.digits.encode())
        for word in identifier.words:
            if len(word) >= 4 and word.casefold() not in VOCABULARY.everyday:
                found.add(word.casefold().encode())
    return found


def searchable(data: bytes) -> str:
    """Every distinct word and digit run in ``data``, lower-cased, joined by spaces.

    Searching this for a needle is a substring search of every word of the file, but over
    the few thousand distinct words instead of megabytes of pages. Only runs of eight or
    more printable characters count as text: SQLite's pages (and the WAL's random salts)
    hold binary bytes that decode to short runs of letters by chance. Random hex ids and
    hashes are left out too ("ebba" is a name, and four hex digits).
    """
    text = _HEX_ID.sub(" ", data.decode("utf-8", errors="replace").casefold())
    runs = _TEXT_RUN.findall(text)
    return " ".join(sorted({w for run in runs for w in re.findall(r"[^\W\d_]+|\d+", run)}))


_HEX_ID = re.compile(r"[0-9a-f]{32,}")
_TEXT_RUN = re.compile(r"[^\x00-\x1f\x7f-\x9f\ufffd]{8,}")


def _walks(items: list[tuple[str, list[Identifier]]], with_comments: bool) -> list[WalkSession]:
    """Walks with one deviation comment per step (the export shows each step's last one)."""
    steps = [s.id for s in ROUTINE.steps]
    walks = []
    for start in range(0, len(items), len(steps)):
        session = WalkSession(ROUTINE, START + dt.timedelta(hours=start))
        for offset, (text, _) in enumerate(items[start : start + len(steps)]):
            session.set_step(
                steps[offset],
                DEVIATION,
                session.started_at + dt.timedelta(minutes=offset),
                "annat",
                text if with_comments else None,
            )
        walks.append(session)
    return walks


def test_no_identifier_reaches_the_database_wal_or_shm(tmp_path: Path) -> None:
    items = list(comments(COUNT, seed=15))
    secret = needles([i for _, group in items for i in group])
    with StepLog.open(tmp_path / "bas", retention_days=100_000) as log:
        log.store_walks(_walks(items, with_comments=False))
        baseline = searchable(db_bytes(tmp_path / "bas"))
    secret = {s for s in secret if s.decode() not in baseline}
    folder = tmp_path / "logg"
    log = StepLog.open(folder, retention_days=100_000)
    # The app's way for a few hundred (one transaction per event, WAL), the rest in bulk.
    live = _walks(items[:200], with_comments=False)
    for session in live:
        log.start(session)
    for index, (text, _) in enumerate(items[:200]):
        session = live[index // len(ROUTINE.steps)]
        session.set_step(
            ROUTINE.steps[index % len(ROUTINE.steps)].id,
            DEVIATION,
            START + dt.timedelta(days=1, minutes=index),
            "annat",
            text,
        )
    log.store_walks(_walks(items[200:], with_comments=True))
    open_words = searchable(db_bytes(folder))  # WAL and shm included, while open
    log.close()
    closed_words = searchable(db_bytes(folder))
    assert "svarade" in open_words and "ringde" in closed_words  # the search sees comments
    for needle in secret:
        assert needle.decode() not in open_words, needle
        assert needle.decode() not in closed_words, needle


def _run(capsys, *args: str) -> tuple[int, str]:
    from samverkan_tui.cli import main
    from samverkan_tui.cli.common import STATE

    STATE.now_text, STATE.routine_dirs, STATE.debug, STATE._config, STATE._catalog = (
        None,
        [],
        False,
        None,
        None,
    )
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, _ = capsys.readouterr()
    return exit_info.value.code, out


def _exports(capsys, folder: Path, session_id: str) -> dict[str, bytes]:
    from pypdf import PdfReader

    files: dict[str, bytes] = {}
    for format in ("md", "html", "pdf", "json"):
        target = folder / f"{session_id}.{format}"
        code, _ = _run(capsys, "logg", "export", session_id, "--format", format, "--ut", str(target))
        assert code == 0
        files[format] = target.read_bytes()
        if format == "pdf":
            files["pdf-text"] = "".join(p.extract_text() for p in PdfReader(target).pages).encode()
    for format in ("text", "md", "json"):
        code, out = _run(capsys, "logg", "visa", session_id, "--format", format)
        assert code == 0
        files[f"visa-{format}"] = out.encode()
    return files


def test_no_identifier_reaches_any_export(capsys, tmp_path: Path) -> None:
    items = list(comments(EXPORT_WALKS * len(ROUTINE.steps) * 2, seed=16))[
        : EXPORT_WALKS * len(ROUTINE.steps)
    ]
    with_comments, without = _walks(items, True), _walks(items, False)
    with StepLog.open(retention_days=100_000) as log:  # SAMVERKAN_DATA (conftest)
        log.store_walks(with_comments + without)
    tried = 0
    for index, (walk, plain) in enumerate(zip(with_comments, without, strict=True)):
        group = items[index * len(ROUTINE.steps) : (index + 1) * len(ROUTINE.steps)]
        tried += sum(len(ids) for _, ids in group)
        secret = needles([i for _, ids in group for i in ids])
        exported = _exports(capsys, tmp_path, walk.id)
        baseline = _exports(capsys, tmp_path, plain.id)
        shown = json.loads(exported["json"])
        assert any(step.get("comment") for step in _steps(shown)), "the export shows comments"
        for name, data in exported.items():
            words, base = searchable(data), searchable(baseline[name])
            for needle in secret:
                if needle.decode() not in base:
                    assert needle.decode() not in words, (name, needle)
    assert tried >= EXPORT_WALKS * len(ROUTINE.steps)


def _steps(document: object) -> list[dict]:
    """Every dict with a ``comment`` key anywhere in the JSON export."""
    found = []
    if isinstance(document, dict):
        if "comment" in document:
            found.append(document)
        for value in document.values():
            found += _steps(value)
    elif isinstance(document, list):
        for value in document:
            found += _steps(value)
    return found


def test_the_app_can_show_what_will_be_stored_before_storing() -> None:
    from samverkan_tui.steplog.scrub import marked, removed_pieces, scrub_parts

    text = "Ringde Nguyen Thi Lan på 070-123 45 67, tolk saknades"
    parts = scrub_parts(text, VOCABULARY)
    assert "".join(p.written for p in parts) == text
    # Digits are changed too (to #), so they are among the pieces not stored as written.
    assert removed_pieces(text, VOCABULARY) == ["Nguyen", "Thi", "Lan", "070-123", "45", "67,"]
    assert marked(text, VOCABULARY) == "Ringde ⟨Nguyen⟩ ⟨Thi⟩ ⟨Lan⟩ på ⟨070-123⟩ ⟨45⟩ ⟨67,⟩ tolk saknades"
    assert scrub_comment(text, VOCABULARY) == "Ringde […] på ###-### ## ##, tolk saknades"


def test_digits_spelled_as_words_are_digits() -> None:
    assert scrub("ring noll sju noll, ett två tre", VOCABULARY) == "ring # # #, # # #"
    assert scrub("Det tog tre dagar och en vecka.", VOCABULARY) == "Det tog tre dagar och en vecka."
