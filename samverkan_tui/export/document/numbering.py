"""Numbers in a printout. Items' references ("RVT 2.3") are ``core.routine.references``'s,
the one numbering the app, the plan and the binder share; here only what a printout adds
around them: the number before a top-level heading that has none of its own."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from samverkan_tui.core.routine.references import SOURCE_NUMBER
from samverkan_tui.export.document.model import Section


def heading_number(section: object, numbers: Mapping[str, str], depth: int) -> str:
    """The number printed before a top-level heading, unless its title starts with it."""
    title = getattr(section, "title", "")
    number = numbers.get(getattr(section, "id", ""), "")
    if depth or not number or SOURCE_NUMBER.match(title) or title.startswith(number):
        return ""  # a heading that carries the source's own number is printed as it is
    return number


def unstacked(sections: Sequence[Section]) -> tuple[Section, ...]:
    """The sections without the number of a heading whose next subheading starts with the
    same number: "3 Anmälan om oro" over "3 Samverkan i samband med …" reads as two
    chapters 3. The number added before a heading goes; a number in a phase's own name
    ("3 Anmälan om oro") is left out of the printed title."""
    out = list(sections)
    for index, section in enumerate(out[:-1]):
        below = out[index + 1]
        if below.level <= section.level:
            continue
        if section.number and below.title.startswith(f"{section.number} "):
            out[index] = dataclasses.replace(section, number="")
            continue
        own = SOURCE_NUMBER.match(section.title)
        if own and section.level == 0 and below.title.startswith(f"{own.group(1)} "):
            out[index] = dataclasses.replace(section, title=section.title[own.end() :])
    return tuple(out)
