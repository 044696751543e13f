"""The whole routine is the whole routine: the printout carries the source's sentences, in order.

`samverkan exportera ID` without answers promises "hela rutinen som källan har den". This
test measures it per routine on the text the printout is made of: the whole-routine
document (`document_for_routine`) rendered by the text renderer (`render(…, "text")`, the
same document the PDF, HTML and Markdown are rendered from), without line wrapping.

What a "sentence" of the source is (`source_sentences`):

- the source's text with footnote markers removed and the approved slips corrected, exactly
  as the traceability test reads it (`tests/test_traceability.py`);
- footnote bodies (the literature references under a page's footnote rule, "2 Ibid sid.
  13.") are not part of the routine's text and are left out;
- a unit is a paragraph, a list item (a line starting with "•", "-", "1." or "1)"; the
  bullet or number, and a closing "," or ", och" that ties it to the next, is left out)
  or a heading (a short line that ends without punctuation, after a sentence's end and
  directly over a line starting with a capital letter); a
  paragraph goes on over a blank line when its long last line stops in the middle of a
  sentence (an extraction artefact); each unit is split into sentences after ".", "?" or
  "!" followed by a capital letter;
- a sentence with no letters (a stray "." between pages) is not counted, and a doubled full
  stop at a sentence's end ("förskola/skola..") counts as one.

A sentence counts when its squashed text (white space, dashes, bullets and quote marks
removed, lower case: the traceability test's `squash`) stands in the squashed printout.
"In order" is the longest chain of counted sentences whose places in the printout rise with
their places in the source: a sentence the routine moved (RVT's point 3, which the routine
puts after BoU's first assessment) or that stands only in a question's help text at the top
is found, but not in order. The figure is the share of sentences in order.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from functools import cache

import pytest

from samverkan_tui.core.routine.catalog import builtin_dir, routine_files
from samverkan_tui.core.routine.loader import load_routine
from samverkan_tui.core.routine.model import Routine
from samverkan_tui.export import render
from samverkan_tui.export.document import document_for_routine
from tests.conftest import SOURCES
from tests.test_traceability import CORRECTIONS, squash, strip_footnote_markers, without_footnotes

REQUIRED = 0.95
NOW = dt.datetime.fromisoformat("2026-11-23T10:00+01:00")

_ITEM_START = re.compile(r"^\s*(?:[•\uf0b7\-–]\s|\d{1,2}[.)]\s)")
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[”\"(]?[A-ZÅÄÖ])")


_LAYOUT = r"[\s\-‐‑–—’'`´\"”“•]*"


def _loose(text: str) -> str:
    """A pattern for text with any layout (line breaks, hyphenation) between its characters."""
    return _LAYOUT.join(re.escape(ch) for ch in text if not ch.isspace())


def _corrected(file: str, raw: str) -> str:
    """The raw source with the approved slips corrected.

    Only the part that differs is replaced, so the line breaks around it (which split the
    source into units) stay where they are.
    """
    for name, wrong, right in CORRECTIONS:
        if name != file:
            continue
        start = 0
        while start < min(len(wrong), len(right)) and wrong[start] == right[start]:
            start += 1
        end = 0
        while end < min(len(wrong), len(right)) - start and wrong[-1 - end] == right[-1 - end]:
            end += 1
        head, middle, tail = wrong[:start], wrong[start : len(wrong) - end], wrong[len(wrong) - end :]
        pattern = f"({_loose(head)}{_LAYOUT}){_loose(middle)}({_LAYOUT}{_loose(tail)})"
        replacement = right[start : len(right) - end]
        raw, count = re.subn(pattern, lambda m, new=replacement: m[1] + new + m[2], raw, count=1)
        assert count == 1, f"correction not found in {file}: {wrong}"
    return raw


def _join(lines: list[str]) -> str:
    """A unit's lines as one line; a word split over a line break ("förvalt-/ningar") joined."""
    text, split = "", False
    for raw in lines:
        line = raw.strip()
        joined = split and line[:1].islower()
        text = text[:-1] + line if joined else (f"{text} {line}" if text else line)
        # "förvalt-" at the very end of a line splits a word; "offentlighets- " (a blank
        # after the dash) is a compound's first part: "offentlighets- och sekretesslagen".
        split = bool(re.search(r"[a-zåäö]-$", raw.rstrip("\n")))
    return text


def _heading_like(line: str) -> bool:
    """A short line that does not end like a sentence or a clause."""
    line = line.strip()
    return len(line) <= 70 and not re.search(r"[.,:;?!\-–(]$", line)


def _broken_off(line: str) -> bool:
    """A long line that stops mid-sentence: its sentence goes on after the blank line."""
    line = line.strip()
    return len(line) > 60 and (line[-1:].islower() or line.endswith((",", "-")))


@cache
def source_sentences(file: str) -> tuple[str, ...]:
    raw, _ = strip_footnote_markers((SOURCES / file).read_text(encoding="utf-8"))
    raw = without_footnotes(raw)
    raw = _corrected(file, raw)
    units: list[list[str]] = []
    current: list[str] = []
    lines = raw.splitlines()
    for index, line in enumerate(lines):
        if not line.strip():
            # A blank line ends a unit, except inside a long line broken off mid-sentence
            # (the extraction puts blank lines inside some paragraphs).
            if current and not _broken_off(current[-1]):
                units.append(current)
                current = []
            continue
        if _ITEM_START.match(line) and current:
            units.append(current)
            current = []
        following = lines[index + 1].strip() if index + 1 < len(lines) else ""
        after_sentence = not current or re.search(r"[.?!:]\s*$", current[-1])
        if after_sentence and _heading_like(line) and (following[:1].isupper() or following[:1] in '"”'):
            if current:
                units.append(current)
            units.append([line])  # a heading directly over its text
            current = []
            continue
        current.append(line)
    if current:
        units.append(current)
    sentences: list[str] = []
    for unit in units:
        # A list's bullet or number is the source's layout; the printout numbers its own.
        # So is the comma (", och") that ties a list item to the next.
        text = _join(unit)
        if _ITEM_START.match(text):
            text = re.sub(r"(?:,| och|, och|;)$", "", _ITEM_START.sub("", text, count=1).rstrip())
        for sentence in _SENTENCE_END.split(text):
            # A stray full stop before a heading, a doubled one at the end: typing slips.
            sentence = re.sub(r"\.\.+$", ".", sentence.strip().lstrip(". "))
            if re.search(r"[^\W\d_]", sentence):
                sentences.append(sentence)
    return tuple(sentences)


def whole_printout(routine: Routine) -> str:
    text = render(document_for_routine(routine, NOW), "text", width=None)
    assert isinstance(text, str)
    return text


def _places(needle: str, haystack: str) -> list[int]:
    places, start = [], 0
    while (found := haystack.find(needle, start)) >= 0:
        places.append(found)
        start = found + 1
    return places


def coverage(routine: Routine) -> tuple[int, int, int, list[str], list[str]]:
    """(in order, found anywhere, total, not found, found out of order) for one routine."""
    sentences = source_sentences(routine.source_file)
    printout = squash(whole_printout(routine))
    # Longest chain with rising places: patience sorting over each sentence's places, the
    # places of one sentence taken from the last so that one sentence counts once.
    tails: list[int] = []  # the smallest last place of a chain of each length
    tail_ends: list[tuple[int, int]] = []  # (sentence, place) ending that chain
    back: dict[tuple[int, int], tuple[int, int] | None] = {}
    missing: list[str] = []
    found = 0
    for index, sentence in enumerate(sentences):
        places = _places(squash(sentence), printout)
        if not places:
            missing.append(sentence)
            continue
        found += 1
        for place in reversed(places):
            at = bisect.bisect_left(tails, place)
            back[(index, place)] = tail_ends[at - 1] if at else None
            if at == len(tails):
                tails.append(place)
                tail_ends.append((index, place))
            else:
                tails[at] = place
                tail_ends[at] = (index, place)
    chain: set[int] = set()
    link = tail_ends[-1] if tail_ends else None
    while link is not None:
        chain.add(link[0])
        link = back[link]
    found_indexes = [i for i, s in enumerate(sentences) if s not in missing]
    out_of_order = [sentences[i] for i in found_indexes if i not in chain]
    return len(tails), found, len(sentences), missing, out_of_order


ROUTINES = [load_routine(p).routine for p in routine_files(builtin_dir())]


@pytest.mark.parametrize("routine", ROUTINES, ids=lambda r: r.id)
def test_the_whole_printout_carries_the_source_in_order(routine: Routine) -> None:
    in_order, found, total, missing, out_of_order = coverage(routine)
    share = in_order / total
    print(
        f"\n{routine.id}: {in_order} of {total} source sentences in order ({share:.1%}), "
        f"{found} found ({found / total:.1%})"
    )
    for sentence in missing:
        print(f"  saknas: {sentence}")
    for sentence in out_of_order:
        print(f"  ur ordning: {sentence}")
    assert share >= REQUIRED, f"{routine.id}: {share:.1%} of the source's sentences in order"


def test_sentences_are_split_as_documented() -> None:
    botkyrka = source_sentences("botkyrka-samverkan-forskola-skola-socialtjanst.txt")
    # A heading directly over its text is its own sentence, the text starts a new one.
    assert "Riskfaktor och skyddsfaktor" in botkyrka
    assert "Det finns olika faktorer som avgör barn levnadsförhållanden." in botkyrka
    # A word split over a line break is joined; list items are units of their own.
    assert (
        "Det reglerar hur våra två förvaltningar, utbildningsförvaltningen och socialförvaltningen "
        "samverkar kring barn som far illa eller riskerar att fara illa." in botkyrka
    )
    assert "att dokumentera" in botkyrka
    # Footnote bodies are not the routine's text; corrections are applied.
    assert not any("Ibid" in s for s in botkyrka)
    assert any("en så kallad förhandsbedömning" in s for s in botkyrka)


def test_a_sentence_out_of_place_is_found_but_not_in_order() -> None:
    """The chain counts a sentence only where its place rises with the source's order."""
    routine = next(r for r in ROUTINES if r.id == "rvt-bou")
    in_order, found, total, _, _ = coverage(routine)
    assert in_order <= found <= total
    shuffled = routine._replace(steps=tuple(reversed(routine.steps)))
    assert coverage(shuffled)[0] < in_order
