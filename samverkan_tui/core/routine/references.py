"""Item references ("RVT 2.3"): the binder's address of every item, made in one place."""

from __future__ import annotations

import re

from samverkan_tui.core.routine.model import Routine

_PREFIX_SKIP = frozenset({"i", "och", "med", "av", "for", "vid", "om", "till", "pa"})
# A heading's own number ("2.1. Att fråga …", "3 Samverkan …"); a law's chapter and
# paragraph ("5 kap 1 § socialtjänstlagen", a heading over a quoted law) is no number.
SOURCE_NUMBER = re.compile(r"^(\d+(?:\.\d+)*)\.?\s(?!kap\b)")


def reference_prefix(routine: Routine) -> str:
    """The short prefix of a routine's references: ``RVT`` for ``rvt-bou``, ``BFS`` for
    ``botkyrka-forskola-skola``. A routine that names its own (``reference_prefix``) wins."""
    own = getattr(routine, "reference_prefix", "")
    if own:
        return str(own)
    parts = [part for part in routine.id.split("-") if part]
    if parts and len(parts[0]) <= 4:
        return parts[0].upper()
    initials = "".join(part[0] for part in parts if part not in _PREFIX_SKIP)
    return initials.upper()[:4] or routine.id.upper()


def section_numbers(routine: Routine) -> dict[str, str]:
    """Each section's number in references: the source's own wherever it has one.

    A section takes the number of the nearest heading on its path that carries one ("2.1.
    Att fråga om …" gives 2.1, the unnumbered list under "2.2. Att utreda våld" gives 2.2),
    so the binder and the source agree. Top-level headings the source leaves unnumbered
    ("Vilka barn menar vi?" before Botkyrka's "1 Samverkan …") are lettered A, B, C in
    order, so they never collide with a number of the source's. Only where the source's own
    numbers are not unique are the top-level headings counted 1, 2, 3 instead; reference
    text (``reference = true``) is then lettered, so it never shifts the steps' numbers.
    """
    top = [s for s in routine.sections if not s.parent]
    own = {s.id: m.group(1) for s in routine.sections if (m := SOURCE_NUMBER.match(s.title))}
    use_own = bool(own) and len(set(own.values())) == len(own)
    numbers: dict[str, str] = {}
    letters = iter("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    counted = 0
    for index, section in enumerate(top, start=1):
        if not use_own and section.reference:
            # Reference text (the source's background, read in the whole routine only) is
            # lettered, so adding it never renumbers the steps' references.
            numbers[section.id] = next(letters, str(index))
        elif not use_own:
            counted += 1
            numbers[section.id] = str(counted)
        elif section.id in own:
            numbers[section.id] = own[section.id]
        else:
            numbers[section.id] = next(letters, str(index))
    for section in routine.sections:
        path = routine.section_path(section.id)
        if not path:
            continue
        if use_own:
            numbered = [own[s.id] for s in path if s.id in own]
            numbers.setdefault(section.id, numbered[-1] if numbered else numbers.get(path[0].id, ""))
        else:
            numbers.setdefault(section.id, numbers.get(path[0].id, ""))
    return numbers


def item_references(routine: Routine) -> dict[str, str]:
    """Every item's stable reference, ``{step_id: "RVT 2.3"}``: prefix, the section's number
    (``section_numbers``), the item's place under that number (nested lists included), in
    file order.

    References are unambiguous: where the source's headings have numbers of more than one
    level, the item's place is set off by a colon ("EVNR 2.2:1"), so no item's reference
    reads as a heading's number of the source.

    The one place references are made: the app, the plan printout and the binder copy
    all call this, so "se pärmen, RVT 2.3" finds the same item in each. Information items
    are numbered too (a reference is for finding, not for ticking).
    """
    prefix = reference_prefix(routine)
    numbers = section_numbers(routine)
    # Where the source numbers its headings on more than one level (Ekerö's 3.1.3.1), the
    # item's place follows a colon: "EVNR 3.1.3:1" is item 1 under 3.1.3, never heading 3.1.3.1.
    place = ":" if any("." in n for n in numbers.values()) else "."
    counts: dict[str, int] = {}
    refs = {}
    for step in routine.steps:
        number = numbers.get(step.section, "")
        counts[number] = counts.get(number, 0) + 1
        at = f"{number}{place}{counts[number]}" if number else str(counts[number])
        refs[step.id] = f"{prefix} {at}"
    return refs
