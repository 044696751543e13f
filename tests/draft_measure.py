"""How much of a shipped routine `samverkan utkast` reproduces from the routine's source text.

Two figures per shipped routine, both comparing wording "squashed" (letters, digits and §
only, lower case; a bracketed insertion such as "[och]" in the shipped text left out,
since the routine marks it as not the source's):

**Items** (``item_coverage``): for each item of the shipped routine, is there a draft
item with the same squashed text in the same section: a draft section, or one it is
nested in, whose title matches the shipped item's section title (``title_matches``;
"the same section" as for sentences below)?

**Sentences** (``sentence_coverage``), what issue 18 asks for: "at least 90 % of the
sentences that the shipped routine encodes are placed by the draft in the same section".

- *Sentences* are ``core.source_text.sentences(source)``, the same split the traceability
  report and the review use.
- A sentence is *encoded* by the shipped routine when its squashed text is contained in
  the text of a shipped item, or in a section's title or text (a sentence shorter than
  ``PART_MINIMUM`` only when it is the whole text: "Skolan" as a heading is not encoded by
  every item that names the school). A section's ``text`` is a
  paragraph of the source shown under its heading; a lead-in such as "Det sker i samband
  med att:" may be a section's title. The place is that item's or that section's
  section. Sentences the routine keeps only outside sections (question help, general
  rules, review text, remarks) are not counted: "in the same section" has no meaning for
  them. Neither are sentences the routine does not keep at all, nor those it keeps only
  as reference text (`reference = true`, issue 24: background, definitions, law and fact
  boxes, printed in the whole routine but never in a plan): the measure is about what
  the routine encodes for a walk, as it was when the figures below were set.
- A sentence whose text is not contained in any of those, but which contains whole
  shipped items (each at least ``PART_MINIMUM`` squashed characters), is encoded *in
  parts*: the shipped routine split it ("Erbjuda behandling … (BUP ansvariga …)" into
  two items by who does it), or the extraction ran a heading into its first line
  ("Tillgång till konsultation Vid osäkerhet …"). Counting these keeps the sentences in
  the denominator rather than silently dropping them; each part must be placed.
- A sentence (or part) is *placed in the same section* when the draft has an item that
  contains it (squashed) in a section whose title matches the shipped place's section
  title, or, for a sentence the shipped routine made a section title, a draft section
  whose title contains it and matches that title. A draft item may contain more than
  the sentence: the issue asks where a sentence is placed, not whether the draft cut
  items the way the shipped file did (the item measure shows that).
- "The same section" includes the sections nested in it: a sentence of the source's
  "1.4.1 Äldre personer" is in section 1.4, so when the shipped file keeps it in 1.4 (as
  a note) and the draft in its subsection 1.4.1, it is placed. Likewise a sentence the
  draft makes the title of a lead-in section nested in the matching section ("I
  samverkan med … på något av följande sätt:", which the shipped file keeps as that
  section's text). The other way round does not count: a sentence the shipped file
  keeps in a nested lead-in section ("Det sker i samband med att") and the draft only
  in the section around it is a miss.
- Repeated sentences (rvt-bou gives "BoU-handläggare gör en skyddsbedömning på barnen."
  under four headings): the n-th occurrence in the source goes with the n-th shipped
  place when both have as many; else with any of them. The draft item is the one whose
  source line is nearest to the sentence's.

``title_matches``: each part of the shipped title between "…" omissions stands in the
draft title, in order (the shipped file abbreviates a long heading with "…").

Two more figures per source (issue 25), on the routine's *logic* rather than its wording:

**Conditions** (``condition_coverage``): of the source's sentences that open with a
condition ("Om", "Vid", "När", "I de fall", "Ifall"; "Vid behov" included; "När det
gäller …", a topic, not), the share for which the draft proposes a question and a
condition: an item holding the sentence with a ``when``, a lead-in section whose title is
the sentence with a ``when``, or a branch section made from it ("– om situationen är
akut?"). The denominator is this module's own pattern, not the draft's detector.

**Actions** (``action_kinds``): of the shipped routine's actions (checkable items) that
the draft reproduces (a draft item whose squashed text holds the action's, or the
other way round), the share the draft gives kind ``åtgärd``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from samverkan_tui.core.manage.draft import Draft, build_draft
from samverkan_tui.core.routine.loader import load_routine
from samverkan_tui.core.routine.model import Routine
from samverkan_tui.core.routine.source_text import sentences, split_sentences

REPO = Path(__file__).resolve().parent.parent
CHECKLISTS = REPO / "checklists"
SOURCES = REPO / "docs" / "sources"

PART_MINIMUM = 12  # squashed characters; shorter items ("Skydd") occur inside unrelated sentences


def squash(text: str) -> str:
    text = re.sub(r"\[[^\]]*\]", "", text)
    return re.sub(r"[^\w§]+", "", text.replace("’s", "s").replace(":s", "s")).lower()


def title_matches(shipped_title: str, draft_title: str) -> bool:
    """The draft's heading is the shipped one: the same words (squashed), where each "…"
    of the shipped title stands for words it left out, and a leading section number
    ("2 Samverkan …", "2.2.1. Riskbedömning") may be on either side or neither."""
    target = re.sub(r"^\d+", "", squash(draft_title))
    fragments = [squash(part) for part in shipped_title.split("…")]
    fragments[0] = re.sub(r"^\d+", "", fragments[0])
    pattern = "(?:.*)".join(re.escape(fragment) for fragment in fragments)
    return re.fullmatch(pattern, target) is not None


class Miss(NamedTuple):
    line: int
    text: str
    shipped_section: str  # the shipped section's title
    draft_section: str  # where the draft put it ("" when nowhere with that text)


class Coverage(NamedTuple):
    placed: int
    total: int
    misses: tuple[Miss, ...]

    @property
    def share(self) -> float:
        return self.placed / self.total if self.total else 1.0


def load(routine_id: str, build: Callable[..., Draft] = build_draft) -> tuple[Routine, Draft, str]:
    """The shipped routine, the draft of its source (``build``: the draft function; another
    version of it to compare), and the source text."""
    result = load_routine(CHECKLISTS / f"{routine_id}.toml")
    assert result.routine is not None, [str(p) for p in result.problems]
    routine = result.routine
    source = (SOURCES / routine.source_file).read_text(encoding="utf-8")
    return routine, build(source, routine.source_file), source


_OPENS_WITH_CONDITION = re.compile(r"^(?:[-–•]\s*)?(?:Om|Vid|När(?! det gäller)|I de fall|Ifall)\s")


def condition_coverage(routine_id: str, build: Callable[..., Draft] = build_draft) -> Coverage:
    """Conditional sentences of the source that got a proposed question and condition."""
    _, draft, source = load(routine_id, build)
    conditioned = [squash(i.text) for i in draft.items if getattr(i, "when", "")]
    sections = [squash(s.title) for s in draft.sections if s.when]
    placed, total, misses = 0, 0, []
    for sentence in sentences(source):
        if not _OPENS_WITH_CONDITION.match(sentence.text):
            continue
        total += 1
        text = squash(sentence.text)
        phrase = squash(sentence.text.split(",")[0].split(":")[0])
        if any(text in item for item in conditioned) or any(
            text in title or (len(phrase) >= PART_MINIMUM and phrase in title) for title in sections
        ):
            placed += 1
        else:
            misses.append(Miss(sentence.line, sentence.text, "", ""))
    return Coverage(placed, total, tuple(misses))


def conditions_in_comments(routine_id: str, build: Callable[..., Draft] = build_draft) -> int:
    """Conditional sentences whose proposed question went into a TODO comment only (the
    draft's question budget was spent): a person adds it or merges it into another."""
    _, draft, _ = load(routine_id, build)
    return sum(
        1 for i in draft.items if not getattr(i, "when", "") and "föreslagen fråga" in i.condition_note
    )


def action_kinds(
    routine_id: str, build: Callable[..., Draft] = build_draft, actions: bool = True
) -> Coverage:
    """The shipped routine's actions the draft reproduces, and how many it calls åtgärd.
    ``actions=False``: the same for the shipped *information* items (the share the draft
    calls åtgärd is then its false actions)."""
    routine, draft, _ = load(routine_id, build)
    items = [(squash(i.text), i) for i in draft.items]
    placed, total, misses = 0, 0, []
    for step in routine.steps:
        if step.checkable != actions:
            continue
        wanted = squash(step.text)
        if len(wanted) < PART_MINIMUM:
            continue
        found = [
            item for text, item in items if wanted in text or (len(text) >= PART_MINIMUM and text in wanted)
        ]
        if not found:
            continue
        total += 1
        if any(item.kind == "åtgärd" for item in found):
            placed += 1
        else:
            misses.append(Miss(step.line, step.text, routine.section(step.section).title, found[0].kind))
    return Coverage(placed, total, tuple(misses))


def _paths(draft: Draft) -> dict[str, list[str]]:
    """Draft section id -> the titles from that section up to the top."""
    paths = {}
    for section in draft.sections:
        titles, current = [], section
        while current is not None:
            titles.append(current.title)
            current = draft.section(current.parent) if current.parent else None
        paths[section.id] = titles
    return paths


def item_coverage(routine_id: str) -> Coverage:
    routine, draft, _ = load(routine_id)
    paths = _paths(draft)
    by_text: dict[str, list] = defaultdict(list)
    for item in draft.items:
        by_text[squash(item.text)].append(item)
    placed, misses = 0, []
    walked = [step for step in routine.steps if not step.reference]
    for step in walked:
        title = routine.section(step.section).title
        found = by_text.get(squash(step.text), [])
        if any(title_matches(title, t) for i in found for t in paths[i.section]):
            placed += 1
        else:
            where = draft.section(found[0].section).title if found else ""
            misses.append(Miss(step.line, step.text, title, where))
    return Coverage(placed, len(walked), tuple(misses))


class _Place(NamedTuple):
    title: str  # the shipped section's title
    as_title: bool  # the sentence is that section's title (a lead-in made a section)


def _runs(text: str) -> set[str]:
    """Every run of consecutive whole sentences of ``text``, squashed."""
    pieces = [squash(sentence) for sentence in split_sentences(text)]
    count = len(pieces)
    return {"".join(pieces[start:end]) for start in range(count) for end in range(start + 1, count + 1)}


def _shipped_places(routine: Routine) -> list[tuple[str, set[str], _Place]]:
    """(squashed text, its sentence runs, place) for every section and item, in file order.

    An item's text is followed by its notes and warnings: the shipped file moves a
    parenthesis of the source ("(BUP ansvariga om …)") into a note of the item.
    """
    found: list[tuple[str, set[str], _Place]] = []
    for section in routine.sections:
        if section.reference:
            continue  # reference text: see the module docstring
        found.append((squash(section.title), set(), _Place(section.title, True)))
        if section.text:
            found.append((squash(section.text), _runs(section.text), _Place(section.title, False)))
        for step in routine.steps:
            if step.section == section.id and not step.reference:
                text = " ".join((step.text, *step.notes, *step.warnings))
                found.append((squash(step.text), _runs(text), _Place(section.title, False)))
    return found


def _encoded(text: str, places: list[tuple[str, set[str], _Place]]) -> list[_Place]:
    """Where the shipped routine keeps the squashed sentence ``text`` whole (file order)."""
    found = []
    for squashed, runs, place in places:
        if place.as_title:
            if text == squashed or (len(text) >= PART_MINIMUM and text in squashed):
                found.append(place)
        elif text in runs:
            found.append(place)
    return found


def sentence_coverage(routine_id: str) -> Coverage:
    routine, draft, source = load(routine_id)
    places = _shipped_places(routine)
    paths = _paths(draft)
    items = [(squash(i.text), i.line, paths[i.section]) for i in draft.items]
    headings = [(squash(s.title), s.line, paths[s.id]) for s in draft.sections]
    source_sentences = [(s, squash(s.text)) for s in sentences(source)]
    occurrences: dict[str, list[int]] = defaultdict(list)
    for index, (_, text) in enumerate(source_sentences):
        occurrences[text].append(index)

    def placed_at(text: str, line: int, candidates: list[_Place]) -> tuple[bool, str]:
        holders = sorted((i for i in items if text in i[0]), key=lambda i: abs(i[1] - line))
        path = holders[0][2] if holders else []
        in_headings = [h[2] for h in headings if text in h[0]]
        for place in candidates:
            if place.as_title:
                if any(title_matches(place.title, found[0]) for found in in_headings):
                    return True, place.title
            elif any(title_matches(place.title, title) for title in path) or any(
                title_matches(place.title, title) for found in in_headings for title in found[1:]
            ):
                return True, path[0] if path else place.title
        return False, (path or [found[0] for found in in_headings] or [""])[0]

    placed, total, misses = 0, 0, []
    for index, (sentence, text) in enumerate(source_sentences):
        if not text:
            continue
        whole = _encoded(text, places)
        if whole:
            same = occurrences[text]
            if len(same) == len(whole) > 1:
                whole = [whole[same.index(index)]]
            parts = [(text, whole)]
        else:
            parts = [
                (squashed, [place])
                for squashed, _, place in places
                if not place.as_title and len(squashed) >= PART_MINIMUM and squashed in text
            ]
            if sum(len(part) for part in {part for part, _ in parts}) * 2 < len(text):
                continue  # the shipped routine does not encode this sentence in a section
        total += 1
        results = [placed_at(part, sentence.line, candidates) for part, candidates in parts]
        if all(ok for ok, _ in results):
            placed += 1
        else:
            where = next(where for ok, where in results if not ok)
            misses.append(Miss(sentence.line, sentence.text, parts[0][1][0].title, where))
    return Coverage(placed, total, tuple(misses))


def main() -> None:
    import sys

    verbose = "-v" in sys.argv
    for path in sorted(CHECKLISTS.glob("*.toml")):
        routine_id = path.stem
        items, found = item_coverage(routine_id), sentence_coverage(routine_id)
        conditions, actions = condition_coverage(routine_id), action_kinds(routine_id)
        false = action_kinds(routine_id, actions=False)
        print(
            f"{routine_id}: items {items.placed}/{items.total} = {items.share:.2f}, "
            f"sentences {found.placed}/{found.total} = {found.share:.2f}, "
            f"conditions {conditions.placed}/{conditions.total} = {conditions.share:.2f} "
            f"(+{conditions_in_comments(routine_id)} as a question in a TODO comment), "
            f"actions as åtgärd {actions.placed}/{actions.total} = {actions.share:.2f}, "
            f"information as åtgärd {false.placed}/{false.total}"
        )
        if verbose:
            for miss in conditions.misses:
                print(f"  no condition, rad {miss.line}: {miss.text[:90]!r}")
            for miss in actions.misses:
                print(f"  action as {miss.draft_section}, rad {miss.line}: {miss.text[:80]!r}")
        if verbose:
            for miss in found.misses:
                print(f"  rad {miss.line}: {miss.text[:90]!r}")
                print(f"      shipped: {miss.shipped_section[:60]!r}  draft: {miss.draft_section[:60]!r}")


if __name__ == "__main__":
    main()
