"""A routine's source text (extracted from Word or PDF) as blocks and sentences with line numbers.

Shared by the review (which shows the source sentence an item comes from) and the draft
(which turns the source into a routine file). Extraction artefacts are undone only where
it is safe: a line broken inside a sentence is joined to the next, a word hyphenated at
a line end ("BoU-\\nutredare") keeps its hyphen, and list markers ("1)", "•", "-") start
a new block. Nothing is reworded.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

# A list item at the start of a line: "1)", "2.", "•", "-", "–", "a)".
LIST_MARKER = re.compile(r"^\s*(?:(?P<number>\d{1,2})[).](?!\d)|(?P<bullet>[•\-–*·▪])(?=\s))\s*")
# Where a sentence ends: . ! ? (not a decimal point, "8.30", nor an abbreviation such as
# "bitr." or "t.ex.") followed by a capital, a digit or a quote.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"”(A-ZÅÄÖ0-9])")
_ABBREVIATIONS = (
    "bitr.",
    "t.ex.",
    "ex.",
    "bl.a.",
    "bl a.",
    "resp.",
    "enl.",
    "alt.",
    "ev.",
    "kap.",
    "jfr.",
    "ca.",
    "s.k.",
    "dvs.",
    "mm.",
    "m.m.",
    "tel.",
    "nr.",
    "st.",
    "p.g.a.",
    "f.d.",
)
_WORD = re.compile(r"\w+")
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")


class Sentence(NamedTuple):
    text: str
    line: int  # 1-based line where it starts
    block: int  # index of its block


class Block(NamedTuple):
    """Consecutive non-blank lines that belong together (a paragraph, or one list item)."""

    text: str  # joined, one line
    line: int  # first line, 1-based
    end_line: int  # last line
    marker: str  # "1" for "1)", "•" for a bullet, "" for a paragraph
    lines: tuple[str, ...]  # the source lines, stripped


def _join(parts: list[str]) -> str:
    text = ""
    for part in parts:
        if not text:
            text = part
        elif text.endswith("-") and part[:1].islower():
            text += part  # "BoU-" + "utredare": hyphenated compound, keep the hyphen
        else:
            text += " " + part
    return text


def blocks(source: str) -> list[Block]:
    """The source split at blank lines and at list markers, lines joined."""
    result: list[Block] = []
    current: list[str] = []
    first = 0
    marker = ""

    def flush(end: int) -> None:
        nonlocal current
        if current:
            result.append(Block(_join(current), first, end, marker, tuple(current)))
        current = []

    for number, raw in enumerate(source.splitlines(), start=1):
        # Word's symbol-font bullets come out of the extraction as private-use characters
        # (U+F0B7 ""); they carry no text, and the line after them reads as the source's.
        line = _PRIVATE_USE.sub("", raw).strip()
        if not line:
            flush(number - 1)
            continue
        if _PRIVATE_USE.match(raw.lstrip()):
            flush(number - 1)  # the symbol starts something new: a heading or an item
        elif current and marker and not marker.isdigit() and raw[:1].isspace() and line[:1].isupper():
            flush(number - 1)  # an indented capitalised line after a bullet: a new paragraph
        match = LIST_MARKER.match(line)
        if match:
            flush(number - 1)
            first = number
            marker = match["number"] or match["bullet"]
            line = line[match.end() :]
            current = [line] if line else []
            if not line:
                current = []
            continue
        if not current:
            previous = result[-1] if result else None
            # A list item broken by the extraction's blank lines: "• Stödinsatser enligt SoL
            # alt.", blank, "ansökan om vård enl. LVU": a lower-case line continues the item.
            # Likewise a paragraph: "… syfte att skapa en", blank, "rutin vid upptäckt …"
            # (Västerbotten's extraction puts blank lines between a paragraph's lines).
            continues = previous is not None and previous.end_line >= number - 3
            if previous is not None and continues:
                if previous.marker:
                    continues = line[:1].islower() or line[:1] == "("
                else:
                    ended = previous.text.rstrip().endswith((".", ":", "?", "!", ";"))
                    continues = line[:1].islower() and not ended
            if previous is not None and continues:
                result.pop()
                current = list(previous.lines)
                first, marker = previous.line, previous.marker
            else:
                first = number
                marker = ""
        current.append(line)
    flush(len(source.splitlines()))
    return result


def split_sentences(text: str) -> list[str]:
    """``text`` split into sentences; abbreviations ("bitr.", "t.ex.") do not end one."""
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.start()]
        last_word = before.rsplit(" ", 1)[-1].lower()
        if last_word in _ABBREVIATIONS or re.fullmatch(r"\w\.", last_word):
            continue
        pieces.append(before.strip())
        start = match.end()
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


def _line_of(block: Block, sentence: str) -> int:
    """The source line where ``sentence`` (part of ``block``) starts."""
    head = squash(sentence)[:12]
    for offset, line in enumerate(block.lines):
        if head and head[:6] in squash(line):
            return block.line + offset
    return block.line


def _line_starts(parts: tuple[str, ...]) -> list[int]:
    """Where each source line starts in the block's joined text (as ``_join`` joins them)."""
    starts, length = [], 0
    for index, part in enumerate(parts):
        if index and not (parts[index - 1].endswith("-") and part[:1].islower()):
            length += 1  # the space _join puts between lines
        starts.append(length)
        length += len(part)
    return starts


def _line_numbers(block: Block, raw: list[str]) -> list[int]:
    """The source line of each of the block's lines: a block continued after blank lines
    (an item the extraction broke) skips them, so the numbers are found, not counted."""
    numbers, at = [], block.line
    for offset, part in enumerate(block.lines):
        found = next((n for n in range(at, min(len(raw), block.end_line) + 1) if part in raw[n - 1]), 0)
        numbers.append(found or min(block.line + offset, block.end_line))
        at = (found or at) + 1
    return numbers


def sentences(source: str) -> list[Sentence]:
    """Every sentence with the line it starts on: found by its place in the block's text,
    so "Om …" starting at the end of a line is on that line, and a sentence the block
    repeats is on its own line each time."""
    import bisect

    raw = source.splitlines()
    result = []
    for index, block in enumerate(blocks(source)):
        starts = _line_starts(block.lines)
        numbers = _line_numbers(block, raw)
        cursor = 0
        for sentence in split_sentences(block.text):
            at = block.text.find(sentence, cursor)
            if at < 0 or not numbers:
                line = _line_of(block, sentence)
            else:
                cursor = at + len(sentence)
                line = numbers[max(bisect.bisect_right(starts, at) - 1, 0)]
            result.append(Sentence(sentence, line, index))
    return result


_SQUASH = re.compile(r"[^\w§]+")


def squash(text: str) -> str:
    """Letters, digits and § only, lower case: what a compare of wording looks at."""
    return _SQUASH.sub("", text.replace("’s", "s").replace(":s", "s")).lower()


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


class SourceMatch(NamedTuple):
    text: str  # the source sentence(s) the item comes from
    line: int
    score: float  # 0–1; 1 is the same wording


@lru_cache(maxsize=8)
def _candidates(source: str) -> tuple[tuple[str, int, frozenset[str], str], ...]:
    """Single sentences and runs of up to three in one block: (text, line, words, squashed)."""
    found = sentences(source)
    result = []
    for index, sentence in enumerate(found):
        for size in (1, 2, 3):
            run = found[index : index + size]
            if len(run) < size or any(s.block != sentence.block for s in run):
                break
            text = " ".join(s.text for s in run)
            result.append((text, sentence.line, frozenset(words(text)), squash(text)))
    return tuple(result)


def find_in_source(text: str, source: str, minimum: float = 0.5) -> SourceMatch | None:
    """The sentence(s) of ``source`` that ``text`` most likely comes from, or None.

    Fuzzy: a changed word, a corrected slip or a dropped "…" still finds its sentence.
    Candidates are narrowed by shared words, then ranked by ``difflib`` similarity.
    """
    found = find_all_in_source(text, source, minimum)
    return found[0] if found else None


def find_all_in_source(text: str, source: str, minimum: float = 0.5) -> list[SourceMatch]:
    """Every sentence of ``source`` that ``text`` matches equally best, in source order: a
    sentence the source repeats (under "akut" and again under "inte akut") is found at
    each place, for the caller to tell which one an item comes from."""
    import difflib

    wanted = frozenset(words(text))
    target = squash(text)
    if not wanted or not target:
        return []
    scored = []
    for candidate, line, vocabulary, squashed in _candidates(source):
        overlap = len(wanted & vocabulary) / len(wanted | vocabulary)
        if overlap > 0.2:
            scored.append((overlap, candidate, line, squashed))
    scored.sort(key=lambda entry: -entry[0])
    top = 0.0
    best: list[tuple[str, int]] = []
    for _, candidate, line, squashed in scored[:12]:
        if target in squashed:
            ratio = max(len(target) / len(squashed), 0.9)
        else:
            ratio = difflib.SequenceMatcher(None, target, squashed, autojunk=False).ratio()
        if not best or ratio > top:
            top, best = ratio, [(candidate, line)]
        elif ratio == top:
            best.append((candidate, line))
    if not best or round(top, 3) < minimum:
        return []
    score = round(top, 3)
    return [SourceMatch(candidate, line, score) for candidate, line in sorted(best, key=lambda b: b[1])]
